"""The bench's reference: the same steps as ``bench_sip.py`` done by a bare pjsua2 script
(no engine thread, no queue, no events), so the engine's overhead can be read as a ratio.

Run by ``bench_sip.py`` as a subprocess (pjsua2 allows one Endpoint per process):
    python bench_sip_bare.py UDP_SERVER DOMAIN RUNS   -> one JSON object of raw samples (s)
Run alone (as ``scripts/run-benchmarks.sh`` does with every bench_*.py) it starts its own
Kamailio and prints one JSON object of medians in milliseconds.

Each step is a function: its locals (calls, media ports) die when it returns, because
any pjsua2 object still referenced at ``libDestroy()`` aborts the process.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

_json_out = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)  # pjsua's start-up lines must not reach our JSON

import pjsua2 as pj  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from peers.peer_client import PeerProcess  # noqa: E402

USER, PASSWORD = "agent2", "agent2-secret"


class Call(pj.Call):
    def __init__(self, acc: pj.Account, call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(acc, call_id)
        self.state = pj.PJSIP_INV_STATE_NULL
        self.audio: pj.AudioMedia | None = None

    def onCallState(self, prm):  # noqa: N802
        self.state = self.getInfo().state

    def onCallMediaState(self, prm):  # noqa: N802
        info = self.getInfo()  # keep it: ``media`` points into this object
        for media in info.media:
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                self.audio = self.getAudioMedia(media.index)


class Account(pj.Account):
    def __init__(self) -> None:
        super().__init__()
        self.reg_code = 0
        self.incoming: list[Call] = []

    def onRegState(self, prm):  # noqa: N802
        self.reg_code = prm.code

    def onIncomingCall(self, prm):  # noqa: N802
        # The Call object must exist before the callback returns or pjsua2 rejects it.
        self.incoming.append(Call(self, prm.callId))


class Bench:
    def __init__(self, server: str, domain: str) -> None:
        self.server, self.domain = server, domain
        self.ep = pj.Endpoint()
        self.ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.logConfig.level = int(os.environ.get("BENCH_PJSUA_LOG", "1"))
        cfg.logConfig.consoleLevel = cfg.logConfig.level
        cfg.medConfig.noVad = True
        cfg.medConfig.ecTailLen = 0
        cfg.medConfig.sndAutoCloseTime = -1
        self.ep.libInit(cfg)
        self.ep.audDevManager().setNullDev()
        for codec in self.ep.codecEnum2():
            if codec.codecId.startswith("G722/16000"):
                self.ep.codecSetPriority(codec.codecId, 250)
        tc = pj.TransportConfig()
        tc.boundAddress = "127.0.0.1"
        self.transport = self.ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tc)
        self.ep.libStart()

    def pump_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"bare pjsua2 step timed out: {predicate}")
            self.ep.libHandleEvents(1)

    def account_config(self) -> pj.AccountConfig:
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{USER}@{self.domain}"
        acfg.regConfig.registrarUri = f"sip:{self.server};transport=udp"
        acfg.regConfig.timeoutSec = 60
        acfg.sipConfig.proxies.append(f"sip:{self.server};lr;transport=udp")
        acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", USER, 0, PASSWORD))
        acfg.sipConfig.transportId = self.transport
        acfg.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
        acfg.mediaConfig.transportConfig.port = 0  # as the engine: any free RTP port
        acfg.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
        acfg.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
        return acfg

    def register_once(self) -> float:
        acc = Account()
        started = time.perf_counter()
        acc.create(self.account_config())
        self.pump_until(lambda: acc.reg_code == 200)
        elapsed = time.perf_counter() - started
        acc.shutdown()
        return elapsed

    def ring_once(self, acc: Account, patient: PeerProcess) -> float:
        call = Call(acc)
        started = time.perf_counter()
        call.makeCall(f"sip:patient@{self.domain}", pj.CallOpParam(True))
        self.pump_until(lambda: call.state == pj.PJSIP_INV_STATE_EARLY)
        elapsed = time.perf_counter() - started
        call.hangup(pj.CallOpParam())
        self.pump_until(lambda: call.state == pj.PJSIP_INV_STATE_DISCONNECTED)
        patient.wait_event(lambda e: e["event"] == "call_state" and e["state"] == "DISCONNECTED")
        return elapsed

    def answer_once(self, acc: Account, patient: PeerProcess, tone: pj.ToneGenerator) -> float:
        peer_call = patient.request("call", uri=f"sip:{USER}@{self.domain}")
        self.pump_until(lambda: bool(acc.incoming))
        call = acc.incoming.pop()
        prm = pj.CallOpParam()
        prm.statusCode = 180
        call.answer(prm)
        self.pump_until(lambda: call.state == pj.PJSIP_INV_STATE_EARLY)
        started = time.perf_counter()
        prm = pj.CallOpParam()
        prm.statusCode = 200
        call.answer(prm)

        def rtp_both_ways() -> bool:
            if call.audio is None:
                return False
            tone.startTransmit(call.audio)
            rtcp = call.getStreamStat(0).rtcp
            return rtcp.rxStat.pkt > 0 and rtcp.txStat.pkt > 0

        self.pump_until(rtp_both_ways)
        elapsed = time.perf_counter() - started
        call.hangup(pj.CallOpParam())
        self.pump_until(lambda: call.state == pj.PJSIP_INV_STATE_DISCONNECTED)
        patient.wait_call_state(peer_call, "DISCONNECTED")
        call.audio = None
        return elapsed

    def bridge_runs(self, acc: Account, tone: pj.ToneGenerator, runs: int,
                    patient: PeerProcess) -> list[float]:
        """Three parties: patient leg, clinician leg and the agent's "mic" (tone)."""
        patient.request("call", uri=f"sip:{USER}@{self.domain}")
        self.pump_until(lambda: bool(acc.incoming))
        patient_leg = acc.incoming.pop()
        prm = pj.CallOpParam()
        prm.statusCode = 200
        patient_leg.answer(prm)
        clinician_leg = Call(acc)
        clinician_leg.makeCall(f"sip:clinician@{self.domain}", pj.CallOpParam(True))
        self.pump_until(lambda: patient_leg.audio is not None and clinician_leg.audio is not None)
        p, c = patient_leg.audio, clinician_leg.audio
        consult = [(tone, c)]
        conference = [(tone, c), (tone, p), (p, c), (c, p)]
        samples = []
        for index in range(runs * 2):
            old, new = (consult, conference) if index % 2 == 0 else (conference, consult)
            started = time.perf_counter()
            for src, dst in old:
                if (src, dst) not in new:
                    src.stopTransmit(dst)
            for src, dst in new:
                if (src, dst) not in old:
                    src.startTransmit(dst)
            samples.append(time.perf_counter() - started)
            self.ep.libHandleEvents(20)
        patient_leg.audio = clinician_leg.audio = None
        self.ep.hangupAllCalls()
        self.pump_until(
            lambda: patient_leg.state == clinician_leg.state == pj.PJSIP_INV_STATE_DISCONNECTED
        )
        return samples

    def calls_and_bridge(self, runs: int, samples: dict[str, list[float]]) -> None:
        acc = Account()
        acc.create(self.account_config())
        self.pump_until(lambda: acc.reg_code == 200)
        log_dir = Path(os.environ.get("BENCH_TMP", "/tmp")) / "bench-bare-peers"
        patient = PeerProcess("bare-patient", 1000, log_dir)
        clinician = PeerProcess("bare-clinician", 1400, log_dir, auto_answer=200)
        tone = pj.ToneGenerator()
        try:
            patient.register("patient", "patient-secret", self.domain, self.server)
            clinician.register("clinician", "clinician-secret", self.domain, self.server)
            tone.createToneGenerator(16000, 1)
            desc = pj.ToneDesc()
            desc.freq1, desc.freq2, desc.on_msec, desc.off_msec = 600, 0, 1000, 0
            tones = pj.ToneDescVector()
            tones.append(desc)
            tone.play(tones, True)
            samples["invite_to_ringing"] = [self.ring_once(acc, patient) for _ in range(runs)]
            samples["answer_to_two_way_audio"] = [
                self.answer_once(acc, patient, tone) for _ in range(runs)
            ]
            samples["bridge_reconfigure"] = self.bridge_runs(acc, tone, runs, patient)
        finally:
            patient.close()
            clinician.close()
            acc.shutdown()

    def close(self) -> None:
        gc.collect()
        self.ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)


def measure(server: str, domain: str, runs: int) -> dict[str, list[float]]:
    bench = Bench(server, domain)
    samples: dict[str, list[float]] = {"register": [bench.register_once() for _ in range(runs)]}
    bench.calls_and_bridge(runs, samples)
    bench.close()
    return samples


def main() -> None:
    if len(sys.argv) >= 4:
        samples = measure(sys.argv[1], sys.argv[2], int(sys.argv[3]))
        _json_out.write(json.dumps(samples) + "\n")
        _json_out.flush()
        return
    import statistics
    import tempfile

    from kamailio.server import KamailioServer
    from kamailio.users import TEST_USERS

    with tempfile.TemporaryDirectory(prefix="bench-sip-bare-") as tmp:
        os.environ.setdefault("BENCH_TMP", tmp)
        kamailio = KamailioServer(Path(tmp) / "kamailio", users=dict(TEST_USERS))
        kamailio.start()
        try:
            samples = measure(kamailio.udp_address, kamailio.domain, 10)
        finally:
            kamailio.stop()
    medians = {step: round(statistics.median(v) * 1000.0, 3) for step, v in samples.items()}
    _json_out.write(json.dumps({"benchmark": "sip_bare_pjsua2", "median_ms": medians}) + "\n")
    _json_out.flush()


if __name__ == "__main__":
    main()
