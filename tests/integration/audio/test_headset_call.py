"""The app's headset audio in a real call: both directions proved by FFT, and hot-plug mid-call.

The scenario (``headset_call_scenario.py``) runs the softphone's SIP engine and ``HeadsetAudio``
in its own process on a private PulseAudio server; a pjsua2 peer calls it through the shared
Kamailio. Here: the assertions on what was heard.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from peers.tones import analyse

pytestmark = pytest.mark.integration

SCENARIO = Path(__file__).with_name("headset_call_scenario.py")
RATE = 16000
PATIENT, VOICE, DESK_VOICE = 1000, 700, 500
TONES = (PATIENT, VOICE, DESK_VOICE)


def speaker_report(raw_path: str):
    """The last 1.5 s of a parec recording, analysed like a WAV (write one for ``analyse``)."""
    import wave

    samples = np.frombuffer(Path(raw_path).read_bytes(), dtype=np.int16)[-RATE * 3 // 2 :]
    wav_path = Path(raw_path).with_suffix(".wav")
    with wave.open(str(wav_path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return analyse(wav_path, TONES, skip_s=0.0)


@pytest.fixture(scope="module")
def headset_call(kamailio, tmp_path_factory: pytest.TempPathFactory) -> dict:
    for tool in ("pulseaudio", "pactl", "sox", "paplay", "parec"):
        assert shutil.which(tool), f"{tool} is missing (apt-get install pulseaudio pulseaudio-utils sox)"
    # The private PulseAudio socket path must fit in sun_path (108 bytes).
    work = tmp_path_factory.mktemp("hc")
    completed = subprocess.run(
        [sys.executable, str(SCENARIO), str(work), kamailio.udp_address, kamailio.domain],
        capture_output=True, text=True, timeout=150,
    )
    assert completed.returncode == 0, f"scenario failed:\n{completed.stderr[-6000:]}"
    return json.loads([x for x in completed.stdout.splitlines() if x.startswith("RESULT ")][-1][7:])


def test_app_headset_path_is_attached_on_the_chosen_devices(headset_call: dict) -> None:
    assert headset_call["attached"] is True
    assert headset_call["start_status"] == ["ok", "Test-Headset-Mic", "Test-Headset-Speaker"]
    assert headset_call["port"]["callback_errors"] == 0, headset_call["port"]


def test_far_party_reaches_the_headset_speaker_and_the_headset_mic_reaches_the_far_party(headset_call: dict) -> None:
    heard = speaker_report(headset_call["A"]["speaker"])
    assert heard.present(PATIENT) and heard.absent(VOICE), heard
    by_patient = analyse(Path(headset_call["A"]["peer"]), TONES)
    assert by_patient.present(VOICE) and by_patient.absent(PATIENT), by_patient


def test_unplugged_headset_falls_back_to_the_provisioned_devices_and_the_call_goes_on(headset_call: dict) -> None:
    assert sorted(headset_call["unplugged"]) == [
        ["capture", "headset_mic", "desk_mic"],
        ["playback", "headset_speaker", "desk_speaker"],
    ]
    assert headset_call["fallback_status"] == ["fallback", "Desk-Mic", "Desk-Speaker"]
    assert list(headset_call["call_after_unplug"].values()) == ["CONFIRMED"]
    heard = speaker_report(headset_call["B"]["speaker"])
    assert heard.present(PATIENT), heard
    by_patient = analyse(Path(headset_call["B"]["peer"]), TONES)
    assert by_patient.present(DESK_VOICE) and by_patient.absent(VOICE), by_patient


def test_plugged_back_headset_is_offered_and_switching_back_restores_it(headset_call: dict) -> None:
    assert headset_call["replugged"][0], headset_call["replugged"]  # offered (not switched by itself)
    assert sorted(headset_call["switched_back"][0]) == ["capture", "playback"]
    assert not headset_call["ended_early"]
    assert list(headset_call["call_after_replug"].values()) == ["CONFIRMED"]
    heard = speaker_report(headset_call["C"]["speaker"])
    assert heard.present(PATIENT), heard
    by_patient = analyse(Path(headset_call["C"]["peer"]), TONES)
    assert by_patient.present(VOICE) and by_patient.absent(DESK_VOICE), by_patient
