"""From whatever the PBX put in the From header to the strings an EHR may have stored.

The caller's number reaches us as a SIP URI user part (``sip:+15551234567@pbx;user=phone``), a tel
URI (``tel:+1-555-123-4567``, or a local number with a ``phone-context``), or raw digits from a
CTI event. We normalise it to E.164 with ``phonenumbers``.

FHIR servers then match ``phone=`` values as exact strings against whatever the registration clerk
typed, so one E.164 value is not enough: :func:`search_forms` lists the spellings that are common
in EHRs (E.164, national, international, digits only...) and the directory asks for all of them at
once (a comma is OR in FHIR search) and de-duplicates patients by id.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

DEFAULT_REGION = "US"

# Longer than any real number (E.164 has at most 15 digits) plus generous punctuation.
_MAX_RAW_LENGTH = 64
_URI_SCHEME = re.compile(r"^(?:sips?|tel):", re.IGNORECASE)
_NAME_ADDR = re.compile(r"<([^>]*)>")
# Visual separators allowed in a tel URI or typed numbers (RFC 3966 visual-separator plus spaces).
_VISUAL_SEPARATORS = re.compile(r"[\s().\-/]")


def caller_number_text(number_or_uri: str) -> str | None:
    """The number part of a SIP/tel URI or name-addr, or the raw text; ``None`` if there is none.

    >>> caller_number_text('"Front desk" <sip:+1%20555%20123%204567@pbx.example;user=phone>')
    '+1 555 123 4567'
    """
    text = (number_or_uri or "").strip()
    if not text or len(text) > 512:
        return None
    name_addr = _NAME_ADDR.search(text)
    if name_addr:
        text = name_addr.group(1).strip()
    if not _URI_SCHEME.match(text):
        return text if len(text) <= _MAX_RAW_LENGTH else None
    scheme, _, rest = text.partition(":")
    if scheme.lower() == "tel":
        number, _, parameters = rest.partition(";")
        context = _phone_context(parameters)
        number = unquote(number)
        # RFC 3966 local number: "tel:555-0123;phone-context=+1-212" means +1 212 555 0123.
        if context and not number.startswith("+"):
            number = context + number
        return number
    # sip:user@host;params or sip:user;user-params@host (RFC 3261 user part ends at '@').
    user = rest.split("@", 1)[0] if "@" in rest else ""
    user = user.split(";", 1)[0]  # user parameters such as ;isub= or ;phone-context=
    user = unquote(user)
    return user or None


def _phone_context(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "phone-context" and value.strip().startswith("+"):
            return unquote(value.strip())
    return None


def parse_caller_number(number_or_uri: str, default_region: str = DEFAULT_REGION) -> PhoneNumber | None:
    """The caller's number, or ``None`` for anonymous callers, extensions, and text that is no number."""
    text = caller_number_text(number_or_uri)
    if not text:
        return None
    compact = _VISUAL_SEPARATORS.sub("", text)
    # A SIP user such as "alice" or "anonymous" is a person or a privacy marker, not a number.
    if not re.fullmatch(r"\+?\d{3,17}", compact):
        return None
    try:
        number = phonenumbers.parse(compact, default_region)
    except NumberParseException:
        return None
    # IS_POSSIBLE only: a local-only number (7 digits in the US) cannot be put in E.164 without
    # guessing the area code, and guessing would pop the wrong patient.
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return number


def to_e164(number_or_uri: str, default_region: str = DEFAULT_REGION) -> str | None:
    number = parse_caller_number(number_or_uri, default_region)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164) if number else None


def search_forms(e164: str) -> tuple[str, ...]:
    """The spellings of one number that an EHR may have stored, most canonical first, no duplicates.

    For +12025550123: '+12025550123', '12025550123', '2025550123', '(202) 555-0123',
    '+1 202-555-0123', '+1 202 555 0123', '202-555-0123', '202.555.0123', '202 555 0123',
    '1-202-555-0123'.
    """
    number = phonenumbers.parse(e164, None)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national_digits = phonenumbers.national_significant_number(number)
    forms = [
        e164,
        e164.lstrip("+"),
        national_digits,
        national,
        international,
        international.replace("-", " "),
    ]
    if number.country_code == 1 and len(national_digits) == 10:
        area, exchange, line = national_digits[:3], national_digits[3:6], national_digits[6:]
        forms += [
            f"{area}-{exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"{area} {exchange} {line}",
            f"1-{area}-{exchange}-{line}",
        ]
    else:
        forms.append("0" * _national_prefix_length(number) + national_digits)
    seen: dict[str, None] = {}
    for form in forms:
        if form and "," not in form:  # a comma would split the FHIR OR list
            seen.setdefault(form, None)
    return tuple(seen)


def _national_prefix_length(number: PhoneNumber) -> int:
    """1 where national numbers are dialled with a trunk prefix '0' (UK, DE, FR...), else 0."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return 1 if national.startswith("0") else 0


def stored_number_e164(value: str, default_region: str = DEFAULT_REGION) -> str | None:
    """E.164 of a number as stored on a FHIR ContactPoint, for deciding which telecom matched."""
    try:
        number = phonenumbers.parse(value, default_region)
    except NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
