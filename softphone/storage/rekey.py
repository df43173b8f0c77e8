"""Change the key of an encrypted softphone database (key rotation, IT procedures).

Run it with the softphone closed: every open connection still uses the old key.
"""

from __future__ import annotations

import logging
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from softphone.storage.encryption_key import key_pragma
from softphone.storage.errors import DatabaseInUseError, DatabaseKeyError
from softphone.storage.sqlite_engine import NOT_A_DATABASE

log = logging.getLogger(__name__)

# Short: another process holding the file should fail the rekey fast, not hang IT's script.
LOCK_WAIT_SECONDS = 2.0


def rekey(sqlite_path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt every page of ``sqlite_path`` from ``old_key`` to ``new_key``.

    The new key must be stored (keyring) by the caller only after this returns.
    """
    if not sqlite_path.is_file():
        raise FileNotFoundError(f"no softphone database at {sqlite_path}")
    connection = sqlcipher.connect(str(sqlite_path), timeout=LOCK_WAIT_SECONDS)
    connection.isolation_level = None  # PRAGMA rekey manages its own transaction
    try:
        connection.execute(key_pragma("key", old_key))
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as error:
            if NOT_A_DATABASE in str(error):
                raise DatabaseKeyError(
                    f"Cannot rekey the softphone database {sqlite_path}: the old key is wrong."
                ) from None
            raise
        # Leaving WAL mode folds the WAL into the main file and needs every other connection
        # gone, which is exactly the guarantee rekey needs; the rekey then runs under a
        # rollback journal, so a crash leaves the file entirely under the old key.
        _set_journal_mode(connection, sqlite_path, "DELETE")
        connection.execute(key_pragma("rekey", new_key))
        _set_journal_mode(connection, sqlite_path, "WAL")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()
    log.info("Database key changed for %s", sqlite_path)


def _set_journal_mode(connection: sqlcipher.Connection, path: Path, mode: str) -> None:
    try:
        (actual,) = connection.execute(f"PRAGMA journal_mode = {mode}").fetchone()
    except sqlcipher.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseInUseError(
                f"Cannot rekey the softphone database {path}: it is open in another program. "
                "Close the softphone and try again."
            ) from None
        raise
    if actual.lower() != mode.lower():
        raise DatabaseInUseError(
            f"Cannot rekey the softphone database {path}: it is open in another program "
            f"(journal mode stays {actual}). Close the softphone and try again."
        )
