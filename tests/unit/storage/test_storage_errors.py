"""Connection failures for the PostgreSQL backend and bad URLs, without a server."""

from __future__ import annotations

import socket
import time

import pytest

from softphone.storage import DatabaseUnavailableError, open_database


def unused_local_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_postgres_raises_unavailable_without_the_password() -> None:
    password = "s3cret-Pa55word"
    url = f"postgresql+psycopg://agent:{password}@127.0.0.1:{unused_local_port()}/softphone"

    started = time.monotonic()
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(url, key=None)

    message = str(raised.value)
    assert password not in message
    assert "127.0.0.1" in message
    assert raised.value.__suppress_context__  # the driver's exception is not printed with it
    assert time.monotonic() - started < 30


def test_plain_postgresql_scheme_uses_psycopg() -> None:
    url = f"postgresql://agent:pw@127.0.0.1:{unused_local_port()}/softphone"
    with pytest.raises(DatabaseUnavailableError, match=r"postgresql\+psycopg://agent:\*\*\*@"):
        open_database(url, key=None)


def test_unsupported_url_is_rejected_by_name() -> None:
    with pytest.raises(ValueError, match="unsupported database URL mysql://u:\\*\\*\\*@h/db"):
        open_database("mysql://u:secret@h/db", key=None)
