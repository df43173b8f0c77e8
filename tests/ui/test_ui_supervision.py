"""Supervision on screen: the agent's badge (shown or not as the policy says) and the supervisor's
Team view with Listen / Whisper / Barge / Leave. Real widgets (offscreen), the real scene owner,
supervision service, roster and console; a fake engine that records commands; SIP events fed as
the EventBridge would. Screenshots go to docs/screenshots/supervision-*.png."""

from __future__ import annotations

import itertools
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from softphone.agent.call_scene import CallSceneOwner
from softphone.sip import commands as cmd
from softphone.sip.events import (
    BuddyPresenceChanged,
    CallDirection,
    CallerIdentity,
    CallMediaChanged,
    CallState,
    CallStateChanged,
    IdentitySource,
    IncomingCall,
    InDialogMessage,
    InDialogMessageStatus,
    MediaState,
    PresenceActivity,
)
from softphone.sip.routing import SupervisionMode
from softphone.supervision import SupervisedCallService, SupervisionPolicy, SupervisorConsole, TeamRoster, TeamState
from softphone.supervision.team import TeamMember
from softphone.ui.main_window import MainWindow
from softphone.ui.supervision_presenter import AgentSupervisionPresenter, SupervisorConsolePresenter
from softphone.ui.team_view import TeamView

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class FakeEngine:
    def __init__(self) -> None:
        self.commands: list[Any] = []
        self._ids = itertools.count(20)

    def submit(self, command: Any) -> Future[Any]:
        self.commands.append(command)
        future: Future[Any] = Future()
        future.set_result(f"call-{next(self._ids)}" if isinstance(command, cmd.MakeCall) else None)
        return future

    def of(self, kind: type) -> list[Any]:
        return [c for c in self.commands if isinstance(c, kind)]


def _state(call_id: str, state: CallState, direction=CallDirection.INCOMING, status: int = 200) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", state, direction, "sip:x@y", "", None, status, "")


def _save(widget, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


def test_agent_badge_follows_the_policy_listen_hidden_whisper_and_barge_shown(qtbot):
    engine = FakeEngine()
    window = MainWindow(demo=False)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    scene = CallSceneOwner(engine.submit)
    service = SupervisedCallService(engine.submit, scene, SupervisionPolicy(frozenset({"supervisor@sip.test"})),
                                    agent_id="agent")
    presenter = AgentSupervisionPresenter(window, service)

    def feed(event: object) -> None:
        scene.handle_event(event)
        presenter.handle_event(event)

    patient = CallerIdentity("sip:+15550100@sip.test", "", IdentitySource.P_ASSERTED_IDENTITY)
    feed(IncomingCall("call-1", "acc", "sip:+15550100@sip.test", "", patient))
    feed(_state("call-1", CallState.CONFIRMED))
    feed(CallMediaChanged("call-1", MediaState.ACTIVE))
    supervisor = CallerIdentity("sip:supervisor@sip.test", "", IdentitySource.P_ASSERTED_IDENTITY)
    feed(IncomingCall("call-2", "acc", "sip:supervisor@sip.test", "", supervisor, headers=(("X-Supervise", "listen"),)))
    assert engine.of(cmd.Answer) == [cmd.Answer("call-2")]
    feed(_state("call-2", CallState.CONFIRMED))
    feed(CallMediaChanged("call-2", MediaState.ACTIVE))
    assert not window.supervision_badge.isVisible()  # listening: the default policy shows nothing

    feed(InDialogMessage("call-2", "text/plain", "whisper", (("X-Supervise", "whisper"),)))
    qtbot.waitUntil(window.supervision_badge.isVisible, timeout=1000)
    assert window.supervision_badge.text() == "Supervisor coaching"
    _save(window, "supervision-agent-whisper")
    feed(InDialogMessage("call-2", "text/plain", "barge", (("X-Supervise", "barge"),)))
    assert window.supervision_badge.text() == "Supervisor joined"
    feed(_state("call-2", CallState.DISCONNECTED))
    assert not window.supervision_badge.isVisible()


def test_agent_badge_policy_can_show_listen_too(qtbot):
    engine = FakeEngine()
    window = MainWindow(demo=False)
    qtbot.addWidget(window)
    window.show()
    scene = CallSceneOwner(engine.submit)
    policy = SupervisionPolicy(frozenset({"supervisor@sip.test"}), indicator_modes=frozenset(SupervisionMode))
    presenter = AgentSupervisionPresenter(window, SupervisedCallService(engine.submit, scene, policy, agent_id="agent"))
    for event in (
        IncomingCall("call-1", "acc", "sip:p@sip.test", "", CallerIdentity("sip:p@sip.test", "", IdentitySource.FROM)),
        _state("call-1", CallState.CONFIRMED),
        IncomingCall("call-2", "acc", "sip:supervisor@sip.test", "",
                     CallerIdentity("sip:supervisor@sip.test", "", IdentitySource.P_ASSERTED_IDENTITY),
                     headers=(("X-Supervise", "listen"),)),
    ):
        scene.handle_event(event)
        presenter.handle_event(event)
    assert window.supervision_badge.isVisible() and window.supervision_badge.text() == "Supervisor listening"


def test_team_view_shows_states_and_drives_listen_whisper_leave(qtbot):
    engine = FakeEngine()
    now = [100.0]
    roster = TeamRoster([TeamMember("ana", "Ana Lopez", "sip:ana@sip.test"),
                         TeamMember("ben", "Ben Okafor", "sip:ben@sip.test")], monotonic=lambda: now[0])
    console = SupervisorConsole(engine.submit, account_id=lambda: "acc", supervisor_id="sup", monotonic=lambda: now[0])
    host = QWidget()
    qtbot.addWidget(host)
    view = TeamView(host)
    QVBoxLayout(host).addWidget(view)
    host.resize(520, 360)
    host.show()
    presenter = SupervisorConsolePresenter(view, roster, console, monotonic=lambda: now[0])
    assert [row[1] for row in view.row_texts()] == ["Unknown", "Unknown"]

    presenter.handle_event(BuddyPresenceChanged("buddy-1", "acc", "sip:ana@sip.test", True, PresenceActivity.BUSY,
                                                "on_call;elapsed=75", "active"))
    presenter.handle_event(BuddyPresenceChanged("buddy-2", "acc", "sip:ben@sip.test", True, PresenceActivity.AWAY,
                                                "break;elapsed=5", "active"))
    assert view.row_texts() == [("Ana Lopez", "On call", "01:15"), ("Ben Okafor", "Break", "00:05")]
    now[0] += 3
    presenter.refresh()  # the one-second ticker
    assert view.row_texts()[0][2] == "01:18"
    _save(host, "supervision-team-view")

    view.select_agent("ben")
    assert not view.buttons["listen"].isEnabled()  # nobody to supervise on a break
    view.select_agent("ana")
    assert view.buttons["listen"].isEnabled() and not view.leave_button.isEnabled()
    qtbot.mouseClick(view.buttons["listen"], Qt.MouseButton.LeftButton)
    (call,) = engine.of(cmd.MakeCall)
    assert call.destination == "sip:ana@sip.test" and call.headers == (("X-Supervise", "listen"),)
    presenter.handle_event(_state(call_id := "call-20", CallState.CONFIRMED, CallDirection.OUTGOING))
    assert view.session_label.text() == "Listening to Ana Lopez"
    assert view.buttons["listen"].isChecked() and view.leave_button.isEnabled()
    assert engine.of(cmd.SetMute)[-1] == cmd.SetMute(call_id, True)  # the supervisor's mic, while listening

    qtbot.mouseClick(view.buttons["whisper"], Qt.MouseButton.LeftButton)
    (message,) = engine.of(cmd.SendInDialogMessage)
    assert message.call_id == call_id and message.headers == (("X-Supervise", "whisper"),)
    assert view.session_label.text() == "Whispering to Ana Lopez (switching…)"
    presenter.handle_event(InDialogMessageStatus(call_id, 200, "OK"))
    assert view.session_label.text() == "Whispering to Ana Lopez" and view.buttons["whisper"].isChecked()
    assert engine.of(cmd.SetMute)[-1] == cmd.SetMute(call_id, False)
    _save(host, "supervision-whisper")

    qtbot.mouseClick(view.leave_button, Qt.MouseButton.LeftButton)
    assert engine.of(cmd.Hangup) == [cmd.Hangup(call_id)]
    assert view.session_label.text() == "Supervision ended" and not view.leave_button.isEnabled()
    assert roster.get("ana").state is TeamState.ON_CALL


def test_presence_follows_the_account_when_settings_replace_it(qtbot):
    """The agent's presence is published for the first account, again when an account edit in
    Settings replaces it (the new account starts without presence), and not twice for the same."""
    from PySide6.QtCore import QObject

    from softphone.ui.supervision_presenter import when_account_ready

    parent = QObject()
    current: list[str | None] = [None]
    published: list[str] = []
    when_account_ready(parent, lambda: current[0], published.append, every_change=True)
    current[0] = "acc-1"
    qtbot.waitUntil(lambda: published == ["acc-1"], timeout=2000)
    current[0] = "acc-2"
    qtbot.waitUntil(lambda: published == ["acc-1", "acc-2"], timeout=2000)
    qtbot.wait(600)  # a few more checks of an unchanged account publish nothing
    assert published == ["acc-1", "acc-2"]
