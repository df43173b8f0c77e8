"""The agent's softphone for the supervision end-to-end tests: the real engine (auto-routing off),
the routing scene owner and the supervision service on one thread (the app's GUI thread), with a
real encrypted audit log. The patient is a pjsua2 peer process; the supervisor (and a second agent)
are softphones in their own processes (``party_process``)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from softphone.agent.call_scene import CallSceneOwner
from softphone.agent.state import AgentStateMachine
from softphone.audit import AuditLog
from softphone.sip import AGENT_EAR, CreateRecorderPort, RemovePort
from softphone.storage.models import AuditEntry
from softphone.supervision import AgentPresencePublisher, SupervisedCallService, SupervisionPolicy

from escalation_rig import ServiceThread
from peers.tones import ToneReport, analyse
from sip_harness import ALL_TONES, Agent

SUPERVISOR_TONE = 1400


@dataclass
class SupervisionRig:
    agent: Agent
    loop: ServiceThread
    scene: CallSceneOwner
    service: SupervisedCallService
    audit: AuditLog
    database: Any
    state: AgentStateMachine
    publisher: AgentPresencePublisher
    sessions: list[Any] = field(default_factory=list)
    mode_applied: list[tuple[Any, float]] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{what} not reached; sessions: {self.sessions[-3:]}")
                self._changed.wait(remaining)

    def notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def audit_entries(self) -> list[dict[str, Any]]:
        with self.database.session() as session:
            rows = session.execute(select(AuditEntry).order_by(AuditEntry.sequence)).scalars().all()
            return [{"actor": r.actor, "action": r.action, "subject": r.subject, **json.loads(r.details)} for r in rows]


def build_rig(agent: Agent, database: Any, supervisors: tuple[str, ...]) -> SupervisionRig:
    loop = ServiceThread()
    audit = AuditLog(database)
    policy = SupervisionPolicy(frozenset(supervisors))

    def create():
        scene = CallSceneOwner(agent.engine.submit, hold_tone=False)
        service = SupervisedCallService(agent.engine.submit, scene, policy, agent_id="agent", audit=audit)
        state = AgentStateMachine(("Done",), ("Break",))
        publisher = AgentPresencePublisher(agent.engine.submit, state, account_id=lambda: agent.account_id)
        return scene, service, state, publisher

    scene, service, state, publisher = loop.call(create)
    rig = SupervisionRig(agent, loop, scene, service, audit, database, state, publisher)

    def changed(session: Any) -> None:
        rig.sessions.append(session)
        rig.notify()

    service.on_change(changed)
    service.on_mode_applied(lambda mode, at: rig.mode_applied.append((mode, at)))

    def on_engine_event(event: object) -> None:  # SIP thread -> the service's thread
        def deliver() -> None:
            scene.handle_event(event)
            service.handle_event(event)
            rig.notify()

        loop.post(deliver)

    agent.engine.subscribe(on_engine_event)
    return rig


PIPELINE_SETTLE_S = 0.4


def listen_everyone(agent: Agent, patient: Any, supervisor: Any, workdir: Path,
                    seconds: float = 1.0) -> tuple[ToneReport, ToneReport, ToneReport]:
    """Agent, patient and supervisor record over the same window; each ear analysed by FFT.

    Recording starts after a short settle: right after a mode switch, frames mixed under the
    previous mode are still in the parties' jitter buffers (up to a few hundred ms under the
    jitter profile) and would be heard as if the new routing leaked."""
    time.sleep(PIPELINE_SETTLE_S)
    stamp = time.monotonic_ns()
    agent_path = workdir / f"agent-ear-{stamp}.wav"
    patient_path = workdir / f"patient-ear-{stamp}.wav"
    heard_by_supervisor: list[ToneReport] = []
    thread = threading.Thread(target=lambda: heard_by_supervisor.append(supervisor.listen(seconds)))
    thread.start()
    agent.run(CreateRecorderPort(AGENT_EAR, agent_path))
    patient.record(patient_path)
    time.sleep(seconds)
    agent.run(RemovePort(AGENT_EAR))
    patient.stop_record()
    thread.join(seconds + 10)
    return analyse(agent_path, ALL_TONES), analyse(patient_path, ALL_TONES), heard_by_supervisor[0]
