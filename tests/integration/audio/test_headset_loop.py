"""Audio through the real OS path: PulseAudio fake headset <-> OS streams <-> pjsua2 bridge.

Both OS sides run: ``auto`` (libpulse queues moved by the bridge's clock thread, what the app uses
on Linux) and ``portaudio`` (PortAudio callbacks and rings, what Windows and macOS use).

Needs the private PulseAudio server:
    scripts/services/pulseaudio.sh start && eval "$(scripts/services/pulseaudio.sh env)"
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.integration

SCENARIO = Path(__file__).with_name("headset_loop_scenario.py")
RATE = 16000


def band_energy_share(samples: np.ndarray, frequency: float, width: float = 30.0) -> float:
    """Fraction of the signal's energy within ``width`` Hz of ``frequency``."""
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(len(samples)))) ** 2
    frequencies = np.fft.rfftfreq(len(samples), 1 / RATE)
    band = np.abs(frequencies - frequency) <= width
    return float(spectrum[band].sum() / max(spectrum.sum(), 1e-12))


def dominant_frequency(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * RATE / len(samples))


@pytest.fixture(scope="module", params=["auto", "portaudio"])
def headset_loop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    if not os.environ.get("PULSE_SERVER"):
        pytest.skip('PULSE_SERVER is unset: run scripts/services/pulseaudio.sh start and eval "$(scripts/services/pulseaudio.sh env)"')
    for tool in ("sox", "paplay", "parec"):
        assert shutil.which(tool), f"{tool} is missing (apt-get install sox pulseaudio-utils)"
    work = tmp_path_factory.mktemp(f"headset_loop_{request.param}")
    completed = subprocess.run(
        [sys.executable, str(SCENARIO), str(work), request.param], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, f"scenario failed ({completed.returncode}):\n{completed.stderr[-4000:]}"
    line = [x for x in completed.stdout.splitlines() if x.startswith("RESULT ")][-1]
    result = json.loads(line[len("RESULT "):])
    # On this Linux box with libpulse, "auto" must really take the bridge-driven libpulse path.
    assert result["driven"] == ({"mic": True, "speaker": True} if request.param == "auto" else {"mic": False, "speaker": False})
    return result, work


def test_mic_feed_tone_reaches_the_bridge(headset_loop: tuple[dict, Path]) -> None:
    result, work = headset_loop
    assert result["port"]["callback_errors"] == 0, result["port"]["last_error"]
    with wave.open(str(work / "bridge_heard.wav")) as wav:
        heard = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    # PulseAudio may take ~2 s to start an idle source; judge the last 1.5 s.
    tail = heard[-RATE * 3 // 2 :]
    assert np.sqrt(np.mean(tail.astype(np.float64) ** 2)) > 1000, f"bridge heard silence; {result}"
    assert dominant_frequency(tail) == pytest.approx(900, abs=5)
    assert band_energy_share(tail, 900) > 0.9
    assert band_energy_share(tail, 1200) < 0.01  # the bridge tone did not leak into the mic path


def test_bridge_tone_reaches_the_headset_speaker(headset_loop: tuple[dict, Path]) -> None:
    result, work = headset_loop
    played = np.frombuffer((work / "speaker_monitor.raw").read_bytes(), dtype=np.int16)
    tail = played[-RATE * 3 // 2 :]
    assert len(tail) == RATE * 3 // 2, f"speaker monitor recorded only {len(played)} samples"
    assert np.sqrt(np.mean(tail.astype(np.float64) ** 2)) > 1000, f"speaker got silence; {result}"
    # ±5 Hz: while settling, the drift controller may shift pitch by up to 2000 ppm (2.4 Hz).
    assert dominant_frequency(tail) == pytest.approx(1200, abs=5)
    assert band_energy_share(tail, 1200) > 0.9
    assert band_energy_share(tail, 900) < 0.01


def test_streams_stayed_healthy(headset_loop: tuple[dict, Path]) -> None:
    result, _ = headset_loop
    if result["driven"]["mic"]:
        # No device callbacks: the server's timing answers (polled by the watchdog, 4 a second)
        # are the streams' sign of life, and the bridge moved every frame itself.
        assert result["capture"]["callbacks"] >= 10 and result["playback"]["callbacks"] >= 10
        assert result["port"]["frames_requested"] > 200 and result["port"]["frames_received"] > 200
    else:
        assert result["capture"]["callbacks"] > 100 and result["playback"]["callbacks"] > 100
    assert result["capture"]["reopens"] == 0 and result["playback"]["reopens"] == 0
