"""The escalation as the agent sees it in the main window: the clinician's leg only in the progress
view (never a second call in the call list, the patient's call stays the current one), the
hand-off countdown with Hand off now / Stay, and a notice or panel for every way an escalation
ends. Real widgets (offscreen), the real desktop presenter, call controller, EventBridge, scene
owner and escalation service as the app wires them; a fake engine that records commands and hands
out call ids when the test says so (the engine's events may come before MakeCall's result)."""

from __future__ import annotations

import itertools
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from softphone.agent import AgentStateMachine, CallController
from softphone.agent.call_scene import CallSceneOwner
from softphone.config.model import EscalationSettings
from softphone.escalation import EscalationService, Phase
from softphone.sip import commands as cmd
from softphone.sip.events import (
    CallDirection,
    CallerIdentity,
    CallMediaChanged,
    CallState,
    CallStateChanged,
    IdentitySource,
    IncomingCall,
    MediaState,
    TransferProgress,
)
from softphone.ui.desktop import DesktopPresenter, GuiTask
from softphone.ui.escalation_presenter import EscalationPresenter, QtTimers
from softphone.ui.event_bridge import EventBridge
from softphone.ui.main_window import MainWindow

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PATIENT = "call-1"


class HeldEngine:
    """Records commands; a MakeCall's call id is handed out when the test calls ``place``."""

    def __init__(self) -> None:
        self.commands: list[Any] = []
        self.pending: list[Future[Any]] = []
        self._ids = itertools.count(10)

    def submit(self, command: Any) -> Future[Any]:
        self.commands.append(command)
        future: Future[Any] = Future()
        if isinstance(command, cmd.MakeCall):
            self.pending.append(future)
        else:
            future.set_result(None)
        return future

    def place(self) -> str:
        call_id = f"call-{next(self._ids)}"
        self.pending.pop(0).set_result(call_id)
        return call_id

    def of(self, kind: type) -> list[Any]:
        return [c for c in self.commands if isinstance(c, kind)]


def _state(call_id: str, new: CallState, status: int = 0, direction=CallDirection.OUTGOING, uri="sip:oncall-nurse@pbx"):
    return CallStateChanged(call_id, "acc", new, direction, uri, "On-call nurse", None, status, "")


class Desk:
    def __init__(self, qtbot, policy: EscalationSettings, *, wire_filter: bool = True) -> None:
        self.qtbot = qtbot
        self.engine = HeldEngine()
        self.bridge = EventBridge()
        self.window = MainWindow(demo=True, dispositions=("Advice given",), break_reasons=("Lunch",))
        qtbot.addWidget(self.window)
        self.window.resize(1100, 760)
        self.controller = CallController(self.engine.submit, AgentStateMachine(("Advice given",), ("Lunch",)),
                                         dispatch=lambda fn: self.bridge.publish(GuiTask(fn)))
        self.controller.account_id = "acc"
        self.desktop = DesktopPresenter(self.window, self.controller, self.bridge)
        self.scene = CallSceneOwner(self.engine.submit)
        timers = QtTimers(self.window)
        self.service = EscalationService(
            self.engine.submit, self.scene, policy, agent_id="agent-7", account_id=lambda: "acc",
            schedule=timers.schedule, cancel_timer=timers.cancel,
            dispatch=lambda fn: self.bridge.publish(GuiTask(fn)),
        )
        self.presenter = EscalationPresenter(self.window, self.controller, self.scene, self.service, policy,
                                             escalate_requested=self.desktop.escalate_requested, bridge=self.bridge)
        if wire_filter:
            self.presenter.install_call_filter(self.desktop)  # as app.py does
        self.panel = self.presenter.panel
        self.window.show()
        qtbot.waitExposed(self.window)
        identity = CallerIdentity("sip:+16175550185@demo", "Pat Example", IdentitySource.P_ASSERTED_IDENTITY)
        self.feed(IncomingCall(PATIENT, "acc", identity.uri, "Pat Example", identity))
        self.feed(_state(PATIENT, CallState.CONFIRMED, 200, CallDirection.INCOMING, identity.uri))
        self.feed(CallMediaChanged(PATIENT, MediaState.ACTIVE))
        self.settle(lambda: self.scene.patient_call_id == PATIENT and self.window.escalate_button.isEnabled())

    def feed(self, event: object) -> None:
        self.bridge.publish(event)

    def settle(self, predicate, timeout: int = 3000) -> None:
        self.qtbot.waitUntil(predicate, timeout=timeout)

    def escalate(self, reason_text: str, mode: str | None = None) -> None:
        self.window.notes_edit.setPlainText(reason_text)
        self.qtbot.mouseClick(self.window.escalate_button, Qt.MouseButton.LeftButton)
        assert self.panel.pages.currentWidget() is self.panel.picker_page
        if mode is not None:
            self.panel.mode_combo.setCurrentIndex(self.panel.mode_combo.findData(mode))
        self.qtbot.keyClick(self.panel.reason_list, Qt.Key.Key_Return)
        assert self.panel.pages.currentWidget() is self.panel.progress_page

    def clinician_answers(self) -> str:
        """The engine publishes the new leg's first events before MakeCall's result comes back."""
        self.feed(_state("call-10", CallState.CALLING))
        self.feed(_state("call-10", CallState.EARLY, 180))
        self.settle(lambda: bool(self.engine.pending))
        self.qtbot.wait(50)  # both events handled by every subscriber before the result
        clinician = self.engine.place()
        self.feed(_state(clinician, CallState.CONFIRMED, 200))
        self.feed(CallMediaChanged(clinician, MediaState.ACTIVE))
        self.settle(lambda: self.service.current is not None and self.service.current.phase.connected)
        return clinician


def _save(window: MainWindow, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / f"escalation-{name}.png"))


def test_the_clinician_leg_is_part_of_the_escalation_not_a_second_call(qtbot):
    desk = Desk(qtbot, EscalationSettings())
    window, controller = desk.window, desk.controller
    desk.escalate("Crushing chest pain since this morning.")
    clinician = desk.clinician_answers()
    assert desk.service.current.phase is Phase.CONFERENCED
    # The call list and the call area still show the patient's call alone, as the current call.
    assert [view.call_id for view in controller.calls()] == [PATIENT]
    assert controller.focus().call_id == PATIENT
    assert not window.calls_list.isVisible() and window.calls_list.count() == 1
    assert window.caller_label.text() == "Pat Example"
    assert not window.answer_button.isEnabled()  # nothing to answer: the clinician is not ringing the agent
    # The clinician is in the progress view.
    assert desk.panel.isVisible() and desk.panel.attempt_list.item(0).text() == "1. On-call nurse line — answered"
    assert "time to clinician" in desk.panel.progress_status.text()
    _save(window, "5-clinician-in-progress-view")
    # Hang up (F8) acts on the patient's call, never on the clinician's.
    qtbot.keyClick(window, Qt.Key.Key_F8)
    desk.settle(lambda: bool(desk.engine.of(cmd.Hangup)))
    assert desk.engine.of(cmd.Hangup)[0] == cmd.Hangup(PATIENT)

    # The clinician hanging up ends the escalation, not a call of the agent's: no history entry.
    desk.feed(_state(clinician, CallState.DISCONNECTED, 200))
    desk.settle(lambda: desk.service.current is None)
    assert "The clinician left the call" in window.notice_label.text()
    assert [view.call_id for view in controller.calls()] == [PATIENT]
    assert controller.history.entries() == ()


def test_without_the_filter_the_leg_would_be_a_second_call(qtbot):
    """What install_call_filter prevents (so the test above proves the wiring, not an accident)."""
    desk = Desk(qtbot, EscalationSettings(), wire_filter=False)
    desk.escalate("Crushing chest pain since this morning.")
    desk.clinician_answers()
    assert len(desk.controller.calls()) == 2 and desk.window.calls_list.isVisible()


def test_the_agents_own_call_dialled_while_the_leg_is_placed_reaches_the_call_list(qtbot):
    desk = Desk(qtbot, EscalationSettings())
    desk.escalate("Crushing chest pain since this morning.")
    desk.feed(_state("call-50", CallState.CALLING, uri="sip:pharmacy@pbx"))  # not ours, held back
    desk.settle(lambda: bool(desk.engine.pending))
    qtbot.wait(50)
    assert [view.call_id for view in desk.controller.calls()] == [PATIENT]
    desk.engine.place()  # the escalation's leg is call-10: call-50 goes on to the call list
    desk.settle(lambda: len(desk.controller.calls()) == 2)
    assert desk.controller.get("call-50") is not None


def test_hand_off_countdown_with_hand_off_now_and_stay(qtbot):
    desk = Desk(qtbot, EscalationSettings(handoff_delay_s=30))
    panel = desk.panel
    desk.escalate("Crushing chest pain since this morning.", mode="handoff")
    clinician = desk.clinician_answers()
    assert panel.stay_button.isVisible() and panel.hand_off_button.isVisible()
    assert panel.hand_off_button.text() == "Hand off now"
    assert "you leave in 30 s" in panel.progress_status.text() or "you leave in 29 s" in panel.progress_status.text()
    qtbot.waitUntil(lambda: "you leave in 28 s" in panel.progress_status.text(), timeout=4000)  # it counts down
    _save(desk.window, "6-handoff-countdown")

    qtbot.mouseClick(panel.stay_button, Qt.MouseButton.LeftButton)
    assert not panel.stay_button.isVisible() and panel.hand_off_button.text() == "Hand off and leave"
    assert "connected" in panel.progress_status.text()
    assert desk.service.current.handoff_due_monotonic is None

    qtbot.mouseClick(panel.hand_off_button, Qt.MouseButton.LeftButton)
    assert desk.engine.of(cmd.AttendedTransfer) == [cmd.AttendedTransfer(PATIENT, clinician)]
    assert not panel.cancel_button.isVisible()  # nothing to drop while the transfer runs
    desk.feed(TransferProgress(PATIENT, 200, "OK", True))
    desk.settle(lambda: desk.service.current is None)
    assert not panel.isVisible() and "Handed off" in desk.window.notice_label.text()


def test_the_countdown_runs_out_and_the_agent_leaves_without_another_press(qtbot):
    desk = Desk(qtbot, EscalationSettings(handoff_delay_s=1))
    desk.escalate("Crushing chest pain since this morning.", mode="handoff")
    clinician = desk.clinician_answers()
    assert not desk.engine.of(cmd.AttendedTransfer)
    desk.settle(lambda: bool(desk.engine.of(cmd.AttendedTransfer)), timeout=3000)
    assert desk.engine.of(cmd.AttendedTransfer) == [cmd.AttendedTransfer(PATIENT, clinician)]
    assert desk.panel.progress_status.text().startswith("Handing off")


@pytest.mark.parametrize("ending", ["patient_left", "cancelled", "failed_without_supervision"])
def test_every_end_is_shown_to_the_agent(qtbot, ending):
    desk = Desk(qtbot, EscalationSettings())
    window, panel = desk.window, desk.panel
    desk.escalate("Crushing chest pain since this morning.")
    first = desk.engine.place()
    if ending == "patient_left":
        desk.feed(_state(PATIENT, CallState.DISCONNECTED, 200, CallDirection.INCOMING))
        desk.settle(lambda: desk.service.current is None)
        assert "The patient hung up before a clinician answered" in window.notice_label.text()
    elif ending == "cancelled":
        qtbot.keyClick(panel, Qt.Key.Key_Escape)
        desk.settle(lambda: desk.service.current is None)
        assert window.notice_label.text() == "Escalation cancelled." and not panel.isVisible()
    else:
        desk.feed(_state(first, CallState.DISCONNECTED, 486))
        desk.settle(lambda: bool(desk.engine.pending))
        second = desk.engine.place()
        desk.feed(_state(second, CallState.DISCONNECTED, 603))
        desk.settle(lambda: desk.service.current is None)
        assert panel.pages.currentWidget() is panel.fallback_page and "911" in panel.fallback_script.text()
        # No supervision feature carries the alert here: the panel must not claim it went.
        assert "could NOT be alerted" in panel.fallback_alert.text()
