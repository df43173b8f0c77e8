"""SIP engine benchmark on loopback: prints ONE JSON object, asserts nothing.

Each step is timed ``--runs`` times (>= 10) through the engine's public API (submit a
command, wait for the event), and the same step is timed by a bare pjsua2 script
(``bench_sip_bare.py``, run as a subprocess in the same run against the same Kamailio).
The figures are medians in milliseconds; ``ratio`` = engine / bare.

Steps:
  register                 AddAccount -> RegistrationChanged(REGISTERED)
  register_tls_via_relay   the same for a TLS account: a new TLS relay, TCP to it, a TLS 1.3
                           handshake with certificate checks to Kamailio's TLS listener, and
                           the REGISTER (printed beside ``register``; no bare pjsua2 figure,
                           as the wheel has no modern TLS to compare with)
  invite_to_ringing        MakeCall -> CallStateChanged(EARLY) (the peer answers 180)
  answer_to_two_way_audio  Answer -> RTP counted in both directions on the call
  bridge_reconfigure       consult <-> conference matrix of three parties applied

    .venv/bin/python tests/bench/bench_sip.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(ROOT / "tests" / "integration" / "sip"))
sys.path.insert(0, str(ROOT))  # for tests.support

from kamailio.server import KamailioServer  # noqa: E402
from kamailio.users import TEST_USERS  # noqa: E402
from peers.peer_client import PeerProcess  # noqa: E402
from sip_harness import EventLog, start_engine  # noqa: E402
from tls_kamailio import start_tls_kamailio  # noqa: E402

from tests.support.tls_pki import SERVER_NAME, make_test_pki  # noqa: E402

from softphone.sip import (  # noqa: E402
    AGENT_EAR,
    AGENT_MIC,
    AccountConfig,
    AddAccount,
    Answer,
    ApplyRoutes,
    CallState,
    CreateTonePort,
    Hangup,
    MakeCall,
    RegistrationState,
    RemoveAccount,
    TlsSettings,
    TransportKind,
)



def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000.0, 3)


def bench_tls_register(runs: int, workdir: Path) -> list[float]:
    pki = make_test_pki(workdir / "pki")
    server = start_tls_kamailio(workdir / "kamailio-tls", pki.server_cert_file, pki.server_key_file)
    events = EventLog()
    engine = start_engine(events, auto_routing=False, tls=TlsSettings(ca_list_file=pki.ca_file))
    samples: list[float] = []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            account_id = engine.submit(AddAccount(AccountConfig(
                user="agent", domain=SERVER_NAME, servers=(f"127.0.0.1:{server.tls_port}",),
                password=lambda: "unused", transport=TransportKind.TLS, register_expiry_s=60,
            ))).result(10)
            events.wait_registration(RegistrationState.REGISTERED)
            samples.append(time.perf_counter() - started)
            engine.submit(RemoveAccount(account_id)).result(10)
            events.clear()
    finally:
        engine.stop()
        server.stop()
    return samples


def bench_engine(kamailio: KamailioServer, runs: int, workdir: Path) -> dict[str, list[float]]:
    events = EventLog()
    engine = start_engine(events, auto_routing=False)
    samples: dict[str, list[float]] = {k: [] for k in (
        "register", "invite_to_ringing", "answer_to_two_way_audio", "bridge_reconfigure")}

    def config() -> AccountConfig:
        return AccountConfig(user="agent", domain=kamailio.domain, servers=(kamailio.udp_address,),
                             password=lambda: "agent-secret", register_expiry_s=60)

    def run(command):
        return engine.submit(command).result(10)

    try:
        run(CreateTonePort(AGENT_MIC, (600,)))
        for _ in range(runs):
            started = time.perf_counter()
            account_id = run(AddAccount(config()))
            events.wait_registration(RegistrationState.REGISTERED)
            samples["register"].append(time.perf_counter() - started)
            run(RemoveAccount(account_id))
            events.clear()
        account_id = run(AddAccount(config()))
        events.wait_registration(RegistrationState.REGISTERED)

        patient = PeerProcess("patient", 1000, workdir)
        clinician = PeerProcess("clinician", 1400, workdir, auto_answer=200)
        try:
            patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
            clinician.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
            for _ in range(runs):
                started = time.perf_counter()
                call_id = run(MakeCall(account_id, f"sip:patient@{kamailio.domain}"))
                events.wait_call_state(call_id, CallState.EARLY)
                samples["invite_to_ringing"].append(time.perf_counter() - started)
                run(Hangup(call_id))
                events.wait_call_state(call_id, CallState.DISCONNECTED)
                patient.wait_event(lambda e: e["event"] == "call_state" and e["state"] == "DISCONNECTED")

            for _ in range(runs):
                peer_call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
                incoming = events.wait_incoming()
                started = time.perf_counter()
                run(Answer(incoming.call_id))
                run(ApplyRoutes(frozenset({(AGENT_MIC, incoming.call_id), (incoming.call_id, AGENT_EAR)})))

                def rtp_both_ways(call_id: str = incoming.call_id) -> bool:
                    call = engine.calls.get(call_id)
                    if call.audio_index is None:
                        return False
                    rtcp = call.getStreamStat(call.audio_index).rtcp
                    return rtcp.rxStat.pkt > 0 and rtcp.txStat.pkt > 0

                while not run(rtp_both_ways):
                    pass
                samples["answer_to_two_way_audio"].append(time.perf_counter() - started)
                run(Hangup(incoming.call_id))
                events.wait_call_state(incoming.call_id, CallState.DISCONNECTED)
                patient.wait_call_state(peer_call, "DISCONNECTED")

            patient.request("call", uri=f"sip:agent@{kamailio.domain}")
            incoming = events.wait_incoming()
            run(Answer(incoming.call_id))
            consult_leg = run(MakeCall(account_id, f"sip:clinician@{kamailio.domain}"))
            events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
            events.wait_call_state(consult_leg, CallState.CONFIRMED)
            p, c = incoming.call_id, consult_leg
            consult = frozenset({(AGENT_MIC, c), (c, AGENT_EAR)})
            conference = consult | {(AGENT_MIC, p), (p, AGENT_EAR), (p, c), (c, p)}
            for index in range(runs * 2):
                started = time.perf_counter()
                run(ApplyRoutes(conference if index % 2 == 0 else consult))
                samples["bridge_reconfigure"].append(time.perf_counter() - started)
                time.sleep(0.02)
        finally:
            patient.close()
            clinician.close()
    finally:
        engine.stop()
    return samples


def bench_bare(kamailio: KamailioServer, runs: int, workdir: Path) -> dict[str, list[float]]:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bench_sip_bare.py")),
         kamailio.udp_address, kamailio.domain, str(runs)],
        capture_output=True, timeout=300, env={**os.environ, "BENCH_TMP": str(workdir)},
    )
    if result.returncode != 0:
        raise RuntimeError(f"bare pjsua2 script failed: {result.stderr.decode()[-2000:]}")
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    runs = max(10, args.runs)
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-sip-") as tmp:
        workdir = Path(tmp)
        kamailio = KamailioServer(workdir / "kamailio", users=dict(TEST_USERS))
        kamailio.start()
        try:
            engine = bench_engine(kamailio, runs, workdir)
            bare = bench_bare(kamailio, runs, workdir)
        finally:
            kamailio.stop()
        tls_register = bench_tls_register(runs, workdir)
    figures = {}
    for step, samples in engine.items():
        engine_ms, bare_ms = _ms(samples), _ms(bare[step])
        figures[step] = {
            "engine_median_ms": engine_ms,
            "bare_pjsua2_median_ms": bare_ms,
            "ratio": round(engine_ms / bare_ms, 2) if bare_ms else None,
            "runs": len(samples),
        }
    tls_ms = _ms(tls_register)
    figures["register_tls_via_relay"] = {
        "engine_median_ms": tls_ms,
        "vs_udp_register_ratio": round(tls_ms / figures["register"]["engine_median_ms"], 2),
        "runs": len(tls_register),
    }
    print(json.dumps({"benchmark": "sip_engine", "loopback": True, "steps": figures}))


if __name__ == "__main__":
    main()
