"""The agent's side of the team view: every change of the agent's state becomes a presence status
that pjsua NOTIFYs to every subscribed supervisor. No Qt, no pjsua2.

    publisher = AgentPresencePublisher(engine.submit, agent_state_machine, account_id=lambda: ...)
    publisher.publish()          # once the account exists (and after re-registration if wanted)
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from softphone.sip import commands as cmd
from softphone.supervision.presence_note import encode

log = logging.getLogger(__name__)


class AgentPresencePublisher:
    def __init__(
        self,
        submit: Callable[[object], Future[Any]],
        agent: Any,  # softphone.agent.state.AgentStateMachine
        *,
        account_id: Callable[[], str | None],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._submit = submit
        self._agent = agent
        self._account_id = account_id
        self._monotonic = monotonic
        self._since = monotonic()
        self.last_note: str | None = None
        self._alert: str | None = None
        agent.add_listener(self._changed)

    def raise_alert(self, reason_code: str) -> None:
        """An escalation failed (``SupervisorAlert``): the supervisors' team view flags this agent
        until the agent is available again."""
        self._alert = reason_code or "escalation"
        self.publish()

    def _changed(self, change: Any) -> None:
        if change.previous != change.state:
            self._since = self._monotonic()
        if change.state.value in ("available", "break", "offline"):
            self._alert = None
        self.publish()

    def publish(self) -> Future[Any] | None:
        account_id = self._account_id()
        if account_id is None:
            return None
        status = encode(self._agent.state.value, self._monotonic() - self._since, self._alert)
        self.last_note = status.note
        future = self._submit(cmd.SetPresence(account_id, status.online, status.activity.value, status.note))
        future.add_done_callback(_log_failure)
        return future


def _log_failure(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.info("presence not published: %s", type(future.exception()).__name__)
