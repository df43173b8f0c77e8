"""PostgreSQL fixtures for the notes and audit tests (SOFTPHONE_TEST_PG_URL).

Each test gets its own schema (via the connection's search_path), dropped afterwards, as in
tests/integration/storage.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url

from softphone.storage import Database, open_database

PG_URL_VARIABLE = "SOFTPHONE_TEST_PG_URL"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        pytest.skip(
            f"{PG_URL_VARIABLE} is not set; start a server with "
            f'scripts/services/postgres.sh start && export {PG_URL_VARIABLE}="$('
            "scripts/services/postgres.sh url)\""
        )
    return url


@pytest.fixture
def schema_url(postgres_url: str) -> Iterator[str]:
    schema = f"test_{secrets.token_hex(6)}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield make_url(postgres_url).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        ).render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def pg_database(schema_url: str) -> Iterator[Database]:
    with open_database(schema_url, key=None) as database:
        yield database
