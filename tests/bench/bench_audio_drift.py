"""Ring level over 10 simulated minutes at ±1000 ppm clock drift, for both rings of the headset path: ONE JSON object.

The two rings as ``HeadsetPath`` builds them (same cushions, ring sizes, block sizes, drift
controller), driven by the discrete-event clock model of ``tests/unit/audio/drift_simulation.py``
(no devices, no threads: the clocks are exact, delivery jitter is simulated):

- mic: the sound card delivers 10 ms blocks (with up to 5 ms scheduling jitter), the bridge reads 20 ms frames;
- speaker: the bridge writes 20 ms frames (up to 2 ms jitter), the sound card reads 10 ms blocks.

Figures per ring and drift: fill (ms) min/mean/max after a 5 s warm-up, the learned correction
(ppm, second half), underruns, overruns, re-primes, latency cuts. Runs in ~1 min.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "audio"))
from drift_simulation import SimulatedClock, simulate  # noqa: E402

from softphone.audio.drift_reader import DriftCompensatedReader  # noqa: E402
from softphone.audio.headset_path import HeadsetPathSettings  # noqa: E402
from softphone.audio.ring import SampleRing  # noqa: E402

SECONDS = 600.0
WARMUP = 5.0


def run(direction: str, drift_ppm: float) -> dict:
    settings = HeadsetPathSettings()
    rate = settings.stream.sample_rate
    device_block, frame = settings.stream.block_samples, 320
    producer, consumer, jitter = (device_block, frame, 0.005) if direction == "mic" else (frame, device_block, 0.002)
    cushion = settings.mic_cushion_ms if direction == "mic" else settings.speaker_cushion_ms
    clock = SimulatedClock()
    ring = SampleRing(settings.samples(settings.ring_ms))
    reader = DriftCompensatedReader(ring, rate, settings.samples(cushion), max_block=max(consumer, frame), clock=clock)
    ppm: list[float] = []

    class Logged:
        def read_into(self, out):
            real = reader.read_into(out)
            ppm.append(reader.controller.correction_ppm)
            return real

    result = simulate(ring, Logged(), rate=rate, drift_ppm=drift_ppm, seconds=SECONDS, producer_block=producer,
                      consumer_block=consumer, warmup_seconds=WARMUP, jitter_seconds=jitter, clock=clock)
    times = np.array(result.read_times)
    fills_ms = np.array(result.fills)[times > WARMUP] * 1000.0 / rate
    return {
        "target_ms": cushion,
        "fill_ms": {"min": round(float(fills_ms.min()), 1), "mean": round(float(fills_ms.mean()), 1),
                    "max": round(float(fills_ms.max()), 1)},
        "correction_ppm_second_half": round(float(np.mean(np.array(ppm)[times > SECONDS / 2])), 1),
        "silent_reads_after_warmup": result.silent_reads_after_warmup,
        "underruns": ring.underruns,
        "overruns": ring.overruns,
        "reprimes": reader.reprimes,
        "latency_cuts": reader.latency_cuts,
    }


def main() -> None:
    figures = {"simulated_seconds": SECONDS}
    for direction in ("mic", "speaker"):
        for drift in (1000.0, -1000.0):
            figures[f"{direction}_{int(drift):+d}ppm"] = run(direction, drift)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
