"""Plumbing for supervision and escalation: in-dialog MESSAGE both ways, X-Supervise captured on
incoming calls, extra headers on an outgoing INVITE. Real Kamailio, real pjsua2 peer."""

from __future__ import annotations

import pytest

from softphone.sip import (
    Answer,
    CallState,
    InDialogMessage,
    InDialogMessageStatus,
    InvalidCallState,
    MakeCall,
    SendInDialogMessage,
)

from sip_harness import PATIENT_TONE

pytestmark = pytest.mark.integration


@pytest.fixture
def supervisor(kamailio, peer_factory):
    peer = peer_factory("supervisor", PATIENT_TONE)
    peer.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    return peer


def _supervisor_call(agent, peer, kamailio, mode="listen"):
    peer_call = peer.request("call", uri=f"sip:agent@{kamailio.domain}", headers={"X-Supervise": mode})
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    peer.wait_call_state(peer_call, "CONFIRMED")
    return incoming, peer_call


def test_x_supervise_is_captured_and_an_in_dialog_message_becomes_an_event(agent, supervisor, kamailio):
    incoming, peer_call = _supervisor_call(agent, supervisor, kamailio)
    assert incoming.header("X-Supervise") == "listen"
    supervisor.request("message", call=peer_call, body="whisper", headers={"X-Supervise": "whisper"})
    message = agent.events.wait_type(InDialogMessage)
    assert (message.call_id, message.content_type, message.body) == (incoming.call_id, "text/plain", "whisper")
    assert message.header("X-Supervise") == "whisper"
    assert supervisor.wait_event(lambda e: e["event"] == "message_status")["code"] == 200


def test_an_in_dialog_message_body_is_untrusted_text(agent, supervisor, kamailio):
    incoming, peer_call = _supervisor_call(agent, supervisor, kamailio)
    supervisor.request("message", call=peer_call, body='{"mode": "barge"}\n\x1b[31m\u202eend\x07',
                       content_type="application/json")
    message = agent.events.wait_type(InDialogMessage)
    assert message.content_type == "application/json"
    assert message.body == '{"mode": "barge"}\n[31mend'


def test_the_agent_sends_an_in_dialog_message(agent, supervisor, kamailio):
    incoming, peer_call = _supervisor_call(agent, supervisor, kamailio)
    agent.run(SendInDialogMessage(incoming.call_id, "text/plain", "ack whisper", (("X-Supervise", "whisper"),)))
    received = supervisor.wait_event(lambda e: e["event"] == "message")
    assert (received["call"], received["content_type"], received["body"]) == (peer_call, "text/plain", "ack whisper")
    assert received["x_headers"] == {"X-Supervise": "whisper"}
    status = agent.events.wait_type(InDialogMessageStatus)
    assert (status.call_id, status.status_code) == (incoming.call_id, 200)


def test_sending_a_message_needs_a_connected_call_and_single_line_headers(agent, supervisor, kamailio):
    peer_call = supervisor.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    with pytest.raises(InvalidCallState):
        agent.run(SendInDialogMessage(incoming.call_id, "text/plain", "too early"))
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    supervisor.wait_call_state(peer_call, "CONFIRMED")
    with pytest.raises(ValueError, match="single-line"):
        agent.run(SendInDialogMessage(incoming.call_id, "text/plain", "x", (("X-A", "1\r\nX-Injected: 2"),)))


def test_make_call_carries_extra_headers_to_the_callee(agent, kamailio, peer_factory):
    clinician = peer_factory("clinician", PATIENT_TONE)
    clinician.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
    context = (("X-Escalation-Reason", "chest pain"), ("X-Escalation-Id", "esc-42"))
    call_id = agent.run(MakeCall(agent.account_id, "clinician", context))
    incoming = clinician.wait_event(lambda e: e["event"] == "incoming")
    assert incoming["x_headers"] == dict(context)
    with pytest.raises(ValueError, match="single-line"):
        agent.run(MakeCall(agent.account_id, "clinician", (("X-Bad", "a\nb"),)))
    assert call_id
