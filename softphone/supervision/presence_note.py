"""The agent's state as SIP presence (PIDF basic status + RPID activity + note), and back. Pure.

    available -> open, activity unknown, note "available"
    on call   -> open, busy,  note "on_call;elapsed=42"
    wrap-up   -> open, busy,  note "wrap_up;elapsed=3"
    break     -> open, away,  note "break;elapsed=120"
    offline   -> closed,      note "offline"

``elapsed`` (whole seconds in the state when the NOTIFY was sent) lets the team view show a
duration without trusting the two computers' clocks to agree. Another client's plain presence
(no note of ours) is still shown sensibly: open = available, busy = on call, away = break.
Break reasons are not sent (free text chosen by the agent; the team view does not need them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from softphone.sip.events import PresenceActivity


class TeamState(StrEnum):
    AVAILABLE = "available"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    OFFLINE = "offline"
    UNKNOWN = "unknown"  # not subscribed yet, or the subscription failed


_ACTIVITY = {
    TeamState.AVAILABLE: PresenceActivity.UNKNOWN,
    TeamState.ON_CALL: PresenceActivity.BUSY,
    TeamState.WRAP_UP: PresenceActivity.BUSY,
    TeamState.BREAK: PresenceActivity.AWAY,
    TeamState.OFFLINE: PresenceActivity.UNKNOWN,
}
MAX_ELAPSED_S = 7 * 24 * 3600


@dataclass(frozen=True)
class PresenceStatus:
    online: bool
    activity: PresenceActivity
    note: str


def encode(state: str, elapsed_s: float = 0.0, alert: str | None = None) -> PresenceStatus:
    """``state`` is an ``AgentState`` value ("available", "on_call", ...); ``alert`` an escalation
    reason code when every clinician failed (the supervisor's team view flags the agent)."""
    team_state = TeamState(str(state))
    if team_state is TeamState.UNKNOWN:
        raise ValueError("an agent's own state is never unknown")
    note = team_state.value
    if team_state in (TeamState.ON_CALL, TeamState.WRAP_UP, TeamState.BREAK):
        note += f";elapsed={max(0, min(int(elapsed_s), MAX_ELAPSED_S))}"
    if alert and team_state is not TeamState.OFFLINE:
        note += f";alert={_code(alert) or 'escalation'}"
    return PresenceStatus(team_state is not TeamState.OFFLINE, _ACTIVITY[team_state], note)


def decode(online: bool | None, activity: PresenceActivity, note: str) -> tuple[TeamState, float | None]:
    """(state, seconds already spent in it when sent, if known). ``note`` is untrusted."""
    if online is None:
        return TeamState.UNKNOWN, None
    if online is False:
        return TeamState.OFFLINE, None
    token, _, params = note.strip().partition(";")
    elapsed = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip() == "elapsed" and value.strip().isdigit():
            elapsed = float(min(int(value.strip()), MAX_ELAPSED_S))
    try:
        state = TeamState(token.strip().lower())
    except ValueError:
        state = {PresenceActivity.BUSY: TeamState.ON_CALL, PresenceActivity.AWAY: TeamState.BREAK}.get(
            activity, TeamState.AVAILABLE
        )
        elapsed = None
    if state is TeamState.UNKNOWN:
        state = TeamState.AVAILABLE
    return state, elapsed


def decode_alert(note: str) -> str | None:
    """The escalation alert in a note of ours ("on_call;elapsed=3;alert=chest_pain"), else None."""
    for param in note.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip() == "alert":
            return _code(value) or None
    return None


def _code(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if ch.isascii() and (ch.isalnum() or ch == "_"))[:40]
