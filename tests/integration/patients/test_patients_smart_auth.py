"""SMART Backend Services against a local token endpoint that verifies what an EHR verifies."""

from __future__ import annotations

import time
from collections.abc import Iterator

import keyring.backend
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from softphone.credentials.store import CredentialStore, SecretName
from softphone.logs.phi_redaction import PhiRegistry
from softphone.patients import (
    DirectoryProblem,
    FhirPatientDirectory,
    LookupState,
    SmartBackendCredentials,
    SmartBackendServicesAuth,
    SmartConfigurationError,
    load_private_key_from_keyring,
)
from tests.support.fhir_smart_token_server import SmartTokenServer, start_smart_token_server

pytestmark = [pytest.mark.integration, pytest.mark.timeout(30)]

CLIENT_ID = "softphone-call-centre"
CALLER = "sip:+12025550100@pbx.example.test"


def private_key_pem(algorithm: str) -> tuple[str, str]:
    if algorithm == "RS384":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP384R1())
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend in memory, standing in for the OS store in this test only."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(params=["RS384", "ES384"])
def algorithm(request) -> str:
    return request.param


@pytest.fixture
def keys(algorithm: str) -> tuple[str, str]:
    return private_key_pem(algorithm)


@pytest.fixture
def token_server(keys, algorithm) -> Iterator[SmartTokenServer]:
    server = start_smart_token_server(client_id=CLIENT_ID, public_key_pem=keys[1], algorithm=algorithm, expires_in=300)
    yield server
    server.stop()


def smart_directory(server: SmartTokenServer, private_pem: str, algorithm: str, **credentials):
    auth = SmartBackendServicesAuth(
        SmartBackendCredentials(CLIENT_ID, private_pem, algorithm, key_id="key-1", **credentials),
        fhir_base_url=server.fhir_base_url,
        timeout_s=3,
    )
    directory = FhirPatientDirectory(server.fhir_base_url, timeout_s=3, auth=auth, phi_sink=PhiRegistry().remember)
    return directory, auth


def test_discovers_signs_and_caches_the_token(token_server: SmartTokenServer, keys, algorithm):
    store = CredentialStore(MemoryKeyring())
    store.set(SecretName.FHIR_CLIENT_KEY, keys[0])
    directory, auth = smart_directory(token_server, load_private_key_from_keyring(store), algorithm)
    try:
        results = [directory.lookup_caller(CALLER) for _ in range(3)]
    finally:
        directory.close()
        auth.close()

    assert all(result.state is LookupState.FOUND for result in results)
    assert token_server.log.discovery_requests == 1
    assert token_server.log.token_requests == 1  # cached across lookups
    assert token_server.log.rejections == []
    (claims,) = token_server.log.assertions
    assert claims["iss"] == claims["sub"] == CLIENT_ID
    assert claims["aud"] == token_server.token_url
    assert 0 < claims["exp"] - claims["iat"] <= 300
    assert token_server.log.assertion_headers[0]["alg"] == algorithm
    assert token_server.log.assertion_headers[0]["kid"] == "key-1"


def test_a_revoked_token_is_replaced_with_a_fresh_assertion(token_server: SmartTokenServer, keys, algorithm):
    directory, auth = smart_directory(token_server, keys[0], algorithm, token_endpoint=None)
    try:
        first = directory.lookup_caller(CALLER)
        token_server.revoke_all()
        second = directory.lookup_caller(CALLER)
    finally:
        directory.close()
        auth.close()

    assert first.state is LookupState.FOUND and second.state is LookupState.FOUND
    assert token_server.log.token_requests == 2
    jtis = [claims["jti"] for claims in token_server.log.assertions]
    assert len(jtis) == 2 and len(set(jtis)) == 2


def test_every_assertion_has_a_new_jti(token_server: SmartTokenServer, keys, algorithm):
    auth = SmartBackendServicesAuth(
        SmartBackendCredentials(CLIENT_ID, keys[0], algorithm), fhir_base_url=token_server.fhir_base_url, timeout_s=3
    )
    assertions = [auth.client_assertion(token_server.token_url) for _ in range(20)]
    auth.close()
    import jwt

    jtis = {jwt.decode(a, keys[1], algorithms=[algorithm], audience=token_server.token_url)["jti"] for a in assertions}
    assert len(jtis) == 20


def test_the_token_is_renewed_before_it_expires(keys, algorithm):
    server = start_smart_token_server(client_id=CLIENT_ID, public_key_pem=keys[1], algorithm=algorithm, expires_in=2)
    directory, auth = smart_directory(server, keys[0], algorithm, token_endpoint=server.token_url)
    try:
        directory.lookup_caller(CALLER)
        directory.lookup_caller(CALLER)
        assert server.log.token_requests == 1
        time.sleep(1.1)  # past expires_in minus the renewal margin (half of a 2 s lifetime)
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
        auth.close()
        server.stop()
    assert result.state is LookupState.FOUND
    assert server.log.token_requests == 2
    assert server.log.discovery_requests == 0  # configured token endpoint: no discovery


def test_an_unregistered_key_is_refused_as_unauthorized(token_server: SmartTokenServer, algorithm):
    other_private, _ = private_key_pem(algorithm)
    directory, auth = smart_directory(token_server, other_private, algorithm)
    try:
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
        auth.close()
    assert (result.state, result.problem) == (LookupState.UNAVAILABLE, DirectoryProblem.UNAUTHORIZED)
    assert token_server.log.rejections == ["InvalidSignatureError"]
    assert token_server.log.fhir_requests == 0


def test_a_key_that_does_not_fit_the_algorithm_is_a_configuration_error(keys, algorithm):
    wrong_algorithm = "ES384" if algorithm == "RS384" else "RS384"
    with pytest.raises(SmartConfigurationError):
        SmartBackendServicesAuth(
            SmartBackendCredentials(CLIENT_ID, keys[0], wrong_algorithm),
            fhir_base_url="https://ehr.example.test/fhir",
            timeout_s=3,
        )
    with pytest.raises(SmartConfigurationError):
        SmartBackendServicesAuth(
            SmartBackendCredentials(CLIENT_ID, "not a pem", algorithm),
            fhir_base_url="https://ehr.example.test/fhir",
            timeout_s=3,
        )


def test_a_missing_keyring_secret_says_what_to_do():
    with pytest.raises(SmartConfigurationError, match=SecretName.FHIR_CLIENT_KEY):
        load_private_key_from_keyring(CredentialStore(MemoryKeyring()))


def test_credentials_never_print_the_key(keys, algorithm):
    credentials = SmartBackendCredentials(CLIENT_ID, keys[0], algorithm)
    assert "PRIVATE KEY" not in repr(credentials) and "PRIVATE KEY" not in str(credentials)
