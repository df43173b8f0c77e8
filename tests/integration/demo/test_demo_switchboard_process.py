"""The switchboard child never outlives the app: clean stop, parent SIGKILLed, child crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from softphone.demo.controller import DemoSwitchboard, SwitchboardGone
from softphone.demo.events import SwitchboardExited, SwitchboardReady
from softphone.demo.self_check import EventWaiter

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]


def _gone(pid: int, within_s: float = 5.0) -> bool:
    """True once ``pid`` no longer runs (a zombie waiting for a reaper counts as gone)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_start_then_stop_exits_zero_and_leaves_no_process():
    events = EventWaiter()
    board = DemoSwitchboard()
    board.subscribe(events)
    endpoints = board.start()
    assert board.running and endpoints.udp_port > 0 and endpoints.tcp_port > 0
    assert events.wait(SwitchboardReady).pid == board.pid
    pid = board.pid
    assert board.stop() == 0
    assert _gone(pid)
    exited = events.wait(SwitchboardExited)
    assert exited.expected and exited.returncode == 0
    assert board.stop() == 0  # idempotent


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_switchboard_exits_when_the_app_is_killed(tmp_path):
    app = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from softphone.demo.controller import DemoSwitchboard
            board = DemoSwitchboard()
            board.start()
            print(board.pid, flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        child = int(app.stdout.readline())
        assert not _gone(child, within_s=0.2)
        app.send_signal(signal.SIGKILL)  # no atexit, no stop(): only the kernel closing the pipe
        app.wait(5)
        assert _gone(child), "the switchboard outlived the SIGKILLed app"
    finally:
        if app.poll() is None:
            app.kill()


def test_a_crashed_switchboard_is_reported_and_fails_requests():
    events = EventWaiter()
    board = DemoSwitchboard()
    board.subscribe(events)
    board.start()
    os.kill(board.pid, signal.SIGKILL)
    exited = events.wait(SwitchboardExited)
    assert exited.expected is False and exited.returncode == -signal.SIGKILL
    assert not board.running
    with pytest.raises(SwitchboardGone):
        board.place_patient_call("chest-pain").result(5)
    board.stop()


def test_a_refused_request_fails_its_future_only(switchboard):
    from softphone.demo.controller import SwitchboardRequestFailed

    with pytest.raises(SwitchboardRequestFailed, match="no agent address"):
        switchboard.place_patient_call("chest-pain").result(5)
    with pytest.raises(SwitchboardRequestFailed, match="unknown demo caller"):
        switchboard.place_patient_call("nobody").result(5)
    assert switchboard.running
