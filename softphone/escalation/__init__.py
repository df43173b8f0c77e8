"""Escalation: one press brings the right on-call clinician into the live call (no Qt here).

    policy = settings.escalation                                  # provisioned, validated
    reason = preselected_reason(policy, [f.reason_code for f in detect_red_flags(note_text)])
    service = EscalationService(engine.submit, scene, policy, agent_id=..., account_id=...,
                                schedule=..., cancel_timer=..., dispatch=...)
    service.on_update(progress_view.show); service.on_alert(supervision.alert)
    service.on_record(EscalationRecordWriter(database, call_record_id))  # also links it to the call's note
    service.start(patient_call_id, reason, patient=context)        # hunting starts
    service.skip() / cancel() / join() / hand_off() / stay()       # stay: no automatic hand-off
    desktop filter: service.claims(event)                          # clinician legs are not the agent's calls

The service drives only the routing scene (``softphone.agent.call_scene.CallSceneOwner``), which
applies ``sip.routing.compute_routes``; see service.py for the states.
"""

from softphone.escalation.headers import CONTEXT_HEADERS, context_headers
from softphone.escalation.model import (
    Attempt,
    AttemptOutcome,
    Escalation,
    Mode,
    Phase,
    Plan,
    Target,
    Urgency,
)
from softphone.escalation.policy import CARE_TEAM_TARGET_ID, UnknownReason, build_plan, is_instant, preselected_reason
from softphone.escalation.service import EscalationError, EscalationService, SupervisorAlert, outcome_for_status

__all__ = [
    "CARE_TEAM_TARGET_ID",
    "CONTEXT_HEADERS",
    "Attempt",
    "AttemptOutcome",
    "Escalation",
    "EscalationError",
    "EscalationService",
    "Mode",
    "Phase",
    "Plan",
    "SupervisorAlert",
    "Target",
    "UnknownReason",
    "Urgency",
    "build_plan",
    "context_headers",
    "is_instant",
    "outcome_for_status",
    "preselected_reason",
]
