"""Call notes on a real PostgreSQL server: search, versions, append-only, migrations."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from softphone.audit import verify_audit_chain
from softphone.notes import (
    NoteAutosaver,
    NoteDraft,
    amend_note,
    close_note,
    get_call_note,
    note_versions,
    save_draft,
    search_notes,
)
from softphone.storage import Database
from softphone.storage.migrations import current_revision, downgrade_to_base, head_revision, upgrade_to_head

pytestmark = pytest.mark.integration

NEW_TABLES = {"call_notes", "call_note_versions", "audit_log", "audit_chain_head"}


def add_note(database: Database, call_id: str, free_text: str, reason: str = "") -> None:
    with database.session() as session:
        save_draft(session, call_id, "agent-1", NoteDraft(reason_for_call=reason, free_text=free_text))


def found(database: Database, query: str, limit: int = 20) -> list[str]:
    with database.session() as session:
        return [hit.call_id for hit in search_notes(session, query, limit)]


def test_search_matches_every_word_with_a_prefix_for_the_last(pg_database: Database) -> None:
    add_note(pg_database, "c-1", "Caller reports chest pain and nausea")
    add_note(pg_database, "c-2", "Nausea after new medication")
    assert found(pg_database, "NAUSEA ") == ["c-2", "c-1"]
    assert found(pg_database, "chest nau") == ["c-1"]
    assert found(pg_database, "chest nau ") == []
    assert found(pg_database, "fever") == []


def test_search_finds_the_reason_or_the_free_text_newest_first(pg_database: Database) -> None:
    add_note(pg_database, "in-reason", "patient otherwise fine today", reason="rash")
    add_note(pg_database, "in-text", "patient mentions a rash on the arm, otherwise fine", reason="follow-up")
    assert found(pg_database, "rash ") == ["in-text", "in-reason"]
    for call_id in ("first", "second", "third"):
        add_note(pg_database, call_id, "identical text about dizziness")
    assert found(pg_database, "dizziness ") == ["third", "second", "first"]
    assert len(found(pg_database, "dizziness", limit=2)) == 2


@pytest.mark.parametrize("query", ['"', "NOT", "chest & !", "*", "(", "chest:pain", "'; DROP TABLE call_notes; --", "", "a:*|b"])
def test_query_syntax_cannot_break_the_search(pg_database: Database, query: str) -> None:
    add_note(pg_database, "c-1", "chest pain")
    found(pg_database, query)
    assert found(pg_database, "chest:pain") == ["c-1"]


def test_search_follows_edits_and_amendments(pg_database: Database) -> None:
    add_note(pg_database, "c-1", "suspected migraine")
    add_note(pg_database, "c-1", "suspected tension headache")
    assert found(pg_database, "migraine ") == []
    with pg_database.session() as session:
        close_note(session, "c-1", "agent-1")
        amend_note(session, "c-1", "agent-2", NoteDraft(free_text="confirmed cluster headache"))
    assert found(pg_database, "tension ") == []
    assert found(pg_database, "cluster ") == ["c-1"]


def test_versions_are_append_only(pg_database: Database) -> None:
    with pg_database.session() as session:
        close_note(session, "c-1", "agent-1", NoteDraft(free_text="original"))
    for statement in (
        "UPDATE call_note_versions SET free_text = 'rewritten'",
        "DELETE FROM call_note_versions",
        "TRUNCATE call_note_versions CASCADE",
        "UPDATE audit_log SET actor = 'x'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ):
        with pytest.raises(DBAPIError, match="append-only"), pg_database.session() as session:
            session.execute(text(statement))
    with pg_database.session() as session:
        assert [version.free_text for version in note_versions(session, "c-1")] == ["original"]


def test_concurrent_amendments_get_distinct_versions(pg_database: Database) -> None:
    with pg_database.session() as session:
        close_note(session, "c-1", "agent-1", NoteDraft(free_text="v1"))
    errors: list[BaseException] = []

    def amend(author: str) -> None:
        try:
            for index in range(5):
                with pg_database.session() as session:
                    amend_note(session, "c-1", author, NoteDraft(free_text=f"{author} {index}"))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=amend, args=(f"agent-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with pg_database.session() as session:
        versions = note_versions(session, "c-1")
        note = get_call_note(session, "c-1")
    assert [version.version for version in versions] == list(range(1, 22))
    assert note is not None and note.current_version == 21
    assert NoteDraft.of(note) == NoteDraft.of(versions[-1])
    assert verify_audit_chain(pg_database).ok


def test_the_autosaver_works_on_postgres(pg_database: Database) -> None:
    saver = NoteAutosaver(pg_database, "c-1", "agent-1")
    saver.update(NoteDraft(free_text="typed on a shared database"))
    assert saver.close()
    with pg_database.session() as session:
        note = get_call_note(session, "c-1")
    assert note is not None and note.free_text == "typed on a shared database"


def test_migrations_go_down_and_up_with_search_and_triggers(pg_database: Database) -> None:
    add_note(pg_database, "c-1", "before downgrade")
    downgrade_to_base(pg_database.engine)
    assert current_revision(pg_database.engine) is None
    assert NEW_TABLES & set(inspect(pg_database.engine).get_table_names()) == set()
    with pg_database.engine.connect() as connection:
        functions = connection.execute(
            text("SELECT count(*) FROM pg_proc WHERE proname = 'softphone_refuse_change'")
        ).scalar_one()
    assert functions == 0
    upgrade_to_head(pg_database.engine)
    assert current_revision(pg_database.engine) == head_revision()
    add_note(pg_database, "c-2", "after upgrade")
    assert found(pg_database, "upgrade ") == ["c-2"]
    with pytest.raises(DBAPIError, match="append-only"), pg_database.session() as session:
        session.execute(text("DELETE FROM audit_log"))


def test_the_search_migration_goes_down_and_up_keeping_the_notes(pg_database: Database) -> None:
    from alembic import command

    from softphone.storage.migrations import _migration_transaction

    add_note(pg_database, "c-1", "Náusea y mareo, temp 37.5")

    def document() -> str:
        with pg_database.session() as session:
            return session.execute(text("SELECT search_document::text FROM call_notes")).scalar_one()

    assert "'~10.0':" in document() and "'nausea':" in document() and "'37':" in document()
    with _migration_transaction(pg_database.engine) as (config, _connection):
        command.downgrade(config, "0003")
    assert current_revision(pg_database.engine) == "0003"
    # Revision 0002's column again: weighted, no blocks, accents and "37.5" kept as they were.
    assert "'~10.0'" not in document() and "'náusea':1B" in document() and "'37.5':" in document()
    upgrade_to_head(pg_database.engine)
    assert "'~10.0':" in document()
    assert found(pg_database, "nausea 37 ") == ["c-1"]
    with pg_database.engine.connect() as connection:
        options = connection.execute(
            text("SELECT reloptions FROM pg_class WHERE relname = 'ix_call_notes_search_document' "
                 "AND relnamespace = current_schema()::regnamespace")
        ).scalar_one()
    assert options == ["fastupdate=off"]
