"""The headset's call buttons and LEDs wired to the call controller the window's buttons use.

No Qt here. ``HeadsetController`` runs on the call controller's thread (the GUI thread in the
app): the headset's requests arrive on its I/O thread and are handed over with ``dispatch`` (in
the app: the EventBridge), so pjsip is only ever reached through the controller's ``submit``,
never from a HID thread; the other way, call changes become ``HeadsetMonitor.show`` calls, which
do no I/O (the headset's own thread writes the LEDs).

What each control does:

- Hook switch off-hook while a call rings: answer it (the window's Answer). On-hook during a
  call: hang up the call in focus (the window's Hang up). Off-hook while idle: nothing (the agent
  dials from the window; a headset taken off its stand must not place calls).
- Phone Mute: toggle mute of the call in focus (the window's Mute). The Mute LED follows the
  call's muted state, not the button, so muting from the window lights it too.
- Flash, what a desk phone's flash does:
  a call waiting while on a call -> answer it (a talking call is held first, as the window does);
  a talking call and a held one -> swap (resume the held one; the talking one is held);
  one call -> hold / resume it.
- LEDs: Ring while a call rings and none is connected; Off-Hook while a call is connected
  (also while dialling, when the agent hears ringback); Hold while the only calls are held; Mute
  while the call in focus is muted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from softphone.agent.calls import CallController, CallPhase, CallView
from softphone.headset.hid_telephony import CallPhase as LedPhase
from softphone.headset.hid_telephony import HeadsetRequest
from softphone.headset.monitor import POLL_S, HeadsetButtonsStatus, HeadsetMonitor

log = logging.getLogger(__name__)

_CONNECTED = (CallPhase.TALKING, CallPhase.REMOTE_HELD, CallPhase.CONNECTING, CallPhase.DIALING)

StatusListener = Callable[[HeadsetButtonsStatus], None]


def led_state(calls: tuple[CallView, ...], focus: CallView | None) -> tuple[LedPhase, bool]:
    """The (phase, muted) the headset shows for the controller's calls."""
    phases = {view.phase for view in calls if view.live}
    if phases & set(_CONNECTED):
        phase = LedPhase.ACTIVE
    elif CallPhase.RINGING in phases:
        phase = LedPhase.RINGING
    elif CallPhase.HELD in phases:
        phase = LedPhase.HELD
    else:
        phase = LedPhase.IDLE
    muted = bool(focus is not None and focus.muted and phase in (LedPhase.ACTIVE, LedPhase.HELD))
    return phase, muted


class HeadsetController:
    def __init__(self, calls: CallController, *, dispatch: Callable[[Callable[[], None]], None]) -> None:
        self._calls = calls
        self._dispatch = dispatch
        self._device: HeadsetMonitor | None = None
        self.status: HeadsetButtonsStatus | None = None
        self._status_listeners: list[StatusListener] = []
        calls.on_change(lambda _views: self._show())

    def attach(self, device: HeadsetMonitor) -> None:
        self._device = device
        self._show()

    def on_status(self, listener: StatusListener) -> None:
        self._status_listeners.append(listener)

    # ------------------------------------------------------------------ from the headset's threads

    def device_request(self, request: HeadsetRequest) -> None:
        """Any thread: runs ``handle`` on the controller's thread."""
        self._dispatch(lambda: self.handle(request))

    def device_status(self, status: HeadsetButtonsStatus) -> None:
        """Any thread: the status reaches the listeners on the controller's thread."""
        self._dispatch(lambda: self._status_changed(status))

    # ------------------------------------------------------------------ controller's thread

    def handle(self, request: HeadsetRequest) -> Future[Any] | None:
        calls = self._calls
        if request is HeadsetRequest.ANSWER:
            return calls.answer()
        if request is HeadsetRequest.HANG_UP:
            return calls.hangup()
        if request is HeadsetRequest.TOGGLE_MUTE:
            return calls.toggle_mute()
        if request is HeadsetRequest.FLASH:
            return self._flash()
        log.debug("headset off-hook while idle: ignored")
        return None

    def _flash(self) -> Future[Any]:
        calls = self._calls
        views = calls.calls()
        talking = [view for view in views if view.phase in (CallPhase.TALKING, CallPhase.REMOTE_HELD)]
        held = [view for view in views if view.phase is CallPhase.HELD]
        ringing = calls.ringing()
        if ringing and (talking or held):
            return calls.answer(ringing[-1].call_id)
        if talking and held:
            return calls.resume(held[-1].call_id)
        return calls.toggle_hold()

    def _show(self) -> None:
        if self._device is not None:
            self._device.show(*led_state(self._calls.calls(), self._calls.focus()))

    def _status_changed(self, status: HeadsetButtonsStatus) -> None:
        self.status = status
        for listener in list(self._status_listeners):
            listener(status)


@dataclass
class HeadsetButtons:
    """The feature as the app holds it: stop it at shutdown."""

    controller: HeadsetController
    monitor: HeadsetMonitor

    def stop(self) -> None:
        self.monitor.stop()


def start_headset_buttons(
    settings: Any,  # softphone.config.model.HeadsetButtonsSettings
    calls: CallController,
    *,
    dispatch: Callable[[Callable[[], None]], None],
    on_status: StatusListener,
    hid_module: Any | None = None,
    poll_s: float = POLL_S,
) -> HeadsetButtons | None:
    """Controller's thread: the headset buttons as settings say; None when IT turned them off.

    Returns at once: hidapi is imported, devices enumerated and opened on the monitor's thread.
    """
    if not settings.enabled:
        return None
    controller = HeadsetController(calls, dispatch=dispatch)
    controller.on_status(on_status)
    monitor = HeadsetMonitor(
        controller.device_request, controller.device_status, hid_module=hid_module,
        vendor_id=settings.vendor_id, product_id=settings.product_id, poll_s=poll_s,
    )
    controller.attach(monitor)
    monitor.start()
    return HeadsetButtons(controller, monitor)
