"""Storage adapter: SQLAlchemy engine and sessions, Alembic migrations, SQLCipher encryption.

Typical start-up::

    key = <32 bytes from the OS keyring, or generate_key() on first run>
    database = open_database(settings.database_url, key=key)   # migrates to head
    with database.session() as session:
        save_note(session, call_id, text)
"""

from softphone.storage.database import Database, default_sqlite_path, open_database
from softphone.storage.encryption_key import KEY_LENGTH_BYTES, generate_key
from softphone.storage.errors import (
    DatabaseInUseError,
    DatabaseKeyError,
    DatabaseUnavailableError,
    StorageError,
)
from softphone.storage.rekey import rekey

__all__ = [
    "KEY_LENGTH_BYTES",
    "Database",
    "DatabaseInUseError",
    "DatabaseKeyError",
    "DatabaseUnavailableError",
    "StorageError",
    "default_sqlite_path",
    "generate_key",
    "open_database",
    "rekey",
]
