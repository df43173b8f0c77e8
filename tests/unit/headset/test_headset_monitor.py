"""Hot-plug of the headset buttons: the monitor's own thread finds, opens, drops and reopens headsets.

The fake ``hid`` module (tests/support/fake_hid.py) stands in for the USB devices.
"""

from __future__ import annotations

import queue
import time

import pytest

from softphone.headset.hid_telephony import CallPhase, HeadsetRequest
from softphone.headset.monitor import HeadsetButtonsState, HeadsetButtonsStatus, HeadsetMonitor
from tests.support.fake_hid import FakeHeadset, FakeHid
from tests.support.hid_headsets import HEADSET_WITH_REPORT_IDS, leds_with_ids, report_with_ids

POLL_S = 0.05
# Telephony collection with a Phone Mute button and a Mute LED but no Hook Switch: not a headset
# we can answer with.
MUTE_ONLY = bytes.fromhex(
    "05 0B 09 05 A1 01 15 00 25 01 75 01 09 2F 95 01 81 06 95 07 81 01"
    "05 08 09 09 95 01 91 02 95 07 91 01 C0"
)


class Recorder:
    def __init__(self) -> None:
        self.statuses: queue.Queue[HeadsetButtonsStatus] = queue.Queue()
        self.requests: queue.Queue[HeadsetRequest] = queue.Queue()

    def next_status(self) -> HeadsetButtonsStatus:
        return self.statuses.get(timeout=5)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def wait_for(predicate, timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def start_monitor(hid: FakeHid, recorder: Recorder, **filters: int) -> HeadsetMonitor:
    monitor = HeadsetMonitor(recorder.requests.put, recorder.statuses.put, hid_module=hid, poll_s=POLL_S, **filters)
    monitor.start()
    return monitor


def test_plug_unplug_and_replug_mid_call(recorder: Recorder) -> None:
    hid = FakeHid()
    monitor = start_monitor(hid, recorder)
    try:
        assert recorder.next_status().state is HeadsetButtonsState.NOT_FOUND

        headset = hid.plug(FakeHeadset(product="Evolve-like Headset"))
        status = recorder.next_status()
        assert (status.state, status.product, status.vendor_id) == (HeadsetButtonsState.CONNECTED, "Evolve-like Headset", 0x0B0E)
        headset.wait_last_written(leds_with_ids())
        monitor.show(CallPhase.RINGING, False)
        headset.wait_last_written(leds_with_ids(ring=True))
        headset.send(report_with_ids(hook=True))
        assert recorder.requests.get(timeout=5) is HeadsetRequest.ANSWER

        monitor.show(CallPhase.ACTIVE, False)
        monitor.show(CallPhase.ACTIVE, True)  # muted from the window while unplugged next
        hid.unplug(headset)
        assert recorder.next_status().state is HeadsetButtonsState.NOT_FOUND
        headset.wait_closed()

        # Plugged back in mid-call: a new handle, and the LEDs show the call straight away.
        replugged = hid.plug(FakeHeadset(b"/dev/hidraw7", product="Evolve-like Headset"))
        assert recorder.next_status().state is HeadsetButtonsState.CONNECTED
        assert replugged.wait_last_written(leds_with_ids(off_hook=True, mute=True))[0] == leds_with_ids(off_hook=True, mute=True)
        # Its buttons are read against the call: on-hook now hangs up.
        replugged.send(report_with_ids(hook=True), report_with_ids(hook=False))
        assert recorder.requests.get(timeout=5) is HeadsetRequest.HANG_UP
    finally:
        monitor.stop()
    assert replugged.written[-1] == leds_with_ids() and replugged.open_handles == 0


def test_headset_without_permission_is_reported_then_used_once_allowed(recorder: Recorder) -> None:
    headset = FakeHeadset(denied=True)
    monitor = start_monitor(FakeHid(headset), recorder)
    try:
        status = recorder.next_status()
        assert (status.state, status.product) == (HeadsetButtonsState.NO_ACCESS, "Evolve-like Headset")
        headset.denied = False  # IT installed the udev rule; udev re-applied the ACL
        assert recorder.next_status().state is HeadsetButtonsState.CONNECTED
        headset.wait_last_written(leds_with_ids())
    finally:
        monitor.stop()


def test_vendor_and_product_filter(recorder: Recorder) -> None:
    other = FakeHeadset(b"/dev/hidraw4", vendor_id=0x1395, product_id=0x0001, product="Other make")
    chosen = FakeHeadset(b"/dev/hidraw6", vendor_id=0x047F, product_id=0xC056, product="Blackwire-like Headset")
    hid = FakeHid(other)
    monitor = start_monitor(hid, recorder, vendor_id=0x047F, product_id=0xC056)
    try:
        assert recorder.next_status().state is HeadsetButtonsState.NOT_FOUND
        hid.plug(chosen)
        status = recorder.next_status()
        assert (status.state, status.product) == (HeadsetButtonsState.CONNECTED, "Blackwire-like Headset")
        assert other.opens == 0
    finally:
        monitor.stop()


def test_a_telephony_device_without_hook_switch_is_not_used_nor_reopened(recorder: Recorder) -> None:
    hid = FakeHid(speakerphone := FakeHeadset(descriptor=MUTE_ONLY, product="Mute-only"))
    monitor = start_monitor(hid, recorder)
    try:
        assert recorder.next_status().state is HeadsetButtonsState.NOT_FOUND
        seen = hid.enumerations
        assert wait_for(lambda: hid.enumerations >= seen + 3)  # a few more scans
        assert speakerphone.opens == 1 and speakerphone.open_handles == 0
        headset = hid.plug(FakeHeadset(b"/dev/hidraw8", HEADSET_WITH_REPORT_IDS))
        assert recorder.next_status().state is HeadsetButtonsState.CONNECTED
        headset.wait_last_written(leds_with_ids())
    finally:
        monitor.stop()
