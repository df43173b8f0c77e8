"""Echo cancellation on the real headset path: ONE JSON object.

A private PulseAudio server with the test headset plus an "acoustic echo": ``module-loopback``
from the headset speaker's monitor into the headset mic feed (the sound server's own latency is
the echo path, ~100+ ms). On a pjsua2 bridge (null device): speech (the demo's recorded voices)
is sent to the ``HeadsetBridgePort`` (the far end), and what the port delivers from the mic is
recorded (what the far end would hear back: its own echo). Run with the canceller off and on
(and on + noise suppression); figures: echo level (dBFS) over the last 8 s and the reduction.

Run: ``.venv/bin/python tests/bench/bench_audio_echo.py`` (~50 s; needs pulseaudio, pactl, sox).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
PULSE_SCRIPT = REPO / "scripts" / "services" / "pulseaudio.sh"
VOICES = REPO / "resources" / "demo" / "voices"
SECONDS = 14.0
MEASURE_S = 8.0


def pulse(command: str, directory: Path) -> str:
    env = dict(os.environ, SOFTPHONE_PULSE_DIR=str(directory))
    return subprocess.run([str(PULSE_SCRIPT), command], env=env, check=True, capture_output=True, text=True).stdout


def level_dbfs(path: Path) -> float:
    with wave.open(str(path)) as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64) / 32768
    tail = samples[-int(MEASURE_S * 16000):]
    return round(float(10 * np.log10(np.mean(tail**2) + 1e-12)), 1)


def variant(work: Path, name: str, echo_cancellation: bool, noise_suppression: bool) -> dict:
    """One process per variant: pjsua2 allows one endpoint per process."""
    code = f"""
import json, sys, time
sys.path.insert(0, {str(REPO)!r})
import pjsua2 as pj
from softphone.audio.device_catalog import DeviceCatalog
from softphone.audio.service import AudioPreferences, HeadsetAudio
ep = pj.Endpoint(); ep.libCreate(); cfg = pj.EpConfig(); cfg.uaConfig.threadCnt = 0
cfg.logConfig.level = cfg.logConfig.consoleLevel = 1; cfg.medConfig.sndAutoCloseTime = -1
ep.libInit(cfg); ep.audDevManager().setNullDev(); ep.libStart()
audio = HeadsetAudio(AudioPreferences(microphone="headset_mic", speaker="headset_speaker",
    echo_cancellation={echo_cancellation}, noise_suppression={noise_suppression}), lambda e: None, tone_parties=False, watch_pulse=False)
audio.start()
class Engine:
    ports = {{}}
    def submit(self, action):
        from concurrent.futures import Future
        f = Future(); f.set_result(action()); return f
    def attach_port(self, party, port, owned): self.ports[party] = port
    def reroute(self): pass
engine = Engine()
audio.attach(engine).result()
port = engine.ports["agent_mic"]
player = pj.AudioMediaPlayer(); player.createPlayer({str(work / 'far.wav')!r}, 0)
recorder = pj.AudioMediaRecorder(); recorder.createRecorder({str(work / (name + '.wav'))!r})
player.startTransmit(port); port.startTransmit(recorder)
end = time.monotonic() + {SECONDS}
while time.monotonic() < end: ep.libHandleEvents(10)
player.stopTransmit(port); port.stopTransmit(recorder)
errors = port.echo.errors if port.echo is not None else None
del player, recorder
engine.ports.clear(); del port
audio.stop()
import gc; gc.collect(); ep.libDestroy()
print("RESULT " + json.dumps({{"echo_errors": errors}}))
"""
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if completed.returncode != 0:
        return {"error": completed.stderr[-500:]}
    outcome = json.loads([x for x in completed.stdout.splitlines() if x.startswith("RESULT ")][-1][7:])
    outcome["echo_dbfs"] = level_dbfs(work / f"{name}.wav")
    return outcome


def main() -> dict:
    with tempfile.TemporaryDirectory(dir="/tmp") as directory:
        work = Path(directory)
        pulse_dir = work / "pa"
        pulse("start", pulse_dir)
        os.environ["PULSE_SERVER"] = pulse("env", pulse_dir).split("=", 1)[1].strip()
        try:
            subprocess.run(["pactl", "load-module", "module-loopback", "source=headset_speaker.monitor",
                            "sink=headset_mic_feed", "latency_msec=60"], check=True, capture_output=True)
            voices = [str(VOICES / n) for n in ("caller-chest-pain-1.wav", "caller-dizzy-1.wav", "nurse-follow-up.wav",
                                                "caller-family-1.wav", "caller-unknown-1.wav")]
            subprocess.run(["sox", *voices, "-r", "16000", "-c", "1", "-b", "16", str(work / "far.wav")], check=True)
            figures: dict = {"seconds": SECONDS, "measured_last_s": MEASURE_S}
            for name, aec, ns in (("off", False, False), ("aec", True, False), ("aec_ns", True, True)):
                figures[name] = variant(work, name, aec, ns)
            off = figures["off"].get("echo_dbfs")
            for name in ("aec", "aec_ns"):
                if off is not None and "echo_dbfs" in figures[name]:
                    figures[name]["reduction_db"] = round(off - figures[name]["echo_dbfs"], 1)
            time.sleep(0.1)
        finally:
            pulse("stop", pulse_dir)
    return figures


if __name__ == "__main__":
    print(json.dumps(main()))
