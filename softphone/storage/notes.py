"""Notes repository: one note per call, saved whole as the agent types."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from softphone.storage.models import Note


def get_note(session: Session, call_id: str) -> Note | None:
    return session.scalars(select(Note).where(Note.call_id == call_id)).one_or_none()


def save_note(session: Session, call_id: str, body: str, patient_ref: str | None = None) -> Note:
    """Insert the call's note or replace its text and patient link with exactly these values.

    ``updated_at`` only moves when something actually changed. The caller's session commits.
    """
    note = get_note(session, call_id)
    if note is None:
        note = Note(call_id=call_id, body=body, patient_ref=patient_ref)
        session.add(note)
    else:
        note.body = body
        note.patient_ref = patient_ref
    session.flush()
    return note
