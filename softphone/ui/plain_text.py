"""Untrusted text (caller names, SIP headers, EHR fields) made safe for a QLabel.

Qt guesses whether a label's text is rich text; a caller name like ``<img src=...>`` would be
interpreted. Every label that shows outside text must use ``Qt.PlainText`` and this truncation,
which also strips bidirectional overrides that can make a name read backwards.
"""

from __future__ import annotations

import unicodedata

DEFAULT_MAX_CHARS = 80
_ELLIPSIS = "…"
# Explicit bidi controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) let a caller reorder what
# the agent reads; control characters have no business on screen.
_BIDI_CONTROLS = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def display_text(value: str | None, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    if not value:
        return ""
    cleaned = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch
        for ch in value[: max_chars * 4]
        if ch not in _BIDI_CONTROLS
    )
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > max_chars:
        cleaned = cleaned[: max_chars - 1].rstrip() + _ELLIPSIS
    return cleaned
