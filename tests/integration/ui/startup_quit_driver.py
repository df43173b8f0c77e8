"""Runs the real ``softphone --demo`` in this process and quits it while it is still starting:
``sys.argv[1]`` "storage": as soon as the status bar says the keyring and database are opening;
"telephony": as soon as the services are wired (the SIP engine and the demo switchboard are then
starting on their thread); "wiring": between two of the wiring's phases (the escalation panel wired,
the auto-lock not yet), before telephony is started. Prints
one JSON line: what the status bar said, run_app's exit code, and this process's children left
(the switchboard must not outlive the app). Child process of test_app_startup.py."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from softphone.app import run_app
from tests.support.app_driving import main_window

STATUS = {"storage": "Starting: opening secure storage…", "telephony": "Starting: connecting the phone…"}
seen: dict[str, object] = {}


def watch() -> None:
    try:
        window = main_window()
    except StopIteration:
        window = None
    text = window.registration_label.text() if window is not None else ""
    wired = [name for name in ("escalation_presenter", "lock_controller", "supervision") if hasattr(window, name)]
    if (sys.argv[1] == "storage" and text == STATUS["storage"]) or (
        sys.argv[1] == "telephony" and window is not None and not window.starting
    ) or (sys.argv[1] == "wiring" and wired):
        seen["status_when_quitting"] = text
        seen["wired_when_quitting"] = wired
        seen["starting_when_quitting"] = window.starting
        QApplication.instance().quit()
    else:
        QTimer.singleShot(1, watch)


def children() -> list[int]:
    """Live (not zombie) processes whose parent is this one (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(0, watch)
    seen["exit_code"] = run_app(force_demo=True)
    seen["children_left"] = children()
    print(json.dumps(seen), flush=True)
