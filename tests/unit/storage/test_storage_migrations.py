"""Alembic migrations on an encrypted SQLite file: up, down, up again, and in step with models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError

from softphone.storage import Database, open_database
from softphone.storage.migrations import (
    SCRIPT_LOCATION,
    current_revision,
    downgrade_to_base,
    head_revision,
    upgrade_to_head,
)
from softphone.storage.models import Base
from softphone.storage.notes import get_note, save_note

APP_TABLES = {"notes", "call_records"}


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_migrations_are_packaged_inside_softphone_storage() -> None:
    assert SCRIPT_LOCATION.name == "migrations"
    assert SCRIPT_LOCATION.parent.name == "storage"
    for needed in ("env.py", "script.py.mako", "versions"):
        assert (SCRIPT_LOCATION / needed).exists(), needed


def test_open_database_upgrades_a_new_file_to_head(database: Database) -> None:
    assert current_revision(database.engine) == head_revision()
    assert APP_TABLES <= table_names(database.engine)


def test_migrations_go_down_to_base_and_up_again(database: Database) -> None:
    downgrade_to_base(database.engine)
    assert current_revision(database.engine) is None
    assert table_names(database.engine) & APP_TABLES == set()

    upgrade_to_head(database.engine)
    assert current_revision(database.engine) == head_revision()
    assert APP_TABLES <= table_names(database.engine)
    with database.session() as session:  # the re-created tables are usable
        save_note(session, "call-after-reupgrade", "still works")
    with database.session() as session:
        assert get_note(session, "call-after-reupgrade") is not None


def test_upgrading_an_up_to_date_database_is_a_no_op(database: Database) -> None:
    with database.session() as session:
        save_note(session, "call-1", "kept across restarts")
    upgrade_to_head(database.engine)
    with database.session() as session:
        assert get_note(session, "call-1") is not None


def test_reopening_an_existing_file_keeps_data(db_path: Path, key: bytes) -> None:
    with open_database(None, sqlite_path=db_path, key=key) as first:
        with first.session() as session:
            save_note(session, "call-1", "first run")
    with open_database(None, sqlite_path=db_path, key=key) as second:
        with second.session() as session:
            note = get_note(session, "call-1")
            assert note is not None and note.body == "first run"


def test_migrations_match_the_models(database: Database) -> None:
    """A model change without its migration shows up here as a non-empty autogenerate diff."""
    with database.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_open_database_can_skip_migrations(db_path: Path, key: bytes) -> None:
    with open_database(None, sqlite_path=db_path, key=key, migrate=False) as database:
        assert current_revision(database.engine) is None
        assert table_names(database.engine) == set()


def test_a_failing_migration_leaves_no_half_built_schema(db_path: Path, key: bytes) -> None:
    # sqlite3's legacy transaction mode would autocommit each CREATE TABLE; ours must not, or
    # the agent's database would be stuck between two schema versions after a failed upgrade.
    with open_database(None, sqlite_path=db_path, key=key, migrate=False) as database:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE notes (squatter INTEGER)")  # clash
        with pytest.raises(OperationalError, match="already exists"):
            upgrade_to_head(database.engine)
        assert current_revision(database.engine) is None
        assert "call_records" not in table_names(database.engine)  # created before the clash
