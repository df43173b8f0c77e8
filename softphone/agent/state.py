"""The agent's availability: Available, On call, Wrap-up, Break, Offline. No Qt here.

The state decides whether calls are offered: only an Available agent (or, with call waiting, an
agent already On call) is offered a new call; otherwise the call controller answers it 486 Busy
Here (do-not-disturb). Leaving Wrap-up needs a disposition code from the provisioned list; the
countdown only marks wrap-up as overdue, it never skips the disposition.

Every change is recorded (``history``) and announced to listeners, so the audit/storage layer can
subscribe (``add_listener``) without this module knowing about it. Time comes from injected clocks,
so tests drive the countdown without sleeping; the UI calls ``tick()`` once a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import StrEnum

log = logging.getLogger(__name__)


class AgentState(StrEnum):
    AVAILABLE = "available"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    OFFLINE = "offline"


class AgentStateError(ValueError):
    """A transition the rules forbid (e.g. leaving wrap-up without a disposition)."""


@dataclass(frozen=True)
class StateChange:
    previous: AgentState
    state: AgentState
    at: datetime  # wall clock, UTC, for the record
    reason: str | None = None  # break reason, or what caused the change ("call ended"...)
    disposition: str | None = None  # set when leaving wrap-up
    call_ids: tuple[str, ...] = ()  # the calls a wrap-up/disposition is about


StateListener = Callable[[StateChange], None]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AgentStateMachine:
    def __init__(
        self,
        dispositions: Sequence[str],
        break_reasons: Sequence[str],
        *,
        wrap_up_s: float = 60.0,
        call_waiting: bool = True,
        initial: AgentState = AgentState.AVAILABLE,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = _utc_now,
        history_limit: int = 500,
    ):
        if not dispositions:
            raise ValueError("at least one disposition code is required")
        if initial not in (AgentState.AVAILABLE, AgentState.OFFLINE):
            raise ValueError("a shift starts Available or Offline")
        self.dispositions: tuple[str, ...] = tuple(dispositions)
        self.break_reasons: tuple[str, ...] = tuple(break_reasons)
        self.wrap_up_s = wrap_up_s
        self.call_waiting = call_waiting
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._history_limit = history_limit
        self._state = initial
        self._break_reason: str | None = None
        self._wrap_up_started: float | None = None
        self._wrap_up_calls: tuple[str, ...] = ()
        self._overdue_announced = False
        # Where to go after wrap-up when the agent asked for a break or to log off mid-call.
        self._after_wrap_up: tuple[AgentState, str | None] = (AgentState.AVAILABLE, None)
        self._listeners: list[StateListener] = []
        self.history: list[StateChange] = [StateChange(initial, initial, wall_clock(), "shift started")]

    # ------------------------------------------------------------------ queries

    @property
    def state(self) -> AgentState:
        return self._state

    @property
    def break_reason(self) -> str | None:
        return self._break_reason

    @property
    def wrap_up_calls(self) -> tuple[str, ...]:
        return self._wrap_up_calls

    @property
    def pending_after_wrap_up(self) -> AgentState:
        return self._after_wrap_up[0]

    def offers_calls(self) -> bool:
        """Whether a new incoming call is offered to the agent (else: 486 Busy Here)."""
        if self._state is AgentState.AVAILABLE:
            return True
        return self._state is AgentState.ON_CALL and self.call_waiting

    def wrap_up_remaining_s(self) -> float | None:
        """Seconds left in wrap-up (negative when overdue); None outside wrap-up."""
        if self._state is not AgentState.WRAP_UP or self._wrap_up_started is None:
            return None
        return self.wrap_up_s - (self._monotonic() - self._wrap_up_started)

    def wrap_up_overdue(self) -> bool:
        remaining = self.wrap_up_remaining_s()
        return remaining is not None and remaining <= 0

    # ------------------------------------------------------------------ listeners

    def add_listener(self, listener: StateListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # ------------------------------------------------------------------ agent intents

    def go_available(self) -> None:
        if self._state is AgentState.AVAILABLE:
            return
        if self._state is AgentState.WRAP_UP:
            raise AgentStateError("choose a disposition to finish wrap-up")
        if self._state is AgentState.ON_CALL:
            self._after_wrap_up = (AgentState.AVAILABLE, None)
            return
        self._set(AgentState.AVAILABLE, "agent")

    def take_break(self, reason: str) -> None:
        if reason not in self.break_reasons:
            raise AgentStateError(f"unknown break reason {reason!r}")
        if self._state in (AgentState.ON_CALL, AgentState.WRAP_UP):
            # The call and its wrap-up are finished first; the break follows.
            self._after_wrap_up = (AgentState.BREAK, reason)
            return
        self._set(AgentState.BREAK, reason, break_reason=reason)

    def go_offline(self) -> None:
        if self._state in (AgentState.ON_CALL, AgentState.WRAP_UP):
            self._after_wrap_up = (AgentState.OFFLINE, None)
            return
        self._set(AgentState.OFFLINE, "agent")

    def submit_disposition(self, code: str) -> StateChange:
        """Finish wrap-up with a code from the provisioned list; returns the recorded change."""
        if self._state is not AgentState.WRAP_UP:
            raise AgentStateError("there is no call to wrap up")
        if code not in self.dispositions:
            raise AgentStateError(f"{code!r} is not a provisioned disposition code")
        target, reason = self._after_wrap_up
        self._after_wrap_up = (AgentState.AVAILABLE, None)
        calls = self._wrap_up_calls
        self._wrap_up_started = None
        self._wrap_up_calls = ()
        return self._set(
            target, reason or "wrap-up done", break_reason=reason if target is AgentState.BREAK else None,
            disposition=code, call_ids=calls,
        )

    # ------------------------------------------------------------------ call events (from the call controller)

    def call_started(self, call_id: str) -> None:
        """A call was answered or placed. From wrap-up, the unfinished wrap-up stays owed."""
        if self._state is AgentState.ON_CALL:
            return
        if self._state is AgentState.WRAP_UP:
            # An outgoing call during wrap-up (calling the patient back): the owed disposition
            # is kept and asked for again when this call ends.
            self._set(AgentState.ON_CALL, "call", call_ids=(*self._wrap_up_calls, call_id))
            return
        self._wrap_up_calls = ()
        self._set(AgentState.ON_CALL, "call", call_ids=(call_id,))

    def all_calls_ended(self, call_ids: Sequence[str]) -> None:
        """The last call ended: wrap-up starts (its countdown too)."""
        if self._state is not AgentState.ON_CALL:
            return
        self._wrap_up_calls = tuple(dict.fromkeys((*self._wrap_up_calls, *call_ids)))
        self._wrap_up_started = self._monotonic()
        self._overdue_announced = False
        self._set(AgentState.WRAP_UP, "call ended", call_ids=self._wrap_up_calls)

    def tick(self) -> bool:
        """Called periodically; returns True the first time wrap-up becomes overdue."""
        if self.wrap_up_overdue() and not self._overdue_announced:
            self._overdue_announced = True
            log.info("agent wrap-up overdue")
            return True
        return False

    # ------------------------------------------------------------------ internals

    def _set(
        self,
        state: AgentState,
        reason: str | None,
        *,
        break_reason: str | None = None,
        disposition: str | None = None,
        call_ids: tuple[str, ...] = (),
    ) -> StateChange:
        change = StateChange(self._state, state, self._wall_clock(), reason, disposition, call_ids)
        self._state = state
        self._break_reason = break_reason if state is AgentState.BREAK else None
        self.history.append(change)
        if len(self.history) > self._history_limit:
            del self.history[: len(self.history) - self._history_limit]
        log.info("agent state %s -> %s", change.previous, change.state)
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # noqa: BLE001 - a failing recorder must not block the agent
                log.exception("agent state listener failed")
        return change
