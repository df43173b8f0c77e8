"""A stand-in for the ``hid`` module (cython-hidapi) and the USB headsets behind it.

This machine has no /dev/uhid, so no virtual HID device can be created: this fake is the one
replacement of a real part in the headset tests. It answers ``hid.enumerate()`` and
``hid.device()`` like cython-hidapi does (dicts with ``usage_page``, ``open_path``, ``read`` with a
timeout returning ``[]``, ``write`` returning a count or -1, ``read`` raising ``OSError`` once
unplugged, ``open_path`` raising ``OSError`` without permission), fed with the report bytes of
tests/support/hid_headsets.py. Everything the softphone decides stays real.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from tests.support.hid_headsets import HEADSET_WITH_REPORT_IDS


_UNPLUGGED = b"unplugged"


class FakeHeadset:
    """One physical headset: the buttons the agent presses, the LED reports the host wrote."""

    def __init__(
        self,
        path: bytes = b"/dev/hidraw3",
        descriptor: bytes = HEADSET_WITH_REPORT_IDS,
        *,
        vendor_id: int = 0x0B0E,
        product_id: int = 0x24A0,
        product: str = "Evolve-like Headset",
        denied: bool = False,
    ) -> None:
        self.path = path
        self.descriptor = descriptor
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.product = product
        self.denied = denied  # /dev/hidraw* without permission (no udev rule)
        self.plugged = True
        # A wedged device: while ``write_gate`` is set to an unset Event, writes block in it
        # (``write_entered`` says one is blocked), as a USB output report can for seconds.
        self.write_gate: threading.Event | None = None
        self.write_entered = threading.Event()
        self.opens = 0
        self.open_handles = 0
        self._inputs: queue.Queue[bytes] = queue.Queue()
        self._written: list[bytes] = []
        self._changed = threading.Condition()

    # -- the agent's hands
    def send(self, *reports: bytes) -> None:
        """Input reports as the headset sends them (press, then release)."""
        for report in reports:
            self._inputs.put(bytes(report))

    # -- what the host did
    @property
    def written(self) -> list[bytes]:
        with self._changed:
            return list(self._written)

    def wait_written(self, predicate: Callable[[list[bytes]], bool], timeout_s: float = 5.0) -> list[bytes]:
        """Waits until ``predicate(all reports written so far)``; returns them (AssertionError if never)."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while not predicate(self._written):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"LED reports not as expected: {[r.hex() for r in self._written]}")
                self._changed.wait(remaining)
            return list(self._written)

    def wait_last_written(self, report: bytes, timeout_s: float = 5.0) -> list[bytes]:
        return self.wait_written(lambda written: bool(written) and written[-1] == report, timeout_s)

    def wait_closed(self, timeout_s: float = 5.0) -> None:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while self.open_handles:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("the headset was not closed")
                self._changed.wait(remaining)

    # -- the device side, used by FakeHidDevice
    def _record_write(self, data: bytes) -> None:
        with self._changed:
            self._written.append(data)
            self._changed.notify_all()

    def _handle_closed(self) -> None:
        with self._changed:
            self.open_handles -= 1
            self._changed.notify_all()

    def enumeration_entry(self) -> dict[str, Any]:
        return {
            "path": self.path, "vendor_id": self.vendor_id, "product_id": self.product_id,
            "serial_number": "", "release_number": 0x0100, "manufacturer_string": "Example",
            "product_string": self.product, "usage_page": 0x0B, "usage": 0x05, "interface_number": 3,
        }


class FakeHidDevice:
    """``hid.device()``: unopened until ``open_path``."""

    def __init__(self, hid: FakeHid) -> None:
        self._hid = hid
        self._headset: FakeHeadset | None = None

    def open_path(self, path: bytes) -> None:
        headset = self._hid.headsets.get(path)
        if headset is None or not headset.plugged or headset.denied:
            raise OSError("open failed")
        headset.opens += 1
        headset.open_handles += 1
        self._headset = headset

    def get_report_descriptor(self) -> list[int]:
        return list(self._open().descriptor)

    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]:
        headset = self._open()
        if not headset.plugged:
            raise OSError("read error")
        try:
            report = headset._inputs.get(timeout=timeout_ms / 1000 if timeout_ms > 0 else None)
        except queue.Empty:
            return []
        if report is _UNPLUGGED:
            headset._inputs.put(_UNPLUGGED)  # every later read fails too
            raise OSError("read error")
        return list(report[:max_length])

    def write(self, data: bytes) -> int:
        headset = self._open()
        gate = headset.write_gate
        if gate is not None:
            headset.write_entered.set()
            gate.wait()
        if not headset.plugged:
            return -1
        headset._record_write(bytes(data))
        return len(data)

    def close(self) -> None:
        if self._headset is not None:
            headset, self._headset = self._headset, None
            headset._handle_closed()

    def _open(self) -> FakeHeadset:
        if self._headset is None:
            raise ValueError("not open")
        return self._headset


class FakeHid:
    """The ``hid`` module: the headsets plugged in now, next to a mouse that is no headset."""

    def __init__(self, *headsets: FakeHeadset) -> None:
        self.headsets: dict[bytes, FakeHeadset] = {}
        self.enumerations = 0
        for headset in headsets:
            self.plug(headset)

    def plug(self, headset: FakeHeadset) -> FakeHeadset:
        if not headset.plugged:
            headset._inputs = queue.Queue()  # plugged back: nothing left of its last session
        headset.plugged = True
        self.headsets[headset.path] = headset
        return headset

    def unplug(self, headset: FakeHeadset) -> None:
        headset.plugged = False
        headset._inputs.put(_UNPLUGGED)  # a read in progress fails at once, as hidraw's does
        self.headsets.pop(headset.path, None)

    def enumerate(self, vendor_id: int = 0, product_id: int = 0) -> list[dict[str, Any]]:
        self.enumerations += 1
        mouse = {"path": b"/dev/hidraw0", "vendor_id": 0x046D, "product_id": 0xC52B, "usage_page": 0x01,
                 "usage": 0x02, "manufacturer_string": "Logitech", "product_string": "Mouse"}
        return [mouse] + [headset.enumeration_entry() for headset in list(self.headsets.values())]

    def device(self) -> FakeHidDevice:
        return FakeHidDevice(self)
