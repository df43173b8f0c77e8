"""The notes search window on a real SQLCipher file: Ctrl+F from the main window, results newest
first as plain text, a closed note amended as a new version, an open note only shown, older
pages, searches on the worker thread only, and the window gone when the side panel locks.
Screenshots: docs/screenshots/notes-search-*.png."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from softphone.notes import NoteDraft, close_note, get_call_note, note_versions, save_draft
from softphone.storage import generate_key, open_database
from softphone.storage.models import AuditEntry
from softphone.ui.main_window import MainWindow
from softphone.ui.notes_search import SHORTCUT, install_notes_search

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
HOSTILE = '<b>bold</b> <img src="http://evil.example/x.png"> \u202eevil'


class ThreadRecordingDatabase:
    """The real database; remembers which thread opened each session."""

    def __init__(self, database):
        self.database = database
        self.threads: list[str] = []

    @contextmanager
    def session(self) -> Iterator:
        self.threads.append(threading.current_thread().name)
        with self.database.session() as session:
            yield session


@pytest.fixture
def database(tmp_path: Path):
    with open_database(None, sqlite_path=tmp_path / "notes.db", key=generate_key()) as database:
        yield database


def write_notes(database) -> None:
    notes = [
        ("call-0", "agent-3", "X-ray", "Chest x-ray booked for Tuesday.", "Advice given", "Patient/5"),
        ("call-1", "agent-2", "Dolor torácico", "Refiere dolor torácico desde la mañana, sudoroso.", "Escalated", "Patient/17"),
        ("call-2", "agent-3", "Repeat prescription", "Asked about pharmacy opening hours.", "Advice given", None),
        ("call-3", "agent-2", "Chest pain", "Chest pain on exertion, no shortness of breath.", "Advice given", "Patient/42"),
        ("call-4", "agent-7", "Rash", HOSTILE + " chest wall rash", "Other", "Patient/8"),
        ("call-5", "agent-7", "Chest pain follow-up", "Still typing this one: chest feels tight", None, "Patient/42"),
    ]
    for call_id, agent, reason, text, disposition, patient in notes:
        with database.session() as session:
            draft = NoteDraft(reason_for_call=reason, free_text=text, disposition=disposition, patient_ref=patient,
                              symptom_codes=("chest_pain",) if "hest" in reason else ())
            save_draft(session, call_id, agent, draft)
            if disposition is not None:
                close_note(session, call_id, agent)


@pytest.fixture
def desk(qtbot, database):
    write_notes(database)
    recording = ThreadRecordingDatabase(database)
    window = MainWindow(demo=True)
    qtbot.addWidget(window)
    search = install_notes_search(window, recording, "agent-7", delay_ms=50, page_size=3)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window, search, recording
    search.close()
    assert search.shutdown()


def rows(dialog) -> list[list[str]]:
    tree = dialog.results
    return [[tree.topLevelItem(r).text(c) for c in range(4)] for r in range(tree.topLevelItemCount())]


def test_ctrl_f_searches_off_the_gui_thread_and_lists_notes_newest_first(qtbot, desk, database):
    window, search, recording = desk
    assert search.button.parent() is not None and search.button.isVisible()  # in the agent toolbar
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible())
    dialog = search.dialog
    assert SHORTCUT == "Ctrl+F" and dialog.focusWidget() is dialog.query_edit

    qtbot.keyClicks(dialog.query_edit, "chest")
    qtbot.waitUntil(lambda: dialog.result_count() == 3, timeout=5000)  # a page of three
    assert dialog.older_button.isVisible()
    first_page = rows(dialog)
    # Newest first: the open note, the hostile one, then call-3. Dates, patient, disposition, text.
    assert [row[1] for row in first_page] == ["Patient/42", "Patient/8", "Patient/42"]
    assert [row[2] for row in first_page] == ["open", "Other", "Advice given"]
    assert first_page[0][3].startswith("Chest pain follow-up · Still typing this one: chest feels tight")
    # Markup shown literally, as text; the bidi override that would reverse it is gone.
    assert 'src="http://evil.example/x.png">' in first_page[1][3] and "\u202e" not in first_page[1][3]
    assert first_page[2][0].endswith(":") is False and len(first_page[2][0].split()) == 4  # "27 Nov 2026 10:02"

    dialog.older_button.click()
    qtbot.waitUntil(lambda: dialog.result_count() == 4, timeout=5000)
    assert not dialog.older_button.isVisible()
    assert rows(dialog)[3][1] == "Patient/5" and "Chest x-ray booked" in rows(dialog)[3][3]
    assert "4 matching notes" in dialog.status_label.text()
    dialog.results.setCurrentItem(dialog.results.topLevelItem(2))
    dialog.results.setFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)  # open the closed note of call-3
    qtbot.waitUntil(lambda: dialog.mode == "viewing", timeout=5000)
    assert "closed, version 1" in dialog.note_title.text() and dialog.amend_button.isVisible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "notes-search-1-results.png"))
    # Every database session was opened by the search worker, never by the GUI thread.
    assert recording.threads and set(recording.threads) == {"notes-search"}

    # Accents typed or not, the same notes.
    dialog.query_edit.clear()
    qtbot.keyClicks(dialog.query_edit, "toracico ")
    qtbot.waitUntil(lambda: dialog.result_count() == 1 and "Patient/17" == rows(dialog)[0][1], timeout=5000)
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()

    dialog.query_edit.clear()
    qtbot.keyClicks(dialog.query_edit, '"chest pain"')
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_count() == 2, timeout=5000)
    assert dialog.focusWidget() is dialog.results  # Enter moved to the list
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)  # open the newest
    qtbot.waitUntil(lambda: "still open" in dialog.note_title.text(), timeout=5000)
    assert dialog.mode == "viewing" and not dialog.amend_button.isVisible()
    assert dialog.text_edit.isReadOnly() and "finished in the notes panel" in dialog.note_status.text()


def test_a_closed_note_is_amended_as_a_new_version(qtbot, desk, database):
    window, search, _recording = desk
    dialog = search.open()
    qtbot.keyClicks(dialog.query_edit, "exertion")
    qtbot.waitUntil(lambda: dialog.result_count() == 1, timeout=5000)
    dialog.results.setFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.mode == "viewing", timeout=5000)
    assert "closed, version 1" in dialog.note_title.text()
    assert dialog.text_edit.toPlainText() == "Chest pain on exertion, no shortness of breath."
    assert "Patient: Patient/42" in dialog.note_facts.text() and "Agent: agent-2" in dialog.note_facts.text()
    assert "Symptoms: Chest pain" in dialog.note_facts.text()
    assert dialog.amend_button.isVisible() and dialog.text_edit.isReadOnly()

    dialog.amend_button.click()
    assert dialog.mode == "amending" and not dialog.text_edit.isReadOnly()
    qtbot.keyClicks(dialog.text_edit, " Called back: settled.")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # Enter in a field does not save
    assert dialog.mode == "amending"
    dialog.reject()  # Esc: refused while an amendment is being typed
    assert dialog.isVisible() and "Save or cancel" in dialog.note_status.text()
    assert dialog.grab().save(str(SCREENSHOTS / "notes-search-2-amending.png"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Amendment saved (version 2)" in dialog.note_status.text(), timeout=5000)
    assert dialog.mode == "viewing" and "closed, version 2" in dialog.note_title.text()

    with database.session() as session:
        versions = note_versions(session, "call-3")
        note = get_call_note(session, "call-3")
        audit = [entry.action for entry in session.query(AuditEntry).order_by(AuditEntry.sequence)]
    assert [(v.version, v.author_id) for v in versions] == [(1, "agent-2"), (2, "agent-7")]
    assert versions[0].free_text == "Chest pain on exertion, no shortness of breath."  # version 1 untouched
    assert note.free_text == "Chest pain on exertion, no shortness of breath. Called back: settled."
    assert note.disposition == "Advice given" and note.patient_ref == "Patient/42"
    assert audit[-1] == "note_amended"


def test_locking_the_side_panel_closes_the_window_and_forgets_the_results(qtbot, desk):
    window, search, _recording = desk
    dialog = search.open()
    qtbot.keyClicks(dialog.query_edit, "pharmacy")
    qtbot.waitUntil(lambda: dialog.result_count() == 1, timeout=5000)

    lock_page = QWidget()  # what ui.lock_controller does: its screen takes the side panel
    window.side_stack.addWidget(lock_page)
    window.side_stack.setCurrentWidget(lock_page)
    assert not dialog.isVisible() and dialog.result_count() == 0 and dialog.query_edit.text() == ""
    assert search.open() is None and not dialog.isVisible()
    assert "Unlock first" in window.notice_label.text()

    window.side_stack.setCurrentIndex(0)  # unlocked
    assert search.open() is dialog and dialog.isVisible()
