"""The EHR directory built from settings: auth modes, secrets from the keyring, clear errors."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from softphone.config.model import EhrSettings
from softphone.credentials import CredentialStore, SecretName
from softphone.credentials.ephemeral import EphemeralKeyring
from softphone.patients.directory_factory import EhrConfigurationError, build_fhir_directory

BASE = "https://ehr.hospital.example/fhir"


@pytest.fixture
def credentials():
    # The in-memory keyring stands in for the OS one: what is tested is which secret is read.
    return CredentialStore(EphemeralKeyring())


def test_the_bearer_token_from_the_keyring_is_sent_to_the_ehr(credentials):
    from tests.support.fhir_broken_server import start_broken_fhir_server

    credentials.set(SecretName.FHIR_BEARER_TOKEN, "abc.def.ghi")
    server = start_broken_fhir_server()
    try:
        # model_construct: the settings model only admits https EHRs; this test server is loopback http.
        settings = EhrSettings.model_construct(**(EhrSettings().model_dump() | {
            "fhir_base_url": server.base_url("ok"), "auth": "bearer"}))
        build_fhir_directory(settings, credentials).lookup_caller("+16175550100")
    finally:
        server.stop()
    assert server.requests, "the directory never asked the EHR"
    assert {request.headers.get("authorization") for request in server.requests} == {"Bearer abc.def.ghi"}


def test_missing_bearer_token_is_a_clear_error_naming_the_keyring_entry(credentials):
    with pytest.raises(EhrConfigurationError, match="fhir-bearer-token"):
        build_fhir_directory(EhrSettings(fhir_base_url=BASE, auth="bearer"), credentials)


def test_smart_backend_services_uses_the_client_key_from_the_keyring(credentials):
    key = ec.generate_private_key(ec.SECP384R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    credentials.set(SecretName.FHIR_CLIENT_KEY, pem.decode())
    settings = EhrSettings(fhir_base_url=BASE, auth="smart", client_id="softphone", algorithm="ES384")
    # The token is only fetched on the first lookup; building proves the key was read and accepted.
    assert build_fhir_directory(settings, credentials) is not None


def test_smart_without_a_key_or_with_the_wrong_key_type_is_refused(credentials):
    settings = EhrSettings(fhir_base_url=BASE, auth="smart", client_id="softphone", algorithm="RS384")
    with pytest.raises(EhrConfigurationError, match="fhir-client-key"):
        build_fhir_directory(settings, credentials)
    key = ec.generate_private_key(ec.SECP384R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    credentials.set(SecretName.FHIR_CLIENT_KEY, pem.decode())
    with pytest.raises(EhrConfigurationError, match="RS384 needs an RSA private key"):
        build_fhir_directory(settings, credentials)


def test_settings_reject_smart_without_client_and_plain_http_token_endpoint():
    with pytest.raises(ValueError, match="client_id"):
        EhrSettings(fhir_base_url=BASE, auth="smart")
    with pytest.raises(ValueError, match="https"):
        EhrSettings(fhir_base_url=BASE, token_endpoint="http://ehr.example/token")
