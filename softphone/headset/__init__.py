"""USB HID telephony headsets: hook switch, mute and LEDs."""
