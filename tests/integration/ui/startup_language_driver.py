"""Runs the real ``softphone --demo`` in this process and reports which main window was shown first
and which one start-up ended with, and in which language (child process of test_app_startup.py).

The first window is built before the settings are validated, in the language the settings files
hint at; when the validated settings disagree it is built again (issue 5)."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from softphone.app import run_app
from tests.support.app_driving import main_window, wait_until

seen: dict[str, object] = {}
windows: list[object] = []


def first() -> None:
    window = main_window()  # built before the event loop started
    windows.append(window)
    seen["first_answer_text"] = window.answer_button.text()
    seen["first_starting"] = window.starting


def shown_main_window():
    # Not app_driving.main_window(): the replaced window stays a (hidden) top-level widget until its
    # deleteLater is processed, which this nested event loop may not do, and top-level widgets come
    # in no particular order.
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible())


def ready() -> None:
    try:
        if not wait_until(lambda: not shown_main_window().starting, 60.0):
            raise TimeoutError("the shown main window did not finish starting")
        window = shown_main_window()
        seen["ready_answer_text"] = window.answer_button.text()
        seen["same_window"] = window is windows[0]
        seen["main_windows_visible"] = sum(
            1 for w in QApplication.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible()
        )
    except Exception as error:  # noqa: BLE001
        seen["error"] = repr(error)
    finally:
        print(json.dumps(seen), flush=True)
        QApplication.instance().quit()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(0, first)
    QTimer.singleShot(0, ready)
    sys.exit(run_app(force_demo=True))
