"""A real call through the app's headset audio, with the headset unplugged and plugged back mid-call.

Runs in its own process on a private PulseAudio server (so unloading the headset never disturbs
the shared test server): the softphone's ``SipEngine`` + ``HeadsetAudio`` (as ``app.py`` wires
them), a pjsua2 peer ("patient", 1000 Hz tone) calling through the test's Kamailio.

Phases, each recorded on both sides (headset sink monitor with parec; the peer's own recorder):
  A  on the headset: the agent's "voice" (700 Hz) is played into headset_mic_feed;
  B  headset sink and source unloaded (pactl): audio falls back to the provisioned desk devices
     (desk_speaker / desk_mic, 16 kHz null sink + remap like the headset); "voice" 500 Hz there;
  C  headset loaded again: HeadsetReplugged is offered, switch_back() accepted; "voice" 700 Hz.

argv: work_dir kamailio_udp_address domain. Prints one ``RESULT {json}`` line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[3]
sys.path.insert(0, str(HERE.parents[1]))  # tests/integration: peers.*
PULSE_SCRIPT = REPO / "scripts" / "services" / "pulseaudio.sh"

RATE = 16000
PATIENT_TONE = 1000
VOICE_TONE = 700
DESK_VOICE_TONE = 500
PHASE_S = 3.0

HEADSET_MODULES = (
    "module-null-sink sink_name=headset_speaker rate=16000 channels=1 sink_properties=device.description=Test-Headset-Speaker",
    "module-null-sink sink_name=headset_mic_feed rate=16000 channels=1 sink_properties=device.description=Test-Headset-Mic-Feed",
    "module-remap-source source_name=headset_mic master=headset_mic_feed.monitor rate=16000 channels=1 source_properties=device.description=Test-Headset-Mic",
)
DESK_MODULES = (
    "module-null-sink sink_name=desk_speaker rate=16000 channels=1 sink_properties=device.description=Desk-Speaker",
    "module-null-sink sink_name=desk_mic_feed rate=16000 channels=1 sink_properties=device.description=Desk-Mic-Feed",
    "module-remap-source source_name=desk_mic master=desk_mic_feed.monitor rate=16000 channels=1 source_properties=device.description=Desk-Mic",
)


def pulse_script(command: str, directory: Path) -> str:
    env = dict(os.environ, SOFTPHONE_PULSE_DIR=str(directory))
    return subprocess.run([str(PULSE_SCRIPT), command], env=env, check=True, capture_output=True, text=True).stdout


def pactl(*args: str) -> str:
    return subprocess.run(["pactl", *args], check=True, capture_output=True, text=True, timeout=10).stdout.strip()


def load(modules: tuple[str, ...]) -> list[str]:
    return [pactl("load-module", *module.split()) for module in modules]


def unload_headset() -> None:
    # The remap source first: it depends on the mic feed's monitor.
    for line in reversed(pactl("list", "short", "modules").splitlines()):
        index, name, args = (line.split("\t") + ["", "", ""])[:3]
        if any(key in args for key in ("source_name=headset_mic ", "sink_name=headset_speaker", "sink_name=headset_mic_feed")):
            pactl("unload-module", index)


def tone_wav(path: Path, hz: int, seconds: float) -> Path:
    subprocess.run(
        ["sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(path), "synth", str(seconds), "sine", str(hz), "vol", "0.5"],
        check=True,
    )
    return path


def record_phase(work: Path, name: str, sink: str, feed: str, voice: Path, peer) -> dict:
    """Play the voice into ``feed``, record ``sink``'s monitor and the peer's ear for PHASE_S."""
    speaker_path = work / f"{name}_speaker.raw"
    peer_path = work / f"{name}_peer.wav"
    with open(speaker_path, "wb") as out:
        parec = subprocess.Popen(
            ["parec", f"--device={sink}.monitor", "--rate=16000", "--channels=1", "--format=s16le", "--latency-msec=20"],
            stdout=out,
        )
        paplay = subprocess.Popen(["paplay", f"--device={feed}", str(voice)])
        time.sleep(1.0)  # a fresh PulseAudio stream takes a moment to flow
        peer.record(peer_path)
        time.sleep(PHASE_S - 1.0)
        peer.stop_record()
        for process in (parec, paplay):
            process.terminate()
            process.wait(timeout=10)
    return {"speaker": str(speaker_path), "peer": str(peer_path)}


class Events:
    def __init__(self) -> None:
        self.items: list[object] = []
        self.condition = threading.Condition()

    def __call__(self, event: object) -> None:
        with self.condition:
            self.items.append(event)
            self.condition.notify_all()

    def wait(self, predicate, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                for item in self.items:
                    if predicate(item):
                        return item
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"not seen; have {[type(i).__name__ for i in self.items[-10:]]}")
                self.condition.wait(remaining)


def main(work: Path, kamailio_udp: str, domain: str) -> dict:
    pulse_dir = work / "pa"
    pulse_script("start", pulse_dir)
    os.environ["PULSE_SERVER"] = pulse_script("env", pulse_dir).split("=", 1)[1].strip()
    try:
        return run_call(work, kamailio_udp, domain)
    finally:
        pulse_script("stop", pulse_dir)


def run_call(work: Path, kamailio_udp: str, domain: str) -> dict:
    load(DESK_MODULES)
    # Imported only now: PortAudio probes the sound server when it initialises.
    from peers.peer_client import PeerProcess
    from softphone.audio.events import HeadsetReplugged, HeadsetStatus, HeadsetSwitchedBack, HeadsetUnplugged
    from softphone.audio.service import AudioPreferences, HeadsetAudio
    from softphone.sip import AccountConfig, AddAccount, Answer, CallState, CallStateChanged, EngineConfig, Hangup
    from softphone.sip import IncomingCall, RegistrationChanged, RegistrationState, SipEngine

    voice = tone_wav(work / "voice.wav", VOICE_TONE, 30)
    desk_voice = tone_wav(work / "desk_voice.wav", DESK_VOICE_TONE, 30)
    audio_events = Events()
    sip_events = Events()
    audio = HeadsetAudio(
        AudioPreferences(
            microphone="headset_mic", speaker="headset_speaker", fallback_microphone="desk_mic", fallback_speaker="desk_speaker"
        ),
        audio_events,
    )
    engine = SipEngine(EngineConfig(bind_address="127.0.0.1", quality_interval_s=0))
    engine.subscribe(sip_events)
    engine.subscribe(audio.on_sip_event)
    engine.start()
    peer = PeerProcess("patient", PATIENT_TONE, work / "peers")
    result: dict = {}
    try:
        status = audio.start()
        result["start_status"] = [status.state.value, status.microphone, status.speaker]
        result["attached"] = audio.attach(engine).result(10)
        engine.submit(AddAccount(AccountConfig(
            user="agent", domain=domain, servers=(kamailio_udp,), password=lambda: "agent-secret", register_expiry_s=60,
        ))).result(10)
        sip_events.wait(lambda e: isinstance(e, RegistrationChanged) and e.state is RegistrationState.REGISTERED)
        peer.register("patient", "patient-secret", domain, kamailio_udp)
        peer.request("call", uri=f"sip:agent@{domain}")
        incoming = sip_events.wait(lambda e: isinstance(e, IncomingCall))
        engine.submit(Answer(incoming.call_id)).result(10)
        sip_events.wait(lambda e: isinstance(e, CallStateChanged) and e.state is CallState.CONFIRMED)

        result["A"] = record_phase(work, "A", "headset_speaker", "headset_mic_feed", voice, peer)

        unload_headset()
        unplugged = [
            audio_events.wait(lambda e, d=d: isinstance(e, HeadsetUnplugged) and e.direction == d) for d in ("capture", "playback")
        ]
        result["unplugged"] = [[e.direction, e.device, e.fallback] for e in unplugged]
        result["fallback_status"] = [
            [s.state.value, s.microphone, s.speaker] for s in audio_events.items if isinstance(s, HeadsetStatus)
        ][-1]
        result["B"] = record_phase(work, "B", "desk_speaker", "desk_mic_feed", desk_voice, peer)
        result["call_after_unplug"] = peer.request("status")

        load(HEADSET_MODULES)
        replugged = audio_events.wait(lambda e: isinstance(e, HeadsetReplugged))
        result["replugged"] = [list(replugged.directions), replugged.device]
        audio.switch_back()
        back = audio_events.wait(lambda e: isinstance(e, HeadsetSwitchedBack))
        result["switched_back"] = [list(back.directions), back.device]
        result["C"] = record_phase(work, "C", "headset_speaker", "headset_mic_feed", voice, peer)
        result["call_after_replug"] = peer.request("status")
        result["ended_early"] = any(
            isinstance(e, CallStateChanged) and e.state is CallState.DISCONNECTED for e in sip_events.items
        )
        engine.submit(Hangup(incoming.call_id)).result(10)
        # Read on the SIP thread and drop it there: a port alive after libDestroy aborts the process.
        result["port"] = engine.submit(lambda: audio.bridge_port.stats().__dict__).result(10)
        path = audio.path
        result["capture"] = path.capture_stream.health().__dict__
        result["playback"] = path.playback_stream.health().__dict__
    finally:
        peer.close()
        engine.stop()
        audio.stop()
    return result


if __name__ == "__main__":
    outcome = main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
    print("RESULT " + json.dumps(outcome, default=str))
