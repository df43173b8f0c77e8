"""What the agent has typed and ticked for a call, as one immutable value.

The editor builds a new ``NoteDraft`` on every change and hands it to the autosaver; saving
always writes a whole draft, so the newest draft supersedes every older one and saves can be
coalesced freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from softphone.storage.models import CallNote, CallNoteVersion

MAX_REFERENCE_LENGTH = 255
MAX_DISPOSITION_LENGTH = 64
MAX_SYMPTOMS = 64
# Provisioned symptom codes: lowercase identifiers such as "chest_pain" or "fever".
SYMPTOM_CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class NoteDraft:
    reason_for_call: str = ""
    symptom_codes: tuple[str, ...] = ()
    free_text: str = ""
    disposition: str | None = None
    patient_ref: str | None = None

    def __post_init__(self) -> None:
        # Messages name the field, never the value: values are PHI.
        if not isinstance(self.symptom_codes, tuple):
            object.__setattr__(self, "symptom_codes", tuple(self.symptom_codes))
        if len(self.symptom_codes) > MAX_SYMPTOMS:
            raise ValueError(f"a note holds at most {MAX_SYMPTOMS} symptom codes")
        for code in self.symptom_codes:
            if not isinstance(code, str) or not SYMPTOM_CODE.match(code):
                raise ValueError("symptom codes must be provisioned codes such as 'chest_pain'")
        if self.disposition is not None and len(self.disposition) > MAX_DISPOSITION_LENGTH:
            raise ValueError(f"disposition is longer than {MAX_DISPOSITION_LENGTH} characters")
        if self.patient_ref is not None and len(self.patient_ref) > MAX_REFERENCE_LENGTH:
            raise ValueError(f"patient reference is longer than {MAX_REFERENCE_LENGTH} characters")

    @classmethod
    def of(cls, note: CallNote | CallNoteVersion) -> NoteDraft:
        """The content of a stored note or version, e.g. to reopen an unfinished note."""
        return cls(
            reason_for_call=note.reason_for_call,
            symptom_codes=tuple(note.symptom_codes),
            free_text=note.free_text,
            disposition=note.disposition,
            patient_ref=note.patient_ref,
        )

    def columns(self) -> dict[str, object]:
        return {
            "reason_for_call": self.reason_for_call,
            "symptom_codes": list(self.symptom_codes),
            "free_text": self.free_text,
            "disposition": self.disposition,
            "patient_ref": self.patient_ref,
        }

    def __repr__(self) -> str:
        # Drafts travel through queues and callbacks; a logged repr must not carry PHI.
        return (
            f"NoteDraft(free_text=<{len(self.free_text)} chars>, "
            f"symptoms={len(self.symptom_codes)}, disposition={self.disposition!r})"
        )
