"""Patient context from the EHR (FHIR R4) or the demo directory, for screen-pop. No Qt here.

Typical wiring (composition root)::

    directory = FhirPatientDirectory(settings.ehr.fhir_base_url, timeout_s=settings.ehr.timeout_s,
                                     auth=SmartBackendServicesAuth(credentials, fhir_base_url=..., timeout_s=...))
    # or DemoPatientDirectory() for --demo
    screen_pop = ScreenPopService(directory, on_update=bridge.emit_screen_pop)
    screen_pop.start_lookup(call_id, remote_uri)      # on an incoming call
    screen_pop.call_ended(call_id)                    # on DISCONNECTED
"""

from softphone.patients.access_token import AccessTokenSource, StaticBearerToken
from softphone.patients.demo_directory import DEMO_PATIENTS_FILE, DemoPatientDirectory
from softphone.patients.directory import PatientDirectory
from softphone.patients.errors import (
    DirectoryUnavailable,
    InvalidDirectoryResponse,
    PatientDirectoryError,
    PatientNotFound,
)
from softphone.patients.fhir_directory import FhirPatientDirectory
from softphone.patients.model import (
    ActiveCarePlan,
    ActiveCondition,
    Allergy,
    ContextSection,
    CurrentMedication,
    DirectoryProblem,
    LookupState,
    OnCallClinician,
    PatientCandidate,
    PatientContext,
    RecentEncounter,
    ScreenPopResult,
)
from softphone.patients.on_call import ON_CALL_ROLE_CODE, ON_CALL_ROLE_SYSTEM, OnCallRule
from softphone.patients.phone_numbers import search_forms, to_e164
from softphone.patients.screen_pop import ScreenPop, ScreenPopService
from softphone.patients.smart_backend_auth import (
    SmartBackendCredentials,
    SmartBackendServicesAuth,
    SmartConfigurationError,
    load_private_key_from_keyring,
)

__all__ = [
    "AccessTokenSource",
    "ActiveCarePlan",
    "ActiveCondition",
    "Allergy",
    "ContextSection",
    "CurrentMedication",
    "DEMO_PATIENTS_FILE",
    "DemoPatientDirectory",
    "DirectoryProblem",
    "DirectoryUnavailable",
    "FhirPatientDirectory",
    "InvalidDirectoryResponse",
    "LookupState",
    "ON_CALL_ROLE_CODE",
    "ON_CALL_ROLE_SYSTEM",
    "OnCallClinician",
    "OnCallRule",
    "PatientCandidate",
    "PatientContext",
    "PatientDirectory",
    "PatientDirectoryError",
    "PatientNotFound",
    "RecentEncounter",
    "ScreenPop",
    "ScreenPopResult",
    "ScreenPopService",
    "SmartBackendCredentials",
    "SmartBackendServicesAuth",
    "SmartConfigurationError",
    "StaticBearerToken",
    "load_private_key_from_keyring",
    "search_forms",
    "to_e164",
]
