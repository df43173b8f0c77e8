"""The softphone side of the escalation end-to-end tests: the real engine (auto-routing off), the
routing scene owner and the escalation service, driven on one thread as the GUI thread drives
them in the app; peers are pjsua2 processes behind a real Kamailio."""

from __future__ import annotations

import heapq
import itertools
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from softphone.agent.call_scene import CallSceneOwner
from softphone.config.model import EscalationSettings
from softphone.escalation import Escalation, EscalationService, SupervisorAlert
from softphone.sip import AGENT_EAR, CreateRecorderPort, CreateTonePort, RemovePort

from peers.tones import ToneReport, analyse
from sip_harness import ALL_TONES, THIRD_TONE, Agent

HOLD_TONE_HZ = THIRD_TONE


def _idle() -> None:
    pass


class ServiceThread:
    """One thread that owns the scene and the service (the app's GUI thread), with timers."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._timers: list[tuple[float, int, list[Any]]] = []
        self._seq = itertools.count()
        self._thread = threading.Thread(target=self._run, name="escalation-loop", daemon=True)
        self._thread.start()

    def post(self, action: Callable[[], None]) -> None:
        self._queue.put(action)

    def call(self, action: Callable[[], Any], timeout: float = 5.0) -> Any:
        done: Future[Any] = Future()

        def run() -> None:
            try:
                done.set_result(action())
            except BaseException as error:  # noqa: BLE001
                done.set_exception(error)

        self.post(run)
        return done.result(timeout)

    def schedule(self, delay_s: float, action: Callable[[], None]) -> object:
        handle = [False, action]
        self.post(lambda: heapq.heappush(self._timers, (time.monotonic() + delay_s, next(self._seq), handle)))
        return handle

    @staticmethod
    def cancel(handle: Any) -> None:
        handle[0] = True

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(5)

    def _run(self) -> None:
        while True:
            timeout = max(0.0, self._timers[0][0] - time.monotonic()) if self._timers else 0.5
            try:
                action = self._queue.get(timeout=timeout)
            except queue.Empty:
                action = _idle
            if action is None:
                return
            action()
            while self._timers and self._timers[0][0] <= time.monotonic():
                _, _, handle = heapq.heappop(self._timers)
                if not handle[0]:
                    handle[1]()


@dataclass
class EscalationRig:
    agent: Agent
    loop: ServiceThread
    scene: CallSceneOwner
    service: EscalationService
    updates: list[Escalation] = field(default_factory=list)
    finished: list[Escalation] = field(default_factory=list)
    alerts: list[SupervisorAlert] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    last = self.updates[-1] if self.updates else None
                    raise TimeoutError(f"{what} not reached; last update: {last}")
                self._changed.wait(remaining)

    def wait_phase(self, phase: Any, timeout: float = 10.0) -> Escalation:
        self.wait(lambda: bool(self.updates) and self.updates[-1].phase is phase, timeout, f"phase {phase}")
        return self.updates[-1]

    def notify(self) -> None:
        with self._changed:
            self._changed.notify_all()


def build_rig(agent: Agent, policy: EscalationSettings) -> EscalationRig:
    loop = ServiceThread()
    agent.run(CreateTonePort("tone:hold", (HOLD_TONE_HZ,)))

    def create() -> tuple[CallSceneOwner, EscalationService]:
        scene = CallSceneOwner(agent.engine.submit, hold_tone=policy.hold_tone)
        service = EscalationService(
            agent.engine.submit, scene, policy, agent_id="agent", account_id=lambda: agent.account_id,
            schedule=loop.schedule, cancel_timer=loop.cancel, dispatch=loop.post,
        )
        return scene, service

    scene, service = loop.call(create)
    rig = EscalationRig(agent, loop, scene, service)

    def updated(escalation: Escalation) -> None:
        rig.updates.append(escalation)
        rig.notify()

    def finished(escalation: Escalation) -> None:
        rig.finished.append(escalation)
        rig.notify()

    def alerted(alert: SupervisorAlert) -> None:
        rig.alerts.append(alert)
        rig.notify()

    service.on_update(updated)
    service.on_finished(finished)
    service.on_alert(alerted)

    def on_engine_event(event: object) -> None:  # SIP thread -> the service's thread
        def deliver() -> None:
            scene.handle_event(event)
            service.handle_event(event)
            rig.notify()

        loop.post(deliver)

    agent.engine.subscribe(on_engine_event)
    return rig


def listen_all(agent: Agent, peers: list[Any], workdir: Path, seconds: float = 1.0) -> tuple[ToneReport, dict[str, ToneReport]]:
    """The agent and every peer record over the same window; each ear analysed by FFT."""
    stamp = time.monotonic_ns()
    agent_path = workdir / f"agent-ear-{stamp}.wav"
    agent.run(CreateRecorderPort(AGENT_EAR, agent_path))
    paths = {}
    for peer in peers:
        paths[peer.name] = workdir / f"{peer.name}-ear-{stamp}.wav"
        peer.record(paths[peer.name])
    time.sleep(seconds)
    agent.run(RemovePort(AGENT_EAR))
    for peer in peers:
        peer.stop_record()
    return analyse(agent_path, ALL_TONES), {name: analyse(path, ALL_TONES) for name, path in paths.items()}
