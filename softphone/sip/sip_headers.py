"""Reading header fields out of a raw SIP request (pjsua2 hands us the whole message as
text).  Pure functions: no pjsua2, unit-tested with hostile input."""

from __future__ import annotations

# RFC 3261 §7.3.3 compact forms that matter for us.
_COMPACT_FORMS = {
    "f": "from",
    "t": "to",
    "m": "contact",
    "i": "call-id",
    "l": "content-length",
    "c": "content-type",
    "s": "subject",
    "k": "supported",
    "v": "via",
}

# Never look past this many bytes of header text: a hostile peer can send 64 kB headers.
MAX_HEADER_BYTES = 16 * 1024


def parse_headers(message: str) -> list[tuple[str, str]]:
    """Return (lower-case canonical name, value) pairs in message order.

    Handles CRLF or bare LF, header folding (continuation lines), compact forms, and
    stops at the blank line that ends the header section.  The start line is skipped.
    """
    head = message[:MAX_HEADER_BYTES].split("\r\n\r\n", 1)[0].split("\n\n", 1)[0]
    lines = head.replace("\r\n", "\n").split("\n")
    unfolded: list[str] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += " " + line.strip()
        else:
            unfolded.append(line)
    headers: list[tuple[str, str]] = []
    for line in unfolded:
        name, sep, value = line.partition(":")
        if not sep:
            continue
        name = name.strip().lower()
        if not name or " " in name:
            continue
        headers.append((_COMPACT_FORMS.get(name, name), value.strip()))
    return headers


def first_header(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = _COMPACT_FORMS.get(name.lower(), name.lower())
    for key, value in headers:
        if key == wanted:
            return value
    return None


def select_headers(
    headers: list[tuple[str, str]], wanted: tuple[str, ...], max_value_len: int = 512
) -> tuple[tuple[str, str], ...]:
    """Keep only the wanted headers (original spelling from ``wanted``), values cut."""
    canonical = {w.lower(): w for w in wanted}
    picked: list[tuple[str, str]] = []
    for key, value in headers:
        if key in canonical:
            picked.append((canonical[key], _printable(value)[:max_value_len]))
    return tuple(picked)


def _printable(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())


def untrusted_text(text: str, limit: int, keep: str = "\t\n") -> str:
    """Printable characters (and those in ``keep``) of a message body, cut to ``limit``."""
    return "".join(ch for ch in text[: limit * 2] if ch.isprintable() or ch in keep)[:limit]
