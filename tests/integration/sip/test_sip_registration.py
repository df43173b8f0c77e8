from __future__ import annotations

import pytest

from softphone.sip import (
    AddAccount,
    RegistrationState,
    TransportKind,
    Unregister,
)

from sip_harness import EventLog, agent_account, start_engine

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("transport", [TransportKind.UDP, TransportKind.TCP])
def test_registers_with_digest_auth(kamailio, transport):
    events = EventLog()
    engine = start_engine(events)
    try:
        account_id = engine.submit(AddAccount(agent_account(kamailio, transport))).result(5)
        registered = events.wait_registration(RegistrationState.REGISTERED)
        assert registered.account_id == account_id
        assert registered.code == 200
        assert registered.expires_s > 0
        engine.submit(Unregister(account_id)).result(5)
        events.wait_registration(RegistrationState.UNREGISTERED)
    finally:
        engine.stop()


def test_wrong_password_is_refused_with_reason(kamailio):
    events = EventLog()
    engine = start_engine(events)
    try:
        engine.submit(AddAccount(agent_account(kamailio, password="not-the-password"))).result(5)
        failed = events.wait_registration(RegistrationState.FAILED)
        assert failed.code in (401, 403, 407)
        assert failed.reason
    finally:
        engine.stop()
