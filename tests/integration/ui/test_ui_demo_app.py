"""``softphone --demo`` end to end in its own process: the demo switchboard's patient calls, the
screen-pop finds them, the agent answers (F5), hangs up (F8) and picks a disposition."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_harness import SCREENSHOTS

from tests.conftest import REPO_ROOT

DRIVER = Path(__file__).with_name("demo_app_driver.py")


def test_demo_app_takes_a_call_end_to_end(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOFTPHONE_HOME=str(tmp_path / "home"),
               SOFTPHONE_SYSTEM_CONFIG=str(tmp_path / "none.toml"),
               PYTHONPATH=str(REPO_ROOT))  # the driver imports tests.support
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(SCREENSHOTS / "11-demo-in-call.png")],
        env=env, capture_output=True, text=True, timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    seen = json.loads(lines[-1])
    assert "error" not in seen, seen
    assert seen["registered"] and seen["ringing"] and seen["talking"] and seen["escalate_enabled"]
    assert seen["patient_state_ringing"] and seen["patient_name"]
    assert seen["wrap_up"] and seen["available_again"] and seen["history"] == 1
    assert done.returncode == 0, done.stderr[-2000:]
