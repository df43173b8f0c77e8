"""Runs the SIP engine in its own process for shutdown tests.

argv: server domain mode [tls_ca_file]
  mode: "stop" = engine.stop() on "quit"; "exit" = plain sys.exit, relying on atexit.
  With tls_ca_file the account is TransportKind.TLS (through the TLS relay, trusting that
  CA); otherwise UDP.
Prints JSON lines: {"registered": true}, {"incoming": call_id}, {"confirmed": call_id}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from softphone.sip import (
    AGENT_MIC,
    AccountConfig,
    AddAccount,
    Answer,
    CallState,
    CallStateChanged,
    CreateTonePort,
    EngineConfig,
    IncomingCall,
    RegistrationChanged,
    RegistrationState,
    SipEngine,
    TlsSettings,
    TransportKind,
)


def say(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> int:
    server, domain, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    tls_ca_file = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    tls = TlsSettings(ca_list_file=tls_ca_file) if tls_ca_file else None
    engine = SipEngine(EngineConfig(bind_address="127.0.0.1", tls=tls))

    def on_event(event: object) -> None:
        # Runs on the SIP thread: answer by submitting, never by blocking.
        if isinstance(event, RegistrationChanged) and event.state is RegistrationState.REGISTERED:
            say({"registered": True})
        elif isinstance(event, IncomingCall):
            say({"incoming": event.call_id})
            engine.submit(Answer(event.call_id))
        elif isinstance(event, CallStateChanged) and event.state is CallState.CONFIRMED:
            say({"confirmed": event.call_id})

    engine.subscribe(on_event)
    engine.start()
    engine.submit(CreateTonePort(AGENT_MIC, (600,))).result(5)
    engine.submit(AddAccount(AccountConfig(
        user="agent2", domain=domain, servers=(server,), password=lambda: "agent2-secret",
        register_expiry_s=60, transport=TransportKind.TLS if tls else TransportKind.UDP,
    ))).result(5)
    for line in sys.stdin:
        if line.strip() == "quit":
            break
    if mode == "stop":
        engine.stop()
    say({"exiting": True})
    return 0


if __name__ == "__main__":
    sys.exit(main())
