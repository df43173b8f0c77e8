"""Run the Alembic migrations packaged in this folder, from code (no alembic.ini needed).

These functions live in the package's ``__init__`` because ``softphone/storage/migrations/``
is both the Alembic script directory and the natural import path: a sibling
``migrations.py`` module would be shadowed by this folder.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from softphone.storage.errors import StorageError

log = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).resolve().parent

# Any constant bigint works; all softphones sharing a PostgreSQL database must use the same one.
POSTGRES_MIGRATION_LOCK_ID = 0x736F667470686F6E  # "softphon"


def upgrade_to_head(engine: Engine) -> None:
    with _migration_transaction(engine) as (config, connection):
        before = MigrationContext.configure(connection).get_current_revision()
        command.upgrade(config, "head")
        after = MigrationContext.configure(connection).get_current_revision()
    if before != after:
        log.info("Database schema upgraded from %s to %s", before or "empty", after)


def downgrade_to_base(engine: Engine) -> None:
    """Remove every table the migrations created (tests and uninstall tooling; deletes data)."""
    with _migration_transaction(engine) as (config, _connection):
        command.downgrade(config, "base")
    log.info("Database schema downgraded to base")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "no migrations found in " + str(SCRIPT_LOCATION)
    return head


def _alembic_config() -> Config:
    config = Config()
    # ConfigParser interpolation would treat a '%' in the install path as a placeholder.
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    return config


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[tuple[Config, Connection]]:
    """One transaction around all migration steps: they apply completely or not at all."""
    config = _alembic_config()
    with engine.connect() as connection:
        is_sqlite = connection.dialect.name == "sqlite"
        if is_sqlite:
            # SQLite's way to rebuild tables (Alembic batch mode) needs foreign keys off, and
            # the pragma is ignored inside a transaction, so set it on the raw connection first.
            _raw_execute(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Agents starting at the same time would race to create the same tables;
                    # the lock makes later ones wait, then find the schema already at head.
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:lock_id)"),
                        {"lock_id": POSTGRES_MIGRATION_LOCK_ID},
                    )
                config.attributes["connection"] = connection
                yield config, connection
                if is_sqlite:
                    _fail_on_foreign_key_violations(connection)
        finally:
            if is_sqlite:
                _raw_execute(connection, "PRAGMA foreign_keys = ON")


def _raw_execute(connection: Connection, statement: str) -> None:
    # Outside SQLAlchemy's transaction handling, which would emit BEGIN first.
    connection.connection.driver_connection.execute(statement)  # type: ignore[union-attr]


def _fail_on_foreign_key_violations(connection: Connection) -> None:
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if violations:
        tables = sorted({row[0] for row in violations})
        raise StorageError(f"migration left broken foreign keys in tables: {', '.join(tables)}")
