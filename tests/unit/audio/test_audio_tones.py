"""The call-progress sound files and the two ways of playing them."""

from __future__ import annotations

import numpy as np
import pytest

from softphone.audio.tones import LoopingSource, Sound, ToneMixer, load_sound, tone_party_files


class Constant:
    max_block = 160

    def __init__(self, value: int) -> None:
        self.value = value

    def read_into(self, out: np.ndarray) -> int:
        out[:] = self.value
        return len(out)


def dominant_hz(samples: np.ndarray, rate: int = 16000) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * rate / len(samples))


@pytest.mark.parametrize(("sound", "hz"), [(Sound.RINGTONE, 440), (Sound.RINGBACK, 425), (Sound.HOLD, 620), (Sound.CALL_WAITING, 440)])
def test_each_sound_is_a_short_16_khz_file_with_its_tone(sound: Sound, hz: int) -> None:
    samples = load_sound(sound)
    assert 1 * 16000 <= len(samples) <= 5 * 16000
    loud = samples[np.abs(samples) > 1000]
    assert len(loud) > 1000
    assert dominant_hz(samples[: 16000 // 5]) == pytest.approx(hz, abs=45)  # 440+480 Hz for the ringtone


def test_the_routable_tones_use_the_routing_module_party_names() -> None:
    from softphone.sip.routing import TONES

    assert set(tone_party_files()) == set(TONES)
    assert all(path.is_file() for path in tone_party_files().values())


def test_looping_source_wraps_around() -> None:
    source = LoopingSource(np.arange(5, dtype=np.int16), max_block=4)
    out = np.zeros(7, dtype=np.int16)
    source.read_into(out)
    assert out.tolist() == [0, 1, 2, 3, 4, 0, 1]


def test_mixer_passes_the_bridge_audio_through_and_adds_the_tone_with_saturation() -> None:
    tone = np.array([100, -100, 32000], dtype=np.int16)
    mixer = ToneMixer(Constant(1000), 160, {Sound.RINGBACK: tone})
    out = np.zeros(4, dtype=np.int16)
    mixer.read_into(out)
    assert out.tolist() == [1000] * 4
    mixer.set_tone(Sound.RINGBACK)
    mixer.read_into(out)
    assert out.tolist() == [1100, 900, 32767, 1100]
    mixer.read_into(out)
    assert out.tolist() == [900, 32767, 1100, 900]  # continues where it stopped
    mixer.set_tone(None)
    mixer.read_into(out)
    assert out.tolist() == [1000] * 4
    mixer.set_tone(Sound.RINGBACK)
    mixer.read_into(out)
    assert out[0] == 1100  # a new tone starts from its beginning
