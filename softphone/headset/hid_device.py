"""Thin hidapi adapter: finds telephony headsets and shuttles report bytes to ``TelephonyHeadset``.

Everything that decides anything lives in ``hid_telephony`` (pure, tested from bytes); this
module only opens the device, reads input reports and writes LED reports.

Threads: after ``open_path`` one I/O thread per headset is the only thread that touches the
device handle (hidapi does not promise that one handle may be used from two threads, and a
``write`` can block for seconds on a wedged device: Linux usbhid waits up to 5 s for an output
report, Windows up to 1 s). ``show`` (the app's thread) only updates the state machine under a
lock and leaves the resulting LED reports for the I/O thread, which writes the latest ones
between reads. So the GUI thread never waits on USB, and an LED change waits at most one read
timeout (``READ_TIMEOUT_MS``). cython-hidapi releases the GIL in ``read``/``write``/``enumerate``.

Uses the ``hidapi`` package (cython-hidapi, module ``hid``), whose wheels bundle the hidapi C
library. On Linux it talks to /dev/hidraw*, which is root-only by default: the .deb installs a
udev rule granting the seat user access (``TAG+="uaccess"``) to telephony headsets
(installer/linux/70-softphone-headsets.rules).
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
# How long one read waits for a button report before the I/O thread writes pending LED changes
# and checks for close(): the worst-case LED latency (imperceptible) for 20 wake-ups a second.
READ_TIMEOUT_MS = 50


@dataclass(frozen=True)
class HidHeadsetInfo:
    path: bytes
    vendor_id: int
    product_id: int
    manufacturer: str
    product: str


def find_telephony_headsets(
    hid_module: Any | None = None, *, vendor_id: int = 0, product_id: int = 0
) -> list[HidHeadsetInfo]:
    """HID interfaces whose top-level collection is on the Telephony page, by path.

    ``vendor_id``/``product_id`` (0: any) narrow the choice when IT wants one model. hidapi lists
    an interface once per top-level collection; the same path is kept once.
    """
    hid = hid_module or import_hid()
    found: dict[bytes, HidHeadsetInfo] = {}
    for entry in hid.enumerate():
        if entry.get("usage_page") != TELEPHONY_PAGE:
            continue
        if vendor_id and entry["vendor_id"] != vendor_id or product_id and entry["product_id"] != product_id:
            continue
        path = entry["path"]
        found.setdefault(
            path,
            HidHeadsetInfo(
                path=path,
                vendor_id=entry["vendor_id"],
                product_id=entry["product_id"],
                manufacturer=entry.get("manufacturer_string") or "",
                product=entry.get("product_string") or "",
            ),
        )
    return [found[path] for path in sorted(found)]


def import_hid() -> Any:
    import hid

    return hid


class HidHeadset:
    """One open headset. ``on_request`` is called on the I/O thread: hand it to the app's queue.

    ``on_lost`` (I/O thread) says the device stopped answering (unplugged): the owner closes it.
    """

    def __init__(
        self,
        info: HidHeadsetInfo,
        on_request: Callable[[HeadsetRequest], None],
        *,
        hid_module: Any | None = None,
        layout: TelephonyLayout | None = None,
        on_lost: Callable[[], None] = lambda: None,
    ) -> None:
        hid = hid_module or import_hid()
        self.info = info
        device = hid.device()
        device.open_path(info.path)  # OSError: gone, or no permission (no udev rule)
        try:
            # A table-provided layout wins; otherwise read where the bits are from the device itself.
            self.layout = layout or TelephonyLayout.from_descriptor(bytes(device.get_report_descriptor()))
        except Exception:
            device.close()
            raise
        self._device = device
        self.state = TelephonyHeadset(self.layout)
        self._on_request = on_request
        self._on_lost = on_lost
        # The app's thread changes the phase/mute, the I/O thread feeds reports: one lock keeps the
        # state machine consistent. Nothing under it does I/O.
        self._lock = threading.Lock()
        self._pending: list[bytes] | None = self.state.led_reports()  # start from a known LED state
        self._written: list[bytes] | None = None
        self._write_failed = False
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def alive(self) -> bool:
        return not self._lost.is_set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hid-headset", daemon=True)
        self._thread.start()

    def close(self, timeout_s: float = 2.0) -> None:
        """Stops the I/O thread, which turns the LEDs off and closes the device."""
        self._stop.set()
        if self._thread is None:
            self._device.close()
        else:
            self._thread.join(timeout=timeout_s)

    def show(self, phase: CallPhase, muted: bool) -> None:
        """Any thread, no I/O: the state machine follows the call now; the LEDs follow shortly."""
        with self._lock:
            self.state.set_phase(phase)
            self._pending = self.state.set_muted(muted and phase in (CallPhase.ACTIVE, CallPhase.HELD))

    def set_phase(self, phase: CallPhase) -> None:
        self.show(phase, self.state.muted)

    def set_muted(self, muted: bool) -> None:
        self.show(self.state.phase, muted)

    # ------------------------------------------------------------------ I/O thread

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._flush()
                data = self._device.read(MAX_REPORT_BYTES, READ_TIMEOUT_MS)
                if not data:
                    continue
                with self._lock:
                    requests = self.state.handle_input(bytes(data))
                for request in requests:
                    self._on_request(request)
        except (OSError, ValueError) as error:
            log.warning("headset %s stopped answering: %s", self.info.product, error)
            self._lost.set()
            self._on_lost()
        finally:
            if not self._lost.is_set():
                self._leds_off()
            self._device.close()

    def _flush(self) -> None:
        with self._lock:
            reports, self._pending = self._pending, None
        if reports is None or reports == self._written:
            return  # a call change that does not change the LEDs (call quality, a second call...)
        for report in reports:
            if self._device.write(report) < 0 and not self._write_failed:
                # Reading still works (the buttons), so the headset stays: say it once.
                self._write_failed = True
                log.warning("headset %s refused an LED report", self.info.product)
        self._written = reports

    def _leds_off(self) -> None:
        """Leaving (the app quits, the agent turned the feature off): no Ring LED left lit."""
        try:
            for report in self.layout.encode(frozenset()):
                self._device.write(report)
        except (OSError, ValueError):
            pass
