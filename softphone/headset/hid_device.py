"""Thin hidapi adapter: finds telephony headsets and shuttles report bytes to ``TelephonyHeadset``.

Everything that decides anything lives in ``hid_telephony`` (pure, tested from bytes); this
module only opens the device, reads input reports on its own thread and writes LED reports.

Uses the ``hidapi`` package (cython-hidapi, module ``hid``), whose wheels bundle the hidapi C
library. On Linux it talks to /dev/hidraw*, which is root-only by default: the .deb must install a
udev rule granting the seat user access (``TAG+="uaccess"``) to telephony headsets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from softphone.headset.hid_telephony import (
    TELEPHONY_PAGE,
    CallPhase,
    HeadsetRequest,
    TelephonyHeadset,
    TelephonyLayout,
)

log = logging.getLogger(__name__)

MAX_REPORT_BYTES = 64  # full-speed USB interrupt endpoint


@dataclass(frozen=True)
class HidHeadsetInfo:
    path: bytes
    vendor_id: int
    product_id: int
    manufacturer: str
    product: str


def find_telephony_headsets(hid_module: Any | None = None) -> list[HidHeadsetInfo]:
    """HID interfaces whose top-level collection is on the Telephony page."""
    hid = hid_module or _import_hid()
    found = []
    for entry in hid.enumerate():
        if entry.get("usage_page") == TELEPHONY_PAGE:
            found.append(
                HidHeadsetInfo(
                    path=entry["path"],
                    vendor_id=entry["vendor_id"],
                    product_id=entry["product_id"],
                    manufacturer=entry.get("manufacturer_string") or "",
                    product=entry.get("product_string") or "",
                )
            )
    return found


def _import_hid() -> Any:
    import hid

    return hid


class HidHeadset:
    """One open headset. ``on_request`` is called on the reader thread: hand it to the app's queue."""

    def __init__(
        self,
        info: HidHeadsetInfo,
        on_request: Callable[[HeadsetRequest], None],
        *,
        hid_module: Any | None = None,
        layout: TelephonyLayout | None = None,
    ) -> None:
        hid = hid_module or _import_hid()
        self.info = info
        self._device = hid.device()
        self._device.open_path(info.path)
        # A table-provided layout wins; otherwise read where the bits are from the device itself.
        self.layout = layout or TelephonyLayout.from_descriptor(bytes(self._device.get_report_descriptor()))
        self.state = TelephonyHeadset(self.layout)
        self._on_request = on_request
        # Phase/mute changes come from the app's thread, reports from our reader thread: one lock
        # keeps the state machine and the LED writes in the order they happened.
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            self._write(self.state.led_reports())  # start from a known LED state
        self._thread = threading.Thread(target=self._read_loop, name="hid-headset", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._device.close()

    def set_phase(self, phase: CallPhase) -> None:
        with self._lock:
            self._write(self.state.set_phase(phase))

    def set_muted(self, muted: bool) -> None:
        with self._lock:
            self._write(self.state.set_muted(muted))

    def _write(self, reports: list[bytes]) -> None:
        for report in reports:
            self._device.write(report)

    def _read_loop(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._device.read(MAX_REPORT_BYTES, 200)  # ms: lets close() stop us promptly
            except (OSError, ValueError) as error:
                log.warning("headset %s stopped answering: %s", self.info.product, error)
                return
            if not data:
                continue
            with self._lock:
                requests = self.state.handle_input(bytes(data))
            for request in requests:  # outside the lock: the app may call set_phase from here
                self._on_request(request)
