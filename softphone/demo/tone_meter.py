"""What a party heard, measured from a WAV: overall level and the level of given tones.

Pure Python (``array`` + the Goertzel algorithm) because it runs in the product (the switchboard
child and ``--self-test``), where numpy is not a dependency. One Goertzel pass per frequency is
O(samples); two seconds at 16 kHz and four tones take a few tens of milliseconds.

Levels are in dBFS: 0 dBFS is a full-scale sine. pjmedia's tone generator plays at about -9 dBFS;
on loopback with G.722 a tone that nobody routed to a party stays below -50 dBFS, so -30 / -45
leave a wide margin either side.
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from dataclasses import dataclass, field
from pathlib import Path

PRESENT_DBFS = -30.0
ABSENT_DBFS = -45.0
SPEECH_DBFS = -40.0  # RMS of the whole signal: espeak speech normalised to -3 dBFS peak sits near -20
SILENCE_DBFS = -120.0


@dataclass(frozen=True, slots=True)
class HeardLevels:
    rms_dbfs: float
    tones_dbfs: dict[int, float] = field(default_factory=dict)
    seconds: float = 0.0

    def tone_present(self, hz: int) -> bool:
        return self.tones_dbfs.get(hz, SILENCE_DBFS) >= PRESENT_DBFS

    def tone_absent(self, hz: int) -> bool:
        return self.tones_dbfs.get(hz, SILENCE_DBFS) < ABSENT_DBFS

    @property
    def sound_present(self) -> bool:
        """Anything audible (speech, tones): what the speech-only demo can check."""
        return self.rms_dbfs >= SPEECH_DBFS

    def as_dict(self) -> dict[str, object]:
        return {"rms_dbfs": self.rms_dbfs, "tones_dbfs": {str(k): v for k, v in self.tones_dbfs.items()},
                "seconds": self.seconds}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> HeardLevels:
        tones = data.get("tones_dbfs") or {}
        assert isinstance(tones, dict)
        return cls(float(data["rms_dbfs"]), {int(k): float(v) for k, v in tones.items()},  # type: ignore[arg-type]
                   float(data.get("seconds", 0.0)))  # type: ignore[arg-type]


def read_samples(path: Path) -> tuple[array, int]:
    """16-bit PCM samples (mono, or channels averaged away by taking the first) and the rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"expected 16-bit PCM, got {8 * wav.getsampwidth()}-bit")
        rate, channels = wav.getframerate(), wav.getnchannels()
        frames = wav.readframes(wav.getnframes())
    samples = array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    if channels > 1:
        samples = samples[::channels]
    return samples, rate


def measure(samples: array, rate: int, tones_hz: tuple[int, ...] | list[int]) -> HeardLevels:
    count = len(samples)
    if count < rate // 10:
        return HeardLevels(SILENCE_DBFS, {hz: SILENCE_DBFS for hz in tones_hz}, count / rate if rate else 0.0)
    scale = 1.0 / 32768.0
    # Hann window: a loud tone must not leak into the bins of another one 400 Hz away.
    step = 2.0 * math.pi / (count - 1)
    windowed = [s * scale * (0.5 - 0.5 * math.cos(step * i)) for i, s in enumerate(samples)]
    mean_square = sum((s * scale) ** 2 for s in samples) / count
    levels = {hz: _goertzel_dbfs(windowed, rate, hz) for hz in tones_hz}
    return HeardLevels(_db(math.sqrt(mean_square) * math.sqrt(2.0)), levels, round(count / rate, 3))


def measure_wav(path: Path, tones_hz: tuple[int, ...] | list[int], skip_s: float = 0.2) -> HeardLevels:
    """``skip_s`` drops the start, where jitter buffers are still filling."""
    samples, rate = read_samples(path)
    return measure(samples[int(skip_s * rate):], rate, tones_hz)


def _goertzel_dbfs(windowed: list[float], rate: int, hz: int) -> float:
    count = len(windowed)
    coefficient = 2.0 * math.cos(2.0 * math.pi * hz / rate)
    previous = before_previous = 0.0
    for sample in windowed:
        previous, before_previous = sample + coefficient * previous - before_previous, previous
    power = previous * previous + before_previous * before_previous - coefficient * previous * before_previous
    # A unit sine under a Hann window peaks at count/4 in magnitude.
    amplitude = math.sqrt(max(power, 0.0)) / (count / 4.0)
    return _db(amplitude)


def _db(amplitude: float) -> float:
    return round(20.0 * math.log10(amplitude), 1) if amplitude > 1e-6 else SILENCE_DBFS
