"""The hidapi adapter against a fake ``hid`` module (no USB device needed)."""

from __future__ import annotations

import queue
import threading
from typing import Any

from headset_descriptors import HEADSET_WITH_REPORT_IDS  # noqa: E402 - sibling fixture module

from softphone.headset.hid_device import HidHeadset, find_telephony_headsets
from softphone.headset.hid_telephony import CallPhase, HeadsetRequest


class FakeDevice:
    def __init__(self) -> None:
        self.inputs: queue.Queue[bytes] = queue.Queue()
        self.written: list[bytes] = []
        self.opened: bytes | None = None
        self.closed = threading.Event()

    def open_path(self, path: bytes) -> None:
        self.opened = path

    def get_report_descriptor(self) -> list[int]:
        return list(HEADSET_WITH_REPORT_IDS)

    def read(self, size: int, timeout_ms: int) -> list[int]:
        try:
            return list(self.inputs.get(timeout=timeout_ms / 1000))
        except queue.Empty:
            return []

    def write(self, data: bytes) -> int:
        self.written.append(bytes(data))
        return len(data)

    def close(self) -> None:
        self.closed.set()


class FakeHid:
    def __init__(self) -> None:
        self.last_device = FakeDevice()

    def enumerate(self) -> list[dict[str, Any]]:
        return [
            {"path": b"/dev/hidraw3", "vendor_id": 0x0B0E, "product_id": 0x0001, "usage_page": 0x0B,
             "manufacturer_string": "Example", "product_string": "Example Headset"},
            {"path": b"/dev/hidraw4", "vendor_id": 0x046D, "product_id": 0xC52B, "usage_page": 0x01},
        ]

    def device(self) -> FakeDevice:
        return self.last_device


def test_finds_only_telephony_interfaces() -> None:
    found = find_telephony_headsets(FakeHid())
    assert [(h.path, h.product) for h in found] == [(b"/dev/hidraw3", "Example Headset")]


def test_reports_flow_both_ways() -> None:
    hid = FakeHid()
    requests: queue.Queue[HeadsetRequest] = queue.Queue()
    headset = HidHeadset(find_telephony_headsets(hid)[0], requests.put, hid_module=hid)
    device = hid.last_device
    headset.start()
    try:
        assert device.opened == b"/dev/hidraw3"
        assert device.written == [bytes([0x02, 0x00])]  # LEDs reset on start
        headset.set_phase(CallPhase.RINGING)
        assert device.written[-1] == bytes([0x02, 0b0100])
        device.inputs.put(bytes([0x02, 0b0001]))  # off-hook
        assert requests.get(timeout=5) == HeadsetRequest.ANSWER
        headset.set_phase(CallPhase.ACTIVE)
        assert device.written[-1] == bytes([0x02, 0b0001])
    finally:
        headset.close()
    assert device.closed.is_set()
