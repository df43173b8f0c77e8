"""The supervision modes on the wire: the ``X-Supervise`` header and the mode-switch MESSAGE.

A supervisor's call to an agent carries ``X-Supervise: listen|whisper|barge`` in its INVITE; a
mode switch mid-call is a SIP MESSAGE inside that call's dialog with the same header (the body
repeats the mode for a human reading a trace). Not INFO: pjsua2 answers a non-DTMF INFO 500.
Pure: no pjsua2, no Qt.
"""

from __future__ import annotations

from softphone.sip.routing import SupervisionMode

SUPERVISE_HEADER = "X-Supervise"
MODE_MESSAGE_CONTENT_TYPE = "text/plain"
MODES = tuple(mode.value for mode in SupervisionMode)


def parse_mode(value: str | None) -> SupervisionMode | None:
    """The mode an untrusted header value (or MESSAGE body) names, else None.

    Accepts only the bare token (any case, surrounding blanks and header parameters after ';'
    ignored): ``listen``, ``whisper`` or ``barge``."""
    if value is None:
        return None
    token = value.split(";", 1)[0].strip().lower()
    try:
        return SupervisionMode(token)
    except ValueError:
        return None


def mode_headers(mode: SupervisionMode) -> tuple[tuple[str, str], ...]:
    return ((SUPERVISE_HEADER, SupervisionMode(mode).value),)
