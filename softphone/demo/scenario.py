"""The two-minute tour: a newcomer sees a patient call, the screen-pop, an escalation and
supervision, prompted by short hints.

The timeline is data (``TWO_MINUTE_TOUR``): each step waits for a *milestone* (the tour started,
the agent answered the patient, the clinician picked up, the supervisor joined) plus a delay, so the
tour follows the agent's pace instead of running ahead of them. ``due_steps`` is the pure planner
(unit-tested); ``DemoTour`` runs it against a ``DemoSwitchboard`` on a small timer thread and tells
the UI what happened through ``on_step`` (no Qt here: the UI re-emits it as a queued signal).

Approximate timeline when the agent follows the hints promptly:
    0:03  the patient calls (chest pain, known patient): answer, see the chart pop
    0:15  hint: escalate to the on-call nurse; she picks up after a short ring and speaks
    0:45  the supervisor joins in listen mode; 0:55 she switches to whisper and gives a tip
    1:25  the patient thanks everyone and hangs up: write the note
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from softphone.demo.cast import Role
from softphone.demo.events import CallDirection, DemoEvent, PartyCallChanged, PartyCallState

log = logging.getLogger(__name__)


class Milestone(StrEnum):
    START = "start"
    PATIENT_ANSWERED = "patient_answered"
    CLINICIAN_ANSWERED = "clinician_answered"
    SUPERVISOR_JOINED = "supervisor_joined"
    PATIENT_ENDED = "patient_ended"


class TourAction(StrEnum):
    HINT = "hint"  # only tell the agent something
    PLACE_PATIENT_CALL = "place_patient_call"
    SUPERVISOR_LISTENS = "supervisor_listens"
    SUPERVISOR_WHISPERS = "supervisor_whispers"
    PATIENT_HANGS_UP = "patient_hangs_up"


@dataclass(frozen=True, slots=True)
class TourStep:
    name: str
    after: Milestone
    delay_s: float
    action: TourAction
    hint: str  # shown to the newcomer; never a patient's name or number


TOUR_CALLER = "chest-pain"

TWO_MINUTE_TOUR: tuple[TourStep, ...] = (
    TourStep("patient-calls", Milestone.START, 3.0, TourAction.PLACE_PATIENT_CALL,
             "A patient is calling. Answer, and watch their chart appear beside the call."),
    TourStep("suggest-escalation", Milestone.PATIENT_ANSWERED, 12.0, TourAction.HINT,
             "Chest pain on a blood thinner: press Escalate to bring in the on-call nurse."),
    TourStep("nurse-on-the-line", Milestone.CLINICIAN_ANSWERED, 0.5, TourAction.HINT,
             "The nurse picked up. Conference her in so she hears the patient too."),
    TourStep("supervisor-listens", Milestone.PATIENT_ANSWERED, 40.0, TourAction.SUPERVISOR_LISTENS,
             "Your supervisor is listening in. The patient cannot hear her."),
    TourStep("supervisor-whispers", Milestone.SUPERVISOR_JOINED, 10.0, TourAction.SUPERVISOR_WHISPERS,
             "She whispers a tip that only you can hear."),
    TourStep("patient-hangs-up", Milestone.SUPERVISOR_JOINED, 30.0, TourAction.PATIENT_HANGS_UP,
             "The patient hung up. Finish your note: it is saved as you type."),
    TourStep("tour-over", Milestone.PATIENT_ENDED, 2.0, TourAction.HINT,
             "That's the tour. The demo keeps running: try the other demo callers."),
)


def due_steps(
    steps: Iterable[TourStep],
    reached: Mapping[Milestone, float],
    fired: set[str] | frozenset[str],
    now: float,
    time_scale: float = 1.0,
) -> list[TourStep]:
    """Steps whose milestone was reached at least ``delay_s * time_scale`` ago, not yet fired, in
    the order they become due."""
    due = [
        (reached[step.after] + step.delay_s * time_scale, index, step)
        for index, step in enumerate(steps)
        if step.name not in fired and step.after in reached
        and reached[step.after] + step.delay_s * time_scale <= now
    ]
    return [step for _at, _index, step in sorted(due, key=lambda item: (item[0], item[1]))]


def milestone_of(event: DemoEvent) -> Milestone | None:
    """Which milestone a switchboard event marks, if any."""
    if not isinstance(event, PartyCallChanged):
        return None
    if event.role is Role.PATIENT and event.direction is CallDirection.TO_AGENT:
        if event.state is PartyCallState.TALKING:
            return Milestone.PATIENT_ANSWERED
        if event.state is PartyCallState.ENDED:
            return Milestone.PATIENT_ENDED
    if event.state is PartyCallState.TALKING:
        if event.role is Role.CLINICIAN:
            return Milestone.CLINICIAN_ANSWERED
        if event.role is Role.SUPERVISOR:
            return Milestone.SUPERVISOR_JOINED
    return None


@dataclass(frozen=True, slots=True)
class TourStepFired:
    """Given to ``on_step``: what the tour just did (``error`` set if the switchboard refused)."""

    step: TourStep
    error: str | None = None


class DemoTour:
    """Runs a tour against a started ``DemoSwitchboard`` (or anything with the same methods)."""

    def __init__(
        self,
        switchboard: Any,
        on_step: Callable[[TourStepFired], None],
        steps: tuple[TourStep, ...] = TWO_MINUTE_TOUR,
        *,
        caller_key: str = TOUR_CALLER,
        time_scale: float = 1.0,  # < 1 runs the tour faster (tests)
        tick_s: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._switchboard = switchboard
        self._on_step = on_step
        self._steps = steps
        self._caller_key = caller_key
        self._time_scale = time_scale
        self._tick_s = tick_s
        self._clock = clock
        self._reached: dict[Milestone, float] = {}
        self._fired: set[str] = set()
        self._patient_call: str | None = None
        self._supervisor_call: str | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def finished(self) -> bool:
        return all(step.name in self._fired for step in self._steps)

    def start(self) -> None:
        self._unsubscribe = self._switchboard.subscribe(self.on_event)
        with self._lock:
            self._reached[Milestone.START] = self._clock()
        self._thread = threading.Thread(target=self._run, name="demo-tour", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)

    def on_event(self, event: DemoEvent) -> None:
        milestone = milestone_of(event)
        if milestone is None:
            return
        assert isinstance(event, PartyCallChanged)
        with self._lock:
            if milestone is Milestone.PATIENT_ANSWERED and event.call_id != self._patient_call:
                return  # another caller (the agent is trying the demo callers): not the tour's
            if milestone is Milestone.SUPERVISOR_JOINED:
                self._supervisor_call = event.call_id
            self._reached.setdefault(milestone, self._clock())

    def tick(self) -> list[TourStep]:
        """Fire whatever is due now (the thread calls this; tests may call it directly)."""
        with self._lock:
            steps = due_steps(self._steps, self._reached, self._fired, self._clock(), self._time_scale)
            self._fired.update(step.name for step in steps)
        for step in steps:
            self._fire(step)
        return steps

    def _run(self) -> None:
        while not self._stop.wait(self._tick_s):
            self.tick()
            if self.finished:
                return

    def _fire(self, step: TourStep) -> None:
        log.info("demo tour: %s", step.name)
        try:
            future = self._start_action(step.action)
        except Exception as error:  # noqa: BLE001 - a tour step failing must not end the demo
            self._report(step, f"{type(error).__name__}: {error}")
            return
        if future is None:
            self._report(step, None)
            return
        future.add_done_callback(lambda done: self._after_action(step, done))

    def _start_action(self, action: TourAction) -> Future[Any] | None:
        if action is TourAction.PLACE_PATIENT_CALL:
            return self._switchboard.place_patient_call(self._caller_key)
        if action is TourAction.SUPERVISOR_LISTENS:
            return self._switchboard.call_as_supervisor("listen")
        if action is TourAction.SUPERVISOR_WHISPERS and self._supervisor_call:
            return self._switchboard.change_supervision_mode(self._supervisor_call, "whisper")
        if action is TourAction.PATIENT_HANGS_UP and self._patient_call:
            return self._switchboard.hang_up(self._patient_call)
        return None

    def _after_action(self, step: TourStep, done: Future[Any]) -> None:
        error = done.exception()
        if error is None and step.action is TourAction.PLACE_PATIENT_CALL:
            with self._lock:
                self._patient_call = done.result()
        self._report(step, None if error is None else f"{type(error).__name__}: {error}")

    def _report(self, step: TourStep, error: str | None) -> None:
        try:
            self._on_step(TourStepFired(step, error))
        except Exception:  # noqa: BLE001
            log.exception("demo tour subscriber failed")
