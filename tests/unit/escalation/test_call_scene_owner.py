"""The routing scene owner: engine events and the escalation in, ApplyRoutes out (only on change)."""

from __future__ import annotations

from softphone.agent.call_scene import CallSceneOwner
from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallMediaChanged, CallState, IncomingCall, MediaState, MuteChanged
from softphone.sip.events import CallerIdentity, IdentitySource
from softphone.sip.routing import (
    AGENT_EAR,
    AGENT_MIC,
    CALL_WAITING_TONE,
    CLINICIAN,
    HOLD_TONE,
    PATIENT,
    RINGBACK_TONE,
    EscalationMode,
    hears,
)

from .fakes import FakeEngine, state


def _incoming(call_id: str) -> IncomingCall:
    return IncomingCall(call_id, "acc", "sip:p@x", "", CallerIdentity("sip:p@x", "", IdentitySource.FROM))


def test_talking_hold_mute_and_call_waiting():
    engine = FakeEngine()
    scene = CallSceneOwner(engine.submit)
    scene.handle_event(_incoming("call-1"))
    assert engine.of(cmd.ApplyRoutes)[-1].routes == frozenset()  # ringing: nothing routed
    scene.handle_event(state("call-1", CallState.CONFIRMED, 200, CallDirection.INCOMING))
    scene.handle_event(CallMediaChanged("call-1", MediaState.ACTIVE))
    apply = engine.of(cmd.ApplyRoutes)[-1]
    assert dict(apply.parties) == {PATIENT: "call-1"}
    assert hears(apply.routes, PATIENT) == {AGENT_MIC} and hears(apply.routes, AGENT_EAR) == {PATIENT}
    sent = len(engine.of(cmd.ApplyRoutes))
    scene.handle_event(CallMediaChanged("call-1", MediaState.ACTIVE))
    assert len(engine.of(cmd.ApplyRoutes)) == sent  # nothing changed: nothing sent

    scene.handle_event(MuteChanged("call-1", True))
    assert hears(engine.of(cmd.ApplyRoutes)[-1].routes, PATIENT) == frozenset()
    scene.handle_event(MuteChanged("call-1", False))
    scene.handle_event(_incoming("call-2"))
    assert CALL_WAITING_TONE in hears(engine.of(cmd.ApplyRoutes)[-1].routes, AGENT_EAR)
    scene.handle_event(state("call-2", CallState.DISCONNECTED, 487, CallDirection.INCOMING))
    scene.handle_event(CallMediaChanged("call-1", MediaState.LOCAL_HOLD))
    assert hears(engine.of(cmd.ApplyRoutes)[-1].routes, PATIENT) == {HOLD_TONE}


def test_the_escalation_pins_the_patient_and_sets_the_mode():
    engine = FakeEngine()
    scene = CallSceneOwner(engine.submit)
    scene.handle_event(state("call-1", CallState.CONFIRMED, 200, CallDirection.INCOMING))
    scene.handle_event(CallMediaChanged("call-1", MediaState.ACTIVE))
    scene.set_clinician(None, EscalationMode.CONSULTING, "call-1")
    # The clinician's call appears before the escalation knows its id: it never becomes "the patient".
    scene.handle_event(state("call-5", CallState.CALLING))
    assert scene.patient_call_id == "call-1"
    scene.set_clinician("call-5", EscalationMode.CONSULTING, "call-1")
    assert RINGBACK_TONE in hears(engine.of(cmd.ApplyRoutes)[-1].routes, AGENT_EAR)
    scene.handle_event(state("call-5", CallState.CONFIRMED, 200))
    scene.handle_event(CallMediaChanged("call-5", MediaState.ACTIVE))
    apply = engine.of(cmd.ApplyRoutes)[-1]
    assert dict(apply.parties) == {PATIENT: "call-1", CLINICIAN: "call-5"}
    assert apply.resolved() >= {("call-5", "agent_ear"), ("agent_mic", "call-5"), ("tone:hold", "call-1")}
    scene.set_clinician_mode(EscalationMode.HANDED_OFF)
    assert engine.of(cmd.ApplyRoutes)[-1].resolved() == {("call-1", "call-5"), ("call-5", "call-1")}
    scene.clear_clinician()
    scene.handle_event(state("call-5", CallState.DISCONNECTED, 200))
    assert dict(engine.of(cmd.ApplyRoutes)[-1].parties) == {PATIENT: "call-1"}
