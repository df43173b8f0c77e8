"""How much the TLS relay costs: prints ONE JSON object.

- ``relay_added_ms_median``: median SIP request/response round trip through the relay
  (client -TCP-> relay -TLS-> server) minus the same over a direct TCP connection.
- ``direct_tls_rtt_ms_median``: the same round trip over a direct TLS connection, to tell
  the cost of TLS itself from the cost of the extra loopback hop and the parsing/rewriting.
- ``tls_handshake_ms_median``: a full TLS 1.3 handshake with certificate checks (Python ssl).
- ``relay_new_flow_first_answer_ms_median``: what pjsua2 sees on a new flow: TCP connect to
  the relay, handshake towards the server, first request answered.

The SIP server runs in its own process (so the GIL does not blur the figures); the relay
runs in this process on its own thread, as in the app. Loopback only, bounded counts.
Run: ``.venv/bin/python tests/bench/bench_tls_relay.py [--messages 300] [--handshakes 50]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import socket
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo, for tests.support
from softphone.sip.sip_framing import SipStreamSplitter  # noqa: E402
from softphone.sip.tls_relay import TlsRelay, TlsTarget  # noqa: E402
from tests.support.tls_pki import SERVER_NAME, make_test_pki  # noqa: E402

REQUEST = (
    b"OPTIONS sip:sip.example.org SIP/2.0\r\n"
    b"Via: SIP/2.0/TCP 127.0.0.1:50621;rport;branch=z9hG4bKbench;alias\r\n"
    b"Max-Forwards: 70\r\n"
    b"From: <sip:agent@sip.example.org>;tag=a1\r\n"
    b"To: <sip:sip.example.org>\r\n"
    b"Call-ID: bench-1\r\n"
    b"CSeq: 1 OPTIONS\r\n"
    b"Contact: <sip:agent@127.0.0.1:50621;transport=TCP;ob>\r\n"
    b"Content-Length: 0\r\n\r\n"
)
RESPONSE = (
    b"SIP/2.0 200 OK\r\n"
    b"Via: SIP/2.0/TLS 127.0.0.1:50621;rport=41000;received=127.0.0.1;branch=z9hG4bKbench;alias\r\n"
    b"From: <sip:agent@sip.example.org>;tag=a1\r\n"
    b"To: <sip:sip.example.org>;tag=s1\r\n"
    b"Call-ID: bench-1\r\n"
    b"CSeq: 1 OPTIONS\r\n"
    b"Content-Length: 0\r\n\r\n"
)


def _answer_forever(conn: socket.socket) -> None:
    splitter = SipStreamSplitter()
    with conn:
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            for chunk in splitter.feed(data):
                if not chunk.is_keepalive:
                    conn.sendall(RESPONSE)


def _serve(kind: str, cert: str, key: str, ready: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    context = None
    if kind == "tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
    ready.put(listener.getsockname()[1])
    while True:
        raw, _ = listener.accept()
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            conn = context.wrap_socket(raw, server_side=True) if context else raw
        except (ssl.SSLError, OSError):
            raw.close()
            continue
        threading.Thread(target=_answer_forever, args=(conn,), daemon=True).start()


def _recv_response(sock: socket.socket, splitter: SipStreamSplitter) -> None:
    while True:
        data = sock.recv(65536)
        if not data:
            raise EOFError("server closed")
        if any(not chunk.is_keepalive for chunk in splitter.feed(data)):
            return


def _round_trips_ms(sock: socket.socket, count: int) -> list[float]:
    splitter = SipStreamSplitter()
    for _ in range(10):  # warm-up
        sock.sendall(REQUEST)
        _recv_response(sock, splitter)
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        sock.sendall(REQUEST)
        _recv_response(sock, splitter)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _tcp(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--handshakes", type=int, default=50)
    args = parser.parse_args()
    if args.messages < 100:
        parser.error("--messages must be at least 100 for a meaningful median")

    with tempfile.TemporaryDirectory() as folder:
        pki = make_test_pki(Path(folder))
        ready: multiprocessing.Queue[int] = multiprocessing.Queue()
        servers = []
        ports = {}
        for kind in ("tcp", "tls"):
            process = multiprocessing.Process(
                target=_serve, args=(kind, str(pki.server_cert_file), str(pki.server_key_file), ready), daemon=True
            )
            process.start()
            ports[kind] = ready.get(timeout=10)
            servers.append(process)

        try:
            client_context = ssl.create_default_context(cafile=str(pki.ca_file))
            client_context.minimum_version = ssl.TLSVersion.TLSv1_2

            with _tcp(ports["tcp"]) as direct:
                direct_ms = _round_trips_ms(direct, args.messages)
            with client_context.wrap_socket(_tcp(ports["tls"]), server_hostname=SERVER_NAME) as tls:
                direct_tls_ms = _round_trips_ms(tls, args.messages)
                tls_version, cipher = tls.version(), tls.cipher()[0]

            handshakes_ms = []
            for _ in range(args.handshakes):
                raw = _tcp(ports["tls"])
                start = time.perf_counter()
                with client_context.wrap_socket(raw, server_hostname=SERVER_NAME):
                    handshakes_ms.append((time.perf_counter() - start) * 1000)

            relay = TlsRelay(TlsTarget("127.0.0.1", ports["tls"], server_name=SERVER_NAME, ca_file=pki.ca_file))
            with relay:
                with _tcp(relay.port) as through_relay:
                    relay_ms = _round_trips_ms(through_relay, args.messages)
                first_answer_ms = []
                for _ in range(args.handshakes):
                    start = time.perf_counter()
                    with _tcp(relay.port) as fresh:
                        fresh.sendall(REQUEST)
                        _recv_response(fresh, SipStreamSplitter())
                        first_answer_ms.append((time.perf_counter() - start) * 1000)
        finally:
            for process in servers:
                process.terminate()
                process.join(5)

    direct_median = statistics.median(direct_ms)
    relay_median = statistics.median(relay_ms)
    print(
        json.dumps(
            {
                "benchmark": "tls_relay",
                "messages": args.messages,
                "direct_tcp_rtt_ms_median": round(direct_median, 4),
                "direct_tls_rtt_ms_median": round(statistics.median(direct_tls_ms), 4),
                "relay_rtt_ms_median": round(relay_median, 4),
                "relay_rtt_ms_p95": round(_percentile(relay_ms, 0.95), 4),
                "relay_added_ms_median": round(relay_median - direct_median, 4),
                "handshakes": args.handshakes,
                "tls_handshake_ms_median": round(statistics.median(handshakes_ms), 4),
                "relay_new_flow_first_answer_ms_median": round(statistics.median(first_answer_ms), 4),
                "tls_version": tls_version,
                "cipher": cipher,
                "openssl": ssl.OPENSSL_VERSION,
                "python": platform.python_version(),
                "cpus": multiprocessing.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
