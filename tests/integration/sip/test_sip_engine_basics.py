"""Engine behaviour that needs pjsua2 but no SIP server."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from softphone.sip import (
    EngineNotRunning,
    EngineStateChanged,
    Hangup,
    SipEngine,
    UnknownCall,
)

from sip_harness import EventLog, start_engine

pytestmark = pytest.mark.integration


def test_commands_run_on_the_sip_thread_and_errors_come_back_through_futures():
    events = EventLog()
    engine = start_engine(events)
    try:
        caller = threading.current_thread()
        assert engine.submit(lambda: threading.current_thread() is not caller).result(5)
        with pytest.raises(UnknownCall):
            engine.submit(Hangup("call-404")).result(5)
        with pytest.raises(TypeError):
            engine.submit(object()).result(5)
    finally:
        engine.stop()
    assert isinstance(events.history[-1], EngineStateChanged) and not events.history[-1].running
    with pytest.raises(EngineNotRunning):
        engine.submit(lambda: None).result(1)


def test_a_failing_subscriber_does_not_stop_the_others():
    events = EventLog()
    engine = SipEngine()

    def broken(_event: object) -> None:
        raise RuntimeError("subscriber bug")

    engine.subscribe(broken)
    engine.subscribe(events)
    engine.start()
    try:
        events.wait_type(EngineStateChanged)
        assert engine.submit(lambda: 42).result(5) == 42
    finally:
        engine.stop()


def test_pjsua_never_writes_to_stdout():
    code = (
        "from softphone.sip import SipEngine, EngineConfig\n"
        "e = SipEngine(EngineConfig(pjsua_log_level=5)); e.start(); e.stop()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""


def test_exceptions_in_engine_callbacks_become_engine_error_events():
    from softphone.sip import EngineError

    events = EventLog()
    engine = start_engine(events)

    def broken() -> None:
        raise ValueError("bug in a callback")

    try:
        # Deferred work runs under the same guard as every pjsua2 callback.
        engine.submit(lambda: engine.defer(broken)).result(5)
        error = events.wait_type(EngineError)
        assert error.where == "deferred" and "bug in a callback" in error.message
        assert engine.submit(lambda: "still running").result(5) == "still running"
    finally:
        engine.stop()


def test_attached_external_port_is_released_before_libdestroy():
    # The audio layer creates its headset port on the SIP thread and hands it over.
    code = (
        "import pjsua2 as pj\n"
        "from softphone.sip import SipEngine, EngineConfig, AttachPort, AGENT_MIC\n"
        "e = SipEngine(EngineConfig()); e.start()\n"
        "def make():\n"
        "    tone = pj.ToneGenerator(); tone.createToneGenerator(16000, 1); return tone\n"
        "port = e.submit(make).result(5)\n"
        "e.submit(AttachPort(AGENT_MIC, port)).result(5)\n"
        "del port  # owned by the engine from now on\n"
        "assert e.submit(lambda: e.bridge.has_port(AGENT_MIC)).result(5)\n"
        "e.stop()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
