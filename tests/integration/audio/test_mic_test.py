"""The settings' microphone test on the PulseAudio test headset: what the mic hears is played back on the speaker."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.integration
RATE = 16000


def test_mic_test_records_the_headset_mic_and_plays_it_on_the_headset_speaker(tmp_path: Path) -> None:
    if not os.environ.get("PULSE_SERVER"):
        pytest.skip('PULSE_SERVER is unset: run scripts/services/pulseaudio.sh start and eval "$(scripts/services/pulseaudio.sh env)"')
    for tool in ("sox", "paplay", "parec"):
        assert shutil.which(tool), f"{tool} is missing"
    from softphone.audio.mic_test import MicTest

    voice = tmp_path / "voice.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(voice), "synth", "12", "sine", "800", "vol", "0.5"], check=True)
    heard = tmp_path / "speaker.raw"
    with open(heard, "wb") as out:
        parec = subprocess.Popen(["parec", "--device=headset_speaker.monitor", "--rate=16000", "--channels=1",
                                  "--format=s16le", "--latency-msec=20"], stdout=out)
        paplay = subprocess.Popen(["paplay", "--device=headset_mic_feed", str(voice)])
        try:
            test = MicTest("headset_mic", "headset_speaker", seconds=2.0)
            worker = threading.Thread(target=test.run)
            worker.start()
            worker.join(30)
        finally:
            paplay.terminate()
            paplay.wait(10)
            parec.terminate()
            parec.wait(10)
    assert test.phase == "done", test.error
    assert test.max_level > 0.3  # -6 dBFS tone: the meter saw it
    recorded = test.recording[-RATE:].astype(np.float64)
    assert np.argmax(np.abs(np.fft.rfft(recorded * np.hanning(len(recorded))))) * RATE / len(recorded) == pytest.approx(800, abs=3)
    played = np.frombuffer(heard.read_bytes(), dtype=np.int16).astype(np.float64)
    loud = played[np.abs(played) > 3000]
    assert len(loud) > RATE // 2, "the recording was not played back on the headset speaker"
