"""The two-minute tour as data and as a runner driven by a fake switchboard and a fake clock."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from softphone.demo.cast import Role
from softphone.demo.events import CallDirection, PartyCallChanged, PartyCallState
from softphone.demo.scenario import (
    TWO_MINUTE_TOUR,
    DemoTour,
    Milestone,
    TourAction,
    TourStep,
    TourStepFired,
    due_steps,
    milestone_of,
)


def _done(value: Any = None) -> Future[Any]:
    future: Future[Any] = Future()
    future.set_result(value)
    return future


class FakeSwitchboard:
    def __init__(self) -> None:
        self.requests: list[tuple[str, ...]] = []
        self.subscriber = None

    def subscribe(self, subscriber):
        self.subscriber = subscriber
        return lambda: None

    def place_patient_call(self, caller_key: str) -> Future[str]:
        self.requests.append(("place_patient_call", caller_key))
        return _done("sb-1")

    def call_as_supervisor(self, mode: str) -> Future[str]:
        self.requests.append(("call_as_supervisor", mode))
        return _done("sb-3")

    def change_supervision_mode(self, call_id: str, mode: str) -> Future[None]:
        self.requests.append(("change_supervision_mode", call_id, mode))
        return _done()

    def hang_up(self, call_id: str) -> Future[None]:
        self.requests.append(("hang_up", call_id))
        return _done()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _talking(call_id: str, party: str, role: Role, direction: CallDirection,
             state: PartyCallState = PartyCallState.TALKING) -> PartyCallChanged:
    return PartyCallChanged(call_id, party, role, direction, state, 200)


def test_due_steps_wait_for_their_milestone_and_delay():
    steps = (
        TourStep("a", Milestone.START, 3, TourAction.HINT, ""),
        TourStep("b", Milestone.PATIENT_ANSWERED, 1, TourAction.HINT, ""),
        TourStep("c", Milestone.START, 1, TourAction.HINT, ""),
    )
    assert due_steps(steps, {Milestone.START: 0.0}, set(), now=0.5) == []
    assert [s.name for s in due_steps(steps, {Milestone.START: 0.0}, set(), now=5.0)] == ["c", "a"]
    assert [s.name for s in due_steps(steps, {Milestone.START: 0.0}, {"c"}, now=5.0)] == ["a"]
    assert [s.name for s in due_steps(steps, {Milestone.START: 0.0}, set(), now=0.06, time_scale=0.02)] == ["c", "a"]


def test_the_tour_fits_in_two_minutes_when_the_agent_follows_the_hints():
    # Agent answers 2 s after the ring, escalates when told, the nurse answers 2 s later.
    reached = {Milestone.START: 0.0, Milestone.PATIENT_ANSWERED: 5.0, Milestone.CLINICIAN_ANSWERED: 19.0,
               Milestone.SUPERVISOR_JOINED: 46.0}
    last_action = max(reached[s.after] + s.delay_s for s in TWO_MINUTE_TOUR if s.after in reached)
    assert last_action <= 120.0
    assert {s.after for s in TWO_MINUTE_TOUR} >= {Milestone.START, Milestone.PATIENT_ANSWERED}


def test_milestones_from_switchboard_events():
    assert milestone_of(_talking("sb-1", "chest-pain", Role.PATIENT, CallDirection.TO_AGENT)) is Milestone.PATIENT_ANSWERED
    ended = _talking("sb-1", "chest-pain", Role.PATIENT, CallDirection.TO_AGENT, PartyCallState.ENDED)
    assert milestone_of(ended) is Milestone.PATIENT_ENDED
    nurse = _talking("sb-2", "oncall-nurse", Role.CLINICIAN, CallDirection.FROM_AGENT)
    assert milestone_of(nurse) is Milestone.CLINICIAN_ANSWERED
    ringing = _talking("sb-2", "oncall-nurse", Role.CLINICIAN, CallDirection.FROM_AGENT, PartyCallState.RINGING)
    assert milestone_of(ringing) is None


def test_the_tour_runs_the_switchboard_as_the_agent_goes_along():
    switchboard, clock, fired = FakeSwitchboard(), FakeClock(), []
    tour = DemoTour(switchboard, fired.append, clock=clock)
    tour.start()
    tour.stop()  # drive it by hand with tick()
    clock.now += 3.0
    assert [s.name for s in tour.tick()] == ["patient-calls"]
    assert switchboard.requests == [("place_patient_call", "chest-pain")]
    assert tour.tick() == []  # nothing else until the agent answers

    switchboard.subscriber(_talking("sb-9", "dizzy-on-new-pills", Role.PATIENT, CallDirection.TO_AGENT))
    clock.now += 60
    assert tour.tick() == []  # another demo caller answered: not the tour's patient

    switchboard.subscriber(_talking("sb-1", "chest-pain", Role.PATIENT, CallDirection.TO_AGENT))
    clock.now += 12.0
    assert [s.name for s in tour.tick()] == ["suggest-escalation"]
    switchboard.subscriber(_talking("sb-2", "oncall-nurse", Role.CLINICIAN, CallDirection.FROM_AGENT))
    clock.now += 30.0
    assert [s.name for s in tour.tick()] == ["nurse-on-the-line", "supervisor-listens"]
    assert switchboard.requests[-1] == ("call_as_supervisor", "listen")

    switchboard.subscriber(_talking("sb-3", "supervisor", Role.SUPERVISOR, CallDirection.TO_AGENT))
    clock.now += 10.0
    tour.tick()
    assert switchboard.requests[-1] == ("change_supervision_mode", "sb-3", "whisper")
    clock.now += 20.0
    tour.tick()
    assert switchboard.requests[-1] == ("hang_up", "sb-1")
    switchboard.subscriber(_talking("sb-1", "chest-pain", Role.PATIENT, CallDirection.TO_AGENT, PartyCallState.ENDED))
    clock.now += 2.0
    tour.tick()
    assert tour.finished
    assert [f.step.name for f in fired] == [s.name for s in TWO_MINUTE_TOUR]
    assert all(isinstance(f, TourStepFired) and f.error is None for f in fired)


def test_a_refused_step_is_reported_not_raised():
    class Refusing(FakeSwitchboard):
        def place_patient_call(self, caller_key: str) -> Future[str]:
            future: Future[str] = Future()
            future.set_exception(RuntimeError("switchboard gone"))
            return future

    clock, fired = FakeClock(), []
    tour = DemoTour(Refusing(), fired.append, clock=clock)
    tour.start()
    tour.stop()
    clock.now += 3.0
    tour.tick()
    assert fired[0].error and "switchboard gone" in fired[0].error
