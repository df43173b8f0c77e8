"""The CTI API's commands carried out on the agent desktop (GUI thread; nothing here blocks)."""

from __future__ import annotations

from typing import Any

from softphone.agent.calls import CallPhase
from softphone.cti.uri import dial_target
from softphone.ui.desktop import DesktopPresenter


class DesktopCtiHandler:
    def __init__(self, presenter: DesktopPresenter):
        self.presenter = presenter
        self.pending_uri: str | None = None  # dialled once the SIP account is ready

    def dial(self, uri: str) -> bool:
        target = dial_target(uri)  # ValueError -> bad_request
        if self.presenter.controller.account_id is None:
            self.pending_uri = target
            return True
        return self.presenter.dial(target)

    def open_uri(self, uri: str) -> bool:
        window = self.presenter.window
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return self.dial(uri) if uri else True

    def account_ready(self) -> None:
        if self.pending_uri is not None:
            uri, self.pending_uri = self.pending_uri, None
            self.presenter.dial(uri)

    def answer(self) -> bool:
        if not self.presenter.controller.ringing():
            return False
        self.presenter.controller.answer()
        return True

    def hangup(self) -> bool:
        focus = self.presenter.controller.focus()
        if focus is None:
            return False
        self.presenter.controller.hangup()
        return True

    def escalate(self) -> bool:
        return self.presenter.escalate()

    def status(self) -> dict[str, Any]:
        controller = self.presenter.controller
        registration = controller.registration
        return {
            "agent_state": controller.agent.state.value,
            "registration": registration.state.value if registration else "unknown",
            "calls": [
                {"id": view.call_id, "direction": view.direction.value, "state": view.phase.value,
                 "muted": view.muted}
                for view in controller.calls()
            ],
            "escalating": self.presenter.window.escalating,
            "ringing": any(view.phase is CallPhase.RINGING for view in controller.calls()),
        }
