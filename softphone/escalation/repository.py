"""Escalation records in the database, audited, linked to the call's note.

``save_escalation`` upserts the record and its attempts in the caller's transaction and appends
an audit entry (ids and codes only): "escalation_started" at the press, "escalation_answered",
and the final "escalation_<outcome>". The first save also links the escalation to the note.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from softphone.escalation.model import Escalation
from softphone.storage.models import EscalationAttempt, EscalationRecord


def _audit_event(escalation: Escalation, created: bool) -> str:
    if escalation.phase.terminal:
        return f"escalation_{escalation.outcome}"
    if created:
        return "escalation_started"
    return "escalation_answered" if escalation.answered_at is not None else "escalation_progress"


def save_escalation(session: Session, escalation: Escalation, call_record_id: str) -> EscalationRecord:
    """Upsert ``escalation`` (record + attempts) and audit it, in the caller's transaction."""
    record = session.scalars(
        select(EscalationRecord).where(EscalationRecord.escalation_id == escalation.escalation_id)
    ).one_or_none()
    created = record is None
    _audit(session, escalation, call_record_id, _audit_event(escalation, created))  # write first (SQLite lock)
    if record is None:
        record = EscalationRecord(escalation_id=escalation.escalation_id)
        session.add(record)
    plan = escalation.plan
    record.call_id = call_record_id
    record.note_call_id = escalation.note_call_id
    record.agent_id = escalation.agent_id
    record.patient_ref = escalation.patient_ref
    record.reason_code = plan.reason_code
    record.urgency = plan.urgency.value
    record.mode = plan.mode.value
    record.phase = escalation.phase.value
    record.outcome = escalation.outcome
    record.pressed_at = escalation.pressed_at
    record.answered_at = escalation.answered_at
    record.joined_at = escalation.joined_at
    record.handed_off_at = escalation.handed_off_at
    record.ended_at = escalation.ended_at
    record.time_to_clinician_ms = (
        round(escalation.time_to_clinician_s * 1000) if escalation.time_to_clinician_s is not None else None
    )
    record.supervisor_alerted = escalation.supervisor_alerted
    record.remarks = list(escalation.notes)
    session.flush()
    session.execute(delete(EscalationAttempt).where(EscalationAttempt.escalation_id == record.id))
    for attempt in escalation.attempts:
        session.add(
            EscalationAttempt(
                escalation_id=record.id,
                position=attempt.position,
                target_id=attempt.target.target_id[:64],
                target_source=attempt.target.source,
                outcome=attempt.outcome.value,
                sip_status=attempt.sip_status,
                invited_at=attempt.invited_at,
                ringing_at=attempt.ringing_at,
                answered_at=attempt.answered_at,
                ended_at=attempt.ended_at,
            )
        )
    session.flush()
    if created and escalation.note_call_id:
        _link_note(session, escalation)
    return record


def load_escalation(session: Session, escalation_id: str) -> tuple[EscalationRecord, list[EscalationAttempt]] | None:
    record = session.scalars(
        select(EscalationRecord).where(EscalationRecord.escalation_id == escalation_id)
    ).one_or_none()
    if record is None:
        return None
    attempts = list(
        session.scalars(
            select(EscalationAttempt)
            .where(EscalationAttempt.escalation_id == record.id)
            .order_by(EscalationAttempt.position)
        )
    )
    return record, attempts


def _audit(session: Session, escalation: Escalation, call_record_id: str, event: str) -> None:
    try:
        from softphone.audit import AuditAction, append_audit_entry
    except ImportError:  # the audit package is optional in stripped test builds
        return
    details = {
        "event": event,
        "reason": escalation.plan.reason_code,
        "urgency": escalation.plan.urgency.value,
        "mode": escalation.plan.mode.value,
        "phase": escalation.phase.value,
        "outcome": escalation.outcome,
        "call": call_record_id[:128],
        "targets": [a.target.target_id[:64] for a in escalation.attempts],
        "attempt_outcomes": [a.outcome.value for a in escalation.attempts],
        "time_to_clinician_ms": (
            round(escalation.time_to_clinician_s * 1000) if escalation.time_to_clinician_s is not None else None
        ),
        "supervisor_alerted": escalation.supervisor_alerted,
    }
    append_audit_entry(
        session,
        actor=escalation.agent_id,
        action=AuditAction.ESCALATION,
        subject=f"escalation:{escalation.escalation_id}",
        details=details,
    )


def _link_note(session: Session, escalation: Escalation) -> None:
    from softphone.notes import link_escalation

    assert escalation.note_call_id is not None
    link_escalation(session, escalation.note_call_id, escalation.agent_id, escalation.escalation_id)
