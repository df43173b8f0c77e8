"""The supervisor's team: each watched agent's live state from SIP presence. No Qt, no pjsua2.

    roster = TeamRoster(settings.supervision.team)
    roster.subscribe_all(engine.submit, account_id)        # one SUBSCRIBE per agent
    engine events (one thread) -> roster.handle_event(event)
    roster.on_change(lambda member: ...)                   # the team view repaints that row
    roster.retry_due()                                     # every second or so (the view's ticker)

A subscription the network ended (``terminated``: the agent was not registered yet when the
supervisor's app started, the agent's phone restarted...) is placed again after 2, 4, 8, 16, then
every 30 s, so an agent who logs in later appears on the team view without a restart (pjsua's
own retry comes only every few minutes).
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

RESUBSCRIBE_DELAYS_S = (2.0, 4.0, 8.0, 16.0, 30.0)


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
        self._terminated: dict[str, tuple[float, int]] = {}  # agent id -> (when, retries so far)
        self._subscriber: tuple[Callable[[object], Future[Any]], str, Callable[[Callable[[], None]], None]] | None = None

    def on_change(self, listener: Callable[[TeamMember], None]) -> None:
        self._listeners.append(listener)

    def members(self) -> tuple[TeamMember, ...]:
        return tuple(self._members.values())

    def get(self, agent_id: str) -> TeamMember | None:
        return self._members.get(agent_id)

    def subscribe_all(self, submit: Callable[[object], Future[Any]], account_id: str,
                      dispatch: Callable[[Callable[[], None]], None] = lambda fn: fn()) -> None:
        self._subscriber = (submit, account_id, dispatch)
        for member in self._members.values():
            self._subscribe(member)

    def retry_due(self) -> int:
        """Subscribe again to the members whose subscription ended and whose delay is over
        (on the roster's thread); returns how many."""
        if self._subscriber is None:
            return 0
        submit, _account_id, _dispatch = self._subscriber
        now = self._monotonic()
        due = [agent_id for agent_id, (since, retries) in self._terminated.items()
               if now - since >= RESUBSCRIBE_DELAYS_S[min(retries, len(RESUBSCRIBE_DELAYS_S) - 1)]]
        for agent_id in due:
            _since, retries = self._terminated[agent_id]
            self._terminated[agent_id] = (now, retries + 1)
            old = self.buddies.pop(agent_id, None)
            if old is not None:
                submit(cmd.UnsubscribePresence(old)).add_done_callback(_ignore)
            log.info("presence of team member %s: subscribing again (retry %d)", agent_id, retries + 1)
            self._subscribe(self._members[agent_id])
        return len(due)

    def _subscribe(self, member: TeamMember) -> None:
        assert self._subscriber is not None
        submit, account_id, dispatch = self._subscriber
        future = submit(cmd.SubscribePresence(account_id, member.uri))
        agent_id = member.agent_id

        def done(finished: Future[Any]) -> None:
            if finished.cancelled() or finished.exception() is not None:
                log.warning("presence of team member %s not subscribed", agent_id)
                dispatch(lambda: self._terminated.setdefault(agent_id, (self._monotonic(), 0)))
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
        known = self.buddies.get(member.agent_id)
        if known and known != event.buddy_id:
            return  # a subscription we have replaced
        now = self._monotonic()
        state, elapsed = decode(event.online, event.activity, event.note)
        if event.subscription == "terminated":
            retries = self._terminated.get(member.agent_id, (now, 0))[1]
            self._terminated.setdefault(member.agent_id, (now, retries))
            if event.online is None:
                state = TeamState.UNKNOWN
        elif event.subscription in ("accepted", "pending", "active"):
            self._terminated.pop(member.agent_id, None)  # ("sent" and the like: not yet an answer)
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


def _ignore(future: Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # retrieved: an already-dropped buddy is no error worth logging
