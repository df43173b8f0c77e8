"""Call-progress sounds: the ringtone on the ringer device, ringback and call waiting in the headset.

The sounds are small 16 kHz mono WAVs in ``resources/sounds/`` (made with sox, see the README
there), loaded once into memory. Two ways to play them, both O(block) and allocation-free on the
real-time thread:

- ``LoopingSource``: a whole stream's worth of sound (the ringer's own playback stream). It has
  the ``read_into``/``max_block`` shape of ``DriftCompensatedReader``, so a ``MonitoredStream``
  plays it like any other reader (watchdog and device routing included);
- ``ToneMixer``: wraps the headset's speaker reader and adds a local tone (ringback, call
  waiting) on top of whatever the bridge delivers. These tones are for the agent's ear only, so
  they never need the conference bridge or the routing matrix; a tone the *remote* party must
  hear (hold) is a bridge party instead (``tone_party_files`` -> ``AudioMediaPlayer``).

Switching the tone is one attribute store from any thread (atomic under the GIL); the mixer
restarts the sound from its beginning when the tone changes.
"""

from __future__ import annotations

import wave
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from softphone.resources_path import resource

SOUND_RATE = 16000


class Sound(StrEnum):
    RINGTONE = "ringtone"
    RINGBACK = "ringback"
    HOLD = "hold"
    CALL_WAITING = "call_waiting"


# Bridge party ids of ``softphone.sip.routing`` for the sounds that may be routed on the bridge.
TONE_PARTIES: Mapping[str, Sound] = {
    "tone:hold": Sound.HOLD,
    "tone:ringback": Sound.RINGBACK,
    "tone:call_waiting": Sound.CALL_WAITING,
}


def sound_path(sound: Sound) -> Path:
    return resource("sounds", f"{sound.value}.wav")


def tone_party_files() -> dict[str, Path]:
    """Party id -> WAV, for ``AudioMediaPlayer`` ports the routing matrix can connect."""
    return {party: sound_path(sound) for party, sound in TONE_PARTIES.items()}


@cache
def load_sound(sound: Sound) -> npt.NDArray[np.int16]:
    """The sound's samples (read-only). Raises if the file is not 16 kHz mono 16-bit."""
    return read_wav_mono16(sound_path(sound), SOUND_RATE)


def read_wav_mono16(path: Path, rate: int) -> npt.NDArray[np.int16]:
    with wave.open(str(path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2 or wav.getframerate() != rate:
            raise ValueError(f"{path.name}: expected {rate} Hz mono 16-bit PCM")
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16)
    samples.setflags(write=False)
    return samples


class LoopingSource:
    """Plays ``samples`` over and over; a reader for a playback ``MonitoredStream``."""

    def __init__(self, samples: npt.NDArray[np.int16], max_block: int) -> None:
        if len(samples) == 0:
            raise ValueError("a looping sound needs samples")
        self.samples = samples
        self.max_block = max_block
        self.position = 0

    def read_into(self, out: npt.NDArray[np.int16]) -> int:
        count = len(out)
        done = 0
        total = len(self.samples)
        while done < count:
            take = min(count - done, total - self.position)
            out[done : done + take] = self.samples[self.position : self.position + take]
            done += take
            self.position = (self.position + take) % total
        return count


class ToneMixer:
    """Speaker reader that adds the current local tone (or nothing) to the bridge's audio."""

    def __init__(self, reader, max_block: int, sounds: Mapping[Sound, npt.NDArray[np.int16]] | None = None) -> None:
        self.reader = reader
        self.max_block = max_block
        self._sounds = dict(sounds) if sounds is not None else {}
        self.tone: Sound | None = None
        """The tone to mix in; set from any thread."""
        self._playing: Sound | None = None
        self._position = 0
        self._scratch = np.zeros(max_block, dtype=np.int32)

    def samples_of(self, sound: Sound) -> npt.NDArray[np.int16]:
        if sound not in self._sounds:
            self._sounds[sound] = load_sound(sound)
        return self._sounds[sound]

    def set_tone(self, tone: Sound | None) -> None:
        """Any thread. Loads the sound here, off the real-time thread, before publishing it."""
        if tone is not None:
            self.samples_of(tone)
        self.tone = tone

    def read_into(self, out: npt.NDArray[np.int16]) -> int:
        real = self.reader.read_into(out)
        self.mix_into(out)
        return real

    def mix_into(self, out: npt.NDArray[np.int16]) -> None:
        """Add the current tone to ``out`` in place (also used on its own where the bridge pushes audio)."""
        tone = self.tone
        if tone is not self._playing:
            self._playing, self._position = tone, 0
        if tone is None:
            return
        samples = self._sounds.get(tone)
        if samples is None:  # set directly without set_tone: never load files on this thread
            return
        count = len(out)
        mix = self._scratch[:count]
        mix[:] = out
        done, total = 0, len(samples)
        while done < count:
            take = min(count - done, total - self._position)
            mix[done : done + take] += samples[self._position : self._position + take]
            done += take
            self._position = (self._position + take) % total
        np.clip(mix, -32768, 32767, out=mix)
        out[:] = mix
