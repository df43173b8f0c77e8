"""USB HID telephony headsets: decode button reports, encode LED reports, keep both in sync.

Pure logic on bytes: no device access here (see ``hid_device`` for the hidapi adapter), so it is
tested from report bytes.

Usages (HID Usage Tables 1.4):
- Telephony page 0x0B inputs: Hook Switch 0x20, Flash 0x21, Phone Mute 0x2F;
- LED page 0x08 outputs: Mute 0x09, Off-Hook 0x17, Ring 0x18, Hold 0x20.

How headsets behave, and so what the state machine does:
- Hook Switch is usually *absolute* (1 while off-hook). Headsets such as Jabra's treat the
  host's Off-Hook LED as the truth and echo it back as a Hook Switch change, so a change that
  merely confirms the call phase we already set is not a request. Only transitions that
  disagree with the phase are requests: off-hook while ringing = answer, on-hook in a call =
  hang up, off-hook while idle = the agent wants to dial. A *relative* Hook Switch (a button)
  toggles: answer when ringing, hang up in a call.
- Phone Mute is a momentary button on practically every headset even where the descriptor
  says absolute: each press (0 -> 1) asks to toggle mute. The app decides, then reports the
  new state with ``set_muted``; the Mute LED follows the app, never the button, so the LED and
  the app cannot drift apart (mute "in sync both ways").
- Flash: each press asks for hold/swap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from softphone.headset.report_descriptor import ParsedDescriptor, ReportField, parse_report_descriptor

TELEPHONY_PAGE = 0x0B
LED_PAGE = 0x08


class TelephonyControl(Enum):
    HOOK_SWITCH = 0x20
    FLASH = 0x21
    PHONE_MUTE = 0x2F


class TelephonyLed(Enum):
    MUTE = 0x09
    OFF_HOOK = 0x17
    RING = 0x18
    HOLD = 0x20


class CallPhase(Enum):
    IDLE = "idle"
    RINGING = "ringing"
    ACTIVE = "active"
    HELD = "held"


class HeadsetRequest(Enum):
    """What the agent asked for by touching the headset. The app decides what to do with it."""

    ANSWER = "answer"
    HANG_UP = "hang_up"
    OFF_HOOK_WHILE_IDLE = "off_hook_while_idle"
    TOGGLE_MUTE = "toggle_mute"
    FLASH = "flash"


@dataclass(frozen=True)
class ControlLocation:
    """Where one control or LED lives: a field and the position of its usage in that field."""

    field: ReportField
    usage_index: int

    @property
    def report_id(self) -> int:
        return self.field.report_id


@dataclass(frozen=True)
class TelephonyLayout:
    """Where a given headset model keeps its telephony controls and LEDs."""

    controls: dict[TelephonyControl, ControlLocation]
    leds: dict[TelephonyLed, ControlLocation]
    uses_report_ids: bool
    output_lengths: dict[int, int] = field(default_factory=dict)  # report id -> data bytes

    @classmethod
    def from_descriptor(cls, descriptor: bytes | ParsedDescriptor) -> TelephonyLayout:
        parsed = parse_report_descriptor(descriptor) if isinstance(descriptor, bytes) else descriptor
        controls: dict[TelephonyControl, ControlLocation] = {}
        leds: dict[TelephonyLed, ControlLocation] = {}
        for item in parsed.fields:
            if item.is_constant:
                continue
            for index, (page, usage) in enumerate(item.usages):
                if item.kind == "input" and page == TELEPHONY_PAGE:
                    control = _enum_value(TelephonyControl, usage)
                    if control is not None and control not in controls:
                        controls[control] = ControlLocation(item, index)
                elif item.kind == "output" and page == LED_PAGE and item.is_variable:
                    led = _enum_value(TelephonyLed, usage)
                    if led is not None and led not in leds:
                        leds[led] = ControlLocation(item, index)
        output_ids = {location.report_id for location in leds.values()}
        return cls(
            controls=controls,
            leds=leds,
            uses_report_ids=parsed.uses_report_ids,
            output_lengths={rid: parsed.report_bytes("output", rid) for rid in output_ids},
        )

    @property
    def is_telephony_headset(self) -> bool:
        return TelephonyControl.HOOK_SWITCH in self.controls

    def decode(self, report: bytes) -> dict[TelephonyControl, bool]:
        """States of the controls carried by this input report (as hidapi returns it)."""
        if self.uses_report_ids:
            if not report:
                return {}
            report_id, data = report[0], report[1:]
        else:
            report_id, data = 0, report
        states = {}
        for control, location in self.controls.items():
            if location.report_id == report_id:
                states[control] = _is_active(location, data)
        return states

    def encode(self, lit: frozenset[TelephonyLed]) -> list[bytes]:
        """Output reports (with the leading report-ID byte hidapi's ``write`` expects) lighting ``lit``."""
        reports = []
        for report_id, length in sorted(self.output_lengths.items()):
            data = bytearray(length)
            for led, location in self.leds.items():
                if location.report_id == report_id and led in lit:
                    bit = location.field.bit_offset + location.usage_index * location.field.size
                    data[bit // 8] |= 1 << (bit % 8)
            reports.append(bytes([report_id]) + bytes(data))
        return reports


def _enum_value(enum_type, value: int):
    try:
        return enum_type(value)
    except ValueError:
        return None


def _read_bits(data: bytes, bit_offset: int, size: int) -> int:
    value = 0
    for bit in range(size):
        position = bit_offset + bit
        if position // 8 < len(data) and data[position // 8] & (1 << (position % 8)):
            value |= 1 << bit
    return value


def _is_active(location: ControlLocation, data: bytes) -> bool:
    item = location.field
    if item.is_variable:
        return _read_bits(data, item.bit_offset + location.usage_index * item.size, item.size) != 0
    # Array: each slot holds the index (plus logical minimum) of one pressed usage.
    wanted = location.usage_index + item.logical_minimum
    return any(_read_bits(data, item.bit_offset + slot * item.size, item.size) == wanted for slot in range(item.count))


class TelephonyHeadset:
    """The state machine between one headset and the app's idea of the call.

    Feed it every input report (``handle_input``) and every change of call phase or mute
    (``set_phase``/``set_muted``); write the output reports those return to the device.
    """

    def __init__(self, layout: TelephonyLayout) -> None:
        self.layout = layout
        self.phase = CallPhase.IDLE
        self.muted = False
        self._pressed: dict[TelephonyControl, bool] = {}

    @property
    def lit(self) -> frozenset[TelephonyLed]:
        leds = set()
        if self.phase == CallPhase.RINGING:
            leds.add(TelephonyLed.RING)
        if self.phase in (CallPhase.ACTIVE, CallPhase.HELD):
            leds.add(TelephonyLed.OFF_HOOK)
            if self.muted:
                leds.add(TelephonyLed.MUTE)
        if self.phase == CallPhase.HELD:
            leds.add(TelephonyLed.HOLD)
        return frozenset(leds)

    def led_reports(self) -> list[bytes]:
        return self.layout.encode(self.lit)

    def set_phase(self, phase: CallPhase) -> list[bytes]:
        self.phase = phase
        if phase in (CallPhase.IDLE, CallPhase.RINGING):
            self.muted = False  # a new call starts unmuted
        return self.led_reports()

    def set_muted(self, muted: bool) -> list[bytes]:
        self.muted = muted
        return self.led_reports()

    def handle_input(self, report: bytes) -> list[HeadsetRequest]:
        requests: list[HeadsetRequest] = []
        for control, active in self.layout.decode(report).items():
            was_active = self._pressed.get(control, False)
            self._pressed[control] = active
            if active == was_active:
                continue
            if control == TelephonyControl.HOOK_SWITCH:
                request = self._hook_change(active, self.layout.controls[control].field.is_relative)
            elif control == TelephonyControl.PHONE_MUTE:
                in_call = self.phase in (CallPhase.ACTIVE, CallPhase.HELD)
                request = HeadsetRequest.TOGGLE_MUTE if active and in_call else None
            else:
                request = HeadsetRequest.FLASH if active else None
            if request is not None:
                requests.append(request)
        return requests

    def _hook_change(self, off_hook: bool, is_button: bool) -> HeadsetRequest | None:
        in_call = self.phase in (CallPhase.ACTIVE, CallPhase.HELD)
        if is_button:
            if not off_hook:
                return None  # button release
            if self.phase == CallPhase.RINGING:
                return HeadsetRequest.ANSWER
            return HeadsetRequest.HANG_UP if in_call else HeadsetRequest.OFF_HOOK_WHILE_IDLE
        # Absolute switch: only a change that disagrees with the phase is a request; one that
        # agrees is the headset echoing the Off-Hook LED we set.
        if off_hook and self.phase == CallPhase.RINGING:
            return HeadsetRequest.ANSWER
        if off_hook and self.phase == CallPhase.IDLE:
            return HeadsetRequest.OFF_HOOK_WHILE_IDLE
        if not off_hook and in_call:
            return HeadsetRequest.HANG_UP
        return None
