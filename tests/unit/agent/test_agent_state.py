"""The agent state machine: who is offered calls, wrap-up needs a disposition, every change recorded."""

from __future__ import annotations

import pytest

from softphone.agent.state import AgentState, AgentStateError, AgentStateMachine

DISPOSITIONS = ("Advice given", "Escalated to clinician")
BREAKS = ("Lunch", "Training")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def machine(clock: Clock | None = None, **kwargs) -> AgentStateMachine:
    return AgentStateMachine(DISPOSITIONS, BREAKS, wrap_up_s=30, monotonic=clock or Clock(), **kwargs)


def test_only_available_agents_and_call_waiting_are_offered_calls():
    agent = machine()
    assert agent.state is AgentState.AVAILABLE and agent.offers_calls()
    agent.call_started("call-1")
    assert agent.state is AgentState.ON_CALL and agent.offers_calls()  # call waiting
    agent.call_waiting = False
    assert not agent.offers_calls()
    agent.all_calls_ended(["call-1"])
    assert agent.state is AgentState.WRAP_UP and not agent.offers_calls()
    agent.submit_disposition("Advice given")
    agent.take_break("Lunch")
    assert agent.state is AgentState.BREAK and agent.break_reason == "Lunch" and not agent.offers_calls()
    agent.go_offline()
    assert agent.state is AgentState.OFFLINE and not agent.offers_calls()
    agent.go_available()
    assert agent.offers_calls()


def test_wrap_up_requires_a_provisioned_disposition_and_counts_down():
    clock = Clock()
    agent = machine(clock)
    agent.call_started("call-1")
    agent.all_calls_ended(["call-1"])
    assert agent.wrap_up_remaining_s() == 30
    with pytest.raises(AgentStateError):
        agent.go_available()
    with pytest.raises(AgentStateError):
        agent.submit_disposition("made up")
    clock.now += 29
    assert not agent.tick() and not agent.wrap_up_overdue()
    clock.now += 2
    assert agent.tick() is True  # announced once
    assert agent.tick() is False
    assert agent.wrap_up_overdue() and agent.state is AgentState.WRAP_UP  # overdue never skips the code
    change = agent.submit_disposition("Escalated to clinician")
    assert change.disposition == "Escalated to clinician" and change.call_ids == ("call-1",)
    assert agent.state is AgentState.AVAILABLE and agent.wrap_up_remaining_s() is None


def test_break_asked_during_a_call_follows_the_wrap_up():
    agent = machine()
    agent.call_started("call-1")
    agent.take_break("Training")
    assert agent.state is AgentState.ON_CALL and agent.pending_after_wrap_up is AgentState.BREAK
    agent.all_calls_ended(["call-1"])
    agent.submit_disposition("Advice given")
    assert agent.state is AgentState.BREAK and agent.break_reason == "Training"
    with pytest.raises(AgentStateError):
        agent.take_break("Nap")


def test_a_call_during_wrap_up_keeps_the_owed_disposition():
    agent = machine()
    agent.call_started("call-1")
    agent.all_calls_ended(["call-1"])
    agent.call_started("call-2")  # calling the patient back
    agent.all_calls_ended(["call-2"])
    assert agent.wrap_up_calls == ("call-1", "call-2")


def test_changes_are_recorded_and_announced_to_listeners():
    agent = machine()
    seen = []
    agent.add_listener(seen.append)
    agent.add_listener(lambda change: 1 / 0)  # a broken recorder does not block the agent
    agent.take_break("Lunch")
    agent.go_available()
    assert [(c.previous, c.state) for c in seen] == [
        (AgentState.AVAILABLE, AgentState.BREAK),
        (AgentState.BREAK, AgentState.AVAILABLE),
    ]
    assert seen[0].reason == "Lunch"
    assert [c.state for c in agent.history] == [AgentState.AVAILABLE, AgentState.BREAK, AgentState.AVAILABLE]
    assert all(c.at.tzinfo is not None for c in agent.history)


def test_configuration_is_checked():
    with pytest.raises(ValueError):
        AgentStateMachine((), BREAKS)
    with pytest.raises(ValueError):
        AgentStateMachine(DISPOSITIONS, BREAKS, initial=AgentState.WRAP_UP)
    assert AgentStateMachine(DISPOSITIONS, BREAKS, initial=AgentState.OFFLINE).state is AgentState.OFFLINE
