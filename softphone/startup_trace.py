"""Start-up milestones for the start-up benchmark (tests/bench/bench_startup.py, issue 5). No Qt here.

With ``SOFTPHONE_STARTUP_TRACE=1`` every ``mark(step)`` prints ``SOFTPHONE_STARTUP_STEP <step> <unix
time> <process CPU seconds>`` on stdout, so the benchmark (which knows when it spawned the process)
can say where the time goes. Without it ``mark`` costs one boolean test. Lines are printed, not
logged: logging is set up late in start-up (with the profile), and the first steps happen before.

``SOFTPHONE_EXIT_AFTER_SHOW=1`` quits once the main window has painted its first frame (printing
``SOFTPHONE_WINDOW_SHOWN <unix time> <process CPU seconds>``); ``=ready`` quits once everything has
started (``SOFTPHONE_READY``, the same two numbers).
"""

from __future__ import annotations

import os
import sys
import time

TRACE_ENV = "SOFTPHONE_STARTUP_TRACE"
EXIT_AFTER_SHOW_ENV = "SOFTPHONE_EXIT_AFTER_SHOW"
STEP_MARKER = "SOFTPHONE_STARTUP_STEP"
WINDOW_SHOWN_MARKER = "SOFTPHONE_WINDOW_SHOWN"
READY_MARKER = "SOFTPHONE_READY"
GUI_STALL_MARKER = "SOFTPHONE_STARTUP_GUI_STALL_MS"

_enabled = bool(os.environ.get(TRACE_ENV))


def enabled() -> bool:
    return _enabled


def mark(step: str) -> None:
    if _enabled:
        emit(f"{STEP_MARKER} {step} {time.time():.6f} {time.process_time():.6f}")


def exit_after() -> str:
    """"" (run normally), "show" (quit after the first frame) or "ready" (quit once started)."""
    value = os.environ.get(EXIT_AFTER_SHOW_ENV, "")
    if not value:
        return ""
    return "ready" if value == "ready" else "show"


def emit(line: str) -> None:
    # A windowed build (PyInstaller, Windows) has no stdout: nothing to print to.
    if sys.stdout is not None:
        print(line, file=sys.stdout, flush=True)
