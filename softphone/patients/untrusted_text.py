"""Text that came from the EHR is untrusted: bound its length and strip what could spoof the screen.

A free-text field in a FHIR resource can hold anything a clinician, an interface engine or an
attacker typed: megabytes, control characters, or bidirectional overrides that make "Penicillin
allergy" read as something else in a Qt label. Every string that leaves ``softphone.patients`` for
the UI passes through :func:`clean_text`.
"""

from __future__ import annotations

import unicodedata

# Lengths by kind of field: enough for any real value, small enough that a hostile record cannot
# flood the screen-pop panel or the memory of a long shift.
NAME_MAX = 120
CODE_TEXT_MAX = 200
NOTE_MAX = 500
PHONE_MAX = 40
IDENTIFIER_MAX = 64

ELLIPSIS = "…"

# Categories removed outright: controls (Cc), format characters such as bidi overrides and
# zero-width joiners (Cf), unassigned, private use and surrogates.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cn", "Co", "Cs"}


def clean_text(value: object, max_length: int) -> str:
    """A single-line, printable version of ``value`` of at most ``max_length`` characters."""
    if value is None:
        return ""
    text = str(value)
    # Cut early so a 50 MB string costs no more than a short one.
    text = text[: max_length * 4]
    kept = []
    for char in text:
        if char in "\t\r\n\u2028\u2029":
            kept.append(" ")
        elif unicodedata.category(char) not in _DROPPED_CATEGORIES:
            kept.append(char)
    single_line = " ".join("".join(kept).split())
    if len(single_line) <= max_length:
        return single_line
    return single_line[: max_length - 1].rstrip() + ELLIPSIS


def clean_optional(value: object, max_length: int) -> str | None:
    """Like :func:`clean_text` but ``None`` for an absent or blank value."""
    cleaned = clean_text(value, max_length)
    return cleaned or None
