"""Runs the real ``softphone --demo`` app in this process and escalates a demo call like an agent:
answer (F5), type a red flag in the notes, Escalate (F9), Enter in the picker, the demo's on-call
staff answer; then hang up (F8), wrap up. Prints one JSON line of what it saw on screen and in the
app's own database. Child process of test_escalation_app.py (the app owns its QApplication)."""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from softphone.app import run_app
from tests.support.app_driving import main_window, wait_until

seen: dict[str, object] = {}


def wait(predicate, timeout_s=20.0) -> bool:
    return wait_until(predicate, timeout_s)


def ready_window():
    # The window may show before the features are wired into it (start-up does that next).
    wait(lambda: hasattr(main_window(), "lock_controller") and hasattr(main_window(), "escalation_presenter"), 30)
    w = main_window()
    lock = w.lock_controller
    # The demo offers to skip choosing an unlock passphrase (synthetic data only).
    if wait(lambda: lock.screen.mode == "setup" or lock.armed or w.side_stack.currentIndex() == 0, 10):
        if lock.screen.mode == "setup":
            lock.screen.skip_button.click()
    seen["registered"] = wait(lambda: "Demo switchboard on" in w.registration_label.text(), 30)
    return w


def escalate_a_demo_call() -> None:
    w = ready_window()
    # Imported only now: the app's start-up thread imports the storage stack (alembic) meanwhile,
    # and two threads importing the same modules at once can see them half-initialised.
    from softphone.escalation.repository import load_escalation
    from softphone.notes import get_call_note
    from softphone.ui.demo_menu import DemoMenu
    from softphone.ui.notes_controller import NotesController

    w.findChild(DemoMenu, "demo_menu").actions()[0].trigger()  # the "chest-pain" caller
    seen["ringing"] = wait(lambda: w.answer_button.isEnabled())
    seen["patient_found"] = wait(lambda: w.patient_view.state == "found", 15)
    QTest.keyClick(w, Qt.Key.Key_F5)
    seen["talking"] = wait(lambda: w.call_state_label.text() == "In call")
    seen["note_open"] = wait(lambda: w.notes_panel.mode == "call")
    notes = w.notes_panel.findChild(NotesController)
    call_id = notes.call_id
    caller = w.caller_label.text()

    QTest.keyClicks(w.notes_edit, os.environ.get("ESCALATION_DRIVER_NOTE", "Crushing chest pain since this morning"))
    seen["red_flag_shown"] = wait(lambda: w.escalate_reason_label.isVisible(), 5)
    presenter = w.escalation_presenter
    panel, service = presenter.panel, presenter.service
    QTest.keyClick(w, Qt.Key.Key_F9)
    seen["picker_reason"] = panel.selected_reason if panel.pages.currentWidget() is panel.picker_page else None
    if os.environ.get("ESCALATION_DRIVER_PICKER_ONLY"):
        return
    QTest.keyClick(panel.reason_list, Qt.Key.Key_Return)
    seen["joined"] = wait(lambda: service.current is not None and service.current.phase.value == "conferenced", 30)
    escalation = service.current
    if escalation is None:
        seen["ended_as"] = service.last.phase.value if service.last else None
        return
    seen["time_to_clinician_s"] = escalation.time_to_clinician_s
    seen["attempts"] = [[a.target.target_id, a.outcome.value] for a in escalation.attempts]
    # What the window shows while patient, clinician and agent are together.
    seen["calls_in_list"] = w.calls_list.count()
    seen["calls_list_visible"] = w.calls_list.isVisible()
    seen["current_call_is_patient"] = w.caller_label.text() == caller
    seen["progress_visible"] = panel.isVisible() and panel.pages.currentWidget() is panel.progress_page
    seen["progress_rows"] = [panel.attempt_list.item(i).text() for i in range(panel.attempt_list.count())]
    seen["progress_status"] = panel.progress_status.text()

    def linked() -> bool:
        with notes.database.session() as session:
            note = get_call_note(session, call_id)
            loaded = load_escalation(session, escalation.escalation_id)
            return (note is not None and escalation.escalation_id in note.escalation_ids
                    and loaded is not None and loaded[0].time_to_clinician_ms is not None)

    seen["linked_to_note"] = wait(linked, 10)
    with notes.database.session() as session:
        record, _attempts = load_escalation(session, escalation.escalation_id)
        seen["record_note_call_id_matches"] = record.note_call_id == call_id
        seen["record_agent_is_notes_agent"] = record.agent_id == notes.agent_id
        seen["stored_time_to_clinician_ms"] = record.time_to_clinician_ms

    QTest.keyClick(w, Qt.Key.Key_F8)  # hangs up the patient's call (the current call)
    seen["escalation_over"] = wait(lambda: service.current is None, 10)
    seen["end_notice"] = w.notice_label.text()
    seen["wrap_up"] = wait(lambda: w.wrap_up_frame.isVisible())
    w.disposition_combo.setCurrentIndex(1)
    w.disposition_button.click()
    seen["available_again"] = wait(lambda: w.agent_state_label.text() == "Available")
    seen["history"] = w.history_list.count()

    def closed_and_linked() -> bool:
        with notes.database.session() as session:
            note = get_call_note(session, call_id)
            return note is not None and note.closed_at is not None and escalation.escalation_id in note.escalation_ids

    seen["closed_note_linked"] = wait(closed_and_linked, 10)


def script() -> None:
    try:
        escalate_a_demo_call()
    except Exception as error:  # noqa: BLE001
        seen["error"] = repr(error)
    finally:
        print(json.dumps(seen), flush=True)
        QApplication.instance().quit()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(300, script)
    sys.exit(run_app(force_demo=True))
