"""Fixtures for the PostgreSQL storage tests: a fresh schema per test (tests/support/postgres_schema.py)."""

from tests.support.postgres_schema import postgres_url, schema_url  # noqa: F401 (fixtures)
