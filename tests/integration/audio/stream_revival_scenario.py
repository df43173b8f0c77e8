"""A capture stream survives its sound server going away and coming back.

Runs against a private PulseAudio (its own SOFTPHONE_PULSE_DIR) so the shared test server is
never disturbed. Prints one ``RESULT {json}`` line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

PULSE_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "services" / "pulseaudio.sh"


def pulse(command: str, directory: Path) -> str:
    env = dict(os.environ, SOFTPHONE_PULSE_DIR=str(directory))
    return subprocess.run([str(PULSE_SCRIPT), command], env=env, check=True, capture_output=True, text=True).stdout


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def main(directory: Path) -> dict:
    pulse("start", directory)
    os.environ["PULSE_SERVER"] = pulse("env", directory).split("=", 1)[1].strip()
    # Imported after PULSE_SERVER is set: PortAudio probes the server when it initialises.
    from softphone.audio.devices import DeviceChoice
    from softphone.audio.os_stream import MonitoredStream, StreamWatchdog
    from softphone.audio.ring import SampleRing

    ring = SampleRing(16000)
    stream = MonitoredStream("capture", DeviceChoice(pulse_endpoint="headset_mic"), ring=ring)
    watchdog = StreamWatchdog([stream], stall_seconds=1.0, startup_grace_seconds=5.0, retry_seconds=0.5, interval_seconds=0.1)
    stream.start()
    watchdog.start()
    try:
        first_ok = wait_for(lambda: stream.callbacks > 20, 15)
        before = stream.callbacks
        pulse("stop", directory)
        died = wait_for(lambda: stream.reopens > 0 or not stream.is_open, 10)
        pulse("start", directory)
        revived = wait_for(lambda: stream.is_open and stream.callbacks > before + 20, 30)
    finally:
        watchdog.stop()
        stream.close()
        pulse("stop", directory)
    health = stream.health()
    return {"first_ok": first_ok, "died_noticed": died, "revived": revived, "health": health.__dict__}


if __name__ == "__main__":
    print("RESULT " + json.dumps(main(Path(sys.argv[1]))))
