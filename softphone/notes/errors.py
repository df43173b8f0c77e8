"""Errors of the notes service. Messages name calls and fields, never note text."""

from __future__ import annotations


class NoteError(Exception):
    """Base class for note operations the caller asked for but that cannot be done."""


class NoteNotFoundError(NoteError):
    def __init__(self, call_id: str):
        super().__init__(f"no note for call {call_id}")
        self.call_id = call_id


class NoteClosedError(NoteError):
    """The wrap-up closed the note: changes must be made as an amendment (a new version)."""

    def __init__(self, call_id: str):
        super().__init__(f"the note for call {call_id} is closed; amend it instead")
        self.call_id = call_id


class NoteNotClosedError(NoteError):
    """Amendments are for closed notes; an open note is simply edited."""

    def __init__(self, call_id: str):
        super().__init__(f"the note for call {call_id} is still open; edit it instead of amending")
        self.call_id = call_id
