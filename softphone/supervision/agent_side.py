"""The agent's side of supervision: accept (or refuse) a supervisor's call, mix it in, follow mode
switches, end it cleanly. A plain state machine: no Qt, no pjsua2, no I/O of its own.

    service = SupervisedCallService(engine.submit, scene, policy, agent_id="agent-7", audit=audit_log)
    engine events (GUI thread, after the scene) -> service.handle_event(event)
    service.on_change(lambda session: window.set_supervision(session.indicator if session else None))

An incoming INVITE with ``X-Supervise`` is decided at once (``authorisation.decide``): refused
calls are answered 403 (or 486 / 480 when the agent is already supervised / on no call) without
ringing, and audited; an accepted one is auto-answered and handed to the ``CallSceneOwner`` as
the ``supervisor`` leg, so ``routing.compute_routes`` decides who hears whom:

    listen  - the supervisor hears the agent and the patient; nobody hears the supervisor
    whisper - and the agent (only) hears the supervisor
    barge   - everyone hears everyone

A mode switch is an in-dialog MESSAGE on the supervisor's own call (a MESSAGE on any other call,
e.g. the patient's, is ignored). The supervision ends when the supervisor hangs up, or when the
supervised patient call ends (the supervisor's call is then hung up). Every step is audited.

``claims(event)`` tells the call controller which events belong to supervision calls, so they never
appear as calls, ring, or change the agent's state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from softphone.agent.call_scene import CallSceneOwner
from softphone.audit import AuditAction
from softphone.sip import commands as cmd
from softphone.sip.events import CallState, CallStateChanged, IncomingCall, InDialogMessage
from softphone.sip.routing import LegState, SupervisionMode
from softphone.supervision.authorisation import Decision, Refusal, SupervisionPolicy, decide, identity_ref
from softphone.supervision.modes import SUPERVISE_HEADER, parse_mode

log = logging.getLogger(__name__)

REFUSAL_STATUS = {
    Refusal.BAD_MODE: 403,
    Refusal.NOT_ASSERTED: 403,
    Refusal.NOT_AUTHORISED: 403,
    Refusal.BUSY: 486,
    Refusal.NO_CALL: 480,
}
_MAX_CLAIMED = 64


@dataclass(frozen=True)
class SupervisionSession:
    """One supervisor on the agent's call. ``indicator`` is what the agent's badge shows (None:
    nothing, by policy)."""

    call_id: str
    supervisor: str  # canonical user@host, as asserted
    mode: SupervisionMode
    patient_call_id: str
    started_monotonic: float
    indicator: SupervisionMode | None = None
    ended: bool = False
    end_reason: str = ""


class SupervisedCallService:
    def __init__(
        self,
        submit: Callable[[object], Future[Any]],
        scene: CallSceneOwner,
        policy: SupervisionPolicy,
        *,
        agent_id: str,
        audit: Any = None,  # softphone.audit.AuditLog / BackgroundAuditLog (``record``)
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._submit = submit
        self._scene = scene
        self.policy = policy
        self.agent_id = agent_id
        self._audit = audit
        self._monotonic = monotonic
        self.session: SupervisionSession | None = None
        self.refused: list[tuple[str, Refusal]] = []  # (call id, why), newest last (bounded)
        self._claimed: list[str] = []
        self._listeners: list[Callable[[SupervisionSession | None], None]] = []
        self._refusal_listeners: list[Callable[[Decision], None]] = []
        self._mode_listeners: list[Callable[[SupervisionMode, float], None]] = []

    # ------------------------------------------------------------------ listeners, queries

    def on_change(self, listener: Callable[[SupervisionSession | None], None]) -> None:
        """The session (None when there is none): started, mode switched, ended."""
        self._listeners.append(listener)

    def on_refused(self, listener: Callable[[Decision], None]) -> None:
        self._refusal_listeners.append(listener)

    def on_mode_applied(self, listener: Callable[[SupervisionMode, float], None]) -> None:
        """A mode switch was handed to the scene (mode, monotonic time): for benches."""
        self._mode_listeners.append(listener)

    @property
    def active(self) -> bool:
        return self.session is not None

    def claims(self, event: object) -> bool:
        """True for the events of supervision calls (the call controller must not see them).
        Decides from the event alone, so it may run before ``handle_event``."""
        if isinstance(event, IncomingCall) and event.header(SUPERVISE_HEADER) is not None:
            if event.call_id not in self._claimed:
                self._claimed.append(event.call_id)
                del self._claimed[:-_MAX_CLAIMED]
            return True
        call_id = getattr(event, "call_id", None)
        return call_id is not None and call_id in self._claimed

    # ------------------------------------------------------------------ events (one thread)

    def handle_event(self, event: object) -> None:
        if isinstance(event, IncomingCall):
            if self.claims(event):
                self._incoming(event)
        elif isinstance(event, InDialogMessage):
            self._message(event)
        elif isinstance(event, CallStateChanged):
            self._state_changed(event)

    def leave(self, reason: str = "agent_ended") -> bool:
        """End the supervision from the agent's side (e.g. the agent's app is closing: "app_closed")."""
        session = self.session
        if session is None:
            return False
        self._command(cmd.Hangup(session.call_id), "hang up the supervisor")
        self._end(reason)
        return True

    # ------------------------------------------------------------------ internals

    def _incoming(self, event: IncomingCall) -> None:
        decision = decide(event, self.policy)
        if decision is None:
            return
        patient_call = self._scene.patient_call_id
        if decision.accepted:
            if self.session is not None:
                decision = replace(decision, refusal=Refusal.BUSY)
            elif patient_call is None or self._scene.leg_state(patient_call) in (None, LegState.ENDED, LegState.RINGING):
                decision = replace(decision, refusal=Refusal.NO_CALL)
        if not decision.accepted:
            self._refuse(event.call_id, decision, patient_call)
            return
        assert decision.mode is not None and patient_call is not None
        session = SupervisionSession(
            event.call_id, decision.identity, decision.mode, patient_call, self._monotonic(),
            indicator=self.policy.indicator(decision.mode),
        )
        self.session = session
        log.info("supervision of %s by an authorised supervisor accepted (%s) on %s",
                 patient_call, decision.mode.value, event.call_id)
        self._scene.set_supervisor(event.call_id, decision.mode)
        self._command(cmd.Answer(event.call_id), "answer the supervisor")
        self._record("started", patient_call, supervisor=decision.identity, mode=decision.mode.value,
                     supervision_call=event.call_id)
        self._notify()
        self._mode_applied(decision.mode)

    def _refuse(self, call_id: str, decision: Decision, patient_call: str | None) -> None:
        assert decision.refusal is not None
        status = REFUSAL_STATUS[decision.refusal]
        log.warning("supervision call %s refused (%d): %s", call_id, status, decision.refusal.value)
        self._command(cmd.Reject(call_id, status), "refuse a supervision call")
        self.refused.append((call_id, decision.refusal))
        del self.refused[:-_MAX_CLAIMED]
        known = decision.identity in self.policy.authorised
        self._record(
            "refused", patient_call, reason=decision.refusal.value, sip_status=status,
            mode=decision.mode.value if decision.mode else None,
            identity_asserted=decision.asserted,
            supervisor=decision.identity if known else None,
            identity_ref=None if known else identity_ref(decision.identity),
            supervision_call=call_id,
        )
        for listener in list(self._refusal_listeners):
            _call(listener, decision)

    def _message(self, event: InDialogMessage) -> None:
        session = self.session
        if session is None or event.call_id != session.call_id:
            if event.header(SUPERVISE_HEADER) is not None:
                log.warning("supervision mode MESSAGE on %s ignored: not the supervisor's call", event.call_id)
            return
        mode = parse_mode(event.header(SUPERVISE_HEADER)) or parse_mode(event.body)
        if mode is None:
            log.info("supervision MESSAGE without a mode on %s ignored", event.call_id)
            return
        if mode is session.mode:
            return
        previous = session.mode
        self.session = replace(session, mode=mode, indicator=self.policy.indicator(mode))
        self._scene.set_supervisor_mode(mode)
        log.info("supervision on %s switched %s -> %s", session.call_id, previous.value, mode.value)
        self._record("mode_changed", session.patient_call_id, supervisor=session.supervisor,
                     mode=mode.value, previous_mode=previous.value, supervision_call=session.call_id)
        self._notify()
        self._mode_applied(mode)

    def _state_changed(self, event: CallStateChanged) -> None:
        session = self.session
        if event.state is not CallState.DISCONNECTED or session is None:
            return
        if event.call_id == session.call_id:
            self._end("supervisor_left")
        elif event.call_id == session.patient_call_id:
            self._command(cmd.Hangup(session.call_id), "hang up the supervisor")
            self._end("patient_call_ended")

    def _end(self, reason: str) -> None:
        session = self.session
        if session is None:
            return
        duration = round(self._monotonic() - session.started_monotonic, 1)
        log.info("supervision on %s ended: %s after %.1f s", session.call_id, reason, duration)
        self._record("ended", session.patient_call_id, supervisor=session.supervisor, mode=session.mode.value,
                     reason=reason, duration_s=duration, supervision_call=session.call_id)
        self.session = None
        self._scene.clear_supervisor()
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            _call(listener, self.session)

    def _mode_applied(self, mode: SupervisionMode) -> None:
        now = self._monotonic()
        for listener in list(self._mode_listeners):
            _call2(listener, mode, now)

    def _record(self, event: str, patient_call: str | None, **details: Any) -> None:
        if self._audit is None:
            return
        clean = {"event": event, "side": "agent", **{k: v for k, v in details.items() if v is not None}}
        try:
            self._audit.record(self.agent_id, AuditAction.SUPERVISION,
                               subject=f"call:{patient_call}" if patient_call else None, details=clean)
        except Exception:  # noqa: BLE001 - an audit failure is logged, the call goes on
            log.exception("supervision audit entry not recorded")

    def _command(self, command: object, what: str) -> None:
        future = self._submit(command)

        def done(finished: Future[Any]) -> None:
            if not finished.cancelled() and finished.exception() is not None:
                log.info("supervision: could not %s: %s", what, type(finished.exception()).__name__)

        future.add_done_callback(done)


def _call(listener: Callable[[Any], None], value: Any) -> None:
    try:
        listener(value)
    except Exception:  # noqa: BLE001
        log.exception("supervision listener failed")


def _call2(listener: Callable[[Any, Any], None], a: Any, b: Any) -> None:
    try:
        listener(a, b)
    except Exception:  # noqa: BLE001
        log.exception("supervision listener failed")
