"""A softphone in its own process for the supervision tests: the real SipEngine plus either the
supervisor's console and team roster, or a second agent's state machine publishing presence, or
(role ``agent``) an agent's softphone that answers its patients' calls and is supervised through
the real routing scene and ``SupervisedCallService`` (for the tests of the supervisor's desktop).

    python party_process.py <server> <domain> <user> <password> <tone_hz> <workdir> [supervisor|agent]

JSON lines: requests ``{"id": 1, "cmd": "...", ...}`` on stdin, replies ``{"id": 1, "ok": true,
"result": ...}`` and events ``{"event": "...", ...}`` on stdout. One loop thread owns the console,
the roster and the agent state machine (as the GUI thread does in the app); engine events reach it
through a queue.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # peers.tones

from peers.tones import analyse  # noqa: E402

from softphone.agent.call_scene import CallSceneOwner  # noqa: E402
from softphone.agent.state import AgentStateMachine  # noqa: E402
from softphone.sip import (  # noqa: E402
    AGENT_EAR,
    AGENT_MIC,
    AccountConfig,
    AddAccount,
    Answer,
    CreateRecorderPort,
    CreateTonePort,
    EngineConfig,
    Hangup,
    IncomingCall,
    RegistrationChanged,
    RegistrationState,
    RemovePort,
    SipEngine,
)
from softphone.sip.routing import SupervisionMode  # noqa: E402
from softphone.supervision import (  # noqa: E402
    AgentPresencePublisher,
    SupervisedCallService,
    SupervisionPolicy,
    SupervisorConsole,
    TeamMember,
    TeamRoster,
)

TONES = (600, 1000, 1400, 1800)
_write_lock = threading.Lock()


def say(obj: dict[str, Any]) -> None:
    with _write_lock:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()


class AuditList:
    """Stands in for the audit log: every entry is also an event for the test."""

    def record(self, actor: str, action: Any, subject: str | None = None, details: Any = None) -> None:
        say({"event": "audit", "actor": actor, "action": action.value, "subject": subject, "details": dict(details or {})})


def main() -> int:
    server, domain, user, password, tone_hz, workdir = sys.argv[1:7]
    role = sys.argv[7] if len(sys.argv) > 7 else "supervisor"
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    loop: queue.Queue[tuple[str, Any]] = queue.Queue()
    # The agent's routes come from its CallSceneOwner, as in the app.
    engine = SipEngine(EngineConfig(bind_address="127.0.0.1", quality_interval_s=0, auto_routing=role != "agent"))
    engine.subscribe(lambda event: loop.put(("event", event)))
    engine.start()
    engine.submit(CreateTonePort(AGENT_MIC, (int(tone_hz),))).result(5)
    account_id = engine.submit(AddAccount(AccountConfig(
        user=user, domain=domain, servers=(server,), password=lambda: password, register_expiry_s=60,
        retry_first_s=1.0, retry_max_s=4.0, register_timeout_s=4.0,
    ))).result(5)

    console = SupervisorConsole(
        engine.submit, account_id=lambda: account_id, supervisor_id=user, mute_in_listen=False,
        audit=AuditList(), dispatch=lambda fn: loop.put(("task", fn)),
    )
    console.on_change(lambda s: say({"event": "session", "phase": s.phase.value, "mode": s.mode.value,
                                     "status": s.status_code, "call": s.call_id, "reason": s.end_reason,
                                     "requested": s.requested_mode.value if s.requested_mode else None}
                                    if s is not None else {"event": "session", "phase": None}))
    state: dict[str, Any] = {"roster": None, "scene": None, "service": None}
    agent = AgentStateMachine(("Done",), ("Break",))
    publisher: AgentPresencePublisher | None = None

    def handle(request: dict[str, Any]) -> Any:
        nonlocal publisher
        cmd = request["cmd"]
        if cmd == "watch":
            roster = TeamRoster([TeamMember(m["id"], m["name"], m["uri"]) for m in request["members"]])
            roster.on_change(lambda m: say({"event": "team", "agent": m.agent_id, "state": m.state.value,
                                            "seconds": m.seconds_in_state(time.monotonic()),
                                            "at": time.monotonic()}))
            state["roster"] = roster
            roster.subscribe_all(engine.submit, account_id, dispatch=lambda fn: loop.put(("task", fn)))
            return True
        if cmd == "start":
            session = console.start(TeamMember(request["agent"], request["agent"], request["uri"]),
                                    SupervisionMode(request["mode"]))
            return session.phase.value
        if cmd == "switch":
            return console.switch(SupervisionMode(request["mode"]))
        if cmd == "leave":
            return console.leave()
        if cmd == "agent_side":
            # The agent's softphone: patients' calls answered at once, supervisors' calls left to
            # the supervision service (accepted from ``supervisors`` only, by asserted identity).
            scene = CallSceneOwner(engine.submit, hold_tone=False)
            service = SupervisedCallService(engine.submit, scene, SupervisionPolicy(frozenset(request["supervisors"])),
                                            agent_id=user, audit=AuditList())
            service.on_change(lambda s: say({"event": "supervised", "mode": s.mode.value, "supervisor": s.supervisor}
                                            if s is not None else {"event": "supervised", "mode": None}))
            state["scene"], state["service"] = scene, service
            return True
        if cmd == "hangup_patient":
            call_id = state["scene"].patient_call_id
            engine.submit(Hangup(call_id)).result(5)
            return call_id
        if cmd == "publish_presence":
            publisher = publisher or AgentPresencePublisher(engine.submit, agent, account_id=lambda: account_id)
            publisher.publish()
            return agent.state.value
        if cmd == "agent":
            op = request["op"]
            if op == "break":
                agent.take_break("Break")
            elif op == "available":
                agent.go_available()
            elif op == "call_started":
                agent.call_started(request.get("call", "c1"))
            elif op == "calls_ended":
                agent.all_calls_ended([request.get("call", "c1")])
            elif op == "disposition":
                agent.submit_disposition("Done")
            return agent.state.value
        raise ValueError(f"unknown command {cmd}")

    def listen(request: dict[str, Any]) -> None:
        path = work / f"ear-{time.monotonic_ns()}.wav"
        try:
            engine.submit(CreateRecorderPort(AGENT_EAR, path)).result(5)
            time.sleep(float(request.get("seconds", 1.0)))
            engine.submit(RemovePort(AGENT_EAR)).result(5)
            report = analyse(path, TONES)
            say({"id": request["id"], "ok": True, "result": {"levels_db": report.levels_db, "dbfs": report.dbfs}})
        except Exception as error:  # noqa: BLE001
            say({"id": request["id"], "ok": False, "error": repr(error)})

    def read_stdin() -> None:
        for raw in sys.stdin:
            try:
                request = json.loads(raw)
            except ValueError:
                continue
            if request.get("cmd") == "listen":
                threading.Thread(target=listen, args=(request,), daemon=True).start()
            else:
                loop.put(("request", request))
        loop.put(("quit", None))

    threading.Thread(target=read_stdin, daemon=True).start()
    say({"event": "ready"})
    while True:
        kind, item = loop.get()
        if kind == "quit":
            break
        if kind == "event":
            if isinstance(item, RegistrationChanged) and item.state is RegistrationState.REGISTERED:
                say({"event": "registered"})
            if state["service"] is not None:
                scene, service = state["scene"], state["service"]
                scene.handle_event(item)  # the scene first, then the service: as the app does
                service.handle_event(item)
                if isinstance(item, IncomingCall) and not service.claims(item):
                    engine.submit(Answer(item.call_id))
                    say({"event": "answered", "call": item.call_id})
            console.handle_event(item)
            if state["roster"] is not None:
                state["roster"].handle_event(item)
        elif kind == "task":
            item()
        elif kind == "request":
            if item.get("cmd") == "quit":
                say({"id": item["id"], "ok": True, "result": None})
                break
            try:
                result = handle(item)
                say({"id": item["id"], "ok": True, "result": result})
            except Exception as error:  # noqa: BLE001
                say({"id": item["id"], "ok": False, "error": f"{type(error).__name__}: {error}"})
    engine.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
