from __future__ import annotations

import pytest

from softphone.sip import (
    Answer,
    CallMediaChanged,
    CallQuality,
    CallState,
    DtmfMethod,
    DtmfReceived,
    Hold,
    MakeCall,
    MediaState,
    SendDtmf,
)

from sip_harness import AGENT_TONE, CLINICIAN_TONE, PATIENT_TONE, peer_listen

pytestmark = pytest.mark.integration


@pytest.fixture
def patient(kamailio, peer_factory):
    peer = peer_factory("patient", PATIENT_TONE)
    peer.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    return peer


def _answered_incoming(agent, peer, kamailio):
    peer_call = peer.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    peer.wait_call_state(peer_call, "CONFIRMED")
    return incoming.call_id, peer_call


@pytest.mark.parametrize("method", [DtmfMethod.RFC4733, DtmfMethod.SIP_INFO])
def test_dtmf_both_directions(agent, patient, kamailio, method):
    call_id, peer_call = _answered_incoming(agent, patient, kamailio)
    agent.run(SendDtmf(call_id, "19#", method))
    received = [patient.wait_event(lambda e: e["event"] == "dtmf")["digit"] for _ in range(3)]
    assert received == ["1", "9", "#"]
    digits = []
    if method is DtmfMethod.SIP_INFO:
        # The peer's pjsua sends one INFO per digit all at once; Kamailio's two UDP workers may
        # forward them out of order, and the later CSeq wins (500 for the other): the flake.
        # Send them one at a time, as the engine itself now does.
        for digit in "*42":
            patient.request("dtmf", call=peer_call, digits=digit, method=method.value)
            digits.append(agent.events.wait_type(DtmfReceived, lambda e: e.call_id == call_id))
    else:
        patient.request("dtmf", call=peer_call, digits="*42", method=method.value)
        digits = [agent.events.wait_type(DtmfReceived, lambda e: e.call_id == call_id) for _ in range(3)]
    assert [d.digit for d in digits] == ["*", "4", "2"]
    assert {d.method for d in digits} == {method}


def test_sip_info_digits_arrive_complete_and_in_order_through_the_proxy(agent, patient, kamailio):
    """Before the fix the engine sent every INFO at once (pjsua does): through Kamailio's two
    workers some overtook others and the peer refused the late ones (lower CSeq)."""
    call_id, _peer_call = _answered_incoming(agent, patient, kamailio)
    sent = "0123456789*#" * 2
    agent.run(SendDtmf(call_id, sent, DtmfMethod.SIP_INFO))
    received = [patient.wait_event(lambda e: e["event"] == "dtmf", timeout=5)["digit"] for _ in sent]
    assert "".join(received) == sent
    with pytest.raises(ValueError, match="not DTMF"):
        agent.run(SendDtmf(call_id, "1x", DtmfMethod.SIP_INFO))


def test_second_call_while_first_is_held(agent, patient, kamailio, peer_factory, tmp_path):
    first, _ = _answered_incoming(agent, patient, kamailio)
    clinician = peer_factory("clinician", CLINICIAN_TONE)
    clinician.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
    agent.run(Hold(first))
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == first and e.state is MediaState.LOCAL_HOLD)
    second, _ = _answered_incoming(agent, clinician, kamailio)
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == second and e.state is MediaState.ACTIVE)
    heard = agent.listen()
    assert heard.present(CLINICIAN_TONE) and heard.absent(PATIENT_TONE), heard
    assert peer_listen(clinician, tmp_path).present(AGENT_TONE)
    assert peer_listen(patient, tmp_path).absent(AGENT_TONE)


def test_call_quality_is_published_every_second(agent, patient, kamailio):
    call_id, _ = _answered_incoming(agent, patient, kamailio)
    samples = [agent.events.wait_type(CallQuality, lambda e: e.call_id == call_id, timeout=8)
               for _ in range(2)]
    assert samples[-1].rx_packets > 0
    assert samples[-1].rx_loss_pct == 0.0
    assert samples[-1].rx_jitter_ms >= 0.0
    assert samples[-1].codec == "G722"
    assert samples[-1].mos is not None and samples[-1].mos > 4.0  # clean loopback


def test_outgoing_call_unknown_user_reports_404(agent, kamailio):
    call_id = agent.run(MakeCall(agent.account_id, "nobody"))
    ended = agent.events.wait_call_state(call_id, CallState.DISCONNECTED)
    assert ended.status_code == 404
