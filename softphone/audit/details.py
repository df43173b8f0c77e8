"""The ``details`` of an audit entry: identifiers and codes only, never free text.

The audit log is kept for years and read by auditors, so it must not become a second copy of
patient data. A structural rule catches the likely mistakes (passing a note, a name list, a
nested record): values are scalars or flat lists of scalars, and strings are short and on one
line. It cannot prove a short string is not PHI; callers pass ids and codes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

MAX_STRING_LENGTH = 128
MAX_LIST_LENGTH = 64
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

DetailValue = str | int | float | bool | None


class AuditDetailsError(ValueError):
    """Details that could carry free text or cannot be serialised canonically."""


def canonical_details(details: Mapping[str, Any] | None) -> str:
    """The details as canonical JSON (sorted keys, no spaces): exactly what is stored and hashed."""
    details = dict(details or {})
    for key, value in details.items():
        if not isinstance(key, str) or not _KEY.match(key):
            raise AuditDetailsError(f"audit detail key {key!r} must be a short snake_case name")
        if isinstance(value, (list, tuple)):
            if len(value) > MAX_LIST_LENGTH:
                raise AuditDetailsError(f"audit detail {key!r} has more than {MAX_LIST_LENGTH} items")
            details[key] = [_checked_scalar(key, item) for item in value]
        else:
            details[key] = _checked_scalar(key, value)
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _checked_scalar(key: str, value: object) -> DetailValue:
    # The value itself is never quoted in these messages: it might be the PHI being refused.
    if value is None or isinstance(value, (bool, int)):
        return value  # type: ignore[return-value]
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AuditDetailsError(f"audit detail {key!r} must be a finite number")
        return value
    if isinstance(value, str):
        if len(value) > MAX_STRING_LENGTH or _CONTROL_CHARACTERS.search(value):
            raise AuditDetailsError(
                f"audit detail {key!r} looks like free text (longer than {MAX_STRING_LENGTH} "
                "characters or several lines): record identifiers and codes only"
            )
        return value
    raise AuditDetailsError(
        f"audit detail {key!r} must be a string, number, boolean, null or a flat list of them"
    )
