"""Fake PortAudio streams and a fake device list for the audio service's tests (no sound server)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from softphone.audio.device_catalog import DeviceCatalog
from softphone.audio.devices import PulseEndpoint


@dataclass
class FakeStream:
    kwargs: dict[str, Any]
    environment: dict[str, str | None]
    active: bool = False
    closed: bool = False
    latency: float = 0.04

    def start(self) -> None:
        self.active = True

    def abort(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True

    @property
    def endpoint(self) -> str | None:
        return self.environment.get("PULSE_SINK") or self.environment.get("PULSE_SOURCE")

    def pull(self, frames: int = 160) -> np.ndarray:
        """Plays PortAudio asking a playback stream for one block."""
        out = np.zeros((frames, 1), dtype=np.int16)
        self.kwargs["callback"](out, frames, None, None)
        return out[:, 0]


@dataclass
class FakeFactory:
    streams: list[FakeStream] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)
    """Endpoints that fail to open (unplugged)."""

    def __call__(self, **kwargs: Any) -> FakeStream:
        environment = {v: os.environ.get(v) for v in ("PULSE_SINK", "PULSE_SOURCE")}
        if set(environment.values()) & self.missing:
            raise RuntimeError("Error opening stream: no such device")
        stream = FakeStream(kwargs, environment)
        self.streams.append(stream)
        return stream

    def live(self) -> list[FakeStream]:
        return [s for s in self.streams if s.active and not s.closed]


class FakeSoundServer:
    """What ``pactl list sinks/sources`` would answer; tests plug and unplug endpoints."""

    def __init__(self) -> None:
        self.endpoints: dict[str, tuple[str, str]] = {}  # name -> (description, direction)

    def plug(self, name: str, description: str, direction: str) -> None:
        self.endpoints[name] = (description, direction)

    def unplug(self, name: str) -> None:
        self.endpoints.pop(name, None)

    def list(self, direction: str) -> list[PulseEndpoint]:
        return [
            PulseEndpoint(name, description, direction, 16000, 1)  # type: ignore[arg-type]
            for name, (description, kind) in self.endpoints.items()
            if kind == direction
        ]

    def catalog(self) -> DeviceCatalog:
        return DeviceCatalog(use_pulse=True, pulse_lister=self.list)


def desk_and_headset() -> FakeSoundServer:
    server = FakeSoundServer()
    server.plug("usb_headset_out", "Jabra Evolve2", "playback")
    server.plug("usb_headset_in", "Jabra Evolve2 Mic", "capture")
    server.plug("desk_out", "Desk Speaker", "playback")
    server.plug("desk_in", "Desk Mic", "capture")
    return server
