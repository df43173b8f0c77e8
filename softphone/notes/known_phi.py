"""The PHI held in recent call notes, for masking in diagnostics bundles (softphone.diagnostics).

Values only, newest notes first; the caller masks them and must not log them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from softphone.storage.models import CallNote


def recent_note_phi(session: Session, limit: int = 2000) -> list[str]:
    rows = session.execute(
        select(CallNote.reason_for_call, CallNote.free_text, CallNote.patient_ref)
        .order_by(CallNote.updated_at.desc())
        .limit(limit)
    )
    return [value for row in rows for value in row if value]
