"""Reading display values out of FHIR R4 (``fhir.resources.R4B``) data types.

FHIR lets the same fact arrive in several shapes (a CodeableConcept with text, with a coding that
has a display, or a bare code; a date as '2019', '2019-03' or a full instant). These helpers pick
the most human form and return plain Python values, cleaned of hostile text.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Iterable

from softphone.patients.untrusted_text import CODE_TEXT_MAX, NAME_MAX, clean_optional


def codeable_text(concept: Any, max_length: int = CODE_TEXT_MAX) -> str | None:
    """text, else the first coding display, else the first code."""
    if concept is None:
        return None
    if getattr(concept, "text", None):
        return clean_optional(concept.text, max_length)
    for coding in getattr(concept, "coding", None) or []:
        if coding.display:
            return clean_optional(coding.display, max_length)
    for coding in getattr(concept, "coding", None) or []:
        if coding.code:
            return clean_optional(coding.code, max_length)
    return None


def has_code(concept: Any, codes: Iterable[str], system: str | None = None) -> bool:
    wanted = {code.lower() for code in codes}
    for coding in getattr(concept, "coding", None) or []:
        if coding.code and coding.code.lower() in wanted and (system is None or coding.system == system):
            return True
    return False


def codes_of(concept: Any) -> set[str]:
    return {coding.code.lower() for coding in getattr(concept, "coding", None) or [] if coding.code}


def human_name_text(names: Any) -> str | None:
    """The official name (else usual, else the first current one) as 'Given Family'."""
    current = [name for name in names or [] if name.use != "old" and not _ended(name.period)]
    if not current:
        current = list(names or [])
    if not current:
        return None
    preference = {"official": 0, "usual": 1}
    name = min(current, key=lambda candidate: preference.get(candidate.use or "", 2))
    if name.text:
        return clean_optional(name.text, NAME_MAX)
    parts = [*(name.given or []), name.family or ""]
    return clean_optional(" ".join(part for part in parts if part), NAME_MAX)


def reference_display(reference: Any) -> str | None:
    return clean_optional(getattr(reference, "display", None), NAME_MAX) if reference else None


def reference_target(reference: Any) -> tuple[str, str] | None:
    """('Practitioner', '123') from a relative or absolute literal reference, else None."""
    value = getattr(reference, "reference", None) if reference is not None else None
    if not value or value.startswith("#") or value.startswith("urn:"):
        return None
    parts = value.split("?", 1)[0].rstrip("/").split("/")
    if "_history" in parts:
        parts = parts[: parts.index("_history")]
    if len(parts) < 2:
        return None
    return parts[-2], parts[-1]


def as_date(value: Any) -> date | None:
    """A FHIR date/dateTime (possibly partial: '2019', '2019-03') as a date; partial means day 1."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def as_datetime(value: Any) -> datetime | None:
    """An aware datetime for sorting and display; dates become midnight UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    day = as_date(value)
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) if day else None


def period_covers(period: Any, moment: datetime) -> bool:
    """True when ``moment`` is inside the period; open ends are open."""
    if period is None:
        return True
    start = as_datetime(period.start)
    if start and start > moment:
        return False
    return not _ended(period, moment)


def _ended(period: Any, moment: datetime | None = None) -> bool:
    if period is None or period.end is None:
        return False
    end = as_datetime(period.end)
    if end is None:
        return False
    # A date-only end ('2020-01-31') means the whole day.
    if not isinstance(period.end, datetime):
        end = end.replace(hour=23, minute=59, second=59)
    return end < (moment or datetime.now(timezone.utc))


def contact_point_is_old(contact_point: Any, moment: datetime | None = None) -> bool:
    return contact_point.use == "old" or _ended(contact_point.period, moment)


def age_in_years(birth_date: date | None, today: date) -> int | None:
    if birth_date is None or birth_date > today:
        return None
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)
