"""The patient directory of ``--demo``: synthetic patients from a FHIR R4 Bundle file, no network.

The file (``resources/demo/patients.json``) is a ``collection`` Bundle made by the same generator as
the integration-test dataset (``tests/support/fhir_dataset.py``, fixed seed, fewer patients), so the
demo shows the same shapes of data as a real EHR: several spellings of phone numbers, shared family
numbers, old numbers, care teams with an on-call clinician. Matching and context building are the
shared code of the FHIR directory; only the fetching is in memory.

Unlike an EHR, the demo matches phone numbers by their E.164 normal form rather than by exact
string, which is what the FHIR directory approximates by asking for many spellings.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from softphone.logs.setup import phi_registry
from softphone.patients.context_builder import PatientRecord, build_patient_context
from softphone.patients.directory import Clock, PatientDirectory, PhiSink, utc_now
from softphone.patients.errors import PatientNotFound
from softphone.patients.fhir_values import as_date, reference_target
from softphone.patients.model import PatientContext
from softphone.patients.on_call import DEFAULT_ON_CALL_RULE, OnCallRule
from softphone.patients.patient_identity import phone_values
from softphone.patients.phone_numbers import DEFAULT_REGION, stored_number_e164
from softphone.resources_path import resource

log = logging.getLogger(__name__)

DEMO_PATIENTS_FILE = resource("demo", "patients.json")

# Where each clinical resource type points at its patient.
_PATIENT_REFERENCE_FIELDS = {
    "AllergyIntolerance": "patient",
    "Condition": "subject",
    "MedicationRequest": "subject",
    "CarePlan": "subject",
    "Encounter": "subject",
    "CareTeam": "subject",
}


def _search_key(text: str) -> str:
    """Case- and accent-insensitive, like FHIR string search: 'garcia' finds 'García'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class DemoDataError(ValueError):
    pass


class DemoPatientDirectory(PatientDirectory):
    def __init__(
        self,
        bundle_path: Path = DEMO_PATIENTS_FILE,
        *,
        default_region: str = DEFAULT_REGION,
        mrn_system: str | None = None,
        on_call_rule: OnCallRule = DEFAULT_ON_CALL_RULE,
        phi_sink: PhiSink = phi_registry.remember,
        clock: Clock = utc_now,
    ):
        super().__init__(default_region=default_region, mrn_system=mrn_system, phi_sink=phi_sink, clock=clock)
        self._on_call_rule = on_call_rule
        try:
            bundle = Bundle.model_validate(json.loads(Path(bundle_path).read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise DemoDataError(
                f"The demo patient file {bundle_path} cannot be loaded: {type(error).__name__}"
            ) from None
        self._by_type: dict[str, dict[str, Any]] = defaultdict(dict)
        self._by_patient: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for entry in bundle.entry or []:
            resource = entry.resource
            if resource is None or not resource.id:
                continue
            kind = resource.get_resource_type()
            self._by_type[kind][str(resource.id)] = resource
            field = _PATIENT_REFERENCE_FIELDS.get(kind)
            target = reference_target(getattr(resource, field)) if field else None
            if target and target[0] == "Patient":
                self._by_patient[(kind, target[1])].append(resource)
        self._by_phone: dict[str, list[Any]] = defaultdict(list)
        for patient in self._by_type["Patient"].values():
            for value in phone_values(patient):
                e164 = stored_number_e164(value, default_region)
                if e164 and patient not in self._by_phone[e164]:
                    self._by_phone[e164].append(patient)
        log.info("demo patient directory loaded: %d patients", len(self._by_type["Patient"]))

    @property
    def patient_count(self) -> int:
        return len(self._by_type["Patient"])

    def _patients_with_phone(self, e164: str) -> tuple[list[Any], bool]:
        return list(self._by_phone.get(e164, [])), False

    def _patients_by_name_dob(self, family: str, given: str | None, birth_date: date) -> tuple[list[Any], bool]:
        family_key, given_key = _search_key(family), _search_key(given or "")
        found = []
        for patient in self._by_type["Patient"].values():
            if as_date(patient.birthDate) != birth_date:
                continue
            for name in patient.name or []:
                if _search_key(name.family or "").startswith(family_key) and (
                    not given_key or any(_search_key(part).startswith(given_key) for part in name.given or [])
                ):
                    found.append(patient)
                    break
        return found, False

    def load_context(self, patient_id: str) -> PatientContext:
        patient = self._by_type["Patient"].get(patient_id)
        if patient is None:
            raise PatientNotFound()
        self._remember_patients([patient])
        related = lambda kind: list(self._by_patient.get((kind, patient_id), []))  # noqa: E731
        record = PatientRecord(
            patient=patient,
            allergies=related("AllergyIntolerance"),
            conditions=related("Condition"),
            medication_requests=related("MedicationRequest"),
            medications=self._by_type["Medication"],
            care_plans=related("CarePlan"),
            encounters=related("Encounter"),
            care_teams=related("CareTeam"),
            practitioner_roles=self._by_type["PractitionerRole"],
            practitioners=self._by_type["Practitioner"],
        )
        return build_patient_context(
            record, now=self._clock(), mrn_system=self.mrn_system, on_call_rule=self._on_call_rule
        )
