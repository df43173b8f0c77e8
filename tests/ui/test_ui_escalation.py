"""The Escalate button, the reason picker pre-selected from the notes' red flag, the progress view
and the fallback panel: real widgets (offscreen), real controller, scene owner and escalation
service, a fake engine that records commands; SIP events are fed as the EventBridge would."""

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
)
from softphone.ui.escalation_presenter import EscalationPresenter, QtTimers
from softphone.ui.main_window import MainWindow

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class FakeEngine:
    def __init__(self) -> None:
        self.commands: list[Any] = []
        self.issued: list[str] = []
        self._ids = itertools.count(10)

    def submit(self, command: Any) -> Future[Any]:
        self.commands.append(command)
        future: Future[Any] = Future()
        if isinstance(command, cmd.MakeCall):
            self.issued.append(f"call-{next(self._ids)}")
            future.set_result(self.issued[-1])
        else:
            future.set_result(None)
        return future

    def of(self, kind: type) -> list[Any]:
        return [c for c in self.commands if isinstance(c, kind)]


def _state(call_id: str, new: CallState, status: int = 0, direction=CallDirection.OUTGOING) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", new, direction, "sip:x@y", "", None, status, "")


@pytest.fixture
def desk(qtbot):
    engine = FakeEngine()
    window = MainWindow(demo=True, dispositions=("Advice given",), break_reasons=("Lunch",))
    qtbot.addWidget(window)
    window.resize(1100, 760)
    controller = CallController(engine.submit, AgentStateMachine(("Advice given",), ("Lunch",)))
    controller.account_id = "acc"
    controller.on_change(lambda _calls: window.show_calls(controller.calls(), controller.focus()))
    policy = EscalationSettings(ring_timeout_s=20)
    scene = CallSceneOwner(engine.submit)
    timers = QtTimers(window)
    service = EscalationService(engine.submit, scene, policy, agent_id="agent-7", account_id=lambda: "acc",
                                schedule=timers.schedule, cancel_timer=timers.cancel)
    presenter = EscalationPresenter(window, controller, scene, service, policy)
    window.show()
    qtbot.waitExposed(window)

    def feed(event: object) -> None:
        controller.handle_event(event)
        presenter.handle_event(event)

    identity = CallerIdentity("sip:+16175550185@demo", "Caller", IdentitySource.P_ASSERTED_IDENTITY)
    feed(IncomingCall("call-1", "acc", identity.uri, "Caller", identity))
    feed(_state("call-1", CallState.CONFIRMED, 200, CallDirection.INCOMING))
    feed(CallMediaChanged("call-1", MediaState.ACTIVE))
    window.notes_enabled(True)
    return window, engine, presenter, service, feed


def _save(window: MainWindow, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / f"escalation-{name}.png"))


def test_the_button_opens_the_picker_with_the_red_flag_and_enter_confirms(desk, qtbot):
    window, engine, presenter, service, feed = desk
    window.notes_edit.setPlainText("Caller says he has crushing chest pain since this morning; on warfarin.")
    assert window.escalate_button.isEnabled()
    qtbot.mouseClick(window.escalate_button, Qt.MouseButton.LeftButton)
    panel = presenter.panel
    assert panel.isVisible() and panel.pages.currentWidget() is panel.picker_page
    assert panel.selected_reason == "chest_pain"
    assert "crushing chest" in panel.flag_note.text()
    assert window.escalating
    _save(window, "1-picker")
    assert not engine.of(cmd.MakeCall)

    qtbot.keyClick(panel.reason_list, Qt.Key.Key_Return)  # one key confirms
    (invite,) = engine.of(cmd.MakeCall)
    assert dict(invite.headers)["X-Escalation-Reason"] == "chest_pain"
    assert panel.pages.currentWidget() is panel.progress_page
    assert panel.attempt_list.item(0).text().endswith("calling")
    assert panel.attempt_list.item(1).text().endswith("next")

    feed(_state(engine.issued[-1], CallState.EARLY, 180))
    assert panel.attempt_list.item(0).text().endswith("ringing")
    assert "Trying On-call nurse line" in panel.progress_status.text()
    _save(window, "2-progress")

    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    assert panel.attempt_list.item(0).text().endswith("skipped")
    assert [c.destination for c in engine.of(cmd.MakeCall)] == ["oncall-nurse", "oncall-physician"]

    feed(_state(engine.issued[-1], CallState.CONFIRMED, 200))
    feed(CallMediaChanged(engine.issued[-1], MediaState.ACTIVE))
    assert service.current.phase is Phase.CONFERENCED
    assert "time to clinician" in panel.progress_status.text()
    assert panel.cancel_button.text() == "Drop clinician"
    _save(window, "3-connected")


def test_without_a_red_flag_the_first_reason_is_selected_and_close_backs_out(desk, qtbot):
    window, engine, presenter, service, feed = desk
    qtbot.keyClick(window, Qt.Key.Key_F9)
    panel = presenter.panel
    assert panel.isVisible() and panel.selected_reason == "chest_pain" and not panel.flag_note.isVisible()
    qtbot.keyClick(panel.reason_list, Qt.Key.Key_Escape)
    assert not panel.isVisible() and not window.escalating and not engine.of(cmd.MakeCall)


def test_all_targets_busy_shows_the_fallback_script_and_alerts(desk, qtbot):
    window, engine, presenter, service, feed = desk
    window.notes_edit.setPlainText("She said she wants to die and has pills at home.")
    qtbot.mouseClick(window.escalate_button, Qt.MouseButton.LeftButton)
    assert presenter.panel.selected_reason == "suicidal_ideation"
    with qtbot.waitSignal(presenter.supervisor_alerted, timeout=2000) as alerted:
        qtbot.mouseClick(presenter.panel.confirm_button, Qt.MouseButton.LeftButton)
        feed(_state(engine.issued[-1], CallState.DISCONNECTED, 486))
        feed(_state(engine.issued[-1], CallState.DISCONNECTED, 603))
    assert alerted.args[0].reason_code == "suicidal_ideation"
    panel = presenter.panel
    assert panel.pages.currentWidget() is panel.fallback_page and "988" in panel.fallback_script.text()
    assert panel.fallback_alert.isVisible() and "busy" in panel.fallback_attempts.text()
    assert window.escalating  # the fallback stays until the agent is done with it
    _save(window, "4-fallback")
    qtbot.mouseClick(panel.findChild(type(panel.confirm_button), "escalation_dismiss"), Qt.MouseButton.LeftButton)
    assert not panel.isVisible() and not window.escalating


def test_instant_mode_skips_the_picker(qtbot, desk):
    window, engine, presenter, service, feed = desk
    presenter.policy = EscalationSettings(instant_reasons=("stroke_signs",))
    window.notes_edit.setPlainText("Wife reports face drooping and slurred speech.")
    qtbot.mouseClick(window.escalate_button, Qt.MouseButton.LeftButton)
    assert engine.of(cmd.MakeCall) and service.current.plan.reason_code == "stroke_signs"
    assert presenter.panel.pages.currentWidget() is presenter.panel.progress_page
