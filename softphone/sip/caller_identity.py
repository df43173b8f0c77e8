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
    """Split a From / To / P-Asserted-Identity value into (display name, uri).

    RFC 3261 §25.1: ``name-addr = [display-name] "<" addr-spec ">"`` where the display name is
    either a quoted-string (any text, ``\\"`` and ``\\\\`` escaped, so it may contain ``<``,
    ``>``, ``,`` and ``;``) or unquoted tokens (which cannot contain ``<``); or a bare
    ``addr-spec``, whose ``;params`` belong to the header, not the URI. Handles
    ``"Name" <sip:x@y>;tag=1``, ``Name <sip:x@y>``, ``<sip:x@y>`` and ``sip:x@y;tag=1``.
    Returns ("", "") for empty input and never raises: malformed input gives its best guess
    (an unterminated quote: the text before the last ``<`` as the name).
    """
    value = value.strip()
    if not value:
        return "", ""
    if value[0] == '"':
        name, end = _quoted_string(value)
        if end is None:
            return _unterminated(value)
        rest = value[end:].lstrip()
        if rest.startswith("<"):
            return name, rest[1:].partition(">")[0].strip()
        return name, ""  # a quoted name with no <uri>: malformed, keep the name
    if "<" in value:
        # Unquoted display-name tokens cannot contain '<': the first one opens the URI.
        before, _, rest = value.partition("<")
        return " ".join(before.split()), rest.partition(">")[0].strip()
    # addr-spec form: header parameters follow the URI after ';'
    return "", value.split(";", 1)[0].strip()


def _quoted_string(value: str) -> tuple[str, int | None]:
    """The unescaped content of the quoted-string at the start of ``value`` and the index just
    past its closing quote (None when it is never closed)."""
    chars: list[str] = []
    index = 1
    while index < len(value):
        ch = value[index]
        if ch == "\\" and index + 1 < len(value):
            chars.append(value[index + 1])  # quoted-pair: the next character, literally
            index += 2
            continue
        if ch == '"':
            return "".join(chars), index + 1
        chars.append(ch)
        index += 1
    return "".join(chars), None


def _unterminated(value: str) -> tuple[str, str]:
    before, bracket, rest = value.rpartition("<")
    if not bracket:
        return value.strip('"').strip(), ""
    return before.strip(), rest.partition(">")[0].strip()


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
    """Split a header value at commas that are outside ``<...>`` and outside quoted strings
    (whose ``\\"`` escapes do not end them)."""
    parts, depth, quoted, escaped, current = [], 0, False, False, []
    for ch in value:
        split_here = False
        if quoted:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"' and depth == 0:
            quoted = True
        elif ch == "<":
            depth += 1
        elif ch == ">":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            split_here = True
        if split_here:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in (p.strip() for p in parts) if p] or [""]
