"""The opt-in legacy path: pjsua2's *own* TLS transport (``use_native_pjsip_tls``; Linux
only, OpenSSL 1.0.2k, TLS 1.2) straight to Kamailio's TLS listener (self-signed certificate
made by the fixture; the engine verifies it against that file, or not).

SRTP is mandatory on every TLS account, this one included: a call to a party that only
does plain RTP is refused (488) instead of going out unencrypted. The default path, the
TLS relay, is tested in test_sip_tls_relay_engine.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamailio.server import KamailioServer, kamailio_available
from softphone.sip import (
    AddAccount,
    CallState,
    CallStateChanged,
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
def test_native_pjsip_tls_registers_and_refuses_a_call_without_srtp(tls_kamailio, peer_factory, verify):
    events = EventLog()
    tls = TlsSettings(
        ca_list_file=tls_kamailio.certificate, verify_server=verify, use_native_pjsip_tls=True
    )
    engine = start_engine(events, tls=tls)
    try:
        engine.submit(AddAccount(agent_account(tls_kamailio, TransportKind.TLS))).result(5)
        registered = events.wait_registration(RegistrationState.REGISTERED)
        assert registered.server == tls_kamailio.tls_address
        patient = peer_factory("patient", 1000, auto_answer=200)
        patient.register("patient", "patient-secret", tls_kamailio.domain, tls_kamailio.udp_address)
        call_id = engine.submit(MakeCall("agent@sip.test", "patient")).result(5)
        ended = events.wait_call_state(call_id, CallState.DISCONNECTED)
        assert ended.status_code == 488, ended  # the peer has no SRTP: refused, not downgraded
        assert not any(
            isinstance(e, CallStateChanged) and e.state is CallState.CONFIRMED for e in events.history
        )
    finally:
        engine.stop()
