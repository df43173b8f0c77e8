"""What the patient directory hands to the rest of the app: plain, frozen, already-cleaned values.

Nothing here is a FHIR model. The UI and the services never see a ``fhir.resources`` object, so a
change of EHR (or the demo directory) changes nothing above ``softphone.patients``; every text field
has been through :func:`softphone.patients.untrusted_text.clean_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class LookupState(StrEnum):
    FOUND = "found"  # exactly one patient: pop their context
    MULTIPLE = "multiple"  # a pick list (shared family numbers are common)
    NOT_FOUND = "not_found"  # no match, or no usable caller number: offer search by name + DOB
    UNAVAILABLE = "unavailable"  # timeout, refused connection, 5xx, authentication failure
    INVALID_RESPONSE = "invalid_response"  # the EHR answered, but not with valid FHIR R4 of the expected type


class DirectoryProblem(StrEnum):
    """Why a lookup was unavailable or invalid, for the status line and the logs (never PHI)."""

    TIMEOUT = "timeout"
    CONNECTION_FAILED = "connection_failed"
    SERVER_ERROR = "server_error"  # 5xx
    UNAUTHORIZED = "unauthorized"  # 401/403, or the token endpoint refused us
    REQUEST_REJECTED = "request_rejected"  # other 4xx: our request or the server's capabilities
    NOT_JSON = "not_json"  # e.g. an HTML login or error page from a proxy
    MALFORMED_JSON = "malformed_json"  # truncated or otherwise unparsable
    WRONG_RESOURCE_TYPE = "wrong_resource_type"
    SCHEMA_INVALID = "schema_invalid"  # JSON, right type, but not valid FHIR R4
    TOO_LARGE = "too_large"
    NOT_CONFIGURED = "not_configured"


@dataclass(frozen=True)
class PatientCandidate:
    """One row of the screen-pop pick list: enough to confirm identity with the caller."""

    patient_id: str
    display_name: str
    birth_date: date | None
    age_years: int | None
    gender: str | None
    mrn: str | None
    # The caller's number is on this record only as an old number (telecom.use=old or a period
    # that has ended). It still matches, because patients keep calling from numbers the EHR has
    # retired, but the agent must confirm identity: the number may now belong to someone else.
    matched_on_old_number: bool = False


@dataclass(frozen=True)
class ScreenPopResult:
    state: LookupState
    candidates: tuple[PatientCandidate, ...] = ()
    # The caller's number in E.164, when one could be read from the SIP/tel URI.
    caller_e164: str | None = None
    problem: DirectoryProblem | None = None
    # More matches than the page cap: the pick list is incomplete, search by name + DOB instead.
    truncated: bool = False

    @property
    def patient(self) -> PatientCandidate | None:
        return self.candidates[0] if self.state is LookupState.FOUND else None


@dataclass(frozen=True)
class Allergy:
    substance: str
    criticality: str | None  # low | high | unable-to-assess
    reactions: tuple[str, ...]
    category: str | None  # food | medication | environment | biologic


@dataclass(frozen=True)
class ActiveCondition:
    description: str
    onset: date | None


@dataclass(frozen=True)
class CurrentMedication:
    description: str
    dosage: str | None


@dataclass(frozen=True)
class ActiveCarePlan:
    title: str
    description: str | None
    period_end: date | None


@dataclass(frozen=True)
class RecentEncounter:
    encounter_id: str
    start: datetime | None
    end: datetime | None
    encounter_class: str | None  # AMB, IMP, EMER, VR...
    description: str | None  # type or reason, whichever the record has
    status: str


@dataclass(frozen=True)
class OnCallClinician:
    display_name: str
    role: str | None
    phone: str | None
    practitioner_id: str | None
    care_team: str | None


class ContextSection(StrEnum):
    """Parts of the context loaded separately, so one failing query does not blank the whole panel."""

    ALLERGIES = "allergies"
    CONDITIONS = "conditions"
    MEDICATIONS = "medications"
    CARE_PLANS = "care_plans"
    ENCOUNTERS = "encounters"
    CARE_TEAM = "care_team"


@dataclass(frozen=True)
class PatientContext:
    patient_id: str
    display_name: str
    birth_date: date | None
    age_years: int | None
    gender: str | None
    mrn: str | None
    preferred_language: str | None
    allergies: tuple[Allergy, ...]
    conditions: tuple[ActiveCondition, ...]
    medications: tuple[CurrentMedication, ...]
    care_plans: tuple[ActiveCarePlan, ...]
    recent_encounters: tuple[RecentEncounter, ...]  # newest first, at most 3
    on_call: tuple[OnCallClinician, ...]  # first is the one to call
    # Sections that could not be loaded (timeout, invalid data...): shown as "not available",
    # which is different from "none recorded". An empty allergy list must never be mistaken for
    # "no known allergies" when the query failed.
    unavailable_sections: tuple[ContextSection, ...] = ()
