"""Supervision benchmark on loopback: prints ONE JSON object, asserts nothing.

Mode-switch latency, "request -> new routing audible": the embedded demo's supervisor (the demo
switchboard, its own process) supervises the agent's real engine (auto-routing off, the product's
``CallSceneOwner`` + ``SupervisedCallService``) while the agent talks with the demo patient. The
agent's ear is recorded for the whole run; the supervisor switches listen -> whisper (its 1800 Hz
tone must appear at the agent's ear) and whisper -> listen (it must disappear), >= 10 times each.
Each switch has its own recording of the agent's ear, started just before the request; latency =
the start of the first 20 ms frame where the tone is present (absent), minus the moment the switch
was requested (the app writing the request to the switchboard), so the resolution is one frame.
The request travels app -> switchboard -> in-dialog MESSAGE over UDP -> agent engine -> service ->
ApplyRoutes -> conference bridge -> recorder. ``request_to_routing_applied`` stops at the service
handing the new mode to the scene owner.

    .venv/bin/python tests/bench/bench_supervision.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FRAME_S = 0.02
PRESENT_DBFS = -35.0
ABSENT_DBFS = -50.0
SETTLE_S = 0.6


def frame_levels(path: Path, freq: int) -> list[float]:
    """dBFS of ``freq`` in each 20 ms frame (Goertzel, Hann window)."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        raw = wav.readframes(wav.getnframes())
    import array

    samples = array.array("h")
    samples.frombytes(raw)
    size = int(rate * FRAME_S)
    coefficient = 2.0 * math.cos(2.0 * math.pi * freq / rate)
    levels = []
    for start in range(0, len(samples) - size + 1, size):
        previous = before = 0.0
        for i in range(size):
            window = 0.5 - 0.5 * math.cos(2.0 * math.pi * i / (size - 1))
            previous, before = samples[start + i] / 32768.0 * window + coefficient * previous - before, previous
        power = previous * previous + before * before - coefficient * previous * before
        amplitude = math.sqrt(max(power, 0.0)) / (size / 4.0)
        levels.append(20.0 * math.log10(amplitude) if amplitude > 1e-6 else -120.0)
    return levels


def first_frame(levels: list[float], after_s: float, present: bool) -> float | None:
    start = int(after_s / FRAME_S)
    for index in range(start, len(levels)):
        if (levels[index] >= PRESENT_DBFS) if present else (levels[index] <= ABSENT_DBFS):
            return index * FRAME_S
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from softphone.demo.self_check import DemoCheckFailed, DemoSelfCheck
    from softphone.sip import AGENT_EAR, CreateRecorderPort, RemovePort
    from softphone.sip.routing import SupervisionMode
    from softphone.supervision.demo_check import SUPERVISOR_TONE, SupervisionDemoCheck

    with tempfile.TemporaryDirectory(prefix="bench-supervision-") as scratch:
        check = DemoSelfCheck(Path(scratch))
        supervision = None
        try:
            check.start()
            check.receive_patient_call()
            supervision = SupervisionDemoCheck(check, DemoCheckFailed)
            supervision.listen()
            audible: dict[str, list[float]] = {"whisper": [], "listen": []}
            to_service: list[float] = []
            applied: list[float] = []
            supervision.service.on_mode_applied(lambda _mode, at: applied.append(at))
            for run in range(args.runs):
                for mode in (SupervisionMode.WHISPER, SupervisionMode.LISTEN):
                    ear = Path(scratch) / f"agent-ear-{run}-{mode.value}.wav"
                    supervision._pump(lambda: False, "", timeout=SETTLE_S / 2, quiet=True)
                    check.engine.submit(CreateRecorderPort(AGENT_EAR, ear)).result(5)
                    recording_started = time.monotonic()
                    requested = time.monotonic()
                    check.switchboard.change_supervision_mode(supervision.supervisor_party_call, mode.value)
                    supervision._pump(lambda m=mode: supervision.service.session.mode is m, "switch", timeout=5)
                    to_service.append(round((applied[-1] - requested) * 1000, 1))
                    supervision._pump(lambda: False, "", timeout=SETTLE_S / 2, quiet=True)
                    check.engine.submit(RemovePort(AGENT_EAR)).result(5)
                    offset = requested - recording_started
                    heard = first_frame(frame_levels(ear, SUPERVISOR_TONE), offset, present=(mode is SupervisionMode.WHISPER))
                    if heard is not None:
                        audible[mode.value].append(max(0.0, round((heard - offset) * 1000, 1)))
        finally:
            if supervision is not None:
                supervision.close()
            check.close()

    def summary(values: list[float]) -> dict[str, float | int | None]:
        return {
            "runs": len(values),
            "median_ms": round(statistics.median(values), 1) if values else None,
            "p90_ms": round(sorted(values)[max(0, math.ceil(0.9 * len(values)) - 1)], 1) if values else None,
            "max_ms": max(values) if values else None,
        }

    print(json.dumps({
        "bench": "supervision_mode_switch",
        "listen_to_whisper_audible_at_agent": summary(audible["whisper"]),
        "whisper_to_listen_silent_at_agent": summary(audible["listen"]),
        "request_to_routing_applied": summary(to_service),
        "samples_ms": audible,
        "frame_ms": FRAME_S * 1000,
    }))


if __name__ == "__main__":
    main()
