"""Build the EHR patient directory the settings describe, with its credentials from the keyring.

Kept out of ``app.py`` so it is tested without a screen, and so a misconfiguration becomes one
clear ``EhrConfigurationError`` (shown in the status bar) instead of a failure on the first call.
"""

from __future__ import annotations

from softphone.config.model import EhrSettings
from softphone.credentials import CredentialStore, CredentialStoreError, SecretName
from softphone.patients.access_token import AccessTokenSource, StaticBearerToken
from softphone.patients.fhir_directory import FhirPatientDirectory
from softphone.patients.smart_backend_auth import (
    DEFAULT_SCOPE,
    SmartBackendCredentials,
    SmartBackendServicesAuth,
    SmartConfigurationError,
    load_private_key_from_keyring,
)


class EhrConfigurationError(Exception):
    """The EHR connection cannot be set up; the message tells IT what to fix (never a secret)."""


def build_fhir_directory(ehr: EhrSettings, credentials: CredentialStore) -> FhirPatientDirectory:
    if not ehr.fhir_base_url:
        raise EhrConfigurationError("ehr.fhir_base_url is not set")
    try:
        auth = _access_tokens(ehr, credentials)
    except (SmartConfigurationError, CredentialStoreError, ValueError) as error:
        raise EhrConfigurationError(f"EHR sign-in ({ehr.auth}) is not usable: {error}") from None
    return FhirPatientDirectory(
        ehr.fhir_base_url,
        timeout_s=ehr.timeout_s,
        auth=auth,
        default_region=ehr.default_region,
        mrn_system=ehr.mrn_system or None,
    )


def _access_tokens(ehr: EhrSettings, credentials: CredentialStore) -> AccessTokenSource | None:
    if ehr.auth == "none":
        return None
    if ehr.auth == "bearer":
        token = credentials.get(SecretName.FHIR_BEARER_TOKEN)
        if not token:
            raise ValueError(
                f"no bearer token in the OS keyring ({credentials.service}/{SecretName.FHIR_BEARER_TOKEN})"
            )
        return StaticBearerToken(token)
    smart = SmartBackendCredentials(
        client_id=ehr.client_id,
        private_key_pem=load_private_key_from_keyring(credentials),
        algorithm=ehr.algorithm,
        key_id=ehr.key_id or None,
        token_endpoint=ehr.token_endpoint or None,
        scope=ehr.scope or DEFAULT_SCOPE,
    )
    return SmartBackendServicesAuth(smart, fhir_base_url=ehr.fhir_base_url, timeout_s=ehr.timeout_s)
