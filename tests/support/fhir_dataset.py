"""A deterministic synthetic FHIR R4 dataset of patients, as a call centre's EHR would hold them.

Same seed, same resources, byte for byte (no wall clock, no Faker): integration tests seed a real
FHIR server with it, and with a fixed seed and fewer patients it is the shipped demo directory
(``resources/demo/patients.json``; regenerate with ``python -m tests.support.fhir_dataset --write-demo``).

What it contains, on purpose:

- phone numbers stored in several spellings (E.164, national, digits only, international, dashed),
  as different registration clerks and interfaces write them;
- households sharing a home number (the screen-pop pick list), plus personal mobiles;
- old numbers (``use=old``, or a ``period`` that has ended), some of them reassigned to another patient;
- allergies, conditions, medications (coded, or by reference to a Medication) with active and
  inactive ones mixed; care plans; encounters over several years;
- a care team per patient with an on-call clinician, marked either on the CareTeam participant role
  or on the PractitionerRole code (see ``softphone.patients.on_call``), some with an expired on-call
  period, and some patients with no one on call.

Every resource is validated with the ``fhir.resources.R4B`` models when generated.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import phonenumbers
from fhir.resources.R4B import get_fhir_model_class

from softphone.patients.on_call import ON_CALL_ROLE_CODE, ON_CALL_ROLE_SYSTEM

DEFAULT_SEED = 20240611
TEST_PATIENT_COUNT = 240
DEMO_SEED = 7
DEMO_PATIENT_COUNT = 24
DEMO_FILE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "patients.json"

MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5.99999.1"
MR_TYPE = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}], "text": "MRN"}

# Fictional-use exchange 555-01XX in several real area codes: valid for phonenumbers, never a real line.
AREA_CODES = ("202", "212", "305", "312", "415", "503", "617", "713", "808", "919")

PHONE_FORMATS = ("e164", "national", "digits", "international", "dashed")

GIVEN_FEMALE = (
    "Maria",
    "Aisha",
    "Olivia",
    "Mei",
    "Sofia",
    "Grace",
    "Fatima",
    "Chloe",
    "Ana",
    "Priya",
    "Lucia",
    "Hannah",
    "Zoe",
    "Amara",
    "Elena",
    "Noor",
    "Ruth",
    "Ines",
    "Yuki",
    "Rosa",
)
GIVEN_MALE = (
    "James",
    "Mateo",
    "Omar",
    "Liam",
    "Wei",
    "Noah",
    "Diego",
    "Samuel",
    "Kwame",
    "Arjun",
    "Luis",
    "Ethan",
    "Jonas",
    "Tariq",
    "Hiro",
    "Pablo",
    "David",
    "Malik",
    "Ivan",
    "Jorge",
)
FAMILY = (
    "García",
    "Nguyen",
    "Smith",
    "Okafor",
    "Patel",
    "Johnson",
    "Kowalski",
    "Hernández",
    "Chen",
    "Müller",
    "Brown",
    "Ivanova",
    "O'Brien",
    "Haddad",
    "Silva",
    "Kim",
    "Rossi",
    "Dubois",
    "Mensah",
    "Tanaka",
    "Lopez-Garcia",
    "Andersson",
    "Novak",
    "Williams",
    "Cohen",
    "Reyes",
    "Singh",
    "Moreau",
    "Walker",
    "Duarte",
)
LANGUAGES = (("en", "English"), ("es", "Spanish"), ("vi", "Vietnamese"), ("zh", "Chinese"), ("ar", "Arabic"))

ALLERGENS = (
    ("Penicillin", "medication", "Hives"),
    ("Peanut", "food", "Anaphylaxis"),
    ("Latex", "environment", "Contact dermatitis"),
    ("Sulfonamide", "medication", "Rash"),
    ("Shellfish", "food", "Swelling of lips"),
    ("Aspirin", "medication", "Bronchospasm"),
    ("Iodinated contrast", "medication", "Urticaria"),
    ("Bee venom", "environment", "Anaphylaxis"),
)
CONDITIONS = (
    ("44054006", "Type 2 diabetes mellitus"),
    ("38341003", "Hypertensive disorder"),
    ("195967001", "Asthma"),
    ("13645005", "Chronic obstructive lung disease"),
    ("49436004", "Atrial fibrillation"),
    ("84114007", "Heart failure"),
    ("35489007", "Depressive disorder"),
    ("709044004", "Chronic kidney disease"),
    ("414545008", "Ischemic heart disease"),
    ("68566005", "Urinary tract infection"),
)
MEDICATIONS = (
    ("860975", "Metformin 500 mg oral tablet", "1 tablet twice daily with meals"),
    ("314076", "Lisinopril 10 mg oral tablet", "1 tablet daily"),
    ("745679", "Albuterol 90 mcg inhaler", "2 puffs every 4 hours as needed"),
    ("855332", "Warfarin 5 mg oral tablet", "As directed by the anticoagulation clinic"),
    ("200031", "Carvedilol 6.25 mg oral tablet", "1 tablet twice daily"),
    ("312938", "Sertraline 50 mg oral tablet", "1 tablet daily"),
    ("197361", "Amlodipine 5 mg oral tablet", "1 tablet daily"),
    ("310798", "Hydrochlorothiazide 25 mg oral tablet", "1 tablet every morning"),
)
CARE_PLANS = (
    ("Diabetes management", "HbA1c every 3 months; foot check at each visit"),
    ("Heart failure follow-up", "Daily weights; call if gain over 2 kg in 3 days"),
    ("Asthma action plan", "Step up to controller therapy when rescue inhaler used more than twice a week"),
    ("Post-discharge transitional care", "Nurse call within 48 hours; medication reconciliation"),
    ("Anticoagulation monitoring", "INR weekly; target range 2.0-3.0"),
)
ENCOUNTER_KINDS = (
    ("AMB", "Office visit"),
    ("AMB", "Annual wellness visit"),
    ("EMER", "Emergency department visit"),
    ("IMP", "Inpatient admission"),
    ("VR", "Telehealth visit"),
    ("AMB", "Follow-up visit"),
)
CLINICIAN_ROLES = (("doctor", "Doctor"), ("nurse", "Nurse"), ("pharmacist", "Pharmacist"))
SPECIALTIES = ("Family medicine", "Cardiology", "Pulmonology", "Endocrinology", "Internal medicine")

PERMANENT = {"start": "2020-01-01"}
EXPIRED = {"start": "2019-01-01", "end": "2021-06-30"}
ON_CALL_CODING = {"system": ON_CALL_ROLE_SYSTEM, "code": ON_CALL_ROLE_CODE, "display": "On call"}


@dataclass
class PhoneFact:
    """How one number is stored on one patient (for tests to pick scenarios from)."""

    patient_id: str
    e164: str
    stored_as: str
    format: str
    kind: str  # home | mobile | old
    old: bool


@dataclass
class Dataset:
    seed: int
    resources: list[dict[str, Any]] = field(default_factory=list)
    phones: list[PhoneFact] = field(default_factory=list)
    # patient id -> on-call clinician's display name (None: nobody on call now)
    on_call_names: dict[str, str | None] = field(default_factory=dict)

    def of_type(self, resource_type: str) -> list[dict[str, Any]]:
        return [resource for resource in self.resources if resource["resourceType"] == resource_type]

    def patient(self, patient_id: str) -> dict[str, Any]:
        return next(r for r in self.resources if r["resourceType"] == "Patient" and r["id"] == patient_id)

    def holders(self, e164: str, *, include_old: bool = True) -> set[str]:
        return {fact.patient_id for fact in self.phones if fact.e164 == e164 and (include_old or not fact.old)}

    def numbers_with_single_holder(self) -> list[str]:
        """Current numbers on exactly one patient and nobody else, not even as an old number."""
        return sorted({fact.e164 for fact in self.phones if not fact.old and len(self.holders(fact.e164)) == 1})

    def shared_numbers(self) -> list[str]:
        """Numbers that two or more patients hold as a current number (households)."""
        return sorted({fact.e164 for fact in self.phones if len(self.holders(fact.e164, include_old=False)) >= 2})

    def old_numbers_with_single_holder(self) -> list[str]:
        return sorted({fact.e164 for fact in self.phones if fact.old and len(self.holders(fact.e164)) == 1})

    def reassigned_numbers(self) -> list[str]:
        """Old on one patient, current on another."""
        return sorted(
            {
                fact.e164
                for fact in self.phones
                if fact.old and self.holders(fact.e164, include_old=False) - {fact.patient_id}
            }
        )

    def collection_bundle(self) -> dict[str, Any]:
        return {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"fullUrl": f"urn:x-demo:{r['resourceType']}/{r['id']}", "resource": r} for r in self.resources],
        }

    def transaction_bundles(self, chunk: int = 800) -> list[dict[str, Any]]:
        """PUT with stable ids: seeding twice leaves one copy of everything (POST would duplicate)."""
        bundles = []
        for start in range(0, len(self.resources), chunk):
            entries = [
                {
                    "fullUrl": f"{r['resourceType']}/{r['id']}",
                    "resource": r,
                    "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"},
                }
                for r in self.resources[start : start + chunk]
            ]
            bundles.append({"resourceType": "Bundle", "type": "transaction", "entry": entries})
        return bundles


def format_number(e164: str, style: str) -> str:
    number = phonenumbers.parse(e164, None)
    digits = phonenumbers.national_significant_number(number)
    return {
        "e164": e164,
        "national": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
        "digits": digits,
        "international": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        "dashed": f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
    }[style]


class _Generator:
    def __init__(self, seed: int, patient_count: int):
        self.random = random.Random(seed)
        self.dataset = Dataset(seed)
        self.patient_count = patient_count
        pool = [f"+1{area}55501{line:02d}" for area in AREA_CODES for line in range(100)]
        self.random.shuffle(pool)
        self.numbers = iter(pool)
        self.medication_ids: list[str] = []

    def add(self, resource: dict[str, Any]) -> dict[str, Any]:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)  # R4B, or raise
        self.dataset.resources.append(resource)
        return resource

    def run(self) -> Dataset:
        clinicians = self.clinicians(max(6, self.patient_count // 12))
        self.medications()
        households = self.households()
        serial = 0
        reassignable: list[tuple[str, str]] = []  # (old number, former holder) to reuse as someone's current number
        for household_number, size in households:
            family = self.random.choice(FAMILY)
            for member in range(size):
                serial += 1
                patient_id = f"pat-{serial:04d}"
                telecom = []
                if household_number:
                    telecom.append(self.phone(patient_id, household_number, "home"))
                if not household_number or self.random.random() < 0.6:
                    if reassignable and self.random.random() < 0.15:
                        number, _former = reassignable.pop()
                    else:
                        number = next(self.numbers)
                    telecom.append(self.phone(patient_id, number, "mobile"))
                if self.random.random() < 0.2:
                    old_number = next(self.numbers)
                    telecom.append(self.phone(patient_id, old_number, "old"))
                    reassignable.append((old_number, patient_id))
                self.patient(patient_id, family, telecom, adult=member < 2)
                self.clinical_record(patient_id, clinicians)
        return self.dataset

    def households(self) -> list[tuple[str | None, int]]:
        """(shared home number or None, number of patients), adding up to patient_count."""
        households = []
        remaining = self.patient_count
        while remaining > 0:
            size = min(remaining, self.random.choice((1, 1, 1, 2, 2, 3, 4)))
            shared = next(self.numbers) if size > 1 or self.random.random() < 0.5 else None
            households.append((shared, size))
            remaining -= size
        return households

    def phone(self, patient_id: str, e164: str, kind: str) -> dict[str, Any]:
        style = self.random.choice(PHONE_FORMATS)
        stored = format_number(e164, style)
        contact: dict[str, Any] = {"system": "phone", "value": stored}
        old = kind == "old"
        if kind == "home":
            contact["use"] = "home"
        elif kind == "mobile":
            contact["use"] = "mobile"
        elif self.random.random() < 0.5:
            contact["use"] = "old"
        else:
            # Retired by a period end rather than by use=old: both mean "no longer in use".
            contact.update(use="home", period={"start": "2012-03-01", "end": "2019-09-30"})
        self.dataset.phones.append(PhoneFact(patient_id, e164, stored, style, kind, old))
        return contact

    def patient(self, patient_id: str, family: str, telecom: list[dict[str, Any]], *, adult: bool) -> None:
        gender = self.random.choice(("female", "male"))
        given = self.random.choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE)
        middle = self.random.choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE)
        birth_year = self.random.randint(1935, 2003) if adult else self.random.randint(2004, 2021)
        birth_date = date(birth_year, 1, 1) + timedelta(days=self.random.randint(0, 364))
        code, language = self.random.choices(LANGUAGES, weights=(60, 25, 5, 5, 5))[0]
        resource: dict[str, Any] = {
            "resourceType": "Patient",
            "id": patient_id,
            "identifier": [
                {"use": "usual", "type": MR_TYPE, "system": MRN_SYSTEM, "value": f"MRN{patient_id[4:]:0>7}"}
            ],
            "active": True,
            "name": [{"use": "official", "family": family, "given": [given, middle]}],
            "telecom": telecom,
            "gender": gender,
            "birthDate": birth_date.isoformat(),
            "communication": [
                {
                    "language": {
                        "coding": [{"system": "urn:ietf:bcp:47", "code": code, "display": language}],
                        "text": language,
                    },
                    "preferred": True,
                }
            ],
        }
        self.add(resource)

    def clinicians(self, count: int) -> list[dict[str, Any]]:
        """Practitioners, each with a PractitionerRole carrying a pager; every fourth role is an
        on-call rota role (marked on PractitionerRole.code instead of on the care team)."""
        roles = []
        for index in range(1, count + 1):
            gender = self.random.choice(("female", "male"))
            given = self.random.choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE)
            family = self.random.choice(FAMILY)
            practitioner_id, role_id = f"prac-{index:03d}", f"role-{index:03d}"
            role_code, role_display = CLINICIAN_ROLES[index % len(CLINICIAN_ROLES)]
            self.add(
                {
                    "resourceType": "Practitioner",
                    "id": practitioner_id,
                    "active": True,
                    "name": [
                        {
                            "use": "official",
                            "family": family,
                            "given": [given],
                            "prefix": ["Dr."] if role_code == "doctor" else [],
                        }
                    ],
                    "telecom": [
                        {"system": "phone", "value": format_number(next(self.numbers), "national"), "use": "work"}
                    ],
                    "gender": gender,
                }
            )
            codes = [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/practitioner-role",
                            "code": role_code,
                            "display": role_display,
                        }
                    ]
                }
            ]
            if index % 4 == 0:
                codes.append({"coding": [ON_CALL_CODING]})
            roles.append(
                self.add(
                    {
                        "resourceType": "PractitionerRole",
                        "id": role_id,
                        "active": True,
                        "period": PERMANENT,
                        "practitioner": {
                            "reference": f"Practitioner/{practitioner_id}",
                            "display": f"{given} {family}",
                        },
                        "code": codes,
                        "specialty": [{"text": SPECIALTIES[index % len(SPECIALTIES)]}],
                        "telecom": [
                            {"system": "pager", "value": format_number(next(self.numbers), "dashed"), "use": "work"},
                            {
                                "system": "phone",
                                "value": format_number(next(self.numbers), "e164"),
                                "use": "mobile",
                                "rank": 1,
                            },
                        ],
                    }
                )
            )
        return roles

    def medications(self) -> None:
        for code, display, _ in MEDICATIONS[:4]:
            medication_id = f"med-{code}"
            self.medication_ids.append(medication_id)
            self.add(
                {
                    "resourceType": "Medication",
                    "id": medication_id,
                    "code": {
                        "coding": [
                            {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": code, "display": display}
                        ],
                        "text": display,
                    },
                }
            )

    def clinical_record(self, patient_id: str, roles: list[dict[str, Any]]) -> None:
        subject = {"reference": f"Patient/{patient_id}"}
        number = patient_id[4:]
        for index, (allergen, category, reaction) in enumerate(
            self.random.sample(ALLERGENS, self.random.randint(0, 3))
        ):
            active = self.random.random() < 0.8
            self.add(
                {
                    "resourceType": "AllergyIntolerance",
                    "id": f"alg-{number}-{index}",
                    "clinicalStatus": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                "code": "active" if active else "inactive",
                            }
                        ]
                    },
                    "verificationStatus": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                                "code": "confirmed",
                            }
                        ]
                    },
                    "category": [category],
                    "criticality": self.random.choice(("low", "high", "unable-to-assess")),
                    "code": {"text": allergen},
                    "patient": subject,
                    "reaction": [{"manifestation": [{"text": reaction}]}],
                }
            )
        for index, (code, display) in enumerate(self.random.sample(CONDITIONS, self.random.randint(0, 4))):
            status = "active" if self.random.random() < 0.7 else "resolved"
            self.add(
                {
                    "resourceType": "Condition",
                    "id": f"cond-{number}-{index}",
                    "clinicalStatus": {
                        "coding": [
                            {"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": status}
                        ]
                    },
                    "verificationStatus": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                "code": "confirmed",
                            }
                        ]
                    },
                    "code": {"coding": [{"system": "http://snomed.info/sct", "code": code, "display": display}]},
                    "subject": subject,
                    "onsetDateTime": f"{self.random.randint(2005, 2023)}-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}",
                }
            )
        for index, (code, display, dosage) in enumerate(self.random.sample(MEDICATIONS, self.random.randint(0, 4))):
            request: dict[str, Any] = {
                "resourceType": "MedicationRequest",
                "id": f"medrx-{number}-{index}",
                "status": self.random.choices(("active", "stopped", "completed"), weights=(75, 15, 10))[0],
                "intent": "order",
                "subject": subject,
                "authoredOn": f"{self.random.randint(2018, 2024)}-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}",
                "dosageInstruction": [{"text": dosage}],
            }
            if f"med-{code}" in self.medication_ids and self.random.random() < 0.5:
                request["medicationReference"] = {"reference": f"Medication/med-{code}"}
            else:
                request["medicationCodeableConcept"] = {
                    "coding": [
                        {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": code, "display": display}
                    ]
                }
            self.add(request)
        for index in range(self.random.randint(0, 6)):
            encounter_class, kind = self.random.choice(ENCOUNTER_KINDS)
            start = date(2018, 1, 1) + timedelta(
                days=self.random.randint(0, 2400),
            )
            hour = self.random.randint(8, 17)
            self.add(
                {
                    "resourceType": "Encounter",
                    "id": f"enc-{number}-{index}",
                    "status": "finished" if self.random.random() < 0.92 else "cancelled",
                    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": encounter_class},
                    "type": [{"text": kind}],
                    "subject": subject,
                    "period": {
                        "start": f"{start.isoformat()}T{hour:02d}:00:00Z",
                        "end": f"{start.isoformat()}T{hour:02d}:45:00Z",
                    },
                }
            )
        self.care_team(patient_id, subject, roles)

    def care_team(self, patient_id: str, subject: dict[str, Any], roles: list[dict[str, Any]]) -> None:
        number = patient_id[4:]
        team_id = f"ct-{number}"
        primary, covering = self.random.sample(roles, 2)
        on_call_roles = [
            role
            for role in roles
            if any(c.get("coding", [{}])[0].get("code") == ON_CALL_ROLE_CODE for c in role["code"])
        ]
        participants: list[dict[str, Any]] = [
            {
                "role": [{"text": "Primary care provider"}],
                "member": {"reference": primary["practitioner"]["reference"]},
                "period": PERMANENT,
            },
        ]
        style = self.random.random()
        on_call_name: str | None
        if style < 0.6:
            # On call marked on the care team participant, member is a PractitionerRole.
            participants.append(
                {
                    "role": [{"coding": [ON_CALL_CODING]}],
                    "member": {"reference": f"PractitionerRole/{covering['id']}"},
                    "period": PERMANENT,
                }
            )
            on_call_name = covering["practitioner"]["display"]
        elif style < 0.8 and on_call_roles:
            # On call marked on the PractitionerRole (a rota role); the participant role says nothing.
            rota = self.random.choice(on_call_roles)
            participants.append(
                {
                    "role": [{"text": "Covering clinician"}],
                    "member": {"reference": f"PractitionerRole/{rota['id']}"},
                    "period": PERMANENT,
                }
            )
            on_call_name = rota["practitioner"]["display"]
        elif style < 0.9:
            # An on-call assignment that ended years ago: nobody is on call now.
            participants.append(
                {
                    "role": [{"coding": [ON_CALL_CODING]}],
                    "member": {"reference": f"PractitionerRole/{covering['id']}"},
                    "period": EXPIRED,
                }
            )
            on_call_name = None
        else:
            on_call_name = None
        self.dataset.on_call_names[patient_id] = on_call_name
        self.add(
            {
                "resourceType": "CareTeam",
                "id": team_id,
                "status": "active",
                "name": "Primary care team",
                "subject": subject,
                "participant": participants,
            }
        )
        title, description = self.random.choice(CARE_PLANS)
        self.add(
            {
                "resourceType": "CarePlan",
                "id": f"cp-{number}",
                "status": "active",
                "intent": "plan",
                "title": title,
                "description": description,
                "subject": subject,
                "period": {"start": "2023-01-15"},
                "careTeam": [{"reference": f"CareTeam/{team_id}"}],
            }
        )


def build_dataset(seed: int = DEFAULT_SEED, patient_count: int = TEST_PATIENT_COUNT) -> Dataset:
    return _Generator(seed, patient_count).run()


def demo_bundle_json() -> str:
    bundle = build_dataset(DEMO_SEED, DEMO_PATIENT_COUNT).collection_bundle()
    return json.dumps(bundle, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-demo", action="store_true", help=f"write {DEMO_FILE}")
    args = parser.parse_args()
    if args.write_demo:
        DEMO_FILE.parent.mkdir(parents=True, exist_ok=True)
        DEMO_FILE.write_text(demo_bundle_json(), encoding="utf-8")
        print(f"wrote {DEMO_FILE}")
    else:
        dataset = build_dataset()
        print(json.dumps({"resources": len(dataset.resources), "patients": len(dataset.of_type("Patient"))}))


if __name__ == "__main__":
    main()
