"""Start-up time: ``softphone --demo`` process start to main window shown, beside a minimal PySide6
window in the same run (goal, issue 5: the softphone within 1.5x of the bare window).

What is run: the installed ``softphone`` console script next to this Python (``python -m
softphone`` when there is none), ``--demo``, in a scratch HOME/XDG profile (so the per-user folders
are found the way a real agent's are), and ``python -c`` of one empty QMainWindow. "Shown" is the
same for both: the window's first paint event has been delivered (an event filter, then a zero-delay
timer so the frame is out); each process prints the Unix time of that moment and the time is
taken from the spawn. Each run is one of each (bare window, softphone "shown", softphone "ready"),
after warm-up runs (OS file cache, bytecode); medians over the runs. Both run with compiled bytecode, as an installed app does: the children write
their .pyc files to a scratch PYTHONPYCACHEPREFIX during the warm-up (this machine's environment
may set PYTHONDONTWRITEBYTECODE, which would make every run compile every module it imports).

Three figures per run of the softphone:

- shown: ``SOFTPHONE_EXIT_AFTER_SHOW=1`` quits at the first frame (the goal's figure), untraced;
- ready: ``SOFTPHONE_EXIT_AFTER_SHOW=ready`` quits once start-up is over (settings, keyring,
  database, demo switchboard and SIP account up), with the start-up steps' times
  (``SOFTPHONE_STARTUP_TRACE=1``: where the time goes) and how long the GUI thread was ever
  blocked between the first frame and ready (a 5 ms timer's lateness);
- the first run in a fresh profile (creates the database and its key) is reported on its own.

Offscreen unless QT_QPA_PLATFORM says otherwise. Prints ONE JSON object.

    scripts/with-test-services.sh .venv/bin/python tests/bench/bench_startup.py [--runs 11]
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
SHOWN = "SOFTPHONE_WINDOW_SHOWN"
READY = "SOFTPHONE_READY"
STEP = "SOFTPHONE_STARTUP_STEP"
STALL = "SOFTPHONE_STARTUP_GUI_STALL_MS"
BASELINE = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 700)
def shown():
    print("{SHOWN}", f"{{time.time():.6f}} {{time.process_time():.6f}}", flush=True)
    app.quit()
class FirstFrame(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False
first_frame = FirstFrame()
window.installEventFilter(first_frame)
window.show()
sys.exit(app.exec())
"""


def softphone_command() -> list[str]:
    script = Path(sys.executable).with_name("softphone.exe" if os.name == "nt" else "softphone")
    return [str(script), "--demo"] if script.exists() else [sys.executable, "-m", "softphone", "--demo"]


def run_once(command: list[str], env: dict[str, str], marker: str) -> dict:
    """Spawns ``command``; the ms from the spawn to ``marker`` and to each start-up step."""
    started = time.time()
    process = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)
    result: dict = {"steps": {}, "stall": None, "at": None, "cpu": None}
    for line in process.stdout.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == marker:
            result["at"] = (float(parts[1]) - started) * 1000
            result["cpu"] = float(parts[2]) * 1000  # the process's CPU time (all threads) by then
        elif parts[0] == STEP:
            result["steps"][parts[1]] = (float(parts[2]) - started) * 1000
        elif parts[0] == STALL:
            fields = dict(part.split("=", 1) for part in parts[1:4])
            result["stall"] = {"max_ms": float(fields["max"]), "over_50ms": int(fields["over_50ms"])}
    if process.returncode != 0 or result["at"] is None:
        raise RuntimeError(f"{command[:3]} exit {process.returncode}, no {marker}: {process.stderr[-2000:]}")
    return result


def summary(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 1), "min": round(min(values), 1), "max": round(max(values), 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    softphone = softphone_command()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        home = Path(scratch) / "home"
        env = {key: value for key, value in os.environ.items()
               if not key.startswith("SOFTPHONE_") and key != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
            XDG_STATE_HOME=str(home / ".local/state"), XDG_CACHE_HOME=str(home / ".cache"),
            SOFTPHONE_SYSTEM_CONFIG=str(Path(scratch) / "no-system-settings.toml"),
            PYTHONPYCACHEPREFIX=str(Path(scratch) / "pycache"),
        )
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        baseline = [sys.executable, "-c", BASELINE]
        shown_env = dict(env, SOFTPHONE_EXIT_AFTER_SHOW="1")  # no trace: the app as agents run it
        ready_env = dict(env, SOFTPHONE_EXIT_AFTER_SHOW="ready", SOFTPHONE_STARTUP_TRACE="1")

        run_once(baseline, env, SHOWN)  # warm-up: the OS file cache and the bytecode for both
        first_run = run_once(softphone, ready_env, READY)  # fresh profile: database and key created
        run_once(softphone, shown_env, SHOWN)
        base, shown, ready = [], [], []
        for _ in range(args.runs):
            base.append(run_once(baseline, env, SHOWN))
            shown.append(run_once(softphone, shown_env, SHOWN))
            ready.append(run_once(softphone, ready_env, READY))

    base_median = statistics.median(run["at"] for run in base)
    shown_median = statistics.median(run["at"] for run in shown)
    # Where the time goes: each step's median time from the spawn, in the "ready" runs (the whole
    # start-up; their steps up to the first frame are the same as the "shown" runs').
    steps = {name: round(statistics.median(run["steps"][name] for run in ready), 1) for name in ready[0]["steps"]}
    stalls = [run["stall"] for run in ready if run["stall"]]
    print(json.dumps({
        "bench": "startup",
        "runs": args.runs,
        "command": " ".join([Path(softphone[0]).name, *softphone[1:]]),
        "softphone_demo_to_window_shown_ms": summary([run["at"] for run in shown]),
        "minimal_pyside6_window_shown_ms": summary([run["at"] for run in base]),
        "ratio_median": round(shown_median / base_median, 2),
        "goal_ratio": 1.5,
        # CPU time each process had used by its first frame: what load on a shared machine does not
        # change (wall times above include waiting for a CPU).
        "cpu_ms_to_window_shown_median": {
            "softphone": round(statistics.median(run["cpu"] for run in shown), 1),
            "minimal_pyside6_window": round(statistics.median(run["cpu"] for run in base), 1),
            "ratio": round(statistics.median(run["cpu"] for run in shown)
                           / statistics.median(run["cpu"] for run in base), 2),
        },
        "softphone_demo_to_ready_ms": summary([run["at"] for run in ready]),
        "first_run_fresh_profile_ready_ms": round(first_run["at"], 1),
        "steps_ms_from_spawn_median": dict(sorted(steps.items(), key=lambda item: item[1])),
        "gui_stall_first_frame_to_ready_ms": {
            "max": max((stall["max_ms"] for stall in stalls), default=None),
            "median_of_run_max": round(statistics.median(stall["max_ms"] for stall in stalls), 1) if stalls else None,
            "stalls_over_50ms_median": statistics.median(stall["over_50ms"] for stall in stalls) if stalls else None,
        },
        "qpa": env["QT_QPA_PLATFORM"],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
