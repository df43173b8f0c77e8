"""Engine for the call centre's shared PostgreSQL database (psycopg 3)."""

from __future__ import annotations

from sqlalchemy import URL, Engine, create_engine
from sqlalchemy.exc import DBAPIError

from softphone.storage.errors import DatabaseUnavailableError

CONNECT_TIMEOUT_SECONDS = 5


def create_postgres_engine(url: URL) -> Engine:
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship
    return create_engine(
        url,
        # Connections to a shared server get dropped (failover, idle timeouts): test on checkout.
        pool_pre_ping=True,
        # Exception messages must not carry bound values (note text, patient references).
        hide_parameters=True,
        connect_args={
            # An unreachable server must fail in seconds, not after the OS TCP timeout.
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": "softphone",
        },
    )


def check_postgres_reachable(engine: Engine) -> None:
    """Connect once, turning any failure into DatabaseUnavailableError without the password."""
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        raise DatabaseUnavailableError(
            f"Cannot connect to the shared database {safe_url(engine.url)}: "
            f"{_driver_reason(error, engine.url)}"
        ) from None  # the chained DBAPI error is dropped: its args could echo connection settings


def safe_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _driver_reason(error: DBAPIError, url: URL) -> str:
    reason = str(error.orig).strip() or type(error.orig).__name__
    if url.password:
        reason = reason.replace(str(url.password), "***")
    return " ".join(reason.split())  # one line for logs and dialogs
