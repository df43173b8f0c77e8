"""What counts as active, recent and on call: the rules shared by the FHIR and demo directories."""

from __future__ import annotations

from datetime import date, datetime, timezone

from fhir.resources.R4B import get_fhir_model_class

from softphone.patients.context_builder import PatientRecord, build_patient_context
from softphone.patients.model import ContextSection
from softphone.patients.on_call import ON_CALL_ROLE_CODE, ON_CALL_ROLE_SYSTEM, OnCallRule, on_call_clinicians

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
ON_CALL = {"coding": [{"system": ON_CALL_ROLE_SYSTEM, "code": ON_CALL_ROLE_CODE}]}
SUBJECT = {"reference": "Patient/p1"}


def r4b(resource: dict):
    return get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def patient(**extra) -> object:
    return r4b(
        {
            "resourceType": "Patient",
            "id": "p1",
            "name": [
                {"use": "old", "family": "Maiden", "given": ["Ana"]},
                {"use": "official", "family": "Lopez-Garcia", "given": ["Ana", "Maria"]},
            ],
            "birthDate": "1984-06-02",
            "identifier": [
                {"system": "urn:other", "value": "X1"},
                {
                    "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                    "value": "MRN-42",
                },
            ],
            "communication": [
                {"language": {"text": "English"}},
                {"language": {"coding": [{"code": "es", "display": "Spanish"}]}, "preferred": True},
            ],
            **extra,
        }
    )


def practitioner(pid: str, family: str, phone: str | None = None) -> object:
    resource = {"resourceType": "Practitioner", "id": pid, "name": [{"family": family, "given": ["Sam"]}]}
    if phone:
        resource["telecom"] = [{"system": "phone", "value": phone, "use": "work"}]
    return r4b(resource)


def role(rid: str, practitioner_id: str, *, on_call: bool = False, telecom=None, **extra) -> object:
    codes = [{"text": "Cardiologist"}] + ([ON_CALL] if on_call else [])
    return r4b(
        {
            "resourceType": "PractitionerRole",
            "id": rid,
            "practitioner": {"reference": f"Practitioner/{practitioner_id}"},
            "code": codes,
            "telecom": telecom or [],
            **extra,
        }
    )


def care_team(*participants, status: str = "active") -> object:
    return r4b(
        {
            "resourceType": "CareTeam",
            "id": "ct1",
            "status": status,
            "name": "Heart team",
            "subject": SUBJECT,
            "participant": list(participants),
        }
    )


def test_identity_fields():
    context = build_patient_context(PatientRecord(patient=patient()), now=NOW)
    assert context.display_name == "Ana Maria Lopez-Garcia"  # the official, current name
    assert context.age_years == 40  # birthday tomorrow
    assert context.mrn == "MRN-42"
    assert context.preferred_language == "Spanish"
    assert context.unavailable_sections == ()


def test_missing_sections_are_flagged_not_empty():
    record = PatientRecord(patient=patient(), allergies=None, care_teams=None)
    context = build_patient_context(record, now=NOW)
    assert context.unavailable_sections == (ContextSection.ALLERGIES, ContextSection.CARE_TEAM)


def test_only_active_and_confirmed_items_are_shown():
    def allergy(aid: str, clinical: str, verification: str = "confirmed", criticality: str = "low"):
        return r4b(
            {
                "resourceType": "AllergyIntolerance",
                "id": aid,
                "patient": SUBJECT,
                "code": {"text": aid},
                "criticality": criticality,
                "clinicalStatus": {"coding": [{"code": clinical}]},
                "verificationStatus": {"coding": [{"code": verification}]},
            }
        )

    def condition(cid: str, clinical: str):
        return r4b(
            {
                "resourceType": "Condition",
                "id": cid,
                "subject": SUBJECT,
                "code": {"text": cid},
                "clinicalStatus": {"coding": [{"code": clinical}]},
            }
        )

    def medication(mid: str, status: str):
        return r4b(
            {
                "resourceType": "MedicationRequest",
                "id": mid,
                "subject": SUBJECT,
                "intent": "order",
                "status": status,
                "medicationCodeableConcept": {"text": mid},
            }
        )

    record = PatientRecord(
        patient=patient(),
        allergies=[
            allergy("Latex", "active"),
            allergy("Old", "resolved"),
            allergy("Wrong", "active", "refuted"),
            allergy("Peanut", "active", criticality="high"),
        ],
        conditions=[condition("Asthma", "active"), condition("Flu", "resolved"), condition("Gout", "recurrence")],
        medication_requests=[medication("Metformin", "active"), medication("Stopped", "stopped")],
    )
    context = build_patient_context(record, now=NOW)
    assert [a.substance for a in context.allergies] == ["Peanut", "Latex"]  # high criticality first
    assert [c.description for c in context.conditions] == ["Asthma", "Gout"]
    assert [m.description for m in context.medications] == ["Metformin"]


def test_the_three_most_recent_real_encounters_newest_first():
    def encounter(eid: str, start: str, status: str = "finished"):
        return r4b(
            {
                "resourceType": "Encounter",
                "id": eid,
                "status": status,
                "class": {"code": "AMB"},
                "subject": SUBJECT,
                "period": {"start": start},
            }
        )

    record = PatientRecord(
        patient=patient(),
        encounters=[
            encounter("e1", "2021-01-01"),
            encounter("e2", "2024-05-01T10:00:00Z"),
            encounter("e3", "2023"),
            encounter("e4", "2025-01-01T08:00:00+02:00", "cancelled"),
            encounter("e5", "2022-07-07T09:00:00Z"),
        ],
    )
    context = build_patient_context(record, now=NOW)
    assert [e.encounter_id for e in context.recent_encounters] == ["e2", "e3", "e5"]


def test_on_call_marked_on_the_participant_with_the_role_pager_first():
    roles = {
        "r1": role(
            "r1",
            "d1",
            telecom=[
                {"system": "phone", "value": "+1 old", "use": "old"},
                {"system": "pager", "value": "pager-1"},
                {"system": "phone", "value": "mobile-1", "use": "mobile"},
            ],
        )
    }
    team = care_team(
        {"role": [{"text": "PCP"}], "member": {"reference": "Practitioner/d2"}},
        {"role": [ON_CALL], "member": {"reference": "PractitionerRole/r1"}, "period": {"start": "2025-01-01"}},
    )
    clinicians = on_call_clinicians([team], roles, {"d1": practitioner("d1", "Okafor", "work-1")}, NOW)
    assert len(clinicians) == 1
    assert clinicians[0].display_name == "Sam Okafor"
    assert clinicians[0].phone == "mobile-1"  # phone before pager, mobile before work; never old
    assert clinicians[0].role == "Cardiologist"
    assert clinicians[0].care_team == "Heart team"


def test_on_call_marked_on_the_practitioner_role():
    roles = {"r1": role("r1", "d1", on_call=True)}
    team = care_team({"role": [{"text": "Covering"}], "member": {"reference": "PractitionerRole/r1"}})
    clinicians = on_call_clinicians([team], roles, {"d1": practitioner("d1", "Tanaka", "work-1")}, NOW)
    assert [(c.display_name, c.phone) for c in clinicians] == [("Sam Tanaka", "work-1")]


def test_expired_periods_inactive_teams_and_other_systems_are_not_on_call():
    practitioners = {"d1": practitioner("d1", "Silva", "1")}
    expired = care_team(
        {
            "role": [ON_CALL],
            "member": {"reference": "Practitioner/d1"},
            "period": {"start": "2020-01-01", "end": "2024-12-31"},
        }
    )
    inactive = care_team({"role": [ON_CALL], "member": {"reference": "Practitioner/d1"}}, status="inactive")
    other_system = care_team(
        {
            "role": [{"coding": [{"system": "urn:elsewhere", "code": "on-call"}]}],
            "member": {"reference": "Practitioner/d1"},
        }
    )
    assert on_call_clinicians([expired, inactive, other_system], {}, practitioners, NOW) == ()
    # An EHR that cannot use our system: accept the code in any system.
    assert on_call_clinicians([other_system], {}, practitioners, NOW, OnCallRule(system=None))


def test_hostile_text_is_cleaned():
    hostile = patient(name=[{"use": "official", "family": "Evil\u202eoil", "given": ["X" * 5000]}])
    context = build_patient_context(PatientRecord(patient=hostile), now=NOW)
    assert "\u202e" not in context.display_name and len(context.display_name) <= 120
    assert context.birth_date == date(1984, 6, 2)
