"""Keep PHI out of log files.

The first rule is that code logs identifiers (call ids, record ids), never patient data. This module
is the safety net for what slips through: SIP traces carry phone numbers, exceptions quote values.
Two layers:

- patterns that look like PHI whatever the patient: phone numbers, SIP/tel URI users, dates (DOB),
  e-mail addresses;
- known values: the app registers what it has just shown or typed (patient names, note text) with
  ``PhiRegistry.remember`` and every later log line has them masked. The registry lives in memory
  only and forgets the oldest values first.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict

REDACTED = "[redacted]"

_PATTERNS = [
    # sip:+15551234567@host, tel:+1-555-..., sips:alice@...: the user part identifies a person.
    re.compile(r"(?i)\b(sips?|tel):[^@\s;>,\"']+"),
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    # Phone numbers: 7+ digits, optionally with + and common separators; IPv4 addresses are servers,
    # which diagnostics need, so they are left alone.
    re.compile(r"(?<![\w.])(?!\d{1,3}(?:\.\d{1,3}){3}(?![\d.]))\+?\(?\d[\d\s().-]{5,}\d(?![\w.])"),
    # Dates such as a date of birth: 1984-02-29, 29/02/1984, 02.29.1984.
    # The lookarounds keep IPv4 addresses (10.20.30.40) whole: a date never sits inside a dotted run.
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b|(?<![\d.])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\d.])"),
]

# Values shorter than this are too likely to be ordinary words ("Al", "ok") to mask everywhere.
_MIN_KNOWN_VALUE_LENGTH = 3


class PhiRegistry:
    """Known PHI values of this session, masked in every log line."""

    def __init__(self, capacity: int = 2000):
        self._capacity = capacity
        self._values: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        self._pattern: re.Pattern[str] | None = None

    def remember(self, *values: str | None) -> None:
        with self._lock:
            for value in values:
                for piece in _pieces(value):
                    self._values[piece] = None
                    self._values.move_to_end(piece)
            while len(self._values) > self._capacity:
                self._values.popitem(last=False)
            self._pattern = None

    def redact(self, text: str) -> str:
        with self._lock:
            if self._pattern is None and self._values:
                # Longest first, so "Maria Lopez" is masked whole before "Maria".
                alternatives = sorted(self._values, key=len, reverse=True)
                self._pattern = re.compile("|".join(map(re.escape, alternatives)), re.IGNORECASE)
            pattern = self._pattern
        return pattern.sub(REDACTED, text) if pattern else text


def _pieces(value: str | None) -> list[str]:
    """A note or a full name, and each line and word of it long enough to identify someone."""
    if not value:
        return []
    value = value.strip()
    pieces = {value} if len(value) >= _MIN_KNOWN_VALUE_LENGTH else set()
    for line in value.splitlines():
        line = line.strip()
        if len(line) >= _MIN_KNOWN_VALUE_LENGTH:
            pieces.add(line)
    # Names are logged in parts ("Lopez"); note words are not, since masking every common word
    # would make logs unreadable, so only capitalised words (names, places) are taken alone.
    for word in re.findall(r"\w+", value):
        if len(word) >= _MIN_KNOWN_VALUE_LENGTH and word[0].isupper():
            pieces.add(word)
    return sorted(pieces)


def redact_patterns(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


class PhiRedactingFormatter(logging.Formatter):
    """Formats a record, then masks PHI in the message and exception text (not in the timestamp)."""

    def __init__(self, fmt: str, registry: PhiRegistry):
        super().__init__(fmt)
        self._registry = registry

    def _redact(self, text: str) -> str:
        return redact_patterns(self._registry.redact(text))

    def format(self, record: logging.LogRecord) -> str:
        saved = record.msg, record.args, record.exc_text
        record.msg, record.args = self._redact(record.getMessage()), None
        record.exc_text = None  # never reuse text cached by an unredacting handler
        try:
            return super().format(record)
        finally:
            record.msg, record.args, record.exc_text = saved

    def formatException(self, ei) -> str:
        return self._redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return self._redact(super().formatStack(stack_info))
