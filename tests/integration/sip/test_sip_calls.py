from __future__ import annotations

import pytest

from softphone.sip import (
    Answer,
    CallDirection,
    CallMediaChanged,
    CallState,
    Hangup,
    Hold,
    MakeCall,
    MediaState,
    Reject,
    Resume,
    SetMute,
)

from sip_harness import AGENT_TONE, PATIENT_TONE, peer_listen

pytestmark = pytest.mark.integration


@pytest.fixture
def patient(kamailio, peer_factory):
    peer = peer_factory("patient", PATIENT_TONE)
    peer.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    return peer


def _connect_outgoing(agent, patient, kamailio):
    call_id = agent.run(MakeCall(agent.account_id, f"sip:patient@{kamailio.domain}"))
    incoming = patient.wait_event(lambda e: e["event"] == "incoming")
    patient.request("answer", call=incoming["call"])
    agent.events.wait_call_state(call_id, CallState.CONFIRMED)
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == call_id and e.state is MediaState.ACTIVE)
    return call_id, incoming["call"]


def _assert_two_way_audio(agent, patient, tmp_path):
    heard_by_agent = agent.listen()
    heard_by_patient = peer_listen(patient, tmp_path)
    assert heard_by_agent.present(PATIENT_TONE), heard_by_agent
    assert heard_by_agent.absent(AGENT_TONE), heard_by_agent
    assert heard_by_patient.present(AGENT_TONE), heard_by_patient
    assert heard_by_patient.absent(PATIENT_TONE), heard_by_patient


def test_outgoing_call_has_two_way_audio(agent, patient, kamailio, tmp_path):
    call_id, _ = _connect_outgoing(agent, patient, kamailio)
    _assert_two_way_audio(agent, patient, tmp_path)
    agent.run(Hangup(call_id))
    agent.events.wait_call_state(call_id, CallState.DISCONNECTED)


def test_incoming_call_has_two_way_audio_and_identity(agent, patient, kamailio, tmp_path):
    patient.request("call", uri=f"sip:agent@{kamailio.domain}",
                    headers={"P-Asserted-Identity": '"Ward 7 \u202eNurse" <sip:+15550100@sip.test>'})
    incoming = agent.events.wait_incoming()
    assert incoming.identity.uri == "sip:+15550100@sip.test"
    assert incoming.identity.source.value == "p-asserted-identity"
    assert "\u202e" not in incoming.identity.display_name
    ringing = agent.events.wait_call_state(incoming.call_id, CallState.INCOMING)
    assert ringing.direction is CallDirection.INCOMING
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    agent.events.wait_type(CallMediaChanged, lambda e: e.state is MediaState.ACTIVE)
    _assert_two_way_audio(agent, patient, tmp_path)
    patient.request("hangup", call="p1")
    agent.events.wait_call_state(incoming.call_id, CallState.DISCONNECTED)


@pytest.mark.parametrize("make_reject,code", [(Reject.decline, 603), (Reject.busy, 486)])
def test_reject_incoming_call(agent, patient, kamailio, make_reject, code):
    call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    agent.run(make_reject(incoming.call_id))
    ended = patient.wait_call_state(call, "DISCONNECTED")
    assert ended["code"] == code
    agent.events.wait_call_state(incoming.call_id, CallState.DISCONNECTED)


def test_hold_silences_both_ways_and_resume_restores(agent, patient, kamailio, tmp_path):
    call_id, _ = _connect_outgoing(agent, patient, kamailio)
    agent.run(Hold(call_id))
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == call_id and e.state is MediaState.LOCAL_HOLD)
    heard_by_agent = agent.listen()
    heard_by_patient = peer_listen(patient, tmp_path)
    assert heard_by_agent.absent(PATIENT_TONE), heard_by_agent
    assert heard_by_patient.absent(AGENT_TONE), heard_by_patient
    agent.run(Resume(call_id))
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == call_id and e.state is MediaState.ACTIVE)
    _assert_two_way_audio(agent, patient, tmp_path)


def test_mute_disconnects_only_the_microphone(agent, patient, kamailio, tmp_path):
    call_id, _ = _connect_outgoing(agent, patient, kamailio)
    agent.run(SetMute(call_id, True))
    heard_by_agent = agent.listen()
    heard_by_patient = peer_listen(patient, tmp_path)
    assert heard_by_agent.present(PATIENT_TONE), heard_by_agent
    assert heard_by_patient.absent(AGENT_TONE), heard_by_patient
    agent.run(SetMute(call_id, False))
    assert peer_listen(patient, tmp_path).present(AGENT_TONE)


def test_auto_answer_when_policy_allows(kamailio, patient, tmp_path):
    from softphone.sip import AutoAnswerPolicy

    from sip_harness import start_agent

    agent = start_agent(kamailio, tmp_path,
                        engine_overrides={"auto_answer": AutoAnswerPolicy(enabled=True)})
    try:
        call = patient.request("call", uri=f"sip:agent@{kamailio.domain}",
                               headers={"Call-Info": "<sip:pbx.test>;answer-after=0"})
        incoming = agent.events.wait_incoming()
        assert incoming.auto_answer_after_s == 0
        assert incoming.header("Call-Info") == "<sip:pbx.test>;answer-after=0"
        agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
        patient.wait_call_state(call, "CONFIRMED")
    finally:
        agent.engine.stop()


def test_auto_answer_header_ignored_without_policy(agent, patient, kamailio):
    call = patient.request("call", uri=f"sip:agent@{kamailio.domain}",
                           headers={"Call-Info": "<sip:pbx.test>;answer-after=0"})
    incoming = agent.events.wait_incoming()
    assert incoming.auto_answer_after_s is None
    patient.wait_event(lambda e: e["event"] == "call_state" and e["call"] == call and e["state"] == "EARLY")
    with pytest.raises(TimeoutError):
        agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED, timeout=1.5)


def test_call_over_tcp(kamailio, patient, tmp_path):
    from softphone.sip import TransportKind

    from sip_harness import start_agent

    agent = start_agent(kamailio, tmp_path, transport=TransportKind.TCP)
    try:
        call_id, _ = _connect_outgoing(agent, patient, kamailio)
        _assert_two_way_audio(agent, patient, tmp_path)
        agent.run(Hangup(call_id))
        agent.events.wait_call_state(call_id, CallState.DISCONNECTED)
    finally:
        agent.engine.stop()


def test_audio_flows_after_the_bridge_was_idle(agent, patient, kamailio, tmp_path):
    # pjsua closes an idle sound device after ``sndAutoCloseTime`` (1 s by default) and
    # reopens it only for connections to slot 0, which the agent's ports are not: audio
    # must still flow on a call set up after the bridge sat idle.
    import time

    time.sleep(1.5)
    call_id, _ = _connect_outgoing(agent, patient, kamailio)
    _assert_two_way_audio(agent, patient, tmp_path)


def test_remote_hold_is_reported_and_silences_the_agent(agent, patient, kamailio, tmp_path):
    call_id, peer_call = _connect_outgoing(agent, patient, kamailio)
    patient.request("hold", call=peer_call)
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == call_id and e.state is MediaState.REMOTE_HOLD)
    assert peer_listen(patient, tmp_path).absent(AGENT_TONE)
    patient.request("unhold", call=peer_call)
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == call_id and e.state is MediaState.ACTIVE)
    _assert_two_way_audio(agent, patient, tmp_path)
