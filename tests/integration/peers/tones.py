"""Which tones does a WAV contain?  A small FFT helper for proving audio by content."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class ToneReport:
    """Per tone: ``levels_db`` = peak above the spectrum's median floor (SNR-like) and
    ``dbfs`` = the tone's own amplitude (0 dBFS = full-scale sine).  pjmedia's tone
    generator plays at about -9 dBFS; codec artefacts of another, loud tone stay far
    below -45 dBFS."""

    rms: float  # of the whole analysed signal, full scale = 1.0
    levels_db: dict[int, float]
    dbfs: dict[int, float]

    def present(self, freq: int, min_db: float = 20.0, min_dbfs: float = -30.0) -> bool:
        return self.levels_db.get(freq, 0.0) >= min_db and self.dbfs.get(freq, -200.0) >= min_dbfs

    def absent(self, freq: int, max_db: float = 10.0, max_dbfs: float = -45.0) -> bool:
        return self.levels_db.get(freq, 0.0) < max_db or self.dbfs.get(freq, -200.0) < max_dbfs


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        frames = wav.readframes(wav.getnframes())
        width, channels = wav.getsampwidth(), wav.getnchannels()
    if width != 2:
        raise ValueError(f"expected 16-bit PCM, got {8 * width}-bit")
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples, rate


def analyse(path: Path, freqs: list[int] | tuple[int, ...], skip_s: float = 0.3,
            tolerance_hz: float = 15.0) -> ToneReport:
    samples, rate = read_wav(path)
    samples = samples[int(skip_s * rate):]
    if samples.size < rate // 10:
        return ToneReport(0.0, {f: 0.0 for f in freqs}, {f: -200.0 for f in freqs})
    rms = float(np.sqrt(np.mean(samples**2)))
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    bins = np.fft.rfftfreq(samples.size, 1.0 / rate)
    band = (bins > 150) & (bins < 3600)
    floor = float(np.median(spectrum[band])) + 1e-12
    full_scale_peak = samples.size / 4.0  # |FFT| of a unit sine under a Hann window
    levels, dbfs = {}, {}
    for freq in freqs:
        near = np.abs(bins - freq) <= tolerance_hz
        peak = float(spectrum[near].max()) if near.any() else 0.0
        levels[freq] = round(20.0 * np.log10(peak / floor + 1e-12), 1)
        dbfs[freq] = round(20.0 * np.log10(peak / full_scale_peak + 1e-12), 1)
    return ToneReport(round(rms, 4), levels, dbfs)
