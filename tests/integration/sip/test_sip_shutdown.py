from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ENGINE_PROCESS = Path(__file__).with_name("engine_process.py")


def _read_until(proc: subprocess.Popen, key: str) -> dict:
    assert proc.stdout is not None
    for raw in proc.stdout:
        message = json.loads(raw)  # stdout must carry only our JSON: no pjsua lines
        if key in message:
            return message
    raise AssertionError(f"engine process ended before {key!r}")


@pytest.mark.parametrize("mode", ["stop", "exit"])
def test_process_exits_cleanly_with_calls_up(kamailio, peer_factory, mode, tmp_path):
    patient = peer_factory("patient", 1000)
    patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    stderr = open(tmp_path / "engine.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, str(ENGINE_PROCESS), kamailio.udp_address, kamailio.domain, mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
    )
    try:
        _read_until(proc, "registered")
        first = patient.request("call", uri=f"sip:agent2@{kamailio.domain}")
        _read_until(proc, "confirmed")
        second = patient.request("call", uri=f"sip:agent2@{kamailio.domain}")
        _read_until(proc, "confirmed")
        patient.wait_call_state(first, "CONFIRMED")
        patient.wait_call_state(second, "CONFIRMED")

        proc.stdin.write(b"quit\n")
        proc.stdin.flush()
        _read_until(proc, "exiting")
        assert proc.wait(timeout=15) == 0, (tmp_path / "engine.log").read_text()
        # Both calls were hung up properly (BYE), not left to time out.
        patient.wait_call_state(first, "DISCONNECTED", timeout=5)
        patient.wait_call_state(second, "DISCONNECTED", timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
        stderr.close()
