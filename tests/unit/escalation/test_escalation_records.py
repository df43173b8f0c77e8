"""Escalation records in a real SQLCipher database: upserted, attempts in order, audited, linked
to the note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.audit import AuditLog
from softphone.escalation.record_writer import EscalationRecordWriter
from softphone.escalation.repository import load_escalation
from softphone.notes import get_call_note
from softphone.storage import Database, generate_key, open_database
from softphone.storage.models import AuditEntry

from .fakes import Rig


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with open_database(None, sqlite_path=tmp_path / "softphone.db", key=generate_key()) as database:
        yield database


def test_a_failed_escalation_is_recorded_with_each_attempt_and_audited(database):
    writer = EscalationRecordWriter(database, call_record_id=lambda call_id: f"run1:{call_id}")
    rig = Rig()
    rig.service.on_record(writer)
    escalation = rig.service.start(rig.patient, "chest_pain")
    rig.timers.advance(20.5)  # the nurse does not answer
    rig.reject(rig.last_call(), 486)  # the physician is busy
    writer.close(wait=True)

    with database.session() as session:
        record, attempts = load_escalation(session, escalation.escalation_id)
        assert record.outcome == "failed" and record.phase == "failed" and record.supervisor_alerted
        assert record.call_id == "run1:call-1" and record.reason_code == "chest_pain" and record.urgency == "emergency"
        assert record.pressed_at is not None and record.ended_at is not None and record.time_to_clinician_ms is None
        assert [(a.target_id, a.outcome, a.sip_status) for a in attempts] == [
            ("nurse", "no_answer", 0), ("physician", "busy", 486)]
        assert all(a.invited_at is not None and a.ended_at is not None for a in attempts)
        note = get_call_note(session, "call-1")
        assert note is not None and escalation.escalation_id in note.escalation_ids
        entries = session.query(AuditEntry).filter(AuditEntry.action == "escalation").order_by(AuditEntry.sequence).all()
        events = [entry.details for entry in entries]
    assert '"event":"escalation_started"' in events[0] and '"event":"escalation_failed"' in events[-1]
    assert all("Synthetic" not in details for details in events)
    assert AuditLog(database).verify().ok


def test_time_to_clinician_is_stored(database):
    writer = EscalationRecordWriter(database)
    rig = Rig()
    rig.service.on_record(writer)
    escalation = rig.service.start(rig.patient, "clinical_question")
    rig.timers.advance(2.5)
    rig.answer(rig.last_call())
    writer.close(wait=True)
    with database.session() as session:
        record, attempts = load_escalation(session, escalation.escalation_id)
        assert record.outcome == "in_progress" and record.time_to_clinician_ms == 2500
        assert attempts[0].outcome == "answered" and attempts[0].ringing_at is not None
