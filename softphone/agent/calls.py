"""The call controller: SIP engine events in, a view model out; agent intents in, engine commands out.

No Qt here. It runs on one thread (the GUI thread in the app): ``handle_event`` is given the
engine's events after the EventBridge moved them there. Commands go through ``submit`` (the
engine's ``submit``: returns a Future at once); a Future is never waited on: its outcome comes
back through ``dispatch`` (in the app: the EventBridge), so a failed command is reported on the
right thread without blocking it.

The controller also applies the agent's availability: an incoming call while the agent is not
available is answered 486 Busy Here (do-not-disturb) without ringing; the first answered call
moves the agent On call, the end of the last call starts wrap-up.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from softphone.agent.call_view import CallPhase, CallView, QualityLevel, quality_level  # noqa: F401 - re-exported
from softphone.agent.history import CallHistory, CallOutcome, Direction, HistoryEntry
from softphone.agent.state import AgentState, AgentStateMachine
from softphone.sip import commands as cmd
from softphone.sip.events import (
    CallDirection,
    CallMediaChanged,
    CallQuality,
    CallState,
    CallStateChanged,
    EngineError,
    IdentitySource,
    IncomingCall,
    MediaState,
    MuteChanged,
    RegistrationChanged,
    RegistrationState,
    TransferProgress,
)

log = logging.getLogger(__name__)

DTMF_DIGITS = frozenset("0123456789*#ABCD")
# What an agent may type or a CTI client may send as a destination: a SIP/tel URI or a dial string.
_DIAL_STRING = re.compile(r"^\+?[0-9A-Za-z*#().\- ]{1,64}$")


# CallPhase, QualityLevel, quality_level and CallView live in call_view.py (the main window imports
# them before the SIP layer is loaded).


@dataclass
class _Call:
    view: CallView
    started_wall: datetime
    answered_wall: datetime | None = None
    media: MediaState = MediaState.NONE
    transferred: bool = False
    declined: bool = False
    busy: bool = False
    history: dict[str, Any] = field(default_factory=dict)


class CommandFailed(Exception):
    pass


@dataclass(frozen=True)
class ControllerNotice:
    """Something the agent should read (command failed, engine error). Never PHI."""

    text: str
    call_id: str | None = None


ChangeListener = Callable[[tuple[CallView, ...]], None]
IncomingListener = Callable[[CallView], None]
NoticeListener = Callable[[ControllerNotice], None]
CallEndedListener = Callable[[CallView], None]
RegistrationListener = Callable[[RegistrationChanged], None]


def normalise_destination(destination: str) -> str:
    """A SIP/tel URI or a dial string, checked; raises ValueError for anything else."""
    value = destination.strip()
    lowered = value.lower()
    if lowered.startswith(("sip:", "sips:")):
        if len(value) > 256 or any(ch.isspace() or not ch.isprintable() for ch in value) or "@" not in value and len(value) <= 4:
            raise ValueError("not a usable SIP URI")
        return value
    if lowered.startswith("tel:"):
        number = value[4:].split(";", 1)[0]
        if not _DIAL_STRING.match(number):
            raise ValueError("not a usable tel: URI")
        return "".join(ch for ch in number if ch not in " ().-")
    if not _DIAL_STRING.match(value):
        raise ValueError("not a number or SIP address")
    return "".join(ch for ch in value if ch not in " ().-")


class CallController:
    def __init__(
        self,
        submit: Callable[[object], Future[Any]],
        agent: AgentStateMachine,
        history: CallHistory | None = None,
        *,
        dispatch: Callable[[Callable[[], None]], None] = lambda fn: fn(),
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ):
        self._submit = submit
        self.agent = agent
        self.history = history or CallHistory()
        self._dispatch = dispatch
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._calls: dict[str, _Call] = {}
        self._ended_connected: list[str] = []
        self.account_id: str | None = None
        self.registration: RegistrationChanged | None = None
        self._change_listeners: list[ChangeListener] = []
        self._incoming_listeners: list[IncomingListener] = []
        self._notice_listeners: list[NoticeListener] = []
        self._ended_listeners: list[CallEndedListener] = []
        self._registration_listeners: list[RegistrationListener] = []

    # ------------------------------------------------------------------ listeners

    def on_change(self, listener: ChangeListener) -> None:
        self._change_listeners.append(listener)

    def on_incoming(self, listener: IncomingListener) -> None:
        self._incoming_listeners.append(listener)

    def on_notice(self, listener: NoticeListener) -> None:
        self._notice_listeners.append(listener)

    def on_call_ended(self, listener: CallEndedListener) -> None:
        self._ended_listeners.append(listener)

    def on_registration(self, listener: RegistrationListener) -> None:
        self._registration_listeners.append(listener)

    # ------------------------------------------------------------------ queries

    def calls(self) -> tuple[CallView, ...]:
        """Live calls, oldest first."""
        return tuple(call.view for call in self._calls.values() if not call.busy)

    def get(self, call_id: str) -> CallView | None:
        call = self._calls.get(call_id)
        return call.view if call and not call.busy else None

    def focus(self) -> CallView | None:
        """The call the big controls act on: the talking one, else a ringing one, else the newest."""
        views = self.calls()
        for phases in (
            (CallPhase.TALKING, CallPhase.REMOTE_HELD, CallPhase.CONNECTING),
            (CallPhase.DIALING,),
            (CallPhase.RINGING,),
            (CallPhase.HELD,),
        ):
            matching = [view for view in views if view.phase in phases]
            if matching:
                return matching[-1]
        return views[-1] if views else None

    def ringing(self) -> tuple[CallView, ...]:
        return tuple(view for view in self.calls() if view.phase is CallPhase.RINGING)

    # ------------------------------------------------------------------ intents

    def dial(self, destination: str) -> Future[Any]:
        target = normalise_destination(destination)
        if self.account_id is None:
            return self._refuse("No SIP account is ready yet.")
        for view in self.calls():
            if view.phase in (CallPhase.TALKING, CallPhase.REMOTE_HELD):
                self._send(cmd.Hold(view.call_id), "hold")
        return self._send(cmd.MakeCall(self.account_id, target), "dial")

    def answer(self, call_id: str | None = None) -> Future[Any]:
        view = self._target(call_id, CallPhase.RINGING)
        if view is None:
            return self._refuse("There is no ringing call to answer.")
        # A second call answered while on a call: the first is put on hold first (commands run in order).
        for other in self.calls():
            if other.call_id != view.call_id and other.phase in (CallPhase.TALKING, CallPhase.REMOTE_HELD):
                self._send(cmd.Hold(other.call_id), "hold")
        return self._send(cmd.Answer(view.call_id), "answer")

    def decline(self, call_id: str | None = None) -> Future[Any]:
        view = self._target(call_id, CallPhase.RINGING)
        if view is None:
            return self._refuse("There is no ringing call to decline.")
        self._calls[view.call_id].declined = True
        return self._send(cmd.Reject.decline(view.call_id), "decline")

    def hangup(self, call_id: str | None = None) -> Future[Any]:
        view = self.get(call_id) if call_id else self.focus()
        if view is None or not view.live:
            return self._refuse("There is no call to hang up.")
        if view.phase is CallPhase.RINGING:
            return self.decline(view.call_id)
        return self._send(cmd.Hangup(view.call_id), "hang up")

    def hold(self, call_id: str | None = None) -> Future[Any]:
        view = self._target(call_id, CallPhase.TALKING, CallPhase.REMOTE_HELD)
        if view is None:
            return self._refuse("There is no call to hold.")
        return self._send(cmd.Hold(view.call_id), "hold")

    def resume(self, call_id: str | None = None) -> Future[Any]:
        view = self._target(call_id, CallPhase.HELD)
        if view is None:
            return self._refuse("There is no held call to resume.")
        for other in self.calls():  # swap: only one call talks to the headset at a time
            if other.call_id != view.call_id and other.phase in (CallPhase.TALKING, CallPhase.REMOTE_HELD):
                self._send(cmd.Hold(other.call_id), "hold")
        return self._send(cmd.Resume(view.call_id), "resume")

    def toggle_hold(self, call_id: str | None = None) -> Future[Any]:
        view = self.get(call_id) if call_id else self.focus()
        if view is not None and view.phase is CallPhase.HELD:
            return self.resume(view.call_id)
        if view is None:
            held = [v for v in self.calls() if v.phase is CallPhase.HELD]
            if held:
                return self.resume(held[-1].call_id)
        return self.hold(view.call_id if view else None)

    def set_mute(self, muted: bool, call_id: str | None = None) -> Future[Any]:
        view = self.get(call_id) if call_id else self.focus()
        if view is None or not view.live or view.phase is CallPhase.RINGING:
            return self._refuse("There is no call to mute.")
        return self._send(cmd.SetMute(view.call_id, muted), "mute")

    def toggle_mute(self, call_id: str | None = None) -> Future[Any]:
        view = self.get(call_id) if call_id else self.focus()
        return self.set_mute(not (view.muted if view else False), view.call_id if view else None)

    def send_dtmf(self, digits: str, call_id: str | None = None) -> Future[Any]:
        if not digits or any(ch not in DTMF_DIGITS for ch in digits):
            return self._refuse("DTMF digits are 0-9, *, # and A-D.")
        view = self._target(call_id, CallPhase.TALKING, CallPhase.REMOTE_HELD)
        if view is None:
            return self._refuse("There is no call to send tones to.")
        return self._send(cmd.SendDtmf(view.call_id, digits), "keypad")

    def blind_transfer(self, destination: str, call_id: str | None = None) -> Future[Any]:
        target = normalise_destination(destination)
        view = self._target(call_id, CallPhase.TALKING, CallPhase.HELD, CallPhase.REMOTE_HELD)
        if view is None:
            return self._refuse("There is no call to transfer.")
        self._update(view.call_id, transfer_status="trying")
        self._calls[view.call_id].transferred = True
        return self._send(cmd.BlindTransfer(view.call_id, target), "transfer")

    def redial(self, call_id: str) -> Future[Any]:
        target = self.history.redial_target(call_id)
        if target is None:
            return self._refuse("That call has no number to call back.")
        return self.dial(target)

    def submit_disposition(self, code: str) -> None:
        change = self.agent.submit_disposition(code)
        self.history.set_disposition(change.call_ids, code)

    # ------------------------------------------------------------------ events (GUI thread)

    def handle_event(self, event: object) -> None:
        if isinstance(event, IncomingCall):
            self._incoming(event)
        elif isinstance(event, CallStateChanged):
            self._state_changed(event)
        elif isinstance(event, CallMediaChanged):
            self._media_changed(event)
        elif isinstance(event, MuteChanged):
            self._update(event.call_id, muted=event.muted)
        elif isinstance(event, CallQuality):
            if event.mos is not None:
                self._update(event.call_id, mos=event.mos)
        elif isinstance(event, TransferProgress):
            status = "done" if event.final and 200 <= event.status_code < 300 else (
                "failed" if event.final else ("ringing" if event.status_code in (180, 183) else "trying")
            )
            self._update(event.call_id, transfer_status=status)
            if event.final and status == "failed":
                call = self._calls.get(event.call_id)
                if call:
                    call.transferred = False
                self._notify(ControllerNotice("The transfer failed; the caller is still on the line.", event.call_id))
        elif isinstance(event, RegistrationChanged):
            if self.account_id is None or event.account_id == self.account_id:
                self.registration = event
                for listener in list(self._registration_listeners):
                    listener(event)
        elif isinstance(event, EngineError):
            log.warning("engine error in %s", event.where)

    def _incoming(self, event: IncomingCall) -> None:
        identity = event.identity
        asserted = identity is not None and identity.source is IdentitySource.P_ASSERTED_IDENTITY
        uri = identity.uri if identity and identity.uri else event.remote_uri
        name = identity.display_name if identity and identity.display_name else event.remote_display_name
        view = CallView(
            event.call_id, Direction.INCOMING, CallPhase.RINGING, uri, name, asserted, self._monotonic(),
            auto_answer_after_s=event.auto_answer_after_s,
        )
        call = _Call(view, self._wall_clock())
        self._calls[event.call_id] = call
        if not self.agent.offers_calls():
            # Do-not-disturb: the caller hears busy and the agent is not disturbed.
            call.busy = True
            log.info("%s answered busy (agent %s)", event.call_id, self.agent.state)
            self._send(cmd.Reject.busy(event.call_id), "busy")
            return
        self._changed()
        for listener in list(self._incoming_listeners):
            listener(view)

    def _state_changed(self, event: CallStateChanged) -> None:
        call = self._calls.get(event.call_id)
        if call is None:
            if event.state is CallState.DISCONNECTED:
                return
            direction = Direction.INCOMING if event.direction is CallDirection.INCOMING else Direction.OUTGOING
            identity = event.identity
            view = CallView(
                event.call_id, direction,
                CallPhase.RINGING if direction is Direction.INCOMING else CallPhase.DIALING,
                identity.uri if identity and identity.uri else event.remote_uri,
                identity.display_name if identity and identity.display_name else event.remote_display_name,
                identity is not None and identity.source is IdentitySource.P_ASSERTED_IDENTITY,
                self._monotonic(),
            )
            call = _Call(view, self._wall_clock())
            self._calls[event.call_id] = call
        view = call.view
        changes: dict[str, Any] = {"status_code": event.status_code, "reason": event.reason}
        if view.direction is Direction.OUTGOING and not view.display_name and event.remote_display_name:
            changes["display_name"] = event.remote_display_name
        if event.state is CallState.CONFIRMED:
            if view.connected_at is None:
                changes["connected_at"] = self._monotonic()
                call.answered_wall = self._wall_clock()
                self.agent.call_started(event.call_id)
            changes["phase"] = self._talking_phase(call.media)
        elif event.state is CallState.CONNECTING:
            changes["phase"] = CallPhase.CONNECTING
        elif event.state is CallState.DISCONNECTED:
            self._ended(call, event)
            return
        if call.busy:
            return
        self._update(event.call_id, **changes)

    def _media_changed(self, event: CallMediaChanged) -> None:
        call = self._calls.get(event.call_id)
        if call is None:
            return
        call.media = event.state
        if call.view.phase in (CallPhase.TALKING, CallPhase.HELD, CallPhase.REMOTE_HELD, CallPhase.CONNECTING) and (
            call.view.connected_at is not None
        ):
            self._update(event.call_id, phase=self._talking_phase(event.state))

    @staticmethod
    def _talking_phase(media: MediaState) -> CallPhase:
        if media is MediaState.LOCAL_HOLD:
            return CallPhase.HELD
        if media is MediaState.REMOTE_HOLD:
            return CallPhase.REMOTE_HELD
        return CallPhase.TALKING

    def _ended(self, call: _Call, event: CallStateChanged) -> None:
        view = replace(call.view, phase=CallPhase.ENDED, status_code=event.status_code, reason=event.reason)
        del self._calls[view.call_id]
        if call.busy:
            outcome = CallOutcome.BUSY
        elif call.transferred and view.connected_at is not None:
            outcome = CallOutcome.TRANSFERRED
        elif view.connected_at is not None:
            outcome = CallOutcome.ANSWERED
        elif view.direction is Direction.OUTGOING:
            outcome = CallOutcome.FAILED
        else:
            outcome = CallOutcome.MISSED
        self.history.add(
            HistoryEntry(
                view.call_id, view.direction, view.remote_uri, view.display_name, call.started_wall,
                call.answered_wall, self._wall_clock(), outcome, None, event.status_code,
            )
        )
        if view.connected_at is not None:
            # Every answered call needs a disposition; wrap-up starts when the last one ends.
            self._ended_connected.append(view.call_id)
            if not any(c.view.connected_at is not None for c in self._calls.values()):
                ended, self._ended_connected = self._ended_connected, []
                self.agent.all_calls_ended(ended)
        if not call.busy:
            for listener in list(self._ended_listeners):
                listener(view)
            self._changed()

    # ------------------------------------------------------------------ helpers

    def _target(self, call_id: str | None, *phases: CallPhase) -> CallView | None:
        if call_id is not None:
            view = self.get(call_id)
            return view if view is not None and view.phase in phases else None
        focus = self.focus()
        if focus is not None and focus.phase in phases:
            return focus
        matching = [view for view in self.calls() if view.phase in phases]
        return matching[-1] if matching else None

    def _update(self, call_id: str, **changes: Any) -> None:
        call = self._calls.get(call_id)
        if call is None:
            return
        updated = replace(call.view, **changes)
        if updated != call.view:
            call.view = updated
            self._changed()

    def _changed(self) -> None:
        snapshot = tuple(call.view for call in self._calls.values() if not call.busy)
        for listener in list(self._change_listeners):
            listener(snapshot)

    def _notify(self, notice: ControllerNotice) -> None:
        for listener in list(self._notice_listeners):
            listener(notice)

    def _refuse(self, text: str) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(CommandFailed(text))
        return future

    def _send(self, command: object, what: str) -> Future[Any]:
        future = self._submit(command)
        call_id = getattr(command, "call_id", None)

        def done(finished: Future[Any]) -> None:
            if finished.cancelled() or finished.exception() is None:
                return
            error = finished.exception()
            log.warning("%s failed: %s", what, type(error).__name__)
            self._dispatch(lambda: self._command_failed(what, call_id))

        future.add_done_callback(done)
        return future

    def _command_failed(self, what: str, call_id: str | None) -> None:
        if call_id is not None:
            call = self._calls.get(call_id)
            if call is not None and what == "transfer":
                call.transferred = False
                self._update(call_id, transfer_status="failed")
        self._notify(ControllerNotice(f"Could not {what}.", call_id))
