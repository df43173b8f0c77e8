"""Runs ``softphone --demo`` in this process and drives it like an agent: a demo patient calls, the
agent answers with F5, hangs up with F8, picks a disposition. Prints one JSON line of what it saw.
Used by test_ui_demo_app.py (a child process: the app owns its QApplication and event loop)."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from softphone.app import run_app
from tests.support.app_driving import ready_main_window, wait_until

seen: dict[str, object] = {}
steps = []


def window():
    return ready_main_window()


def wait(predicate, timeout_s=15.0) -> bool:
    return wait_until(predicate, timeout_s)


def script() -> None:
    try:
        w = window()
        seen["registered"] = wait(lambda: "Demo switchboard on" in w.registration_label.text())
        from softphone.ui.demo_menu import DemoMenu

        menu = w.findChild(DemoMenu, "demo_menu")
        menu.actions()[0].trigger()  # "chest-pain" calls
        seen["ringing"] = wait(lambda: w.answer_button.isEnabled())
        seen["caller"] = w.caller_label.text()
        seen["patient_state_ringing"] = wait(lambda: w.patient_view.state == "found", 10)
        seen["patient_name"] = w.patient_view.name_label.text()
        QTest.keyClick(w, Qt.Key.Key_F5)
        seen["talking"] = wait(lambda: w.call_state_label.text() == "In call")
        seen["escalate_enabled"] = w.escalate_button.isEnabled()
        if len(sys.argv) > 1:
            w.grab().save(sys.argv[1])
        QTest.keyClick(w, Qt.Key.Key_F8)
        seen["wrap_up"] = wait(lambda: w.wrap_up_frame.isVisible())
        w.disposition_combo.setCurrentIndex(1)
        w.disposition_button.click()
        seen["available_again"] = wait(lambda: w.agent_state_label.text() == "Available")
        seen["history"] = w.history_list.count()
    except Exception as error:  # noqa: BLE001
        seen["error"] = repr(error)
    finally:
        print(json.dumps(seen), flush=True)
        QApplication.instance().quit()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(300, script)
    sys.exit(run_app(force_demo=True))
