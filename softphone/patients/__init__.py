"""Patient context from the EHR (FHIR R4) or the demo directory, for screen-pop. No Qt here.

Typical wiring (composition root)::

    directory = FhirPatientDirectory(settings.ehr.fhir_base_url, timeout_s=settings.ehr.timeout_s,
                                     auth=SmartBackendServicesAuth(credentials, fhir_base_url=..., timeout_s=...))
    # or DemoPatientDirectory() for --demo
    screen_pop = ScreenPopService(directory, on_update=bridge.emit_screen_pop)
    screen_pop.start_lookup(call_id, remote_uri)      # on an incoming call
    screen_pop.call_ended(call_id)                    # on DISCONNECTED
"""

from softphone.lazy_exports import lazy_exports

# Imported on first use (softphone.lazy_exports): the main window needs a few light modules of this
# package before it is shown, not the whole package.
__all__, __getattr__ = lazy_exports(__name__, {
    "access_token": ("AccessTokenSource", "StaticBearerToken"),
    "demo_directory": ("DEMO_PATIENTS_FILE", "DemoPatientDirectory"),
    "directory": ("PatientDirectory",),
    "errors": (
        "DirectoryUnavailable", "InvalidDirectoryResponse", "PatientDirectoryError",
        "PatientNotFound",
    ),
    "fhir_directory": ("FhirPatientDirectory",),
    "model": (
        "ActiveCarePlan", "ActiveCondition", "Allergy", "ContextSection", "CurrentMedication",
        "DirectoryProblem", "LookupState", "OnCallClinician", "PatientCandidate", "PatientContext",
        "RecentEncounter", "ScreenPopResult",
    ),
    "on_call": ("ON_CALL_ROLE_CODE", "ON_CALL_ROLE_SYSTEM", "OnCallRule"),
    "phone_numbers": ("search_forms", "to_e164"),
    "screen_pop": ("ScreenPop", "ScreenPopService"),
    "smart_backend_auth": (
        "SmartBackendCredentials", "SmartBackendServicesAuth", "SmartConfigurationError",
        "load_private_key_from_keyring",
    ),
})
