"""The routing used until the full matrix (``routing.py``) is wired in: every call whose
media is active hears the agent's microphone (unless muted) and is heard in the agent's
headset.  Held calls are connected to nothing, so hold is silent in both directions even
though SIP hold (sendonly) alone would still let our side transmit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .commands import Route

# Same party names as ``routing.py`` uses for the agent's headset.
AGENT_MIC = "agent_mic"
AGENT_EAR = "agent_ear"


@dataclass(frozen=True, slots=True)
class CallAudioState:
    media_active: bool  # media negotiated and neither side holds
    muted: bool


def default_routes(calls: Mapping[str, CallAudioState]) -> frozenset[Route]:
    routes: set[Route] = set()
    for call_id, state in calls.items():
        if not state.media_active:
            continue
        routes.add((call_id, AGENT_EAR))
        if not state.muted:
            routes.add((AGENT_MIC, call_id))
    return frozenset(routes)
