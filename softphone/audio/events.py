"""What the audio layer tells the rest of the app (plain immutable events, published from its threads)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from softphone.audio.devices import Direction


class HeadsetState(StrEnum):
    OK = "ok"  # on the devices the agent chose
    FALLBACK = "fallback"  # the chosen headset is gone: on the provisioned default
    NONE = "none"  # no audio device at all: calls connect without sound (demo still runs)


@dataclass(frozen=True)
class HeadsetStatus:
    state: HeadsetState
    microphone: str | None  # descriptions of the devices in use
    speaker: str | None
    detail: str = ""


@dataclass(frozen=True)
class HeadsetUnplugged:
    """A device in use vanished mid-session: audio moved to ``fallback`` (None: nowhere to go)."""

    direction: Direction
    device: str
    fallback: str | None
    # What the agent is shown (device descriptions); the names above are identifiers.
    device_description: str = ""
    fallback_description: str | None = None


@dataclass(frozen=True)
class HeadsetReplugged:
    """The agent's chosen device is back while audio runs on the fallback: offer to switch back."""

    directions: tuple[Direction, ...]
    device: str
    device_description: str = ""


@dataclass(frozen=True)
class HeadsetSwitchedBack:
    directions: tuple[Direction, ...]
    device: str


AudioEvent = HeadsetStatus | HeadsetUnplugged | HeadsetReplugged | HeadsetSwitchedBack
