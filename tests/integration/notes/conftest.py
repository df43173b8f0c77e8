"""PostgreSQL fixtures for the notes and audit tests: a fresh schema per test, and a database on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from softphone.storage import Database, open_database
from tests.support.postgres_schema import postgres_url, schema_url  # noqa: F401 (fixtures)


@pytest.fixture
def pg_database(schema_url: str) -> Iterator[Database]:
    with open_database(schema_url, key=None) as database:
        yield database
