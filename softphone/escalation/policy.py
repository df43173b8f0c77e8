"""From the provisioned policy (``settings.escalation``), a reason and the patient's context to a
``Plan``; and which reason the picker pre-selects from the note's red flags.

Pure functions: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from softphone.config.model import EscalationSettings
from softphone.escalation.model import Mode, Plan, Target, Urgency
from softphone.patients.model import OnCallClinician, PatientContext

CARE_TEAM_TARGET_ID = "care-team"
_URGENCY_RANK = {Urgency.EMERGENCY: 0, Urgency.URGENT: 1, Urgency.ROUTINE: 2}


class UnknownReason(ValueError):
    pass


def build_plan(
    policy: EscalationSettings,
    reason_code: str,
    patient: PatientContext | None = None,
    mode: Mode | str | None = None,
) -> Plan:
    """The ordered targets for ``reason_code``; the patient's care-team on-call clinician first
    when the policy says so and the EHR gives a phone number for them. ``mode`` overrides the
    reason's and the policy's mode for this press."""
    reason = policy.reason(reason_code)
    if reason is None:
        raise UnknownReason(f"no escalation reason {reason_code!r} in the policy")
    targets: list[Target] = []
    if policy.care_team_first and patient is not None:
        clinician = _care_team_clinician(patient.on_call)
        if clinician is not None and clinician.phone:
            title = clinician.display_name + (f" ({clinician.role})" if clinician.role else "")
            targets.append(Target(CARE_TEAM_TARGET_ID, f"{title} — care team"[:96], clinician.phone,
                                  policy.ring_timeout_s, source="care_team"))
    seen = {target.destination for target in targets}
    for target_id in reason.targets:
        configured = policy.target(target_id)
        if configured is None or configured.destination in seen:
            continue  # validation makes the first impossible; the second: do not ring one phone twice
        seen.add(configured.destination)
        targets.append(Target(configured.id, configured.title, configured.destination,
                              configured.ring_timeout_s or policy.ring_timeout_s))
    chosen = Mode(mode) if mode else Mode(reason.mode or policy.mode)
    return Plan(reason.code, reason.label, Urgency(reason.urgency), chosen, tuple(targets), reason.fallback)


def _care_team_clinician(on_call: Sequence[OnCallClinician]) -> OnCallClinician | None:
    return next((clinician for clinician in on_call if clinician.phone), None)


def preselected_reason(policy: EscalationSettings, red_flag_codes: Iterable[str]) -> str | None:
    """The reason to pre-select: the most urgent policy reason among the note's red flags
    (first detected wins a tie); None when the note flags nothing the policy knows."""
    best: tuple[int, int, str] | None = None
    for index, code in enumerate(red_flag_codes):
        reason = policy.reason(code)
        if reason is None:
            continue
        key = (_URGENCY_RANK[Urgency(reason.urgency)], index, code)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def is_instant(policy: EscalationSettings, reason_code: str | None) -> bool:
    """Instant mode: this (pre-selected) reason escalates on the press, without the picker."""
    return reason_code is not None and reason_code in policy.instant_reasons
