"""Screen-pop and patient context against a real FHIR R4 server seeded with the synthetic dataset."""

from __future__ import annotations

import logging
import threading
from datetime import date

import pytest

from softphone.logs.phi_redaction import PhiRegistry
from softphone.patients import (
    ContextSection,
    FhirPatientDirectory,
    LookupState,
    PatientNotFound,
    ScreenPop,
    ScreenPopService,
)
from tests.support.fhir_dataset import PHONE_FORMATS, Dataset, format_number
from tests.support.fhir_server import FhirTestServer

pytestmark = pytest.mark.integration

UNKNOWN_NUMBER = "+13035550100"  # area code 303 is not in the dataset


def sip_uri(e164: str) -> str:
    return f'"Caller" <sip:{e164}@pbx.example.test;user=phone>'


def test_a_number_held_by_one_patient_pops_that_patient(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    number = patient_dataset.numbers_with_single_holder()[0]
    (holder,) = patient_dataset.holders(number)

    result = fhir_directory.lookup_caller(sip_uri(number))

    assert result.state is LookupState.FOUND
    assert result.caller_e164 == number
    assert result.patient is not None and result.patient.patient_id == holder
    assert not result.patient.matched_on_old_number
    patient = patient_dataset.patient(holder)
    assert result.patient.birth_date == date.fromisoformat(patient["birthDate"])
    assert result.patient.mrn == patient["identifier"][0]["value"]


def test_a_shared_family_number_gives_a_pick_list(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    number = patient_dataset.shared_numbers()[0]

    result = fhir_directory.lookup_caller(f"tel:{number}")

    assert result.state is LookupState.MULTIPLE
    assert {c.patient_id for c in result.candidates} == patient_dataset.holders(number)
    assert not result.truncated


def test_an_unknown_number_offers_manual_search(fhir_directory: FhirPatientDirectory):
    result = fhir_directory.lookup_caller(sip_uri(UNKNOWN_NUMBER))

    assert result.state is LookupState.NOT_FOUND
    assert result.caller_e164 == UNKNOWN_NUMBER
    assert result.candidates == ()


@pytest.mark.parametrize("caller", ["sip:anonymous@anonymous.invalid", "sip:1001@pbx.example.test", ""])
def test_anonymous_callers_and_extensions_are_not_looked_up(fhir_directory: FhirPatientDirectory, caller: str):
    result = fhir_directory.lookup_caller(caller)
    assert result.state is LookupState.NOT_FOUND
    assert result.caller_e164 is None


def test_an_old_number_still_matches_but_is_flagged(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    """Decision: patients keep calling from numbers the EHR has retired, so an old number still pops
    the patient, flagged so that the agent confirms identity (the number may have been reassigned)."""
    number = patient_dataset.old_numbers_with_single_holder()[0]
    (holder,) = patient_dataset.holders(number)

    result = fhir_directory.lookup_caller(sip_uri(number))

    assert result.state is LookupState.FOUND
    assert result.patient.patient_id == holder
    assert result.patient.matched_on_old_number


def test_a_reassigned_number_lists_the_current_holder_first(
    fhir_directory: FhirPatientDirectory, patient_dataset: Dataset
):
    number = patient_dataset.reassigned_numbers()[0]
    current = patient_dataset.holders(number, include_old=False)

    result = fhir_directory.lookup_caller(sip_uri(number))

    assert result.state is LookupState.MULTIPLE
    first = result.candidates[0]
    assert first.patient_id in current and not first.matched_on_old_number
    assert any(c.matched_on_old_number for c in result.candidates)


@pytest.mark.parametrize("stored_format", PHONE_FORMATS)
@pytest.mark.parametrize("caller_style", ["sip-e164", "tel-dashes", "raw-national", "sip-digits"])
def test_every_stored_spelling_is_found_from_every_caller_spelling(
    fhir_directory: FhirPatientDirectory, patient_dataset: Dataset, stored_format: str, caller_style: str
):
    fact = next(f for f in patient_dataset.phones if f.format == stored_format and not f.old)
    caller = {
        "sip-e164": sip_uri(fact.e164),
        "tel-dashes": "tel:" + format_number(fact.e164, "international").replace(" ", "-"),
        "raw-national": format_number(fact.e164, "national"),
        "sip-digits": f"sip:{format_number(fact.e164, 'digits')}@pbx.example.test",
    }[caller_style]

    result = fhir_directory.lookup_caller(caller)

    assert result.state in (LookupState.FOUND, LookupState.MULTIPLE)
    assert fact.patient_id in {c.patient_id for c in result.candidates}


def test_paging_follows_next_links_and_reports_truncation(fhir_server: FhirTestServer, patient_dataset: Dataset):
    number = max(patient_dataset.shared_numbers(), key=lambda n: len(patient_dataset.holders(n)))
    holders = patient_dataset.holders(number)
    assert len(holders) >= 3

    paged = FhirPatientDirectory(fhir_server.base_url, timeout_s=5, page_size=1, phi_sink=PhiRegistry().remember)
    capped = FhirPatientDirectory(
        fhir_server.base_url, timeout_s=5, page_size=1, max_pages=2, phi_sink=PhiRegistry().remember
    )
    try:
        every_page = paged.lookup_caller(sip_uri(number))
        two_pages = capped.lookup_caller(sip_uri(number))
    finally:
        paged.close()
        capped.close()

    assert {c.patient_id for c in every_page.candidates} == holders and not every_page.truncated
    assert two_pages.state is LookupState.MULTIPLE and two_pages.truncated and len(two_pages.candidates) == 2


def test_manual_search_by_name_and_birth_date(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    patient = patient_dataset.patient("pat-0005")
    family = patient["name"][0]["family"]
    given = patient["name"][0]["given"][0]
    birth_date = date.fromisoformat(patient["birthDate"])

    found = fhir_directory.search_by_name_dob(family[:3].lower(), given, birth_date)
    wrong_day = fhir_directory.search_by_name_dob(family, given, date(1900, 1, 1))

    assert "pat-0005" in {c.patient_id for c in found.candidates}
    assert found.state in (LookupState.FOUND, LookupState.MULTIPLE)
    assert wrong_day.state is LookupState.NOT_FOUND


def _expected_codes(dataset: Dataset, resource_type: str, patient_id: str, keep) -> int:
    reference_field = "patient" if resource_type == "AllergyIntolerance" else "subject"
    return sum(
        1
        for resource in dataset.of_type(resource_type)
        if resource[reference_field]["reference"] == f"Patient/{patient_id}" and keep(resource)
    )


def test_context_matches_the_record(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    # Forty patients cover every on-call style of the generator (participant role, PractitionerRole
    # code, expired, nobody) and every mix of active and inactive items.
    for patient in patient_dataset.of_type("Patient")[:40]:
        patient_id = patient["id"]
        context = fhir_directory.load_context(patient_id)

        assert context.unavailable_sections == ()
        assert context.mrn == patient["identifier"][0]["value"]
        assert context.preferred_language == patient["communication"][0]["language"]["text"]
        assert len(context.allergies) == _expected_codes(
            patient_dataset,
            "AllergyIntolerance",
            patient_id,
            lambda r: r["clinicalStatus"]["coding"][0]["code"] == "active",
        )
        assert len(context.conditions) == _expected_codes(
            patient_dataset, "Condition", patient_id, lambda r: r["clinicalStatus"]["coding"][0]["code"] == "active"
        )
        assert len(context.medications) == _expected_codes(
            patient_dataset, "MedicationRequest", patient_id, lambda r: r["status"] == "active"
        )
        assert [plan.title for plan in context.care_plans] == [
            r["title"]
            for r in patient_dataset.of_type("CarePlan")
            if r["subject"]["reference"] == f"Patient/{patient_id}"
        ]
        expected_encounters = sorted(
            (
                r["period"]["start"]
                for r in patient_dataset.of_type("Encounter")
                if r["subject"]["reference"] == f"Patient/{patient_id}" and r["status"] != "cancelled"
            ),
            reverse=True,
        )[:3]
        assert [e.start.strftime("%Y-%m-%dT%H:%M:%SZ") for e in context.recent_encounters] == expected_encounters
        expected_on_call = patient_dataset.on_call_names[patient_id]
        if expected_on_call is None:
            assert context.on_call == ()
        else:
            assert context.on_call[0].display_name == expected_on_call
            assert context.on_call[0].phone


def test_medications_by_reference_are_named(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    request = next(
        r
        for r in patient_dataset.of_type("MedicationRequest")
        if "medicationReference" in r and r["status"] == "active"
    )
    patient_id = request["subject"]["reference"].split("/")[1]

    context = fhir_directory.load_context(patient_id)

    medication_id = request["medicationReference"]["reference"].split("/")[1]
    medication = next(m for m in patient_dataset.of_type("Medication") if m["id"] == medication_id)
    assert medication["code"]["text"] in {m.description for m in context.medications}


def test_an_unknown_patient_id_is_not_found(fhir_directory: FhirPatientDirectory):
    with pytest.raises(PatientNotFound):
        fhir_directory.load_context("no-such-patient")
    with pytest.raises(PatientNotFound):
        fhir_directory.load_context("../Practitioner/prac-001")


def test_screen_pop_service_delivers_number_to_context(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    number = patient_dataset.numbers_with_single_holder()[1]
    (holder,) = patient_dataset.holders(number)
    delivered: list[ScreenPop] = []
    done = threading.Event()

    def on_update(pop: ScreenPop) -> None:
        delivered.append(pop)
        done.set()

    service = ScreenPopService(fhir_directory, on_update=on_update)
    try:
        pop = service.start_lookup("call-1", sip_uri(number)).result(timeout=15)
        assert done.wait(5)
        again = service.start_lookup("call-2", sip_uri(number)).result(timeout=15)
    finally:
        service.shutdown()

    assert pop.lookup.state is LookupState.FOUND
    assert pop.context is not None and pop.context.patient_id == holder
    assert pop.context_state is LookupState.FOUND
    assert delivered[0] is pop
    assert again.from_cache and again.context == pop.context


def test_no_phi_reaches_the_log_records(
    fhir_directory: FhirPatientDirectory, patient_dataset: Dataset, phi_registry: PhiRegistry, caplog
):
    number = patient_dataset.numbers_with_single_holder()[2]
    (holder,) = patient_dataset.holders(number)
    patient = patient_dataset.patient(holder)
    caplog.set_level(logging.DEBUG)

    fhir_directory.lookup_caller(sip_uri(number))
    fhir_directory.load_context(holder)
    fhir_directory.search_by_name_dob(patient["name"][0]["family"], None, date.fromisoformat(patient["birthDate"]))

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "screen-pop lookup: state=found" in text  # we did log, just not PHI
    digits = number[2:]
    forbidden = [digits, digits[-7:], patient["birthDate"], patient["name"][0]["family"], *patient["name"][0]["given"]]
    for value in forbidden:
        assert value not in text
    # And the safety net knows them, so the log formatter would mask them anyway.
    assert patient["name"][0]["family"] not in phi_registry.redact(patient["name"][0]["family"])


def test_seeding_twice_does_not_duplicate_patients(fhir_server: FhirTestServer, patient_dataset: Dataset):
    import httpx

    fhir_server.seed(patient_dataset)
    response = httpx.get(f"{fhir_server.base_url}/Patient", params={"_summary": "count"}, timeout=10)
    assert response.json()["total"] == len(patient_dataset.of_type("Patient"))


def test_care_team_fallback_is_used_on_this_server(fhir_directory: FhirPatientDirectory, patient_dataset: Dataset):
    """SEKMET has no CareTeam search parameters: the first context learns it and uses CarePlan.careTeam."""
    patient_id = next(pid for pid, name in patient_dataset.on_call_names.items() if name)
    context = fhir_directory.load_context(patient_id)
    assert ContextSection.CARE_TEAM not in context.unavailable_sections
    assert context.on_call
    assert fhir_directory._care_team_search_supported is False
