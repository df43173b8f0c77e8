"""Supervision end to end, through a real Kamailio that asserts identity (P-Asserted-Identity added
for authenticated users, client-supplied ones stripped): the agent's softphone (this process: the
real engine, routing scene and supervision service), the patient (a pjsua2 peer process) and the
supervisor (a softphone in its own process: SipEngine + SupervisorConsole + TeamRoster).

Every mode is proven by what each party hears, by FFT: agent 600 Hz, patient 1000 Hz, supervisor
1400 Hz. The supervisor's microphone is left open in every mode here (``mute_in_listen=False``), so
"nobody hears the supervisor" is the agent's routing at work, not the supervisor's mute button.
"""

from __future__ import annotations

import pytest

from softphone.sip import Answer, CallState
from softphone.storage import generate_key, open_database
from softphone.supervision import Refusal

from party_client import PartyProcess
from sip_harness import AGENT_TONE, PATIENT_TONE, start_agent
from supervision_rig import SUPERVISOR_TONE, build_rig, listen_everyone

pytestmark = pytest.mark.integration

SUPERVISOR_URI = "sip:supervisor@sip.test"


@pytest.fixture
def rig(trusted_kamailio, tmp_path):
    agent = start_agent(trusted_kamailio, tmp_path, engine_overrides={"auto_routing": False, "quality_interval_s": 0})
    database = open_database(None, sqlite_path=tmp_path / "audit.db", key=generate_key())
    rig = build_rig(agent, database, ("supervisor@sip.test",))
    yield rig
    rig.loop.stop()
    agent.engine.stop()
    database.close()


@pytest.fixture
def patient_call(rig, trusted_kamailio, peer_factory):
    patient = peer_factory("patient", PATIENT_TONE)
    patient.register("patient", "patient-secret", trusted_kamailio.domain, trusted_kamailio.udp_address)
    peer_call = patient.request("call", uri=f"sip:agent@{trusted_kamailio.domain}")
    incoming = rig.agent.events.wait_incoming()
    assert incoming.identity.source.value == "p-asserted-identity"  # the proxy asserted the patient
    rig.agent.run(Answer(incoming.call_id))
    rig.agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    patient.wait_call_state(peer_call, "CONFIRMED")
    rig.wait(lambda: rig.scene.patient_call_id == incoming.call_id, what="patient in the scene")
    return patient, peer_call, incoming.call_id


@pytest.fixture
def supervisor(trusted_kamailio, tmp_path):
    party = PartyProcess("supervisor", trusted_kamailio, "supervisor", "supervisor-secret", SUPERVISOR_TONE,
                         tmp_path / "parties")
    yield party
    party.close()


def _assert_mode(mode, heard_by_agent, heard_by_patient, heard_by_supervisor):
    # The supervisor always hears the agent and the patient.
    assert heard_by_supervisor.present(AGENT_TONE) and heard_by_supervisor.present(PATIENT_TONE), (mode, heard_by_supervisor)
    # Agent and patient always hear each other.
    assert heard_by_agent.present(PATIENT_TONE) and heard_by_patient.present(AGENT_TONE), (mode, heard_by_agent, heard_by_patient)
    if mode == "listen":
        assert heard_by_agent.absent(SUPERVISOR_TONE), (mode, heard_by_agent)
        assert heard_by_patient.absent(SUPERVISOR_TONE), (mode, heard_by_patient)
    elif mode == "whisper":
        assert heard_by_agent.present(SUPERVISOR_TONE), (mode, heard_by_agent)
        assert heard_by_patient.absent(SUPERVISOR_TONE), (mode, heard_by_patient)
    else:
        assert heard_by_agent.present(SUPERVISOR_TONE), (mode, heard_by_agent)
        assert heard_by_patient.present(SUPERVISOR_TONE), (mode, heard_by_patient)


def test_listen_whisper_barge_listen_each_heard_as_it_should_then_patient_hangs_up(
    rig, patient_call, supervisor, trusted_kamailio, tmp_path
):
    patient, peer_call, call_id = patient_call
    supervisor.request("start", agent="agent", uri=f"sip:agent@{trusted_kamailio.domain}", mode="listen")
    supervisor.wait_session(lambda e: e["phase"] == "active")
    rig.wait(lambda: rig.service.session is not None and rig.scene.supervisor_call_id is not None, what="supervised")
    session = rig.service.session
    assert session.supervisor == "supervisor@sip.test" and session.patient_call_id == call_id
    assert session.indicator is None  # default policy: no badge while listening

    _assert_mode("listen", *listen_everyone(rig.agent, patient, supervisor, tmp_path))
    for mode in ("whisper", "barge", "listen"):
        assert supervisor.request("switch", mode=mode)
        supervisor.wait_session(lambda e, m=mode: e["phase"] == "active" and e["mode"] == m)
        rig.wait(lambda m=mode: rig.service.session is not None and rig.service.session.mode.value == m, what=mode)
        assert rig.service.session.indicator == (None if mode == "listen" else rig.service.session.mode)
        _assert_mode(mode, *listen_everyone(rig.agent, patient, supervisor, tmp_path))

    # The patient hangs up: the supervision ends with the call, on both sides.
    patient.request("hangup", call=peer_call)
    rig.agent.events.wait_call_state(call_id, CallState.DISCONNECTED)
    supervisor.wait_session(lambda e: e["phase"] == "ended")
    rig.wait(lambda: rig.service.session is None, what="supervision ended")
    assert rig.scene.supervisor_call_id is None

    entries = [e for e in rig.audit_entries() if e["action"] == "supervision"]
    assert [e["event"] for e in entries] == ["started", "mode_changed", "mode_changed", "mode_changed", "ended"]
    assert entries[-1]["reason"] == "patient_call_ended" and entries[0]["supervisor"] == "supervisor@sip.test"
    assert all(e["subject"] == f"call:{call_id}" for e in entries)
    assert rig.audit.verify().ok


def test_supervisor_leaving_ends_it_cleanly_and_the_patient_call_goes_on(rig, patient_call, supervisor, trusted_kamailio, tmp_path):
    patient, _peer_call, call_id = patient_call
    supervisor.request("start", agent="agent", uri=f"sip:agent@{trusted_kamailio.domain}", mode="barge")
    supervisor.wait_session(lambda e: e["phase"] == "active")
    rig.wait(lambda: rig.service.session is not None, what="supervised")
    supervisor.request("leave")
    rig.wait(lambda: rig.service.session is None, what="supervision ended")
    heard_by_agent = rig.agent.listen(1.0)
    assert heard_by_agent.present(PATIENT_TONE) and heard_by_agent.absent(SUPERVISOR_TONE), heard_by_agent
    assert rig.agent.engine.submit(lambda: rig.agent.engine.calls.get(call_id).state).result(5) is CallState.CONFIRMED
    ended = [e for e in rig.audit_entries() if e.get("event") == "ended"]
    assert ended and ended[-1]["reason"] == "supervisor_left"


def test_unauthorised_or_spoofed_supervision_is_refused_403_audited_and_the_patient_call_untouched(
    rig, patient_call, trusted_kamailio, peer_factory, tmp_path
):
    patient, peer_call, call_id = patient_call
    # An authenticated colleague who is not a provisioned supervisor, asking to barge, and claiming
    # (in a header the proxy strips) to be the supervisor.
    intruder = peer_factory("intruder", SUPERVISOR_TONE)
    intruder.register("agent2", "agent2-secret", trusted_kamailio.domain, trusted_kamailio.udp_address)
    spoof = intruder.request("call", uri=f"sip:agent@{trusted_kamailio.domain}",
                             headers={"X-Supervise": "barge", "P-Asserted-Identity": f"<{SUPERVISOR_URI}>"})
    ended = intruder.wait_call_state(spoof, "DISCONNECTED")
    assert ended["code"] == 403, ended
    # The patient's own phone tries to switch "a supervision" with an in-dialog MESSAGE: ignored.
    patient.request("message", call=peer_call, body="barge", headers={"X-Supervise": "barge"})
    # Again, asking only to listen (the quietest intrusion is refused just the same).
    second = intruder.request("call", uri=f"sip:agent@{trusted_kamailio.domain}", headers={"X-Supervise": "listen;x=1"})
    assert intruder.wait_call_state(second, "DISCONNECTED")["code"] == 403

    rig.wait(lambda: len(rig.service.refused) == 2, what="two refusals")
    assert [why for _, why in rig.service.refused] == [Refusal.NOT_AUTHORISED, Refusal.NOT_AUTHORISED]
    assert rig.service.session is None and rig.scene.supervisor_call_id is None
    # The patient call is untouched: still up, both hear each other, nobody else.
    assert rig.agent.engine.submit(lambda: rig.agent.engine.calls.get(call_id).state).result(5) is CallState.CONFIRMED
    heard_by_agent = rig.agent.listen(1.0)
    assert heard_by_agent.present(PATIENT_TONE) and heard_by_agent.absent(SUPERVISOR_TONE), heard_by_agent
    refused = [e for e in rig.audit_entries() if e.get("event") == "refused"]
    assert len(refused) == 2 and all(e["sip_status"] == 403 and e["subject"] == f"call:{call_id}" for e in refused)
    assert all(e["identity_asserted"] is True and e["identity_ref"].startswith("sha256:") for e in refused)
    assert "supervisor" not in refused[0]  # the spoofed identity never made it through the proxy


def test_team_view_follows_two_agents_presence_within_a_second(rig, trusted_kamailio, supervisor, tmp_path):
    second = PartyProcess("agent2", trusted_kamailio, "agent2", "agent2-secret", 0, tmp_path / "parties")
    try:
        rig.loop.call(rig.publisher.publish)
        second.request("publish_presence")
        domain = trusted_kamailio.domain
        supervisor.request("watch", members=[
            {"id": "agent", "name": "Agent One", "uri": f"sip:agent@{domain}"},
            {"id": "agent2", "name": "Agent Two", "uri": f"sip:agent2@{domain}"},
        ])
        for agent_id in ("agent", "agent2"):
            supervisor.wait_event(lambda e, a=agent_id: e["event"] == "team" and e["agent"] == a and e["state"] == "available")

        def changes_within_a_second(agent_id: str, state: str) -> None:
            # wait_event raises TimeoutError when the state has not arrived within the second.
            event = supervisor.wait_event(lambda e: e["event"] == "team" and e["agent"] == agent_id and e["state"] == state,
                                          timeout=1.0)
            assert (event["agent"], event["state"]) == (agent_id, state)

        rig.loop.call(lambda: rig.state.take_break("Break"))
        changes_within_a_second("agent", "break")
        second.request("agent", op="call_started")
        changes_within_a_second("agent2", "on_call")
        second.request("agent", op="calls_ended")
        changes_within_a_second("agent2", "wrap_up")
        rig.loop.call(rig.state.go_available)
        changes_within_a_second("agent", "available")
        second.request("agent", op="disposition")
        changes_within_a_second("agent2", "available")
    finally:
        second.close()
