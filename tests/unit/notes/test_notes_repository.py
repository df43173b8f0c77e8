"""Call notes: editable drafts until wrap-up closes, then versions; every step audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from softphone.audit import verify_audit_chain
from softphone.notes import (
    NoteClosedError,
    NoteDraft,
    NoteNotClosedError,
    NoteNotFoundError,
    amend_note,
    close_note,
    find_unfinished_notes,
    get_call_note,
    link_escalation,
    note_versions,
    save_draft,
)
from softphone.storage import Database
from softphone.storage.models import AuditEntry
from softphone.storage.utc_datetime import utc_now

DRAFT = NoteDraft(
    reason_for_call="Chest discomfort",
    symptom_codes=("chest_pain", "dizziness"),
    free_text="Since this morning, worse on exertion.",
    disposition="escalated",
    patient_ref="Patient/123",
)


def audit_actions(database: Database) -> list[tuple[str, str, str | None]]:
    with database.session() as session:
        return [
            (entry.actor, entry.action, entry.subject)
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.sequence))
        ]


def test_first_save_creates_the_note_and_later_saves_overwrite_it(database: Database) -> None:
    with database.session() as session:
        first = save_draft(session, "call-1", "agent-1", NoteDraft(free_text="Since"))
    with database.session() as session:
        second = save_draft(session, "call-1", "agent-1", DRAFT)
    assert first.created and not second.created
    with database.session() as session:
        note = get_call_note(session, "call-1")
        assert note is not None
        assert NoteDraft.of(note) == DRAFT
        assert (note.agent_id, note.current_version, note.closed_at) == ("agent-1", 0, None)
        assert note.updated_at >= note.created_at
        assert note_versions(session, "call-1") == []  # no versions while the note is open
    assert audit_actions(database) == [("agent-1", "note_created", "call:call-1")]


def test_closing_freezes_the_note_as_version_1(database: Database) -> None:
    with database.session() as session:
        save_draft(session, "call-1", "agent-1", NoteDraft(free_text="draft"))
    with database.session() as session:
        version = close_note(session, "call-1", "agent-1", DRAFT)
    assert (version.version, version.author_id) == (1, "agent-1")
    with database.session() as session:
        note = get_call_note(session, "call-1")
        assert note is not None and note.closed_at is not None and note.current_version == 1
        assert NoteDraft.of(note) == NoteDraft.of(version) == DRAFT
        with pytest.raises(NoteClosedError):
            save_draft(session, "call-1", "agent-1", NoteDraft(free_text="too late"))
    with database.session() as session:
        assert NoteDraft.of(get_call_note(session, "call-1")) == DRAFT  # the late save changed nothing
    assert [action for _, action, _ in audit_actions(database)] == ["note_created", "note_closed"]


def test_amendments_are_new_versions_with_their_author_and_time(database: Database) -> None:
    with database.session() as session:
        close_note(session, "call-1", "agent-1", DRAFT)
    amended = NoteDraft(reason_for_call="Chest discomfort", free_text="Correction: since yesterday.")
    later = utc_now() + timedelta(minutes=5)
    with database.session() as session:
        version = amend_note(session, "call-1", "supervisor-7", amended, now=later)
    assert (version.version, version.author_id, version.saved_at) == (2, "supervisor-7", later)
    with database.session() as session:
        versions = note_versions(session, "call-1")
        assert [(v.version, v.author_id) for v in versions] == [(1, "agent-1"), (2, "supervisor-7")]
        assert NoteDraft.of(versions[0]) == DRAFT  # the original is kept untouched
        note = get_call_note(session, "call-1")
        assert note is not None and note.current_version == 2
        assert NoteDraft.of(note) == amended  # the current content is the latest version
    assert audit_actions(database)[-1] == ("supervisor-7", "note_amended", "call:call-1")
    assert verify_audit_chain(database).ok


def test_versions_cannot_be_changed_or_deleted(database: Database) -> None:
    with database.session() as session:
        close_note(session, "call-1", "agent-1", DRAFT)
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("UPDATE call_note_versions SET free_text = 'rewritten'"))
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("DELETE FROM call_note_versions"))


def test_wrong_lifecycle_steps_are_refused(database: Database) -> None:
    with database.session() as session:
        with pytest.raises(NoteNotFoundError):
            close_note(session, "nowhere", "agent-1")
        with pytest.raises(NoteNotFoundError):
            amend_note(session, "nowhere", "agent-1", DRAFT)
        save_draft(session, "call-1", "agent-1", DRAFT)
        with pytest.raises(NoteNotClosedError):
            amend_note(session, "call-1", "agent-1", DRAFT)
        close_note(session, "call-1", "agent-1")
        with pytest.raises(NoteClosedError):
            close_note(session, "call-1", "agent-1")


def test_a_note_closed_before_its_first_autosave_is_created_closed(database: Database) -> None:
    with database.session() as session:
        version = close_note(session, "short-call", "agent-1", DRAFT)
    assert version.version == 1
    assert [action for _, action, _ in audit_actions(database)] == ["note_created", "note_closed"]


def test_escalations_accumulate_and_survive_autosaves(database: Database) -> None:
    with database.session() as session:
        link_escalation(session, "call-1", "agent-1", "esc-1")  # before any typing
        save_draft(session, "call-1", "agent-1", DRAFT)
        link_escalation(session, "call-1", "agent-1", "esc-2")
        link_escalation(session, "call-1", "agent-1", "esc-2")  # idempotent
        save_draft(session, "call-1", "agent-1", DRAFT)
        note = get_call_note(session, "call-1")
        assert note is not None and note.escalation_ids == ["esc-1", "esc-2"]
        close_note(session, "call-1", "agent-1")
        link_escalation(session, "call-1", "agent-1", "esc-3")  # after close: an amendment
        versions = note_versions(session, "call-1")
    assert [(v.version, v.escalation_ids) for v in versions] == [
        (1, ["esc-1", "esc-2"]),
        (2, ["esc-1", "esc-2", "esc-3"]),
    ]


def test_unfinished_notes_are_found_for_their_agent_newest_first(database: Database) -> None:
    now = utc_now()
    with database.session() as session:
        save_draft(session, "old", "agent-1", DRAFT, now=now - timedelta(hours=1))
        save_draft(session, "new", "agent-1", DRAFT, now=now)
        save_draft(session, "other-agent", "agent-2", DRAFT, now=now)
        save_draft(session, "closed", "agent-1", DRAFT, now=now)
        close_note(session, "closed", "agent-1")
    with database.session() as session:
        assert [note.call_id for note in find_unfinished_notes(session, "agent-1")] == ["new", "old"]
        assert len(find_unfinished_notes(session)) == 3


def test_drafts_validate_codes_without_echoing_values() -> None:
    with pytest.raises(ValueError) as raised:
        NoteDraft(symptom_codes=("Chest pain since Tuesday",))
    assert "Tuesday" not in str(raised.value)
    assert "Maria" not in repr(NoteDraft(free_text="Maria Lopez, DOB 1980"))


def test_note_reprs_carry_no_phi(database: Database) -> None:
    with database.session() as session:
        save_draft(session, "call-1", "agent-1", DRAFT)
        version = close_note(session, "call-1", "agent-1")
        note = get_call_note(session, "call-1")
    assert "exertion" not in repr(note) and "Patient/123" not in repr(note)
    assert "exertion" not in repr(version)
