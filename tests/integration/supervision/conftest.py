from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
for folder in (_HERE, _HERE.parent / "sip", _HERE.parent / "escalation"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from kamailio.server import KamailioServer, kamailio_available  # noqa: E402
from kamailio.users import TEST_USERS  # noqa: E402


@pytest.fixture(scope="module")
def trusted_kamailio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KamailioServer]:
    """A proxy that asserts identity: strips client P-Asserted-Identity, adds the authenticated one."""
    if not kamailio_available():
        pytest.skip("kamailio is not installed (apt-get install kamailio)")
    server = KamailioServer(tmp_path_factory.mktemp("kamailio-pai"), users=dict(TEST_USERS), assert_identity=True)
    server.start()
    yield server
    server.stop()
