"""TlsRelay against a Python TLS server on loopback: real sockets, real handshakes.

The "client" here plays pjsua2 (plain TCP to the relay); the server plays the SIP server
(TLS on 127.0.0.1 with a certificate for sip.example.org from a per-test CA).
"""

from __future__ import annotations

import contextlib
import queue
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("cryptography")
from softphone.sip.sip_framing import SipStreamSplitter  # noqa: E402
from softphone.sip.tls_relay import TlsRelay, TlsTarget  # noqa: E402
from softphone.sip.tls_relay_events import (  # noqa: E402
    RelayEvent,
    RelayListening,
    TlsFailure,
    TlsFlowClosed,
    TlsFlowRefused,
    TlsFlowRejected,
    TlsFlowUp,
)
from tests.support.tls_pki import SERVER_NAME, PkiFiles, make_test_pki  # noqa: E402

TIMEOUT_S = 5.0

REGISTER = (
    b"REGISTER sip:sip.example.org SIP/2.0\r\n"
    b"Via: SIP/2.0/TCP 127.0.0.1:50621;rport;branch=z9hG4bKone;alias\r\n"
    b"Max-Forwards: 70\r\n"
    b"From: <sip:agent@sip.example.org>;tag=a1\r\n"
    b"To: <sip:agent@sip.example.org>\r\n"
    b"Call-ID: reg-1\r\n"
    b"CSeq: 1 REGISTER\r\n"
    b"Contact: <sip:agent@127.0.0.1:50621;transport=TCP;ob>\r\n"
    b"Content-Length: 0\r\n\r\n"
)

OK_200 = (
    b"SIP/2.0 200 OK\r\n"
    b"Via: SIP/2.0/TLS 127.0.0.1:50621;rport=41000;received=127.0.0.1;branch=z9hG4bKone;alias\r\n"
    b"From: <sip:agent@sip.example.org>;tag=a1\r\n"
    b"To: <sip:agent@sip.example.org>;tag=s1\r\n"
    b"Call-ID: reg-1\r\n"
    b"CSeq: 1 REGISTER\r\n"
    b"Content-Length: 0\r\n\r\n"
)

SDP = b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\n"
INCOMING_INVITE = (
    b"INVITE sip:agent@127.0.0.1:41000;transport=tls;ob SIP/2.0\r\n"
    b"Record-Route: <sip:127.0.0.1:5061;transport=tls;lr>\r\n"
    b"Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKserver\r\n"
    b"Max-Forwards: 69\r\n"
    b"From: <sip:caller@sip.example.org>;tag=c1\r\n"
    b"To: <sip:agent@sip.example.org>\r\n"
    b"Call-ID: call-1\r\n"
    b"CSeq: 10 INVITE\r\n"
    b"Contact: <sip:caller@127.0.0.1:42000;transport=tls>\r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: " + str(len(SDP)).encode() + b"\r\n\r\n" + SDP
)


# -- a TLS "SIP server" ----------------------------------------------------------------------


@dataclass
class ServerConnection:
    tls: ssl.SSLSocket
    splitter: SipStreamSplitter = field(default_factory=SipStreamSplitter)
    pending: list[bytes] = field(default_factory=list)

    def recv_message(self, timeout_s: float = TIMEOUT_S) -> bytes:
        self.tls.settimeout(timeout_s)
        while not self.pending:
            data = self.tls.recv(65536)
            if not data:
                raise EOFError("relay closed the TLS connection")
            self.pending.extend(chunk.data for chunk in self.splitter.feed(data))
        return self.pending.pop(0)

    def send(self, data: bytes) -> None:
        self.tls.sendall(data)

    def wait_closed(self, timeout_s: float = TIMEOUT_S) -> bool:
        self.tls.settimeout(timeout_s)
        try:
            return self.tls.recv(65536) == b""
        except (ssl.SSLError, OSError):
            return True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.tls.shutdown(socket.SHUT_RDWR)
        self.tls.close()


class TlsTestServer:
    def __init__(
        self,
        cert_file: Path,
        key_file: Path,
        maximum_version: ssl.TLSVersion | None = None,
        client_ca_file: Path | None = None,
    ) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert_file, key_file)
        if maximum_version is not None:
            self.context.maximum_version = maximum_version
        if client_ca_file is not None:  # mutual TLS: only clients with a CA-signed certificate
            self.context.verify_mode = ssl.CERT_REQUIRED
            self.context.load_verify_locations(client_ca_file)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: queue.Queue[ServerConnection] = queue.Queue()
        self.handshake_failures: queue.Queue[BaseException] = queue.Queue()
        self.accepted = 0
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    def _accept_loop(self) -> None:
        while True:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            raw.settimeout(TIMEOUT_S)
            try:
                tls = self.context.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError) as exc:
                self.handshake_failures.put(exc)
                raw.close()
                continue
            self.connections.put(ServerConnection(tls))

    def next_connection(self, timeout_s: float = TIMEOUT_S) -> ServerConnection:
        return self.connections.get(timeout=timeout_s)

    def close(self) -> None:
        self.listener.close()
        while not self.connections.empty():
            self.connections.get_nowait().close()


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PkiFiles:
    return make_test_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def server(pki: PkiFiles) -> Iterator[TlsTestServer]:
    test_server = TlsTestServer(pki.server_cert_file, pki.server_key_file)
    yield test_server
    test_server.close()


class EventLog:
    def __init__(self) -> None:
        self.events: queue.Queue[RelayEvent] = queue.Queue()

    def __call__(self, event: RelayEvent) -> None:
        self.events.put(event)

    def wait_for(self, kind: type, timeout_s: float = TIMEOUT_S) -> RelayEvent:
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {kind} event")
            event = self.events.get(timeout=remaining)
            if isinstance(event, kind):
                return event


def start_relay(pki: PkiFiles, port: int, **target_options: object) -> tuple[TlsRelay, EventLog]:
    options: dict[str, object] = {"server_name": SERVER_NAME, "ca_file": pki.ca_file}
    options.update(target_options)
    log = EventLog()
    relay = TlsRelay(TlsTarget("127.0.0.1", port, **options), on_event=log)  # type: ignore[arg-type]
    relay.start()
    return relay, log


@pytest.fixture
def relay_and_log(pki: PkiFiles, server: TlsTestServer) -> Iterator[tuple[TlsRelay, EventLog]]:
    relay, log = start_relay(pki, server.port)
    yield relay, log
    relay.stop()


def connect_client(relay: TlsRelay) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", relay.port), timeout=TIMEOUT_S)
    return client


def recv_exactly(sock: socket.socket, length: int) -> bytes:
    data = b""
    while len(data) < length:
        chunk = sock.recv(length - len(data))
        if not chunk:
            break
        data += chunk
    return data


def recv_message(sock: socket.socket) -> bytes:
    splitter = SipStreamSplitter()
    while True:
        data = sock.recv(65536)
        if not data:
            raise EOFError("relay closed the TCP connection")
        for chunk in splitter.feed(data):
            if not chunk.is_keepalive:
                return chunk.data


def client_sees_close(sock: socket.socket) -> bool:
    sock.settimeout(TIMEOUT_S)
    try:
        return sock.recv(65536) == b""
    except ConnectionResetError:
        return True


# -- tests -------------------------------------------------------------------------------------


def test_listens_on_loopback_with_an_ephemeral_port(relay_and_log: tuple[TlsRelay, EventLog]) -> None:
    relay, log = relay_and_log
    assert relay.port > 0
    assert log.wait_for(RelayListening) == RelayListening(relay.port)
    assert relay.proxy_uri == f"sip:127.0.0.1:{relay.port};transport=tcp;lr;hide"


def test_round_trip_in_both_directions(
    relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer
) -> None:
    relay, _ = relay_and_log
    with connect_client(relay) as client:
        client.sendall(REGISTER)
        upstream = server.next_connection()
        received = upstream.recv_message()
        # The server is told the truth about the transport the client is on.
        assert received.startswith(b"REGISTER sip:sip.example.org SIP/2.0\r\n")
        assert b"Via: SIP/2.0/TLS 127.0.0.1:50621;rport;branch=z9hG4bKone;alias\r\n" in received
        assert b"Contact: <sip:agent@127.0.0.1:50621;transport=tls;ob>\r\n" in received

        upstream.send(OK_200)
        answer = recv_message(client)
        assert answer.startswith(b"SIP/2.0 200 OK\r\n")
        # pjsua2 gets its Via back as it sent it, with what the server saw.
        assert b"Via: SIP/2.0/TCP 127.0.0.1:50621;rport=41000;received=127.0.0.1;" in answer


def test_server_initiated_request_reaches_the_client_over_the_same_flow(
    relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer
) -> None:
    relay, log = relay_and_log
    with connect_client(relay) as client:
        client.sendall(REGISTER)
        upstream = server.next_connection()
        upstream.recv_message()
        upstream.send(OK_200)
        recv_message(client)

        # Later the server has a call for us: it can only use the connection we opened.
        upstream.send(INCOMING_INVITE)
        invite = recv_message(client)
        assert invite.startswith(b"INVITE sip:agent@127.0.0.1:41000;transport=tls;ob SIP/2.0\r\n")
        assert invite.endswith(SDP)
        # The relay puts itself first in the route set, so ACK/BYE come back through it.
        assert invite.index(f"Record-Route: <sip:127.0.0.1:{relay.port};transport=tcp;lr>".encode()) < (
            invite.index(b"Record-Route: <sip:127.0.0.1:5061;transport=tls;lr>")
        )

    assert server.accepted == 1  # one TLS connection for the flow, never a second one
    up = log.wait_for(TlsFlowUp)
    assert isinstance(up, TlsFlowUp) and up.flow_id == 1


def test_keepalive_crlf_passes_both_ways(
    relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer
) -> None:
    relay, _ = relay_and_log
    with connect_client(relay) as client:
        client.sendall(b"\r\n\r\n")  # RFC 5626 ping
        upstream = server.next_connection()
        upstream.tls.settimeout(TIMEOUT_S)
        assert recv_exactly(upstream.tls, 4) == b"\r\n\r\n"
        upstream.send(b"\r\n")  # pong
        client.settimeout(TIMEOUT_S)
        assert recv_exactly(client, 2) == b"\r\n"


def test_negotiates_tls_1_3(relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer) -> None:
    relay, log = relay_and_log
    with connect_client(relay) as client:
        client.sendall(REGISTER)
        upstream = server.next_connection()
        upstream.recv_message()
        up = log.wait_for(TlsFlowUp)
        assert isinstance(up, TlsFlowUp)
        assert up.tls_version == "TLSv1.3"
        assert up.server_name == SERVER_NAME
        assert upstream.tls.version() == "TLSv1.3"


def test_accepts_a_tls_1_2_server(pki: PkiFiles) -> None:
    server = TlsTestServer(pki.server_cert_file, pki.server_key_file, ssl.TLSVersion.TLSv1_2)
    relay, log = start_relay(pki, server.port)
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            server.next_connection().recv_message()
            up = log.wait_for(TlsFlowUp)
            assert isinstance(up, TlsFlowUp) and up.tls_version == "TLSv1.2"
    finally:
        relay.stop()
        server.close()


def test_refuses_a_server_below_the_minimum_version(pki: PkiFiles) -> None:
    server = TlsTestServer(pki.server_cert_file, pki.server_key_file, ssl.TLSVersion.TLSv1_2)
    relay, log = start_relay(pki, server.port, minimum_version=ssl.TLSVersion.TLSv1_3)
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            refused = log.wait_for(TlsFlowRefused)
            assert isinstance(refused, TlsFlowRefused)
            assert refused.error.failure is TlsFailure.HANDSHAKE_FAILED
            assert client_sees_close(client)
    finally:
        relay.stop()
        server.close()


def test_refuses_a_self_signed_certificate_with_a_clear_error(pki: PkiFiles) -> None:
    server = TlsTestServer(pki.self_signed_cert_file, pki.self_signed_key_file)
    relay, log = start_relay(pki, server.port)
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            refused = log.wait_for(TlsFlowRefused)
            assert isinstance(refused, TlsFlowRefused)
            assert refused.error.failure is TlsFailure.BAD_CERTIFICATE
            assert str(refused.error) == (
                "certificate verify failed for sip.example.org: self-signed certificate"
            )
            assert refused.error.user_message == "TLS refused: bad certificate"
            # pjsua2 sees its TCP connection closed: its REGISTER fails, nothing was sent.
            assert client_sees_close(client)
        assert server.connections.empty()
    finally:
        relay.stop()
        server.close()


def test_refuses_a_server_not_trusted_by_the_os_store(pki: PkiFiles, server: TlsTestServer) -> None:
    # Without our CA file only the OS trust store counts, and it does not know our test CA.
    relay, log = start_relay(pki, server.port, ca_file=None)
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            refused = log.wait_for(TlsFlowRefused)
            assert isinstance(refused, TlsFlowRefused)
            assert refused.error.failure is TlsFailure.BAD_CERTIFICATE
            assert "unable to get local issuer certificate" in str(refused.error)
    finally:
        relay.stop()


def test_refuses_a_hostname_mismatch(pki: PkiFiles, server: TlsTestServer) -> None:
    relay, log = start_relay(pki, server.port, server_name="other.example.org")
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            refused = log.wait_for(TlsFlowRefused)
            assert isinstance(refused, TlsFlowRefused)
            assert refused.error.failure is TlsFailure.HOSTNAME_MISMATCH
            assert str(refused.error).startswith("certificate verify failed for other.example.org: ")
            assert "other.example.org" in str(refused.error.detail)
            assert client_sees_close(client)
    finally:
        relay.stop()


def test_reports_an_unreachable_server(pki: PkiFiles) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    relay, log = start_relay(pki, closed_port)
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            refused = log.wait_for(TlsFlowRefused)
            assert isinstance(refused, TlsFlowRefused)
            assert refused.error.failure is TlsFailure.UNREACHABLE
            assert client_sees_close(client)
    finally:
        relay.stop()


def test_survives_a_client_disconnect(
    relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer
) -> None:
    relay, log = relay_and_log
    with connect_client(relay) as client:
        client.sendall(REGISTER)
        first = server.next_connection()
        first.recv_message()
    # pjsua2 went away: its TLS connection goes too, so the server stops routing to it.
    assert first.wait_closed()
    closed = log.wait_for(TlsFlowClosed)
    assert closed == TlsFlowClosed(flow_id=1, closed_by="client")

    with connect_client(relay) as client:
        client.sendall(REGISTER)
        second = server.next_connection()
        assert second.recv_message().startswith(b"REGISTER ")
        second.send(OK_200)
        assert recv_message(client).startswith(b"SIP/2.0 200 OK")
    assert server.accepted == 2


def test_server_disconnect_closes_the_client_side(
    relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer
) -> None:
    relay, log = relay_and_log
    with connect_client(relay) as client:
        client.sendall(REGISTER)
        upstream = server.next_connection()
        upstream.recv_message()
        upstream.close()
        # pjsua2 must notice, so that it re-registers over a new flow.
        assert client_sees_close(client)
    closed = log.wait_for(TlsFlowClosed)
    assert isinstance(closed, TlsFlowClosed) and closed.closed_by == "server"


def test_flows_are_independent(relay_and_log: tuple[TlsRelay, EventLog], server: TlsTestServer) -> None:
    relay, _ = relay_and_log
    with connect_client(relay) as first_client, connect_client(relay) as second_client:
        first_client.sendall(REGISTER)
        first = server.next_connection()
        first.recv_message()
        second_client.sendall(REGISTER.replace(b"reg-1", b"reg-2"))
        second = server.next_connection()
        assert b"Call-ID: reg-2" in second.recv_message()

        second.send(OK_200.replace(b"reg-1", b"reg-2"))
        assert b"Call-ID: reg-2" in recv_message(second_client)
        first.send(OK_200)
        assert b"Call-ID: reg-1" in recv_message(first_client)


def test_stop_closes_flows_and_the_listener(pki: PkiFiles, server: TlsTestServer) -> None:
    relay, log = start_relay(pki, server.port)
    client = connect_client(relay)
    client.sendall(REGISTER)
    upstream = server.next_connection()
    upstream.recv_message()
    port = relay.port
    relay.stop()
    assert client_sees_close(client)
    assert upstream.wait_closed()
    client.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1.0).close()
    relay.stop()  # idempotent


def test_byte_pipe_mode_copies_unchanged(pki: PkiFiles, server: TlsTestServer) -> None:
    log = EventLog()
    relay = TlsRelay(
        TlsTarget("127.0.0.1", server.port, server_name=SERVER_NAME, ca_file=pki.ca_file),
        on_event=log,
        rewrite_sip=False,
    )
    relay.start()
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            assert server.next_connection().recv_message() == REGISTER
    finally:
        relay.stop()


def test_events_go_to_a_queue_without_a_callback(pki: PkiFiles, server: TlsTestServer) -> None:
    relay = TlsRelay(TlsTarget("127.0.0.1", server.port, server_name=SERVER_NAME, ca_file=pki.ca_file))
    with relay:
        assert relay.events.get(timeout=TIMEOUT_S) == RelayListening(relay.port)


def test_presents_a_client_certificate_for_mutual_tls(pki: PkiFiles) -> None:
    server = TlsTestServer(pki.server_cert_file, pki.server_key_file, client_ca_file=pki.ca_file)
    relay, _ = start_relay(
        pki, server.port, client_cert_file=pki.client_cert_file, client_key_file=pki.client_key_file
    )
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            upstream = server.next_connection()
            assert upstream.recv_message().startswith(b"REGISTER ")
            peer_certificate = upstream.tls.getpeercert()
            assert peer_certificate is not None
            assert (("commonName", "agent-workstation-1"),) in peer_certificate["subject"]
    finally:
        relay.stop()
        server.close()


def test_a_server_demanding_a_client_certificate_refuses_a_relay_without_one(pki: PkiFiles) -> None:
    server = TlsTestServer(pki.server_cert_file, pki.server_key_file, client_ca_file=pki.ca_file)
    relay, log = start_relay(pki, server.port)
    try:
        with connect_client(relay) as client:
            client.sendall(REGISTER)
            # TLS 1.3 sends the client's (empty) certificate after the handshake completes on
            # the client side, so the refusal arrives as the server closing the new flow.
            assert client_sees_close(client)
        assert server.connections.empty()
        assert isinstance(server.handshake_failures.get(timeout=TIMEOUT_S), ssl.SSLError)
        closed = log.wait_for(TlsFlowClosed)
        assert isinstance(closed, TlsFlowClosed) and closed.error is not None
        assert closed.error.failure is TlsFailure.HANDSHAKE_FAILED
        assert "CERTIFICATE_REQUIRED" in str(closed.error)
    finally:
        relay.stop()
        server.close()


def test_tls_1_0_and_1_1_cannot_be_configured() -> None:
    context = TlsTarget("sip.example.org", minimum_version=ssl.TLSVersion.TLSv1).ssl_context()
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


# -- the flow token: only our pjsua2 gets a flow carried to the server ----------------------------


def _with_route(request: bytes, route: str) -> bytes:
    start, rest = request.split(b"\r\n", 1)
    return start + b"\r\nRoute: <" + route.encode() + b">\r\n" + rest


def test_a_flow_presenting_the_token_is_carried_and_the_token_stays_local(
    pki: PkiFiles, server: TlsTestServer
) -> None:
    log = EventLog()
    relay = TlsRelay(
        TlsTarget("127.0.0.1", server.port, server_name=SERVER_NAME, ca_file=pki.ca_file),
        on_event=log,
        flow_token="s3cret-Token_1",
    )
    relay.start()
    try:
        assert relay.proxy_uri == f"sip:127.0.0.1:{relay.port};transport=tcp;lr;relay-token=s3cret-Token_1"
        with connect_client(relay) as client:
            # Keep-alives before the first request, and a second request in the same write.
            client.sendall(b"\r\n\r\n" + _with_route(REGISTER, relay.proxy_uri) + REGISTER.replace(b"reg-1", b"reg-2"))
            upstream = server.next_connection()
            upstream.tls.settimeout(TIMEOUT_S)
            assert recv_exactly(upstream.tls, 4) == b"\r\n\r\n"
            first = upstream.recv_message()
            assert first.startswith(b"REGISTER ") and b"Route:" not in first and b"s3cret" not in first
            assert b"Call-ID: reg-2\r\n" in upstream.recv_message()

            upstream.send(INCOMING_INVITE)  # the relay's Record-Route carries the token too
            invite = recv_message(client)
            assert f"Record-Route: <sip:127.0.0.1:{relay.port};transport=tcp;lr;relay-token=s3cret-Token_1>".encode() in invite
    finally:
        relay.stop()


@pytest.mark.parametrize(
    "first_request",
    [
        REGISTER,  # no Route at all
        b"route-to-the-relay-with-a-wrong-token",
        b"route-to-another-port-with-the-token",
    ],
)
def test_a_flow_without_the_token_never_reaches_the_server(
    pki: PkiFiles, server: TlsTestServer, first_request: bytes
) -> None:
    log = EventLog()
    relay = TlsRelay(
        TlsTarget("127.0.0.1", server.port, server_name=SERVER_NAME, ca_file=pki.ca_file),
        on_event=log,
        flow_token="right",
    )
    relay.start()
    try:
        if first_request == b"route-to-the-relay-with-a-wrong-token":
            first_request = _with_route(REGISTER, relay.proxy_uri.replace("=right", "=wrong"))
        elif first_request == b"route-to-another-port-with-the-token":
            first_request = _with_route(REGISTER, f"sip:127.0.0.1:{relay.port + 1};lr;relay-token=right")
        with connect_client(relay) as client:
            client.sendall(first_request)
            assert client_sees_close(client)
        rejected = log.wait_for(TlsFlowRejected)
        assert isinstance(rejected, TlsFlowRejected) and "token" in rejected.reason
        assert server.accepted == 0  # not even a TCP connection to the server
    finally:
        relay.stop()


def test_a_flow_token_needs_sip_rewriting(pki: PkiFiles) -> None:
    with pytest.raises(ValueError, match="rewrite_sip"):
        TlsRelay(TlsTarget("127.0.0.1", 5061, ca_file=pki.ca_file), rewrite_sip=False, flow_token="t")
