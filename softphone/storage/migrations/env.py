"""Alembic environment.

The application runs migrations through ``softphone.storage.migrations.upgrade_to_head``, which
hands us an open connection inside a transaction. Developers can also use the alembic CLI with
the ini file next to this one and a plain database URL, for example::

    alembic -c softphone/storage/migrations/alembic.ini -x url=sqlite:///dev.db upgrade head
    alembic -c softphone/storage/migrations/alembic.ini -x url=sqlite:///dev.db \
        revision --autogenerate -m "add escalations"
    alembic -c softphone/storage/migrations/alembic.ini -x url=postgresql+psycopg://… \
        upgrade head --sql   # DDL for a DBA to review
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, create_engine

from softphone.storage.models import Base
from softphone.storage.utc_datetime import UTCDateTime

config = context.config
target_metadata = Base.metadata

given_connection = config.attributes.get("connection")
if given_connection is None and config.config_file_name is not None:
    # Only for the CLI: inside the application, logging is the application's business.
    fileConfig(config.config_file_name)


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    """Autogenerate writes plain SQLAlchemy types, so migrations never import application code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def url_from_command_line() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give a database URL: alembic -x url=sqlite:///dev.db …")
    return url


if context.is_offline_mode():
    offline_url = url_from_command_line()
    context.configure(
        url=offline_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=offline_url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()
elif given_connection is not None:
    configure_and_run(given_connection)
else:
    with create_engine(url_from_command_line()).begin() as cli_connection:
        configure_and_run(cli_connection)
