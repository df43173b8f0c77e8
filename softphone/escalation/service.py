"""The escalation: one press rings the right clinician into the live call. A plain state machine.

No Qt, no pjsua2, no I/O. It runs on one thread (the GUI thread in the app): it is given the
engine's events (``handle_event``), its timers fire through ``schedule`` and the outcome of its
engine commands comes back through ``dispatch``. It sends the engine ``MakeCall`` (with the
context headers), ``Hangup``, ``Resume`` and ``AttendedTransfer``; who hears whom it never
decides itself: it only tells the ``CallSceneOwner`` which call is the clinician's and in which
escalation mode, and the scene owner applies ``compute_routes`` (the engine's auto-routing off).

    service = EscalationService(engine.submit, scene, settings.escalation, agent_id="agent-7",
                                account_id=lambda: controller.account_id, schedule=..., cancel_timer=...)
    service.start(patient_call_id, "chest_pain", patient=context)   # the press
    service.skip() / service.cancel() / service.join() / service.hand_off() / service.stay()
    engine events (same thread)  -> service.handle_event(event)
    the call list's event filter -> service.claims(event)       # the clinician legs are not calls
    service.on_released(controller.handle_event)                 # of the agent's own

The clinician legs belong to the escalation: ``claims`` tells the call list which events are
theirs, so the agent sees them in the progress view and never as a second call to answer or hang
up; the patient's call stays the current call. The engine may publish a new leg's first events
before ``MakeCall``'s result (its call id) is back: while a ``MakeCall`` is out, events of outgoing
calls never seen before are held here and, if the call turns out not to be ours (the agent dialled
at that very moment), handed back in order through ``on_released``.

Hand-off mode: once the clinician has joined, the agent stays ``handoff_delay_s`` (policy) to
introduce the patient, then leaves by itself (attended transfer); ``Escalation.handoff_due_monotonic``
drives the countdown, ``hand_off()`` leaves now, ``stay()`` stops the countdown (the agent can still
hand off by hand later).

Hunting: each target rings for its timeout; no answer, busy, declined, unreachable or an INVITE
that cannot be sent -> the next target at once. Every target failed -> phase FAILED: the fallback
script for the agent and a ``SupervisorAlert``. Nothing ends silently: every terminal phase is
reported to the ``on_update`` and ``on_finished`` listeners (the record writer, the audit log).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from softphone.agent.call_scene import CallSceneOwner
from softphone.config.model import EscalationSettings
from softphone.escalation.headers import context_headers
from softphone.escalation.model import Attempt, AttemptOutcome, Escalation, Mode, Phase, Plan, Urgency
from softphone.escalation.policy import build_plan
from softphone.patients.model import PatientContext
from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallState, CallStateChanged, TransferProgress
from softphone.sip.routing import EscalationMode, LegState

log = logging.getLogger(__name__)

HANDOFF_SETTLE_S = 10.0  # a hand-off with no final transfer answer by then is looked at again
_MAX_ORPHAN_EVENTS = 32
_MAX_REMEMBERED_CALLS = 256
# A MakeCall whose result has not come back by then no longer holds other calls' events back.
PLACING_HOLD_S = 5.0


class EscalationError(Exception):
    """The escalation cannot start (another one runs, no live patient call)."""


@dataclass(frozen=True)
class SupervisorAlert:
    """Every target failed: the supervision feature shows this to the shift supervisor. Ids only."""

    escalation_id: str
    agent_id: str
    patient_call_id: str
    reason_code: str
    urgency: Urgency
    attempts: tuple[tuple[str, str], ...]  # (target id, outcome)
    raised_at: datetime


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def outcome_for_status(status_code: int) -> AttemptOutcome:
    if status_code in (486, 600):
        return AttemptOutcome.BUSY
    if status_code == 603:
        return AttemptOutcome.DECLINED
    if status_code == 487:
        return AttemptOutcome.CANCELLED
    return AttemptOutcome.UNAVAILABLE


class EscalationService:
    def __init__(
        self,
        submit: Callable[[object], Future[Any]],
        scene: CallSceneOwner,
        policy: EscalationSettings,
        *,
        agent_id: str,
        account_id: Callable[[], str | None],
        schedule: Callable[[float, Callable[[], None]], object],
        cancel_timer: Callable[[object], None],
        dispatch: Callable[[Callable[[], None]], None] = lambda fn: fn(),
        signalling_secure: bool = False,
        resolve_destination: Callable[[str], str] = lambda destination: destination,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = _utc_now,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex[:16],
    ) -> None:
        self._submit = submit
        self._scene = scene
        self.policy = policy
        self.agent_id = agent_id
        self._account_id = account_id
        self._schedule = schedule
        self._cancel_timer = cancel_timer
        self._dispatch = dispatch
        self.signalling_secure = signalling_secure
        self._resolve = resolve_destination
        self._monotonic = monotonic
        self._now = wall_clock
        self._new_id = new_id
        self._current: Escalation | None = None
        self.last: Escalation | None = None
        self._timer: object | None = None
        self._placing = 0  # MakeCalls whose result (the call id) has not come back yet
        self._placing_until = 0.0
        self._orphans: list[CallStateChanged] = []  # events of a call that may be the one being placed
        self._legs: OrderedDict[str, None] = OrderedDict()  # the escalations' call ids (recent ones)
        self._seen: OrderedDict[str, None] = OrderedDict()  # other calls' ids seen in events
        self._transfer_ok = False
        self._patient_gone = False
        self._update_listeners: list[Callable[[Escalation], None]] = []
        self._finished_listeners: list[Callable[[Escalation], None]] = []
        self._alert_listeners: list[Callable[[SupervisorAlert], None]] = []
        self._record_listeners: list[Callable[[Escalation], None]] = []
        self._notice_listeners: list[Callable[[str], None]] = []
        self._released_listeners: list[Callable[[object], None]] = []

    # ------------------------------------------------------------------ listeners, queries

    def on_update(self, listener: Callable[[Escalation], None]) -> None:
        """Every step (the progress view); the first call is the press itself."""
        self._update_listeners.append(listener)

    def on_finished(self, listener: Callable[[Escalation], None]) -> None:
        """Once per escalation, with the complete record (the writer, the audit log)."""
        self._finished_listeners.append(listener)

    def on_record(self, listener: Callable[[Escalation], None]) -> None:
        """The record writer: at the press, when the clinician answers, and at the end."""
        self._record_listeners.append(listener)

    def on_alert(self, listener: Callable[[SupervisorAlert], None]) -> None:
        self._alert_listeners.append(listener)

    def on_notice(self, listener: Callable[[str], None]) -> None:
        """Short sentences for the agent ("The hand-off failed: everyone is still connected.")."""
        self._notice_listeners.append(listener)

    def on_released(self, listener: Callable[[object], None]) -> None:
        """Events ``claims`` held back that turned out not to be the escalation's (the call list's
        own handler, to receive them late but in order)."""
        self._released_listeners.append(listener)

    def claims(self, event: object) -> bool:
        """True for an event of the escalation's own calls (the clinician legs), which the agent's
        call list must not show as calls of their own. No side effects: call it before
        ``handle_event`` with the same event."""
        call_id = getattr(event, "call_id", None)
        if not isinstance(call_id, str):
            return False
        return call_id in self._legs or self._is_orphan(event)

    def _is_orphan(self, event: object) -> bool:
        """An event of an outgoing call never seen, while our MakeCall's result is still out: maybe
        the clinician's leg (see the module docstring)."""
        if self._placing <= 0 or not isinstance(event, CallStateChanged) or event.direction is not CallDirection.OUTGOING:
            return False
        if self._monotonic() > self._placing_until:
            return False
        current = self._current
        if current is not None and event.call_id == current.patient_call_id:
            return False
        return event.call_id not in self._seen and event.call_id not in self._legs

    @property
    def current(self) -> Escalation | None:
        return self._current

    @property
    def active(self) -> bool:
        return self._current is not None

    # ------------------------------------------------------------------ intents

    def plan(self, reason_code: str, patient: PatientContext | None = None, mode: Mode | str | None = None) -> Plan:
        return build_plan(self.policy, reason_code, patient, mode)

    def start(
        self,
        patient_call_id: str,
        reason_code: str,
        *,
        patient: PatientContext | None = None,
        note_call_id: str | None = None,
        mode: Mode | str | None = None,
        pressed_monotonic: float | None = None,
    ) -> Escalation:
        """The press (confirmed with a reason). Raises EscalationError or policy.UnknownReason."""
        if self._current is not None:
            raise EscalationError("An escalation is already in progress for this call.")
        if self._scene.leg_state(patient_call_id) in (None, LegState.ENDED):
            raise EscalationError("There is no live call to escalate.")
        plan = self.plan(reason_code, patient, mode)
        escalation = Escalation(
            escalation_id=self._new_id(),
            plan=plan,
            agent_id=self.agent_id,
            patient_call_id=patient_call_id,
            patient_ref=patient.patient_id if patient is not None else None,
            note_call_id=note_call_id or patient_call_id,
            phase=Phase.HUNTING,
            attempts=(),
            pressed_at=self._now(),
            pressed_monotonic=pressed_monotonic if pressed_monotonic is not None else self._monotonic(),
        )
        self._current = escalation
        self._transfer_ok = self._patient_gone = False
        if self._scene.leg_state(patient_call_id) is LegState.HELD:
            self._command(cmd.Resume(patient_call_id), "resume the patient",
                          "The patient could not be taken off hold: press Hold to resume them.")
        # The first INVITE goes out before anything else: until this thread yields the GIL the SIP
        # thread cannot build it, so the view update, the record and the log come after it
        # (_next_target also puts the patient into the ringing routing).
        self._next_target()
        log.info("escalation %s started: %s/%s, %s, %d target(s)", escalation.escalation_id, plan.reason_code,
                 plan.urgency.value, plan.mode.value, len(plan.targets))
        self._record_progress()  # a no-op when every target failed at once (_finish recorded it)
        self._notify()
        return self._current or escalation

    def skip(self) -> bool:
        """Stop ringing the current target and try the next one."""
        escalation = self._current
        attempt = escalation.current if escalation else None
        if escalation is None or escalation.phase is not Phase.HUNTING or attempt is None:
            return False
        self._end_attempt(attempt, AttemptOutcome.SKIPPED)
        self._next_target()
        return True

    def cancel(self) -> bool:
        """While hunting: stop, nobody is called. Once connected: drop the clinician's leg."""
        escalation = self._current
        if escalation is None:
            return False
        if escalation.phase is Phase.HUNTING:
            attempt = escalation.current
            if attempt is not None:
                self._end_attempt(attempt, AttemptOutcome.CANCELLED)
            self._finish(Phase.CANCELLED)
            return True
        if escalation.phase.connected:
            self._hang_up_clinician()
            self._finish(Phase.ENDED, "agent_ended")
            return True
        return False

    def join(self) -> bool:
        """Consult-first: the one press that brings the patient in."""
        escalation = self._current
        if escalation is None or escalation.phase is not Phase.CONSULTING:
            return False
        self._set(phase=Phase.CONFERENCED, joined_at=self._now())
        self._scene.set_clinician_mode(EscalationMode.CONFERENCED)
        self._notify()
        return True

    def hand_off(self) -> bool:
        """The agent leaves now; patient and clinician stay connected (attended transfer, Replaces)."""
        escalation = self._current
        attempt = escalation.current if escalation else None
        if escalation is None or attempt is None or attempt.call_id is None:
            return False
        if escalation.phase not in (Phase.CONSULTING, Phase.CONFERENCED):
            return False
        if escalation.joined_at is None:
            self._set(joined_at=self._now())
        self._set(phase=Phase.HANDING_OFF, handoff_due_monotonic=None)
        # Until the transfer completes, patient and clinician hear each other through our bridge.
        self._scene.set_clinician_mode(EscalationMode.HANDED_OFF)
        self._schedule_timer(HANDOFF_SETTLE_S, self._handoff_settled)
        future = self._submit(cmd.AttendedTransfer(escalation.patient_call_id, attempt.call_id))
        escalation_id = escalation.escalation_id
        future.add_done_callback(
            lambda done: self._dispatch(lambda: self._transfer_submitted(escalation_id, done))
        )
        self._notify()
        return True

    def stay(self) -> bool:
        """Hand-off mode: stop the countdown; the agent stays in the call (and can still hand off)."""
        escalation = self._current
        if escalation is None or escalation.handoff_due_monotonic is None or escalation.phase is not Phase.CONFERENCED:
            return False
        self._clear_timer()
        self._set(handoff_due_monotonic=None, notes=(*escalation.notes, "agent_stayed"))
        log.info("escalation %s: the agent stays", escalation.escalation_id)
        self._notify()
        return True

    def _arm_handoff(self, delay_s: float) -> None:
        """Hand-off mode, everyone joined: the agent leaves by itself in ``delay_s``."""
        escalation = self._current
        assert escalation is not None
        self._set(handoff_due_monotonic=self._monotonic() + delay_s)
        escalation_id = escalation.escalation_id
        self._schedule_timer(delay_s, lambda: self._handoff_due(escalation_id))

    def _handoff_due(self, escalation_id: str) -> None:
        escalation = self._current
        if escalation is None or escalation.escalation_id != escalation_id or escalation.handoff_due_monotonic is None:
            return
        self._timer = None
        self._set(notes=(*escalation.notes, "auto_handoff"))
        if not self.hand_off():  # e.g. the clinician's leg is gone: hand_off had nothing to do
            self._set(handoff_due_monotonic=None)
            self._notice("The automatic hand-off could not start: you are still in the call.")
            self._notify()

    # ------------------------------------------------------------------ engine events

    def handle_event(self, event: object) -> None:
        if self._placing > 0 and self._monotonic() > self._placing_until:
            self._placing = 0  # that MakeCall's result is lost: stop holding other calls' events back
            self._release(self._orphans)
            self._orphans = []
        if self._is_orphan(event):
            assert isinstance(event, CallStateChanged)
            if len(self._orphans) < _MAX_ORPHAN_EVENTS:
                self._orphans.append(event)  # our MakeCall's result has not come back yet
            return
        if isinstance(event, CallStateChanged) and event.call_id not in self._legs:
            _remember(self._seen, event.call_id)
        escalation = self._current
        if escalation is None:
            return
        if isinstance(event, TransferProgress):
            if event.call_id == escalation.patient_call_id and escalation.phase is Phase.HANDING_OFF and event.final:
                self._transfer_final(200 <= event.status_code < 300)
            return
        if not isinstance(event, CallStateChanged):
            return
        if event.call_id == escalation.patient_call_id:
            if event.state is CallState.DISCONNECTED:
                self._patient_disconnected()
            return
        attempt = escalation.current
        if attempt is None or attempt.call_id is None:
            return
        if event.call_id == attempt.call_id:
            self._clinician_event(attempt, event)

    # ------------------------------------------------------------------ hunting

    def _ringing_mode(self) -> EscalationMode:
        assert self._current is not None
        # Consult: the patient waits (hold tone) while the clinician rings; otherwise the agent
        # stays with the patient and hears the ringback.
        return EscalationMode.CONSULTING if self._current.plan.mode is Mode.CONSULT else EscalationMode.CONFERENCED

    def _next_target(self) -> None:
        escalation = self._current
        if escalation is None:
            return
        remaining = escalation.remaining_targets
        if not remaining:
            self._exhausted()
            return
        target = remaining[0]
        attempt = Attempt(target, len(escalation.attempts), invited_at=self._now())
        self._set(attempts=(*escalation.attempts, attempt))
        account_id = self._account_id()
        if account_id is None:
            self._end_attempt(attempt, AttemptOutcome.FAILED)
            self._next_target()
            return
        plan = escalation.plan
        headers = context_headers(
            escalation.escalation_id, plan.reason_code, plan.urgency, self.agent_id, escalation.patient_ref,
            signalling_secure=self.signalling_secure, patient_ref_policy=self.policy.patient_ref_in_headers,
        )
        self._placing += 1
        self._placing_until = self._monotonic() + PLACING_HOLD_S
        future = self._submit(cmd.MakeCall(account_id, self._resolve(target.destination), headers))
        self._scene.set_clinician(None, self._ringing_mode(), escalation.patient_call_id)
        log.info("escalation %s: trying target %d (%s)", escalation.escalation_id, attempt.position, target.target_id)
        position, escalation_id = attempt.position, escalation.escalation_id
        self._schedule_timer(target.ring_timeout_s, lambda: self._ring_timeout(escalation_id, position))
        future.add_done_callback(lambda done: self._dispatch(lambda: self._placed(escalation_id, position, done)))
        self._notify()

    def _placed(self, escalation_id: str, position: int, future: Future[Any]) -> None:
        escalation = self._current
        error = future.exception() if not future.cancelled() else RuntimeError("cancelled")
        call_id = None if error is not None else str(future.result())
        self._placing = max(0, self._placing - 1)
        if call_id is not None:
            _remember(self._legs, call_id)
        mine = [event for event in self._orphans if event.call_id == call_id]
        others = [event for event in self._orphans if event.call_id != call_id]
        if self._placing > 0:
            self._orphans = others  # they may be the other MakeCall's
        else:
            self._orphans = []
            self._release(others)
        attempt = self._attempt(escalation_id, position)
        if attempt is None or attempt.outcome is not AttemptOutcome.PENDING:
            if call_id is not None:  # skipped, cancelled or timed out before the INVITE was out
                self._command(cmd.Hangup(call_id), "hang up", "A clinician's line could not be hung up.")
            return
        assert escalation is not None
        if error is not None:
            log.warning("escalation %s: INVITE to target %d failed: %s", escalation_id, position, type(error).__name__)
            self._end_attempt(attempt, AttemptOutcome.FAILED)
            self._next_target()
            return
        attempt = self._replace_attempt(attempt, call_id=call_id)
        self._scene.set_clinician(call_id, self._ringing_mode(), escalation.patient_call_id)
        for event in mine:
            if self._current is not None:
                current = self._current.current
                if current is not None and current.call_id == call_id:
                    self._clinician_event(current, event)
        self._notify()

    def _release(self, events: list[CallStateChanged]) -> None:
        for event in events:
            _remember(self._seen, event.call_id)
        for event in events:
            for listener in list(self._released_listeners):
                _call(listener, event)

    def _clinician_event(self, attempt: Attempt, event: CallStateChanged) -> None:
        escalation = self._current
        assert escalation is not None
        if event.state is CallState.EARLY and attempt.ringing_at is None and attempt.outcome is AttemptOutcome.PENDING:
            self._replace_attempt(attempt, ringing_at=self._now())
            self._notify()
        elif event.state is CallState.CONFIRMED and attempt.outcome is AttemptOutcome.PENDING:
            self._answered(attempt)
        elif event.state is CallState.DISCONNECTED:
            if attempt.outcome is AttemptOutcome.PENDING:
                self._end_attempt(attempt, outcome_for_status(event.status_code), event.status_code, hang_up=False)
                self._next_target()
            elif escalation.phase is Phase.HANDING_OFF:
                self._replace_attempt(attempt, ended_at=self._now())
                if self._transfer_ok or self._patient_gone:
                    self._finish(Phase.HANDED_OFF)
            elif escalation.phase.connected:
                self._replace_attempt(attempt, ended_at=self._now())
                self._finish(Phase.ENDED, "clinician_hung_up")

    def _answered(self, attempt: Attempt) -> None:
        escalation = self._current
        assert escalation is not None
        self._clear_timer()
        now = self._now()
        self._replace_attempt(attempt, outcome=AttemptOutcome.ANSWERED, answered_at=now)
        elapsed = round(self._monotonic() - escalation.pressed_monotonic, 3)
        if escalation.plan.mode is Mode.CONSULT:
            self._set(phase=Phase.CONSULTING, answered_at=now, time_to_clinician_s=elapsed)
            self._scene.set_clinician_mode(EscalationMode.CONSULTING)
        else:
            self._set(phase=Phase.CONFERENCED, answered_at=now, joined_at=now, time_to_clinician_s=elapsed)
            self._scene.set_clinician_mode(EscalationMode.CONFERENCED)
        handoff_delay = max(0.0, float(self.policy.handoff_delay_s))
        if escalation.plan.mode is Mode.HANDOFF and handoff_delay > 0:
            self._arm_handoff(handoff_delay)
        log.info("escalation %s: clinician answered after %.2f s", escalation.escalation_id, elapsed)
        self._notify()
        self._record_progress()
        if escalation.plan.mode is Mode.HANDOFF and handoff_delay == 0 and self._current is not None:
            self._set(notes=(*self._current.notes, "auto_handoff"))
            self.hand_off()

    def _ring_timeout(self, escalation_id: str, position: int) -> None:
        attempt = self._attempt(escalation_id, position)
        if attempt is None or attempt.outcome is not AttemptOutcome.PENDING:
            return
        self._timer = None
        self._end_attempt(attempt, AttemptOutcome.NO_ANSWER)
        self._next_target()

    def _end_attempt(self, attempt: Attempt, outcome: AttemptOutcome, status: int = 0, *, hang_up: bool = True) -> None:
        self._clear_timer()
        self._replace_attempt(attempt, outcome=outcome, sip_status=status or attempt.sip_status, ended_at=self._now())
        if hang_up and attempt.call_id is not None:
            self._command(cmd.Hangup(attempt.call_id), "hang up", "A clinician's line could not be hung up.")
        escalation = self._current
        if escalation is not None:
            self._scene.set_clinician(None, self._ringing_mode(), escalation.patient_call_id)

    def _exhausted(self) -> None:
        escalation = self._current
        assert escalation is not None
        alert = SupervisorAlert(
            escalation.escalation_id, self.agent_id, escalation.patient_call_id, escalation.plan.reason_code,
            escalation.plan.urgency,
            tuple((a.target.target_id, a.outcome.value) for a in escalation.attempts), self._now(),
        )
        self._set(supervisor_alerted=True)
        log.warning("escalation %s failed: %d target(s) tried; supervisor alerted", escalation.escalation_id,
                    len(escalation.attempts))
        for listener in list(self._alert_listeners):
            _call(listener, alert)
        self._finish(Phase.FAILED)

    # ------------------------------------------------------------------ the patient, the hand-off

    def _patient_disconnected(self) -> None:
        escalation = self._current
        assert escalation is not None
        self._patient_gone = True
        if escalation.phase is Phase.HANDING_OFF:
            if self._transfer_ok:
                self._finish(Phase.HANDED_OFF)
            return  # the transfer's own BYE, or the final NOTIFY is still on its way
        if escalation.phase is Phase.HUNTING:
            attempt = escalation.current
            if attempt is not None:
                self._end_attempt(attempt, AttemptOutcome.CANCELLED)
            self._finish(Phase.PATIENT_LEFT)
            return
        self._hang_up_clinician()
        self._finish(Phase.ENDED, "patient_hung_up")

    def _transfer_submitted(self, escalation_id: str, future: Future[Any]) -> None:
        if future.cancelled() or future.exception() is None:
            return
        escalation = self._current
        if escalation is not None and escalation.escalation_id == escalation_id and escalation.phase is Phase.HANDING_OFF:
            self._transfer_final(False)

    def _transfer_final(self, succeeded: bool) -> None:
        escalation = self._current
        assert escalation is not None
        if succeeded:
            self._transfer_ok = True
            self._set(handed_off_at=self._now())
            self._finish(Phase.HANDED_OFF)
            return
        self._clear_timer()
        self._set(phase=Phase.CONFERENCED, notes=(*escalation.notes, "transfer_failed"))
        self._scene.set_clinician_mode(EscalationMode.CONFERENCED)
        self._notice("The hand-off failed: patient, clinician and you are still connected.")
        self._notify()

    def _handoff_settled(self) -> None:
        """No final answer to the transfer in time: look at what is left and say so."""
        self._timer = None
        escalation = self._current
        if escalation is None or escalation.phase is not Phase.HANDING_OFF:
            return
        if self._patient_gone:
            self._finish(Phase.HANDED_OFF, "transfer_unconfirmed")
            return
        attempt = escalation.current
        if attempt is not None and attempt.ended_at is None:
            # Both legs still up: as after a refused transfer, everyone stays connected.
            self._set(phase=Phase.CONFERENCED, notes=(*escalation.notes, "transfer_unconfirmed"))
            self._scene.set_clinician_mode(EscalationMode.CONFERENCED)
            self._notice("The hand-off was not confirmed: patient, clinician and you are still connected.")
            self._notify()
            return
        self._notice("The hand-off was not confirmed: the clinician's line ended, the patient is still with you.")
        self._finish(Phase.ENDED, "transfer_unconfirmed")

    def _hang_up_clinician(self) -> None:
        escalation = self._current
        attempt = escalation.current if escalation else None
        if attempt is not None and attempt.call_id is not None:
            self._command(cmd.Hangup(attempt.call_id), "hang up the clinician",
                          "The clinician's line could not be hung up.")
            if attempt.ended_at is None:
                self._replace_attempt(attempt, ended_at=self._now())

    # ------------------------------------------------------------------ bookkeeping

    def _finish(self, phase: Phase, note: str | None = None) -> None:
        escalation = self._current
        assert escalation is not None
        self._clear_timer()
        now = self._now()
        changes: dict[str, Any] = {"phase": phase, "ended_at": now}
        if phase is Phase.HANDED_OFF and escalation.handed_off_at is None:
            changes["handed_off_at"] = now
        if note:
            changes["notes"] = (*escalation.notes, note)
        self._set(**changes)
        finished = self._current
        assert finished is not None
        self._current = None
        self.last = finished
        self._scene.clear_clinician()
        log.info("escalation %s finished: %s (%s)", finished.escalation_id, phase.value, finished.outcome)
        for listener in list(self._update_listeners):
            _call(listener, finished)
        for listener in list(self._record_listeners):
            _call(listener, finished)
        for listener in list(self._finished_listeners):
            _call(listener, finished)

    def _record_progress(self) -> None:
        """The record is written at the press, when the clinician answers and at the end, so a
        crash mid-escalation still leaves it in the database."""
        if self._current is None:
            return
        for listener in list(self._record_listeners):
            _call(listener, self._current)

    def _attempt(self, escalation_id: str, position: int) -> Attempt | None:
        escalation = self._current
        if escalation is None or escalation.escalation_id != escalation_id or position >= len(escalation.attempts):
            return None
        return escalation.attempts[position]

    def _replace_attempt(self, attempt: Attempt, **changes: Any) -> Attempt:
        escalation = self._current
        assert escalation is not None
        updated = replace(escalation.attempts[attempt.position], **changes)
        attempts = list(escalation.attempts)
        attempts[attempt.position] = updated
        self._set(attempts=tuple(attempts))
        return updated

    def _set(self, **changes: Any) -> None:
        assert self._current is not None
        self._current = replace(self._current, **changes)

    def _notify(self) -> None:
        if self._current is None:
            return
        for listener in list(self._update_listeners):
            _call(listener, self._current)

    def _notice(self, text: str) -> None:
        for listener in list(self._notice_listeners):
            _call(listener, text)

    def _schedule_timer(self, delay_s: float, action: Callable[[], None]) -> None:
        self._clear_timer()
        self._timer = self._schedule(delay_s, action)

    def _clear_timer(self) -> None:
        if self._timer is not None:
            self._cancel_timer(self._timer)
            self._timer = None

    def _command(self, command: object, what: str, notice: str | None = None) -> None:
        """Send ``command``; if it fails, ``notice`` tells the agent (nothing fails silently),
        unless it was a hang-up of a call that has ended anyway (its events came first)."""
        future = self._submit(command)
        call_id = getattr(command, "call_id", None)

        def tell() -> None:
            if isinstance(command, cmd.Hangup) and self._scene.leg_state(call_id) in (None, LegState.ENDED):
                return
            self._notice(notice)

        def done(finished: Future[Any]) -> None:
            if not finished.cancelled() and finished.exception() is not None:
                log.warning("escalation: could not %s: %s", what, type(finished.exception()).__name__)
                if notice:
                    self._dispatch(tell)

        future.add_done_callback(done)


def _remember(ids: OrderedDict[str, None], call_id: str) -> None:
    ids[call_id] = None
    ids.move_to_end(call_id)
    while len(ids) > _MAX_REMEMBERED_CALLS:
        ids.popitem(last=False)


def _call(listener: Callable[[Any], None], value: Any) -> None:
    try:
        listener(value)
    except Exception:  # noqa: BLE001 - one failing listener must not stop the escalation
        log.exception("escalation listener failed")
