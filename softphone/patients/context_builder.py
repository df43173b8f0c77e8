"""From the FHIR resources of one patient to the :class:`PatientContext` the agent sees.

Directories fetch (the FHIR one asks the server to filter, the demo one hands over everything) and
this module decides, the same way for both: what counts as an active allergy, condition,
medication and care plan, which encounters are the last three, who is on call. Filtering again
here is deliberate: a server that ignores a status parameter must not put a resolved condition
or a stopped medication in front of the agent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from softphone.patients.fhir_values import (
    age_in_years,
    as_date,
    as_datetime,
    codeable_text,
    codes_of,
    human_name_text,
    reference_display,
    reference_target,
)
from softphone.patients.model import (
    ActiveCarePlan,
    ActiveCondition,
    Allergy,
    ContextSection,
    CurrentMedication,
    PatientContext,
    RecentEncounter,
)
from softphone.patients.on_call import DEFAULT_ON_CALL_RULE, OnCallRule, on_call_clinicians
from softphone.patients.patient_identity import UNKNOWN_NAME, mrn_of, preferred_language
from softphone.patients.untrusted_text import CODE_TEXT_MAX, NOTE_MAX, clean_optional

RECENT_ENCOUNTER_COUNT = 3
# Caps per section: a patient with 400 historical conditions still gets a readable panel.
MAX_ITEMS_PER_SECTION = 50

_REFUTED_OR_ERROR = {"refuted", "entered-in-error"}
# Recurrence and relapse are active conditions in the condition-clinical hierarchy.
_ACTIVE_CONDITION_STATUSES = {"active", "recurrence", "relapse"}
_CLOSED_ENCOUNTER_STATUSES = {"cancelled", "entered-in-error"}


@dataclass
class PatientRecord:
    """The raw resources of one patient; ``None`` for a section that could not be fetched."""

    patient: Any
    allergies: list[Any] | None = field(default_factory=list)
    conditions: list[Any] | None = field(default_factory=list)
    medication_requests: list[Any] | None = field(default_factory=list)
    medications: dict[str, Any] = field(default_factory=dict)  # Medication by id, for references
    care_plans: list[Any] | None = field(default_factory=list)
    encounters: list[Any] | None = field(default_factory=list)
    care_teams: list[Any] | None = field(default_factory=list)
    practitioner_roles: dict[str, Any] = field(default_factory=dict)
    practitioners: dict[str, Any] = field(default_factory=dict)


def build_patient_context(
    record: PatientRecord,
    *,
    now: datetime,
    mrn_system: str | None = None,
    on_call_rule: OnCallRule = DEFAULT_ON_CALL_RULE,
) -> PatientContext:
    patient = record.patient
    today = now.date()
    birth_date = as_date(patient.birthDate)
    unavailable = tuple(
        section
        for section, resources in (
            (ContextSection.ALLERGIES, record.allergies),
            (ContextSection.CONDITIONS, record.conditions),
            (ContextSection.MEDICATIONS, record.medication_requests),
            (ContextSection.CARE_PLANS, record.care_plans),
            (ContextSection.ENCOUNTERS, record.encounters),
            (ContextSection.CARE_TEAM, record.care_teams),
        )
        if resources is None
    )
    return PatientContext(
        patient_id=str(patient.id),
        display_name=human_name_text(patient.name) or UNKNOWN_NAME,
        birth_date=birth_date,
        age_years=age_in_years(birth_date, today),
        gender=clean_optional(patient.gender, 20),
        mrn=mrn_of(patient, mrn_system),
        preferred_language=preferred_language(patient),
        allergies=_allergies(record.allergies or []),
        conditions=_conditions(record.conditions or []),
        medications=_medications(record.medication_requests or [], record.medications),
        care_plans=_care_plans(record.care_plans or []),
        recent_encounters=_recent_encounters(record.encounters or []),
        on_call=on_call_clinicians(
            record.care_teams or [], record.practitioner_roles, record.practitioners, now, on_call_rule
        ),
        unavailable_sections=unavailable,
    )


def _allergies(resources: list[Any]) -> tuple[Allergy, ...]:
    allergies = []
    for resource in resources:
        clinical = codes_of(resource.clinicalStatus)
        if clinical & {"inactive", "resolved"} or codes_of(resource.verificationStatus) & _REFUTED_OR_ERROR:
            continue
        substance = codeable_text(resource.code) or _first_reaction_substance(resource)
        if not substance:
            continue
        reactions = tuple(
            text
            for reaction in resource.reaction or []
            for manifestation in reaction.manifestation or []
            if (text := codeable_text(manifestation))
        )
        allergies.append(
            Allergy(
                substance=substance,
                criticality=clean_optional(resource.criticality, 20),
                reactions=reactions[:10],
                category=clean_optional(", ".join(resource.category or []), 60),
            )
        )
    # High criticality first: the line an agent must not miss.
    allergies.sort(key=lambda allergy: (allergy.criticality != "high", allergy.substance.lower()))
    return tuple(allergies[:MAX_ITEMS_PER_SECTION])


def _first_reaction_substance(resource: Any) -> str | None:
    for reaction in resource.reaction or []:
        text = codeable_text(reaction.substance)
        if text:
            return text
    return None


def _conditions(resources: list[Any]) -> tuple[ActiveCondition, ...]:
    conditions = []
    for resource in resources:
        if not codes_of(resource.clinicalStatus) & _ACTIVE_CONDITION_STATUSES:
            continue
        if codes_of(resource.verificationStatus) & _REFUTED_OR_ERROR:
            continue
        description = codeable_text(resource.code)
        if description:
            conditions.append(ActiveCondition(description, as_date(resource.onsetDateTime)))
    conditions.sort(key=lambda condition: condition.description.lower())
    return tuple(conditions[:MAX_ITEMS_PER_SECTION])


def _medications(resources: list[Any], medications_by_id: dict[str, Any]) -> tuple[CurrentMedication, ...]:
    current = []
    for resource in resources:
        if resource.status != "active":
            continue
        description = codeable_text(resource.medicationCodeableConcept)
        if description is None and resource.medicationReference is not None:
            target = reference_target(resource.medicationReference)
            medication = medications_by_id.get(target[1]) if target and target[0] == "Medication" else None
            description = (codeable_text(medication.code) if medication is not None else None) or reference_display(
                resource.medicationReference
            )
        if not description:
            continue
        dosage = next(
            (clean_optional(dose.text, NOTE_MAX) for dose in resource.dosageInstruction or [] if dose.text), None
        )
        current.append(CurrentMedication(description, dosage))
    current.sort(key=lambda medication: medication.description.lower())
    return tuple(current[:MAX_ITEMS_PER_SECTION])


def _care_plans(resources: list[Any]) -> tuple[ActiveCarePlan, ...]:
    plans = []
    for resource in resources:
        if resource.status != "active":
            continue
        title = clean_optional(resource.title, CODE_TEXT_MAX) or next(
            (text for concept in resource.category or [] if (text := codeable_text(concept))), None
        )
        if not title:
            continue
        plans.append(
            ActiveCarePlan(
                title=title,
                description=clean_optional(resource.description, NOTE_MAX),
                period_end=as_date(resource.period.end) if resource.period else None,
            )
        )
    return tuple(plans[:MAX_ITEMS_PER_SECTION])


def _recent_encounters(resources: list[Any]) -> tuple[RecentEncounter, ...]:
    encounters = [resource for resource in resources if resource.status not in _CLOSED_ENCOUNTER_STATUSES]
    minimum = datetime.min.replace(tzinfo=timezone.utc)

    def started(resource: Any) -> datetime:
        return (as_datetime(resource.period.start) if resource.period else None) or minimum

    encounters.sort(key=started, reverse=True)
    recent = []
    for resource in encounters[:RECENT_ENCOUNTER_COUNT]:
        description = next(
            (
                text
                for concept in [*(resource.type or []), *(resource.reasonCode or [])]
                if (text := codeable_text(concept))
            ),
            None,
        )
        recent.append(
            RecentEncounter(
                encounter_id=str(resource.id),
                start=as_datetime(resource.period.start) if resource.period else None,
                end=as_datetime(resource.period.end) if resource.period else None,
                encounter_class=clean_optional(resource.class_fhir.code if resource.class_fhir else None, 20),
                description=description,
                status=clean_optional(resource.status, 20) or "unknown",
            )
        )
    return tuple(recent)
