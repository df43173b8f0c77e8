"""Notes round-trip through the real encrypted database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from softphone.storage import Database
from softphone.storage.models import CallDirection, CallRecord, Note
from softphone.storage.notes import get_note, save_note


def test_note_round_trip(database: Database) -> None:
    with database.session() as session:
        save_note(session, "call-1", "Caller asks for repeat prescription", patient_ref="P-42")

    with database.session() as session:
        note = get_note(session, "call-1")
        assert note is not None
        assert note.body == "Caller asks for repeat prescription"
        assert note.patient_ref == "P-42"
        assert note.created_at.tzinfo == timezone.utc
        assert note.updated_at.tzinfo == timezone.utc
        assert abs(datetime.now(timezone.utc) - note.created_at) < timedelta(minutes=1)


def test_saving_again_updates_the_same_note(database: Database) -> None:
    with database.session() as session:
        first = save_note(session, "call-1", "draft")
    with database.session() as session:
        second = save_note(session, "call-1", "draft, then more", patient_ref="P-7")

    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at >= first.updated_at
    with database.session() as session:
        notes = session.query(Note).all()
        assert [(note.call_id, note.body, note.patient_ref) for note in notes] == [
            ("call-1", "draft, then more", "P-7")
        ]


def test_saved_note_is_usable_after_the_session_ends(database: Database) -> None:
    with database.session() as session:
        note = save_note(session, "call-1", "text")
    assert note.body == "text"  # expire_on_commit=False: no DetachedInstanceError


def test_unknown_call_has_no_note(database: Database) -> None:
    with database.session() as session:
        assert get_note(session, "never-seen") is None


def test_a_failing_session_block_rolls_back(database: Database) -> None:
    with pytest.raises(RuntimeError), database.session() as session:
        save_note(session, "call-1", "not kept")
        raise RuntimeError("boom")
    with database.session() as session:
        assert get_note(session, "call-1") is None


def test_unicode_and_long_notes_survive(database: Database) -> None:
    body = "Ärztin informiert – 患者 – ✓\n" * 2000
    with database.session() as session:
        save_note(session, "call-ü", body)
    with database.session() as session:
        note = get_note(session, "call-ü")
        assert note is not None and note.body == body


def test_call_record_round_trip_with_utc_times(database: Database) -> None:
    started = datetime(2026, 3, 29, 0, 59, 30, tzinfo=timezone(timedelta(hours=-5)))
    with database.session() as session:
        session.add(
            CallRecord(
                call_id="sip-call-1@host",
                direction=CallDirection.INBOUND,
                remote_party="sip:+4930123@pbx",
                started_at=started,
            )
        )
    with database.session() as session:
        record = session.query(CallRecord).one()
        assert record.direction is CallDirection.INBOUND
        assert record.started_at == started  # same instant ...
        assert record.started_at.tzinfo == timezone.utc  # ... returned as UTC
        assert record.ended_at is None and record.disposition is None


def test_naive_datetimes_are_refused(database: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"), database.session() as session:
        session.add(
            CallRecord(
                call_id="c",
                direction=CallDirection.OUTBOUND,
                remote_party="x",
                started_at=datetime(2026, 1, 1, 12, 0),
            )
        )
        session.flush()


def test_note_repr_and_errors_carry_no_phi(database: Database) -> None:
    with database.session() as session:
        note = save_note(session, "call-1", "PHI-body-text", patient_ref="PHI-patient")
    assert "PHI" not in repr(note)

    # A constraint error must not echo the note text (hide_parameters=True).
    with pytest.raises(IntegrityError) as raised, database.session() as session:
        session.add(Note(call_id="call-1", body="PHI-duplicate-body"))
        session.flush()
    assert "PHI" not in str(raised.value)
