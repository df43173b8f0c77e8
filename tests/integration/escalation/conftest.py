from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sip"))

from sip_harness import start_agent  # noqa: E402


@pytest.fixture
def manual_agent(kamailio, tmp_path):
    """The softphone's engine as the app runs it: auto-routing off, routes from the scene owner."""
    agent = start_agent(kamailio, tmp_path, engine_overrides={"auto_routing": False, "quality_interval_s": 0})
    yield agent
    agent.engine.stop()
