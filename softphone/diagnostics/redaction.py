"""Redaction for everything that goes into a diagnostics bundle."""

from __future__ import annotations

import re
from collections.abc import Iterable

from softphone.logs.phi_redaction import REDACTED, PhiRegistry, redact_patterns

# scheme://user:password@host -> scheme://[redacted]@host: credentials and user names in URLs
# (a database URL's user, a proxy's login) are not PHI but never belong in a support ticket.
_URL_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s\"'<>]+@")
# IPv4 addresses are servers (PBX, proxies), which support needs; the log redaction's date pattern
# reads "10.20.30.40" as the date 10.20.30 and masks it, so addresses are set aside first.
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
_SET_ASIDE = re.compile("\ue000([\ue100-\uefff])\ue001")
# The timestamp that starts every log line (softphone.logs.setup's asctime). The date pattern would
# mask it, and support needs it to order events; it says when, not who.
_LOG_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[,.]\d+)?")


def redact_url_userinfo(text: str) -> str:
    return _URL_USERINFO.sub(lambda match: f"{match['scheme']}{REDACTED}@", text)


class BundleRedactor:
    """Masks URL credentials, then known patient values, then anything that looks like PHI."""

    def __init__(self, known_phi: Iterable[str] = ()):
        self._registry = PhiRegistry(capacity=20_000)
        self._registry.remember(*known_phi)

    def redact(self, text: str) -> str:
        # Userinfo first: the e-mail pattern would otherwise swallow "user@db-host" whole and
        # hide the server name that support needs.
        addresses: list[str] = []
        text = _IPV4.sub(lambda match: _set_aside(match[0], addresses), redact_url_userinfo(text))
        text = redact_patterns(self._registry.redact(text))
        return _SET_ASIDE.sub(lambda match: addresses[ord(match[1]) - 0xE100], text)

    def redact_log(self, text: str) -> str:
        """Like ``redact`` line by line, keeping each line's leading timestamp readable."""
        lines = []
        for line in text.splitlines(keepends=True):
            stamp = _LOG_TIMESTAMP.match(line)
            cut = stamp.end() if stamp else 0
            lines.append(line[:cut] + self.redact(line[cut:]))
        return "".join(lines)


def _set_aside(address: str, addresses: list[str]) -> str:
    if any(int(octet) > 255 for octet in address.split(".")) or len(addresses) >= 0xF00:
        return address  # not an address (a dotted phone number?): let the patterns judge it
    addresses.append(address)
    # Private-use characters only: no pattern or known value can read them as digits or words.
    return f"\ue000{chr(0xE100 + len(addresses) - 1)}\ue001"
