"""The agent's desktop logic without Qt: availability (state machine), calls (controller), history.

    agent = AgentStateMachine(settings.agent.dispositions, settings.agent.break_reasons,
                              wrap_up_s=settings.agent.wrap_up_s)
    calls = CallController(engine.submit, agent, CallHistory(), dispatch=gui_dispatch)
    engine events (on the GUI thread) -> calls.handle_event(event)
"""

from softphone.agent.calls import (
    CallController,
    CallPhase,
    CallView,
    CommandFailed,
    ControllerNotice,
    QualityLevel,
    normalise_destination,
    quality_level,
)
from softphone.agent.history import CallHistory, CallOutcome, Direction, HistoryEntry
from softphone.agent.state import AgentState, AgentStateError, AgentStateMachine, StateChange

__all__ = [
    "AgentState",
    "AgentStateError",
    "AgentStateMachine",
    "CallController",
    "CallHistory",
    "CallOutcome",
    "CallPhase",
    "CallView",
    "CommandFailed",
    "ControllerNotice",
    "Direction",
    "HistoryEntry",
    "QualityLevel",
    "StateChange",
    "normalise_destination",
    "quality_level",
]
