from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sip_harness import Agent, start_agent


@pytest.fixture
def agent(kamailio, tmp_path: Path) -> Iterator[Agent]:
    agent = start_agent(kamailio, tmp_path)
    yield agent
    agent.engine.stop()
