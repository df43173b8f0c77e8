from __future__ import annotations

import pytest

from softphone.sip import (
    Answer,
    AttendedTransfer,
    BlindTransfer,
    CallMediaChanged,
    CallState,
    Hold,
    MakeCall,
    MediaState,
    TransferProgress,
)

from sip_harness import AGENT_TONE, CLINICIAN_TONE, PATIENT_TONE, peer_listen

pytestmark = pytest.mark.integration


@pytest.fixture
def patient(kamailio, peer_factory):
    peer = peer_factory("patient", PATIENT_TONE)
    peer.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    return peer


@pytest.fixture
def clinician(kamailio, peer_factory):
    peer = peer_factory("clinician", CLINICIAN_TONE, auto_answer=200)
    peer.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
    return peer


def _patient_calls_agent(agent, patient, kamailio):
    patient_call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    patient.wait_call_state(patient_call, "CONFIRMED")
    return incoming.call_id, patient_call


def _assert_patient_and_clinician_talk(patient, clinician, tmp_path):
    heard_by_patient = peer_listen(patient, tmp_path)
    heard_by_clinician = peer_listen(clinician, tmp_path)
    assert heard_by_patient.present(CLINICIAN_TONE), heard_by_patient
    assert heard_by_patient.absent(AGENT_TONE), heard_by_patient
    assert heard_by_clinician.present(PATIENT_TONE), heard_by_clinician
    assert heard_by_clinician.absent(AGENT_TONE), heard_by_clinician


def test_blind_transfer_connects_patient_to_clinician(agent, patient, clinician, kamailio, tmp_path):
    call_id, patient_call = _patient_calls_agent(agent, patient, kamailio)
    agent.run(BlindTransfer(call_id, "clinician"))
    final = agent.events.wait_type(TransferProgress, lambda e: e.call_id == call_id and e.final)
    assert final.status_code == 200
    agent.events.wait_call_state(call_id, CallState.DISCONNECTED)
    patient.wait_call_state(patient_call, "DISCONNECTED")
    _assert_patient_and_clinician_talk(patient, clinician, tmp_path)


def test_attended_transfer_replaces_the_consultation(agent, patient, clinician, kamailio, tmp_path):
    patient_leg, _ = _patient_calls_agent(agent, patient, kamailio)
    agent.run(Hold(patient_leg))
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == patient_leg and e.state is MediaState.LOCAL_HOLD)
    consult_leg = agent.run(MakeCall(agent.account_id, f"sip:clinician@{kamailio.domain}"))
    agent.events.wait_call_state(consult_leg, CallState.CONFIRMED)
    heard = agent.listen()
    assert heard.present(CLINICIAN_TONE) and heard.absent(PATIENT_TONE), heard

    agent.run(AttendedTransfer(patient_leg, consult_leg))
    final = agent.events.wait_type(TransferProgress, lambda e: e.call_id == patient_leg and e.final)
    assert final.status_code == 200
    agent.events.wait_call_state(patient_leg, CallState.DISCONNECTED)
    agent.events.wait_call_state(consult_leg, CallState.DISCONNECTED)
    clinician.wait_event(lambda e: e["event"] == "replaced")
    _assert_patient_and_clinician_talk(patient, clinician, tmp_path)
