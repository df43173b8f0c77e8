"""One process with a pjsua2 bridge on the null device and the real headset path on PulseAudio.

``argv[2]`` picks the OS side: ``auto`` (what the app uses here: libpulse driven by the bridge) or
``portaudio`` (the rings and PortAudio callbacks that Windows and macOS use).

At the same time:
- a 900 Hz tone is played into the fake headset's mic feed (paplay), and the bridge records
  what the headset port delivers (AudioMediaRecorder);
- a 1200 Hz ToneGenerator on the bridge transmits to the headset port, and the fake headset's
  speaker monitor is recorded (parec).
Prints one ``RESULT {json}`` line; the test does the FFTs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pjsua2 as pj

from softphone.audio.devices import DeviceChoice
from softphone.audio.headset_path import HeadsetPath, HeadsetPathSettings
from softphone.audio.os_stream import StreamSettings

RATE = 16000
MIC_TONE_HZ = 900
SPEAKER_TONE_HZ = 1200


def start_endpoint() -> pj.Endpoint:
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.logConfig.level = 1
    config.logConfig.consoleLevel = 1
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()
    endpoint.libStart()
    return endpoint


def tone(frequency: int) -> pj.ToneGenerator:
    generator = pj.ToneGenerator()
    generator.createToneGenerator(RATE, 1)
    description = pj.ToneDesc()
    description.freq1, description.freq2 = frequency, 0
    description.on_msec, description.off_msec, description.volume = 30000, 0, 0  # a C short: 32767 ms at most; play() loops it
    descriptions = pj.ToneDescVector()
    descriptions.append(description)
    generator.play(descriptions, True)
    return generator


def run_events(endpoint: pj.Endpoint, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        endpoint.libHandleEvents(10)


def main(work: Path, backend: str) -> dict:
    mic_tone = work / "mic_tone.wav"
    subprocess.run(
        ["sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(mic_tone), "synth", "6", "sine", str(MIC_TONE_HZ), "vol", "0.5"],
        check=True,
    )
    endpoint = start_endpoint()
    path = HeadsetPath(
        DeviceChoice(pulse_endpoint="headset_mic"), DeviceChoice(pulse_endpoint="headset_speaker"),
        HeadsetPathSettings(stream=StreamSettings(backend=backend)),
    )
    path.start()
    port = path.create_bridge_port()
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(str(work / "bridge_heard.wav"))
    port.startTransmit(recorder)
    generator = tone(SPEAKER_TONE_HZ)
    generator.startTransmit(port)

    speaker_capture = open(work / "speaker_monitor.raw", "wb")
    parec = subprocess.Popen(
        ["parec", "--device=headset_speaker.monitor", "--rate=16000", "--channels=1", "--format=s16le", "--latency-msec=20"],
        stdout=speaker_capture,
    )
    paplay = subprocess.Popen(["paplay", "--device=headset_mic_feed", str(mic_tone)])
    try:
        run_events(endpoint, 5.0)
    finally:
        parec.terminate()
        parec.wait(timeout=10)
        speaker_capture.close()
        paplay.terminate()
        paplay.wait(timeout=10)

    generator.stopTransmit(port)
    port.stopTransmit(recorder)
    path.stop()
    result = {
        "driven": {"mic": path.mic_driven, "speaker": path.speaker_driven},
        "port": port.stats().__dict__,
        "mic_reader": path.mic_reader.stats().__dict__,
        "speaker_reader": path.speaker_reader.stats().__dict__,
        "capture": path.capture_stream.health().__dict__,
        "playback": path.playback_stream.health().__dict__,
        "latency": {"capture": path.capture_stream.latency_seconds, "playback": path.playback_stream.latency_seconds},
    }
    del generator, recorder, port  # SIP thread, before libDestroy
    endpoint.libDestroy()
    return result


if __name__ == "__main__":
    outcome = main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "auto")
    print("RESULT " + json.dumps(outcome, default=str))
