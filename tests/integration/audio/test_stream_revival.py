"""The watchdog revives a capture stream whose PulseAudio server died and came back, and audio flows again.

Both stream shapes: callbacks (PortAudio's, and the ringer's on libpulse) and driven by the bridge
(the headset path on libpulse, whose liveness is the server's timing answers, not callbacks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SCENARIO = Path(__file__).with_name("stream_revival_scenario.py")


@pytest.mark.parametrize("mode", ["callback", "driven"])
def test_capture_stream_is_reopened_after_the_sound_server_restarts(tmp_path: Path, mode: str) -> None:
    if not os.environ.get("PULSE_SERVER"):
        pytest.skip('PULSE_SERVER is unset: run scripts/services/pulseaudio.sh start and eval "$(scripts/services/pulseaudio.sh env)"')
    assert shutil.which("pulseaudio"), "pulseaudio is missing (apt-get install pulseaudio pulseaudio-utils)"
    # The private socket path must fit in sun_path (108 bytes); pytest's tmp_path does.
    completed = subprocess.run(
        [sys.executable, str(SCENARIO), str(tmp_path / "pa"), mode], capture_output=True, text=True, timeout=180
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    result = json.loads([x for x in completed.stdout.splitlines() if x.startswith("RESULT ")][-1][7:])
    assert result["first_ok"], result
    assert result["died_noticed"], result
    assert result["revived"], result
    assert result["health"]["reopens"] >= 1
