"""Connects supervision to the desktop, on the GUI thread only.

Agent role (``AgentSupervisionPresenter``): engine events (after the routing scene has seen them)
go to the ``SupervisedCallService``; its session drives the main window's badge as the provisioned
policy says (default: visible for whisper and barge, not for listen); the agent's state is published
as presence; a failed escalation (``SupervisorAlert``) is flagged to the supervisors through it.

Supervisor role (``SupervisorConsolePresenter``): the ``TeamRoster`` (presence) and the
``SupervisorConsole`` (the supervision call) behind the ``TeamView``; a one-second ticker keeps the
durations moving. The supervisor's own supervision call is shown there (who, mode, Leave) and
nowhere else: the desktop's call controller never sees its events (no call in the main window, no
On call, no wrap-up, no screen-pop or notes).

``install_agent_side`` / ``install_supervisor_console`` are the wiring ``app.py`` uses (and the
integration tests, so they test the app's wiring). On quitting, ``close()`` ends a supervision in
progress (hung up, its end audited) before the engine stops.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from softphone.sip.routing import SupervisionMode
from softphone.supervision import (
    AgentPresencePublisher,
    ConsoleError,
    SupervisedCallService,
    SupervisionPolicy,
    SupervisionSession,
    SupervisorConsole,
    TeamMember,
    TeamRoster,
)
from softphone.ui.team_view import TeamView

log = logging.getLogger(__name__)


class AgentSupervisionPresenter(QObject):
    def __init__(self, window, service: SupervisedCallService, *, bridge=None,
                 publisher: AgentPresencePublisher | None = None, escalation_presenter=None) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.publisher = publisher
        service.on_change(self._changed)
        service.on_refused(lambda _decision: log.info("a supervision request was refused"))
        if bridge is not None:
            bridge.subscribe(self.handle_event)
        if escalation_presenter is not None and publisher is not None:
            escalation_presenter.supervisor_alerted.connect(lambda alert: publisher.raise_alert(alert.reason_code))

    def handle_event(self, event: object) -> None:
        self.service.handle_event(event)

    def close(self) -> None:
        self.service.leave("app_closed")

    def _changed(self, session: SupervisionSession | None) -> None:
        indicator = session.indicator if session is not None else None
        self.window.set_supervision(indicator.value if indicator is not None else None)


class SupervisorConsolePresenter(QObject):
    def __init__(self, view: TeamView, roster: TeamRoster, console: SupervisorConsole, *, bridge=None,
                 notice=None, monotonic=time.monotonic, tick_ms: int = 1000) -> None:
        super().__init__(view)
        self.view = view
        self.roster = roster
        self.console = console
        self._notice = notice or (lambda text: None)
        self._monotonic = monotonic
        roster.on_change(lambda _member: self.refresh())
        console.on_change(view.show_session)
        view.supervise_requested.connect(self.supervise)
        view.switch_requested.connect(lambda mode: console.switch(SupervisionMode(mode)))
        view.leave_requested.connect(console.leave)
        if bridge is not None:
            bridge.subscribe(self.handle_event)
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.refresh)
        self._ticker.timeout.connect(roster.retry_due)  # ended presence subscriptions placed again
        self._ticker.start()
        self.refresh()

    def handle_event(self, event: object) -> None:
        self.roster.handle_event(event)
        self.console.handle_event(event)

    def close(self) -> None:
        self._ticker.stop()
        self.console.leave("app_closed")

    def refresh(self) -> None:
        self.view.show_members(self.roster.members(), self._monotonic())

    def supervise(self, agent_id: str, mode: str) -> None:
        member: TeamMember | None = self.roster.get(agent_id)
        if member is None:
            return
        try:
            self.console.start(member, SupervisionMode(mode))
        except ConsoleError as error:
            self._notice(str(error))


# -- the app's wiring ------------------------------------------------------------------------------


def install_agent_side(window, desktop, scene, policy: SupervisionPolicy, *, submit, agent_id: str, audit,
                       account_id, bridge, escalation_presenter=None) -> AgentSupervisionPresenter:
    """Agent role: supervisors' calls are accepted or refused by the service, never by the call
    controller (``desktop.event_filter``); the agent's state is published as presence once the
    account exists (``account_id()`` not None: checked every 250 ms until then)."""
    service = SupervisedCallService(submit, scene, policy, agent_id=agent_id, audit=audit)
    desktop.event_filter = service.claims
    publisher = AgentPresencePublisher(submit, desktop.controller.agent, account_id=account_id)
    presenter = AgentSupervisionPresenter(window, service, bridge=bridge, publisher=publisher,
                                          escalation_presenter=escalation_presenter)
    when_account_ready(presenter, account_id, lambda _account_id: publisher.publish(), every_change=True)
    return presenter


def install_supervisor_console(window, desktop, settings, *, submit, supervisor_id: str, audit, account_id,
                               bridge, resolve_destination=None) -> SupervisorConsolePresenter:
    """Supervisor role: the Team view in a dock of the main window. ``settings`` is the
    ``supervision`` settings section; the team's presence is subscribed once the account exists."""
    from softphone.ui.desktop import GuiTask

    roster = TeamRoster(settings.team)
    console = SupervisorConsole(
        submit, account_id=account_id, supervisor_id=supervisor_id, method=settings.method,
        feature_codes=settings.feature_codes, mute_in_listen=settings.mute_in_listen, audit=audit,
        dispatch=lambda fn: bridge.publish(GuiTask(fn)),
        resolve_destination=resolve_destination or (lambda destination: destination),
        # Held events that turn out not to be the supervision call's go on to the call controller.
        release=desktop.controller.handle_event,
    )
    desktop.event_filter = console.claims
    view = TeamView()
    dock = QDockWidget(QCoreApplication.translate("MainWindow", "Team"), window)
    dock.setObjectName("team_dock")
    dock.setWidget(view)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    presenter = SupervisorConsolePresenter(view, roster, console, bridge=bridge, notice=window.show_notice)
    when_account_ready(presenter, account_id, lambda ready: roster.subscribe_all(
        submit, ready, dispatch=lambda fn: bridge.publish(GuiTask(fn))))
    return presenter


def when_account_ready(parent: QObject, account_id, action, *, every_change: bool = False) -> None:
    """Run ``action(account_id())`` once the telephony start-up has given us an account; with
    ``every_change`` also each time the account is replaced (an account edit in Settings
    re-registers as a new account, which starts without the agent's presence)."""
    timer = QTimer(parent)
    timer.setInterval(250)
    seen: list[str] = []

    def check() -> None:
        ready = account_id()
        if ready is None or (seen and seen[-1] == ready):
            return
        seen.append(ready)
        if not every_change:
            timer.stop()
            timer.deleteLater()
        action(ready)

    timer.timeout.connect(check)
    timer.start()
    check()
