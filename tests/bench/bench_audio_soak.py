"""A long call through the app's headset audio while the GUI thread is busy: ONE JSON object.

The app's real path: ``HeadsetAudio`` on the PulseAudio test headset, attached to a ``SipEngine``
as agent_mic/agent_ear, a patient call from the embedded demo switchboard (real SIP on loopback,
recorded voices), answered. Meanwhile the Qt main thread (offscreen ``QApplication``) is kept
busy: every 50 ms a timer runs 25 ms of pure-Python work holding the GIL (half the GUI thread's
time), the worst case for the real-time callbacks, which need the GIL too.

Figures after the warm-up: underruns and re-primes of both directions (on Linux the bridge-driven
libpulse path: ``driven_by_bridge``; its speaker underruns are the sound server's own underflows),
device under/overflows, stream reopens, bridge-port callback errors, the drift corrections, the
cushions at the end (they grow after an underrun), CPU % of one core, and ``glitches_at_s``: when
each glitch happened, in seconds after the warm-up.
Issue 4 asks for 0 underruns after warm-up over 10 minutes: ``--minutes 10`` (the default).

Needs PULSE_SERVER (scripts/services/pulseaudio.sh). Run:
``.venv/bin/python tests/bench/bench_audio_soak.py [--minutes 10] [--busy-ms 25]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

WARMUP_S = 10.0


def snapshot(audio) -> dict:
    path = audio.path
    mic, speaker = path.mic_reader.stats(), path.speaker_reader.stats()
    capture, playback = path.capture_stream.health(), path.playback_stream.health()
    return {
        "mic_underruns": mic.underruns, "mic_reprimes": mic.reprimes, "mic_overruns": mic.overruns,
        "speaker_underruns": speaker.underruns, "speaker_reprimes": speaker.reprimes, "speaker_overruns": speaker.overruns,
        "input_overflows": capture.input_overflows, "output_underflows": playback.output_underflows,
        "reopens": capture.reopens + playback.reopens,
        "mic_correction_ppm": round(mic.correction_ppm, 1), "speaker_correction_ppm": round(speaker.correction_ppm, 1),
        "mic_cushion_grows": mic.cushion_grows, "speaker_cushion_grows": speaker.cushion_grows,
        "mic_cushion_ms_end": mic.target_fill / 16, "speaker_cushion_ms_end": speaker.target_fill / 16,
    }


def main(minutes: float, busy_ms: float, switch_interval_ms: float | None = None) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from softphone.audio.service import AudioPreferences, HeadsetAudio
    from softphone.demo.controller import DemoSwitchboard
    from softphone.sip import Answer, IncomingCall, SipEngine

    app = QApplication.instance() or QApplication(sys.argv)
    if switch_interval_ms is not None:
        sys.setswitchinterval(switch_interval_ms / 1000.0)
    audio = HeadsetAudio(AudioPreferences(microphone="headset_mic", speaker="headset_speaker"), lambda event: None)
    status = audio.start()
    switchboard = DemoSwitchboard()
    endpoints = switchboard.start()
    engine = SipEngine(endpoints.engine_config())
    answered: list[str] = []

    def on_event(event: object) -> None:
        if isinstance(event, IncomingCall):
            answered.append(event.call_id)
            engine.submit(Answer(event.call_id))

    engine.subscribe(on_event)
    engine.subscribe(audio.on_sip_event)
    engine.start()
    figures: dict = {"minutes": minutes, "busy_ms_per_50ms": busy_ms, "status": status.state.value,
                     "gil_switch_interval_ms": sys.getswitchinterval() * 1000}
    try:
        account = switchboard.attach_agent(engine).result(10)
        audio.attach(engine).result(10)
        switchboard.place_patient_call("chest-pain").result(10)
        deadline = time.monotonic() + 10
        while not answered and time.monotonic() < deadline:
            time.sleep(0.05)

        def busy() -> None:
            end = time.perf_counter() + busy_ms / 1000.0
            total = 0
            while time.perf_counter() < end:
                total += sum(range(200))

        timer = QTimer()
        timer.setInterval(50)
        timer.timeout.connect(busy)
        timer.start()
        marks: dict = {}

        def warm() -> None:
            marks["warm"] = snapshot(audio)
            marks["cpu0"] = resource.getrusage(resource.RUSAGE_SELF)
            marks["t0"] = time.monotonic()

        # When each glitch happened (seconds after the warm-up), to tell start-up from steady state.
        timeline: list[tuple[float, str]] = []
        previous: dict = {}

        def sample() -> None:
            if "t0" not in marks:
                return
            now = snapshot(audio)
            for key in ("mic_reprimes", "speaker_reprimes", "output_underflows", "reopens"):
                if key in previous and now[key] > previous[key]:
                    timeline.append((round(time.monotonic() - marks["t0"], 1), key))
            previous.update(now)

        sampler = QTimer()
        sampler.setInterval(1000)
        sampler.timeout.connect(sample)
        sampler.start()
        QTimer.singleShot(int(WARMUP_S * 1000), warm)
        QTimer.singleShot(int((WARMUP_S + minutes * 60) * 1000), app.quit)
        app.exec()
        timer.stop()
        sampler.stop()
        end = snapshot(audio)
        figures["glitches_at_s"] = timeline
        figures["driven_by_bridge"] = {"mic": audio.path.mic_driven, "speaker": audio.path.speaker_driven}
        usage = resource.getrusage(resource.RUSAGE_SELF)
        wall = time.monotonic() - marks["t0"]
        cpu = (usage.ru_utime + usage.ru_stime) - (marks["cpu0"].ru_utime + marks["cpu0"].ru_stime)
        figures["after_warmup"] = {k: end[k] - marks["warm"][k] for k in end if not k.endswith(("_ppm", "_end"))}
        figures["at_end"] = {k: end[k] for k in end if k.endswith(("_ppm", "_end"))}
        figures["cpu_percent_of_one_core_incl_busy_gui"] = round(100 * cpu / wall, 1)
        figures["call_answered"] = bool(answered)
        figures["port_callback_errors"] = engine.submit(lambda: audio.bridge_port.stats().callback_errors).result(5)
        switchboard.detach_agent(engine, account).result(5)
    finally:
        engine.stop()
        switchboard.stop()
        audio.stop()
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--busy-ms", type=float, default=25.0)
    parser.add_argument("--switch-interval-ms", type=float, default=None, help="override what the app sets")
    args = parser.parse_args()
    if not os.environ.get("PULSE_SERVER"):
        sys.exit("PULSE_SERVER is unset: run scripts/services/pulseaudio.sh start and eval its env")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(main(args.minutes, args.busy_ms, args.switch_interval_ms)))
