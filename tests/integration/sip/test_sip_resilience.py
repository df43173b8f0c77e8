"""Registration survives registrar restarts, network cuts and dead servers."""

from __future__ import annotations

import os
import socket
import time

import pytest

from softphone.sip import AddAccount, RegistrationChanged, RegistrationState

from kamailio.server import free_port_pair
from sip_harness import EventLog, agent_account, start_agent, start_engine

pytestmark = pytest.mark.integration

NETWORK_CUT_S = float(os.environ.get("SIP_TEST_NETWORK_CUT_S", "30"))

FAST_REFRESH = dict(register_expiry_s=6, refresh_margin_s=3)


def _patient_reaches_agent(agent, patient, kamailio, within_s: float = 12.0) -> None:
    """The registrar knows the agent again: a call from the patient rings there."""
    deadline = time.monotonic() + within_s
    while True:
        call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
        event = patient.wait_event(
            lambda e, call=call: e["event"] == "call_state" and e["call"] == call
            and e["state"] in ("EARLY", "DISCONNECTED"), timeout=10)
        if event["state"] == "EARLY":
            agent.events.wait_incoming()
            patient.request("hangup", call=call)
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"agent still unreachable: {event}")
        time.sleep(0.5)


def _register_patient(peer_factory, kamailio):
    patient = peer_factory("patient", 1000)
    patient.register("patient", "patient-secret", kamailio.domain, kamailio.udp_address)
    return patient


def test_reregisters_after_registrar_restart(private_kamailio, peer_factory, tmp_path):
    agent = start_agent(private_kamailio, tmp_path, **FAST_REFRESH)
    try:
        # Down for most of a refresh period: the refresh REGISTER meets a closed port
        # and is retransmitted until the new instance answers.
        private_kamailio.restart(down_for_s=2)
        # The restarted registrar forgot every binding (usrloc in memory): the agent
        # must have put itself back, without anyone restarting the engine.
        patient = _register_patient(peer_factory, private_kamailio)
        _patient_reaches_agent(agent, patient, private_kamailio)
        assert agent.engine.submit(
            lambda: agent.engine.accounts[agent.account_id].state).result(5) is RegistrationState.REGISTERED
    finally:
        agent.engine.stop()


def test_network_cut_shows_failure_then_recovers(private_kamailio, peer_factory, tmp_path):
    agent = start_agent(private_kamailio, tmp_path, **FAST_REFRESH)
    try:
        started = time.monotonic()
        with private_kamailio.unreachable():
            failed = agent.events.wait_registration(RegistrationState.FAILED, timeout=12)
            shown_after = time.monotonic() - started
            assert failed.code == 408
            time.sleep(max(0.0, NETWORK_CUT_S - (time.monotonic() - started)))
        # No restart of anything: the engine recovers on its own.
        agent.events.wait_registration(RegistrationState.REGISTERED, timeout=40)
        assert shown_after < 12
        patient = _register_patient(peer_factory, private_kamailio)
        _patient_reaches_agent(agent, patient, private_kamailio)
    finally:
        agent.engine.stop()


def test_fails_over_to_next_server_when_first_is_closed(kamailio, tmp_path):
    closed = f"127.0.0.1:{free_port_pair()}"
    agent = start_agent(kamailio, tmp_path, servers=(closed, kamailio.udp_address))
    try:
        registered = agent.events.history[-1]
        assert isinstance(registered, RegistrationChanged)
        assert registered.state is RegistrationState.REGISTERED
        assert registered.server == kamailio.udp_address
    finally:
        agent.engine.stop()


def test_fails_over_when_first_server_is_silent(kamailio, tmp_path):
    # A bound socket nobody reads: datagrams vanish, like a dead host behind a firewall.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as black_hole:
        black_hole.bind(("127.0.0.1", 0))
        silent = f"127.0.0.1:{black_hole.getsockname()[1]}"
        started = time.monotonic()
        events = EventLog()
        engine = start_engine(events)
        try:
            engine.submit(AddAccount(agent_account(
                kamailio, servers=(silent, kamailio.udp_address), register_timeout_s=2.0,
            ))).result(5)
            failed = events.wait_registration(RegistrationState.FAILED, timeout=5)
            assert failed.server == silent and failed.code == 408
            registered = events.wait_registration(RegistrationState.REGISTERED, timeout=8)
            assert registered.server == kamailio.udp_address
            assert time.monotonic() - started < 8
        finally:
            engine.stop()
