"""SIP over modern TLS for pjsua2, on Linux and Windows: a loopback TCP-to-TLS relay.

Why this exists
---------------
The pjsua2-python wheel has TLS only on Linux, through a bundled OpenSSL 1.0.2k (end of life,
TLS 1.2 at most), and none at all on Windows. Python's own ``ssl`` module has a current
OpenSSL on both. So pjsua2 speaks plain SIP over TCP to this relay on 127.0.0.1, and the
relay speaks TLS 1.2/1.3 with certificate and host name checks to the real server::

    pjsua2 --TCP (loopback)--> TlsRelay --TLS 1.2+/1.3--> SIP server (e.g. sip.example.org:5061)

Each TCP connection that pjsua2 opens gets exactly one TLS connection (a *flow*), kept for
as long as pjsua2 keeps its side: the server sends requests for us (incoming INVITEs, BYEs,
NOTIFYs) back down the connection our REGISTER came up on, as RFC 5626 and RFC 5923 expect
of a client that cannot be reached directly. The relay never opens connections towards
pjsua2, it never multiplexes two flows onto one connection, and it closes one side as soon
as the other side closes, so pjsua2 sees a server disconnect as its own transport failing
(and re-registers).

What the relay changes in the SIP messages (the full list and the reasons: ``relay_rewrite``):
pjsua2 believes it is on TCP and the server must see a TLS client, so the transport in our
top Via and our Contact is translated in each direction; and the relay record-routes itself
into dialogs (and strips itself again on the way out), because pjsip would otherwise send
ACK/BYE straight to the server's ``transport=tls`` Record-Route, around the relay. Bodies
(SDP) are never touched.

How the engine uses it (exact settings and why: ``tls_account_settings``)
------------------------------------------------------------------------
(``account_relays`` does all of this for every ``TransportKind.TLS`` account.)

1. ``relay = TlsRelay(TlsTarget("sip.example.org", 5061, ca_file=...), on_event=...,
   flow_token=secrets.token_urlsafe(16))``; ``relay.start()`` (returns the loopback port).
2. On the SIP thread: ``transport_id = create_relay_transport(endpoint)`` (TCP, 127.0.0.1),
   then for the account ``apply_relay_signalling(cfg, proxy_uri=relay.proxy_uri,
   domain="sip.example.org", transport_id=transport_id)`` (proxy
   ``sip:127.0.0.1:PORT;transport=tcp;lr;relay-token=...``, registrar
   ``sip:sip.example.org``, ``contactRewriteUse=2``) and ``apply_mandatory_sdes(cfg.mediaConfig)``.
3. With ``flow_token`` (the engine always sets one): a flow is only carried to the server if
   its first request presents the token (in the Route to the relay, see ``relay_rewrite``);
   anything else that connects to the loopback port gets ``TlsFlowRejected`` and a closed
   socket, and nothing reaches the server.
4. ``TlsFlowRefused`` events carry a ``TlsRelayError``: ``error.user_message`` ("TLS refused:
   bad certificate") is for the agent, ``str(error)`` for the support log. pjsua2 meanwhile
   sees its TCP connection closed and reports the REGISTER as failed (503, PJ_EEOF).

Threading: the relay runs its own asyncio loop on its own thread and never calls pjsua2.
``start``/``stop`` may be called from any thread; ``on_event`` is called on the relay thread
and must only hand the event on (put it in a queue, emit a queued Qt signal).

Nothing here logs SIP content: messages carry patient phone numbers and names (PHI).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import queue
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from softphone.sip.relay_rewrite import FLOW_TOKEN_PARAM, FlowRewriter
from softphone.sip.sip_framing import SipChunk, SipFramingError, SipStreamSplitter
from softphone.sip.tls_relay_events import (
    RelayEvent,
    RelayListening,
    RelayStopped,
    TlsFailure,
    TlsFlowClosed,
    TlsFlowRefused,
    TlsFlowRejected,
    TlsFlowUp,
    TlsRelayError,
    error_from_exception,
)

_log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
_READ_SIZE = 64 * 1024
_CLOSE_GRACE_S = 0.2
# pjsua2 writes its first request as soon as its connection is up; a client that sends
# nothing for this long is not pjsua2.
_FIRST_REQUEST_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class TlsTarget:
    """The SIP server to reach over TLS.

    ``host`` is what we connect to; ``server_name`` (default: ``host``) is what the
    certificate must be issued for and what we send as SNI. They differ only when the
    address was looked up separately (DNS SRV, a test server on 127.0.0.1).
    """

    host: str
    port: int = 5061
    server_name: str | None = None
    ca_file: Path | None = None  # trust this CA bundle instead of the OS trust store
    minimum_version: ssl.TLSVersion = ssl.TLSVersion.TLSv1_2
    connect_timeout_s: float = 10.0
    # Mutual TLS, for servers that admit only enrolled workstations. The key file must not be
    # password protected (it lives in the OS-protected profile, like the keyring's data).
    client_cert_file: Path | None = None
    client_key_file: Path | None = None

    @property
    def verified_name(self) -> str:
        return self.server_name or self.host

    def ssl_context(self) -> ssl.SSLContext:
        # create_default_context: CERT_REQUIRED, check_hostname, the OS trust store (or our CA
        # file), and OpenSSL's current secure cipher list. We only raise the version floor:
        # TLS 1.0/1.1 are deprecated (RFC 8996).
        context = ssl.create_default_context(
            ssl.Purpose.SERVER_AUTH, cafile=str(self.ca_file) if self.ca_file else None
        )
        context.minimum_version = max(self.minimum_version, ssl.TLSVersion.TLSv1_2)
        if self.client_cert_file is not None:
            context.load_cert_chain(self.client_cert_file, self.client_key_file)
        return context


class TlsRelay:
    """A loopback TCP listener whose every connection is carried over its own TLS connection."""

    def __init__(
        self,
        target: TlsTarget,
        on_event: Callable[[RelayEvent], None] | None = None,
        *,
        rewrite_sip: bool = True,
        flow_token: str | None = None,
    ) -> None:
        if flow_token is not None and not rewrite_sip:
            raise ValueError("the flow token is checked in SIP messages: it needs rewrite_sip")
        self._target = target
        self._context = target.ssl_context()
        self._rewrite_sip = rewrite_sip
        self._flow_token = flow_token
        self._events: queue.SimpleQueue[RelayEvent] = queue.SimpleQueue()
        self._on_event = on_event or self._events.put
        self._flow_ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._flows: set[asyncio.Task[None]] = set()
        self._port = 0
        self._started = threading.Event()
        self._start_error: BaseException | None = None

    # -- public API (any thread) -------------------------------------------------------------

    @property
    def target(self) -> TlsTarget:
        return self._target

    @property
    def port(self) -> int:
        """The loopback TCP port pjsua2 must connect to (0 before ``start``)."""
        return self._port

    @property
    def proxy_uri(self) -> str:
        """The pjsua2 account proxy that sends every request through this relay.

        ``lr`` makes it a loose router. Without a flow token, ``hide`` makes pjsip use it only
        to pick the next hop and leave it out of the Route header. With one, the Route header
        is how the token reaches the relay, which then removes the entry: either way the
        server never sees a loopback address it could try to route to.
        """
        if self._flow_token is not None:
            return f"sip:{LOOPBACK}:{self._port};transport=tcp;lr;{FLOW_TOKEN_PARAM}={self._flow_token}"
        return f"sip:{LOOPBACK}:{self._port};transport=tcp;lr;hide"

    @property
    def events(self) -> queue.SimpleQueue[RelayEvent]:
        """Events, when no ``on_event`` callback was given."""
        return self._events

    def start(self, timeout_s: float = 5.0) -> int:
        if self._thread is not None:
            raise RuntimeError("relay already started")
        self._thread = threading.Thread(target=self._run, name="tls-relay", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout_s):
            raise TimeoutError("TLS relay did not start listening")
        if self._start_error is not None:
            raise self._start_error
        return self._port

    def stop(self, timeout_s: float = 5.0) -> None:
        """Close the listener and every flow; idempotent."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._shutdown()))
        thread.join(timeout_s)
        self._thread = None

    def __enter__(self) -> TlsRelay:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- relay thread ------------------------------------------------------------------------

    def _emit(self, event: RelayEvent) -> None:
        try:
            self._on_event(event)
        except Exception:  # a broken subscriber must not kill the relay
            _log.exception("TLS relay event handler failed")

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._listen())
        except BaseException as exc:  # report to start(), which re-raises on its thread
            self._start_error = exc
            self._started.set()
            loop.close()
            return
        self._started.set()
        try:
            loop.run_forever()
        finally:
            loop.close()
            self._emit(RelayStopped())

    async def _listen(self) -> None:
        # Loopback only: whatever connects here gets a TLS tunnel to the SIP server, so the
        # LAN must not be able to reach it. Port 0: the OS picks a free one.
        self._server = await asyncio.start_server(self._serve_flow, host=LOOPBACK, port=0)
        self._port = self._server.sockets[0].getsockname()[1]
        self._emit(RelayListening(self._port))

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        # Every task, not only self._flows: a connection accepted just now has a task that
        # has not run yet (so is not in _flows); left pending, it would be destroyed with
        # the loop ("Task was destroyed but it is pending").
        current = asyncio.current_task()
        tasks = [task for task in asyncio.all_tasks() if task is not current]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        assert self._loop is not None
        self._loop.stop()

    async def _serve_flow(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._flows.add(task)
        flow_id = next(self._flow_ids)
        try:
            await self._relay_flow(flow_id, client_reader, client_writer)
        except asyncio.CancelledError:
            self._emit(TlsFlowClosed(flow_id, closed_by="relay"))
        finally:
            self._flows.discard(task)
            await _close(client_writer)

    async def _relay_flow(
        self,
        flow_id: int,
        client_reader: asyncio.StreamReader,
        client_writer: asyncio.StreamWriter,
    ) -> None:
        target = self._target
        rewriter = (
            FlowRewriter(relay_port=self._port, flow_token=self._flow_token) if self._rewrite_sip else None
        )
        splitter = SipStreamSplitter() if rewriter else None
        first_chunks: list[SipChunk] = []
        if self._flow_token is not None and rewriter is not None and splitter is not None:
            # Before any connection to the server: a flow that is not ours gets nothing.
            try:
                first_chunks = await asyncio.wait_for(
                    _read_first_request(client_reader, splitter), _FIRST_REQUEST_TIMEOUT_S
                )
            except (OSError, TimeoutError, SipFramingError) as exc:
                self._emit(TlsFlowRejected(flow_id, f"no SIP request: {type(exc).__name__}"))
                return
            if not first_chunks or not rewriter.presents_flow_token(first_request(first_chunks)):
                self._emit(TlsFlowRejected(flow_id, "first request without the relay's flow token"))
                return
        # pjsua2 has usually written its first request already; it waits (in the socket
        # buffer, or in first_chunks) until the TLS connection is up, which is what we want:
        # nothing is sent until the server's certificate has been checked.
        try:
            server_reader, server_writer = await asyncio.wait_for(
                asyncio.open_connection(
                    target.host,
                    target.port,
                    ssl=self._context,
                    server_hostname=target.verified_name,
                    ssl_handshake_timeout=target.connect_timeout_s,
                ),
                timeout=target.connect_timeout_s,
            )
        except (OSError, TimeoutError, ssl.SSLError) as exc:
            self._emit(TlsFlowRefused(flow_id, error_from_exception(exc, target.verified_name)))
            return

        tls = server_writer.get_extra_info("ssl_object")
        self._emit(
            TlsFlowUp(
                flow_id,
                server_name=target.verified_name,
                tls_version=tls.version() if tls else "",
                cipher=tls.cipher()[0] if tls else "",
            )
        )
        to_server = asyncio.ensure_future(
            _pump(
                client_reader, server_writer, rewriter.to_server if rewriter else None,
                splitter=splitter, pending=first_chunks,
            )
        )
        to_client = asyncio.ensure_future(
            _pump(server_reader, client_writer, rewriter.to_client if rewriter else None)
        )
        try:
            done, _ = await asyncio.wait({to_server, to_client}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pump in (to_server, to_client):
                pump.cancel()
            await asyncio.gather(to_server, to_client, return_exceptions=True)
            await _close(server_writer)

        finished = done.pop()
        error = finished.exception() if not finished.cancelled() else None
        closed_by = "client" if finished is to_server else "server"
        relay_error = None
        if error is not None:
            closed_by = "relay"
            relay_error = (
                TlsRelayError(TlsFailure.CONNECTION_LOST, target.verified_name, str(error))
                if isinstance(error, SipFramingError)
                else error_from_exception(error, target.verified_name)
            )
        self._emit(TlsFlowClosed(flow_id, closed_by=closed_by, error=relay_error))


async def _read_first_request(
    reader: asyncio.StreamReader, splitter: SipStreamSplitter
) -> list[SipChunk]:
    """Read until the first whole SIP message; returns every whole chunk read so far, in
    order (keep-alives before it, the message, whatever came with it). [] on EOF."""
    chunks: list[SipChunk] = []
    while not any(not chunk.is_keepalive for chunk in chunks):
        data = await reader.read(_READ_SIZE)
        if not data:
            return []
        chunks.extend(splitter.feed(data))
    return chunks


def first_request(chunks: list[SipChunk]) -> bytes:
    return next(chunk.data for chunk in chunks if not chunk.is_keepalive)


async def _pump(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    rewrite: Callable[[bytes], bytes] | None,
    *,
    splitter: SipStreamSplitter | None = None,
    pending: list[SipChunk] | None = None,
) -> None:
    """Copy one direction until EOF. With a rewriter, whole SIP messages are copied (each one
    rewritten); without, bytes go through as they come. ``pending``: chunks already read
    (the first request, checked for the flow token) to send first."""
    if rewrite is not None and splitter is None:
        splitter = SipStreamSplitter()

    def rewritten(chunks: list[SipChunk]) -> bytes:
        assert rewrite is not None
        return b"".join(chunk.data if chunk.is_keepalive else rewrite(chunk.data) for chunk in chunks)

    data = rewritten(pending) if pending and rewrite is not None else b""
    while True:
        if data:
            writer.write(data)
            await writer.drain()
        data = await reader.read(_READ_SIZE)
        if not data:
            return
        if splitter is not None and rewrite is not None:
            data = rewritten(splitter.feed(data))


async def _close(writer: asyncio.StreamWriter) -> None:
    if not writer.is_closing():
        writer.close()  # for TLS this sends close_notify at once
    # Waiting for the peer's close_notify is a courtesy; a peer that vanished or never answers
    # must not hold up the flow (or ``stop``), so give it a moment and then drop the socket.
    try:
        await asyncio.wait_for(asyncio.shield(writer.wait_closed()), timeout=_CLOSE_GRACE_S)
    except (TimeoutError, OSError, ssl.SSLError):
        writer.transport.abort()
