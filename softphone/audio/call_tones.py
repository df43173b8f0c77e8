"""Which call-progress sound plays where, as a pure function of the calls' states.

Fed the SIP engine's events (``IncomingCall``, ``CallStateChanged``, ``CallMediaChanged``); says
whether the ringer rings (loudspeaker device) and which local tone the agent hears in the
headset:

==============================================  =========  ================
calls                                           ringer     headset tone
==============================================  =========  ================
one incoming call ringing, nothing else         rings      -
an outgoing call ringing (no early media)       -          ringback
incoming ringing while a call is connected      -          call waiting
anything else                                   -          -
==============================================  =========  ================

An outgoing call with early media (the far end plays its own ringback or an announcement) gets
no local ringback: the agent hears the far end through the bridge.

A supervisor's call (its INVITE carries ``X-Supervise``) never rings and is no call waiting: the
agent's phone answers or refuses it by itself (``softphone.supervision.agent_side``), so it is
left out of the table altogether, from its INVITE to its end.
"""

from __future__ import annotations

from dataclasses import dataclass

from softphone.audio.tones import Sound
from softphone.sip.events import (
    CallDirection,
    CallMediaChanged,
    CallState,
    CallStateChanged,
    IncomingCall,
    MediaState,
)

_CONNECTED = frozenset({CallState.CONNECTING, CallState.CONFIRMED})
SUPERVISE_HEADER = "X-Supervise"  # softphone.supervision.modes (audio does not import supervision)
_MAX_SILENT_CALLS = 64
_OUTGOING_RINGING = frozenset({CallState.CALLING, CallState.EARLY})


@dataclass(frozen=True)
class CallTones:
    ringer: bool = False
    headset: Sound | None = None


@dataclass
class _Leg:
    direction: CallDirection
    state: CallState
    media: MediaState = MediaState.NONE


class CallToneTracker:
    """Keeps the calls' states from engine events; ``tones()`` is the table above."""

    def __init__(self) -> None:
        self._legs: dict[str, _Leg] = {}
        self._silent: list[str] = []  # supervision calls: never rung, never call waiting

    def handle(self, event: object) -> bool:
        """Update from one event; returns whether it was about a call."""
        if isinstance(event, IncomingCall) and event.header(SUPERVISE_HEADER) is not None:
            self._silent.append(event.call_id)
            del self._silent[:-_MAX_SILENT_CALLS]
            return False
        if getattr(event, "call_id", None) in self._silent:
            return False
        if isinstance(event, IncomingCall):
            self._legs.setdefault(event.call_id, _Leg(CallDirection.INCOMING, CallState.INCOMING))
        elif isinstance(event, CallStateChanged):
            if event.state is CallState.DISCONNECTED:
                self._legs.pop(event.call_id, None)
            else:
                leg = self._legs.setdefault(event.call_id, _Leg(event.direction, event.state))
                leg.state = event.state
        elif isinstance(event, CallMediaChanged):
            leg = self._legs.get(event.call_id)
            if leg is not None:
                leg.media = event.state
        else:
            return False
        return True

    def tones(self) -> CallTones:
        legs = self._legs.values()
        connected = any(leg.state in _CONNECTED for leg in legs)
        incoming = any(leg.state is CallState.INCOMING for leg in legs)
        ringback = any(
            leg.direction is CallDirection.OUTGOING
            and leg.state in _OUTGOING_RINGING
            and leg.media is not MediaState.ACTIVE
            for leg in legs
        )
        if ringback:
            return CallTones(headset=Sound.RINGBACK)
        if incoming and connected:
            return CallTones(headset=Sound.CALL_WAITING)
        if incoming:
            return CallTones(ringer=True)
        return CallTones()
