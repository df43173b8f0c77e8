"""Waking the SIP thread out of ``libHandleEvents`` from another thread.

pjsua2 has no call for it: the SIP thread sleeps in pjsip's ``select()`` over the SIP
sockets until one is readable, a pjsip timer is due or the timeout passes, so a command
submitted from the GUI thread used to wait for the poll timeout (up to ``poll_ms``).

The mechanism: one more pjsip UDP transport, bound to 127.0.0.1 on a free port, is one of
the sockets that ``select()`` watches. ``Waker.wake`` sends it a CRLF keep-alive
("\\r\\n\\r\\n") from a plain Python socket and ``select()`` returns at once. pjsip drops any
UDP datagram of 32 bytes or less before parsing it, as too small to be SIP
(``udp_on_read_complete`` in sip_transport_udp.c, ``MIN_SIZE``), so a wake-up makes no log
line, no SIP message and no event, even at pjsua's most verbose log level (tested).

The transport never carries signalling:
- it is created after the engine's own UDP transport, and pjsip's lookup for a UDP request
  with no transport chosen (e.g. a stateless response) takes the first UDP transport
  registered (``pjsip_tpmgr_acquire_transport2``), i.e. still the engine's own;
- every account names its transport (``AccountConfig.sipConfig.transportId``, see
  ``SipAccount.build_pj_config``), so Via and Contact never show this one;
- it listens on loopback only, and a datagram long enough to be parsed as SIP would reach the
  same code as one sent to the engine's public UDP port: nothing an attacker could not already do.

Wake-ups are coalesced: one datagram per idle -> busy edge. The SIP thread ``rearm``s just
after ``libHandleEvents`` returns and *before* it drains its queues, so a command queued after
the drain always finds the waker armed and sends, and one queued before it is drained anyway.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading

import pjsua2 as pj

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
KEEP_ALIVE = b"\r\n\r\n"  # RFC 5626's CRLF ping: harmless should it ever be parsed


def create_wake_transport(endpoint: pj.Endpoint) -> tuple[int, int]:
    """SIP thread, after the engine's own UDP transport: (transport id, UDP port)."""
    config = pj.TransportConfig()
    config.port = 0
    config.boundAddress = LOOPBACK
    transport_id = int(endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, config))
    info = endpoint.transportGetInfo(transport_id)
    return transport_id, int(str(info.localAddress).rsplit(":", 1)[1])


class Waker:
    """Any thread may ``wake``; only the SIP thread ``rearm``s."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent = False  # a datagram is on its way and the SIP thread has not rearmed yet
        self._socket: socket.socket | None = None
        self.port: int | None = None

    def attach(self, port: int) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setblocking(False)  # a full buffer means a wake-up is already queued: never wait
        sock.connect((LOOPBACK, port))
        self._socket, self.port = sock, port

    def wake(self) -> None:
        with self._lock:
            if self._sent or self._socket is None:
                return
            self._sent = True
            try:
                self._socket.send(KEEP_ALIVE)
            except OSError as error:  # the poll timeout is still the fallback
                self._sent = False
                log.debug("SIP thread wake-up not sent: %s", type(error).__name__)

    def rearm(self) -> None:
        # No lock: a plain store; a racing ``wake`` either sent before (its command will be
        # drained now) or sends after (the next select returns at once).
        self._sent = False

    def close(self) -> None:
        with self._lock:
            sock, self._socket = self._socket, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()
