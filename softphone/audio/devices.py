"""Which OS audio devices exist and how to open the one the agent chose.

PortAudio (through ``sounddevice``) is the portable layer: on Windows (WASAPI/MME) and macOS
(CoreAudio) it lists every headset by name. On Linux, Debian's PortAudio 19.6 has no native
PulseAudio/PipeWire host API; it only sees ALSA, where the desktop sound server appears as two
virtual devices, ``pulse`` and ``default``. The real headsets are then PulseAudio *sinks* and
*sources*, which PortAudio cannot list, so:

- they are listed with ``pactl -f json`` (pulseaudio-utils; PipeWire's pipewire-pulse answers it too);
- one is selected by opening PortAudio's ``pulse`` device with ``PULSE_SINK`` / ``PULSE_SOURCE``
  in the environment: the ALSA pulse plugin creates a fresh libpulse context for every stream it
  opens, and libpulse takes its default device from those variables at that moment (verified here:
  the stream lands on the named sink/source; nothing else in the process changes).

Environment variables are process-wide, so opening is serialised with ``_OPEN_LOCK`` and the
previous values are restored right after the open.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

Direction = Literal["capture", "playback"]

PULSE_PORTAUDIO_DEVICE = "pulse"
"""The ALSA PCM through which PortAudio reaches PulseAudio/PipeWire on Linux."""

_OPEN_LOCK = threading.RLock()  # re-entrant: a duplex open routes both directions


@dataclass(frozen=True)
class PortAudioDevice:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_sample_rate: float

    def supports(self, direction: Direction) -> bool:
        return (self.max_input_channels if direction == "capture" else self.max_output_channels) > 0


@dataclass(frozen=True)
class PulseEndpoint:
    """A PulseAudio sink (playback) or source (capture): what the agent calls a device on Linux."""

    name: str
    description: str
    direction: Direction
    sample_rate: int
    channels: int


@dataclass(frozen=True)
class DeviceChoice:
    """Where one direction of audio goes.

    ``portaudio_device`` is a PortAudio index or name (``None``: PortAudio's default);
    ``pulse_endpoint`` additionally pins a PulseAudio sink/source when opening through ``pulse``.
    """

    portaudio_device: int | str | None = None
    pulse_endpoint: str | None = None


def list_portaudio_devices() -> list[PortAudioDevice]:
    import sounddevice  # local: importing it loads and initialises the PortAudio library

    host_apis = sounddevice.query_hostapis()
    return [
        PortAudioDevice(
            index=info["index"],
            name=info["name"],
            host_api=host_apis[info["hostapi"]]["name"],
            max_input_channels=info["max_input_channels"],
            max_output_channels=info["max_output_channels"],
            default_sample_rate=info["default_samplerate"],
        )
        for info in sounddevice.query_devices()
    ]


def find_portaudio_device(name_fragment: str, direction: Direction) -> PortAudioDevice:
    """The first device whose name contains ``name_fragment`` (case-insensitive) and can do ``direction``."""
    wanted = name_fragment.casefold()
    candidates = [d for d in list_portaudio_devices() if d.supports(direction)]
    for device in candidates:
        if device.name.casefold() == wanted:
            return device
    for device in candidates:
        if wanted in device.name.casefold():
            return device
    names = ", ".join(d.name for d in candidates) or "none"
    raise LookupError(f"no {direction} device matching {name_fragment!r}; available: {names}")


def pulse_available() -> bool:
    """True on Linux when PortAudio offers the ``pulse`` device and ``pactl`` can list endpoints."""
    if not sys.platform.startswith("linux") or shutil.which("pactl") is None:
        return False
    return any(d.name == PULSE_PORTAUDIO_DEVICE for d in list_portaudio_devices())


def list_pulse_endpoints(direction: Direction) -> list[PulseEndpoint]:
    """Sinks (playback) or sources (capture) of the PulseAudio/PipeWire server, monitors excluded."""
    kind = "sinks" if direction == "playback" else "sources"
    completed = subprocess.run(
        ["pactl", "-f", "json", "list", kind], capture_output=True, text=True, timeout=10, check=True
    )
    endpoints = []
    for entry in json.loads(completed.stdout or "[]"):
        # A source that monitors a sink is "what that sink plays", never a microphone. For
        # sources, pactl's JSON puts the monitored sink's name in "monitor_source" ("" if none).
        if direction == "capture" and entry.get("monitor_source") not in (None, "", "n/a"):
            continue
        sample_spec = entry.get("sample_specification", "")
        endpoints.append(
            PulseEndpoint(
                name=entry["name"],
                description=entry.get("description", entry["name"]),
                direction=direction,
                sample_rate=_sample_rate_of(sample_spec),
                channels=_channels_of(sample_spec),
            )
        )
    return endpoints


def _sample_rate_of(sample_spec: str) -> int:
    # "s16le 1ch 16000Hz"
    for part in sample_spec.split():
        if part.endswith("Hz") and part[:-2].isdigit():
            return int(part[:-2])
    return 0


def _channels_of(sample_spec: str) -> int:
    for part in sample_spec.split():
        if part.endswith("ch") and part[:-2].isdigit():
            return int(part[:-2])
    return 0


@contextmanager
def pulse_routing(direction: Direction, endpoint: str | None) -> Iterator[None]:
    """While opening a PortAudio stream on ``pulse``, point libpulse at ``endpoint``.

    Holds a lock for the whole open so two streams opened from different threads never see
    each other's variable, and restores the previous environment afterwards.
    """
    variable = "PULSE_SINK" if direction == "playback" else "PULSE_SOURCE"
    with _OPEN_LOCK:
        if endpoint is None:
            yield
            return
        previous = os.environ.get(variable)
        os.environ[variable] = endpoint
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = previous


def reload_portaudio() -> None:
    """Re-initialise PortAudio so a headset plugged in after start-up shows up.

    PortAudio snapshots its device list at initialisation. ``sounddevice`` exposes only the
    private ``_terminate``/``_initialize`` pair for this (the maintainer's documented workaround,
    python-sounddevice issue #3). It stops every open stream, so only call it with none open.
    """
    import sounddevice

    sounddevice._terminate()
    sounddevice._initialize()
