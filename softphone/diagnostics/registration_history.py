"""The SIP registration history, as the SIP engine and pjsua logged it."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Lines of the account state machine (softphone.sip.account: "REGISTER failed (503), retry...",
# "switching to server #1", "registrar #0 not answering") and pjsua's registration messages.
_REGISTRATION_LINE = re.compile(r"REGISTER|[Rr]egistr(ation|ar|ered|ering)|switching to server")


def registration_history(log_texts: Iterable[str]) -> list[str]:
    lines = []
    for text in log_texts:
        lines.extend(line for line in text.splitlines() if _REGISTRATION_LINE.search(line))
    # Log lines start with an ISO timestamp, so sorting interleaves rotated files in time order.
    return sorted(lines)
