"""Engines for SQLite files: SQLCipher-encrypted (the default) or plain (explicit sqlite:// URL)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from softphone.storage.encryption_key import raw_key_literal
from softphone.storage.errors import DatabaseKeyError

BUSY_TIMEOUT_MS = 5000

# What SQLite/SQLCipher says when the first page cannot be decrypted or parsed.
NOT_A_DATABASE = "file is not a database"


def create_sqlcipher_engine(path: Path, key: bytes) -> Engine:
    # The pysqlcipher dialect runs `PRAGMA key = "<password>"` first thing on every connection;
    # our password is the raw-key literal. URL rendering and engine repr hide the password.
    url = URL.create("sqlite+pysqlcipher", password=raw_key_literal(key), database=str(path))
    return _create_sqlite_engine(url, path)


def create_plain_sqlite_engine(url: URL) -> Engine:
    path = Path(url.database) if url.database and url.database != ":memory:" else None
    return _create_sqlite_engine(url, path)


def _create_sqlite_engine(url: URL, path: Path | None) -> Engine:
    # The pysqlcipher dialect defaults to SingletonThreadPool, which closes other threads'
    # connections non-deterministically; a normal pool suits GUI + worker threads.
    # (An in-memory database keeps the dialect's default: each connection would be a new DB.)
    pool_options: dict[str, Any] = {} if path is None else {"poolclass": QueuePool}
    engine = create_engine(
        url,
        **pool_options,
        connect_args={"check_same_thread": False},
        # Exception messages must not carry bound values (note text, patient references).
        hide_parameters=True,
    )
    event.listen(engine, "connect", _connection_setup(path))
    event.listen(engine, "begin", _emit_begin)
    return engine


def _connection_setup(path: Path | None) -> Callable[[Any, ConnectionPoolEntry], None]:
    def on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # sqlite3's legacy transaction handling would not BEGIN before DDL or SELECT, so a
        # failed migration would leave a half-changed schema; SQLAlchemy emits BEGIN instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            _check_readable(cursor, path)
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                # WAL: readers never block the note writer; SQLCipher encrypts WAL frames too.
                cursor.execute("PRAGMA journal_mode = WAL")
                # FULL (not NORMAL): a committed note survives a power cut; at ~1 save/s the
                # extra fsync costs nothing noticeable.
                cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    return on_connect


def _check_readable(cursor: Any, path: Path | None) -> None:
    """Read page 1 now, so a wrong key fails here with a clear error, not in some later query."""
    try:
        cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as error:  # the DBAPI module differs (sqlite3 / sqlcipher3)
        if NOT_A_DATABASE in str(error):
            raise DatabaseKeyError(_key_error_message(path)) from None
        raise


def _key_error_message(path: Path | None) -> str:
    return (
        f"Cannot open the softphone database {path}: it cannot be decrypted with the key given "
        "(wrong or missing key), or it is not a database file. Check that the OS keyring "
        "holds this user's softphone database key."
    )


def _emit_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")
