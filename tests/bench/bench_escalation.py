"""Escalation benchmark on loopback: prints ONE JSON object, asserts nothing.

Per run (>= 10): a patient peer calls the agent, the agent answers; then "the press":
  press_to_invite_ms         press -> the clinician's phone receives the INVITE (through Kamailio)
  press_to_invite_sent_ms    press -> the agent has sent the INVITE (its clinician leg reaches
                             CALLING, which pjsua reports once the request is handed to the socket):
                             the agent's own share, free of how fast Kamailio and the peer are
                             scheduled on a loaded machine
  press_to_clinician_audio_ms press -> the clinician's tone (1400 Hz) is heard at the patient
measured for the softphone (engine + CallSceneOwner + EscalationService on their own thread, as
in the app) and for a bare pjsua2 script doing the same conference (makeCall, then on media
startTransmit both ways), in the same run against the same Kamailio and peers. The patient's
recording gives the onset of the clinician's tone (20 ms frames, Goertzel). Times are
CLOCK_MONOTONIC, shared by the processes. ``ratio`` = softphone / bare (goal <= 1.3).

Both agents run in a process of their own, side by side, and are driven the same way over
stdin/stdout, taking turns press by press (so a change in the machine's load hits both alike);
this process only observes (the peers' events). Why: when the softphone ran inside this process,
the threads that notice the clinician's INVITE competed for the GIL with the softphone's own
threads (busy right after sending it), which the bare script, in its own process, never had to.
The press is timed where each agent handles it: on the bare script's one thread, and on the
thread that owns the escalation service (the app's GUI thread) for the softphone; the stdin
plumbing that brings the command there is not counted for either.

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
            self.sent = None  # when the INVITE was handed to the socket (CALLING)

        def onCallState(self, prm):  # noqa: N802
            self.state = self.getInfo().state
            if self.peer is not None and self.sent is None and self.state == pj.PJSIP_INV_STATE_CALLING:
                self.sent = time.monotonic()

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
    pressed = None
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
                out.write(json.dumps({"ok": True}) + "\n")
            elif request["cmd"] == "hangup":
                sent = clinician.sent if clinician is not None else None
                ep.hangupAllCalls()
                deadline = time.monotonic() + 0.5
                while time.monotonic() < deadline:
                    ep.libHandleEvents(10)
                acc.incoming.clear()
                clinician = None
                out.write(json.dumps({"pressed": pressed, "sent": sent}) + "\n")
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


# ------------------------------------------------------------------ the softphone agent (subprocess)


def softphone_agent(server: str, domain: str, clinician_uri: str) -> None:  # pragma: no cover - own process
    """The bare agent's protocol (press / hangup / quit), answered by the softphone's parts."""
    import os
    import threading
    from types import SimpleNamespace

    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    logging.basicConfig(level=logging.ERROR)
    from escalation_rig import build_rig
    from sip_harness import start_agent
    from softphone.config.model import EscalationReasonSettings, EscalationSettings, EscalationTargetSettings
    from softphone.escalation import Phase
    from softphone.sip import Answer, CallDirection, CallState, CallStateChanged, Hangup

    write_lock = threading.Lock()

    def reply(message: dict) -> None:
        with write_lock:
            out.write(json.dumps(message) + "\n")

    kamailio = SimpleNamespace(udp_address=server, tcp_address=server, tls_address=server, domain=domain)
    with tempfile.TemporaryDirectory(prefix="bench-escalation-agent-") as tmp:
        agent = start_agent(kamailio, Path(tmp), engine_overrides={"auto_routing": False, "quality_interval_s": 0})
        policy = EscalationSettings(
            targets=(EscalationTargetSettings(id="c", title="Clinician", destination=clinician_uri),),
            reasons=(EscalationReasonSettings(code="chest_pain", label="Chest pain", targets=("c",), fallback="911"),),
        )
        rig = build_rig(agent, policy)
        sent: list[float] = []
        pressed: list[float] = []

        def invite_sent(event: object) -> None:  # on the SIP thread, inside makeCall
            if (isinstance(event, CallStateChanged) and event.direction is CallDirection.OUTGOING
                    and event.state is CallState.CALLING and not sent):
                sent.append(time.monotonic())

        agent.engine.subscribe(invite_sent)

        def answer_next_patient() -> tuple[threading.Thread, dict]:
            holder: dict = {}

            def answer() -> None:
                incoming = agent.events.wait_incoming(timeout=60)
                agent.run(Answer(incoming.call_id))
                holder["call"] = incoming.call_id

            thread = threading.Thread(target=answer, daemon=True)
            thread.start()
            return thread, holder

        answering, holder = answer_next_patient()
        reply({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            if request["cmd"] == "press":
                answering.join()
                patient_call = holder["call"]
                rig.wait(lambda: rig.scene.patient_call_id == patient_call, what="patient talking")
                sent.clear()
                pressed.clear()
                # Acknowledged first: written while the press runs, this reply would compete for
                # the GIL with the press it is timing (the times go back with the hang-up's).
                reply({"ok": True})

                def press(call_id: str = patient_call) -> None:
                    # The press as the app's GUI thread handles it: on the thread that owns the
                    # service (as the bare script's press is timed on its one thread).
                    pressed.append(time.monotonic())
                    rig.service.start(call_id, "chest_pain", pressed_monotonic=pressed[0])

                rig.loop.post(press)
            elif request["cmd"] == "hangup":
                rig.wait_phase(Phase.CONFERENCED)
                escalation = rig.updates[-1]
                agent.run(Hangup(escalation.current.call_id))
                agent.run(Hangup(holder["call"]))
                agent.events.wait_call_state(holder["call"], CallState.DISCONNECTED)
                rig.wait(lambda: rig.service.current is None, what="escalation over")
                agent.events.clear()
                answering, holder = answer_next_patient()
                reply({"pressed": pressed[0], "sent": sent[0] if sent else None})
            elif request["cmd"] == "quit":
                break
        rig.loop.stop()
        agent.engine.stop()


# ------------------------------------------------------------------ the run


def _one_press(patient, clinician, workdir: Path, agent, run: int) -> tuple[float, float, float]:
    """Patient calls the agent, the agent presses; returns the three delays (s)."""
    call = patient.request("call", uri=f"sip:{agent.user}@{agent.domain}")
    patient.wait_call_state(call, "CONFIRMED")
    time.sleep(0.3)  # media settles, as on a real call before anyone presses
    path = workdir / f"patient-{agent.user}-{run}.wav"
    patient.record(path)
    recorded_at = time.monotonic()
    time.sleep(0.1)
    agent.press()
    incoming = clinician.wait_event(lambda e: e["event"] == "incoming")
    invite_seen = time.monotonic()
    time.sleep(0.8)
    patient.stop_record()
    pressed, sent = agent.hang_up()
    onset = tone_onset(path, CLINICIAN_TONE)
    audio_delay = (recorded_at + onset - pressed) if onset is not None else float("nan")
    assert incoming
    return invite_seen - pressed, (sent - pressed) if sent is not None else float("nan"), audio_delay


class AgentProcess:
    """One agent (``--softphone`` or ``--bare``) in its own process, driven over stdin/stdout."""

    def __init__(self, mode: str, user: str, kamailio, clinician_uri: str, workdir: Path) -> None:
        self.mode, self.user, self.domain, self.clinician_uri = mode, user, kamailio.domain, clinician_uri
        self.log_path = workdir / f"agent{mode}.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, __file__, mode, kamailio.udp_address, kamailio.domain, clinician_uri],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
            )
        self._receive()  # ready: registered

    def _receive(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"agent {self.mode} exited: {self.log_path.read_text(errors='replace')[-2000:]}")
        return json.loads(line)

    def _send(self, request: dict) -> dict:
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        return self._receive()

    def press(self) -> None:
        self._send({"cmd": "press", "uri": self.clinician_uri})

    def hang_up(self) -> tuple[float, float | None]:
        """Ends both calls; returns when the agent handled the press and when its INVITE was sent."""
        times = self._send({"cmd": "hangup"})
        return times["pressed"], times["sent"]

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.process.stdin.write(b'{"cmd": "quit"}\n')
                self.process.stdin.flush()
                self.process.wait(15)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(5)


def bench(runs: int) -> dict:
    from kamailio.server import KamailioServer
    from kamailio.users import TEST_USERS
    from peers.peer_client import PeerProcess

    soft: list[tuple[float, float, float]] = []
    bare: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-escalation-") as tmp:
        workdir = Path(tmp)
        kamailio = KamailioServer(workdir / "kamailio", users=dict(TEST_USERS))
        kamailio.start()
        closing: list = []
        try:
            patient = PeerProcess("patient", PATIENT_TONE, workdir)
            closing.append(patient)
            clinician = PeerProcess("clinician", CLINICIAN_TONE, workdir, auto_answer=200)
            closing.append(clinician)
            patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
            clinician.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
            clinician_uri = f"sip:clinician@{kamailio.domain}"
            softphone = AgentProcess("--softphone", "agent", kamailio, clinician_uri, workdir)
            closing.append(softphone)
            bare_script = AgentProcess("--bare", "agent2", kamailio, clinician_uri, workdir)
            closing.append(bare_script)
            for run in range(runs):
                turns = [(softphone, soft), (bare_script, bare)]
                for agent, samples in turns if run % 2 == 0 else reversed(turns):
                    samples.append(_one_press(patient, clinician, workdir, agent, run))
                    time.sleep(0.3)
        finally:
            for party in reversed(closing):
                party.close()
            kamailio.stop()

    def median_ms(values: list[float]) -> float:
        finite = [v for v in values if not math.isnan(v)]
        return round(statistics.median(finite) * 1000, 2) if finite else float("nan")

    figures = {}
    for index, name in enumerate(("press_to_invite", "press_to_invite_sent", "press_to_clinician_audio")):
        softphone_ms = median_ms([s[index] for s in soft])
        bare_ms = median_ms([b[index] for b in bare])
        figures[name] = {
            "softphone_median_ms": softphone_ms,
            "bare_pjsua2_median_ms": bare_ms,
            "ratio": round(softphone_ms / bare_ms, 2) if bare_ms else None,
            "softphone_samples_ms": [round(s[index] * 1000, 2) for s in soft],
            "bare_samples_ms": [round(b[index] * 1000, 2) for b in bare],
        }
    return {"benchmark": "escalation", "loopback": True, "runs": runs, "goal_ratio": 1.3, "steps": figures}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--bare":
        bare_agent(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--softphone":
        softphone_agent(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(bench(max(10, args.runs))))


if __name__ == "__main__":
    main()
