"""The agent's desktop logic without Qt: availability (state machine), calls (controller), history.

    agent = AgentStateMachine(settings.agent.dispositions, settings.agent.break_reasons,
                              wrap_up_s=settings.agent.wrap_up_s)
    calls = CallController(engine.submit, agent, CallHistory(), dispatch=gui_dispatch)
    engine events (on the GUI thread) -> calls.handle_event(event)
"""

from softphone.lazy_exports import lazy_exports

# Imported on first use (softphone.lazy_exports): the main window needs a few light modules of this
# package before it is shown, not the whole package.
__all__, __getattr__ = lazy_exports(__name__, {
    "call_view": ("CallPhase", "CallView", "QualityLevel", "quality_level"),
    "calls": ("CallController", "CommandFailed", "ControllerNotice", "normalise_destination"),
    "history": ("CallHistory", "CallOutcome", "Direction", "HistoryEntry"),
    "state": ("AgentState", "AgentStateError", "AgentStateMachine", "StateChange"),
})
