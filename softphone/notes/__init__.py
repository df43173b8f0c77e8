"""Call notes: drafts autosaved as the agent types, versions after wrap-up, search, red flags.

No Qt here; the notes panel (softphone.ui) drives these services::

    saver = NoteAutosaver(database, call_id, agent_id, on_status=bridge.post)
    saver.update(NoteDraft(reason_for_call=..., free_text=...))   # every keystroke, GUI thread
    saver.close()                                                  # end of wrap-up: flush, stop
    with database.session() as session:
        close_note(session, call_id, agent_id)                     # version 1, audited
        amend_note(session, call_id, other_agent, NoteDraft(...))  # version 2, audited
        find_unfinished_notes(session, agent_id)                   # after a crash: reopen these
        search_notes(session, '"chest pain" fever', limit=20)           # newest first
        search_notes(session, "fever", before=hits[-1].note_id)        # the next, older page
    detect_red_flags(draft.free_text)                              # pure, no I/O
"""

from softphone.notes.autosaver import (
    AutosaverClosedError,
    AutosaveStatus,
    NoteAutosaver,
    NoteSaved,
    NoteSaveFailed,
)
from softphone.notes.draft import NoteDraft
from softphone.notes.errors import NoteClosedError, NoteError, NoteNotClosedError, NoteNotFoundError
from softphone.notes.red_flag_phrases import DEFAULT_RED_FLAG_PHRASES, REASON_CODES
from softphone.notes.red_flags import RedFlag, RedFlagCatalogue, default_catalogue, detect_red_flags
from softphone.notes.repository import (
    SavedDraft,
    amend_note,
    close_note,
    find_unfinished_notes,
    get_call_note,
    link_escalation,
    note_versions,
    save_draft,
)
from softphone.notes.search import NoteSearchHit, search_notes

__all__ = [
    "DEFAULT_RED_FLAG_PHRASES",
    "REASON_CODES",
    "AutosaveStatus",
    "AutosaverClosedError",
    "NoteAutosaver",
    "NoteClosedError",
    "NoteDraft",
    "NoteError",
    "NoteNotClosedError",
    "NoteNotFoundError",
    "NoteSaveFailed",
    "NoteSaved",
    "NoteSearchHit",
    "RedFlag",
    "RedFlagCatalogue",
    "SavedDraft",
    "amend_note",
    "close_note",
    "default_catalogue",
    "detect_red_flags",
    "find_unfinished_notes",
    "get_call_note",
    "link_escalation",
    "note_versions",
    "save_draft",
    "search_notes",
]
