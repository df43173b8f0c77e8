"""Runs one HeadsetBridgePort scenario in its own process and prints one JSON line of results.

Own process because a pjsua2 Endpoint is a process-wide singleton that cannot be recreated
cleanly, and any misuse aborts the process: pytest must survive that and report it.

    python bridge_port_scenarios.py tone_to_speaker_ring [--slow-buffers]
    python bridge_port_scenarios.py mic_ring_to_recorder WAV_PATH [--slow-buffers]
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
import pjsua2 as pj

from softphone.audio.bridge_port import HeadsetBridgePort, fast_buffer_access_works
from softphone.audio.drift_reader import DriftCompensatedReader
from softphone.audio.ring import SampleRing

RATE = 16000


def start_endpoint() -> pj.Endpoint:
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0  # the SIP thread polls libHandleEvents, as in the app
    config.logConfig.level = 1
    config.logConfig.consoleLevel = 1
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()  # the bridge keeps its own 20 ms clock
    endpoint.libStart()
    return endpoint


def run_events(endpoint: pj.Endpoint, seconds: float, each_tick=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        endpoint.libHandleEvents(5)
        if each_tick is not None:
            each_tick()


def make_port(fast: bool) -> tuple[HeadsetBridgePort, SampleRing, SampleRing]:
    mic_ring, speaker_ring = SampleRing(RATE * 4), SampleRing(RATE * 4)
    reader = DriftCompensatedReader(mic_ring, RATE, target_fill=960, max_block=320)
    port = HeadsetBridgePort(reader, speaker_ring, fast_buffers=fast)
    port.register("headset", RATE, 20)
    return port, mic_ring, speaker_ring


def tone_to_speaker_ring(fast: bool) -> dict:
    endpoint = start_endpoint()
    port, _, speaker_ring = make_port(fast)
    tone = pj.ToneGenerator()
    tone.createToneGenerator(RATE, 1)
    description = pj.ToneDesc()
    description.freq1, description.freq2 = 1000, 0
    description.on_msec, description.off_msec, description.volume = 10000, 0, 0
    descriptions = pj.ToneDescVector()
    descriptions.append(description)
    tone.play(descriptions, True)
    tone.startTransmit(port)
    run_events(endpoint, 1.2)
    tone.stopTransmit(port)
    received = np.empty(speaker_ring.fill, dtype=np.int16)
    speaker_ring.read_into(received)
    stats = port.stats()
    del tone, port  # on this (the SIP) thread, before libDestroy
    endpoint.libDestroy()
    return {"samples": received.tolist(), "stats": stats.__dict__}


def mic_ring_to_recorder(fast: bool, wav_path: str) -> dict:
    endpoint = start_endpoint()
    port, mic_ring, _ = make_port(fast)
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(wav_path)
    port.startTransmit(recorder)
    produced = 0
    started = time.monotonic()

    def feed_mic_in_real_time() -> None:
        # Plays the sound card: 700 Hz delivered at 16 kHz of wall-clock time.
        nonlocal produced
        due = int((time.monotonic() - started) * RATE) + 320
        if due > produced:
            t = np.arange(produced, due) / RATE
            mic_ring.write(np.round(8000 * np.sin(2 * np.pi * 700 * t)).astype(np.int16), at=time.monotonic())
            produced = due

    run_events(endpoint, 1.5, feed_mic_in_real_time)
    port.stopTransmit(recorder)
    stats = port.stats()
    reader_stats = port._mic_reader.stats()
    del recorder, port
    endpoint.libDestroy()
    return {"stats": stats.__dict__, "reader": reader_stats.__dict__}


if __name__ == "__main__":
    scenario = sys.argv[1]
    fast = "--slow-buffers" not in sys.argv
    if scenario == "tone_to_speaker_ring":
        result = tone_to_speaker_ring(fast)
    elif scenario == "mic_ring_to_recorder":
        result = mic_ring_to_recorder(fast, sys.argv[2])
    elif scenario == "fast_buffer_check":
        result = {"fast_buffer_access_works": fast_buffer_access_works()}
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    print("RESULT " + json.dumps(result))
