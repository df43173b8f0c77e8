"""The SQLCipher key: 32 random bytes, used as raw key data.

A raw key skips SQLCipher's PBKDF2 key derivation, which costs tens to hundreds of milliseconds
on every new connection; the key is random and lives in the OS keyring, so stretching it buys
nothing. SQLCipher reads a key string of the form ``x'<64 hex digits>'`` as raw key data.
"""

from __future__ import annotations

import secrets

from softphone.storage.errors import DatabaseKeyError

KEY_LENGTH_BYTES = 32


def generate_key() -> bytes:
    """A new random 256-bit database key, for the caller to store in the OS keyring."""
    return secrets.token_bytes(KEY_LENGTH_BYTES)


def raw_key_literal(key: bytes) -> str:
    """The key as SQLCipher's raw-key string ``x'…'`` (without the surrounding pragma quotes)."""
    if not isinstance(key, (bytes, bytearray)):
        raise TypeError(f"the database key must be bytes, not {type(key).__name__}")
    if len(key) != KEY_LENGTH_BYTES:
        # A StorageError, so the start-up dialog explains a damaged keyring entry instead of
        # crashing. Only the length is reported: the key must never reach a message or a log.
        raise DatabaseKeyError(
            f"The softphone database key must be exactly {KEY_LENGTH_BYTES} bytes, got "
            f"{len(key)}: the key stored in the OS keyring is damaged or not a softphone key."
        )
    return f"x'{bytes(key).hex()}'"


def key_pragma(pragma: str, key: bytes) -> str:
    """``PRAGMA key = "x'…'"`` (or ``rekey``); the double quotes make the literal one token."""
    return f"PRAGMA {pragma} = \"{raw_key_literal(key)}\""
