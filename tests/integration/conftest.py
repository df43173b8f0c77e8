"""Fixtures for integration tests: a real Kamailio and scripted pjsua2 peers.

``tests/integration`` is put on ``sys.path`` by pytest (rootdir-relative conftest without
``__init__``), so the helpers import as ``kamailio.server`` and ``peers.*``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kamailio.server import KamailioServer, kamailio_available
from kamailio.users import TEST_USERS
from peers.peer_client import PeerProcess


def _require_kamailio() -> None:
    if not kamailio_available():
        pytest.skip("kamailio is not installed (apt-get install kamailio)")


@pytest.fixture(scope="session")
def kamailio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KamailioServer]:
    """One shared registrar/proxy for tests that do not disturb it."""
    _require_kamailio()
    server = KamailioServer(tmp_path_factory.mktemp("kamailio"), users=dict(TEST_USERS))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_kamailio(tmp_path: Path) -> Iterator[KamailioServer]:
    """A Kamailio of the test's own, for restarts and network cuts."""
    _require_kamailio()
    server = KamailioServer(tmp_path / "kamailio", users=dict(TEST_USERS))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def peer_factory(tmp_path: Path) -> Iterator[Callable[..., PeerProcess]]:
    peers: list[PeerProcess] = []

    def make(name: str, tone_hz: int, auto_answer: int = 0) -> PeerProcess:
        peer = PeerProcess(name, tone_hz, tmp_path / "peers", auto_answer)
        peers.append(peer)
        return peer

    yield make
    for peer in peers:
        peer.close()
