"""Real SIP and RTP between the switchboard and an agent SipEngine; audio proven by content."""

from __future__ import annotations

import time

import pytest

from softphone.demo.cast import ON_CALL_NURSE, ON_CALL_PHYSICIAN, Role, caller
from softphone.demo.events import CallDirection, PartyCallChanged, PartyCallState, SupervisionModeSent
from softphone.demo.protocol import Voice
from softphone.demo.tone_meter import measure_wav
from softphone.sip import (
    AGENT_EAR,
    Answer,
    CallState,
    CallStateChanged,
    CreateRecorderPort,
    IdentitySource,
    IncomingCall,
    MakeCall,
    RemovePort,
)

pytestmark = pytest.mark.integration

AGENT_TONE, PATIENT_TONE, NURSE_TONE = 600, 1000, 1400
TONES = (AGENT_TONE, PATIENT_TONE, NURSE_TONE)


def _agent_hears(agent, seconds: float = 1.2):
    path = agent.workdir / f"ear-{time.monotonic_ns()}.wav"
    agent.run(CreateRecorderPort(AGENT_EAR, path))
    time.sleep(seconds)
    agent.run(RemovePort(AGENT_EAR))
    return measure_wav(path, TONES)


def _answer_patient(agent, switchboard, demo_events, voice):
    party_call = switchboard.place_patient_call("chest-pain", voice).result(5)
    incoming = agent.events.wait(IncomingCall)
    agent.run(Answer(incoming.call_id))
    agent.events.wait(CallStateChanged, lambda e: e.call_id == incoming.call_id and e.state is CallState.CONFIRMED)
    demo_events.wait(PartyCallChanged, lambda e: e.call_id == party_call and e.state is PartyCallState.TALKING)
    return incoming, party_call


def test_patient_call_rings_the_agent_and_audio_flows_both_ways(agent, switchboard, demo_events):
    incoming, party_call = _answer_patient(agent, switchboard, demo_events, Voice.tone(PATIENT_TONE))
    number = caller("chest-pain").number
    assert incoming.identity.source is IdentitySource.P_ASSERTED_IDENTITY
    assert incoming.identity.uri.startswith(f"sip:{number}@")
    assert incoming.remote_uri.startswith(f"sip:{number}@")

    by_patient = switchboard.listen(party_call, 1.2, TONES)
    heard = _agent_hears(agent)
    assert heard.tone_present(PATIENT_TONE) and heard.tone_absent(NURSE_TONE), heard
    patient = by_patient.result(5)
    assert patient.party == "chest-pain"
    assert patient.levels.tone_present(AGENT_TONE) and patient.levels.tone_absent(PATIENT_TONE), patient


def test_the_patient_speaks_recorded_lines(agent, switchboard, demo_events):
    _answer_patient(agent, switchboard, demo_events, voice=None)  # the default: recorded speech
    heard = _agent_hears(agent, 1.5)
    assert heard.sound_present, heard
    assert heard.tone_absent(PATIENT_TONE)


@pytest.mark.parametrize("agent_transport", ["udp", "tcp"])
def test_clinician_answers_after_a_short_ring_and_speaks(agent, switchboard, demo_events, agent_transport):
    endpoints = switchboard.endpoints
    transport = agent_transport
    started = time.monotonic()
    call_id = agent.run(MakeCall(agent.account_id, endpoints.uri(ON_CALL_PHYSICIAN.user, transport)))
    agent.events.wait(CallStateChanged, lambda e: e.call_id == call_id and e.state is CallState.EARLY)
    agent.events.wait(CallStateChanged, lambda e: e.call_id == call_id and e.state is CallState.CONFIRMED)
    assert time.monotonic() - started >= switchboard.clinician_ring_s * 0.9  # it rang first
    talking = demo_events.wait(PartyCallChanged, lambda e: e.state is PartyCallState.TALKING)
    assert (talking.party, talking.role, talking.direction) == (ON_CALL_PHYSICIAN.user, Role.CLINICIAN,
                                                               CallDirection.FROM_AGENT)
    heard = _agent_hears(agent, 1.5)  # the greeting
    assert heard.sound_present, heard


def test_escalation_conference_everyone_hears_everyone(agent, switchboard, demo_events):
    from softphone.sip import ApplyRoutes
    from softphone.sip.routing import CallScene, ClinicianLeg, EscalationMode, LegState, PatientLeg, compute_routes

    switchboard.set_staff_voice(ON_CALL_NURSE.user, Voice.tone(NURSE_TONE)).result(5)
    incoming, patient_call = _answer_patient(agent, switchboard, demo_events, Voice.tone(PATIENT_TONE))
    nurse = agent.run(MakeCall(agent.account_id, switchboard.endpoints.on_call_nurse_uri))
    agent.events.wait(CallStateChanged, lambda e: e.call_id == nurse and e.state is CallState.CONFIRMED)
    nurse_call = demo_events.wait(PartyCallChanged, lambda e: e.party == ON_CALL_NURSE.user
                                  and e.state is PartyCallState.TALKING).call_id
    scene = CallScene(patient=PatientLeg(LegState.TALKING),
                      clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONFERENCED))
    agent.run(ApplyRoutes(compute_routes(scene), (("patient", incoming.call_id), ("clinician", nurse))))
    by_nurse = switchboard.listen(nurse_call, 1.2, TONES)
    by_patient = switchboard.listen(patient_call, 1.2, TONES)
    heard = _agent_hears(agent)
    assert heard.tone_present(PATIENT_TONE) and heard.tone_present(NURSE_TONE), heard
    nurse_heard, patient_heard = by_nurse.result(5).levels, by_patient.result(5).levels
    assert nurse_heard.tone_present(AGENT_TONE) and nurse_heard.tone_present(PATIENT_TONE), nurse_heard
    assert patient_heard.tone_present(AGENT_TONE) and patient_heard.tone_present(NURSE_TONE), patient_heard


def test_supervisor_call_carries_the_mode_and_switches_it_in_dialog(agent, switchboard, demo_events):
    party_call = switchboard.call_as_supervisor("listen").result(5)
    incoming = agent.events.wait(IncomingCall)
    assert incoming.header("X-Supervise") == "listen"
    agent.run(Answer(incoming.call_id))
    demo_events.wait(PartyCallChanged, lambda e: e.call_id == party_call and e.state is PartyCallState.TALKING)
    switchboard.change_supervision_mode(party_call, "whisper").result(5)
    sent = demo_events.wait(SupervisionModeSent)
    assert (sent.call_id, sent.mode, sent.status_code) == (party_call, "whisper", 200)
    switchboard.hang_up(party_call).result(5)
    agent.events.wait(CallStateChanged, lambda e: e.call_id == incoming.call_id and e.state is CallState.DISCONNECTED)


@pytest.mark.parametrize("agent_transport", ["tcp"])
def test_a_tcp_agent_receives_patient_calls(agent, switchboard, demo_events, agent_transport):
    incoming, _party_call = _answer_patient(agent, switchboard, demo_events, Voice.tone(PATIENT_TONE))
    assert _agent_hears(agent).tone_present(PATIENT_TONE)


def test_the_agent_can_call_a_demo_patient_back(agent, switchboard, demo_events):
    call_id = agent.run(MakeCall(agent.account_id, switchboard.endpoints.caller_uri("dizzy-on-new-pills")))
    agent.events.wait(CallStateChanged, lambda e: e.call_id == call_id and e.state is CallState.CONFIRMED)
    talking = demo_events.wait(PartyCallChanged, lambda e: e.state is PartyCallState.TALKING)
    assert (talking.party, talking.role) == ("dizzy-on-new-pills", Role.PATIENT)
