"""Fixtures for the demo switchboard: the real child process and a real agent SipEngine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from softphone.demo.controller import DemoEndpoints, DemoSwitchboard
from softphone.demo.self_check import EventWaiter


@dataclass
class DemoAgent:
    engine: object
    account_id: str
    events: EventWaiter
    workdir: Path

    def run(self, command, timeout: float = 10.0):
        return self.engine.submit(command).result(timeout)


@pytest.fixture
def demo_events() -> EventWaiter:
    return EventWaiter()


@pytest.fixture
def switchboard(demo_events: EventWaiter) -> Iterator[DemoSwitchboard]:
    board = DemoSwitchboard(clinician_ring_s=0.3)
    board.subscribe(demo_events)
    board.start()
    yield board
    assert board.stop() == 0


@pytest.fixture
def agent_transport() -> str:
    return "udp"  # tests override this fixture (or parametrize it) for TCP


@pytest.fixture
def agent(switchboard: DemoSwitchboard, tmp_path: Path, agent_transport: str) -> Iterator[DemoAgent]:
    from softphone.sip import AGENT_MIC, CreateTonePort, EngineConfig, SipEngine

    endpoints: DemoEndpoints = switchboard.endpoints
    events = EventWaiter()
    engine = SipEngine(endpoints.engine_config(EngineConfig(quality_interval_s=0)))
    engine.subscribe(events)
    engine.start()
    account_id = switchboard.attach_agent(engine, transport=agent_transport).result(10)
    agent = DemoAgent(engine, account_id, events, tmp_path)
    agent.run(CreateTonePort(AGENT_MIC, (600,)))
    yield agent
    switchboard.detach_agent(engine, account_id).result(10)
    engine.stop()
