"""What ``softphone <uri>`` accepts: sip:, sips: and tel: URIs (the OS hands these to the app)."""

from __future__ import annotations

from softphone.agent.calls import normalise_destination

SCHEMES = ("sip:", "sips:", "tel:", "callto:")


def is_call_uri(value: str) -> bool:
    return value.strip().lower().startswith(SCHEMES)


def dial_target(uri: str) -> str:
    """The destination the engine dials; raises ValueError for anything unusable."""
    value = uri.strip()
    if value.lower().startswith("callto:"):
        value = "tel:" + value[7:].lstrip("/")
    return normalise_destination(value)
