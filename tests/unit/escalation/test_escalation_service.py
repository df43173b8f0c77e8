"""The escalation state machine with a fake engine and manual time: hunting, modes, the patient
leaving, hand-off, and that it only ever drives the routing scene."""

from __future__ import annotations

import pytest

from softphone.config.model import EscalationSettings, EscalationTargetSettings
from softphone.escalation import AttemptOutcome, EscalationError, Mode, Phase
from softphone.escalation.headers import PATIENT_REF_HEADER
from softphone.patients.model import OnCallClinician, PatientContext
from softphone.sip import commands as cmd
from softphone.sip.events import CallState, TransferProgress
from softphone.sip.routing import AGENT_EAR, AGENT_MIC, CLINICIAN, HOLD_TONE, PATIENT, RINGBACK_TONE, EscalationMode, hears

from .fakes import Rig, state


def _context(phone: str | None = "+16175550100") -> PatientContext:
    return PatientContext(
        "P-42", "Synthetic Patient", None, None, None, None, None, (), (), (), (), (),
        on_call=(OnCallClinician("Dr A. Example", "Cardiologist", phone, "pr-1", "Heart team"),),
    )


def test_conference_rings_the_first_target_with_context_headers_and_joins_on_answer():
    rig = Rig()
    escalation = rig.service.start(rig.patient, "chest_pain")
    assert escalation.phase is Phase.HUNTING
    (invite,) = rig.engine.of(cmd.MakeCall)
    assert invite.destination == "oncall-nurse"
    headers = dict(invite.headers)
    assert headers["X-Escalation-Id"] == escalation.escalation_id
    assert headers["X-Escalation-Reason"] == "chest_pain" and headers["X-Escalation-Urgency"] == "emergency"
    assert headers["X-Escalation-Agent"] == "agent-7" and headers["Priority"] == "emergency"
    nurse = rig.last_call()
    # While it rings the patient still hears the agent; the agent hears ringback.
    routes = rig.last_routes().routes
    assert hears(routes, PATIENT) == {AGENT_MIC} and hears(routes, AGENT_EAR) == {PATIENT, RINGBACK_TONE}

    rig.timers.advance(1.25)
    rig.answer(nurse)
    current = rig.service.current
    assert current.phase is Phase.CONFERENCED and current.time_to_clinician_s == 1.25
    apply = rig.last_routes()
    assert dict(apply.parties) == {PATIENT: rig.patient, CLINICIAN: nurse}
    assert hears(apply.routes, PATIENT) == {AGENT_MIC, CLINICIAN}
    assert hears(apply.routes, CLINICIAN) == {AGENT_MIC, PATIENT}
    assert rig.scene.scene.escalation is EscalationMode.CONFERENCED


def test_no_answer_moves_to_the_next_target_after_its_ring_timeout():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain")
    first = rig.last_call()
    rig.event(state(first, CallState.EARLY, 180))
    rig.timers.advance(19.9)
    assert len(rig.engine.of(cmd.MakeCall)) == 1
    rig.timers.advance(0.2)
    assert cmd.Hangup(first) in rig.engine.commands
    assert [c.destination for c in rig.engine.of(cmd.MakeCall)] == ["oncall-nurse", "oncall-physician"]
    attempts = rig.service.current.attempts
    assert attempts[0].outcome is AttemptOutcome.NO_ANSWER and attempts[0].ringing_at is not None
    # The late CANCEL answer of the first target changes nothing.
    rig.reject(first, 487)
    rig.answer(rig.last_call())
    assert rig.service.current.phase is Phase.CONFERENCED
    assert rig.service.current.attempts[1].outcome is AttemptOutcome.ANSWERED


def test_all_busy_or_declined_ends_in_fallback_and_a_supervisor_alert():
    rig = Rig()
    rig.service.start(rig.patient, "suicidal_ideation")
    rig.reject(rig.last_call(), 486)
    rig.reject(rig.last_call(), 603)
    assert rig.service.current is None
    (finished,) = rig.finished
    assert finished.phase is Phase.FAILED and finished.outcome == "failed" and finished.supervisor_alerted
    assert [a.outcome for a in finished.attempts] == [AttemptOutcome.BUSY, AttemptOutcome.DECLINED]
    assert [a.sip_status for a in finished.attempts] == [486, 603]
    assert "988" in finished.plan.fallback_script
    (alert,) = rig.alerts
    assert alert.escalation_id == finished.escalation_id and alert.attempts == (
        ("behavioural-health", "busy"), ("nurse", "declined"))
    # The scene is back to agent + patient.
    assert rig.scene.scene.clinician is None and hears(rig.last_routes().routes, PATIENT) == {AGENT_MIC}


def test_an_invite_that_cannot_be_sent_counts_as_failed_and_hunting_goes_on():
    rig = Rig()
    rig.engine.fail_make_call.add("oncall-nurse")
    rig.service.start(rig.patient, "chest_pain")
    assert [c.destination for c in rig.engine.of(cmd.MakeCall)] == ["oncall-nurse", "oncall-physician"]
    assert rig.service.current.attempts[0].outcome is AttemptOutcome.FAILED


def test_skip_and_cancel_by_the_agent():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain")
    first = rig.last_call()
    assert rig.service.skip()
    assert cmd.Hangup(first) in rig.engine.commands
    second = rig.last_call()
    assert second != first
    assert rig.service.cancel()
    assert cmd.Hangup(second) in rig.engine.commands
    (finished,) = rig.finished
    assert finished.phase is Phase.CANCELLED
    assert [a.outcome for a in finished.attempts] == [AttemptOutcome.SKIPPED, AttemptOutcome.CANCELLED]
    assert not rig.alerts


def test_consult_first_keeps_the_patient_out_until_join():
    rig = Rig()
    rig.service.start(rig.patient, "clinical_question", mode=Mode.CONSULT)
    nurse = rig.last_call()
    assert hears(rig.last_routes().routes, PATIENT) == {HOLD_TONE}  # waiting while it rings
    rig.answer(nurse)
    assert rig.service.current.phase is Phase.CONSULTING and rig.service.current.joined_at is None
    routes = rig.last_routes().routes
    assert hears(routes, PATIENT) == {HOLD_TONE} and hears(routes, CLINICIAN) == {AGENT_MIC}
    assert hears(routes, AGENT_EAR) == {CLINICIAN}
    assert rig.service.join()
    routes = rig.last_routes().routes
    assert hears(routes, PATIENT) == {AGENT_MIC, CLINICIAN} and hears(routes, CLINICIAN) == {AGENT_MIC, PATIENT}
    assert rig.service.current.phase is Phase.CONFERENCED and rig.service.current.joined_at is not None


def test_hand_off_sends_an_attended_transfer_and_bridges_patient_and_clinician_meanwhile():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain", mode="handoff")
    nurse = rig.last_call()
    rig.answer(nurse)
    assert rig.service.hand_off()
    assert cmd.AttendedTransfer(rig.patient, nurse) in rig.engine.commands
    routes = rig.last_routes().routes
    assert hears(routes, PATIENT) == {CLINICIAN} and hears(routes, CLINICIAN) == {PATIENT}
    assert hears(routes, AGENT_EAR) == frozenset()
    rig.event(TransferProgress(rig.patient, 200, "OK", True))
    (finished,) = rig.finished
    assert finished.phase is Phase.HANDED_OFF and finished.handed_off_at is not None
    assert finished.outcome == "connected"
    # The transfer's own hang-ups afterwards are not "the patient left".
    rig.event(state(rig.patient, CallState.DISCONNECTED, 200))
    rig.event(state(nurse, CallState.DISCONNECTED, 200))
    assert len(rig.finished) == 1


def test_a_failed_hand_off_goes_back_to_the_conference():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain", mode="handoff")
    rig.answer(rig.last_call())
    notices = []
    rig.service.on_notice(notices.append)
    rig.service.hand_off()
    rig.event(TransferProgress(rig.patient, 503, "Service Unavailable", True))
    assert rig.service.current.phase is Phase.CONFERENCED and notices
    assert rig.scene.scene.escalation is EscalationMode.CONFERENCED


@pytest.mark.parametrize("answered", [False, True])
def test_the_patient_hanging_up_ends_the_clinician_leg(answered):
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain")
    nurse = rig.last_call()
    if answered:
        rig.answer(nurse)
    rig.event(state(rig.patient, CallState.DISCONNECTED, 200))
    assert cmd.Hangup(nurse) in rig.engine.commands
    (finished,) = rig.finished
    if answered:
        assert finished.phase is Phase.ENDED and "patient_hung_up" in finished.notes
    else:
        assert finished.phase is Phase.PATIENT_LEFT and finished.attempts[0].outcome is AttemptOutcome.CANCELLED
    assert rig.scene.scene.clinician is None


def test_care_team_clinician_goes_first_and_patient_ref_only_over_tls():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain", patient=_context())
    first = rig.engine.of(cmd.MakeCall)[0]
    assert first.destination == "+16175550100"
    assert PATIENT_REF_HEADER not in dict(first.headers)
    assert rig.service.current.plan.targets[0].source == "care_team"

    secure = Rig(secure=True)
    secure.service.start(secure.patient, "chest_pain", patient=_context())
    assert dict(secure.engine.of(cmd.MakeCall)[0].headers)[PATIENT_REF_HEADER] == "P-42"

    no_care_team_first = Rig(EscalationSettings(care_team_first=False))
    no_care_team_first.service.start(no_care_team_first.patient, "chest_pain", patient=_context())
    assert no_care_team_first.engine.of(cmd.MakeCall)[0].destination == "oncall-nurse"


def test_one_escalation_at_a_time_and_only_on_a_live_call():
    rig = Rig()
    with pytest.raises(EscalationError):
        rig.service.start("call-99", "chest_pain")
    rig.service.start(rig.patient, "chest_pain")
    with pytest.raises(EscalationError):
        rig.service.start(rig.patient, "chest_pain")


def test_records_are_written_at_press_answer_and_end():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain")
    rig.answer(rig.last_call())
    rig.event(state(rig.last_call(), CallState.DISCONNECTED, 200))  # the clinician hangs up
    assert [r.phase for r in rig.records] == [Phase.HUNTING, Phase.CONFERENCED, Phase.ENDED]
    assert rig.records[-1].outcome == "connected" and "clinician_hung_up" in rig.records[-1].notes


def test_events_before_the_call_id_is_known_are_not_lost():
    """The engine publishes CALLING/EARLY before MakeCall's result reaches the service's thread."""
    rig = Rig()
    queued = []
    rig.service._dispatch = queued.append  # noqa: SLF001 - deliver the MakeCall result late
    rig.service.start(rig.patient, "chest_pain")
    rig.event(state("call-10", CallState.EARLY, 180))
    rig.event(state("call-10", CallState.CONFIRMED, 200))
    for run in queued:
        run()
    assert rig.service.current.phase is Phase.CONFERENCED


def test_a_target_specific_ring_timeout():
    policy = EscalationSettings(targets=(
        EscalationTargetSettings(id="nurse", title="Nurse", destination="oncall-nurse", ring_timeout_s=5),
        EscalationTargetSettings(id="physician", title="Physician", destination="oncall-physician"),
        EscalationTargetSettings(id="behavioural-health", title="BH", destination="behavioural-health"),
    ))
    rig = Rig(policy)
    rig.service.start(rig.patient, "chest_pain")
    rig.timers.advance(5.1)
    assert len(rig.engine.of(cmd.MakeCall)) == 2
