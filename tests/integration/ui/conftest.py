from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The SIP integration helpers (sip_harness) live beside the SIP tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sip"))

from desktop_harness import Desktop, start_desktop  # noqa: E402


@pytest.fixture
def desktop(kamailio, qtbot) -> Iterator[Desktop]:
    desktop = start_desktop(kamailio)
    qtbot.addWidget(desktop.window)
    qtbot.waitUntil(lambda: "Registered" in desktop.window.registration_label.text(), timeout=10_000)
    yield desktop
    desktop.stop()


@pytest.fixture
def patient(kamailio, peer_factory):
    peer = peer_factory("patient", 1000)
    peer.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    return peer
