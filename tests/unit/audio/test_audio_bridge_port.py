"""HeadsetBridgePort against a real pjsua2 conference bridge on the null device (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

SCENARIOS = Path(__file__).with_name("bridge_port_scenarios.py")
RATE = 16000


def run_scenario(*args: str) -> dict:
    completed = subprocess.run(
        [sys.executable, str(SCENARIOS), *args], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, f"scenario crashed ({completed.returncode}):\n{completed.stderr[-3000:]}"
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, completed.stdout[-3000:]
    return json.loads(lines[-1][len("RESULT "):])


def dominant_frequency(samples: np.ndarray) -> float:
    windowed = samples.astype(np.float64) * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(windowed))
    return float(np.argmax(spectrum) * RATE / len(samples))


def test_fast_buffer_access_matches_the_swig_vector_layout() -> None:
    assert run_scenario("fast_buffer_check")["fast_buffer_access_works"] is True


@pytest.mark.parametrize("buffers", ["fast", "slow"])
def test_bridge_tone_reaches_the_speaker_ring(buffers: str) -> None:
    result = run_scenario("tone_to_speaker_ring", *(["--slow-buffers"] if buffers == "slow" else []))
    samples = np.array(result["samples"], dtype=np.int16)
    stats = result["stats"]
    assert stats["callback_errors"] == 0, stats["last_error"]
    assert stats["fast_buffers"] is (buffers == "fast")
    assert len(samples) >= RATE // 2  # at least half a second arrived
    audible = samples[np.abs(samples) > 0]
    assert len(audible) > RATE // 4
    assert dominant_frequency(samples[-8000:]) == pytest.approx(1000, abs=5)


@pytest.mark.parametrize("buffers", ["fast", "slow"])
def test_mic_ring_reaches_a_recorder_on_the_bridge(buffers: str, tmp_path: Path) -> None:
    wav_path = tmp_path / "bridge.wav"
    result = run_scenario("mic_ring_to_recorder", str(wav_path), *(["--slow-buffers"] if buffers == "slow" else []))
    assert result["stats"]["callback_errors"] == 0, result["stats"]["last_error"]
    assert result["stats"]["frames_requested"] > 25
    with wave.open(str(wav_path)) as wav:
        assert wav.getframerate() == RATE
        recorded = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    tail = recorded[-8000:]
    assert np.sqrt(np.mean(tail.astype(np.float64) ** 2)) > 1000  # not silence
    assert dominant_frequency(tail) == pytest.approx(700, abs=5)
