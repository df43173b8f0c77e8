"""The audio devices this machine offers, as the softphone sees them."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any


def audio_inventory() -> dict[str, Any]:
    """PortAudio devices and, on Linux, PulseAudio/PipeWire endpoints; errors are reported, not raised."""
    inventory: dict[str, Any] = {}
    try:
        from softphone.audio.devices import list_portaudio_devices

        inventory["portaudio"] = [dataclasses.asdict(device) for device in list_portaudio_devices()]
    except Exception as error:  # no PortAudio, no sound server: exactly what support must see
        inventory["portaudio"] = f"unavailable ({type(error).__name__}: {error})"
    if sys.platform.startswith("linux"):
        try:
            from softphone.audio.devices import list_pulse_endpoints, pulse_available

            if pulse_available():
                inventory["pulse"] = {
                    direction: [dataclasses.asdict(endpoint) for endpoint in list_pulse_endpoints(direction)]
                    for direction in ("capture", "playback")
                }
            else:
                inventory["pulse"] = "unavailable (no PulseAudio/PipeWire server answered)"
        except Exception as error:
            inventory["pulse"] = f"unavailable ({type(error).__name__}: {error})"
    return inventory
