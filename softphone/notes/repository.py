"""Call notes in the database: drafts while the call is open, versions once the wrap-up closes.

Lifecycle of a call's note:

- ``save_draft`` (the autosaver, about once a second while the agent types) overwrites the open
  note; the first save creates it and audits ``note_created``.
- ``close_note`` at the end of wrap-up: the note is frozen as version 1 (``note_closed``).
- ``amend_note`` afterwards: a new version n+1, by whoever amends (``note_amended``); the
  ``call_notes`` row mirrors the newest version, so it is always the current content.

Every function works inside the caller's transaction (``Database.session()``), and its audit
entry commits or rolls back with it. Each one starts with an UPDATE of the note's row, which
takes the write lock on SQLite before anything is read (a read transaction there cannot wait
for the lock later) and the row lock on PostgreSQL (two agents amending at once get distinct
version numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from softphone.audit import AuditAction, append_audit_entry
from softphone.notes.draft import NoteDraft
from softphone.notes.errors import NoteClosedError, NoteNotClosedError, NoteNotFoundError
from softphone.storage.models import CallNote, CallNoteVersion
from softphone.storage.utc_datetime import utc_now

ESCALATION_ID = re.compile(r"^[\w.:@-]{1,64}$")


@dataclass(frozen=True)
class SavedDraft:
    call_id: str
    saved_at: datetime
    created: bool  # True when this save created the note


def save_draft(
    session: Session,
    call_id: str,
    agent_id: str,
    draft: NoteDraft,
    *,
    now: datetime | None = None,
) -> SavedDraft:
    """Write the whole draft of an open note, creating the note on first save.

    Raises NoteClosedError once the wrap-up has closed the note. Escalation ids are not part of
    a draft (see ``link_escalation``), so an autosave never removes one.
    """
    now = now or utc_now()
    updated = session.execute(
        update(CallNote)
        .where(CallNote.call_id == call_id, CallNote.closed_at.is_(None))
        .values(**draft.columns(), updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if updated.rowcount == 1:
        return SavedDraft(call_id, now, created=False)
    if _note_id(session, call_id) is not None:
        raise NoteClosedError(call_id)
    _create_note(session, call_id, agent_id, draft, now)
    return SavedDraft(call_id, now, created=True)


def close_note(
    session: Session,
    call_id: str,
    agent_id: str,
    final_draft: NoteDraft | None = None,
    *,
    now: datetime | None = None,
) -> CallNoteVersion:
    """Close the wrap-up: the note (with ``final_draft`` applied, if given) becomes version 1."""
    now = now or utc_now()
    values: dict[str, object] = {"closed_at": now, "updated_at": now, "current_version": 1}
    if final_draft is not None:
        values.update(final_draft.columns())
    note_id = session.execute(
        update(CallNote)
        .where(CallNote.call_id == call_id, CallNote.closed_at.is_(None))
        .values(**values)
        .returning(CallNote.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if note_id is None:
        if _note_id(session, call_id) is not None:
            raise NoteClosedError(call_id)
        if final_draft is None:
            raise NoteNotFoundError(call_id)
        # Closed before the first autosave (a very short call): create it, then close it.
        note_id = _create_note(session, call_id, agent_id, final_draft, now, closed=True).id
    note = _fresh_note(session, note_id)
    return _append_version(session, note, agent_id, now, AuditAction.NOTE_CLOSED)


def amend_note(
    session: Session,
    call_id: str,
    agent_id: str,
    draft: NoteDraft,
    *,
    now: datetime | None = None,
) -> CallNoteVersion:
    """Record an amendment of a closed note as its next version, authored by ``agent_id``."""
    now = now or utc_now()
    note_id = session.execute(
        update(CallNote)
        .where(CallNote.call_id == call_id, CallNote.closed_at.is_not(None))
        .values(**draft.columns(), updated_at=now, current_version=CallNote.current_version + 1)
        .returning(CallNote.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if note_id is None:
        if _note_id(session, call_id) is not None:
            raise NoteNotClosedError(call_id)
        raise NoteNotFoundError(call_id)
    note = _fresh_note(session, note_id)
    return _append_version(session, note, agent_id, now, AuditAction.NOTE_AMENDED)


def link_escalation(
    session: Session,
    call_id: str,
    agent_id: str,
    escalation_id: str,
    *,
    now: datetime | None = None,
) -> CallNote:
    """Record that an escalation was raised for the call (it may come before any typing).

    Escalation ids only accumulate. On a closed note the link is an amendment (a new version).
    The escalation itself is audited by the escalation service, not here.
    """
    if not ESCALATION_ID.match(escalation_id):
        raise ValueError("escalation id must be an identifier of at most 64 characters")
    now = now or utc_now()
    # Lock the row first (see the module docstring), then read-modify-write the id list.
    session.execute(
        update(CallNote)
        .where(CallNote.call_id == call_id)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    note_id = _note_id(session, call_id)
    if note_id is None:
        note = _create_note(session, call_id, agent_id, NoteDraft(), now)
    else:
        note = _fresh_note(session, note_id)
    if escalation_id in note.escalation_ids:
        return note
    note.escalation_ids = [*note.escalation_ids, escalation_id]
    if note.closed_at is not None:
        note.current_version += 1
        session.flush()
        _append_version(session, note, agent_id, now, AuditAction.NOTE_AMENDED)
    session.flush()
    return note


def get_call_note(session: Session, call_id: str) -> CallNote | None:
    """The note's current content: the draft while open, the newest version once closed."""
    return session.scalars(select(CallNote).where(CallNote.call_id == call_id)).one_or_none()


def note_versions(session: Session, call_id: str) -> list[CallNoteVersion]:
    """Version 1 (as closed) and every amendment, oldest first; empty while the note is open."""
    return list(
        session.scalars(
            select(CallNoteVersion)
            .join(CallNote, CallNote.id == CallNoteVersion.call_note_id)
            .where(CallNote.call_id == call_id)
            .order_by(CallNoteVersion.version)
        )
    )


def find_unfinished_notes(session: Session, agent_id: str | None = None) -> list[CallNote]:
    """Open notes, newest first: after a crash or restart the UI reopens them for the agent."""
    query = select(CallNote).where(CallNote.closed_at.is_(None))
    if agent_id is not None:
        query = query.where(CallNote.agent_id == agent_id)
    return list(session.scalars(query.order_by(CallNote.updated_at.desc(), CallNote.id.desc())))


def _note_id(session: Session, call_id: str) -> int | None:
    return session.scalar(select(CallNote.id).where(CallNote.call_id == call_id))


def _fresh_note(session: Session, note_id: int) -> CallNote:
    # The UPDATE above bypassed the identity map; reload rather than trust a cached object.
    return session.execute(
        select(CallNote).where(CallNote.id == note_id).execution_options(populate_existing=True)
    ).scalar_one()


def _create_note(
    session: Session,
    call_id: str,
    agent_id: str,
    draft: NoteDraft,
    now: datetime,
    *,
    closed: bool = False,
) -> CallNote:
    note = CallNote(
        call_id=call_id,
        agent_id=agent_id,
        escalation_ids=[],
        created_at=now,
        updated_at=now,
        closed_at=now if closed else None,
        current_version=1 if closed else 0,
        **draft.columns(),
    )
    session.add(note)
    session.flush()
    append_audit_entry(
        session,
        actor=agent_id,
        action=AuditAction.NOTE_CREATED,
        subject=f"call:{call_id}",
        details={"note_id": note.id},
        recorded_at=now,
    )
    return note


def _append_version(
    session: Session, note: CallNote, author_id: str, now: datetime, action: AuditAction
) -> CallNoteVersion:
    version = CallNoteVersion(
        call_note_id=note.id,
        version=note.current_version,
        author_id=author_id,
        saved_at=now,
        patient_ref=note.patient_ref,
        reason_for_call=note.reason_for_call,
        symptom_codes=list(note.symptom_codes),
        free_text=note.free_text,
        disposition=note.disposition,
        escalation_ids=list(note.escalation_ids),
    )
    session.add(version)
    session.flush()
    append_audit_entry(
        session,
        actor=author_id,
        action=action,
        subject=f"call:{note.call_id}",
        details={"note_id": note.id, "version": version.version},
        recorded_at=now,
    )
    return version
