"""The escalation service's automatic hand-off (countdown, hand off now, stay), its claim on the
clinician legs (kept out of the agent's call list, other calls' events handed back in order), and
the failures it tells the agent about."""

from __future__ import annotations

from concurrent.futures import Future

from softphone.config.model import EscalationSettings
from softphone.escalation import Phase
from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallMediaChanged, CallState, MediaState, TransferProgress
from softphone.sip.routing import CLINICIAN, PATIENT, hears

from .fakes import Rig, state


def _handoff_rig(delay_s: float) -> Rig:
    rig = Rig(EscalationSettings(handoff_delay_s=delay_s))
    rig.service.start(rig.patient, "chest_pain", mode="handoff")
    return rig


def test_hand_off_mode_leaves_by_itself_after_the_provisioned_delay():
    rig = _handoff_rig(4.0)
    nurse = rig.last_call()
    rig.timers.advance(1.0)
    rig.answer(nurse)
    joined = rig.service.current
    assert joined.phase is Phase.CONFERENCED and joined.joined_at is not None
    assert joined.handoff_due_monotonic == 5.0  # answered at 1.0 + 4 s to introduce the patient
    assert rig.updates[-1].handoff_due_monotonic == 5.0  # the progress view shows the countdown
    rig.timers.advance(3.9)
    assert not rig.engine.of(cmd.AttendedTransfer)
    assert hears(rig.last_routes().routes, PATIENT) >= {CLINICIAN}
    rig.timers.advance(0.2)
    assert rig.engine.of(cmd.AttendedTransfer) == [cmd.AttendedTransfer(rig.patient, nurse)]
    assert rig.service.current.phase is Phase.HANDING_OFF
    assert rig.service.current.handoff_due_monotonic is None and "auto_handoff" in rig.service.current.notes
    rig.event(TransferProgress(rig.patient, 200, "OK", True))
    (finished,) = rig.finished
    assert finished.phase is Phase.HANDED_OFF and finished.handed_off_at is not None


def test_zero_delay_hands_off_as_soon_as_the_clinician_answers():
    rig = _handoff_rig(0.0)
    nurse = rig.last_call()
    rig.answer(nurse)
    assert rig.engine.of(cmd.AttendedTransfer) == [cmd.AttendedTransfer(rig.patient, nurse)]
    assert rig.service.current.phase is Phase.HANDING_OFF
    # The join came first: the record written at the answer says everyone was joined.
    assert [r.phase for r in rig.records] == [Phase.HUNTING, Phase.CONFERENCED]
    assert rig.records[-1].joined_at is not None


def test_hand_off_now_during_the_countdown_and_no_second_transfer_when_the_timer_was_due():
    rig = _handoff_rig(5.0)
    rig.answer(rig.last_call())
    assert rig.service.hand_off()
    rig.timers.advance(6.0)
    assert len(rig.engine.of(cmd.AttendedTransfer)) == 1


def test_stay_stops_the_countdown_and_the_agent_can_still_hand_off_later():
    rig = _handoff_rig(5.0)
    rig.answer(rig.last_call())
    assert rig.service.stay()
    current = rig.service.current
    assert current.handoff_due_monotonic is None and "agent_stayed" in current.notes
    assert rig.updates[-1].handoff_due_monotonic is None
    rig.timers.advance(60.0)
    assert not rig.engine.of(cmd.AttendedTransfer) and rig.service.current.phase is Phase.CONFERENCED
    assert not rig.service.stay()  # nothing left to stop
    assert rig.service.hand_off()
    assert len(rig.engine.of(cmd.AttendedTransfer)) == 1


def test_conference_and_consult_have_no_countdown():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain")
    rig.answer(rig.last_call())
    assert rig.service.current.handoff_due_monotonic is None and not rig.service.stay()
    rig.timers.advance(60.0)
    assert not rig.engine.of(cmd.AttendedTransfer)


def test_an_unconfirmed_hand_off_with_both_legs_up_goes_back_to_the_conference_and_says_so():
    rig = _handoff_rig(0.0)
    notices: list[str] = []
    rig.service.on_notice(notices.append)
    rig.answer(rig.last_call())
    rig.timers.advance(10.5)  # no final NOTIFY
    assert rig.service.current.phase is Phase.CONFERENCED and "transfer_unconfirmed" in rig.service.current.notes
    assert notices and "not confirmed" in notices[-1]
    assert hears(rig.last_routes().routes, PATIENT) >= {CLINICIAN}


def test_the_clinician_legs_are_claimed_and_the_patient_call_is_not():
    rig = Rig()
    rig.service.start(rig.patient, "chest_pain")
    first = rig.last_call()
    assert rig.service.claims(state(first, CallState.EARLY, 180))
    assert rig.service.claims(CallMediaChanged(first, MediaState.ACTIVE))
    assert not rig.service.claims(state(rig.patient, CallState.CONFIRMED, 200, CallDirection.INCOMING))
    rig.service.skip()
    # A skipped leg's late answer (487) is still the escalation's, not a call of the agent's.
    assert rig.service.claims(state(first, CallState.DISCONNECTED, 487))
    rig.answer(rig.last_call())
    rig.service.cancel()
    assert rig.service.claims(state(rig.engine.issued[-1], CallState.DISCONNECTED, 200))
    assert not rig.service.claims(state("call-77", CallState.CALLING))  # an agent's own call later on


def test_events_of_another_new_call_while_placing_are_held_then_handed_back_in_order():
    """The agent dials at the very moment the escalation's MakeCall is out: that call's events are
    held (they could be the clinician's leg) and handed back, in order, once the id is known."""
    rig = Rig()
    queued = []
    rig.service._dispatch = queued.append  # noqa: SLF001 - the MakeCall result arrives late
    released: list[object] = []
    rig.service.on_released(released.append)
    rig.service.start(rig.patient, "chest_pain")
    agents_call = [state("call-50", CallState.CALLING), state("call-50", CallState.EARLY, 180)]
    clinician = state("call-10", CallState.EARLY, 180)
    for event in (agents_call[0], clinician, agents_call[1]):
        assert rig.service.claims(event)
        rig.event(event)
    assert not released
    for run in queued:
        run()
    assert released == agents_call
    assert not rig.service.claims(state("call-50", CallState.CONFIRMED, 200))
    assert rig.service.claims(state("call-10", CallState.CONFIRMED, 200))
    assert rig.service.current.attempts[0].ringing_at is not None  # the held EARLY was the clinician's


def test_a_lost_makecall_result_does_not_hold_other_calls_back_for_ever():
    rig = Rig()
    rig.service._dispatch = lambda fn: None  # noqa: SLF001 - the result never comes back
    released: list[object] = []
    rig.service.on_released(released.append)
    rig.service.start(rig.patient, "chest_pain")
    held = state("call-50", CallState.CALLING)
    assert rig.service.claims(held)
    rig.event(held)
    rig.timers.advance(6.0)
    later = state("call-51", CallState.CALLING)
    assert not rig.service.claims(later)
    rig.event(later)
    assert released == [held]


def test_a_hang_up_that_fails_is_told_to_the_agent():
    rig = Rig()
    notices: list[str] = []
    rig.service.on_notice(notices.append)
    rig.service.start(rig.patient, "chest_pain")
    rig.answer(rig.last_call())
    submit = rig.engine.submit

    def failing(command):
        if isinstance(command, cmd.Hangup):
            future: Future = Future()
            future.set_exception(RuntimeError("engine gone"))
            return future
        return submit(command)

    rig.service._submit = failing  # noqa: SLF001 - the engine refuses the hang-up
    rig.service.cancel()
    assert notices == ["The clinician's line could not be hung up."]


def test_a_hang_up_refused_because_the_leg_had_just_ended_is_no_alarm():
    rig = Rig()
    notices: list[str] = []
    rig.service.on_notice(notices.append)
    rig.service.start(rig.patient, "chest_pain")
    first = rig.last_call()
    rig.event(state(first, CallState.EARLY, 180))
    rig.scene.handle_event(state(first, CallState.DISCONNECTED, 480))  # ended; the service is told next
    submit = rig.engine.submit

    def failing(command):
        if isinstance(command, cmd.Hangup):
            future: Future = Future()
            future.set_exception(RuntimeError("no such call"))
            return future
        return submit(command)

    rig.service._submit = failing  # noqa: SLF001
    assert rig.service.skip()
    assert notices == []
