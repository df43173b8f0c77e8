"""The optional echo canceller (pjmedia's, through ctypes) removes a synthetic echo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIO = Path(__file__).with_name("echo_scenario.py")


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows pjsua2 build exports no echo canceller")
def test_echo_canceller_removes_a_delayed_echo() -> None:
    completed = subprocess.run([sys.executable, str(SCENARIO)], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads([x for x in completed.stdout.splitlines() if x.startswith("RESULT ")][-1][7:])
    assert result["available"] is True
    for variant in ("aec", "ns"):
        assert result[variant]["errors"] == 0
        assert result[variant]["erle_db"] > 15, result  # measured ~32 dB
