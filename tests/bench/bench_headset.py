"""Headset buttons benchmark; prints ONE JSON object.

    python tests/bench/bench_headset.py

The USB headset is the fake ``hid`` module of the tests (no /dev/uhid here), so these figures are
the softphone's own costs, not USB's (a real interrupt endpoint adds ~1-8 ms per report).

- show_us_*: cost of ``HeadsetMonitor.show`` on the caller (the GUI thread: every call change),
  headset open. It must be O(1) and never wait for the device.
- led_latency_ms_*: ``show`` -> the LED report written by the headset's I/O thread (bounded by
  the read timeout, ``READ_TIMEOUT_MS``).
- button_ms_*: an input report -> the request handed to the app (on the I/O thread).
- idle_cpu_pct: CPU % of one core the process spends with a headset open and nothing happening
  (the I/O thread wakes every READ_TIMEOUT_MS, the monitor every POLL_S), against the same
  process with no headset.
- enumerate_ms_*: one real ``hid.enumerate()`` (hidapi on this machine; what the monitor does
  every POLL_S on its own thread).
"""

from __future__ import annotations

import json
import queue
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from softphone.headset.hid_device import READ_TIMEOUT_MS  # noqa: E402
from softphone.headset.hid_telephony import CallPhase, HeadsetRequest  # noqa: E402
from softphone.headset.monitor import POLL_S, HeadsetButtonsState, HeadsetMonitor  # noqa: E402
from tests.support.fake_hid import FakeHeadset, FakeHid  # noqa: E402
from tests.support.hid_headsets import leds_with_ids, report_with_ids  # noqa: E402

SAMPLES = 200
IDLE_S = 5.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def started_monitor(hid: FakeHid, on_request) -> tuple[HeadsetMonitor, queue.Queue]:
    statuses: queue.Queue = queue.Queue()
    monitor = HeadsetMonitor(on_request, statuses.put, hid_module=hid)
    monitor.start()
    return monitor, statuses


def wait_status(statuses: queue.Queue, state: HeadsetButtonsState) -> None:
    while statuses.get(timeout=10).state is not state:
        pass


def bench_show_and_leds() -> dict[str, float]:
    hid = FakeHid(headset := FakeHeadset())
    requests: queue.Queue[tuple[HeadsetRequest, float]] = queue.Queue()
    monitor, statuses = started_monitor(hid, lambda request: requests.put((request, time.perf_counter())))
    wait_status(statuses, HeadsetButtonsState.CONNECTED)
    show_us, led_ms, button_ms = [], [], []
    try:
        headset.wait_last_written(leds_with_ids())
        for index in range(SAMPLES):
            muted = index % 2 == 0
            expected = leds_with_ids(off_hook=True, mute=muted)
            start = time.perf_counter()
            monitor.show(CallPhase.ACTIVE, muted)
            show_us.append((time.perf_counter() - start) * 1e6)
            headset.wait_last_written(expected)
            led_ms.append((time.perf_counter() - start) * 1e3)
        for _ in range(SAMPLES // 4):
            sent = time.perf_counter()
            headset.send(report_with_ids(hook=True, mute=True), report_with_ids(hook=True))
            request, received = requests.get(timeout=5)
            assert request is HeadsetRequest.TOGGLE_MUTE
            button_ms.append((received - sent) * 1e3)
    finally:
        monitor.stop()
    return {
        "show_us_median": round(statistics.median(show_us), 1),
        "show_us_p99": round(pct(show_us, 0.99), 1),
        "led_latency_ms_median": round(statistics.median(led_ms), 1),
        "led_latency_ms_p95": round(pct(led_ms, 0.95), 1),
        "led_latency_ms_max": round(max(led_ms), 1),
        "button_ms_median": round(statistics.median(button_ms), 2),
        "button_ms_p95": round(pct(button_ms, 0.95), 2),
    }


def process_cpu_pct(seconds: float) -> float:
    import os

    start_cpu, start = os.times(), time.perf_counter()
    time.sleep(seconds)
    end_cpu, end = os.times(), time.perf_counter()
    used = (end_cpu.user - start_cpu.user) + (end_cpu.system - start_cpu.system)
    return 100.0 * used / (end - start)


def bench_idle_cpu() -> dict[str, float]:
    baseline = process_cpu_pct(IDLE_S)
    hid = FakeHid(FakeHeadset())
    monitor, statuses = started_monitor(hid, lambda request: None)
    wait_status(statuses, HeadsetButtonsState.CONNECTED)
    try:
        with_headset = process_cpu_pct(IDLE_S)
    finally:
        monitor.stop()
    return {"idle_cpu_pct": round(max(0.0, with_headset - baseline), 3), "idle_cpu_pct_baseline": round(baseline, 3)}


def bench_enumerate() -> dict[str, float]:
    import hid

    times = []
    for _ in range(50):
        start = time.perf_counter()
        found = hid.enumerate()
        times.append((time.perf_counter() - start) * 1e3)
    return {"enumerate_ms_median": round(statistics.median(times), 2), "enumerate_ms_max": round(max(times), 2),
            "enumerate_devices": len(found)}


def main() -> None:
    figures: dict[str, object] = {"bench": "headset", "read_timeout_ms": READ_TIMEOUT_MS, "poll_s": POLL_S}
    figures.update(bench_show_and_leds())
    figures.update(bench_idle_cpu())
    figures.update(bench_enumerate())
    figures["threads_after_stop"] = [t.name for t in threading.enumerate() if t.name.startswith("hid-")]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
