"""The call controller: engine events -> view model; intents -> engine commands. No SIP, no screen."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import datetime, timedelta, timezone

import pytest

from softphone.agent import (
    AgentState,
    AgentStateMachine,
    CallController,
    CallHistory,
    CallOutcome,
    CallPhase,
    Direction,
    QualityLevel,
    normalise_destination,
)
from softphone.sip import commands as cmd
from softphone.sip.events import (
    CallDirection,
    CallerIdentity,
    CallMediaChanged,
    CallQuality,
    CallState,
    CallStateChanged,
    IdentitySource,
    IncomingCall,
    MediaState,
    MuteChanged,
    RegistrationChanged,
    RegistrationState,
    TransferProgress,
)


class FakeEngine:
    def __init__(self) -> None:
        self.sent: list[object] = []
        self.fail: set[type] = set()

    def submit(self, command: object) -> Future:
        self.sent.append(command)
        future: Future = Future()
        if type(command) in self.fail:
            future.set_exception(RuntimeError("boom"))
        else:
            future.set_result("call-9" if isinstance(command, cmd.MakeCall) else None)
        return future

    def take(self) -> list[object]:
        sent, self.sent = self.sent, []
        return sent


class Clocks:
    def __init__(self) -> None:
        self.mono = 100.0
        self.wall = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def controller(engine: FakeEngine, clocks: Clocks) -> CallController:
    agent = AgentStateMachine(("Advice given", "Other"), ("Lunch",), wrap_up_s=30, monotonic=lambda: clocks.mono)
    controller = CallController(
        engine.submit, agent, CallHistory(), monotonic=lambda: clocks.mono, wall_clock=lambda: clocks.wall
    )
    controller.account_id = "agent@example.org"
    return controller


def incoming(call_id: str, name: str = "Ann Patient", uri: str = "sip:+34600111222@example.org",
             source: IdentitySource = IdentitySource.FROM) -> IncomingCall:
    return IncomingCall(call_id, "agent@example.org", uri, name, CallerIdentity(uri, name, source))


def state(call_id: str, new: CallState, direction=CallDirection.INCOMING, code: int = 200) -> CallStateChanged:
    return CallStateChanged(call_id, "agent@example.org", new, direction, "sip:x@example.org", "", None, code, "")


def answer_call(controller: CallController, engine: FakeEngine, call_id: str) -> None:
    controller.answer(call_id)
    controller.handle_event(state(call_id, CallState.CONFIRMED))
    controller.handle_event(CallMediaChanged(call_id, MediaState.ACTIVE))


def test_incoming_call_rings_then_talks_with_a_timer_and_the_agent_goes_on_call(controller, engine, clocks):
    changes, rings = [], []
    controller.on_change(changes.append)
    controller.on_incoming(rings.append)
    controller.handle_event(incoming("call-1", source=IdentitySource.P_ASSERTED_IDENTITY))
    assert rings[0].phase is CallPhase.RINGING and rings[0].party == "Ann Patient" and rings[0].asserted
    assert controller.focus().call_id == "call-1"

    clocks.advance(3)
    controller.answer()
    assert engine.take() == [cmd.Answer("call-1")]
    controller.handle_event(state("call-1", CallState.CONFIRMED))
    view = controller.get("call-1")
    assert view.phase is CallPhase.TALKING and view.connected_at == clocks.mono
    assert controller.agent.state is AgentState.ON_CALL

    controller.handle_event(CallQuality("call-1", 5.0, 0.0, 0.0, 20.0, 50, "G722", mos=4.3))
    assert controller.get("call-1").quality is QualityLevel.GOOD
    controller.handle_event(CallQuality("call-1", 60.0, 8.0, 0.0, 300.0, 50, "G722", mos=3.1))
    assert controller.get("call-1").quality is QualityLevel.POOR


def test_hold_mute_dtmf_transfer_hangup_become_engine_commands(controller, engine):
    controller.handle_event(incoming("call-1"))
    answer_call(controller, engine, "call-1")
    engine.take()

    controller.toggle_hold()
    controller.handle_event(CallMediaChanged("call-1", MediaState.LOCAL_HOLD))
    assert controller.get("call-1").phase is CallPhase.HELD
    controller.toggle_hold()
    controller.handle_event(CallMediaChanged("call-1", MediaState.ACTIVE))
    controller.toggle_mute()
    controller.handle_event(MuteChanged("call-1", True))
    assert controller.get("call-1").muted
    controller.send_dtmf("12#")
    controller.blind_transfer("sip:reception@example.org")
    controller.handle_event(TransferProgress("call-1", 180, "Ringing", False))
    assert controller.get("call-1").transfer_status == "ringing"
    controller.hangup()
    assert engine.take() == [
        cmd.Hold("call-1"), cmd.Resume("call-1"), cmd.SetMute("call-1", True), cmd.SendDtmf("call-1", "12#"),
        cmd.BlindTransfer("call-1", "sip:reception@example.org"), cmd.Hangup("call-1"),
    ]
    assert not controller.send_dtmf("x").exception() is None


def test_second_call_while_on_a_call_puts_the_first_on_hold_when_answered(controller, engine):
    controller.handle_event(incoming("call-1"))
    answer_call(controller, engine, "call-1")
    engine.take()
    rings = []
    controller.on_incoming(rings.append)
    controller.handle_event(incoming("call-2", name="Second Caller"))
    assert rings and rings[0].call_id == "call-2"  # call waiting: offered, not busy
    assert controller.focus().call_id == "call-1"  # the talking call keeps the big controls
    controller.answer("call-2")
    assert engine.take() == [cmd.Hold("call-1"), cmd.Answer("call-2")]
    controller.handle_event(CallMediaChanged("call-1", MediaState.LOCAL_HOLD))
    answer_call(controller, engine, "call-2")
    assert controller.get("call-1").phase is CallPhase.HELD
    assert controller.focus().call_id == "call-2"

    # The second call ends: no wrap-up yet, the first is still up.
    controller.handle_event(state("call-2", CallState.DISCONNECTED))
    assert controller.agent.state is AgentState.ON_CALL
    controller.resume("call-1")
    assert engine.take()[-1] == cmd.Resume("call-1")
    controller.handle_event(state("call-1", CallState.DISCONNECTED))
    assert controller.agent.state is AgentState.WRAP_UP
    assert controller.agent.wrap_up_calls == ("call-2", "call-1")


def test_not_available_means_busy_without_ringing(controller, engine):
    controller.agent.take_break("Lunch")
    rings = []
    controller.on_incoming(rings.append)
    controller.handle_event(incoming("call-1"))
    assert engine.take() == [cmd.Reject.busy("call-1")]
    assert rings == [] and controller.calls() == ()  # busy calls are invisible to the agent view
    controller.handle_event(state("call-1", CallState.DISCONNECTED, code=486))
    assert controller.history.entries()[0].outcome is CallOutcome.BUSY


def test_history_records_duration_outcome_and_disposition_and_redials(controller, engine, clocks):
    persisted = []
    controller.history.add_listener(persisted.append)
    controller.handle_event(incoming("call-1"))
    clocks.advance(2)
    answer_call(controller, engine, "call-1")
    clocks.advance(65)
    controller.handle_event(state("call-1", CallState.DISCONNECTED))
    entry = controller.history.entries()[0]
    assert entry.direction is Direction.INCOMING and entry.outcome is CallOutcome.ANSWERED
    assert entry.duration_s == 65 and entry.disposition is None
    controller.submit_disposition("Advice given")
    assert controller.history.entries()[0].disposition == "Advice given"
    assert [p.disposition for p in persisted] == [None, "Advice given"]
    assert controller.agent.state is AgentState.AVAILABLE

    controller.handle_event(incoming("call-2"))
    controller.decline()
    assert engine.take()[-1] == cmd.Reject.decline("call-2")
    controller.handle_event(state("call-2", CallState.DISCONNECTED, code=603))
    assert controller.history.entries()[0].outcome is CallOutcome.MISSED
    assert controller.agent.state is AgentState.AVAILABLE  # a declined call needs no wrap-up

    controller.redial("call-1")
    assert engine.take() == [cmd.MakeCall("agent@example.org", "sip:+34600111222@example.org")]


def test_outgoing_call_appears_from_engine_events(controller, engine):
    controller.dial("tel:+34 600 111 222")
    assert engine.take() == [cmd.MakeCall("agent@example.org", "+34600111222")]
    controller.handle_event(state("call-9", CallState.CALLING, CallDirection.OUTGOING, 0))
    assert controller.get("call-9").phase is CallPhase.DIALING
    controller.handle_event(state("call-9", CallState.DISCONNECTED, CallDirection.OUTGOING, 404))
    assert controller.history.entries()[0].outcome is CallOutcome.FAILED


def test_failed_commands_become_notices_through_dispatch(engine, clocks):
    dispatched = []
    agent = AgentStateMachine(("Other",), ("Lunch",))
    controller = CallController(engine.submit, agent, dispatch=dispatched.append)
    notices = []
    controller.on_notice(notices.append)
    controller.handle_event(incoming("call-1"))
    engine.fail.add(cmd.Answer)
    controller.answer()
    assert notices == [] and len(dispatched) == 1  # reported on the GUI thread, later
    dispatched[0]()
    assert notices[0].text == "Could not answer." and notices[0].call_id == "call-1"


def test_registration_events_reach_listeners(controller):
    seen = []
    controller.on_registration(seen.append)
    event = RegistrationChanged("agent@example.org", RegistrationState.FAILED, 403, "Forbidden")
    controller.handle_event(event)
    assert seen == [event] and controller.registration is event


@pytest.mark.parametrize("raw, expected", [
    ("sip:nurse@example.org", "sip:nurse@example.org"),
    ("tel:+1-555-0100;phone-context=x", "+15550100"),
    ("600 111 222", "600111222"),
    ("2001", "2001"),
])
def test_destinations_are_normalised(raw, expected):
    assert normalise_destination(raw) == expected


@pytest.mark.parametrize("raw", ["", "sip:a b@c", "javascript:alert(1)", "tel:<b>", "x" * 100])
def test_bad_destinations_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_destination(raw)
