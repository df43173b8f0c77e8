"""SIP over TLS through the relay, end to end: Kamailio with a TLS-only listener, two pjsua2
agents (each in its own process, behind its own TlsRelay), a call with SRTP between them,
and a server with a bad certificate that must be refused.

The agents use exactly the settings the engine uses (``softphone.sip.tls_account_settings``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("cryptography")
from tls_kamailio import TlsKamailio, kamailio_tls_available, start_tls_kamailio  # noqa: E402
from tls_peer_client import Peer, is_registered  # noqa: E402

from tests.support.tls_pki import SERVER_NAME, PkiFiles, make_test_pki  # noqa: E402

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not kamailio_tls_available(), reason="kamailio with TLS module not installed"),
]

DOMAIN = SERVER_NAME


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PkiFiles:
    return make_test_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tls_kamailio(pki: PkiFiles, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsKamailio]:
    server = start_tls_kamailio(tmp_path_factory.mktemp("kamailio"), pki.server_cert_file, pki.server_key_file)
    yield server
    server.stop()


@pytest.fixture
def tls_peers(tmp_path: Path) -> Iterator[list[Peer]]:
    started: list[Peer] = []
    yield started
    for peer in started:
        peer.stop()


def test_two_agents_call_over_tls_with_mandatory_srtp(
    tls_kamailio: TlsKamailio, pki: PkiFiles, tls_peers: list[Peer], tmp_path: Path
) -> None:
    alice = Peer("alice", tls_kamailio, pki.ca_file, tmp_path)
    bob = Peer("bob", tls_kamailio, pki.ca_file, tmp_path)
    tls_peers.extend([alice, bob])

    for peer in (alice, bob):
        flow = peer.expect(lambda e: e["event"] == "relay" and e["kind"] == "TlsFlowUp", "TLS flow")
        assert flow["tls_version"] == "TLSv1.3"
        # pjsua2 registers once, learns from the response the address the server saw (the
        # relay's TLS connection), registers that Contact instead, and only then reports
        # success: one registration event, already reachable.
        peer.expect(is_registered, "registration")

    alice.send(cmd="call", to="bob")
    sent_offer = alice.expect(lambda e: e["event"] == "sdp", "offer")
    # Bob's SDP event holds the offer as it arrived through Kamailio and the answer he made.
    at_bob = bob.expect(lambda e: e["event"] == "sdp" and e["remote"], "offer and answer")
    bob.expect_call_state("CONFIRMED")
    alice.expect_call_state("CONFIRMED")

    # SDES over what pjsua2 believes is TCP: only secure RTP is offered and answered.
    for sdp in (sent_offer["local"], at_bob["remote"], at_bob["local"]):
        assert "m=audio" in sdp and "RTP/SAVP" in sdp
        assert "a=crypto:" in sdp
        assert "RTP/AVP " not in sdp

    time.sleep(1.5)  # let some 20 ms SRTP packets flow
    for peer in (alice, bob):
        peer.send(cmd="stats")
        stats = peer.expect(lambda e: e["event"] == "media", "media stats")
        assert stats["proto"] == "RTP/SAVP"
        # Packets that fail SRTP authentication are dropped before they are counted.
        assert stats["rx_packets"] > 20, stats
        assert stats["rx_discard"] == 0

    # The callee hangs up: its BYE follows the route set the relay record-routed into.
    bob.send(cmd="hangup")
    bob.expect_call_state("DISCONNECTED")
    alice.expect_call_state("DISCONNECTED")

    # Each agent needed one TLS connection only: the INVITE to bob came down the
    # connection bob's REGISTER went up on.
    for peer in (alice, bob):
        flows = [e for e in peer.seen if e["event"] == "relay" and e["kind"] == "TlsFlowUp"]
        assert len(flows) == 1, flows
    log = tls_kamailio.log_text()
    assert "relaying INVITE to sip:bob@127.0.0.1:" in log
    assert ";transport=tls" in log.split("relaying INVITE to ", 1)[1].splitlines()[0]
    assert "request INVITE from tls:" in log
    assert "request BYE from tls:" in log
    assert "connect" not in log.split("relaying INVITE", 1)[1]  # Kamailio opened no connection


def test_after_the_server_restarts_agents_re_register_over_new_flows_and_take_calls(
    pki: PkiFiles, tls_peers: list[Peer], tmp_path: Path
) -> None:
    server = start_tls_kamailio(tmp_path / "before", pki.server_cert_file, pki.server_key_file)
    try:
        alice = Peer("alice4", server, pki.ca_file, tmp_path, "--retry-s", "1")
        bob = Peer("bob4", server, pki.ca_file, tmp_path, "--retry-s", "1")
        tls_peers.extend([alice, bob])
        for peer in (alice, bob):
            peer.expect(is_registered, "registration")

        server.stop()  # every TLS connection drops; the new server has an empty location table
        for peer in (alice, bob):
            closed = peer.expect(lambda e: e["event"] == "relay" and e["kind"] == "TlsFlowClosed", "flow closed")
            assert closed["closed_by"] == "server"
        server = start_tls_kamailio(
            tmp_path / "after", pki.server_cert_file, pki.server_key_file, tls_port=server.tls_port
        )

        # pjsua2 saw its TCP connection to the relay close, so it re-registers, which opens a
        # new TCP connection and so a new TLS flow (with a new address the server learns).
        for peer in (alice, bob):
            peer.expect(lambda e: e["event"] == "relay" and e["kind"] == "TlsFlowUp" and e["flow"] > 1, "new flow")
            peer.expect(is_registered, "re-registration")
        alice.send(cmd="call", to="bob4")
        bob.expect_call_state("CONFIRMED")
        alice.expect_call_state("CONFIRMED")
        alice.send(cmd="hangup")
        bob.expect_call_state("DISCONNECTED")
    finally:
        for peer in tls_peers:
            peer.stop()
        server.stop()


def test_srtp_is_mandatory(tls_kamailio: TlsKamailio, pki: PkiFiles, tls_peers: list[Peer], tmp_path: Path) -> None:
    alice = Peer("alice2", tls_kamailio, pki.ca_file, tmp_path)
    legacy = Peer("legacy", tls_kamailio, pki.ca_file, tmp_path, "--plain-rtp")
    tls_peers.extend([alice, legacy])
    for peer in (alice, legacy):
        peer.expect(is_registered, "registration")
    alice.send(cmd="call", to="legacy")
    ended = alice.expect_call_state("DISCONNECTED")
    assert ended["code"] == 488  # Not Acceptable Here: no call without SRTP


def test_pjsua2s_default_secure_signalling_check_would_refuse_every_call(
    tls_kamailio: TlsKamailio, pki: PkiFiles, tls_peers: list[Peer], tmp_path: Path
) -> None:
    # Why tls_account_settings sets srtpSecureSignaling=0: pjsua2 only sees TCP.
    alice = Peer("alice3", tls_kamailio, pki.ca_file, tmp_path, "--srtp-secure-signaling", "1")
    tls_peers.append(alice)
    alice.expect(is_registered, "registration")
    alice.send(cmd="call", to="alice3")
    error = alice.expect(lambda e: e["event"] == "call_error", "makeCall error")
    assert "PJSIP_ESESSIONINSECURE" in error["reason"]


def test_a_bad_certificate_refuses_registration(pki: PkiFiles, tls_peers: list[Peer], tmp_path: Path) -> None:
    rogue = start_tls_kamailio(tmp_path / "rogue", pki.self_signed_cert_file, pki.self_signed_key_file)
    try:
        agent = Peer("carol", rogue, pki.ca_file, tmp_path)
        tls_peers.append(agent)
        refused = agent.expect(
            lambda e: e["event"] == "relay" and e["kind"] == "TlsFlowRefused", "TLS refusal"
        )
        assert refused["failure"] == "bad_certificate"
        assert refused["message"] == "certificate verify failed for sip.example.org: self-signed certificate"
        assert refused["user_message"] == "TLS refused: bad certificate"

        registration = agent.expect(lambda e: e["event"] == "registration", "registration result")
        assert registration["code"] != 200
        assert not registration["active"]
        # Nothing reached the rogue server: the REGISTER never left the relay.
        assert "request REGISTER" not in rogue.log_text()
        print(f"pjsua2 reported the refused registration as {registration['code']} {registration['reason']}")
    finally:
        for peer in tls_peers:  # before the server, so the agent exits cleanly
            peer.stop()
        rogue.stop()
