"""The routing matrix from ``routing.compute_routes`` applied to the real bridge: every
party's ear is checked by FFT."""

from __future__ import annotations

import pytest

from softphone.sip import AGENT_EAR, Answer, ApplyRoutes, CallState, CreateTonePort, MakeCall
from softphone.sip.routing import (
    CallScene,
    ClinicianLeg,
    EscalationMode,
    LegState,
    PatientLeg,
    compute_routes,
)

from sip_harness import AGENT_TONE, CLINICIAN_TONE, PATIENT_TONE, THIRD_TONE, peer_listen, start_agent

pytestmark = pytest.mark.integration

HOLD_TONE = THIRD_TONE


@pytest.fixture
def manual_agent(kamailio, tmp_path):
    agent = start_agent(kamailio, tmp_path, engine_overrides={"auto_routing": False})
    yield agent
    agent.engine.stop()


def test_consult_then_conference(manual_agent, kamailio, peer_factory, tmp_path):
    agent = manual_agent
    patient = peer_factory("patient", PATIENT_TONE)
    patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    clinician = peer_factory("clinician", CLINICIAN_TONE, auto_answer=200)
    clinician.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
    agent.run(CreateTonePort("tone:hold", (HOLD_TONE,), on_ms=1000, off_ms=0))

    patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    consult = agent.run(MakeCall(agent.account_id, f"sip:clinician@{kamailio.domain}"))
    agent.events.wait_call_state(consult, CallState.CONFIRMED)
    parties = (("patient", incoming.call_id), ("clinician", consult))

    consulting = CallScene(
        patient=PatientLeg(LegState.TALKING),
        clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONSULTING),
    )
    agent.run(ApplyRoutes(compute_routes(consulting), parties))
    heard = agent.listen()
    assert heard.present(CLINICIAN_TONE) and heard.absent(PATIENT_TONE), heard
    by_patient = peer_listen(patient, tmp_path)
    assert by_patient.present(HOLD_TONE) and by_patient.absent(AGENT_TONE), by_patient
    by_clinician = peer_listen(clinician, tmp_path)
    assert by_clinician.present(AGENT_TONE) and by_clinician.absent(PATIENT_TONE), by_clinician

    conferenced = CallScene(
        patient=PatientLeg(LegState.TALKING),
        clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONFERENCED),
    )
    agent.run(ApplyRoutes(compute_routes(conferenced), parties))
    desired = agent.run(lambda: agent.engine.bridge.desired)
    assert (incoming.call_id, AGENT_EAR) in desired and (consult, incoming.call_id) in desired
    heard = agent.listen()
    assert heard.present(CLINICIAN_TONE) and heard.present(PATIENT_TONE), heard
    by_patient = peer_listen(patient, tmp_path)
    assert by_patient.present(AGENT_TONE) and by_patient.present(CLINICIAN_TONE), by_patient
    assert by_patient.absent(HOLD_TONE), by_patient
    by_clinician = peer_listen(clinician, tmp_path)
    assert by_clinician.present(AGENT_TONE) and by_clinician.present(PATIENT_TONE), by_clinician
