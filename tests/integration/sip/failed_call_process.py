"""An engine process whose MakeCall is refused by pjsua, which then exits (regression: the
refused SipCall, kept alive by the exception's traceback in the Future, was freed after
libDestroy() and aborted the process: "pjsua_call_set_user_data: Assertion ... failed").

argv: mode [destination]
  mode: "stop" = engine.stop() then exit; "exit" = plain exit, relying on the engine's atexit.
Prints JSON lines: {"failed": "<error>"} then {"exiting": true}.
"""

from __future__ import annotations

import json
import sys

from softphone.sip import AccountConfig, AddAccount, EngineConfig, MakeCall, SipEngine

# A UDP account dialling a TCP URI directly (no proxy): pjsua gives the call a slot, then
# refuses it ("Unsuitable transport selected").
UNSUITABLE = "sip:nobody@127.0.0.1:9;transport=tcp"


def main() -> int:
    mode = sys.argv[1]
    destination = sys.argv[2] if len(sys.argv) > 2 else UNSUITABLE
    engine = SipEngine(EngineConfig(bind_address="127.0.0.1", quality_interval_s=0))
    engine.start()
    account_id = engine.submit(AddAccount(AccountConfig(
        user="agent", domain="127.0.0.1", servers=(), password=lambda: "", registrar=False,
    ))).result(5)
    failed = engine.submit(MakeCall(account_id, destination))
    error = failed.exception(5)
    detail = error.info() if hasattr(error, "info") else repr(error)
    sys.stdout.write(json.dumps({"failed": detail}) + "\n")
    # The caller keeps the failed Future (and its exception) until the very end, as an app would.
    globals()["kept"] = failed
    if mode == "stop":
        engine.stop()
    sys.stdout.write(json.dumps({"exiting": True}) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
