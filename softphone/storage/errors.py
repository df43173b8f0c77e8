"""Errors the storage layer raises, worded for the agent, the log and IT alike.

They never contain note text, the SQLCipher key or a database password.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class: something is wrong with the softphone's database."""


class DatabaseKeyError(StorageError):
    """The encrypted database cannot be read with the key we have (wrong, missing, damaged)."""


class DatabaseUnavailableError(StorageError):
    """The shared PostgreSQL database cannot be reached or refused the login."""


class DatabaseInUseError(StorageError):
    """An operation that needs the database file to itself found it open elsewhere."""
