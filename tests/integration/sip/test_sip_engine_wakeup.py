"""The SIP thread wakes for work from other threads instead of waiting out its poll
(``softphone/sip/wakeup.py``), and the wake transport stays out of SIP.

The engines here poll with a 10 s fallback and no periodic timers, so anything that completes
within the 2-3 s the tests wait can only have been woken, never polled for."""

from __future__ import annotations

import logging
import socket
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from softphone.sip import EngineConfig, EngineStateChanged, SipEngine, TransportKind
from softphone.sip.wakeup import KEEP_ALIVE

from sip_harness import EventLog, start_engine

pytestmark = pytest.mark.integration

SLOW_POLL_MS = 10_000  # the fallback: far longer than any wait below
PROMPT_S = 2.0


def _slow_poll_engine(events: EventLog, **overrides):
    return start_engine(events, poll_ms=SLOW_POLL_MS, quality_interval_s=0, **overrides)


def test_commands_and_posts_from_other_threads_do_not_wait_for_the_poll():
    events = EventLog()
    engine = _slow_poll_engine(events)
    try:
        assert engine.wake_port is not None
        sip_thread = engine.submit(threading.current_thread).result(PROMPT_S)
        # One after the other, each submitted while the SIP thread sleeps in its poll.
        for number in range(20):
            assert engine.submit(lambda n=number: n * 2).result(PROMPT_S) == number * 2
        # From many threads at once (coalesced wake-ups must not lose one).
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(lambda n=n: engine.submit(lambda: n).result(PROMPT_S)) for n in range(60)]
            assert sorted(f.result(PROMPT_S * 2) for f in futures) == list(range(60))
        ran_on: list[threading.Thread] = []
        done = threading.Event()
        engine.post(lambda: (ran_on.append(threading.current_thread()), done.set()))
        assert done.wait(PROMPT_S)
        assert ran_on == [sip_thread]
    finally:
        engine.stop(timeout=PROMPT_S * 2)
    # stop() woke the poll too: shut down and said so within the wait.
    assert isinstance(events.history[-1], EngineStateChanged) and not events.history[-1].running


def test_engine_timers_fire_on_time_with_a_long_poll_fallback():
    events = EventLog()
    engine = _slow_poll_engine(events)
    fired = threading.Event()
    try:
        # Scheduled on the SIP thread, where nothing wakes the poll: the poll's timeout must
        # come from the timer itself.
        engine.submit(lambda: engine.call_later(0.3, fired.set)).result(PROMPT_S)
        assert fired.wait(PROMPT_S + 1)
        cancelled, behind_it = threading.Event(), threading.Event()

        def schedule_two() -> None:
            engine.cancel_timer(engine.call_later(0.1, cancelled.set))
            engine.call_later(0.2, behind_it.set)

        engine.submit(schedule_two).result(PROMPT_S)
        assert behind_it.wait(PROMPT_S + 1)
        assert not cancelled.is_set()
    finally:
        engine.stop()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_keep_alives_on_the_wake_port_are_silent_no_ops():
    records = _Records()
    pjsua_log = logging.getLogger("softphone.sip.pjsua")
    saved_level = pjsua_log.level
    pjsua_log.addHandler(records)
    pjsua_log.setLevel(logging.DEBUG)
    events = EventLog()
    # pjsua's most verbose level: if pjsip said anything about the datagrams, we would see it.
    engine = _slow_poll_engine(events, pjsua_log_level=6)
    try:
        engine.submit(lambda: None).result(PROMPT_S)
        before = len(records.messages)
        assert before > 0  # pjsua's start-up lines: the capture works
        history_before = len(events.history)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            for _ in range(200):
                udp.sendto(KEEP_ALIVE, ("127.0.0.1", engine.wake_port))
            for junk in (b"\r\n", b"\x00", b"OPTIONS sip:x SIP/2.0\r\n", b"x" * 32):
                udp.sendto(junk, ("127.0.0.1", engine.wake_port))
        for number in range(100):
            assert engine.submit(lambda n=number: n).result(PROMPT_S) == number
        assert engine.submit(lambda: len(engine.calls)).result(PROMPT_S) == 0
        new_events = events.history[history_before:]
        assert new_events == []  # no IncomingCall, CallStateChanged, EngineError...
        assert records.messages[before:] == []
    finally:
        engine.stop()
        pjsua_log.removeHandler(records)
        pjsua_log.setLevel(saved_level)


def _options_without_rport(target_port: int, reply_port: int) -> bytes:
    # No ``rport``: pjsip answers statelessly through whichever UDP transport it picks by
    # default (pjsip_get_response_addr leaves the transport unset), i.e. the first one made.
    tag = uuid.uuid4().hex[:10]
    return (
        f"OPTIONS sip:probe@127.0.0.1:{target_port} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:{reply_port};branch=z9hG4bK{tag}\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:tester@127.0.0.1>;tag={tag}\r\n"
        f"To: <sip:probe@127.0.0.1:{target_port}>\r\n"
        f"Call-ID: {tag}@127.0.0.1\r\n"
        "CSeq: 1 OPTIONS\r\n"
        "Content-Length: 0\r\n\r\n"
    ).encode()


def test_the_wake_transport_is_loopback_only_and_never_the_default_for_sip():
    events = EventLog()
    # The app's default bind address: all interfaces.
    engine = SipEngine(EngineConfig(poll_ms=SLOW_POLL_MS, quality_interval_s=0))
    engine.subscribe(events)
    engine.start()
    try:
        udp_port = engine.submit(lambda: engine.local_port(TransportKind.UDP)).result(PROMPT_S)

        def bound_addresses() -> list[str]:
            ep = engine.endpoint
            return [str(ep.transportGetInfo(tid).localAddress) for tid in ep.transportEnum()]

        addresses = engine.submit(bound_addresses).result(PROMPT_S)
        assert f"127.0.0.1:{engine.wake_port}" in addresses
        assert engine.wake_port != udp_port
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            udp.settimeout(PROMPT_S)
            udp.sendto(_options_without_rport(udp_port, udp.getsockname()[1]), ("127.0.0.1", udp_port))
            response, source = udp.recvfrom(65535)
        assert response.startswith(b"SIP/2.0 ")
        assert source[1] == udp_port  # answered from the engine's own transport, not the wake one
    finally:
        engine.stop()
