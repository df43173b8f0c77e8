"""USB HID telephony headsets: hook switch, mute, flash and their LEDs.

    report_descriptor  where a device keeps its bits (pure)
    hid_telephony      report decoding, LED encoding, the hook/mute state machine (pure)
    hid_device         thin hidapi adapter: one I/O thread per open headset
    monitor            hot-plug: enumerate, open, reopen on its own thread; the status bar's state
    controller         the buttons and LEDs wired to the agent's call controller (no Qt)
"""
