"""Registration and a call over SIP/TLS straight to Kamailio's TLS listener (self-signed
certificate made by the fixture; the engine verifies it against that CA file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamailio.server import KamailioServer, kamailio_available
from softphone.sip import (
    AddAccount,
    CallState,
    MakeCall,
    RegistrationState,
    TlsSettings,
    TransportKind,
)

from kamailio.users import TEST_USERS
from sip_harness import EventLog, agent_account, start_engine

pytestmark = pytest.mark.integration


@pytest.fixture
def tls_kamailio(tmp_path: Path):
    if not kamailio_available() or not Path(
        "/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so"
    ).exists():
        pytest.skip("kamailio-tls-modules not installed")
    server = KamailioServer(tmp_path / "kamailio-tls", users=dict(TEST_USERS), tls=True)
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("verify", [True, False])
def test_register_and_call_over_tls(tls_kamailio, peer_factory, verify):
    events = EventLog()
    tls = TlsSettings(ca_list_file=tls_kamailio.certificate, verify_server=verify)
    engine = start_engine(events, tls=tls)
    try:
        engine.submit(AddAccount(agent_account(tls_kamailio, TransportKind.TLS))).result(5)
        registered = events.wait_registration(RegistrationState.REGISTERED)
        assert registered.server == tls_kamailio.tls_address
        patient = peer_factory("patient", 1000, auto_answer=200)
        patient.register("patient", "patient-secret", tls_kamailio.domain, tls_kamailio.udp_address)
        call_id = engine.submit(MakeCall("agent@sip.test", "patient")).result(5)
        events.wait_call_state(call_id, CallState.CONFIRMED)
    finally:
        engine.stop()
