"""Key rotation with PRAGMA rekey."""

from __future__ import annotations

from pathlib import Path

import pytest

from softphone.storage import (
    Database,
    DatabaseInUseError,
    DatabaseKeyError,
    generate_key,
    open_database,
    rekey,
)
from softphone.storage.notes import get_note, save_note


def save_sample_note(database: Database) -> None:
    with database.session() as session:
        save_note(session, "call-1", "survives the rekey")


def test_rekey_then_new_key_opens_and_old_key_fails(
    database: Database, db_path: Path, key: bytes
) -> None:
    save_sample_note(database)
    database.close()
    new_key = generate_key()

    rekey(db_path, key, new_key)

    with open_database(None, sqlite_path=db_path, key=new_key) as reopened:
        with reopened.session() as session:
            note = get_note(session, "call-1")
            assert note is not None and note.body == "survives the rekey"
        with reopened.engine.connect() as connection:  # back in WAL mode for the app
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    with pytest.raises(DatabaseKeyError):
        open_database(None, sqlite_path=db_path, key=key)


def test_rekey_with_the_wrong_old_key_changes_nothing(
    database: Database, db_path: Path, key: bytes
) -> None:
    save_sample_note(database)
    database.close()

    with pytest.raises(DatabaseKeyError, match="old key is wrong"):
        rekey(db_path, generate_key(), generate_key())

    with open_database(None, sqlite_path=db_path, key=key) as reopened:
        with reopened.session() as session:
            assert get_note(session, "call-1") is not None


def test_rekey_refuses_while_the_database_is_open(
    database: Database, db_path: Path, key: bytes
) -> None:
    save_sample_note(database)  # leaves a pooled connection open, as the running app would

    with pytest.raises(DatabaseInUseError, match="Close the softphone"):
        rekey(db_path, key, generate_key())

    with database.session() as session:  # the open database still works with its key
        assert get_note(session, "call-1") is not None
    database.close()
    with open_database(None, sqlite_path=db_path, key=key):
        pass


def test_rekey_of_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no softphone database"):
        rekey(tmp_path / "absent.db", generate_key(), generate_key())
