"""A capture stream survives its sound server going away and coming back.

Runs against a private PulseAudio (its own SOFTPHONE_PULSE_DIR) so the shared test server is
never disturbed. ``argv[2]``: ``callback`` (a stream whose callbacks write the ring: PortAudio's
shape, here on libpulse) or ``driven`` (the headset path's libpulse stream that a thread standing
in for the bridge drains every 20 ms). Prints one ``RESULT {json}`` line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
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


def main(directory: Path, mode: str) -> dict:
    pulse("start", directory)
    os.environ["PULSE_SERVER"] = pulse("env", directory).split("=", 1)[1].strip()
    # Imported after PULSE_SERVER is set: PortAudio probes the server when it initialises.
    from softphone.audio.devices import DeviceChoice
    from softphone.audio.os_stream import MonitoredStream, StreamWatchdog
    from softphone.audio.ring import SampleRing

    from softphone.audio.headset_path import HeadsetPathSettings

    ring = SampleRing(16000)
    choice = DeviceChoice(pulse_endpoint="headset_mic")
    if mode == "driven":
        stream = MonitoredStream("capture", choice, settings=HeadsetPathSettings().pulse_mic, driven=True)
    else:
        stream = MonitoredStream("capture", choice, ring=ring)
    received = [0]
    stop = threading.Event()

    def bridge() -> None:  # the bridge's clock thread, for the driven stream
        while not stop.wait(0.02):
            current = stream.current
            if current is not None:
                received[0] += current.read_into_ring(ring)
                ring.discard(ring.fill)

    feeder = threading.Thread(target=bridge, daemon=True)
    if mode == "driven":
        feeder.start()
    # Samples that reached us: the ring's own count (callbacks) or the bridge's (driven).
    def samples() -> int:
        return received[0] if mode == "driven" else ring.fill + ring.dropped_samples + ring._read_index  # noqa: SLF001

    watchdog = StreamWatchdog([stream], stall_seconds=1.0, startup_grace_seconds=5.0, retry_seconds=0.5, interval_seconds=0.1)
    stream.start()
    watchdog.start()
    try:
        first_ok = wait_for(lambda: stream.health().callbacks > 20 and samples() > 16000, 15)
        before, before_samples = stream.health().callbacks, samples()
        pulse("stop", directory)
        died = wait_for(lambda: stream.reopens > 0 or not stream.is_open, 10)
        pulse("start", directory)
        revived = wait_for(
            lambda: stream.is_open and stream.health().callbacks > before + 20 and samples() > before_samples + 16000, 30
        )
    finally:
        stop.set()
        watchdog.stop()
        stream.close()
        pulse("stop", directory)
    health = stream.health()
    return {"mode": mode, "first_ok": first_ok, "died_noticed": died, "revived": revived, "samples": samples(),
            "health": health.__dict__}


if __name__ == "__main__":
    print("RESULT " + json.dumps(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "callback")))
