"""Start-up time: ``softphone --demo`` process start to main window shown, beside a minimal PySide6
window in the same run (goal: the softphone within 1.5x of the bare window).

The app prints ``SOFTPHONE_WINDOW_SHOWN`` right after the first show when SOFTPHONE_EXIT_AFTER_SHOW
is set, then quits; the baseline script does the same with one empty QMainWindow. Both run in a
scratch profile, offscreen unless QT_QPA_PLATFORM says otherwise. Prints ONE JSON object.

    .venv/bin/python tests/bench/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = "SOFTPHONE_WINDOW_SHOWN"
BASELINE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 700)
window.show()
QTimer.singleShot(0, lambda: (print("{MARKER}", flush=True), app.quit()))
sys.exit(app.exec())
"""


def time_to_marker(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the marker, seconds to process exit)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    shown = None
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(MARKER):
            shown = time.perf_counter() - started
    process.wait(60)
    if shown is None:
        raise RuntimeError(f"{command[:3]} never showed its window (exit {process.returncode})")
    return shown, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app_times, app_exit, base_times = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        env = dict(os.environ, SOFTPHONE_HOME=str(Path(scratch) / "home"),
                   SOFTPHONE_SYSTEM_CONFIG=str(Path(scratch) / "none.toml"), SOFTPHONE_EXIT_AFTER_SHOW="1")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        softphone = [sys.executable, "-m", "softphone", "--demo"]
        baseline = [sys.executable, "-c", BASELINE]
        time_to_marker(baseline, env)  # warm the OS file cache for both
        time_to_marker(softphone, env)
        for _ in range(args.runs):
            base_times.append(time_to_marker(baseline, env)[0])
            shown, exited = time_to_marker(softphone, env)
            app_times.append(shown)
            app_exit.append(exited)
    app_median, base_median = statistics.median(app_times), statistics.median(base_times)
    print(json.dumps({
        "bench": "startup",
        "runs": args.runs,
        "softphone_demo_to_window_shown_ms": {"median": round(app_median * 1000, 1), "min": round(min(app_times) * 1000, 1),
                                              "max": round(max(app_times) * 1000, 1)},
        "minimal_pyside6_window_shown_ms": {"median": round(base_median * 1000, 1), "min": round(min(base_times) * 1000, 1),
                                            "max": round(max(base_times) * 1000, 1)},
        "ratio_median": round(app_median / base_median, 2),
        "goal_ratio": 1.5,
        "softphone_process_exit_ms_median": round(statistics.median(app_exit) * 1000, 1),
        "qpa": env["QT_QPA_PLATFORM"],
        "platform": platform.platform(),
        "python": platform.python_version(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
