"""The agent's audio devices by name: listing them, and turning a remembered name into a stream target.

Settings remember devices by *name*, never by index (indices move when anything is plugged):

- Linux with PulseAudio/PipeWire: the sink/source name (``alsa_output.usb-Jabra...``), shown by
  its description; opened through PortAudio's ``pulse`` device with ``PULSE_SINK``/``PULSE_SOURCE``
  (see ``devices``). This is also the only place where hot-plug is visible (PortAudio snapshots
  its list at start-up), so ``present_names`` here is what the hot-plug monitor polls;
- elsewhere (Windows WASAPI/MME, macOS): the PortAudio device name; a device unplugged mid-call
  shows up as a stream that dies and cannot be reopened (``StreamWatchdog``).

``""`` means "the system default" and is always considered present when any device exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from softphone.audio.devices import (
    PULSE_PORTAUDIO_DEVICE,
    DeviceChoice,
    Direction,
    list_portaudio_devices,
    list_pulse_endpoints,
    pulse_available,
)

log = logging.getLogger(__name__)

SYSTEM_DEFAULT = ""


@dataclass(frozen=True)
class AudioDevice:
    name: str
    """Stable identifier remembered in the settings."""
    description: str
    """What the agent sees."""
    direction: Direction
    choice: DeviceChoice


def matches(device: AudioDevice, wanted: str) -> bool:
    folded = wanted.casefold()
    return device.name.casefold() == folded or device.description.casefold() == folded


def find_device(devices: list[AudioDevice], wanted: str) -> AudioDevice | None:
    """Exact name or description first, then a description that contains ``wanted``."""
    if not wanted:
        return None
    for device in devices:
        if matches(device, wanted):
            return device
    folded = wanted.casefold()
    for device in devices:
        if folded in device.description.casefold():
            return device
    return None


class DeviceCatalog:
    """Lists devices; the lister functions are injectable so the logic is tested without a sound server."""

    def __init__(
        self,
        *,
        use_pulse: bool | None = None,
        pulse_lister: Callable[[Direction], list] = list_pulse_endpoints,
        portaudio_lister: Callable[[], list] = list_portaudio_devices,
    ) -> None:
        self._use_pulse = use_pulse
        self._pulse_lister = pulse_lister
        self._portaudio_lister = portaudio_lister

    @property
    def uses_pulse(self) -> bool:
        if self._use_pulse is None:
            try:
                self._use_pulse = pulse_available()
            except Exception as error:  # noqa: BLE001 - no PortAudio at all: no pulse either
                log.info("audio: PortAudio unavailable: %s", type(error).__name__)
                self._use_pulse = False
        return self._use_pulse

    def devices(self, direction: Direction) -> list[AudioDevice]:
        if self.uses_pulse:
            return [
                AudioDevice(e.name, e.description, direction, DeviceChoice(pulse_endpoint=e.name))
                for e in self._pulse_lister(direction)
            ]
        seen: set[str] = set()
        found = []
        for device in self._portaudio_lister():
            if not device.supports(direction) or device.name in seen:
                continue  # the same device under several host APIs: the first (preferred) one
            seen.add(device.name)
            # Opened by index: a name can match several host APIs (sounddevice then refuses it),
            # and PortAudio's indices hold until it is re-initialised (``reload_portaudio``).
            found.append(AudioDevice(device.name, device.name, direction, DeviceChoice(portaudio_device=device.index)))
        return found

    def default_choice(self) -> DeviceChoice:
        return DeviceChoice(portaudio_device=PULSE_PORTAUDIO_DEVICE) if self.uses_pulse else DeviceChoice()

    def resolve(self, wanted: str, direction: Direction, devices: list[AudioDevice] | None = None) -> AudioDevice | None:
        """The device named ``wanted`` (or the system default for ``""``); None if it is not there."""
        devices = self.devices(direction) if devices is None else devices
        if wanted == SYSTEM_DEFAULT:
            return self.system_default(direction, devices)
        return find_device(devices, wanted)

    def system_default(self, direction: Direction, devices: list[AudioDevice]) -> AudioDevice | None:
        if not devices:
            return None
        return AudioDevice(SYSTEM_DEFAULT, "System default", direction, self.default_choice())

    def present_names(self, direction: Direction) -> set[str]:
        names = {device.name for device in self.devices(direction)}
        if names:
            names.add(SYSTEM_DEFAULT)
        return names
