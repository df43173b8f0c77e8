"""The patient directory backed by an EHR's FHIR R4 REST API.

Queries (all with ``Prefer: handling=strict`` and the time budget of the operation):

- screen-pop: ``Patient?phone=<form>,<form>,...`` with every common spelling of the caller's number
  (servers compare phone strings exactly; a comma is OR), de-duplicated by Patient id;
- manual search: ``Patient?family=&given=&birthdate=``;
- context: ``Patient/{id}``, then in parallel ``AllergyIntolerance?patient&clinical-status=active``,
  ``Condition?patient&clinical-status=active``, ``MedicationRequest?patient&status=active``
  (+ ``_include`` of the Medication), ``CarePlan?patient&status=active``,
  ``Encounter?patient&_sort=-date``, and ``CareTeam?patient&status=active``. Servers without CareTeam
  search parameters (strict handling makes them answer 400) fall back to the care teams that the
  active CarePlans reference (``CarePlan.careTeam``), read with ``CareTeam?_id=``. Then the care
  team members in one or two requests: ``PractitionerRole?_id=...&_include=PractitionerRole:practitioner``
  and ``Practitioner?_id=...``.

A section that fails (timeout, invalid data) is reported in ``PatientContext.unavailable_sections``
rather than failing the context: the agent still sees name, DOB and allergies when encounters time out.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from typing import Any, Callable

from softphone.logs.setup import phi_registry
from softphone.patients.access_token import AccessTokenSource
from softphone.patients.context_builder import RECENT_ENCOUNTER_COUNT, PatientRecord, build_patient_context
from softphone.patients.deadline import Deadline
from softphone.patients.directory import Clock, PatientDirectory, PhiSink, utc_now
from softphone.patients.errors import DirectoryUnavailable, PatientDirectoryError, PatientNotFound, SearchRejected
from softphone.patients.fhir_http import DEFAULT_MAX_PAGES, FhirHttpClient, ResourceGone, SearchResults, is_fhir_id
from softphone.patients.fhir_values import reference_target
from softphone.patients.model import ContextSection, DirectoryProblem, PatientContext
from softphone.patients.on_call import DEFAULT_ON_CALL_RULE, OnCallRule, member_references
from softphone.patients.phone_numbers import DEFAULT_REGION, search_forms

log = logging.getLogger(__name__)

PAGE_SIZE = 50
MAX_CARE_TEAM_MEMBERS = 50
# Encounters asked for: a few more than shown, since cancelled / entered-in-error ones are dropped.
ENCOUNTERS_REQUESTED = RECENT_ENCOUNTER_COUNT + 7


class FhirPatientDirectory(PatientDirectory):
    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 3.0,
        auth: AccessTokenSource | None = None,
        default_region: str = DEFAULT_REGION,
        mrn_system: str | None = None,
        on_call_rule: OnCallRule = DEFAULT_ON_CALL_RULE,
        max_pages: int = DEFAULT_MAX_PAGES,
        page_size: int = PAGE_SIZE,
        context_budget_s: float | None = None,
        verify: bool | str = True,
        section_workers: int = 4,
        phi_sink: PhiSink = phi_registry.remember,
        clock: Clock = utc_now,
    ):
        super().__init__(default_region=default_region, mrn_system=mrn_system, phi_sink=phi_sink, clock=clock)
        self._client = FhirHttpClient(base_url, timeout_s=timeout_s, auth=auth, verify=verify)
        self._timeout_s = timeout_s
        # A context is a chain of about four round trips (patient, sections, care team, members),
        # each bounded by timeout_s; the whole must still fit a budget the agent can wait for.
        self._context_budget_s = context_budget_s if context_budget_s is not None else 2 * timeout_s
        self._max_pages = max_pages
        self._page_size = page_size
        self._on_call_rule = on_call_rule
        self._sections = ThreadPoolExecutor(max_workers=section_workers, thread_name_prefix="fhir-section")
        # None: not yet known; False: the server answered 400 to CareTeam?patient= (use the fallback).
        self._care_team_search_supported: bool | None = None
        self._capability_lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return self._client.base_url

    def close(self) -> None:
        self._sections.shutdown(wait=False, cancel_futures=True)
        self._client.close()

    # ------------------------------------------------------------------ searches

    def _patients_with_phone(self, e164: str) -> tuple[list[Any], bool]:
        params = [("phone", ",".join(search_forms(e164))), ("_count", str(self._page_size))]
        results = self._client.search("Patient", params, Deadline(self._timeout_s), max_pages=self._max_pages)
        return results.matches, results.truncated

    def _patients_by_name_dob(self, family: str, given: str | None, birth_date: date) -> tuple[list[Any], bool]:
        params = [("family", family), ("birthdate", birth_date.isoformat()), ("_count", str(self._page_size))]
        if given:
            params.append(("given", given))
        results = self._client.search("Patient", params, Deadline(self._timeout_s), max_pages=self._max_pages)
        return results.matches, results.truncated

    # ------------------------------------------------------------------ context

    def load_context(self, patient_id: str) -> PatientContext:
        if not is_fhir_id(patient_id):
            raise PatientNotFound()
        deadline = Deadline(self._context_budget_s)
        try:
            patient = self._client.read("Patient", patient_id, deadline)
        except ResourceGone:
            raise PatientNotFound() from None
        self._remember_patients([patient])
        record = PatientRecord(patient=patient)

        def search(resource_type: str, *params: tuple[str, str]) -> Callable[[], SearchResults]:
            return lambda: self._client.search(resource_type, list(params), deadline, max_pages=2)

        patient_param = ("patient", patient_id)
        pending: dict[ContextSection, Future[SearchResults]] = {
            ContextSection.ALLERGIES: self._sections.submit(
                search("AllergyIntolerance", patient_param, ("clinical-status", "active"), ("_count", "100"))
            ),
            ContextSection.CONDITIONS: self._sections.submit(
                search("Condition", patient_param, ("clinical-status", "active"), ("_count", "100"))
            ),
            ContextSection.MEDICATIONS: self._sections.submit(
                search(
                    "MedicationRequest",
                    patient_param,
                    ("status", "active"),
                    ("_include", "MedicationRequest:medication"),
                    ("_count", "100"),
                )
            ),
            ContextSection.CARE_PLANS: self._sections.submit(
                search("CarePlan", patient_param, ("status", "active"), ("_count", "50"))
            ),
            ContextSection.ENCOUNTERS: self._sections.submit(
                search("Encounter", patient_param, ("_sort", "-date"), ("_count", str(ENCOUNTERS_REQUESTED)))
            ),
        }
        care_team_future = (
            self._sections.submit(search("CareTeam", patient_param, ("status", "active"), ("_count", "20")))
            if self._care_team_search_supported is not False
            else None
        )

        allergies = self._section_result(ContextSection.ALLERGIES, pending, deadline)
        conditions = self._section_result(ContextSection.CONDITIONS, pending, deadline)
        medications = self._section_result(ContextSection.MEDICATIONS, pending, deadline)
        care_plans = self._section_result(ContextSection.CARE_PLANS, pending, deadline)
        encounters = self._section_result(ContextSection.ENCOUNTERS, pending, deadline)
        record.allergies = allergies.matches if allergies else None
        record.conditions = conditions.matches if conditions else None
        record.medication_requests = medications.matches if medications else None
        record.medications = {
            str(resource.id): resource
            for resource in (medications.included if medications else [])
            if resource.get_resource_type() == "Medication"
        }
        record.care_plans = care_plans.matches if care_plans else None
        # Only the newest few matter; _sort asked the server, but we never rely on a single page.
        record.encounters = encounters.matches if encounters else None

        record.care_teams = self._care_teams(care_team_future, record.care_plans, deadline)
        if record.care_teams:
            record.practitioner_roles, record.practitioners = self._care_team_members(record.care_teams, deadline)

        context = build_patient_context(
            record, now=self._clock(), mrn_system=self.mrn_system, on_call_rule=self._on_call_rule
        )
        log.info(
            "patient context loaded: patient=%s allergies=%d conditions=%d medications=%d care_plans=%d "
            "encounters=%d on_call=%d unavailable=%s",
            context.patient_id,
            len(context.allergies),
            len(context.conditions),
            len(context.medications),
            len(context.care_plans),
            len(context.recent_encounters),
            len(context.on_call),
            ",".join(context.unavailable_sections) or "-",
        )
        return context

    def _section_result(
        self, section: ContextSection, pending: dict[ContextSection, Future[SearchResults]], deadline: Deadline
    ) -> SearchResults | None:
        try:
            return _wait(pending[section], deadline)
        except PatientDirectoryError as error:
            log.warning("patient context section %s unavailable: %s", section, error.problem)
            return None

    def _care_teams(
        self, care_team_future: Future[SearchResults] | None, care_plans: list[Any] | None, deadline: Deadline
    ) -> list[Any] | None:
        if care_team_future is not None:
            try:
                teams = _wait(care_team_future, deadline).matches
                self._care_team_search_supported = True
                return teams
            except SearchRejected:
                with self._capability_lock:
                    if self._care_team_search_supported is None:
                        log.info("EHR has no CareTeam patient search; using CarePlan.careTeam references")
                    self._care_team_search_supported = False
            except PatientDirectoryError as error:
                log.warning("patient context section care_team unavailable: %s", error.problem)
                return None
        if care_plans is None:
            return None
        team_ids = sorted(
            {
                target[1]
                for plan in care_plans
                for reference in plan.careTeam or []
                if (target := reference_target(reference)) and target[0] == "CareTeam" and is_fhir_id(target[1])
            }
        )[:MAX_CARE_TEAM_MEMBERS]
        if not team_ids:
            return []
        try:
            return self._client.search("CareTeam", [("_id", ",".join(team_ids))], deadline, max_pages=1).matches
        except PatientDirectoryError as error:
            log.warning("patient context section care_team unavailable: %s", error.problem)
            return None

    def _care_team_members(self, care_teams: list[Any], deadline: Deadline) -> tuple[dict[str, Any], dict[str, Any]]:
        """PractitionerRoles and Practitioners of the care teams; missing ones only cost the phone."""
        role_ids, practitioner_ids = member_references(care_teams)
        role_ids = {value for value in role_ids if is_fhir_id(value)}
        practitioner_ids = {value for value in practitioner_ids if is_fhir_id(value)}
        roles_future = (
            self._sections.submit(
                self._client.search,
                "PractitionerRole",
                [
                    ("_id", ",".join(sorted(role_ids)[:MAX_CARE_TEAM_MEMBERS])),
                    ("_include", "PractitionerRole:practitioner"),
                ],
                deadline,
                max_pages=1,
            )
            if role_ids
            else None
        )
        practitioners_future = (
            self._sections.submit(
                self._client.search,
                "Practitioner",
                [("_id", ",".join(sorted(practitioner_ids)[:MAX_CARE_TEAM_MEMBERS]))],
                deadline,
                max_pages=1,
            )
            if practitioner_ids
            else None
        )
        roles: dict[str, Any] = {}
        practitioners: dict[str, Any] = {}
        for future in (roles_future, practitioners_future):
            if future is None:
                continue
            try:
                results = _wait(future, deadline)
            except PatientDirectoryError as error:
                log.warning("care team members unavailable: %s", error.problem)
                continue
            for resource in [*results.matches, *results.included]:
                kind = resource.get_resource_type()
                if kind == "PractitionerRole":
                    roles[str(resource.id)] = resource
                elif kind == "Practitioner":
                    practitioners[str(resource.id)] = resource
        return roles, practitioners


def _wait(future: Future[SearchResults], deadline: Deadline) -> SearchResults:
    # The requests inside are bounded by the same deadline; the extra second only covers a worker
    # that has not started yet because the pool is busy with another context.
    try:
        return future.result(timeout=max(0.0, deadline.remaining()) + 1.0)
    except FutureTimeout:
        future.cancel()
        raise DirectoryUnavailable(DirectoryProblem.TIMEOUT, "section did not finish in time") from None
