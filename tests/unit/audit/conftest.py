"""Real SQLCipher files in tmp_path, migrated to head; no mocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.storage import Database, generate_key, open_database


@pytest.fixture
def key() -> bytes:
    return generate_key()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "softphone.db"


@pytest.fixture
def database(db_path: Path, key: bytes) -> Iterator[Database]:
    with open_database(None, sqlite_path=db_path, key=key) as database:
        yield database
