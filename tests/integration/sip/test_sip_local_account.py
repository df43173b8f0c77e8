"""Accounts without a registrar (``AccountConfig(registrar=False)``), and how shutdown treats
accounts: through their own methods."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from softphone.sip import (
    LOCAL_REGISTRATION_REASON,
    AccountConfig,
    AddAccount,
    CallState,
    EngineConfig,
    MakeCall,
    Register,
    RegistrationChanged,
    RegistrationState,
    SipEngine,
    TlsSettings,
    TransportKind,
    Unregister,
)

from sip_harness import EventLog, start_engine

pytestmark = pytest.mark.integration

FAILED_CALL_PROCESS = Path(__file__).with_name("failed_call_process.py")


def local_config(**overrides) -> AccountConfig:
    settings = dict(user="agent", domain="127.0.0.1", servers=(), password=lambda: "", registrar=False)
    settings.update(overrides)
    return AccountConfig(**settings)


@pytest.fixture
def engine_and_events():
    events = EventLog()
    engine = start_engine(events, quality_interval_s=0)
    yield engine, events
    engine.stop()


@pytest.mark.parametrize("mode", ["stop", "exit"])
def test_a_refused_make_call_does_not_abort_the_process_at_exit(mode, tmp_path):
    """Before the fix: exit code -6 (SIGABRT) with "pjsua_call_set_user_data: Assertion" on
    stderr, because the Future's exception kept the refused SipCall alive past libDestroy."""
    log = tmp_path / "engine.log"
    with open(log, "wb") as stderr:
        proc = subprocess.run(
            [sys.executable, str(FAILED_CALL_PROCESS), mode],
            stdout=subprocess.PIPE, stderr=stderr, timeout=30,
        )
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith(b"{")]
    assert "Unsuitable transport" in lines[0]["failed"] or "ETPNOTSUITABLE" in lines[0]["failed"], lines
    assert lines[-1] == {"exiting": True}
    assert proc.returncode == 0, log.read_text()[-2000:]


def test_a_refused_make_call_error_keeps_its_stack_as_text_only(engine_and_events):
    engine, _events = engine_and_events
    account_id = engine.submit(AddAccount(local_config())).result(5)
    error = engine.submit(MakeCall(account_id, "sip:nobody@127.0.0.1:9;transport=tcp")).exception(5)
    assert error is not None and error.__traceback__ is None
    assert any("On the SIP thread" in note and "_make_call" in note for note in error.__notes__)
    assert len(engine.calls) == 0


def test_local_account_is_reachable_at_once_without_any_register(engine_and_events):
    engine, events = engine_and_events
    account_id = engine.submit(AddAccount(local_config())).result(5)
    event = events.wait_type(RegistrationChanged)
    assert (event.account_id, event.state, event.local) == (account_id, RegistrationState.REGISTERED, True)
    assert event.reason == LOCAL_REGISTRATION_REASON == "Local (no registrar)"
    assert event.server == ""
    engine.submit(Register(account_id)).result(5)  # nothing to register with: no-ops
    engine.submit(Unregister(account_id)).result(5)
    time.sleep(0.3)
    assert [e for e in events.history if isinstance(e, RegistrationChanged)] == [event]


def test_local_account_calls_the_dialled_uri_directly(engine_and_events, peer_factory):
    engine, events = engine_and_events
    peer = peer_factory("direct", 1000, auto_answer=200)
    peer.request("register", user="patient", password="x", domain="127.0.0.1",
                 server="127.0.0.1:9", expiry=60)  # an account to answer with; its REGISTER fails
    port = peer.request("local_port")
    account_id = engine.submit(AddAccount(local_config())).result(5)
    call_id = engine.submit(MakeCall(account_id, f"sip:patient@127.0.0.1:{port}")).result(5)
    confirmed = events.wait_call_state(call_id, CallState.CONFIRMED)  # raises on timeout
    assert confirmed.remote_uri.startswith("sip:patient@127.0.0.1")


def test_needs_a_server_only_with_a_registrar(engine_and_events):
    engine, _events = engine_and_events
    with pytest.raises(ValueError, match="at least one server"):
        engine.submit(AddAccount(local_config(registrar=True))).result(5)
    tls = local_config(transport=TransportKind.TLS, servers=("127.0.0.1:5061",), account_id="tls")
    with pytest.raises(ValueError, match="TLS account needs a registrar"):
        engine.submit(AddAccount(tls)).result(5)


def test_shutdown_is_quick_and_quiet_with_a_local_account(caplog):
    """Before the fix: the base class's unregister ran, pjsua logged "pjsua_acc_set_registration
    ... error" and the shutdown waited its 0.5 s unREGISTER pump for an answer that never comes."""
    events = EventLog()
    engine = start_engine(events, quality_interval_s=0)
    engine.submit(AddAccount(local_config())).result(5)
    events.wait_registration(RegistrationState.REGISTERED)
    caplog.set_level(logging.WARNING, logger="softphone.sip")
    started = time.monotonic()
    engine.stop()
    assert time.monotonic() - started < 0.45
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def test_shutdown_uses_each_accounts_own_methods():
    """Before the fix: SipEngine._shutdown called SipAccount.unregister on every account, so a
    subclass could not skip or change it."""
    from softphone.sip.account import SipAccount

    calls: list[str] = []

    class RecordingAccount(SipAccount):
        def unregister(self) -> None:
            calls.append("unregister")

        def prepare_shutdown(self) -> None:
            calls.append("prepare_shutdown")
            super().prepare_shutdown()

    engine = SipEngine(EngineConfig(bind_address="127.0.0.1", quality_interval_s=0))
    engine.start()

    def add() -> None:
        account = RecordingAccount(engine, local_config(account_id="recording"))
        engine.accounts[account.id] = account
        account.start()

    engine.submit(add).result(5)
    engine.stop()
    assert calls == ["prepare_shutdown", "unregister"]
