"""The storage layer on a real PostgreSQL server (SOFTPHONE_TEST_PG_URL)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, make_url
from sqlalchemy.exc import ProgrammingError

from softphone.storage import Database, DatabaseUnavailableError, open_database
from softphone.storage.migrations import (
    current_revision,
    downgrade_to_base,
    head_revision,
    upgrade_to_head,
)
from softphone.storage.models import Base, CallDirection, CallRecord
from softphone.storage.notes import get_note, save_note

pytestmark = pytest.mark.integration

APP_TABLES = {"notes", "call_records"}


def table_names(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names())


def test_open_database_migrates_to_head(schema_url: str) -> None:
    with open_database(schema_url, key=None) as database:
        assert database.engine.dialect.name == "postgresql"
        assert current_revision(database.engine) == head_revision()
        assert APP_TABLES <= table_names(database)


def test_migrations_go_down_to_base_and_up_again(schema_url: str) -> None:
    with open_database(schema_url, key=None) as database:
        downgrade_to_base(database.engine)
        assert current_revision(database.engine) is None
        assert table_names(database) & APP_TABLES == set()

        upgrade_to_head(database.engine)
        assert current_revision(database.engine) == head_revision()
        with database.session() as session:
            save_note(session, "call-1", "after re-upgrade")
        with database.session() as session:
            assert get_note(session, "call-1") is not None


def test_migrations_match_the_models(schema_url: str) -> None:
    with open_database(schema_url, key=None) as database:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []


def test_note_round_trip(schema_url: str) -> None:
    with open_database(schema_url, key=None) as database:
        with database.session() as session:
            first = save_note(session, "call-1", "draft", patient_ref="P-1")
        with database.session() as session:
            second = save_note(session, "call-1", "draft, finished", patient_ref="P-2")
        with database.session() as session:
            note = get_note(session, "call-1")
            assert note is not None
            assert (note.id, note.body, note.patient_ref) == (first.id, "draft, finished", "P-2")
            assert note.created_at == first.created_at
            assert note.updated_at >= first.updated_at
            assert note.created_at.tzinfo == timezone.utc
        assert second.id == first.id


def test_times_come_back_as_utc_whatever_the_session_time_zone(schema_url: str) -> None:
    url = make_url(schema_url)
    options = url.query["options"] + " -ctimezone=Pacific/Auckland"
    local_url = url.update_query_dict({"options": options}).render_as_string(hide_password=False)
    started = datetime(2026, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    with open_database(local_url, key=None) as database:
        with database.session() as session:
            session.add(
                CallRecord(
                    call_id="c-1",
                    direction=CallDirection.OUTBOUND,
                    remote_party="sip:clinic@pbx",
                    started_at=started,
                )
            )
        with database.session() as session:
            record = session.query(CallRecord).one()
            assert record.started_at == started
            assert record.started_at.tzinfo == timezone.utc
            assert record.direction is CallDirection.OUTBOUND


def test_a_failing_migration_leaves_no_half_built_schema(schema_url: str) -> None:
    with open_database(schema_url, key=None, migrate=False) as database:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE notes (squatter INTEGER)")
        with pytest.raises(ProgrammingError, match="already exists"):
            upgrade_to_head(database.engine)
        assert current_revision(database.engine) is None
        assert "call_records" not in table_names(database)


# Each agent is its own process (Alembic's `context` is process-global, so threads would not
# be a faithful model). They import everything, say "ready", then start together on "go".
AGENT_START_SCRIPT = """
import sys, time, pathlib
import alembic.command, psycopg, sqlalchemy.dialects.postgresql.psycopg  # warm: no lazy imports
from softphone.storage import open_database
print("ready", flush=True)
go = pathlib.Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
open_database(sys.argv[1], key=None).close()
"""


def test_agents_starting_together_migrate_once(schema_url: str, tmp_path: Path) -> None:
    """Several softphones opening a fresh shared database at once must all succeed."""
    go = tmp_path / "go"
    agents = [
        subprocess.Popen(
            [sys.executable, "-c", AGENT_START_SCRIPT, schema_url, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(4)
    ]
    try:
        for agent in agents:
            assert agent.stdout is not None and agent.stdout.readline() == "ready\n"
        go.touch()
        outputs = [agent.communicate(timeout=120)[0] for agent in agents]
    finally:
        for agent in agents:
            if agent.poll() is None:
                agent.kill()
    assert [agent.returncode for agent in agents] == [0, 0, 0, 0], "\n".join(outputs)
    with open_database(schema_url, key=None, migrate=False) as database:
        assert current_revision(database.engine) == head_revision()


def test_wrong_password_raises_unavailable_without_the_password(postgres_url: str) -> None:
    wrong_password = "Wr0ng-pa55word-xyz"
    url = make_url(postgres_url).set(password=wrong_password).render_as_string(
        hide_password=False
    )
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(url, key=None)
    message = str(raised.value)
    assert "password authentication failed" in message
    assert wrong_password not in message
    assert make_url(postgres_url).password not in message
