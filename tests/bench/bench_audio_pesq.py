"""Speech quality (PESQ) of a call through a loss/jitter RTP relay, per jitter-buffer profile: ONE JSON object.

``tc netem`` is not available in this kernel, so the network is our own UDP relay on loopback:

    caller RTP 127.0.0.2:P --> relay 127.0.0.1:Q --(loss, delay 30±30 ms => reordering)--> 127.0.0.3:Q callee
    caller      127.0.0.2:P <-- relay 127.0.0.1:P <------------- (clean) --------------- 127.0.0.3:Q callee

Each side advertises ``127.0.0.1`` (its media ``publicAddress``) with its real port, so each sees
the other's packets coming from exactly the address its SDP names (no symmetric-RTP switch
bypasses the relay). RTCP (port+1) is relayed clean.

Per run (a subprocess each: the jitter buffer's sizing is fixed at ``libInit``): one pjsua2
endpoint, two local accounts, a caller playing ~8 s of the demo's recorded speech through
``AudioMediaPlayer`` and a callee recording with ``AudioMediaRecorder``; PESQ (ITU-T P.862,
``pesq`` from PyPI) wideband for G.722 at 16 kHz, narrowband for PCMU at 8 kHz.

Before the measured clip, ``WARMUP_SECONDS`` of other speech go through the same network.

Profiles: ``pjsua-default`` (all -1) and ``softphone.audio.jitter.PROFILES``.
Conditions: clean, 5 % loss, ±30 ms jitter with reordering, both.
Run: ``.venv/bin/python tests/bench/bench_audio_pesq.py [--codecs G722 PCMU] [--profiles ...]`` (~6 min for all).
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import random
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
VOICES = REPO / "resources" / "demo" / "voices"
SPEECH = ("caller-chest-pain-1.wav", "caller-dizzy-1.wav", "nurse-follow-up.wav")
SPEECH_SECONDS = 8.0
# Speech before the measured clip, through the same impaired network: the jitter buffer adapts
# in the first seconds of a call (an adaptive buffer started large shrinks by discarding frames),
# and a clip that starts at the call's first packet would score that transient, not the profile.
WARMUP_VOICE = "caller-family-1.wav"
WARMUP_SECONDS = 4.0
CONDITIONS = {
    "clean": (0.0, 0.0),
    "loss_5pct": (0.05, 0.0),
    "jitter_30ms_reordering": (0.0, 30.0),
    "jitter_30ms_and_loss_5pct": (0.05, 30.0),
}
CODECS = {"G722": ("G722/16000", 16000, "wb"), "PCMU": ("PCMU/8000", 8000, "nb")}


# ------------------------------------------------------------------------------------------------
# The impairment relay


class ImpairmentRelay:
    """Four UDP sockets (RTP and RTCP, each direction); delays/drops caller->callee RTP only."""

    def __init__(self, caller: tuple[str, int], callee: tuple[str, int], loss: float, jitter_ms: float, seed: int) -> None:
        self.random = random.Random(seed)
        self.loss, self.jitter_ms = loss, jitter_ms
        self.routes: dict[socket.socket, tuple[socket.socket, tuple[str, int], bool]] = {}
        self.sockets: list[socket.socket] = []
        for offset in (0, 1):  # RTP, RTCP
            as_callee = self._bind(callee[1] + offset)  # the caller sends here
            as_caller = self._bind(caller[1] + offset)  # the callee sends here
            impaired = offset == 0
            self.routes[as_callee] = (as_caller, (callee[0], callee[1] + offset), impaired)
            self.routes[as_caller] = (as_callee, (caller[0], caller[1] + offset), False)
        self.forwarded = self.dropped = self.reordered = 0
        self._last_due = 0.0
        self._queue: list[tuple[float, int, socket.socket, bytes, tuple[str, int]]] = []
        self._seq = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="impairment-relay", daemon=True)

    def _bind(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", port))
        sock.setblocking(False)
        self.sockets.append(sock)
        return sock

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for sock in self.sockets:
            sock.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            while self._queue and self._queue[0][0] <= now:
                _, _, sender, data, target = heapq.heappop(self._queue)
                sender.sendto(data, target)
                self.forwarded += 1
            timeout = 0.005 if not self._queue else max(0.0, min(0.005, self._queue[0][0] - now))
            readable, _, _ = select.select(self.sockets, [], [], timeout)
            for sock in readable:
                try:
                    data, _ = sock.recvfrom(4096)
                except BlockingIOError:
                    continue
                sender, target, impaired = self.routes[sock]
                due = time.monotonic()
                if impaired:
                    if self.random.random() < self.loss:
                        self.dropped += 1
                        continue
                    if self.jitter_ms:
                        due += (self.jitter_ms + self.random.uniform(-self.jitter_ms, self.jitter_ms)) / 1000.0
                    if due < self._last_due:
                        self.reordered += 1
                    self._last_due = max(self._last_due, due)
                self._seq += 1
                heapq.heappush(self._queue, (due, self._seq, sender, data, target))


# ------------------------------------------------------------------------------------------------
# One run (worker process)


def free_even_port(host: str) -> int:
    for _ in range(200):
        port = random.randrange(20000, 60000, 2)
        probes = []
        try:
            for address in (("127.0.0.1", port), ("127.0.0.1", port + 1), (host, port), (host, port + 1)):
                probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                probes.append(probe)
                probe.bind(address)
            return port
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError("no free port pair")


def worker(profile: str, codec: str, condition: str, reference: Path, out_dir: Path, seed: int) -> dict:
    import pjsua2 as pj

    from softphone.audio.jitter import PJSUA_DEFAULTS, PROFILES

    if profile.startswith("custom:"):  # custom:INIT,MIN_PRE,MAX_PRE,MAX (ms), for tuning
        from softphone.audio.jitter import JitterBufferSettings

        settings = JitterBufferSettings(*(int(v) for v in profile.split(":", 1)[1].split(",")))
    else:
        settings = PJSUA_DEFAULTS if profile == "pjsua-default" else PROFILES[profile]
    codec_id, rate, mode = CODECS[codec]
    loss, jitter_ms = CONDITIONS[condition]
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.uaConfig.mainThreadOnly = True
    config.logConfig.level = 0
    config.logConfig.consoleLevel = 0
    media = config.medConfig
    media.noVad = True
    media.ecTailLen = 0
    media.clockRate = 16000
    media.sndClockRate = 16000
    media.sndAutoCloseTime = -1
    settings.apply(media)
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()
    transport = pj.TransportConfig()
    transport.port = 0
    transport.boundAddress = "127.0.0.1"
    transport_id = endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    sip_port = int(str(endpoint.transportGetInfo(transport_id).localName).rsplit(":", 1)[1])
    endpoint.libStart()
    for info in endpoint.codecEnum2():
        endpoint.codecSetPriority(info.codecId, 255 if str(info.codecId).startswith(codec_id) else 0)

    caller_port, callee_port = free_even_port("127.0.0.2"), free_even_port("127.0.0.3")
    relay = ImpairmentRelay(("127.0.0.2", caller_port), ("127.0.0.3", callee_port), loss, jitter_ms, seed)
    relay.start()

    class Call(pj.Call):
        def __init__(self, account, call_id=pj.PJSUA_INVALID_ID):
            super().__init__(account, call_id)
            self.media = None

        def onCallMediaState(self, prm):  # noqa: N802
            info = self.getInfo()
            for index, item in enumerate(info.media):
                if item.type == pj.PJMEDIA_TYPE_AUDIO and item.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                    self.media = self.getAudioMedia(index)

    class Account(pj.Account):
        def __init__(self):
            super().__init__()
            self.incoming = None

        def onIncomingCall(self, prm):  # noqa: N802
            self.incoming = Call(self, prm.callId)
            answer = pj.CallOpParam()
            answer.statusCode = 200
            self.incoming.answer(answer)

    def account(user: str, host: str, port: int) -> Account:
        cfg = pj.AccountConfig()
        cfg.idUri = f"sip:{user}@127.0.0.1:{sip_port}"
        cfg.sipConfig.transportId = transport_id
        cfg.mediaConfig.transportConfig.port = port
        cfg.mediaConfig.transportConfig.portRange = 1
        cfg.mediaConfig.transportConfig.boundAddress = host
        cfg.mediaConfig.transportConfig.publicAddress = "127.0.0.1"
        acc = Account()
        acc.create(cfg)
        return acc

    def pump(seconds: float, until=None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            endpoint.libHandleEvents(5)
            if until is not None and until():
                return

    caller_account = account("caller", "127.0.0.2", caller_port)
    callee_account = account("callee", "127.0.0.3", callee_port)
    call = Call(caller_account)
    call.makeCall(f"sip:callee@127.0.0.1:{sip_port}", pj.CallOpParam(True))
    pump(10, lambda: call.media is not None and callee_account.incoming is not None and callee_account.incoming.media is not None)
    if call.media is None or callee_account.incoming is None or callee_account.incoming.media is None:
        raise RuntimeError("call did not get media")
    pump(0.5)
    warmup = pj.AudioMediaPlayer()
    warmup.createPlayer(str(VOICES / WARMUP_VOICE), 0)  # looped
    warmup.startTransmit(call.media)
    pump(WARMUP_SECONDS)
    warmup.stopTransmit(call.media)
    del warmup
    degraded_path = out_dir / f"{profile}-{codec}-{condition}.wav"
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(str(degraded_path))
    player = pj.AudioMediaPlayer()
    player.createPlayer(str(reference), pj.PJMEDIA_FILE_NO_LOOP)
    callee_media = callee_account.incoming.media
    callee_media.startTransmit(recorder)
    player.startTransmit(call.media)
    pump(SPEECH_SECONDS + 1.0)
    player.stopTransmit(call.media)
    callee_media.stopTransmit(recorder)
    del player, recorder, callee_media
    pump(0.2)
    endpoint.hangupAllCalls()
    pump(0.5)
    relay.stop()
    stats = {"forwarded": relay.forwarded, "dropped": relay.dropped, "reordered": relay.reordered}
    del call, caller_account, callee_account
    import gc

    gc.collect()
    endpoint.libDestroy()
    return {"pesq": pesq_score(reference, degraded_path, rate, mode, out_dir), "relay": stats}


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float32)


def pesq_score(reference: Path, degraded: Path, rate: int, mode: str, work: Path) -> float:
    from pesq import pesq

    if rate != 16000:
        for path in (reference, degraded):
            subprocess.run(["sox", str(path), "-r", str(rate), str(work / f"{path.stem}-{rate}.wav")], check=True)
        reference, degraded = work / f"{reference.stem}-{rate}.wav", work / f"{degraded.stem}-{rate}.wav"
    return round(float(pesq(rate, read_wav(reference), read_wav(degraded), mode)), 2)


def make_reference(work: Path) -> Path:
    joined = work / "speech.wav"
    subprocess.run(
        ["sox", *[str(VOICES / name) for name in SPEECH], "-r", "16000", "-c", "1", "-b", "16", str(joined),
         "trim", "0", str(SPEECH_SECONDS)],
        check=True,
    )
    return joined


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=5, metavar=("PROFILE", "CODEC", "CONDITION", "REFERENCE", "OUT"))
    parser.add_argument("--codecs", nargs="*", default=list(CODECS))
    parser.add_argument("--profiles", nargs="*", default=["pjsua-default", "lan", "wan", "mobile"])
    parser.add_argument("--conditions", nargs="*", default=list(CONDITIONS))
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    if args.worker:
        profile, codec, condition, reference, out = args.worker
        print("RESULT " + json.dumps(worker(profile, codec, condition, Path(reference), Path(out), args.seed)), flush=True)
        return
    figures: dict = {"speech_seconds": SPEECH_SECONDS, "seed": args.seed, "pesq": {}, "relay": {}}
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        reference = make_reference(work)
        for codec in args.codecs:
            for profile in args.profiles:
                for condition in args.conditions:
                    completed = subprocess.run(
                        [sys.executable, __file__, "--seed", str(args.seed), "--worker", profile, codec, condition, str(reference), str(work)],
                        capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(REPO)),
                    )
                    key = f"{codec}/{profile}/{condition}"
                    lines = [x for x in completed.stdout.splitlines() if x.startswith("RESULT ")]
                    if completed.returncode != 0 or not lines:
                        figures["pesq"][key] = None
                        figures["relay"][key] = completed.stderr[-300:]
                        continue
                    outcome = json.loads(lines[-1][7:])
                    figures["pesq"][key] = outcome["pesq"]
                    figures["relay"][key] = outcome["relay"]
                    print(key, outcome, file=sys.stderr, flush=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
