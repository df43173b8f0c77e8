"""The engine's TLS accounts, end to end: ``TransportKind.TLS`` goes through the in-process
TLS relay to a Kamailio with a TLS-only listener (certificate from the per-session test CA).

The far end is ``tls_peer.py`` (a bare pjsua2 agent behind its own relay, in its own
process) playing a tone, so audio is proven by FFT as in the other call tests.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("cryptography")
import pjsua2 as pj  # noqa: E402
from tls_kamailio import TlsKamailio, kamailio_tls_available, start_tls_kamailio  # noqa: E402
from tls_peer_client import Peer, is_registered  # noqa: E402

from sip_harness import AGENT_TONE, LISTEN_S, PATIENT_TONE, Agent, EventLog, start_engine  # noqa: E402
from softphone.sip import (  # noqa: E402
    AGENT_MIC,
    AccountConfig,
    AddAccount,
    Answer,
    CallMediaChanged,
    CallState,
    CreateTonePort,
    Hangup,
    MakeCall,
    MediaState,
    RegistrationState,
    TlsFailure,
    TlsSettings,
    TlsState,
    TlsStateChanged,
    TransportKind,
)
from peers.tones import analyse  # noqa: E402
from tests.support.tls_pki import SERVER_NAME, PkiFiles, make_test_pki  # noqa: E402

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not kamailio_tls_available(), reason="kamailio with TLS module not installed"),
]

DOMAIN = SERVER_NAME
ALL_TONES = (AGENT_TONE, PATIENT_TONE)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PkiFiles:
    return make_test_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tls_kamailio(pki: PkiFiles, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsKamailio]:
    server = start_tls_kamailio(tmp_path_factory.mktemp("kamailio"), pki.server_cert_file, pki.server_key_file)
    yield server
    server.stop()


@pytest.fixture
def cleanup() -> Iterator[list[Any]]:
    """Things to stop after the test: agents, then peers, then servers (so that nobody sees
    its server vanish and starts re-registering while it shuts down)."""
    things: list[Any] = []
    yield things
    for thing in sorted(things, key=lambda t: (not isinstance(t, Agent), isinstance(t, TlsKamailio))):
        (thing.engine.stop if isinstance(thing, Agent) else thing.stop)()


def tls_account(server: str | tuple[str, ...], user: str = "agent", **overrides: Any) -> AccountConfig:
    settings: dict[str, Any] = dict(
        user=user,
        domain=DOMAIN,
        servers=server if isinstance(server, tuple) else (server,),
        password=lambda: "unused: this Kamailio does not challenge",
        transport=TransportKind.TLS,
        register_expiry_s=60,
        retry_first_s=1.0,
        retry_max_s=2.0,
        register_timeout_s=4.0,
    )
    settings.update(overrides)
    return AccountConfig(**settings)


def start_tls_agent(
    cleanup: list[Any], workdir: Path, ca_file: Path, *servers: str, wait_registered: bool = True,
    **account_overrides: Any,
) -> Agent:
    events = EventLog()
    agent = Agent(start_engine(events, tls=TlsSettings(ca_list_file=ca_file)), events, workdir)
    cleanup.append(agent)
    agent.run(CreateTonePort(AGENT_MIC, (AGENT_TONE,)))
    agent.account_id = agent.run(AddAccount(tls_account(servers, **account_overrides)))
    if wait_registered:
        events.wait_registration(RegistrationState.REGISTERED)
    return agent


def start_patient(cleanup: list[Any], server: TlsKamailio, pki: PkiFiles, workdir: Path, *args: str) -> Peer:
    patient = Peer("patient", server, pki.ca_file, workdir, "--tone", str(PATIENT_TONE), *args)
    cleanup.append(patient)
    patient.expect(is_registered, "registration")
    return patient


def address(server: TlsKamailio, host: str = "127.0.0.1") -> str:
    return f"{host}:{server.tls_port}"


def register_count(server: TlsKamailio) -> int:
    return server.log_text().count("request REGISTER")


def stream_is_srtp(agent: Agent, call_id: str) -> bool:
    def check() -> bool:
        call = agent.engine.calls.get(call_id)
        assert call.audio_index is not None
        return call.getStreamInfo(call.audio_index).proto == pj.PJMEDIA_TP_PROTO_RTP_SAVP

    return bool(agent.run(check))


def assert_two_way_audio(agent: Agent, patient: Peer) -> None:
    heard_by_agent = agent.listen()
    heard_by_patient = analyse(patient.record_for(LISTEN_S), ALL_TONES)
    assert heard_by_agent.present(PATIENT_TONE), heard_by_agent
    assert heard_by_agent.absent(AGENT_TONE), heard_by_agent
    assert heard_by_patient.present(AGENT_TONE), heard_by_patient
    assert heard_by_patient.absent(PATIENT_TONE), heard_by_patient


def wait_media_active(agent: Agent, call_id: str) -> None:
    agent.events.wait_type(CallMediaChanged, lambda e: e.call_id == call_id and e.state is MediaState.ACTIVE)


def test_registers_over_tls_13_and_calls_out_with_srtp_and_two_way_audio(
    tls_kamailio: TlsKamailio, pki: PkiFiles, cleanup: list[Any], tmp_path: Path
) -> None:
    agent = start_tls_agent(cleanup, tmp_path, pki.ca_file, address(tls_kamailio))
    secure = agent.events.wait_type(TlsStateChanged, lambda e: e.state is TlsState.SECURE)
    assert (secure.account_id, secure.server) == (agent.account_id, address(tls_kamailio))
    assert secure.tls_version == "TLSv1.3" and secure.protocol_label == "TLS 1.3"
    assert secure.cipher.startswith("TLS_")
    patient = start_patient(cleanup, tls_kamailio, pki, tmp_path)

    call_id = agent.run(MakeCall(agent.account_id, f"sip:patient@{DOMAIN}"))
    at_patient = patient.expect(lambda e: e["event"] == "sdp" and e["remote"], "offer and answer")
    agent.events.wait_call_state(call_id, CallState.CONFIRMED)
    wait_media_active(agent, call_id)
    # Mandatory SDES: the agent offered only secure RTP, with keys, and got it back.
    for sdp in (at_patient["remote"], at_patient["local"]):
        assert "RTP/SAVP" in sdp and "a=crypto:" in sdp and "RTP/AVP " not in sdp
    assert stream_is_srtp(agent, call_id)
    assert_two_way_audio(agent, patient)

    agent.run(Hangup(call_id))
    agent.events.wait_call_state(call_id, CallState.DISCONNECTED)
    patient.expect_call_state("DISCONNECTED")
    # Registration, INVITE, ACK and BYE all went over the one TLS connection.
    flows = [e for e in agent.events.history if isinstance(e, TlsStateChanged) and e.state is TlsState.SECURE]
    assert len(flows) == 1, flows
    log = tls_kamailio.log_text()
    assert "request INVITE from tls:" in log and "request BYE from tls:" in log


def test_incoming_call_reaches_the_agent_down_its_own_tls_connection(
    tls_kamailio: TlsKamailio, pki: PkiFiles, cleanup: list[Any], tmp_path: Path
) -> None:
    agent = start_tls_agent(cleanup, tmp_path, pki.ca_file, address(tls_kamailio))
    patient = start_patient(cleanup, tls_kamailio, pki, tmp_path)
    patient.send(cmd="call", to="agent")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    wait_media_active(agent, incoming.call_id)
    assert stream_is_srtp(agent, incoming.call_id)
    assert_two_way_audio(agent, patient)
    patient.send(cmd="hangup")
    agent.events.wait_call_state(incoming.call_id, CallState.DISCONNECTED)
    # Kamailio opened no connection towards the agent: it reused the registered flow.
    assert "relaying INVITE to sip:agent@127.0.0.1:" in tls_kamailio.log_text()
    flows = [e for e in agent.events.history if isinstance(e, TlsStateChanged) and e.state is TlsState.SECURE]
    assert len(flows) == 1, flows


@pytest.mark.parametrize(
    "case",
    ["certificate from an unknown CA", "certificate for another host name"],
)
def test_a_bad_certificate_fails_registration_with_a_clear_reason(
    tls_kamailio: TlsKamailio, pki: PkiFiles, cleanup: list[Any], tmp_path: Path, case: str
) -> None:
    if case == "certificate from an unknown CA":
        ca_file = make_test_pki(tmp_path / "other-pki").ca_file  # trusts some other CA only
        server = address(tls_kamailio)
        failure, message = TlsFailure.BAD_CERTIFICATE, "TLS refused: bad certificate"
        detail = "certificate verify failed for 127.0.0.1: unable to get local issuer certificate"
    else:
        # The certificate names sip.example.org and 127.0.0.1, not "localhost".
        ca_file, server = pki.ca_file, address(tls_kamailio, host="localhost")
        failure, message = TlsFailure.HOSTNAME_MISMATCH, "TLS refused: certificate is for another server"
        detail = "certificate verify failed for localhost: Hostname mismatch"
    registers_before = register_count(tls_kamailio)

    agent = start_tls_agent(cleanup, tmp_path, ca_file, server, wait_registered=False)
    refused = agent.events.wait_type(TlsStateChanged)
    assert refused.state is TlsState.REFUSED and refused.failure is failure
    failed = agent.events.wait_registration(RegistrationState.FAILED)
    assert failed.reason.startswith(f"{message} ({detail}"), failed.reason
    assert refused.reason == failed.reason
    time.sleep(1.5)  # the retry after retry_first_s is refused in the same way
    assert agent.run(lambda: agent.engine.accounts[agent.account_id].state) is RegistrationState.FAILED
    assert register_count(tls_kamailio) == registers_before  # no REGISTER ever left the relay


def test_fails_over_to_the_next_tls_server(
    tls_kamailio: TlsKamailio, pki: PkiFiles, cleanup: list[Any], tmp_path: Path
) -> None:
    from tls_kamailio import free_tcp_port

    closed = f"127.0.0.1:{free_tcp_port()}"
    agent = start_tls_agent(cleanup, tmp_path, pki.ca_file, closed, address(tls_kamailio))
    refused = agent.events.wait_type(TlsStateChanged, lambda e: e.state is TlsState.REFUSED)
    assert refused.server == closed and refused.failure is TlsFailure.UNREACHABLE
    registered = [e for e in agent.events.history if getattr(e, "state", None) is RegistrationState.REGISTERED]
    assert registered[-1].server == address(tls_kamailio)


def test_after_a_server_restart_the_agent_re_registers_over_a_new_tls_connection(
    pki: PkiFiles, cleanup: list[Any], tmp_path: Path
) -> None:
    server = start_tls_kamailio(tmp_path / "before", pki.server_cert_file, pki.server_key_file)
    cleanup.append(server)
    agent = start_tls_agent(cleanup, tmp_path, pki.ca_file, address(server))
    agent.events.wait_type(TlsStateChanged, lambda e: e.state is TlsState.SECURE)

    server.stop()  # drops every TLS connection; the new instance has an empty location table
    closed = agent.events.wait_type(TlsStateChanged, lambda e: e.state is TlsState.CLOSED)
    assert closed.closed_by == "server"
    server = start_tls_kamailio(
        tmp_path / "after", pki.server_cert_file, pki.server_key_file, tls_port=server.tls_port
    )
    cleanup.append(server)
    agent.events.wait_type(TlsStateChanged, lambda e: e.state is TlsState.SECURE, timeout=15)
    agent.events.wait_registration(RegistrationState.REGISTERED, timeout=15)

    # The new registrar knows the agent again (the binding points at the new connection).
    patient = start_patient(cleanup, server, pki, tmp_path)
    patient.send(cmd="call", to="agent")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    patient.expect_call_state("CONFIRMED")


ENGINE_PROCESS = Path(__file__).with_name("engine_process.py")


def test_process_exits_cleanly_with_a_tls_call_up(
    tls_kamailio: TlsKamailio, pki: PkiFiles, cleanup: list[Any], tmp_path: Path
) -> None:
    import json
    import subprocess
    import sys

    patient = start_patient(cleanup, tls_kamailio, pki, tmp_path)
    with (tmp_path / "engine.log").open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(ENGINE_PROCESS), address(tls_kamailio), DOMAIN, "stop", str(pki.ca_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
        )
        try:
            assert proc.stdout is not None and proc.stdin is not None

            def read_until(key: str) -> None:
                for raw in proc.stdout:
                    if key in json.loads(raw):
                        return
                raise AssertionError(f"engine process ended before {key!r}")

            read_until("registered")
            patient.send(cmd="call", to="agent2")
            read_until("confirmed")
            patient.expect_call_state("CONFIRMED")
            proc.stdin.write(b"quit\n")
            proc.stdin.flush()
            read_until("exiting")
            assert proc.wait(timeout=15) == 0, (tmp_path / "engine.log").read_text()
            # The BYE went out through the relay before the relay was stopped.
            patient.expect_call_state("DISCONNECTED")
        finally:
            if proc.poll() is None:
                proc.kill()


def test_a_call_sent_straight_to_pjsua2s_loopback_port_is_refused(
    tls_kamailio: TlsKamailio, pki: PkiFiles, cleanup: list[Any], tmp_path: Path
) -> None:
    """Another local process can connect to the loopback TCP transport pjsua2 listens on for
    TLS accounts. Its INVITE did not come through the relay (nor over TLS), so it could claim
    any caller identity: it must be refused, not rung."""
    import base64
    import os
    import socket

    from softphone.sip import EngineError, IncomingCall

    agent = start_tls_agent(cleanup, tmp_path, pki.ca_file, address(tls_kamailio))
    port = agent.run(lambda: agent.engine.local_port(TransportKind.TLS))
    key = base64.b64encode(os.urandom(30)).decode()
    sdp = (
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
        f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key}\r\n"
    )
    invite = (
        f"INVITE sip:agent@127.0.0.1:{port};transport=tcp SIP/2.0\r\n"
        "Via: SIP/2.0/TCP 127.0.0.1:9;rport;branch=z9hG4bKspoof1\r\n"
        "Max-Forwards: 70\r\n"
        'From: "Dr Trusted" <sip:doctor@sip.example.org>;tag=s1\r\n'
        "To: <sip:agent@sip.example.org>\r\n"
        "Call-ID: spoofed-1\r\n"
        "CSeq: 1 INVITE\r\n"
        "Contact: <sip:doctor@127.0.0.1:9;transport=tcp>\r\n"
        "P-Asserted-Identity: <sip:doctor@sip.example.org>\r\n"
        "Content-Type: application/sdp\r\n"
        f"Content-Length: {len(sdp)}\r\n\r\n{sdp}"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as spoofer:
        spoofer.sendall(invite)
        answers = b""
        while b"SIP/2.0 403" not in answers:
            data = spoofer.recv(65536)
            assert data, f"connection closed; got {answers!r}"
            answers += data
    agent.events.wait_type(EngineError, lambda e: "did not come over TLS" in e.message)
    assert not any(isinstance(e, IncomingCall) for e in agent.events.history)
