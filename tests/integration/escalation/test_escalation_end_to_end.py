"""Escalation end to end: the real engine (auto-routing off) driven by the escalation service and
the routing scene owner, a real Kamailio, the patient and the clinicians in their own pjsua2
processes; who hears whom is proven by FFT at every ear (agent 600 Hz, patient 1000 Hz, clinician
1400 Hz, hold tone 1800 Hz)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from softphone.config.model import EscalationReasonSettings, EscalationSettings, EscalationTargetSettings
from softphone.escalation import AttemptOutcome, Mode, Phase
from softphone.escalation.record_writer import EscalationRecordWriter
from softphone.escalation.repository import load_escalation
from softphone.sip import Answer, CallState
from softphone.storage import generate_key, open_database

from escalation_rig import HOLD_TONE_HZ, build_rig, listen_all
from sip_harness import AGENT_TONE, CLINICIAN_TONE, PATIENT_TONE

pytestmark = pytest.mark.integration

FIRST, SECOND = "clinician", "supervisor"  # Kamailio test users standing in for two clinicians


def _policy(kamailio, ring_timeout_s: float = 20.0, handoff_delay_s: float = 5.0) -> EscalationSettings:
    return EscalationSettings(
        handoff_delay_s=handoff_delay_s,
        targets=(
            EscalationTargetSettings(id="first", title="On-call nurse", destination=f"sip:{FIRST}@{kamailio.domain}",
                                     ring_timeout_s=ring_timeout_s),
            EscalationTargetSettings(id="second", title="On-call physician", destination=f"sip:{SECOND}@{kamailio.domain}",
                                     ring_timeout_s=ring_timeout_s),
        ),
        reasons=(
            EscalationReasonSettings(code="chest_pain", label="Chest pain", urgency="emergency",
                                     targets=("first", "second"), fallback="Tell the caller to call 911."),
        ),
    )


def _register(peer_factory, kamailio, name: str, user: str, tone: int, auto_answer: int = 0):
    peer = peer_factory(name, tone, auto_answer)
    peer.register(user, f"{user}-secret", kamailio.domain, kamailio.udp_address)
    return peer


def _patient_on_the_line(agent, peer_factory, kamailio):
    patient = _register(peer_factory, kamailio, "patient", "patient", PATIENT_TONE)
    patient_call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    incoming = agent.events.wait_incoming()
    agent.run(Answer(incoming.call_id))
    agent.events.wait_call_state(incoming.call_id, CallState.CONFIRMED)
    patient.wait_call_state(patient_call, "CONFIRMED")
    return patient, patient_call, incoming.call_id


def _start(rig, call_id: str, mode: Mode = Mode.CONFERENCE):
    # Wait until the scene knows the patient's call is talking, as it would be when the agent presses.
    rig.wait(lambda: rig.scene.patient_call_id == call_id, what="patient in the scene")
    return rig.loop.call(lambda: rig.service.start(call_id, "chest_pain", mode=mode))


def test_conference_everyone_hears_everyone(manual_agent, kamailio, peer_factory, tmp_path):
    agent = manual_agent
    rig = build_rig(agent, _policy(kamailio))
    clinician = _register(peer_factory, kamailio, "clinician", FIRST, CLINICIAN_TONE, auto_answer=200)
    patient, _, call_id = _patient_on_the_line(agent, peer_factory, kamailio)
    _start(rig, call_id)
    escalation = rig.wait_phase(Phase.CONFERENCED)
    assert escalation.time_to_clinician_s is not None and escalation.time_to_clinician_s < 5
    heard_by_agent, heard = listen_all(agent, [patient, clinician], tmp_path)
    assert heard["patient"].present(AGENT_TONE) and heard["patient"].present(CLINICIAN_TONE), heard["patient"]
    assert heard["clinician"].present(AGENT_TONE) and heard["clinician"].present(PATIENT_TONE), heard["clinician"]
    assert heard_by_agent.present(PATIENT_TONE) and heard_by_agent.present(CLINICIAN_TONE), heard_by_agent
    rig.loop.stop()


def test_consult_first_then_join_with_one_press(manual_agent, kamailio, peer_factory, tmp_path):
    agent = manual_agent
    rig = build_rig(agent, _policy(kamailio))
    clinician = _register(peer_factory, kamailio, "clinician", FIRST, CLINICIAN_TONE, auto_answer=200)
    patient, _, call_id = _patient_on_the_line(agent, peer_factory, kamailio)
    _start(rig, call_id, Mode.CONSULT)
    rig.wait_phase(Phase.CONSULTING)
    heard_by_agent, heard = listen_all(agent, [patient, clinician], tmp_path)
    assert heard["patient"].absent(CLINICIAN_TONE) and heard["patient"].absent(AGENT_TONE), heard["patient"]
    assert heard["patient"].present(HOLD_TONE_HZ), heard["patient"]
    assert heard["clinician"].absent(PATIENT_TONE) and heard["clinician"].present(AGENT_TONE), heard["clinician"]
    assert heard_by_agent.present(CLINICIAN_TONE) and heard_by_agent.absent(PATIENT_TONE), heard_by_agent

    assert rig.loop.call(rig.service.join)
    rig.wait_phase(Phase.CONFERENCED)
    heard_by_agent, heard = listen_all(agent, [patient, clinician], tmp_path)
    assert heard["patient"].present(CLINICIAN_TONE) and heard["patient"].present(AGENT_TONE), heard["patient"]
    assert heard["patient"].absent(HOLD_TONE_HZ), heard["patient"]
    assert heard["clinician"].present(PATIENT_TONE) and heard["clinician"].present(AGENT_TONE), heard["clinician"]
    assert heard_by_agent.present(CLINICIAN_TONE) and heard_by_agent.present(PATIENT_TONE), heard_by_agent
    rig.loop.stop()


def test_hand_off_leaves_patient_and_clinician_connected(manual_agent, kamailio, peer_factory, tmp_path):
    """One press: after the clinician joins, the agent leaves by itself once the provisioned delay
    (time to introduce the patient) has run out; nobody presses Hand off."""
    agent = manual_agent
    rig = build_rig(agent, _policy(kamailio, handoff_delay_s=1.5))
    clinician = _register(peer_factory, kamailio, "clinician", FIRST, CLINICIAN_TONE, auto_answer=200)
    patient, _, call_id = _patient_on_the_line(agent, peer_factory, kamailio)
    _start(rig, call_id, Mode.HANDOFF)
    escalation = rig.wait_phase(Phase.CONFERENCED)
    assert escalation.handoff_due_monotonic is not None  # the countdown the agent sees
    clinician_call = escalation.current.call_id
    rig.wait(lambda: bool(rig.finished), what="automatic hand-off finished")
    handed_off = rig.finished[-1]
    assert handed_off.phase is Phase.HANDED_OFF and "auto_handoff" in handed_off.notes
    assert handed_off.handed_off_at - handed_off.joined_at >= timedelta(seconds=1.4)
    agent.events.wait_call_state(call_id, CallState.DISCONNECTED)
    agent.events.wait_call_state(clinician_call, CallState.DISCONNECTED)
    clinician.wait_event(lambda e: e["event"] == "replaced")
    assert agent.run(lambda: [c.call_id for c in agent.engine.calls if c.state is not CallState.DISCONNECTED]) == []
    _, heard = listen_all(agent, [patient, clinician], tmp_path)
    assert heard["patient"].present(CLINICIAN_TONE) and heard["patient"].absent(AGENT_TONE), heard["patient"]
    assert heard["clinician"].present(PATIENT_TONE) and heard["clinician"].absent(AGENT_TONE), heard["clinician"]
    rig.loop.stop()


def test_hunting_no_answer_then_the_second_target_answers(manual_agent, kamailio, peer_factory, tmp_path):
    agent = manual_agent
    rig = build_rig(agent, _policy(kamailio, ring_timeout_s=3.0))
    first = _register(peer_factory, kamailio, "first", FIRST, 0)  # rings, never answers
    second = _register(peer_factory, kamailio, "second", SECOND, CLINICIAN_TONE, auto_answer=200)
    patient, _, call_id = _patient_on_the_line(agent, peer_factory, kamailio)
    _start(rig, call_id)
    first.wait_event(lambda e: e["event"] == "incoming")
    escalation = rig.wait_phase(Phase.CONFERENCED, timeout=10)
    assert [a.outcome for a in escalation.attempts] == [AttemptOutcome.NO_ANSWER, AttemptOutcome.ANSWERED]
    assert escalation.attempts[0].ringing_at is not None
    assert escalation.time_to_clinician_s >= 3.0
    first.wait_event(lambda e: e["event"] == "call_state" and e["state"] == "DISCONNECTED")  # CANCELled
    _, heard = listen_all(agent, [patient, second], tmp_path)
    assert heard["patient"].present(CLINICIAN_TONE) and heard["second"].present(PATIENT_TONE)
    rig.loop.stop()


def test_all_busy_shows_the_fallback_alerts_the_supervisor_and_records_failure(
    manual_agent, kamailio, peer_factory, tmp_path
):
    agent = manual_agent
    policy = _policy(kamailio)
    rig = build_rig(agent, policy)
    with open_database(None, sqlite_path=tmp_path / "records.db", key=generate_key()) as database:
        writer = EscalationRecordWriter(database)
        rig.service.on_record(writer)
        _register(peer_factory, kamailio, "first", FIRST, 0, auto_answer=486)
        _register(peer_factory, kamailio, "second", SECOND, 0, auto_answer=603)
        patient, _, call_id = _patient_on_the_line(agent, peer_factory, kamailio)
        escalation = _start(rig, call_id)
        rig.wait(lambda: bool(rig.finished), what="escalation finished")
        failed = rig.finished[-1]
        assert failed.phase is Phase.FAILED and failed.plan.fallback_script == "Tell the caller to call 911."
        assert [(a.outcome, a.sip_status) for a in failed.attempts] == [
            (AttemptOutcome.BUSY, 486), (AttemptOutcome.DECLINED, 603)]
        (alert,) = rig.alerts
        assert alert.escalation_id == escalation.escalation_id and alert.reason_code == "chest_pain"
        writer.close(wait=True)
        with database.session() as session:
            record, attempts = load_escalation(session, escalation.escalation_id)
            assert record.outcome == "failed" and record.supervisor_alerted
            assert [(a.target_id, a.outcome) for a in attempts] == [("first", "busy"), ("second", "declined")]
    # The patient is still with the agent.
    heard_by_agent, heard = listen_all(agent, [patient], tmp_path)
    assert heard["patient"].present(AGENT_TONE) and heard_by_agent.present(PATIENT_TONE)
    rig.loop.stop()


def test_patient_hangs_up_mid_escalation_cancels_the_clinician_leg(manual_agent, kamailio, peer_factory):
    agent = manual_agent
    rig = build_rig(agent, _policy(kamailio))
    first = _register(peer_factory, kamailio, "first", FIRST, CLINICIAN_TONE)  # rings
    patient, patient_call, call_id = _patient_on_the_line(agent, peer_factory, kamailio)
    _start(rig, call_id)
    first_call = first.wait_event(lambda e: e["event"] == "incoming")["call"]
    rig.wait(lambda: rig.updates[-1].current is not None and rig.updates[-1].current.call_id is not None,
             what="clinician call placed")
    clinician_leg = rig.updates[-1].current.call_id
    patient.request("hangup", call=patient_call)
    rig.wait(lambda: bool(rig.finished), what="escalation finished")
    assert rig.finished[-1].phase is Phase.PATIENT_LEFT
    assert rig.finished[-1].attempts[0].outcome is AttemptOutcome.CANCELLED
    agent.events.wait_call_state(clinician_leg, CallState.DISCONNECTED)
    first.wait_call_state(first_call, "DISCONNECTED")
    assert agent.run(lambda: [c.call_id for c in agent.engine.calls if c.state is not CallState.DISCONNECTED]) == []
    rig.loop.stop()
