"""What the demo switchboard reports to the app, as plain immutable dataclasses.

They are delivered to ``DemoSwitchboard.subscribe`` callbacks on the controller's reader thread
(the UI re-emits them as queued Qt signals, like SIP events). ``party`` is a caller key
("chest-pain") or a staff user ("oncall-nurse"): never a number or a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from softphone.demo.cast import Role
from softphone.demo.tone_meter import HeardLevels


class PartyCallState(StrEnum):
    CALLING = "calling"  # the simulated party dialled the agent, nothing back yet
    RINGING = "ringing"  # the agent rings (180), or the party's own phone rings (incoming)
    CONNECTING = "connecting"
    TALKING = "talking"  # confirmed: media flows
    ENDED = "ended"


class CallDirection(StrEnum):
    TO_AGENT = "to_agent"  # a patient or the supervisor calls the agent
    FROM_AGENT = "from_agent"  # the agent escalates to a clinician


@dataclass(frozen=True, slots=True)
class SwitchboardReady:
    host: str
    udp_port: int
    tcp_port: int
    pid: int


@dataclass(frozen=True, slots=True)
class PartyCallChanged:
    call_id: str  # the switchboard's id ("sb-3"); unrelated to the engine's call ids
    party: str
    role: Role
    direction: CallDirection
    state: PartyCallState
    status_code: int = 0


@dataclass(frozen=True, slots=True)
class PartyHeard:
    """What one simulated party heard in one call during a listening window."""

    call_id: str
    party: str
    levels: HeardLevels


@dataclass(frozen=True, slots=True)
class SupervisionModeSent:
    """The final answer to the in-dialog MESSAGE that switched a supervisor call's mode."""

    call_id: str
    mode: str
    status_code: int


@dataclass(frozen=True, slots=True)
class SwitchboardError:
    """Something failed inside the switchboard; it keeps running."""

    message: str


@dataclass(frozen=True, slots=True)
class SwitchboardExited:
    """The child process is gone. ``expected`` is False for a crash (the demo should say so)."""

    returncode: int | None
    expected: bool


DemoEvent = (
    SwitchboardReady | PartyCallChanged | PartyHeard | SupervisionModeSent | SwitchboardError | SwitchboardExited
)


def event_from_message(message: dict[str, Any]) -> DemoEvent | None:
    """Turn one decoded child event into its dataclass (None for unknown events: newer child)."""
    kind = message.get("event")
    try:
        if kind == "ready":
            return SwitchboardReady(str(message["host"]), int(message["udp_port"]), int(message["tcp_port"]),
                                    int(message["pid"]))
        if kind == "call_state":
            return PartyCallChanged(
                call_id=str(message["call"]),
                party=str(message["party"]),
                role=Role(message["role"]),
                direction=CallDirection(message["direction"]),
                state=PartyCallState(message["state"]),
                status_code=int(message.get("code", 0)),
            )
        if kind == "message_status":
            return SupervisionModeSent(str(message["call"]), str(message["mode"]), int(message["code"]))
        if kind == "error":
            return SwitchboardError(str(message.get("message", ""))[:300])
    except (KeyError, ValueError, TypeError):
        return SwitchboardError(f"malformed {kind!r} event from the switchboard")
    return None
