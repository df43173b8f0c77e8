"""The one owner of the bridge routing scene: who hears whom, for the agent's calls.

No Qt, no pjsua2. It follows the engine's call events (the same ones the call controller gets, on
the same thread) and what the escalation (and later supervision) says about the calls it placed,
keeps one ``routing.CallScene``, and whenever the scene or its call ids change sends the engine
one ``ApplyRoutes(compute_routes(scene), parties)``. The engine must run with
``EngineConfig(auto_routing=False)``: then this is the only source of bridge routes.

    scene = CallSceneOwner(engine.submit)
    events (GUI thread)          -> scene.handle_event(event)
    escalation                   -> scene.set_clinician(call_id, EscalationMode.CONSULTING, patient_call_id)
                                    scene.set_clinician_mode(EscalationMode.CONFERENCED) ... scene.clear_clinician()
    supervision                  -> scene.set_supervisor(call_id, SupervisionMode.LISTEN)
                                    scene.set_supervisor_mode(SupervisionMode.WHISPER) ... scene.clear_supervisor()

Supervision calls: an incoming call whose INVITE carries ``X-Supervise`` is nobody's conversation
until the supervision service accepts it with ``set_supervisor``: it never becomes "the patient",
never rings as call waiting and is routed only as the ``supervisor`` leg (``compute_routes`` rule 4).
A refused one stays connected to nothing.

Which call is "the patient": while an escalation holds a clinician leg, the call it escalated;
otherwise the newest call that is talking, else the newest outgoing one still ringing, else the
newest held one. Every other call is connected to nothing (hold is silent for them, as before),
and an incoming call ringing while another is in progress puts the call-waiting tone in the
agent's ear.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from softphone.sip import commands as cmd
from softphone.sip.events import (
    CallDirection,
    CallMediaChanged,
    CallState,
    CallStateChanged,
    IncomingCall,
    MediaState,
    MuteChanged,
)
from softphone.sip.routing import (
    CLINICIAN,
    PATIENT,
    SUPERVISOR,
    Agent,
    CallScene,
    ClinicianLeg,
    EscalationMode,
    LegState,
    PatientLeg,
    Route,
    SupervisionMode,
    SupervisorLeg,
    compute_routes,
)
from softphone.sip.routing import CallDirection as LegDirection

log = logging.getLogger(__name__)

SUPERVISE_HEADER = "X-Supervise"
_MAX_SUPERVISION_CANDIDATES = 64

AppliedListener = Callable[[CallScene, frozenset[Route], tuple[tuple[str, str], ...]], None]


@dataclass
class _Leg:
    call_id: str
    direction: CallDirection
    order: int
    state: CallState = CallState.CALLING
    media: MediaState = MediaState.NONE
    muted: bool = False

    @property
    def leg_state(self) -> LegState:
        if self.state is CallState.DISCONNECTED:
            return LegState.ENDED
        if self.state is not CallState.CONFIRMED:
            return LegState.RINGING
        if self.media is MediaState.LOCAL_HOLD:
            return LegState.HELD
        return LegState.TALKING


class CallSceneOwner:
    def __init__(
        self,
        submit: Callable[[object], Future[Any]],
        *,
        hold_tone: bool = True,
    ) -> None:
        self._submit = submit
        self._hold_tone = hold_tone
        self._legs: dict[str, _Leg] = {}
        self._order = 0
        self._clinician_call: str | None = None
        self._clinician_mode = EscalationMode.NONE
        self._pinned_patient: str | None = None
        self._supervisor_call: str | None = None
        self._supervisor_mode = SupervisionMode.LISTEN
        self._supervision_calls: list[str] = []  # incoming calls that asked to supervise
        self._applied: tuple[frozenset[Route], tuple[tuple[str, str], ...]] | None = None
        self._listeners: list[AppliedListener] = []
        self.scene = CallScene(hold_tone=hold_tone)
        self.parties: tuple[tuple[str, str], ...] = ()

    # ------------------------------------------------------------------ listeners, queries

    def on_applied(self, listener: AppliedListener) -> None:
        """Called after each ApplyRoutes is submitted (tests, the supervisor's view, benches)."""
        self._listeners.append(listener)

    @property
    def patient_call_id(self) -> str | None:
        return dict(self.parties).get(PATIENT)

    def leg_state(self, call_id: str) -> LegState | None:
        leg = self._legs.get(call_id)
        return leg.leg_state if leg else None

    # ------------------------------------------------------------------ the escalation's inputs

    def set_clinician(self, call_id: str | None, mode: EscalationMode, patient_call_id: str | None) -> None:
        """The escalation placed ``call_id`` (None: it is about to); ``patient_call_id`` stays the
        patient while the escalation lasts, whatever else rings or is placed meanwhile."""
        self._clinician_call = call_id
        self._clinician_mode = mode
        self._pinned_patient = patient_call_id
        if call_id is not None and call_id not in self._legs:
            self._legs[call_id] = self._new_leg(call_id, CallDirection.OUTGOING)
        self._recompute()

    def set_clinician_mode(self, mode: EscalationMode) -> None:
        self._clinician_mode = mode
        self._recompute()

    def clear_clinician(self) -> None:
        self._clinician_call = None
        self._clinician_mode = EscalationMode.NONE
        self._pinned_patient = None
        self._recompute()

    # ------------------------------------------------------------------ the supervision's inputs

    def is_supervision_call(self, call_id: str) -> bool:
        return call_id in self._supervision_calls or call_id == self._supervisor_call

    @property
    def supervisor_call_id(self) -> str | None:
        return self._supervisor_call

    def set_supervisor(self, call_id: str, mode: SupervisionMode) -> None:
        """The supervision service accepted ``call_id`` (answered or about to be) in ``mode``."""
        self._supervisor_call = call_id
        self._supervisor_mode = SupervisionMode(mode)
        if call_id not in self._supervision_calls:
            self._remember_supervision_call(call_id)
        if call_id not in self._legs:
            self._legs[call_id] = self._new_leg(call_id, CallDirection.INCOMING)
            self._legs[call_id].state = CallState.INCOMING
        self._recompute()

    def set_supervisor_mode(self, mode: SupervisionMode) -> None:
        self._supervisor_mode = SupervisionMode(mode)
        self._recompute()

    def clear_supervisor(self) -> None:
        call_id, self._supervisor_call = self._supervisor_call, None
        if call_id is not None:
            self._legs.pop(call_id, None)
        self._recompute()

    def _remember_supervision_call(self, call_id: str) -> None:
        self._supervision_calls.append(call_id)
        del self._supervision_calls[:-_MAX_SUPERVISION_CANDIDATES]

    def set_hold_tone(self, enabled: bool) -> None:
        self._hold_tone = enabled
        self._recompute()

    # ------------------------------------------------------------------ engine events

    def handle_event(self, event: object) -> None:
        if isinstance(event, IncomingCall) and event.header(SUPERVISE_HEADER) is not None:
            self._remember_supervision_call(event.call_id)
            return
        call_id = getattr(event, "call_id", None)
        if call_id is not None and call_id in self._supervision_calls and call_id != self._supervisor_call:
            return  # not (yet) accepted: connected to nothing
        if isinstance(event, IncomingCall):
            self._legs.setdefault(event.call_id, self._new_leg(event.call_id, CallDirection.INCOMING))
            self._legs[event.call_id].state = CallState.INCOMING
        elif isinstance(event, CallStateChanged):
            leg = self._legs.get(event.call_id)
            if leg is None:
                if event.state is CallState.DISCONNECTED:
                    return
                leg = self._legs[event.call_id] = self._new_leg(event.call_id, event.direction)
            leg.state = event.state
            if event.state is CallState.DISCONNECTED:
                del self._legs[event.call_id]
                if event.call_id == self._supervisor_call:
                    self._supervisor_call = None
        elif isinstance(event, CallMediaChanged):
            leg = self._legs.get(event.call_id)
            if leg is None:
                return
            leg.media = event.state
        elif isinstance(event, MuteChanged):
            leg = self._legs.get(event.call_id)
            if leg is None:
                return
            leg.muted = event.muted
        else:
            return
        self._recompute()

    # ------------------------------------------------------------------ internals

    def _new_leg(self, call_id: str, direction: CallDirection) -> _Leg:
        self._order += 1
        return _Leg(call_id, direction, self._order)

    def _choose_patient(self) -> _Leg | None:
        if self._pinned_patient is not None:
            return self._legs.get(self._pinned_patient)
        others = sorted(
            (leg for leg in self._legs.values() if leg.call_id not in (self._clinician_call, self._supervisor_call)),
            key=lambda leg: leg.order,
            reverse=True,
        )
        for wanted in (LegState.TALKING, LegState.RINGING, LegState.HELD):
            for leg in others:
                if leg.leg_state is not wanted:
                    continue
                if wanted is LegState.RINGING and leg.direction is CallDirection.INCOMING:
                    continue  # a ringing incoming call is nobody's conversation yet
                return leg
        return None

    def _recompute(self) -> None:
        patient = self._choose_patient()
        clinician = self._legs.get(self._clinician_call) if self._clinician_call else None
        parties: list[tuple[str, str]] = []
        patient_leg = clinician_leg = None
        if patient is not None:
            direction = LegDirection.INCOMING if patient.direction is CallDirection.INCOMING else LegDirection.OUTGOING
            patient_leg = PatientLeg(patient.leg_state, direction)
            parties.append((PATIENT, patient.call_id))
        if clinician is not None and self._clinician_mode is not EscalationMode.NONE:
            clinician_leg = ClinicianLeg(clinician.leg_state, self._clinician_mode)
            parties.append((CLINICIAN, clinician.call_id))
        supervisor = self._legs.get(self._supervisor_call) if self._supervisor_call else None
        supervisor_leg = None
        if supervisor is not None:
            supervisor_leg = SupervisorLeg(supervisor.leg_state, self._supervisor_mode)
            parties.append((SUPERVISOR, supervisor.call_id))
        in_progress = [
            leg for leg in self._legs.values()
            if leg.state is not CallState.INCOMING and leg.call_id != self._supervisor_call
        ]
        call_waiting = bool(in_progress) and any(
            leg.state is CallState.INCOMING and leg.call_id not in (self._clinician_call, self._supervisor_call)
            for leg in self._legs.values()
        )
        scene = CallScene(
            agent=Agent(mic_muted=patient.muted if patient is not None else False),
            patient=patient_leg,
            clinician=clinician_leg,
            supervisor=supervisor_leg,
            call_waiting=call_waiting,
            hold_tone=self._hold_tone,
        )
        routes = compute_routes(scene)
        self.scene = scene
        self.parties = tuple(parties)
        applied = (routes, self.parties)
        if applied == self._applied:
            return
        self._applied = applied
        future = self._submit(cmd.ApplyRoutes(routes, self.parties))
        future.add_done_callback(_log_failure)
        for listener in list(self._listeners):
            listener(scene, routes, self.parties)


def _log_failure(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("routes not applied: %s", type(future.exception()).__name__)

