"""Hostile input straight at the softphone's SIP ports must not disturb a live call."""

from __future__ import annotations

import socket
import uuid

import pytest

from softphone.sip import Answer, CallState, EngineError, TransportKind

from sip_harness import AGENT_TONE, PATIENT_TONE, peer_listen

pytestmark = pytest.mark.integration


def _request(method: str, target: str, *, extra: str = "", body: str = "",
             content_length: int | None = None, call_id: str | None = None) -> bytes:
    length = len(body.encode()) if content_length is None else content_length
    return (
        f"{method} {target} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK{uuid.uuid4().hex[:10]}\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:mallory@evil.test>;tag={uuid.uuid4().hex[:6]}\r\n"
        f"To: <{target}>\r\n"
        f"Call-ID: {call_id or uuid.uuid4().hex}\r\n"
        f"CSeq: 1 {method.split()[0] if method else 'X'}\r\n"
        f"{extra}"
        f"Content-Length: {length}\r\n\r\n{body}"
    ).encode("utf-8", "surrogateescape")


def _hostile_messages(target: str) -> list[bytes]:
    sdp_garbage = "v=0\r\no=- x x IN IP4\r\nm=audio notaport RTP/AVP 0 0 0\r\nc=IN IP9 ::::\r\n"
    return [
        b"\x00\x01\x02garbage\xff\xfe" * 20,
        b"INVITE\r\n\r\n",
        b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKnope\r\n\r\n",
        _request("INVITE", target, extra="Via: broken header without value\r\nFrom\r\n: :\r\n"),
        _request("INVITE", target, extra="X-Big: " + "A" * 64000 + "\r\n"),
        _request("INVITE", target, extra="Content-Type: application/sdp\r\n",
                 body=sdp_garbage, content_length=5000),
        _request("INVITE", target, extra="Content-Type: application/sdp\r\n",
                 body=sdp_garbage, content_length=3),
        _request("INVITE", target, extra="Content-Type: application/sdp\r\n", body=sdp_garbage),
        _request("FROBNICATE", target),
        _request("BYE", target, extra="", call_id="not-a-dialog"),
        _request("INFO", target, extra="Content-Type: application/dtmf-relay\r\n", body="Signal=\x00\r\n"),
        _request("NOTIFY", target, extra="Event: refer\r\nContent-Type: message/sipfrag\r\n",
                 body="SIP/2.0 banana"),
        _request("INVITE", "sip:" + "a" * 2000 + "@127.0.0.1"),
        _request("INVITE", target, extra='From: "' + "\u202e" * 500 + '" <sip:x@y>;tag=1\r\n'),
        _request("OPTIONS", target, extra="CSeq: -1 OPTIONS\r\nCSeq: 99999999999999999999 OPTIONS\r\n"),
    ]


def test_malformed_burst_leaves_engine_and_call_intact(agent, kamailio, peer_factory, tmp_path):
    patient = peer_factory("patient", PATIENT_TONE)
    patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)

    udp_port = agent.run(lambda: agent.engine.local_port(TransportKind.UDP))
    tcp_port = agent.run(lambda: agent.engine.local_port(TransportKind.TCP))
    target = f"sip:agent@127.0.0.1:{udp_port}"
    messages = _hostile_messages(target)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for _round in range(10):  # bounded: 150 datagrams
            for message in messages:
                try:
                    udp.sendto(message[:65000], ("127.0.0.1", udp_port))
                except OSError:
                    pass
    for message in messages[:8]:
        try:
            with socket.create_connection(("127.0.0.1", tcp_port), timeout=1) as tcp:
                tcp.sendall(message)
        except OSError:
            pass

    # Still alive and responsive on the SIP thread...
    assert agent.engine.running
    assert agent.run(lambda: len(agent.engine.calls)) == 1
    # ... nothing the burst sent became an incoming call ...
    assert not [e for e in agent.events.history if type(e).__name__ == "IncomingCall"
                and e.call_id != incoming.call_id]
    # ... and the patient call still carries audio both ways.
    heard = agent.listen()
    assert heard.present(PATIENT_TONE), heard
    assert peer_listen(patient, tmp_path).present(AGENT_TONE)
    assert not [e for e in agent.events.history if isinstance(e, EngineError)]
