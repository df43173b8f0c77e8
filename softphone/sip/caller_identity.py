"""Who is calling: P-Asserted-Identity (set by a trusted proxy) if present, else From.

Display names are free text chosen by the caller, so they are treated as hostile:
control and bidi-override characters are removed and the length is capped before the
name reaches an event (and from there, a screen).
"""

from __future__ import annotations

import unicodedata

from .events import CallerIdentity, IdentitySource

MAX_DISPLAY_NAME_CHARS = 64
MAX_URI_CHARS = 256


def parse_name_addr(value: str) -> tuple[str, str]:
    """Split ``"Name" <sip:x@y>;tag=1`` / ``Name <sip:x@y>`` / ``sip:x@y;tag=1`` into
    (display name, uri).  Returns ("", "") for empty input; never raises."""
    value = value.strip()
    if not value:
        return "", ""
    if "<" in value:
        before, _, rest = value.partition("<")
        uri = rest.partition(">")[0].strip()
        name = before.strip()
        if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        return name, uri
    if value.startswith('"'):
        # Quoted name without angle brackets is malformed; keep the name only.
        return value.strip('"'), ""
    # addr-spec form: header parameters follow the URI after ';'
    return "", value.split(";", 1)[0].strip()


def sanitize_display_name(name: str, limit: int = MAX_DISPLAY_NAME_CHARS) -> str:
    """Drop control/format characters (incl. RTL overrides), collapse whitespace, cap length."""
    cleaned = "".join(
        ch if not ch.isspace() else " "
        for ch in name
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def sanitize_uri(uri: str) -> str:
    return "".join(ch for ch in uri if ch.isprintable() and not ch.isspace())[:MAX_URI_CHARS]


def identify_caller(p_asserted_identity: str | None, from_value: str | None) -> CallerIdentity:
    """Prefer the first P-Asserted-Identity entry, fall back to From."""
    if p_asserted_identity:
        # PAI may carry two identities (sip and tel) separated by a comma outside <>.
        first = _split_outside_brackets(p_asserted_identity)[0]
        name, uri = parse_name_addr(first)
        if uri.lower().startswith(("sip:", "sips:", "tel:")):
            return CallerIdentity(
                sanitize_uri(uri), sanitize_display_name(name), IdentitySource.P_ASSERTED_IDENTITY
            )
    name, uri = parse_name_addr(from_value or "")
    return CallerIdentity(sanitize_uri(uri), sanitize_display_name(name), IdentitySource.FROM)


def _split_outside_brackets(value: str) -> list[str]:
    parts, depth, quoted, current = [], 0, False, []
    for ch in value:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "<":
            depth += 1
        elif not quoted and ch == ">":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0 and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in (p.strip() for p in parts) if p] or [""]
