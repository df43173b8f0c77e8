"""Helpers shared by the SIP engine integration tests."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from softphone.sip import (
    AGENT_MIC,
    AGENT_EAR,
    AccountConfig,
    AddAccount,
    CallState,
    CallStateChanged,
    CreateRecorderPort,
    CreateTonePort,
    EngineConfig,
    IncomingCall,
    RegistrationChanged,
    RegistrationState,
    RemovePort,
    SipEngine,
    TransportKind,
)

from peers.tones import ToneReport, analyse

AGENT_TONE = 600
PATIENT_TONE = 1000
CLINICIAN_TONE = 1400
THIRD_TONE = 1800
ALL_TONES = (AGENT_TONE, PATIENT_TONE, CLINICIAN_TONE, THIRD_TONE)
LISTEN_S = 1.5  # long enough for a clean FFT, short enough for a fast suite

E = TypeVar("E")


class EventLog:
    """Subscriber that never blocks; tests wait on it."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Any] = queue.Queue()
        self._unclaimed: list[Any] = []
        self.history: list[Any] = []
        self._lock = threading.Lock()

    def __call__(self, event: Any) -> None:
        with self._lock:
            self.history.append(event)
        self._queue.put(event)

    def wait_for(self, predicate: Callable[[Any], bool], timeout: float = 10.0,
                 what: str = "event") -> Any:
        for event in self._unclaimed:
            if predicate(event):
                self._unclaimed.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                recent = [type(e).__name__ + ":" + str(getattr(e, "state", "")) for e in self.history[-12:]]
                raise TimeoutError(f"{what} not seen within {timeout}s; recent: {recent}")
            try:
                event = self._queue.get(timeout=remaining)
            except queue.Empty:
                continue
            if predicate(event):
                return event
            self._unclaimed.append(event)

    def wait_type(self, kind: type[E], predicate: Callable[[E], bool] = lambda e: True,
                  timeout: float = 10.0) -> E:
        return self.wait_for(lambda e: isinstance(e, kind) and predicate(e), timeout,
                             kind.__name__)

    def wait_registration(self, state: RegistrationState, timeout: float = 10.0) -> RegistrationChanged:
        return self.wait_type(RegistrationChanged, lambda e: e.state is state, timeout)

    def wait_call_state(self, call_id: str, state: CallState, timeout: float = 10.0) -> CallStateChanged:
        return self.wait_type(
            CallStateChanged, lambda e: e.call_id == call_id and e.state is state, timeout
        )

    def wait_incoming(self, timeout: float = 10.0) -> IncomingCall:
        return self.wait_type(IncomingCall, timeout=timeout)

    def clear(self) -> None:
        self._unclaimed.clear()
        while not self._queue.empty():
            self._queue.get_nowait()


@dataclass
class Agent:
    """The softphone under test: engine + account + a tone as mic + a WAV as ear."""

    engine: SipEngine
    events: EventLog
    workdir: Path
    account_id: str = ""
    _records: int = field(default=0)

    def run(self, command: Any, timeout: float = 10.0) -> Any:
        return self.engine.submit(command).result(timeout)

    def listen(self, seconds: float = LISTEN_S) -> ToneReport:
        """Record what the agent hears for ``seconds`` and analyse it."""
        self._records += 1
        path = self.workdir / f"agent-ear-{self._records}.wav"
        self.run(CreateRecorderPort(AGENT_EAR, path))
        time.sleep(seconds)
        self.run(RemovePort(AGENT_EAR))  # finalises the WAV
        return analyse(path, ALL_TONES)


def peer_listen(peer: Any, workdir: Path, seconds: float = LISTEN_S) -> ToneReport:
    path = workdir / f"{peer.name}-ear-{time.monotonic_ns()}.wav"
    peer.record(path)
    time.sleep(seconds)
    peer.stop_record()
    return analyse(path, ALL_TONES)


def agent_account(kamailio: Any, transport: TransportKind = TransportKind.UDP,
                  user: str = "agent", password: str = "agent-secret",
                  **overrides: Any) -> AccountConfig:
    address = {
        TransportKind.UDP: kamailio.udp_address,
        TransportKind.TCP: kamailio.tcp_address,
        TransportKind.TLS: kamailio.tls_address,
    }[transport]
    settings: dict[str, Any] = dict(
        user=user,
        domain=kamailio.domain,
        servers=(address,),
        password=lambda: password,
        transport=transport,
        register_expiry_s=60,
        retry_first_s=1.0,
        retry_max_s=4.0,
        register_timeout_s=4.0,
    )
    settings.update(overrides)
    return AccountConfig(**settings)


def start_engine(events: EventLog, **overrides: Any) -> SipEngine:
    config = EngineConfig(bind_address="127.0.0.1", **overrides)
    engine = SipEngine(config)
    engine.subscribe(events)
    engine.start()
    return engine


def start_agent(kamailio: Any, workdir: Path, transport: TransportKind = TransportKind.UDP,
                tone_hz: int = AGENT_TONE, engine_overrides: dict[str, Any] | None = None,
                **account_overrides: Any) -> Agent:
    events = EventLog()
    engine = start_engine(events, **(engine_overrides or {}))
    agent = Agent(engine, events, workdir)
    agent.run(CreateTonePort(AGENT_MIC, (tone_hz,)))
    agent.account_id = agent.run(AddAccount(agent_account(kamailio, transport, **account_overrides)))
    events.wait_registration(RegistrationState.REGISTERED)
    return agent
