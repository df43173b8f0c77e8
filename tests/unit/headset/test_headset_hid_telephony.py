"""Telephony report parsing and the LED/hook/mute state machine.

Fixtures: see tests/support/hid_headsets.py (plausible, hand-written; not recorded from devices).
"""

from __future__ import annotations

import pytest

from softphone.headset.hid_telephony import (
    CallPhase,
    HeadsetRequest,
    TelephonyControl,
    TelephonyHeadset,
    TelephonyLayout,
    TelephonyLed,
)
from softphone.headset.report_descriptor import DescriptorError, parse_report_descriptor
from tests.support.hid_headsets import (
    HEADSET_WITH_ARRAY_BUTTONS,
    HEADSET_WITH_HOOK_BUTTON,
    HEADSET_WITH_REPORT_IDS,
    HEADSET_WITHOUT_REPORT_IDS,
)
from tests.support.hid_headsets import report_with_ids as report2


@pytest.fixture
def headset() -> TelephonyHeadset:
    return TelephonyHeadset(TelephonyLayout.from_descriptor(HEADSET_WITH_REPORT_IDS))


def test_layout_finds_telephony_controls_and_leds() -> None:
    layout = TelephonyLayout.from_descriptor(HEADSET_WITH_REPORT_IDS)
    assert layout.is_telephony_headset and layout.uses_report_ids
    hook = layout.controls[TelephonyControl.HOOK_SWITCH]
    mute = layout.controls[TelephonyControl.PHONE_MUTE]
    flash = layout.controls[TelephonyControl.FLASH]
    assert (hook.report_id, hook.field.bit_offset + hook.usage_index) == (2, 0)
    assert (mute.field.bit_offset, mute.field.is_relative) == (2, True)
    assert flash.field.bit_offset == 3
    assert set(layout.leds) == set(TelephonyLed)
    assert layout.output_lengths == {2: 1}


def test_volume_report_is_not_mistaken_for_telephony() -> None:
    layout = TelephonyLayout.from_descriptor(HEADSET_WITH_REPORT_IDS)
    assert layout.decode(bytes([0x01, 0b11])) == {}


def test_decodes_input_report_bits() -> None:
    layout = TelephonyLayout.from_descriptor(HEADSET_WITH_REPORT_IDS)
    states = layout.decode(bytes([0x02, 0b0000_1101]))
    assert states == {TelephonyControl.HOOK_SWITCH: True, TelephonyControl.PHONE_MUTE: True, TelephonyControl.FLASH: True}
    assert not any(layout.decode(bytes([0x02, 0b0001_0010])).values())  # line busy + redial only


def test_encodes_led_output_report() -> None:
    layout = TelephonyLayout.from_descriptor(HEADSET_WITH_REPORT_IDS)
    assert layout.encode(frozenset()) == [bytes([0x02, 0x00])]
    assert layout.encode(frozenset({TelephonyLed.RING})) == [bytes([0x02, 0b0100])]
    assert layout.encode(frozenset({TelephonyLed.OFF_HOOK, TelephonyLed.MUTE, TelephonyLed.HOLD})) == [bytes([0x02, 0b1011])]


def test_ringing_answer_mute_hang_up(headset: TelephonyHeadset) -> None:
    assert headset.set_phase(CallPhase.RINGING) == [bytes([0x02, 0b0100])]
    assert headset.handle_input(report2(hook=True)) == [HeadsetRequest.ANSWER]
    assert headset.set_phase(CallPhase.ACTIVE) == [bytes([0x02, 0b0001])]
    assert headset.handle_input(report2(hook=True, mute=True)) == [HeadsetRequest.TOGGLE_MUTE]
    assert headset.handle_input(report2(hook=True)) == []  # button release
    assert headset.set_muted(True) == [bytes([0x02, 0b0011])]
    assert headset.handle_input(report2(hook=True, mute=True)) == [HeadsetRequest.TOGGLE_MUTE]
    assert headset.set_muted(False) == [bytes([0x02, 0b0001])]
    assert headset.handle_input(report2(hook=True)) == []
    assert headset.handle_input(report2(hook=False)) == [HeadsetRequest.HANG_UP]
    assert headset.set_phase(CallPhase.IDLE) == [bytes([0x02, 0x00])]


def test_mute_from_the_app_lights_the_led_and_a_new_call_starts_unmuted(headset: TelephonyHeadset) -> None:
    headset.set_phase(CallPhase.ACTIVE)
    assert TelephonyLed.MUTE in headset.layout.leds
    assert headset.set_muted(True) == [bytes([0x02, 0b0011])]
    assert headset.set_phase(CallPhase.HELD) == [bytes([0x02, 0b1011])]
    headset.set_phase(CallPhase.IDLE)
    assert headset.muted is False
    assert headset.set_phase(CallPhase.RINGING) == [bytes([0x02, 0b0100])]


def test_hook_echo_of_our_own_led_is_not_a_request(headset: TelephonyHeadset) -> None:
    """Answered from the screen: the headset follows the Off-Hook LED and reports the switch."""
    headset.set_phase(CallPhase.RINGING)
    headset.set_phase(CallPhase.ACTIVE)
    assert headset.handle_input(report2(hook=True)) == []
    headset.set_phase(CallPhase.IDLE)  # hung up from the screen
    assert headset.handle_input(report2(hook=False)) == []


def test_off_hook_while_idle_and_flash(headset: TelephonyHeadset) -> None:
    assert headset.handle_input(report2(hook=True)) == [HeadsetRequest.OFF_HOOK_WHILE_IDLE]
    headset.set_phase(CallPhase.ACTIVE)
    assert headset.handle_input(report2(hook=True, flash=True)) == [HeadsetRequest.FLASH]
    assert headset.handle_input(report2(hook=True)) == []


def test_mute_button_outside_a_call_is_ignored(headset: TelephonyHeadset) -> None:
    assert headset.handle_input(report2(mute=True)) == []


def test_headset_without_report_ids() -> None:
    layout = TelephonyLayout.from_descriptor(HEADSET_WITHOUT_REPORT_IDS)
    assert not layout.uses_report_ids
    assert layout.decode(bytes([0b10])) == {TelephonyControl.PHONE_MUTE: False, TelephonyControl.HOOK_SWITCH: True}
    # hidapi's write() wants a leading 0 when the device has no report IDs.
    assert layout.encode(frozenset({TelephonyLed.OFF_HOOK, TelephonyLed.MUTE})) == [bytes([0x00, 0b011])]
    headset = TelephonyHeadset(layout)
    headset.set_phase(CallPhase.RINGING)
    assert headset.handle_input(bytes([0b10])) == [HeadsetRequest.ANSWER]


def test_array_buttons() -> None:
    layout = TelephonyLayout.from_descriptor(HEADSET_WITH_ARRAY_BUTTONS)
    assert layout.decode(bytes([0x03, 0x01]))[TelephonyControl.HOOK_SWITCH] is True
    pressed = layout.decode(bytes([0x03, 0x03]))
    assert pressed[TelephonyControl.PHONE_MUTE] and not pressed[TelephonyControl.HOOK_SWITCH]
    assert not any(layout.decode(bytes([0x03, 0x00])).values())


def test_hook_button_toggles() -> None:
    headset = TelephonyHeadset(TelephonyLayout.from_descriptor(HEADSET_WITH_HOOK_BUTTON))
    press, release = bytes([0x05, 0x01]), bytes([0x05, 0x00])
    headset.set_phase(CallPhase.RINGING)
    assert headset.handle_input(press) == [HeadsetRequest.ANSWER]
    assert headset.handle_input(release) == []
    headset.set_phase(CallPhase.ACTIVE)
    assert headset.handle_input(press) == [HeadsetRequest.HANG_UP]
    assert headset.set_phase(CallPhase.IDLE) == [bytes([0x05, 0x00])]


def test_parser_handles_push_pop_extended_usages_and_ranges() -> None:
    descriptor = bytes.fromhex(
        "05 01 A4"              # Usage Page (Generic Desktop), Push
        "05 0B 19 20 29 21"     # Usage Page (Telephony), Usage Min (Hook Switch), Usage Max (Flash)
        "15 00 25 01 75 01 95 02 81 02"
        "B4"                    # Pop: page back to Generic Desktop
        "0B 2F 00 0B 00"        # extended Usage: page 0x000B, usage 0x002F (Phone Mute)
        "95 01 81 06 95 05 81 01"
    )
    parsed = parse_report_descriptor(descriptor)
    assert parsed.fields[0].usages == ((0x0B, 0x20), (0x0B, 0x21))
    assert parsed.fields[1].usages == ((0x0B, 0x2F),) and parsed.fields[1].bit_offset == 2
    layout = TelephonyLayout.from_descriptor(parsed)
    assert set(layout.controls) == set(TelephonyControl)


def test_truncated_descriptor_is_rejected() -> None:
    with pytest.raises(DescriptorError):
        parse_report_descriptor(bytes.fromhex("05 0B 09"))
