"""Escalation benchmark on loopback: prints ONE JSON object, asserts nothing.

Per run (>= 10): a patient peer calls the agent, the agent answers; then "the press":
  press_to_invite_ms         press -> the clinician's phone receives the INVITE (through Kamailio)
  press_to_clinician_audio_ms press -> the clinician's tone (1400 Hz) is heard at the patient
measured for the softphone (engine + CallSceneOwner + EscalationService on their own thread, as
in the app) and for a bare pjsua2 script doing the same conference (makeCall, then on media
startTransmit both ways), in the same run against the same Kamailio and peers. The patient's
recording gives the onset of the clinician's tone (20 ms frames, Goertzel). Times are
CLOCK_MONOTONIC, shared by the processes. ``ratio`` = softphone / bare (goal <= 1.3).

    .venv/bin/python tests/bench/bench_escalation.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(ROOT / "tests" / "integration" / "sip"))
sys.path.insert(0, str(ROOT / "tests" / "integration" / "escalation"))
sys.path.insert(0, str(ROOT))

CLINICIAN_TONE, PATIENT_TONE = 1400, 1000


def tone_onset(path: Path, freq: int, frame_s: float = 0.02, threshold_dbfs: float = -40.0) -> float | None:
    """Seconds from the WAV's start to the first frame where ``freq`` is clearly present."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        raw = wav.readframes(wav.getnframes())
    import numpy as np

    samples = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    size = int(rate * frame_s)
    k = 2 * math.cos(2 * math.pi * freq / rate)
    for start in range(0, samples.size - size, size):
        s1 = s2 = 0.0
        for x in samples[start:start + size]:
            s1, s2 = x + k * s1 - s2, s1
        power = s1 * s1 + s2 * s2 - k * s1 * s2
        amplitude = 2 * math.sqrt(max(power, 0.0)) / size
        if amplitude > 0 and 20 * math.log10(amplitude) >= threshold_dbfs:
            return start / rate
    return None


# ------------------------------------------------------------------ the bare pjsua2 agent (subprocess)


def bare_agent(server: str, domain: str) -> None:  # pragma: no cover - runs in its own process
    import os

    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    import pjsua2 as pj

    class Call(pj.Call):
        def __init__(self, acc, call_id=pj.PJSUA_INVALID_ID):
            super().__init__(acc, call_id)
            self.audio = None
            self.state = 0
            self.peer = None  # the other leg to conference with

        def onCallState(self, prm):  # noqa: N802
            self.state = self.getInfo().state

        def onCallMediaState(self, prm):  # noqa: N802
            info = self.getInfo()
            for media in info.media:
                if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                    self.audio = self.getAudioMedia(media.index)
                    if self.peer is not None and self.peer.audio is not None:
                        self.audio.startTransmit(self.peer.audio)
                        self.peer.audio.startTransmit(self.audio)

    class Account(pj.Account):
        def __init__(self):
            super().__init__()
            self.code = 0
            self.incoming = []

        def onRegState(self, prm):  # noqa: N802
            self.code = prm.code

        def onIncomingCall(self, prm):  # noqa: N802
            call = Call(self, prm.callId)
            self.incoming.append(call)
            op = pj.CallOpParam()
            op.statusCode = 200
            call.answer(op)

    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.medConfig.clockRate = 16000
    cfg.medConfig.noVad = True
    cfg.medConfig.ecTailLen = 0
    cfg.medConfig.sndAutoCloseTime = -1
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    for codec in ep.codecEnum2():
        if codec.codecId.startswith("G722/16000"):
            ep.codecSetPriority(codec.codecId, 250)
    tc = pj.TransportConfig()
    tc.boundAddress = "127.0.0.1"
    transport = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tc)
    ep.libStart()
    acc_cfg = pj.AccountConfig()
    acc_cfg.idUri = f"sip:agent2@{domain}"
    acc_cfg.regConfig.registrarUri = f"sip:{server}"
    acc_cfg.sipConfig.proxies.append(f"sip:{server};lr")
    acc_cfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", "agent2", 0, "agent2-secret"))
    acc_cfg.sipConfig.transportId = transport
    acc_cfg.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    acc = Account()
    acc.create(acc_cfg)
    import select

    clinician = None
    while acc.code != 200:
        ep.libHandleEvents(10)
    out.write(json.dumps({"ready": True}) + "\n")
    buffer = b""
    while True:
        ep.libHandleEvents(2)
        if not select.select([sys.stdin], [], [], 0)[0]:
            continue
        chunk = os.read(sys.stdin.fileno(), 4096)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            if request["cmd"] == "press":
                patient = acc.incoming[-1]
                pressed = time.monotonic()
                clinician = Call(acc)
                clinician.peer = patient
                clinician.makeCall(request["uri"], pj.CallOpParam(True))
                out.write(json.dumps({"pressed": pressed}) + "\n")
            elif request["cmd"] == "hangup":
                ep.hangupAllCalls()
                deadline = time.monotonic() + 0.5
                while time.monotonic() < deadline:
                    ep.libHandleEvents(10)
                acc.incoming.clear()
                clinician = None
                out.write(json.dumps({"done": True}) + "\n")
            elif request["cmd"] == "quit":
                ep.hangupAllCalls()
                for _ in range(30):
                    ep.libHandleEvents(10)
                clinician = None
                acc.incoming.clear()
                acc.shutdown()
                for _ in range(20):
                    ep.libHandleEvents(10)
                del acc
                ep.libDestroy()
                return


# ------------------------------------------------------------------ the run


def _one_press(patient, clinician, workdir: Path, press, agent_user: str, domain: str, run: int) -> tuple[float, float]:
    """Patient calls ``agent_user``; ``press()`` returns the press time; returns the two delays."""
    call = patient.request("call", uri=f"sip:{agent_user}@{domain}")
    patient.wait_call_state(call, "CONFIRMED")
    time.sleep(0.3)  # media settles, as on a real call before anyone presses
    path = workdir / f"patient-{agent_user}-{run}.wav"
    patient.record(path)
    recorded_at = time.monotonic()
    time.sleep(0.1)
    pressed = press()
    incoming = clinician.wait_event(lambda e: e["event"] == "incoming")
    invite_seen = time.monotonic()
    time.sleep(0.8)
    patient.stop_record()
    onset = tone_onset(path, CLINICIAN_TONE)
    audio_delay = (recorded_at + onset - pressed) if onset is not None else float("nan")
    assert incoming
    return invite_seen - pressed, audio_delay


def bench(runs: int) -> dict:
    from kamailio.server import KamailioServer
    from kamailio.users import TEST_USERS
    from peers.peer_client import PeerProcess

    from escalation_rig import build_rig
    from sip_harness import start_agent
    from softphone.config.model import EscalationReasonSettings, EscalationSettings, EscalationTargetSettings
    from softphone.escalation import Phase
    from softphone.sip import Answer, CallState, Hangup

    with tempfile.TemporaryDirectory(prefix="bench-escalation-") as tmp:
        workdir = Path(tmp)
        kamailio = KamailioServer(workdir / "kamailio", users=dict(TEST_USERS))
        kamailio.start()
        peers = []
        try:
            patient = PeerProcess("patient", PATIENT_TONE, workdir)
            clinician = PeerProcess("clinician", CLINICIAN_TONE, workdir, auto_answer=200)
            peers += [patient, clinician]
            patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
            clinician.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
            clinician_uri = f"sip:clinician@{kamailio.domain}"

            # -- the softphone
            agent = start_agent(kamailio, workdir, engine_overrides={"auto_routing": False, "quality_interval_s": 0})
            policy = EscalationSettings(
                targets=(EscalationTargetSettings(id="c", title="Clinician", destination=clinician_uri),),
                reasons=(EscalationReasonSettings(code="chest_pain", label="Chest pain", targets=("c",), fallback="911"),),
            )
            rig = build_rig(agent, policy)
            soft: list[tuple[float, float]] = []
            for run in range(runs):
                holder: dict = {}

                def answer_incoming():
                    incoming = agent.events.wait_incoming()
                    agent.run(Answer(incoming.call_id))
                    holder["call"] = incoming.call_id

                import threading

                answering = threading.Thread(target=answer_incoming)
                answering.start()

                def press() -> float:
                    answering.join()
                    rig.wait(lambda: rig.scene.patient_call_id == holder["call"], what="patient talking")
                    pressed = time.monotonic()
                    rig.loop.post(lambda: rig.service.start(holder["call"], "chest_pain", pressed_monotonic=pressed))
                    return pressed

                soft.append(_one_press(patient, clinician, workdir, press, "agent", kamailio.domain, run))
                rig.wait_phase(Phase.CONFERENCED)
                escalation = rig.updates[-1]
                agent.run(Hangup(escalation.current.call_id))
                agent.run(Hangup(holder["call"]))
                agent.events.wait_call_state(holder["call"], CallState.DISCONNECTED)
                rig.wait(lambda: rig.service.current is None, what="escalation over")
                time.sleep(0.3)
                agent.events.clear()
            rig.loop.stop()
            agent.engine.stop()

            # -- the bare pjsua2 script
            process = subprocess.Popen(
                [sys.executable, __file__, "--bare", kamailio.udp_address, kamailio.domain],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )

            def send(request: dict) -> dict:
                process.stdin.write((json.dumps(request) + "\n").encode())
                process.stdin.flush()
                return json.loads(process.stdout.readline())

            json.loads(process.stdout.readline())  # ready
            bare: list[tuple[float, float]] = []
            for run in range(runs):
                bare.append(_one_press(patient, clinician, workdir, lambda: send({"cmd": "press", "uri": clinician_uri})["pressed"],
                                       "agent2", kamailio.domain, run))
                send({"cmd": "hangup"})
                time.sleep(0.3)
            process.stdin.write(b'{"cmd": "quit"}\n')
            process.stdin.flush()
            process.wait(10)
        finally:
            for peer in peers:
                peer.close()
            kamailio.stop()

    def median_ms(values: list[float]) -> float:
        finite = [v for v in values if not math.isnan(v)]
        return round(statistics.median(finite) * 1000, 1) if finite else float("nan")

    figures = {}
    for index, name in enumerate(("press_to_invite", "press_to_clinician_audio")):
        softphone_ms = median_ms([s[index] for s in soft])
        bare_ms = median_ms([b[index] for b in bare])
        figures[name] = {
            "softphone_median_ms": softphone_ms,
            "bare_pjsua2_median_ms": bare_ms,
            "ratio": round(softphone_ms / bare_ms, 2) if bare_ms else None,
            "softphone_samples_ms": [round(s[index] * 1000, 1) for s in soft],
            "bare_samples_ms": [round(b[index] * 1000, 1) for b in bare],
        }
    return {"benchmark": "escalation", "loopback": True, "runs": runs, "goal_ratio": 1.3, "steps": figures}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--bare":
        bare_agent(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(bench(max(10, args.runs))))


if __name__ == "__main__":
    main()
