"""Open the softphone's database: an SQLCipher file by default, or a shared PostgreSQL server."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from softphone.config.paths import user_paths
from softphone.storage.errors import DatabaseKeyError, StorageError
from softphone.storage.migrations import upgrade_to_head
from softphone.storage.postgres_engine import (
    check_postgres_reachable,
    create_postgres_engine,
    safe_url,
)
from softphone.storage.sqlite_engine import create_plain_sqlite_engine, create_sqlcipher_engine

log = logging.getLogger(__name__)

DATABASE_FILE_NAME = "softphone.db"


def default_sqlite_path() -> Path:
    return user_paths().data_dir / DATABASE_FILE_NAME


@dataclass
class Database:
    engine: Engine
    description: str  # where the data lives, safe to log and show: no key, no password
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Objects stay readable after commit: the GUI shows a saved note without a new query.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed if the block succeeds, rolled back if not."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_database(
    url: str | None,
    *,
    sqlite_path: Path | None = None,
    key: bytes | None,
    migrate: bool = True,
) -> Database:
    """Open the database named in settings and bring its schema to the newest version.

    - ``url`` None or "" (the default setting): the SQLCipher file at ``sqlite_path`` (default:
      ``<user data dir>/softphone.db``), encrypted with ``key``, 32 random bytes from the keyring.
    - ``postgresql://…`` or ``postgresql+psycopg://…``: the call centre's shared database;
      ``key`` is not used.
    - ``sqlite:///…``: an unencrypted SQLite file, for development and demos only.

    Raises DatabaseKeyError (wrong, missing or damaged key), DatabaseUnavailableError
    (PostgreSQL down or login refused) or StorageError (the file cannot be created or opened).
    """
    if not url:
        database = _open_sqlcipher(sqlite_path or default_sqlite_path(), key)
    else:
        database = _open_url(url)
    try:
        if migrate:
            upgrade_to_head(database.engine)
    except BaseException:
        database.close()
        raise
    log.info("Opened database: %s", database.description)
    return database


def _open_sqlcipher(path: Path, key: bytes | None) -> Database:
    if key is None:
        raise DatabaseKeyError(
            f"Cannot open the softphone database {path}: no database key was found. The key is "
            "kept in the OS keyring for this user."
        )
    engine = create_sqlcipher_engine(path, key)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with engine.connect():
            pass  # connecting reads page 1, so a wrong key fails here, with DatabaseKeyError
    except (OSError, OperationalError) as error:
        engine.dispose()
        # Unwritable folder, disk full, file locked by another program: a StorageError, so
        # the start-up dialog can show it.
        reason = error.orig if isinstance(error, OperationalError) else error.strerror or error
        raise StorageError(f"Cannot open the softphone database {path}: {reason}") from None
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, f"encrypted SQLite file {path}")


def _open_url(url: str) -> Database:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        engine = create_postgres_engine(parsed)
        check_postgres_reachable(engine)
        return Database(engine, f"PostgreSQL {safe_url(engine.url)}")
    if backend == "sqlite" and parsed.get_driver_name() == "pysqlite":
        log.warning(
            "Using an UNENCRYPTED SQLite database (%s): development and demos only",
            parsed.render_as_string(hide_password=True),
        )
        engine = create_plain_sqlite_engine(parsed)
        with engine.connect():
            pass
        return Database(engine, f"unencrypted SQLite {parsed.database or ':memory:'}")
    raise ValueError(
        f"unsupported database URL {parsed.render_as_string(hide_password=True)}: use "
        "postgresql+psycopg://… for a shared database, or no URL for the encrypted local file"
    )
