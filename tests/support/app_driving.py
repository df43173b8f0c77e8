"""Driving the real app from inside its own process (child-process drivers of the UI tests).

The app owns its QApplication and event loop, so a driver cannot use qtbot: it polls the window
while processing events itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget


def main_window() -> QWidget:
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")


def wait_until(predicate: Callable[[], object], timeout_s: float) -> bool:
    """Process events until ``predicate()`` is true (True) or the time is up (False)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QApplication.processEvents()
        try:
            if predicate():
                return True
        except StopIteration:  # the window is not there yet
            pass
        time.sleep(0.01)
    return False


def ready_main_window(timeout_s: float = 60.0) -> QWidget:
    """The main window once start-up has wired it: the app shows it first, in its "Starting…" state,
    and wires the services after the settings, keyring and database are open (issue 5)."""
    if not wait_until(lambda: not main_window().starting, timeout_s):
        raise TimeoutError("the main window did not finish starting")
    return main_window()

