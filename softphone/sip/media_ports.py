"""Engine-owned bridge parties made from pjsua2 media: tone generators (ringback, hold
beeps, a test "microphone") and WAV recorders (a test "ear", call recording).

They must be destroyed before ``libDestroy()`` or the process aborts at exit, which is
why the engine, not the caller, owns them.  SIP thread only.
"""

from __future__ import annotations

from pathlib import Path

import pjsua2 as pj


def create_tone_port(
    frequencies: tuple[int, ...], on_ms: int, off_ms: int, volume: int, clock_rate: int
) -> pj.ToneGenerator:
    tone = pj.ToneGenerator()
    tone.createToneGenerator(clock_rate, 1)
    descriptions = pj.ToneDescVector()
    freqs = list(frequencies) or [440]
    # pjmedia mixes at most two frequencies per tone; more are played in turn.
    for index in range(0, len(freqs), 2):
        desc = pj.ToneDesc()
        desc.freq1 = freqs[index]
        desc.freq2 = freqs[index + 1] if index + 1 < len(freqs) else 0
        desc.on_msec = on_ms
        desc.off_msec = off_ms
        desc.volume = volume
        descriptions.append(desc)
    tone.play(descriptions, True)
    return tone


def create_recorder_port(path: Path) -> pj.AudioMediaRecorder:
    path.parent.mkdir(parents=True, exist_ok=True)
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(str(path))
    return recorder
