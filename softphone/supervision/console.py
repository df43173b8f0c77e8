"""The supervisor's side: Listen / Whisper / Barge / Leave on one agent's call. No Qt, no pjsua2.

    console = SupervisorConsole(engine.submit, account_id=lambda: ..., supervisor_id="sup-1",
                                method="client", audit=audit_log)
    console.start(member, SupervisionMode.LISTEN)     # places the supervision call
    console.switch(SupervisionMode.WHISPER)           # in-dialog MESSAGE with X-Supervise
    console.leave()
    engine events (one thread) -> console.handle_event(event)

Client mode: the call goes to the agent's own softphone with ``X-Supervise: <mode>``, which mixes
the supervisor in (``agent_side``); a switch is an in-dialog MESSAGE, confirmed by its 200.
PBX mode: the buttons dial the provisioned feature codes (Asterisk ChanSpy, FreeSWITCH eavesdrop)
with ``{agent}`` replaced by the agent's extension; a switch hangs up and dials the new code.

While listening, the supervisor's own microphone is muted too (``mute_in_listen``): the agent's
side already keeps them unheard, this is defence in depth. Every session is audited here as well
(started, each mode switch, ended with its reason), as the agent's side audits it on theirs.

The supervision call is not a patient's call: ``claims(event)`` tells the desktop which engine
events belong to it, so the call controller never sees them (no call view, no On call, no
wrap-up, no screen-pop or notes). The call id is only known when ``MakeCall``'s result comes back,
after its first events: while it is awaited, new outgoing calls' events are held, and those that
turn out not to be ours are handed back in order through ``release``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from softphone.audit import AuditAction
from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallState, CallStateChanged, InDialogMessageStatus
from softphone.sip.routing import SupervisionMode
from softphone.supervision.modes import MODE_MESSAGE_CONTENT_TYPE, mode_headers

log = logging.getLogger(__name__)

_MAX_OWN_CALLS = 64
_MAX_HELD_EVENTS = 256


class ConsolePhase(StrEnum):
    CALLING = "calling"  # the supervision call is being placed / rings
    ACTIVE = "active"
    SWITCHING = "switching"  # a mode switch was sent, its answer not yet back
    ENDED = "ended"


class ConsoleError(Exception):
    """The request cannot be carried out (no account, already supervising, nothing to switch)."""


@dataclass(frozen=True)
class ConsoleSession:
    agent_id: str
    agent_uri: str
    mode: SupervisionMode
    phase: ConsolePhase
    call_id: str | None = None
    requested_mode: SupervisionMode | None = None  # a switch in flight
    status_code: int = 0  # the last SIP answer (403: refused by the agent's phone)
    end_reason: str = ""
    started_monotonic: float = 0.0
    switch_requested_monotonic: float | None = None


class SupervisorConsole:
    def __init__(
        self,
        submit: Callable[[object], Future[Any]],
        *,
        account_id: Callable[[], str | None],
        supervisor_id: str,
        method: str = "client",
        feature_codes: Any = None,  # config.model.SupervisionFeatureCodes (pbx mode)
        mute_in_listen: bool = True,
        audit: Any = None,
        dispatch: Callable[[Callable[[], None]], None] = lambda fn: fn(),
        resolve_destination: Callable[[str], str] = lambda destination: destination,
        release: Callable[[object], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if method not in ("client", "pbx"):
            raise ValueError("method is client or pbx")
        self._submit = submit
        self._account_id = account_id
        self.supervisor_id = supervisor_id
        self.method = method
        self.feature_codes = feature_codes
        self.mute_in_listen = mute_in_listen
        self._audit = audit
        self._dispatch = dispatch
        self._resolve = resolve_destination
        self._monotonic = monotonic
        self.session: ConsoleSession | None = None
        self._listeners: list[Callable[[ConsoleSession | None], None]] = []
        self._placements = 0  # MakeCalls placed; the newest one is the session's
        self._pending: set[int] = set()  # placements whose call id has not come back yet
        self._orphans: list[CallStateChanged] = []
        # ``claims``: our calls' ids (this and earlier sessions: late events stay ours), and the
        # events held while our MakeCall's result is awaited (see the module docstring).
        self.release = release
        self._own_calls: list[str] = []
        self._held_calls: set[str] = set()
        self._held: list[object] = []

    def on_change(self, listener: Callable[[ConsoleSession | None], None]) -> None:
        self._listeners.append(listener)

    # ------------------------------------------------------------------ the buttons

    def start(self, member: Any, mode: SupervisionMode) -> ConsoleSession:
        """``member``: a ``team.TeamMember`` (agent_id, uri, dial_extension)."""
        mode = SupervisionMode(mode)
        if self.session is not None and self.session.phase is not ConsolePhase.ENDED:
            raise ConsoleError("Already supervising a call: leave it first.")
        account_id = self._account_id()
        if account_id is None:
            raise ConsoleError("No SIP account is ready yet.")
        self.session = ConsoleSession(member.agent_id, member.uri, mode, ConsolePhase.CALLING,
                                      started_monotonic=self._monotonic())
        self._member = member
        self._place(account_id, mode)
        self._notify()
        return self.session

    def switch(self, mode: SupervisionMode) -> bool:
        mode = SupervisionMode(mode)
        session = self.session
        if session is None or session.phase not in (ConsolePhase.ACTIVE, ConsolePhase.SWITCHING) or session.call_id is None:
            return False
        if mode is session.mode and session.requested_mode is None:
            return True
        now = self._monotonic()
        if self.method == "pbx":
            # ChanSpy/eavesdrop modes are chosen by the dialled code: dial the new one.
            old_call = session.call_id
            self.session = replace(session, phase=ConsolePhase.CALLING, mode=mode, call_id=None,
                                   requested_mode=None, switch_requested_monotonic=now)
            self._command(cmd.Hangup(old_call), "hang up")
            account_id = self._account_id()
            if account_id is not None:
                self._place(account_id, mode)
            self._record("mode_changed", mode=mode.value, previous_mode=session.mode.value)
            self._notify()
            return True
        self.session = replace(session, phase=ConsolePhase.SWITCHING, requested_mode=mode,
                               switch_requested_monotonic=now)
        self._command(cmd.SendInDialogMessage(session.call_id, MODE_MESSAGE_CONTENT_TYPE, mode.value,
                                              mode_headers(mode)), "switch mode")
        self._notify()
        return True

    def leave(self, reason: str = "supervisor_left") -> bool:
        """Leave button (``reason`` "supervisor_left"), or the app closing ("app_closed")."""
        session = self.session
        if session is None or session.phase is ConsolePhase.ENDED:
            return False
        if session.call_id is not None:
            self._command(cmd.Hangup(session.call_id), "leave")
            self._end(reason, session.status_code)
        else:
            self._end(reason, 0)  # the call id will be hung up when it arrives
        return True

    # ------------------------------------------------------------------ which events are ours

    def claims(self, event: object) -> bool:
        """True for the events of the supervisor's own supervision calls (and, while our
        ``MakeCall`` is awaited, of any new outgoing call: held, released if not ours). Runs on
        the thread of ``handle_event``, before it."""
        call_id = getattr(event, "call_id", None)
        if not isinstance(call_id, str):
            return False
        if call_id in self._own_calls:
            return True
        if (self._pending and isinstance(event, CallStateChanged) and event.direction is CallDirection.OUTGOING
                and len(self._held) < _MAX_HELD_EVENTS):
            self._held_calls.add(call_id)
        if call_id in self._held_calls:
            self._held.append(event)
            return True
        return False

    def _settle_held(self, ours: str | None) -> None:
        """A MakeCall's result is back: its events are ours; once none is awaited any more, the
        held events of other calls go back, in order."""
        if ours is not None:
            self._own_calls.append(ours)
            del self._own_calls[:-_MAX_OWN_CALLS]
            self._held_calls.discard(ours)
            self._held = [event for event in self._held if getattr(event, "call_id", None) != ours]
        if self._pending:
            return
        held, self._held, self._held_calls = self._held, [], set()
        for event in held:
            if getattr(event, "call_id", None) != ours and self.release is not None:
                try:
                    self.release(event)
                except Exception:  # noqa: BLE001
                    log.exception("a held call event could not be handed back")

    # ------------------------------------------------------------------ events

    def handle_event(self, event: object) -> None:
        session = self.session
        if session is None:
            return
        if isinstance(event, CallStateChanged):
            if session.call_id is None:
                if self._pending and len(self._orphans) < _MAX_HELD_EVENTS:
                    self._orphans.append(event)
                return
            if event.call_id == session.call_id:
                self._call_state(event)
        elif isinstance(event, InDialogMessageStatus) and event.call_id == session.call_id:
            self._switch_answered(event)

    # ------------------------------------------------------------------ internals

    def _place(self, account_id: str, mode: SupervisionMode) -> None:
        member = self._member
        if self.method == "pbx":
            code = getattr(self.feature_codes, mode.value, "") if self.feature_codes is not None else ""
            destination = code.replace("{agent}", member.dial_extension)
            headers: tuple[tuple[str, str], ...] = ()
        else:
            destination, headers = member.uri, mode_headers(mode)
        self._placements += 1
        placement = self._placements
        self._pending.add(placement)
        future = self._submit(cmd.MakeCall(account_id, self._resolve(destination), headers))
        future.add_done_callback(lambda done: self._dispatch(lambda: self._placed(placement, done)))

    def _placed(self, placement: int, future: Future[Any]) -> None:
        self._pending.discard(placement)
        session = self.session
        error = future.exception() if not future.cancelled() else RuntimeError("cancelled")
        call_id = None if error is not None else str(future.result())
        self._settle_held(call_id)
        orphans = [event for event in self._orphans if event.call_id == call_id]
        self._orphans = [event for event in self._orphans if event.call_id != call_id] if self._pending else []
        if placement != self._placements:
            # An earlier placement (left, then started again before its INVITE was out).
            if call_id is not None:
                self._command(cmd.Hangup(call_id), "hang up")
            return
        if error is not None:
            log.warning("supervision call not placed: %s", type(error).__name__)
            if session is not None and session.phase is not ConsolePhase.ENDED:
                self._end("call_failed", 0)
            return
        assert call_id is not None
        if session is None or session.phase is ConsolePhase.ENDED:
            self._command(cmd.Hangup(call_id), "hang up")  # left before the INVITE was out
            return
        self.session = replace(session, call_id=call_id)
        for event in orphans:
            self._call_state(event)
        self._notify()

    def _call_state(self, event: CallStateChanged) -> None:
        session = self.session
        assert session is not None
        if event.state is CallState.CONFIRMED and session.phase is ConsolePhase.CALLING:
            self.session = replace(session, phase=ConsolePhase.ACTIVE, status_code=event.status_code)
            self._apply_mute(session.mode)
            if session.switch_requested_monotonic is None:
                self._record("started", mode=session.mode.value)
            self._notify()
        elif event.state is CallState.DISCONNECTED:
            if session.phase is ConsolePhase.CALLING:
                reason = "refused" if event.status_code in (403, 480, 486, 603) else "not_connected"
            else:
                reason = "ended_by_agent_side"
            self._end(reason, event.status_code)

    def _switch_answered(self, event: InDialogMessageStatus) -> None:
        session = self.session
        assert session is not None
        if session.requested_mode is None:
            return
        if 200 <= event.status_code < 300:
            previous = session.mode
            mode = session.requested_mode
            self.session = replace(session, mode=mode, requested_mode=None, phase=ConsolePhase.ACTIVE,
                                   status_code=event.status_code)
            self._apply_mute(mode)
            self._record("mode_changed", mode=mode.value, previous_mode=previous.value)
        else:
            log.warning("supervision mode switch refused: %d", event.status_code)
            self.session = replace(session, requested_mode=None, phase=ConsolePhase.ACTIVE,
                                   status_code=event.status_code)
        self._notify()

    def _apply_mute(self, mode: SupervisionMode) -> None:
        session = self.session
        if session is None or session.call_id is None or self.method == "pbx":
            return
        muted = self.mute_in_listen and mode is SupervisionMode.LISTEN
        self._command(cmd.SetMute(session.call_id, muted), "mute")

    def _end(self, reason: str, status_code: int) -> None:
        session = self.session
        if session is None or session.phase is ConsolePhase.ENDED:
            return
        self.session = replace(session, phase=ConsolePhase.ENDED, end_reason=reason, status_code=status_code)
        duration = round(self._monotonic() - session.started_monotonic, 1)
        self._record("ended", mode=session.mode.value, reason=reason, sip_status=status_code, duration_s=duration)
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            try:
                listener(self.session)
            except Exception:  # noqa: BLE001
                log.exception("console listener failed")

    def _record(self, event: str, **details: Any) -> None:
        session = self.session
        if self._audit is None or session is None:
            return
        clean = {"event": event, "side": "supervisor", "agent": session.agent_id, "method": self.method,
                 **{k: v for k, v in details.items() if v is not None}}
        if session.call_id:
            clean["supervision_call"] = session.call_id
        try:
            self._audit.record(self.supervisor_id, AuditAction.SUPERVISION, subject=f"agent:{session.agent_id}",
                               details=clean)
        except Exception:  # noqa: BLE001
            log.exception("supervision audit entry not recorded")

    def _command(self, command: object, what: str) -> None:
        future = self._submit(command)

        def done(finished: Future[Any]) -> None:
            if not finished.cancelled() and finished.exception() is not None:
                log.info("supervision console: could not %s: %s", what, type(finished.exception()).__name__)

        future.add_done_callback(done)
