"""PostgreSQL fixtures shared by the storage, notes and audit tests (SOFTPHONE_TEST_PG_URL).

`make test` starts a throw-away server (scripts/services/postgres.sh) and sets the variable. Each
test gets its own schema (via the connection's search_path), dropped afterwards, so tests are
independent and the suite can be re-run against the same server. Import the fixtures into a
conftest.py to use them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url

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
    """A URL whose connections see only a fresh, empty schema."""
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
