"""Hot-plug of the headset's call buttons: find, open, reopen, and say what state they are in.

A thread of its own enumerates HID devices every ``poll_s`` seconds (enumeration reads sysfs /
SetupAPI: milliseconds, never on the GUI thread), opens the first telephony headset that matches
IT's filter, and drops it when it is unplugged (its I/O thread reports a failed read at once; the
next enumeration is the backstop). Polling rather than udev/WM_DEVICECHANGE notifications keeps
one portable code path; a plug is noticed within ``poll_s``, an unplug at once.

The call state the app last showed (``show``) is remembered, so a headset plugged in mid-call
lights its Off-Hook (and Mute) LEDs straight away.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from softphone.headset.hid_device import HidHeadset, HidHeadsetInfo, find_telephony_headsets, import_hid
from softphone.headset.hid_telephony import CallPhase, HeadsetRequest

log = logging.getLogger(__name__)

POLL_S = 2.0


class HeadsetButtonsState(StrEnum):
    CONNECTED = "connected"
    NOT_FOUND = "not_found"  # no telephony headset (matching the filter) is plugged in
    NO_ACCESS = "no_access"  # one is plugged in but cannot be opened (Linux: no udev rule)
    UNAVAILABLE = "unavailable"  # no hidapi on this computer


@dataclass(frozen=True)
class HeadsetButtonsStatus:
    """What the status bar shows. ``product`` comes from the device: untrusted, plain text only."""

    state: HeadsetButtonsState
    product: str = ""
    vendor_id: int = 0
    product_id: int = 0


OpenHeadset = Callable[..., HidHeadset]


class HeadsetMonitor:
    """Owns the open headset (at most one). ``on_request``/``on_status`` run on its threads."""

    def __init__(
        self,
        on_request: Callable[[HeadsetRequest], None],
        on_status: Callable[[HeadsetButtonsStatus], None],
        *,
        hid_module: Any | None = None,
        vendor_id: int = 0,
        product_id: int = 0,
        poll_s: float = POLL_S,
    ) -> None:
        self._on_request = on_request
        self._on_status = on_status
        self._hid = hid_module
        self._vendor_id = vendor_id
        self._product_id = product_id
        self._poll_s = poll_s
        # Guards _headset and _shown only: opening, closing and enumerating happen outside it.
        self._lock = threading.Lock()
        self._headset: HidHeadset | None = None
        self._shown: tuple[CallPhase, bool] = (CallPhase.IDLE, False)
        self._status: HeadsetButtonsStatus | None = None
        self._refused: set[bytes] = set()  # paths that could not be opened (logged once; retried)
        self._unusable: set[bytes] = set()  # opened, but no hook switch: not retried while plugged
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> HeadsetButtonsStatus | None:
        return self._status

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hid-headset-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            headset, self._headset = self._headset, None
        if headset is not None:
            headset.close()

    def show(self, phase: CallPhase, muted: bool) -> None:
        """Any thread, no I/O: the call state the LEDs show (and the buttons are read against)."""
        with self._lock:
            self._shown = (phase, muted)
            if self._headset is not None:
                self._headset.show(phase, muted)

    def rescan(self) -> None:
        self._wake.set()

    # ------------------------------------------------------------------ monitor thread

    def _run(self) -> None:
        if self._hid is None:
            try:
                self._hid = import_hid()
            except (ImportError, OSError) as error:  # no wheel for this platform, no libudev...
                log.warning("headset buttons unavailable: %s", error)
                self._publish(HeadsetButtonsStatus(HeadsetButtonsState.UNAVAILABLE))
                return
        while not self._stop.is_set():
            try:
                self._scan()
            except Exception:  # noqa: BLE001 - a broken device must not end hot-plug for the session
                log.exception("headset scan failed")
            self._wake.wait(self._poll_s)
            self._wake.clear()

    def _scan(self) -> None:
        found = find_telephony_headsets(self._hid, vendor_id=self._vendor_id, product_id=self._product_id)
        paths = {info.path for info in found}
        current = self._headset
        if current is not None and (not current.alive or current.info.path not in paths):
            log.info("headset buttons: %s gone", current.info.product)
            with self._lock:
                self._headset = None
            current.close()
        self._refused &= paths  # unplugged: try afresh, and log afresh, when it comes back
        self._unusable &= paths
        if self._headset is not None:
            return
        denied: HidHeadsetInfo | None = None
        for info in found:
            if info.path in self._unusable:
                continue
            headset = self._open(info)
            if headset is None:
                if info.path not in self._unusable:
                    denied = denied or info
                continue
            with self._lock:
                self._headset = headset
                headset.show(*self._shown)
            headset.start()
            log.info("headset buttons: %s (%04x:%04x)", info.product, info.vendor_id, info.product_id)
            self._publish(HeadsetButtonsStatus(HeadsetButtonsState.CONNECTED, info.product, info.vendor_id, info.product_id))
            return
        if denied is not None:
            self._publish(HeadsetButtonsStatus(HeadsetButtonsState.NO_ACCESS, denied.product, denied.vendor_id, denied.product_id))
        else:
            self._publish(HeadsetButtonsStatus(HeadsetButtonsState.NOT_FOUND))

    def _open(self, info: HidHeadsetInfo) -> HidHeadset | None:
        try:
            headset = HidHeadset(info, self._on_request, hid_module=self._hid, on_lost=self._wake.set)
        except (OSError, ValueError) as error:  # ValueError: a descriptor we cannot parse
            if info.path not in self._refused:
                self._refused.add(info.path)
                log.warning("headset %s (%04x:%04x) cannot be opened: %s", info.product, info.vendor_id, info.product_id, error)
            return None
        if not headset.layout.is_telephony_headset:
            self._unusable.add(info.path)
            log.info("headset %s has no hook switch: its buttons are not used", info.product)
            headset.close()
            return None
        return headset

    def _publish(self, status: HeadsetButtonsStatus) -> None:
        if status != self._status:
            self._status = status
            self._on_status(status)
