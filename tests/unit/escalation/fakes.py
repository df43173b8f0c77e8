"""A fake engine (commands recorded, call ids handed out) and a manual clock for the service."""

from __future__ import annotations

import itertools
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from softphone.agent.call_scene import CallSceneOwner
from softphone.config.model import EscalationSettings
from softphone.escalation import EscalationService
from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallMediaChanged, CallState, CallStateChanged, MediaState


@dataclass
class FakeEngine:
    commands: list[Any] = field(default_factory=list)
    fail_make_call: set[str] = field(default_factory=set)  # destinations whose MakeCall raises
    issued: list[str] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(10))

    def submit(self, command: Any) -> Future[Any]:
        self.commands.append(command)
        future: Future[Any] = Future()
        if isinstance(command, cmd.MakeCall):
            if command.destination in self.fail_make_call:
                future.set_exception(RuntimeError("no route"))
            else:
                self.issued.append(f"call-{next(self._ids)}")
                future.set_result(self.issued[-1])
        else:
            future.set_result(None)
        return future

    def of(self, kind: type) -> list[Any]:
        return [c for c in self.commands if isinstance(c, kind)]


@dataclass
class ManualTimers:
    now: float = 0.0
    pending: list[tuple[float, int, Any]] = field(default_factory=list)
    _seq: Any = field(default_factory=itertools.count)

    def schedule(self, delay: float, action: Any) -> object:
        entry = [self.now + delay, next(self._seq), action, False]
        self.pending.append(entry)  # type: ignore[arg-type]
        return entry

    def cancel(self, handle: Any) -> None:
        handle[3] = True

    def advance(self, seconds: float) -> None:
        target = self.now + seconds
        while True:
            due = sorted((e for e in self.pending if not e[3] and e[0] <= target), key=lambda e: (e[0], e[1]))
            if not due:
                break
            entry = due[0]
            entry[3] = True
            self.now = entry[0]
            entry[2]()
        self.now = target


def state(call_id: str, new_state: CallState, status: int = 0, direction=CallDirection.OUTGOING) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", new_state, direction, "sip:x@y", "", None, status, "")


class Rig:
    """Service + scene + fake engine + manual time, with a live patient call ``call-1``."""

    def __init__(self, policy: EscalationSettings | None = None, *, secure: bool = False):
        self.engine = FakeEngine()
        self.timers = ManualTimers()
        self.scene = CallSceneOwner(self.engine.submit)
        self.service = EscalationService(
            self.engine.submit, self.scene, policy or EscalationSettings(),
            agent_id="agent-7", account_id=lambda: "acc",
            schedule=self.timers.schedule, cancel_timer=self.timers.cancel,
            signalling_secure=secure, monotonic=lambda: self.timers.now,
        )
        self.updates: list[Any] = []
        self.finished: list[Any] = []
        self.alerts: list[Any] = []
        self.records: list[Any] = []
        self.service.on_update(self.updates.append)
        self.service.on_finished(self.finished.append)
        self.service.on_alert(self.alerts.append)
        self.service.on_record(self.records.append)
        self.patient = "call-1"
        self.event(state(self.patient, CallState.INCOMING, direction=CallDirection.INCOMING))
        self.event(state(self.patient, CallState.CONFIRMED, 200, direction=CallDirection.INCOMING))
        self.event(CallMediaChanged(self.patient, MediaState.ACTIVE))

    def event(self, event: Any) -> None:
        self.scene.handle_event(event)
        self.service.handle_event(event)

    def last_call(self) -> str:
        assert self.engine.issued, "no MakeCall sent"
        return self.engine.issued[-1]

    def answer(self, call_id: str) -> None:
        self.event(state(call_id, CallState.EARLY, 180))
        self.event(state(call_id, CallState.CONFIRMED, 200))
        self.event(CallMediaChanged(call_id, MediaState.ACTIVE))

    def reject(self, call_id: str, status: int) -> None:
        self.event(state(call_id, CallState.DISCONNECTED, status))

    def last_routes(self) -> cmd.ApplyRoutes:
        return self.engine.of(cmd.ApplyRoutes)[-1]
