"""The patient directory interface: screen-pop lookups and patient context, whatever the source.

Implementations: :class:`softphone.patients.fhir_directory.FhirPatientDirectory` (an EHR's FHIR R4
API) and :class:`softphone.patients.demo_directory.DemoPatientDirectory` (synthetic patients for
``--demo``). The methods are synchronous and may take up to the EHR timeout: call them from a worker
thread, as :class:`softphone.patients.screen_pop.ScreenPopService` does, never from the GUI or SIP
thread.

``lookup_caller`` and ``search_by_name_dob`` never raise for EHR trouble: the state of the result
says what happened. ``load_context`` raises :class:`PatientDirectoryError` (unavailable / invalid)
or :class:`PatientNotFound`, because there is no partial answer without the Patient itself.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable

from softphone.logs.setup import phi_registry
from softphone.patients.errors import PatientDirectoryError
from softphone.patients.fhir_values import human_name_text
from softphone.patients.model import LookupState, PatientContext, ScreenPopResult
from softphone.patients.patient_identity import (
    caller_screen_pop,
    patient_candidate,
    phone_values,
    result_for_candidates,
)
from softphone.patients.phone_numbers import DEFAULT_REGION, caller_number_text, to_e164

log = logging.getLogger(__name__)

PhiSink = Callable[..., None]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class PatientDirectory(ABC):
    def __init__(
        self,
        *,
        default_region: str = DEFAULT_REGION,
        mrn_system: str | None = None,
        phi_sink: PhiSink = phi_registry.remember,
        clock: Clock = utc_now,
    ):
        self.default_region = default_region
        self.mrn_system = mrn_system
        # Every name, number and birth date we fetch is registered so that the log formatter masks
        # it if it ever slips into a message; the code itself logs ids, counts and states only.
        self._remember_phi = phi_sink
        self._clock = clock

    # ------------------------------------------------------------------ public API

    def lookup_caller(self, number_or_uri: str) -> ScreenPopResult:
        """Who is calling, from the From/P-Asserted-Identity URI or a raw number."""
        self._remember_phi(caller_number_text(number_or_uri))
        e164 = to_e164(number_or_uri, self.default_region)
        if e164 is None:
            # Anonymous, an internal extension, or garbage: nothing to search, offer manual search.
            log.info("screen-pop: no usable caller number; state=not_found")
            return ScreenPopResult(LookupState.NOT_FOUND)
        self._remember_phi(e164)
        try:
            patients, truncated = self._patients_with_phone(e164)
        except PatientDirectoryError as error:
            log.warning("screen-pop lookup failed: state=%s problem=%s", error.state, error.problem)
            return ScreenPopResult(error.state, caller_e164=e164, problem=error.problem)
        self._remember_patients(patients)
        result = caller_screen_pop(
            patients,
            e164,
            today=self._clock().date(),
            region=self.default_region,
            mrn_system=self.mrn_system,
            truncated=truncated,
        )
        log.info(
            "screen-pop lookup: state=%s candidates=%d server_matches=%d old_number_matches=%d truncated=%s",
            result.state,
            len(result.candidates),
            len(patients),
            sum(candidate.matched_on_old_number for candidate in result.candidates),
            result.truncated,
        )
        return result

    def search_by_name_dob(self, family: str, given: str | None, birth_date: date) -> ScreenPopResult:
        """Manual search when the number found nobody: family name (prefix, any case) + exact DOB."""
        family = (family or "").strip()
        given = (given or "").strip() or None
        if not family:
            return ScreenPopResult(LookupState.NOT_FOUND)
        self._remember_phi(family, given, birth_date.isoformat())
        try:
            patients, truncated = self._patients_by_name_dob(family, given, birth_date)
        except PatientDirectoryError as error:
            log.warning("manual patient search failed: state=%s problem=%s", error.state, error.problem)
            return ScreenPopResult(error.state, problem=error.problem)
        self._remember_patients(patients)
        today = self._clock().date()
        unique = {str(patient.id): patient for patient in patients if patient.id and patient.active is not False}
        candidates = sorted(
            (patient_candidate(patient, today, mrn_system=self.mrn_system) for patient in unique.values()),
            key=lambda candidate: candidate.display_name.lower(),
        )
        result = result_for_candidates(candidates, truncated=truncated)
        log.info("manual patient search: state=%s candidates=%d", result.state, len(result.candidates))
        return result

    @abstractmethod
    def load_context(self, patient_id: str) -> PatientContext:
        """Everything the agent needs about one patient; raises PatientDirectoryError/PatientNotFound."""

    def close(self) -> None:  # noqa: B027 - optional hook: the demo directory holds nothing to release
        """Release connections and threads; the directory is unusable afterwards."""

    # ------------------------------------------------------------------ for implementations

    @abstractmethod
    def _patients_with_phone(self, e164: str) -> tuple[list[Any], bool]:
        """R4B Patients that have this number in any stored spelling, and whether the list is truncated."""

    @abstractmethod
    def _patients_by_name_dob(self, family: str, given: str | None, birth_date: date) -> tuple[list[Any], bool]:
        """R4B Patients whose family (and given, if any) name starts with these, born on that day."""

    def _remember_patients(self, patients: Iterable[Any]) -> None:
        for patient in patients:
            self._remember_phi(
                human_name_text(patient.name),
                *(name.family for name in patient.name or []),
                *(given for name in patient.name or [] for given in name.given or []),
                str(patient.birthDate) if patient.birthDate else None,
                *phone_values(patient),
            )
