"""The hidapi adapter against the fake ``hid`` module (tests/support/fake_hid.py): no USB device needed."""

from __future__ import annotations

import queue
import threading

from softphone.headset.hid_device import HidHeadset, find_telephony_headsets
from softphone.headset.hid_telephony import CallPhase, HeadsetRequest
from tests.support.fake_hid import FakeHeadset, FakeHid
from tests.support.hid_headsets import leds_with_ids, report_with_ids

LEDS_OFF = leds_with_ids()


def test_finds_only_telephony_interfaces_once_each_and_by_filter() -> None:
    jabra = FakeHeadset(b"/dev/hidraw3", product="Evolve-like Headset")
    poly = FakeHeadset(b"/dev/hidraw5", vendor_id=0x047F, product_id=0xC056, product="Blackwire-like Headset")
    hid = FakeHid(jabra, poly)
    original = hid.enumerate
    # hidapi lists an interface once per top-level collection: the same path twice.
    hid.enumerate = lambda *args: original(*args) + [jabra.enumeration_entry()]

    assert [(h.path, h.product) for h in find_telephony_headsets(hid)] == [
        (b"/dev/hidraw3", "Evolve-like Headset"), (b"/dev/hidraw5", "Blackwire-like Headset"),
    ]
    assert [h.path for h in find_telephony_headsets(hid, vendor_id=0x047F)] == [b"/dev/hidraw5"]
    assert [h.path for h in find_telephony_headsets(hid, vendor_id=0x047F, product_id=0x0001)] == []


def test_reports_flow_both_ways_and_close_turns_the_leds_off() -> None:
    hid = FakeHid(headset := FakeHeadset())
    requests: queue.Queue[tuple[HeadsetRequest, str]] = queue.Queue()
    device = HidHeadset(
        find_telephony_headsets(hid)[0], lambda r: requests.put((r, threading.current_thread().name)), hid_module=hid,
    )
    device.start()
    try:
        headset.wait_last_written(LEDS_OFF)  # a known LED state on start
        device.show(CallPhase.RINGING, False)
        headset.wait_last_written(leds_with_ids(ring=True))
        headset.send(report_with_ids(hook=True))  # off-hook
        assert requests.get(timeout=5) == (HeadsetRequest.ANSWER, "hid-headset")  # on the I/O thread
        device.show(CallPhase.ACTIVE, False)
        headset.wait_last_written(leds_with_ids(off_hook=True))
        device.show(CallPhase.ACTIVE, True)
        headset.wait_last_written(leds_with_ids(off_hook=True, mute=True))
    finally:
        device.close()
    assert headset.written[-1] == LEDS_OFF and headset.open_handles == 0


def test_show_never_waits_for_a_wedged_device() -> None:
    """The GUI thread calls show(); a USB write that hangs must stall only the headset's thread."""
    hid = FakeHid(headset := FakeHeadset())
    device = HidHeadset(find_telephony_headsets(hid)[0], lambda r: None, hid_module=hid)
    headset.write_gate = gate = threading.Event()
    device.start()
    try:
        assert headset.write_entered.wait(5)  # the I/O thread is stuck writing the initial LED state
        device.show(CallPhase.RINGING, False)  # returns although the device has not taken a byte
        device.show(CallPhase.ACTIVE, True)
        assert not gate.is_set() and headset.written == []
        assert device.state.phase is CallPhase.ACTIVE and device.state.muted  # buttons read against it now
        gate.set()
        # The latest state is written; the RINGING one in between was superseded.
        written = headset.wait_last_written(leds_with_ids(off_hook=True, mute=True))
        assert leds_with_ids(ring=True) not in written
    finally:
        gate.set()
        device.close()


def test_an_unchanged_led_state_is_not_written_again() -> None:
    hid = FakeHid(headset := FakeHeadset())
    device = HidHeadset(find_telephony_headsets(hid)[0], lambda r: None, hid_module=hid)
    device.start()
    try:
        device.show(CallPhase.ACTIVE, False)
        headset.wait_last_written(leds_with_ids(off_hook=True))
        for _ in range(5):  # the call view changes (quality, timer...) but not what the LEDs show
            device.show(CallPhase.ACTIVE, False)
        device.show(CallPhase.HELD, False)
        written = headset.wait_last_written(leds_with_ids(off_hook=True, hold=True))
        assert written == [LEDS_OFF, leds_with_ids(off_hook=True), leds_with_ids(off_hook=True, hold=True)]
    finally:
        device.close()


def test_unplugged_headset_reports_itself_lost() -> None:
    hid = FakeHid(headset := FakeHeadset())
    lost = threading.Event()
    device = HidHeadset(find_telephony_headsets(hid)[0], lambda r: None, hid_module=hid, on_lost=lost.set)
    device.start()
    headset.wait_last_written(LEDS_OFF)
    hid.unplug(headset)
    assert lost.wait(5)
    assert not device.alive
    device.close()
    headset.wait_closed()
