"""SQLCipher at rest: the key is required, and no note text reaches the disk in plaintext."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from softphone.storage import (
    Database,
    DatabaseKeyError,
    StorageError,
    generate_key,
    open_database,
)
from softphone.storage.notes import save_note

# Distinctive, so a hit in the raw bytes cannot be a coincidence.
SECRET_NOTE = "Patient reports chest pain since 04:00 - zebra-quartz-7731"


def raw_bytes_of(db_path: Path) -> dict[str, bytes]:
    """The main file and the WAL file, as they lie on disk."""
    files = {db_path.name: db_path.read_bytes()}
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        files[wal.name] = wal.read_bytes()
    return files


def files_containing(needle: str, db_path: Path) -> list[str]:
    # The note could also be stored as UTF-16 in some SQLite configurations: check both.
    encodings = [needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("utf-16-be")]
    return [
        name
        for name, content in raw_bytes_of(db_path).items()
        if any(encoded in content for encoded in encodings)
    ]


def test_encrypted_database_has_no_plaintext_note_in_file_or_wal(
    database: Database, db_path: Path
) -> None:
    with database.session() as session:
        save_note(session, "call-1", SECRET_NOTE, patient_ref="MRN-zebra-quartz")

    # Still open: the note sits in the WAL, not yet checkpointed into the main file.
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "WAL mode should be active"
    assert files_containing(SECRET_NOTE, db_path) == []
    assert files_containing("MRN-zebra-quartz", db_path) == []

    database.close()  # the last connection checkpoints the WAL into the main file
    assert files_containing(SECRET_NOTE, db_path) == []


def test_the_plaintext_check_does_find_a_note_in_an_unencrypted_file(tmp_path: Path) -> None:
    """The same check on a plain SQLite file finds the text, so the test above can fail."""
    plain_path = tmp_path / "plain.db"
    with open_database(f"sqlite:///{plain_path}", key=None) as plain:
        with plain.session() as session:
            save_note(session, "call-1", SECRET_NOTE)
        assert files_containing(SECRET_NOTE, plain_path) == ["plain.db-wal"]
    assert files_containing(SECRET_NOTE, plain_path) == ["plain.db"]


def test_wal_journal_mode_is_active_with_sqlcipher(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
        assert connection.exec_driver_sql("PRAGMA cipher_version").scalar()  # really SQLCipher


def test_the_file_header_is_not_sqlites_plaintext_header(database: Database, db_path: Path) -> None:
    assert not db_path.read_bytes().startswith(b"SQLite format 3\x00")


def test_reopening_with_the_wrong_key_raises_a_clear_key_error(
    database: Database, db_path: Path
) -> None:
    database.close()
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(None, sqlite_path=db_path, key=generate_key())
    message = str(raised.value)
    assert str(db_path) in message
    assert "key" in message
    assert "file is not a database" not in message  # driver-speak replaced by an explanation
    assert raised.value.__cause__ is None


def test_opening_without_a_key_fails(database: Database, db_path: Path) -> None:
    database.close()
    with pytest.raises(DatabaseKeyError, match="no database key"):
        open_database(None, sqlite_path=db_path, key=None)


def test_an_encrypted_file_cannot_be_read_without_its_key(
    database: Database, db_path: Path
) -> None:
    database.close()
    # Neither by plain SQLite (what a thief with the file has) ...
    with sqlite3.connect(db_path) as thief, pytest.raises(sqlite3.DatabaseError):
        thief.execute("SELECT * FROM notes").fetchall()
    # ... nor through our own code when told it is a plain SQLite file.
    with pytest.raises(DatabaseKeyError, match=str(db_path)):
        open_database(f"sqlite:///{db_path}", key=None)


def test_a_key_that_is_not_32_bytes_is_a_key_error(db_path: Path) -> None:
    with pytest.raises(DatabaseKeyError, match="exactly 32 bytes, got 10"):
        open_database(None, sqlite_path=db_path, key=b"passphrase")
    assert not db_path.exists()  # nothing created under a bad key


def test_key_never_appears_in_messages_or_reprs(
    database: Database, db_path: Path, key: bytes
) -> None:
    database.close()
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(None, sqlite_path=db_path, key=generate_key())
    texts = [str(raised.value), repr(database), repr(database.engine), str(database.engine.url)]
    for text in texts:
        assert key.hex() not in text.lower()


def test_generated_keys_are_random_32_bytes() -> None:
    first, second = generate_key(), generate_key()
    assert len(first) == len(second) == 32
    assert first != second


def test_an_unusable_location_is_a_storage_error(tmp_path: Path, key: bytes) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError, match="Cannot open the softphone database .*not-a-folder"):
        open_database(None, sqlite_path=blocker / "softphone.db", key=key)
