"""Hand-written HID report descriptors of telephony headsets and their reports, shared by the headset tests.

The descriptors and report bytes below are hand-written, *plausible* fixtures modelled on the
shape of common USB telephony headsets (telephony collection with report IDs next to a consumer
volume collection; a no-report-ID variant; an array variant). They are not dumps from real
devices: replace them with recorded ones (`usbhid-dump`, hidapi `get_report_descriptor`) when a
headset is on the bench.
"""

# Report 1: consumer volume up/down. Report 2: telephony. Input bits of report 2:
# 0 Hook Switch (abs), 1 Line Busy Tone, 2 Phone Mute (rel), 3 Flash, 4 Redial, 5-7 padding.
# Output bits of report 2 (LED page): 0 Off-Hook, 1 Mute, 2 Ring, 3 Hold, 4-7 padding.
HEADSET_WITH_REPORT_IDS = bytes.fromhex(
    "05 0C 09 01 A1 01 85 01 15 00 25 01 09 E9 09 EA 75 01 95 02 81 02 95 06 81 01 C0"
    "05 0B 09 05 A1 01 85 02 15 00 25 01"
    "09 20 09 97 75 01 95 02 81 22"
    "09 2F 95 01 81 06"
    "09 21 95 01 81 22"
    "09 24 95 01 81 22"
    "95 03 81 01"
    "05 08 09 17 09 09 09 18 09 20 75 01 95 04 91 22"
    "95 04 91 01"
    "C0"
)

# No report IDs. Input: bit 0 Phone Mute, bit 1 Hook Switch. Output: bit 0 Mute, 1 Off-Hook, 2 Ring.
HEADSET_WITHOUT_REPORT_IDS = bytes.fromhex(
    "05 0B 09 05 A1 01 15 00 25 01 75 01"
    "09 2F 09 20 95 02 81 02"
    "95 06 81 03"
    "05 08 09 09 09 17 09 18 95 03 91 02"
    "95 05 91 03"
    "C0"
)

# Report 3 carries one 2-bit array slot: 1 = Hook Switch, 2 = Flash, 3 = Phone Mute.
HEADSET_WITH_ARRAY_BUTTONS = bytes.fromhex(
    "05 0B 09 05 A1 01 85 03 15 01 25 03 75 02 95 01"
    "09 20 09 21 09 2F 81 00"
    "75 06 95 01 81 03"
    "C0"
)

# Hook Switch declared relative: a button that toggles rather than a switch that holds.
HEADSET_WITH_HOOK_BUTTON = bytes.fromhex(
    "05 0B 09 05 A1 01 85 05 15 00 25 01 75 01"
    "09 20 95 01 81 06"
    "95 07 81 01"
    "05 08 09 17 09 18 95 02 91 02 95 06 91 01"
    "C0"
)


def report_with_ids(*, hook: bool = False, mute: bool = False, flash: bool = False) -> bytes:
    """An input report 2 of HEADSET_WITH_REPORT_IDS, as hidapi's ``read`` returns it."""
    return bytes([0x02, (hook << 0) | (mute << 2) | (flash << 3)])


def leds_with_ids(*, off_hook: bool = False, mute: bool = False, ring: bool = False, hold: bool = False) -> bytes:
    """The output report 2 of HEADSET_WITH_REPORT_IDS lighting these LEDs, as written to hidapi."""
    return bytes([0x02, (off_hook << 0) | (mute << 1) | (ring << 2) | (hold << 3)])
