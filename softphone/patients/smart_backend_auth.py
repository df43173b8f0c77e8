"""SMART Backend Services: OAuth 2.0 client credentials with a signed JWT assertion.

The softphone authenticates as a *system* (the call-centre application), not as the agent: there
is no browser login in the middle of a call. Flow (SMART App Launch 2.x, "Backend Services"):

1. discover the token endpoint from ``[base]/.well-known/smart-configuration`` (or take it from
   configuration);
2. sign a short-lived JWT (``iss`` = ``sub`` = client id, ``aud`` = token endpoint, ``exp`` at most
   five minutes ahead, a fresh random ``jti`` every time so the server can refuse replays) with
   our private key, RS384 or ES384; the EHR holds the matching public key (JWKS);
3. POST it as ``client_assertion`` with ``grant_type=client_credentials``;
4. cache the access token until shortly before ``expires_in``, so a busy queue does not hit the
   token endpoint on every call.

The private key is a PEM string kept in the OS keyring (``SecretName.FHIR_CLIENT_KEY``); it is
never written to disk or logged.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Literal

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from softphone.credentials.store import CredentialStore, SecretName
from softphone.patients.deadline import Deadline
from softphone.patients.errors import DirectoryUnavailable
from softphone.patients.model import DirectoryProblem
from softphone.patients.secure_url import require_secure_url

log = logging.getLogger(__name__)

SigningAlgorithm = Literal["RS384", "ES384"]
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME_S = 300  # the SMART maximum
# Renew this long before the token expires, so a token never dies between our check and the
# EHR's: covers clock skew and a slow request.
RENEW_MARGIN_S = 60
DEFAULT_SCOPE = (
    "system/Patient.rs system/AllergyIntolerance.rs system/Condition.rs system/MedicationRequest.rs "
    "system/Medication.rs system/CarePlan.rs system/CareTeam.rs system/Encounter.rs "
    "system/Practitioner.rs system/PractitionerRole.rs"
)


class SmartConfigurationError(ValueError):
    """The key or configuration cannot work; the message says what IT should fix (no secrets)."""


@dataclass(frozen=True)
class SmartBackendCredentials:
    client_id: str
    private_key_pem: str
    algorithm: SigningAlgorithm = "RS384"
    key_id: str | None = None  # "kid": which key of our JWKS signed the assertion
    token_endpoint: str | None = None  # None: discover it
    scope: str = DEFAULT_SCOPE
    jwks_url: str | None = None  # "jku", when the EHR fetches our keys from a URL

    def __repr__(self) -> str:  # the PEM must never reach a log or a traceback
        return f"SmartBackendCredentials(client_id={self.client_id!r}, algorithm={self.algorithm!r}, key=***)"


def load_private_key_from_keyring(store: CredentialStore) -> str:
    pem = store.get(SecretName.FHIR_CLIENT_KEY)
    if not pem:
        raise SmartConfigurationError(
            f"No EHR client key in the OS keyring ({store.service}/{SecretName.FHIR_CLIENT_KEY}); "
            "IT must store the PEM private key registered with the EHR."
        )
    return pem


def _checked_private_key(pem: str, algorithm: SigningAlgorithm) -> Any:
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        raise SmartConfigurationError("The EHR client key is not an unencrypted PEM private key") from None
    if algorithm == "RS384" and not (isinstance(key, rsa.RSAPrivateKey) and key.key_size >= 2048):
        raise SmartConfigurationError("RS384 needs an RSA private key of at least 2048 bits")
    if algorithm == "ES384" and not (isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp384r1"):
        raise SmartConfigurationError("ES384 needs an EC private key on curve P-384")
    return key


class SmartBackendServicesAuth:
    """An :class:`AccessTokenSource` for SMART Backend Services; thread-safe."""

    def __init__(
        self,
        credentials: SmartBackendCredentials,
        *,
        fhir_base_url: str,
        timeout_s: float,
        http: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self._credentials = credentials
        self._key = _checked_private_key(credentials.private_key_pem, credentials.algorithm)
        self._base_url = require_secure_url(fhir_base_url.rstrip("/"), "FHIR base URL")
        self._token_endpoint = (
            require_secure_url(credentials.token_endpoint, "token endpoint") if credentials.token_endpoint else None
        )
        self._timeout_s = timeout_s
        self._http = http or httpx.Client(follow_redirects=False)
        self._owns_http = http is None
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_expires_at = 0.0

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def access_token(self, deadline: Deadline) -> str:
        # One fetch at a time: concurrent lookups at the start of a shift share the first token.
        with self._lock:
            if self._token is not None and self._clock() < self._token_expires_at:
                return self._token
            token, lifetime = self._fetch_token(deadline)
            margin = min(RENEW_MARGIN_S, lifetime / 2)
            self._token, self._token_expires_at = token, self._clock() + lifetime - margin
            return token

    def invalidate(self) -> None:
        with self._lock:
            self._token, self._token_expires_at = None, 0.0

    def client_assertion(self, token_endpoint: str) -> str:
        now = int(self._clock())
        claims = {
            "iss": self._credentials.client_id,
            "sub": self._credentials.client_id,
            "aud": token_endpoint,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME_S,
            "jti": secrets.token_urlsafe(24),
        }
        headers: dict[str, str] = {"typ": "JWT"}
        if self._credentials.key_id:
            headers["kid"] = self._credentials.key_id
        if self._credentials.jwks_url:
            headers["jku"] = self._credentials.jwks_url
        return jwt.encode(claims, self._key, algorithm=self._credentials.algorithm, headers=headers)

    # ------------------------------------------------------------------ internals

    def _discover_token_endpoint(self, deadline: Deadline) -> str:
        if self._token_endpoint:
            return self._token_endpoint
        document = self._request_json("GET", f"{self._base_url}/.well-known/smart-configuration", deadline)
        endpoint = document.get("token_endpoint")
        if not isinstance(endpoint, str) or not endpoint:
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "no token_endpoint in smart-configuration")
        try:
            self._token_endpoint = require_secure_url(endpoint, "token endpoint")
        except ValueError:
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "token endpoint is not https") from None
        return self._token_endpoint

    def _fetch_token(self, deadline: Deadline) -> tuple[str, float]:
        endpoint = self._discover_token_endpoint(deadline)
        form = {
            "grant_type": "client_credentials",
            "scope": self._credentials.scope,
            "client_assertion_type": CLIENT_ASSERTION_TYPE,
            "client_assertion": self.client_assertion(endpoint),
        }
        document = self._request_json("POST", endpoint, deadline, data=form)
        token = document.get("access_token")
        if not isinstance(token, str) or not token:
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "token response without access_token")
        if str(document.get("token_type", "bearer")).lower() != "bearer":
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "token type is not bearer")
        expires_in = document.get("expires_in", 300)
        lifetime = float(expires_in) if isinstance(expires_in, (int, float)) and expires_in > 0 else 300.0
        log.info("EHR access token obtained (valid %.0f s)", lifetime)
        return token, lifetime

    def _request_json(self, method: str, url: str, deadline: Deadline, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(
                method,
                url,
                headers={"Accept": "application/json"},
                timeout=deadline.request_timeout(self._timeout_s),
                **kwargs,
            )
        except httpx.TimeoutException:
            raise DirectoryUnavailable(DirectoryProblem.TIMEOUT, "token endpoint") from None
        except httpx.TransportError:
            raise DirectoryUnavailable(DirectoryProblem.CONNECTION_FAILED, "token endpoint") from None
        if response.status_code >= 500:
            raise DirectoryUnavailable(DirectoryProblem.SERVER_ERROR, f"token endpoint HTTP {response.status_code}")
        if response.status_code != 200:
            # 400 invalid_client / invalid_scope...: the OAuth error code is safe to log, the body is not.
            error_code = _oauth_error_code(response)
            log.warning("EHR token endpoint refused us: HTTP %s %s", response.status_code, error_code)
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, f"HTTP {response.status_code} {error_code}")
        try:
            document = response.json()
        except (ValueError, json.JSONDecodeError):
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "token endpoint answered non-JSON") from None
        if not isinstance(document, dict):
            raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "token endpoint answered non-object")
        return document


def _oauth_error_code(response: httpx.Response) -> str:
    try:
        error = response.json().get("error", "")
    except (ValueError, AttributeError):
        return ""
    return error if isinstance(error, str) and error.replace("_", "").isalnum() else ""
