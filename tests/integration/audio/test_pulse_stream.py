"""libpulse streams against the real test PulseAudio server: refusals and the latency actually granted."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def needs_pulse() -> None:
    if not os.environ.get("PULSE_SERVER"):
        pytest.skip('PULSE_SERVER is unset: run scripts/services/pulseaudio.sh start and eval "$(scripts/services/pulseaudio.sh env)"')


def test_a_missing_sink_is_refused_at_once_with_the_servers_reason() -> None:
    from softphone.audio.pulse_stream import PulseStream, PulseStreamError

    started = time.monotonic()
    with pytest.raises(PulseStreamError, match="No such entity"):
        PulseStream("playback", device="no_such_headset", samplerate=16000, blocksize=80, latency=0.01)
    assert time.monotonic() - started < 2.0


def test_driven_playback_queues_what_it_is_given_and_reports_it() -> None:
    from softphone.audio.pulse_stream import PulseStream

    stream = PulseStream("playback", device="headset_speaker", samplerate=16000, blocksize=80, latency=0.01)
    try:
        assert stream.driven and stream.device_name == "headset_speaker"
        assert stream.latency == pytest.approx(0.0105, abs=0.002)  # the tlength the server granted
        stream.start()
        silence = np.zeros(16000, dtype=np.int16)
        assert stream.write(silence.ctypes.data, 8000)  # 500 ms queued at once
        queued = None
        deadline = time.monotonic() + 2.0
        while queued is None and time.monotonic() < deadline:
            queued = stream.queued_frames()  # None until the first timing answer
            time.sleep(0.01)
        assert queued is not None and 4000 < queued <= 8000 + 800
        assert stream.progress() is not None
    finally:
        stream.close()
    assert not stream.active
    assert not stream.write(np.zeros(80, dtype=np.int16).ctypes.data, 80)  # closed: refused, no crash


def test_driven_capture_hands_over_what_the_source_recorded() -> None:
    from softphone.audio.pulse_stream import PulseStream
    from softphone.audio.ring import SampleRing

    stream = PulseStream("capture", device="headset_mic", samplerate=16000, blocksize=80, latency=0.005)
    ring = SampleRing(16000)
    try:
        stream.start()
        deadline = time.monotonic() + 5.0
        moved = 0
        while moved < 3200 and time.monotonic() < deadline:
            moved += stream.read_into_ring(ring)
            time.sleep(0.02)
        assert moved >= 3200 and ring.fill == moved
    finally:
        stream.close()
