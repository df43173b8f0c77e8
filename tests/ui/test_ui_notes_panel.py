"""The notes panel with the real notes service on a real SQLCipher file: autosave states, closing at
the end of wrap-up (disposition stored), amendments as versions, unfinished notes reopened, the
"NOT saved — retrying" state, red flags highlighting Escalate through the presenter."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.exc import OperationalError

from softphone.agent import AgentState, AgentStateMachine, CallController, CallHistory
from softphone.notes import NoteDraft, get_call_note, note_versions, save_draft
from softphone.patients.model import LookupState, PatientContext, ScreenPopResult
from softphone.patients.screen_pop import ScreenPop
from softphone.storage import generate_key, open_database
from softphone.storage.models import AuditEntry
from softphone.ui.desktop import DesktopPresenter, GuiTask
from softphone.ui.event_bridge import EventBridge
from softphone.ui.main_window import MainWindow
from softphone.ui.notes_controller import NotesController

DISPOSITIONS = ("Advice given", "Other")
SYMPTOMS = ("fever", "chest_pain", "shortness_of_breath")


@pytest.fixture
def database(tmp_path: Path):
    with open_database(None, sqlite_path=tmp_path / "notes.db", key=generate_key()) as database:
        yield database


class FlakyDatabase:
    """The real database, but ``session()`` fails while ``failing`` is set (a locked or lost disk)."""

    def __init__(self, database):
        self.database = database
        self.failing = False

    @contextmanager
    def session(self) -> Iterator:
        if self.failing:
            raise OperationalError("INSERT ...", {}, Exception("disk I/O error"))
        with self.database.session() as session:
            yield session


class Desk:
    def __init__(self, qtbot, database, *, notes_database=None):
        self.bridge = EventBridge()
        self.agent = AgentStateMachine(DISPOSITIONS, ("Lunch",), wrap_up_s=60)

        def submit(_command):
            future: Future = Future()
            future.set_result(None)
            return future

        self.controller = CallController(submit, self.agent, CallHistory(),
                                         dispatch=lambda fn: self.bridge.publish(GuiTask(fn)))
        self.window = MainWindow(demo=True, dispositions=DISPOSITIONS, break_reasons=("Lunch",))
        qtbot.addWidget(self.window)
        self.presenter = DesktopPresenter(self.window, self.controller, self.bridge)
        self.notes = NotesController(
            self.window.notes_panel, self.bridge, notes_database or database, "agent-7", agent=self.agent,
            symptom_codes=SYMPTOMS, reason_labels={"chest_pain": "Chest pain"}, red_flag_delay_ms=50,
        )
        self.presenter.attach_notes(self.notes)
        self.panel = self.window.notes_panel
        self.window.show()

    def stored(self, database, call_id="call-1"):
        with database.session() as session:
            note = get_call_note(session, call_id)
            return None if note is None else (NoteDraft.of(note), note.closed_at is not None)


def pop(call_id: str, patient_id: str, name: str) -> ScreenPop:
    context = PatientContext(patient_id, name, date(1950, 1, 2), 76, "female", "MRN1", "English",
                             (), (), (), (), (), ())
    return ScreenPop(call_id, ScreenPopResult(LookupState.FOUND), context, LookupState.FOUND)


def test_typing_autosaves_and_the_wrap_up_closes_the_note_with_its_disposition(qtbot, database):
    desk = Desk(qtbot, database)
    panel = desk.panel
    assert panel.mode == "idle" and not panel.free_text.isEnabled()

    desk.bridge.publish(pop("call-1", "patient-42", "Ann Lee"))  # the screen-pop, while ringing
    desk.agent.call_started("call-1")
    assert panel.mode == "call" and panel.free_text.isEnabled()
    qtbot.waitUntil(lambda: "Ann Lee" in panel.patient_label.text())

    qtbot.keyClicks(panel.reason_edit, "Dizzy spells")
    panel.symptom_item("fever").setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(panel.free_text, "Caller reports dizziness since the morning.")
    assert panel.status_label.text() == "Saving…"
    qtbot.waitUntil(lambda: panel.status_label.text() == "Saved", timeout=5000)
    draft, closed = desk.stored(database)
    assert draft == NoteDraft("Dizzy spells", ("fever",), "Caller reports dizziness since the morning.",
                              None, "patient-42")
    assert not closed

    desk.agent.all_calls_ended(["call-1"])
    assert desk.agent.state is AgentState.WRAP_UP and panel.mode == "call"  # still editable in wrap-up
    qtbot.keyClicks(panel.free_text, " Advised fluids.")
    desk.window.disposition_combo.setCurrentIndex(1)
    desk.window.disposition_button.click()  # the wrap-up's own disposition picker
    qtbot.waitUntil(lambda: panel.mode == "idle", timeout=10_000)
    assert panel.status_label.text() == "Note closed (version 1)"
    assert panel.free_text.toPlainText() == "" and panel.amend_button.isVisible()
    draft, closed = desk.stored(database)
    assert closed and draft.disposition == "Advice given"
    assert draft.free_text == "Caller reports dizziness since the morning. Advised fluids."

    # Amend: a new version by this agent, the closed version 1 untouched.
    panel.amend_button.click()
    assert panel.mode == "amending" and panel.free_text.toPlainText().endswith("Advised fluids.")
    panel.free_text.moveCursor(panel.free_text.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.free_text, " Called back: better.")
    panel.save_amendment_button.click()
    qtbot.waitUntil(lambda: panel.status_label.text() == "Amendment saved (version 2)", timeout=5000)
    with database.session() as session:
        versions = note_versions(session, "call-1")
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].free_text.endswith("Advised fluids.")
        assert versions[1].free_text.endswith("Called back: better.") and versions[1].author_id == "agent-7"
        actions = [entry.action for entry in session.query(AuditEntry).order_by(AuditEntry.sequence)]
    assert actions == ["note_created", "note_closed", "note_amended"]


def test_unfinished_notes_are_reopened_on_start_and_can_be_finished(qtbot, database):
    with database.session() as session:
        save_draft(session, "old-call", "agent-7", NoteDraft("Rx query", ("fever",), "Wants a refill of lisinopril"))
        save_draft(session, "older-call", "agent-7", NoteDraft(free_text="older"))
        save_draft(session, "someone-else", "agent-9", NoteDraft(free_text="not mine"))
    desk = Desk(qtbot, database)
    desk.notes.load_unfinished()
    panel = desk.panel
    qtbot.waitUntil(lambda: panel.mode == "reopened", timeout=5000)
    assert desk.notes.call_id in ("old-call", "older-call")
    assert panel.unfinished_list.count() == 1  # the other one; the open one is in the editor
    assert "Unfinished note" in panel.title.text()

    panel.unfinished_open_requested.emit("old-call")
    assert desk.notes.call_id == "old-call"
    assert panel.free_text.toPlainText() == "Wants a refill of lisinopril"
    assert panel.symptom_item("fever").checkState() == Qt.CheckState.Checked
    qtbot.keyClicks(panel.free_text, " (done)")
    panel.finish_button.click()
    qtbot.waitUntil(lambda: panel.mode == "idle", timeout=5000)
    draft, closed = desk.stored(database, "old-call")
    assert closed and draft.free_text == "Wants a refill of lisinopril (done)"


def test_a_failing_database_shows_not_saved_retrying_then_saved(qtbot, database):
    flaky = FlakyDatabase(database)
    desk = Desk(qtbot, database, notes_database=flaky)
    desk.agent.call_started("call-1")
    flaky.failing = True
    qtbot.keyClicks(desk.panel.free_text, "Text that must not be lost")
    qtbot.waitUntil(lambda: desk.panel.status_label.text() == "NOT saved — retrying", timeout=5000)
    assert desk.panel.status_kind == "failed"
    flaky.failing = False
    qtbot.waitUntil(lambda: desk.panel.status_label.text() == "Saved", timeout=10_000)
    assert desk.stored(database)[0].free_text == "Text that must not be lost"


def test_red_flags_highlight_escalate_with_the_reason_and_clear(qtbot, database):
    desk = Desk(qtbot, database)
    desk.agent.call_started("call-1")
    seen: list[str] = []
    desk.presenter.red_flag_detected.connect(seen.append)

    qtbot.keyClicks(desk.panel.free_text, "Caller denies chest pain. ")
    qtbot.wait(150)
    assert desk.presenter.current_red_flag is None and seen == []

    with qtbot.waitSignal(desk.presenter.red_flag_detected, timeout=2000) as detected:
        qtbot.keyClicks(desk.panel.free_text, "Now crushing chest pressure")
    assert detected.args == ["chest_pain"]
    assert desk.presenter.current_red_flag == "chest_pain"
    assert desk.window.red_flag_reason == "chest_pain"
    assert desk.window.escalate_reason_label.isVisible()
    assert desk.window.escalate_reason_label.text() == "Red flag in the notes: Chest pain"
    assert desk.window.escalate_button.property("redFlag") is True
    assert "Chest pain" in desk.panel.red_flag_label.text()

    with qtbot.waitSignal(desk.presenter.red_flag_detected, timeout=2000) as cleared:
        desk.panel.free_text.setPlainText("Caller denies chest pain.")
    assert cleared.args == [""]
    assert desk.presenter.current_red_flag is None and not desk.window.escalate_reason_label.isVisible()
    assert desk.window.escalate_button.property("redFlag") is False


def test_the_debounce_runs_detection_once_per_pause(qtbot, database):
    desk = Desk(qtbot, database)
    desk.agent.call_started("call-1")
    calls = []
    original = desk.notes._check_red_flags

    def counting():
        calls.append(1)
        original()

    desk.notes._red_flag_timer.timeout.disconnect()
    desk.notes._red_flag_timer.timeout.connect(counting)
    qtbot.keyClicks(desk.panel.free_text, "short of breath at rest")
    qtbot.waitUntil(lambda: desk.presenter.current_red_flag == "breathing_difficulty", timeout=2000)
    assert len(calls) == 1
