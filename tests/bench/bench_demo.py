"""Demo switchboard benchmark on loopback: prints ONE JSON object, asserts nothing.

Figures (milliseconds; medians over ``--runs``, min and max beside them):
  switchboard_start          DemoSwitchboard.start() until the child's SIP ports are open
  patient_call_to_ringing    place_patient_call() -> IncomingCall at the agent's SipEngine
  escalate_to_clinician_audio  MakeCall(on-call nurse) -> the nurse's tone first heard at the
                             agent (nurse rings for ``--ring-s``, then answers: ring included)
  switchboard_stop           stop() until the child has exited (exit code 0)

    .venv/bin/python tests/bench/bench_demo.py [--runs 5] [--ring-s 0.0]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from softphone.demo.cast import ON_CALL_NURSE  # noqa: E402
from softphone.demo.controller import DemoSwitchboard  # noqa: E402
from softphone.demo.protocol import Voice  # noqa: E402
from softphone.demo.self_check import EventWaiter  # noqa: E402
from softphone.demo.tone_meter import measure_wav  # noqa: E402

NURSE_TONE = 1400
PROBE_S = 0.1  # the agent's ear is sampled in windows this long until the nurse is heard


def _summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000.0 for s in samples]
    return {"median": round(statistics.median(ms), 1), "min": round(min(ms), 1), "max": round(max(ms), 1)}


def _first_heard(engine, path_dir: Path, timeout_s: float = 5.0) -> float:
    """Seconds until the nurse's tone shows up in the agent's ear (short recordings in a row)."""
    from softphone.sip import AGENT_EAR, CreateRecorderPort, RemovePort

    started = time.perf_counter()
    index = 0
    while time.perf_counter() - started < timeout_s:
        index += 1
        path = path_dir / f"probe-{index}.wav"
        engine.submit(CreateRecorderPort(AGENT_EAR, path)).result(5)
        time.sleep(PROBE_S)
        engine.submit(RemovePort(AGENT_EAR)).result(5)
        if measure_wav(path, (NURSE_TONE,), skip_s=0.0).tone_present(NURSE_TONE):
            return time.perf_counter() - started
    raise TimeoutError("the nurse was never heard")


def run_once(ring_s: float, workdir: Path) -> dict[str, float]:
    from softphone.sip import Answer, CallState, CallStateChanged, EngineConfig, Hangup, IncomingCall, MakeCall, SipEngine

    figures: dict[str, float] = {}
    started = time.perf_counter()
    board = DemoSwitchboard(clinician_ring_s=ring_s)
    endpoints = board.start()
    figures["switchboard_start"] = time.perf_counter() - started
    events = EventWaiter()
    engine = SipEngine(endpoints.engine_config(EngineConfig(quality_interval_s=0)))
    engine.subscribe(events)
    engine.start()
    try:
        account = board.attach_agent(engine).result(5)
        board.set_staff_voice(ON_CALL_NURSE.user, Voice.tone(NURSE_TONE)).result(5)
        started = time.perf_counter()
        board.place_patient_call("chest-pain", Voice.tone(1000)).result(5)
        incoming = events.wait(IncomingCall)
        figures["patient_call_to_ringing"] = time.perf_counter() - started
        engine.submit(Answer(incoming.call_id)).result(5)
        events.wait(CallStateChanged, lambda e: e.call_id == incoming.call_id and e.state is CallState.CONFIRMED)
        engine.submit(Hangup(incoming.call_id)).result(5)  # the escalation is timed on its own
        started = time.perf_counter()
        nurse = engine.submit(MakeCall(account, endpoints.on_call_nurse_uri)).result(5)
        dial_s = time.perf_counter() - started
        figures["escalate_to_clinician_audio"] = dial_s + _first_heard(engine, workdir)
        engine.submit(Hangup(nurse)).result(5)
        board.detach_agent(engine, account).result(5)
    finally:
        engine.stop()
        started = time.perf_counter()
        code = board.stop()
        figures["switchboard_stop"] = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"switchboard exit code {code}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ring-s", type=float, default=0.0, help="how long the nurse lets it ring")
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            workdir = Path(scratch) / f"run-{run}"
            workdir.mkdir()
            for name, value in run_once(args.ring_s, workdir).items():
                samples.setdefault(name, []).append(value)
    result = {"bench": "demo", "runs": args.runs, "clinician_ring_s": args.ring_s,
              "probe_resolution_ms": PROBE_S * 1000, "ms": {name: _summary(v) for name, v in samples.items()}}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
