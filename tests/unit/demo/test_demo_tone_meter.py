from __future__ import annotations

import math
import wave
from array import array

from softphone.demo.cast import VOICES_FOLDER, caller
from softphone.demo.tone_meter import HeardLevels, measure, measure_wav
from softphone.resources_path import resource

RATE = 16000


def _tones(*parts: tuple[int, float], seconds: float = 1.0) -> array:
    count = int(RATE * seconds)
    return array("h", (int(32767 * sum(a * math.sin(2 * math.pi * hz * i / RATE) for hz, a in parts))
                       for i in range(count)))


def test_a_tone_is_measured_at_its_level_and_others_are_absent():
    levels = measure(_tones((1000, 0.35), (600, 0.1)), RATE, (600, 1000, 1400))
    assert abs(levels.tones_dbfs[1000] - 20 * math.log10(0.35)) < 0.5
    assert abs(levels.tones_dbfs[600] - 20 * math.log10(0.1)) < 0.5
    assert levels.tone_present(1000) and levels.tone_present(600)
    assert levels.tone_absent(1400)


def test_silence_and_too_short_input():
    silent = measure(array("h", [0] * RATE), RATE, (1000,))
    assert silent.tone_absent(1000) and not silent.sound_present
    short = measure(array("h", [1000] * 100), RATE, (1000,))
    assert short.tone_absent(1000)


def test_recorded_speech_is_sound_but_no_test_tone(tmp_path):
    path = resource(*VOICES_FOLDER, caller("chest-pain").lines[0].file)
    levels = measure_wav(path, (600, 1000, 1400))
    assert levels.sound_present
    assert all(levels.tone_absent(hz) for hz in (600, 1000, 1400))


def test_wav_reading_and_dict_round_trip(tmp_path):
    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(_tones((1400, 0.3)).tobytes())
    levels = measure_wav(path, (1400,), skip_s=0.1)
    assert levels.tone_present(1400)
    assert HeardLevels.from_dict(levels.as_dict()) == levels
