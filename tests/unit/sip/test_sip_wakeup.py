"""The SIP thread's wake-up sender, against a real loopback UDP socket standing where pjsip's
wake transport listens (the engine-level behaviour is in tests/integration/sip/test_sip_engine_wakeup.py)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from softphone.sip.wakeup import KEEP_ALIVE, Waker


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(2.0)
    yield sock
    sock.close()


def _pending(sock: socket.socket) -> list[bytes]:
    """Every datagram already queued on ``sock`` (the kernel delivers loopback at once)."""
    received = []
    sock.setblocking(False)
    try:
        while True:
            received.append(sock.recv(64))
    except BlockingIOError:
        pass
    finally:
        sock.settimeout(2.0)
    return received


def test_one_keep_alive_per_idle_to_busy_edge(listener: socket.socket) -> None:
    waker = Waker()
    waker.attach(listener.getsockname()[1])
    try:
        for _ in range(50):
            waker.wake()
        assert listener.recv(64) == KEEP_ALIVE  # small enough for pjsip to drop unparsed
        assert _pending(listener) == []  # the other 49 were coalesced
        waker.rearm()  # the SIP thread is about to drain its queues
        waker.wake()
        waker.wake()
        assert listener.recv(64) == KEEP_ALIVE
        assert _pending(listener) == []
    finally:
        waker.close()


def test_concurrent_wakes_send_exactly_one_datagram(listener: socket.socket) -> None:
    waker = Waker()
    waker.attach(listener.getsockname()[1])
    start = threading.Barrier(8)

    def hammer() -> None:
        start.wait()
        for _ in range(200):
            waker.wake()

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert listener.recv(64) == KEEP_ALIVE
        assert _pending(listener) == []
    finally:
        waker.close()


def test_a_waker_without_a_transport_or_closed_does_nothing(listener: socket.socket) -> None:
    unattached = Waker()
    unattached.wake()  # the engine could not create its transport: polling only
    assert unattached.port is None
    waker = Waker()
    waker.attach(listener.getsockname()[1])
    waker.close()
    waker.rearm()
    waker.wake()
    assert _pending(listener) == []
