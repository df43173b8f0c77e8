"""Who a FHIR Patient is, in the few facts an agent uses to confirm identity, and how a caller matched.

Shared by the FHIR and the demo directory so both decide the same way which number matched, whether
it is an old number, and what the screen-pop state is.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Iterable

from softphone.patients.fhir_values import (
    age_in_years,
    as_date,
    codeable_text,
    contact_point_is_old,
    has_code,
    human_name_text,
)
from softphone.patients.model import LookupState, PatientCandidate, ScreenPopResult
from softphone.patients.phone_numbers import DEFAULT_REGION, stored_number_e164
from softphone.patients.untrusted_text import IDENTIFIER_MAX, clean_optional

# HL7 v2 table 0203 "Medical record number": how most EHRs type their MRN identifier.
IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203"
MRN_TYPE_CODE = "MR"
UNKNOWN_NAME = "(no name on record)"


def mrn_of(patient: Any, mrn_system: str | None = None) -> str | None:
    """The identifier typed MR, else the one in the configured MRN system."""
    identifiers = [identifier for identifier in patient.identifier or [] if identifier.value]
    for identifier in identifiers:
        if identifier.use != "old" and has_code(identifier.type, [MRN_TYPE_CODE], IDENTIFIER_TYPE_SYSTEM):
            return clean_optional(identifier.value, IDENTIFIER_MAX)
    if mrn_system:
        for identifier in identifiers:
            if identifier.system == mrn_system and identifier.use != "old":
                return clean_optional(identifier.value, IDENTIFIER_MAX)
    return None


def preferred_language(patient: Any) -> str | None:
    """communication with preferred=true, else the only communication listed."""
    communications = list(patient.communication or [])
    preferred = [communication for communication in communications if communication.preferred]
    chosen = preferred or (communications if len(communications) == 1 else [])
    return codeable_text(chosen[0].language) if chosen else None


def phone_values(patient: Any) -> list[str]:
    return [cp.value for cp in patient.telecom or [] if cp.system in ("phone", "sms") and cp.value]


def matches_only_old_number(
    patient: Any, caller_e164: str, region: str = DEFAULT_REGION, now: datetime | None = None
) -> bool | None:
    """True: the caller's number is on the record only as an old number; False: as a current one;
    None: no telecom normalises to the caller's number (the server matched some other spelling)."""
    now = now or datetime.now(timezone.utc)
    matching = [
        cp
        for cp in patient.telecom or []
        if cp.system in ("phone", "sms") and cp.value and stored_number_e164(cp.value, region) == caller_e164
    ]
    if not matching:
        return None
    return all(contact_point_is_old(cp, now) for cp in matching)


def patient_candidate(
    patient: Any,
    today: date,
    *,
    mrn_system: str | None = None,
    matched_on_old_number: bool = False,
) -> PatientCandidate:
    birth_date = as_date(patient.birthDate)
    return PatientCandidate(
        patient_id=str(patient.id),
        display_name=human_name_text(patient.name) or UNKNOWN_NAME,
        birth_date=birth_date,
        age_years=age_in_years(birth_date, today),
        gender=clean_optional(patient.gender, 20),
        mrn=mrn_of(patient, mrn_system),
        matched_on_old_number=matched_on_old_number,
    )


def caller_screen_pop(
    patients: Iterable[Any],
    caller_e164: str,
    *,
    today: date,
    region: str = DEFAULT_REGION,
    mrn_system: str | None = None,
    truncated: bool = False,
) -> ScreenPopResult:
    """found / multiple / not_found for the patients a phone search returned (any order, dupes ok)."""
    unique = {str(patient.id): patient for patient in patients if patient.id}
    candidates = []
    for patient in unique.values():
        if patient.active is False:
            continue  # merged or retired records must not pop
        only_old = matches_only_old_number(patient, caller_e164, region)
        if only_old is None:
            # No number on the record is the caller's: a server that ignored or loosened the phone
            # parameter (lenient handling) must not put strangers on the pick list. Every spelling
            # we search for normalises back to the caller's E.164, so a true match never lands here.
            continue
        candidates.append(
            patient_candidate(patient, today, mrn_system=mrn_system, matched_on_old_number=bool(only_old))
        )
    # Current numbers first: a reassigned number most likely belongs to its current holder.
    candidates.sort(key=lambda candidate: (candidate.matched_on_old_number, candidate.display_name.lower()))
    return result_for_candidates(candidates, caller_e164=caller_e164, truncated=truncated)


def result_for_candidates(
    candidates: list[PatientCandidate], *, caller_e164: str | None = None, truncated: bool = False
) -> ScreenPopResult:
    if not candidates:
        state = LookupState.NOT_FOUND
    elif len(candidates) == 1 and not truncated:
        state = LookupState.FOUND
    else:
        state = LookupState.MULTIPLE
    return ScreenPopResult(state, tuple(candidates), caller_e164=caller_e164, truncated=truncated)
