"""Connects supervision to the desktop, on the GUI thread only.

Agent role (``AgentSupervisionPresenter``): engine events (after the routing scene has seen them)
go to the ``SupervisedCallService``; its session drives the main window's badge as the provisioned
policy says (default: visible for whisper and barge, not for listen); the agent's state is published
as presence; a failed escalation (``SupervisorAlert``) is flagged to the supervisors through it.

Supervisor role (``SupervisorConsolePresenter``): the ``TeamRoster`` (presence) and the
``SupervisorConsole`` (the supervision call) behind the ``TeamView``; a one-second ticker keeps the
durations moving.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer

from softphone.sip.routing import SupervisionMode
from softphone.supervision import (
    AgentPresencePublisher,
    ConsoleError,
    SupervisedCallService,
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
        self._ticker.start()
        self.refresh()

    def handle_event(self, event: object) -> None:
        self.roster.handle_event(event)
        self.console.handle_event(event)

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
