"""A small USB HID report-descriptor parser: enough to find where telephony bits live.

Headsets describe their reports in a HID report descriptor (HID 1.11, section 6.2.2). We only
need the position of a handful of 1-bit controls (hook switch, mute, flash) in *input* reports
and of a few LEDs in *output* reports, so this parser walks the short items, tracks the global
and local state, and emits one ``ReportField`` per Input/Output/Feature main item. Long items
(never used by headsets) are skipped.

Reading positions from the descriptor instead of a per-vendor table means a headset we have
never seen still works as long as it follows the Telephony (0x0B) and LED (0x08) usage pages,
which the USB-IF Teams/Skype-certification specs require. A table can still override it
(``hid_telephony.TelephonyLayout`` accepts hand-written fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ReportKind = Literal["input", "output", "feature"]

# Main item data bits (HID 1.11 6.2.2.5)
FLAG_CONSTANT = 0x01
FLAG_VARIABLE = 0x02
FLAG_RELATIVE = 0x04


@dataclass(frozen=True)
class ReportField:
    """``count`` consecutive ``size``-bit values in one report.

    Variable fields carry one value per usage in ``usages`` (``usages[i]`` for value ``i``).
    Array fields carry ``count`` indices, each naming the active usage as
    ``usages[value - logical_minimum]``.
    """

    kind: ReportKind
    report_id: int
    bit_offset: int  # from the first data byte, i.e. after the report ID byte if any
    size: int
    count: int
    flags: int
    logical_minimum: int
    usages: tuple[tuple[int, int], ...]  # (usage page, usage id)

    @property
    def is_constant(self) -> bool:
        return bool(self.flags & FLAG_CONSTANT)

    @property
    def is_variable(self) -> bool:
        return bool(self.flags & FLAG_VARIABLE)

    @property
    def is_relative(self) -> bool:
        return bool(self.flags & FLAG_RELATIVE)


@dataclass(frozen=True)
class ParsedDescriptor:
    fields: tuple[ReportField, ...]
    uses_report_ids: bool

    def report_bytes(self, kind: ReportKind, report_id: int) -> int:
        """Length of the report's data in bytes (without the report ID byte)."""
        bits = 0
        for item in self.fields:
            if item.kind == kind and item.report_id == report_id:
                bits = max(bits, item.bit_offset + item.size * item.count)
        return (bits + 7) // 8


@dataclass
class _GlobalState:
    usage_page: int = 0
    logical_minimum: int = 0
    report_size: int = 0
    report_count: int = 0
    report_id: int = 0


@dataclass
class _LocalState:
    usages: list[tuple[int, int]] = field(default_factory=list)
    usage_minimum: tuple[int, int] | None = None


class DescriptorError(ValueError):
    pass


def _unsigned(data: bytes) -> int:
    return int.from_bytes(data, "little", signed=False)


def _signed(data: bytes) -> int:
    return int.from_bytes(data, "little", signed=True) if data else 0


def _usage(data: bytes, page: int) -> tuple[int, int]:
    value = _unsigned(data)
    # A 4-byte usage is "extended": the page is in its high 16 bits.
    if len(data) == 4:
        return value >> 16, value & 0xFFFF
    return page, value


def parse_report_descriptor(descriptor: bytes) -> ParsedDescriptor:
    global_state = _GlobalState()
    stack: list[_GlobalState] = []
    local = _LocalState()
    fields: list[ReportField] = []
    bit_positions: dict[tuple[ReportKind, int], int] = {}
    uses_report_ids = False
    index = 0
    while index < len(descriptor):
        prefix = descriptor[index]
        if prefix == 0xFE:  # long item: size byte, tag byte, data
            if index + 1 >= len(descriptor):
                raise DescriptorError("truncated long item")
            index += 3 + descriptor[index + 1]
            continue
        size = (0, 1, 2, 4)[prefix & 0x03]
        item_type = (prefix >> 2) & 0x03
        tag = prefix >> 4
        data = descriptor[index + 1 : index + 1 + size]
        if len(data) != size:
            raise DescriptorError(f"truncated item at byte {index}")
        index += 1 + size

        if item_type == 0:  # main
            kind: ReportKind | None = {0x8: "input", 0x9: "output", 0xB: "feature"}.get(tag)  # type: ignore[assignment]
            if kind is not None:
                flags = _unsigned(data)
                # Usages keep the page that was current when they were declared; every headset
                # descriptor we know declares the page first (HID 1.11 6.2.2.8).
                usages = list(local.usages)
                key = (kind, global_state.report_id)
                offset = bit_positions.get(key, 0)
                fields.append(
                    ReportField(
                        kind=kind,
                        report_id=global_state.report_id,
                        bit_offset=offset,
                        size=global_state.report_size,
                        count=global_state.report_count,
                        flags=flags,
                        logical_minimum=global_state.logical_minimum,
                        usages=tuple(usages),
                    )
                )
                bit_positions[key] = offset + global_state.report_size * global_state.report_count
            # Collection (0xA) / End Collection (0xC) only group usages; positions do not change.
            local = _LocalState()
        elif item_type == 1:  # global
            if tag == 0x0:
                global_state.usage_page = _unsigned(data)
            elif tag == 0x1:
                global_state.logical_minimum = _signed(data)
            elif tag == 0x7:
                global_state.report_size = _unsigned(data)
            elif tag == 0x8:
                global_state.report_id = _unsigned(data)
                uses_report_ids = True
            elif tag == 0x9:
                global_state.report_count = _unsigned(data)
            elif tag == 0xA:  # push
                stack.append(_GlobalState(**vars(global_state)))
            elif tag == 0xB:  # pop
                if not stack:
                    raise DescriptorError("Pop without Push")
                global_state = stack.pop()
        elif item_type == 2:  # local
            if tag == 0x0:
                local.usages.append(_usage(data, global_state.usage_page))
            elif tag == 0x1:
                local.usage_minimum = _usage(data, global_state.usage_page)
            elif tag == 0x2 and local.usage_minimum is not None:
                page, first = local.usage_minimum
                _, last = _usage(data, global_state.usage_page)
                local.usages.extend((page, usage) for usage in range(first, last + 1))
                local.usage_minimum = None
    return ParsedDescriptor(fields=tuple(fields), uses_report_ids=uses_report_ids)

