"""The supervisor's team: each watched agent's live state from SIP presence. No Qt, no pjsua2.

    roster = TeamRoster(settings.supervision.team)
    roster.subscribe_all(engine.submit, account_id)        # one SUBSCRIBE per agent
    engine events (one thread) -> roster.handle_event(event)
    roster.on_change(lambda member: ...)                   # the team view repaints that row
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from softphone.sip import commands as cmd
from softphone.sip.events import BuddyPresenceChanged
from softphone.supervision.authorisation import canonical_identity
from softphone.supervision.presence_note import TeamState, decode, decode_alert

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TeamMember:
    agent_id: str
    name: str
    uri: str
    extension: str = ""
    state: TeamState = TeamState.UNKNOWN
    since_monotonic: float | None = None  # when the agent entered ``state`` (our clock)
    updated_monotonic: float | None = None  # when we last heard
    alert: str | None = None  # an escalation failed on this agent's call (reason code)

    def seconds_in_state(self, now: float) -> int | None:
        if self.since_monotonic is None or self.state in (TeamState.UNKNOWN, TeamState.OFFLINE):
            return None
        return max(0, int(now - self.since_monotonic))

    @property
    def dial_extension(self) -> str:
        return self.extension or self.agent_id


class TeamRoster:
    def __init__(self, members: Iterable[Any], *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._members: dict[str, TeamMember] = {}
        self._by_identity: dict[str, str] = {}
        for member in members:  # config.model.SupervisedAgentSettings or TeamMember
            entry = TeamMember(member.id if hasattr(member, "id") else member.agent_id, member.name, member.uri,
                               getattr(member, "extension", ""))
            self._members[entry.agent_id] = entry
            self._by_identity[canonical_identity(entry.uri)] = entry.agent_id
        self._listeners: list[Callable[[TeamMember], None]] = []
        self.buddies: dict[str, str] = {}  # agent id -> buddy id

    def on_change(self, listener: Callable[[TeamMember], None]) -> None:
        self._listeners.append(listener)

    def members(self) -> tuple[TeamMember, ...]:
        return tuple(self._members.values())

    def get(self, agent_id: str) -> TeamMember | None:
        return self._members.get(agent_id)

    def subscribe_all(self, submit: Callable[[object], Future[Any]], account_id: str,
                      dispatch: Callable[[Callable[[], None]], None] = lambda fn: fn()) -> None:
        for member in self._members.values():
            future = submit(cmd.SubscribePresence(account_id, member.uri))
            agent_id = member.agent_id

            def done(finished: Future[Any], agent_id: str = agent_id) -> None:
                if finished.cancelled() or finished.exception() is not None:
                    log.warning("presence of team member %s not subscribed", agent_id)
                    return
                buddy_id = finished.result()
                dispatch(lambda: self.buddies.__setitem__(agent_id, buddy_id))

            future.add_done_callback(done)

    def handle_event(self, event: object) -> None:
        if not isinstance(event, BuddyPresenceChanged):
            return
        agent_id = self._by_identity.get(canonical_identity(event.uri))
        member = self._members.get(agent_id) if agent_id else None
        if member is None:
            return
        now = self._monotonic()
        state, elapsed = decode(event.online, event.activity, event.note)
        if event.subscription == "terminated" and event.online is None:
            state = TeamState.UNKNOWN
        if elapsed is not None:
            since = now - elapsed
        elif state is member.state and member.since_monotonic is not None:
            since = member.since_monotonic
        else:
            since = now
        alert = decode_alert(event.note) if event.online else None
        updated = replace(member, state=state, since_monotonic=since, updated_monotonic=now, alert=alert)
        self._members[member.agent_id] = updated
        if (updated.state, updated.since_monotonic, updated.alert) != (member.state, member.since_monotonic, member.alert) \
                or member.updated_monotonic is None:
            for listener in list(self._listeners):
                try:
                    listener(updated)
                except Exception:  # noqa: BLE001
                    log.exception("team listener failed")
