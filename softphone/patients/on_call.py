"""Who to call now: the on-call clinician of the patient's care team, and how "on call" is marked.

FHIR R4 has no standard code for "on call", so we define one and ask IT to map their EHR's
marking onto it (an EHR interface engine or a FHIR facade can add a coding). A care-team member is
on call when, at the moment of the lookup:

1. ``CareTeam.participant.role`` has a coding ``urn:softphone:care-team-role|on-call`` (the system
   is configurable through :class:`OnCallRule`), and ``participant.period`` (if any) covers now; or
2. the participant's member is a ``PractitionerRole`` whose ``code`` has that coding, whose
   ``period`` (if any) covers now and which is not ``active: false``: rosters that rotate on-call
   duty by editing PractitionerRole rather than every CareTeam.

Only active CareTeams count (status ``active``, or no status). The phone is the member's current
``PractitionerRole.telecom`` (the on-call pager or mobile), else the ``Practitioner.telecom``:
phone, then pager, then sms; ``use=mobile`` before ``work``; lower ``rank`` first; old or ended
numbers never.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from softphone.patients.fhir_values import (
    codeable_text,
    contact_point_is_old,
    has_code,
    human_name_text,
    period_covers,
    reference_display,
    reference_target,
)
from softphone.patients.model import OnCallClinician
from softphone.patients.untrusted_text import CODE_TEXT_MAX, NAME_MAX, PHONE_MAX, clean_optional

ON_CALL_ROLE_SYSTEM = "urn:softphone:care-team-role"
ON_CALL_ROLE_CODE = "on-call"

_PHONE_SYSTEM_ORDER = {"phone": 0, "pager": 1, "sms": 2}
_PHONE_USE_ORDER = {"mobile": 0, "work": 1}


@dataclass(frozen=True)
class OnCallRule:
    code: str = ON_CALL_ROLE_CODE
    # None accepts the code in any system, for EHRs that cannot set ours.
    system: str | None = ON_CALL_ROLE_SYSTEM

    def marks(self, concept: Any) -> bool:
        return has_code(concept, [self.code], self.system)


DEFAULT_ON_CALL_RULE = OnCallRule()


def care_team_is_active(care_team: Any) -> bool:
    return care_team.status in (None, "active")


def on_call_clinicians(
    care_teams: list[Any],
    practitioner_roles: Mapping[str, Any],
    practitioners: Mapping[str, Any],
    now: datetime,
    rule: OnCallRule = DEFAULT_ON_CALL_RULE,
) -> tuple[OnCallClinician, ...]:
    """The on-call clinicians of the active care teams, the ones with a phone number first."""
    found: list[OnCallClinician] = []
    seen: set[tuple[str | None, str | None]] = set()
    for care_team in care_teams:
        if not care_team_is_active(care_team):
            continue
        for participant in care_team.participant or []:
            clinician = _on_call_clinician(care_team, participant, practitioner_roles, practitioners, now, rule)
            if clinician and (clinician.practitioner_id, clinician.phone) not in seen:
                seen.add((clinician.practitioner_id, clinician.phone))
                found.append(clinician)
    found.sort(key=lambda clinician: clinician.phone is None)
    return tuple(found)


def member_references(care_teams: list[Any]) -> tuple[set[str], set[str]]:
    """Ids of the PractitionerRoles and Practitioners that active care teams point to."""
    role_ids: set[str] = set()
    practitioner_ids: set[str] = set()
    for care_team in care_teams:
        if not care_team_is_active(care_team):
            continue
        for participant in care_team.participant or []:
            target = reference_target(participant.member)
            if target and target[0] == "PractitionerRole":
                role_ids.add(target[1])
            elif target and target[0] == "Practitioner":
                practitioner_ids.add(target[1])
    return role_ids, practitioner_ids


def _on_call_clinician(
    care_team: Any,
    participant: Any,
    practitioner_roles: Mapping[str, Any],
    practitioners: Mapping[str, Any],
    now: datetime,
    rule: OnCallRule,
) -> OnCallClinician | None:
    if not period_covers(participant.period, now):
        return None
    target = reference_target(participant.member)
    role = practitioner_roles.get(target[1]) if target and target[0] == "PractitionerRole" else None
    if role is not None and (role.active is False or not period_covers(role.period, now)):
        role = None
    marked_on_participant = any(rule.marks(concept) for concept in participant.role or [])
    marked_on_role = role is not None and any(rule.marks(concept) for concept in role.code or [])
    if not (marked_on_participant or marked_on_role):
        return None

    practitioner = None
    if role is not None:
        practitioner_target = reference_target(role.practitioner)
        practitioner = practitioners.get(practitioner_target[1]) if practitioner_target else None
    elif target and target[0] == "Practitioner":
        practitioner = practitioners.get(target[1])

    name = (
        (human_name_text(practitioner.name) if practitioner is not None else None)
        or (reference_display(role.practitioner) if role is not None else None)
        or reference_display(participant.member)
    )
    if not name:
        return None
    phone = _best_phone(role.telecom if role is not None else None, now) or _best_phone(
        practitioner.telecom if practitioner is not None else None, now
    )
    return OnCallClinician(
        display_name=clean_optional(name, NAME_MAX) or name,
        role=_role_text(participant, role, rule),
        phone=phone,
        practitioner_id=str(practitioner.id) if practitioner is not None and practitioner.id else None,
        care_team=clean_optional(care_team.name, CODE_TEXT_MAX),
    )


def _role_text(participant: Any, role: Any, rule: OnCallRule) -> str | None:
    """What the clinician is (cardiologist, nurse...) rather than the on-call marker itself."""
    concepts = [
        *(participant.role or []),
        *((role.code or []) if role is not None else []),
        *((role.specialty or []) if role is not None else []),
    ]
    for concept in concepts:
        if concept.text and not rule.marks(concept):
            return codeable_text(concept)
        for coding in concept.coding or []:
            if coding.code == rule.code and (rule.system is None or coding.system == rule.system):
                continue
            if coding.display or coding.code:
                return clean_optional(coding.display or coding.code, CODE_TEXT_MAX)
    return None


def _best_phone(telecoms: Any, now: datetime) -> str | None:
    usable = [
        cp
        for cp in telecoms or []
        if cp.value and cp.system in _PHONE_SYSTEM_ORDER and not contact_point_is_old(cp, now)
    ]
    if not usable:
        return None
    best = min(
        usable,
        key=lambda cp: (
            _PHONE_SYSTEM_ORDER[cp.system],
            _PHONE_USE_ORDER.get(cp.use or "", 2),
            cp.rank if cp.rank is not None else 1_000_000,
        ),
    )
    return clean_optional(best.value, PHONE_MAX)
