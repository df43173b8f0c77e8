"""Runs the real ``softphone --demo`` app in this process and drives it like an agent (child process
of test_notes_ui_app.py; the app owns its QApplication and event loop).

    python notes_app_driver.py type KEYSTROKE_LOG SEED   answer a demo call, type the note key by key
                                                        (QTest.keyClicks), logging "<index> <time>"
                                                        after each key, until killed
    python notes_app_driver.py reopen                    start, wait for the reopened unfinished note,
                                                        print it as JSON, quit
    python notes_app_driver.py session                   a whole call: screen-pop, notes with the
                                                        patient's details, hang up, wrap-up; quit;
                                                        print what it typed and saw as JSON
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from softphone.app import run_app
from tests.support.app_driving import ready_main_window, wait_until

KEYSTROKES = 300
WORDS = ("caller reports dizziness since morning advised fluids and rest will call back if worse "
         "daughter present pharmacy closed until monday").split()
seen: dict[str, object] = {}


def keystrokes(seed: int) -> list[tuple[str, float]]:
    """(the note's text after each key, pause after it): the test recomputes the same list."""
    rng = random.Random(seed)
    source = " ".join(rng.choice(WORDS) for _ in range(KEYSTROKES))
    result, typed = [], ""
    for char in source[:KEYSTROKES]:
        typed += char
        pause = rng.uniform(0.35, 0.6) if rng.random() < 0.06 else rng.uniform(0.02, 0.08)
        result.append((typed, pause))
    return result


def window():
    return ready_main_window()


def wait(predicate, timeout_s=20.0) -> bool:
    return wait_until(predicate, timeout_s)


def ready_window():
    w = window()
    lock = w.lock_controller
    # The demo offers to skip choosing an unlock passphrase (synthetic data only).
    if wait(lambda: lock.screen.mode == "setup" or lock.armed or w.side_stack.currentIndex() == 0, 10):
        if lock.screen.mode == "setup":
            lock.screen.skip_button.click()
    seen["registered"] = wait(lambda: "Demo switchboard on" in w.registration_label.text(), 30)
    return w


def answer_demo_call(w) -> None:
    from softphone.ui.demo_menu import DemoMenu

    w.findChild(DemoMenu, "demo_menu").actions()[0].trigger()
    seen["ringing"] = wait(lambda: w.answer_button.isEnabled())
    seen["patient_found"] = wait(lambda: w.patient_view.state == "found", 15)
    QTest.keyClick(w, Qt.Key.Key_F5)
    seen["talking"] = wait(lambda: w.call_state_label.text() == "In call")
    seen["note_open"] = wait(lambda: w.notes_panel.mode == "call")


def type_until_killed(log_path: Path, seed: int) -> None:
    w = ready_window()
    answer_demo_call(w)
    editor = w.notes_edit
    editor.setFocus()
    with log_path.open("w", encoding="utf-8") as log:
        for index, (text, pause) in enumerate(keystrokes(seed)):
            QTest.keyClicks(editor, text[-1])
            if editor.toPlainText() != text:
                log.write(f"mismatch {index}\n")
                log.flush()
                return
            log.write(f"{index} {time.time():.6f}\n")
            log.flush()  # in the kernel's hands: survives SIGKILL
            QTest.qWait(int(pause * 1000))
    QTest.qWait(600_000)  # killed long before


def reopen() -> None:
    w = ready_window()
    seen["reopened"] = wait(lambda: w.notes_panel.mode == "reopened", 20)
    seen["text"] = w.notes_edit.toPlainText()
    seen["title"] = w.notes_panel.title.text()


def session() -> None:
    w = ready_window()
    answer_demo_call(w)
    panel = w.patient_view
    name = panel.name_label.text()
    dob = panel.fields["dob"].text().split()[0]
    phone = re.sub(r"\D", "", w.identity_note.text().split("@")[0])
    note = f"Patient {name} born {dob} callback {phone}: zebra-marker heartburn after lunch, no chest pain."
    seen.update(name=name, dob=dob, phone=phone, note=note)
    QTest.keyClicks(w.notes_panel.reason_edit, "Heartburn zebra-reason")
    QTest.keyClicks(w.notes_edit, note)
    seen["saved"] = wait(lambda: w.notes_panel.status_label.text() == "Saved", 10)
    QTest.keyClick(w, Qt.Key.Key_F8)
    seen["wrap_up"] = wait(lambda: w.wrap_up_frame.isVisible())
    w.disposition_combo.setCurrentIndex(1)
    w.disposition_button.click()
    seen["closed"] = wait(lambda: w.notes_panel.status_label.text().startswith("Note closed"), 10)


def script(mode: str, args: list[str]) -> None:
    try:
        if mode == "type":
            type_until_killed(Path(args[0]), int(args[1]))
        elif mode == "reopen":
            reopen()
        else:
            session()
    except Exception as error:  # noqa: BLE001
        seen["error"] = repr(error)
    finally:
        print(json.dumps(seen), flush=True)
        QApplication.instance().quit()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(300, lambda: script(sys.argv[1], sys.argv[2:]))
    sys.exit(run_app(force_demo=True))
