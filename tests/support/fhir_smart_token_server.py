"""A small SMART Backend Services authorization server plus a protected FHIR endpoint, on loopback.

It does what an EHR's token endpoint must do with a client assertion, and records what it saw:

- ``GET  /fhir/.well-known/smart-configuration``: discovery, pointing at ``/auth/token``;
- ``POST /auth/token``: checks ``grant_type``, ``client_assertion_type``, then the JWT: signature
  with the registered public key (RS384 / ES384), ``iss`` == ``sub`` == client id, ``aud`` == the
  token URL, ``exp`` present and at most 5 minutes ahead, ``jti`` never seen before (replay);
  answers an opaque access token with ``expires_in``;
- ``GET  /fhir/Patient?...``: a searchset with one patient, only with a live access token;
  ``revoke_all()`` makes every issued token invalid (the client must fetch a new one after a 401).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jwt

from tests.support.fhir_broken_server import PATIENT, searchset

CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass
class TokenServerLog:
    assertions: list[dict[str, Any]] = field(default_factory=list)  # decoded, verified claims
    assertion_headers: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[str] = field(default_factory=list)
    token_requests: int = 0
    fhir_requests: int = 0
    discovery_requests: int = 0


@dataclass
class SmartTokenServer:
    httpd: ThreadingHTTPServer
    thread: threading.Thread
    client_id: str
    public_key_pem: str
    algorithm: str
    expires_in: int
    log: TokenServerLog = field(default_factory=TokenServerLog)
    issued: dict[str, float] = field(default_factory=dict)  # access token -> expiry (epoch)
    seen_jti: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def root(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def fhir_base_url(self) -> str:
        return f"{self.root}/fhir"

    @property
    def token_url(self) -> str:
        return f"{self.root}/auth/token"

    def revoke_all(self) -> None:
        with self.lock:
            self.issued.clear()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def check_assertion(self, form: dict[str, str]) -> str | None:
        """None when acceptable, else the OAuth error code."""
        if form.get("grant_type") != "client_credentials":
            return "unsupported_grant_type"
        if form.get("client_assertion_type") != CLIENT_ASSERTION_TYPE:
            return "invalid_client"
        assertion = form.get("client_assertion", "")
        try:
            header = jwt.get_unverified_header(assertion)
            claims = jwt.decode(
                assertion,
                self.public_key_pem,
                algorithms=[self.algorithm],
                audience=self.token_url,
                issuer=self.client_id,
                options={"require": ["iss", "sub", "aud", "exp", "jti"]},
            )
        except jwt.PyJWTError as error:
            self.log.rejections.append(type(error).__name__)
            return "invalid_client"
        if claims["sub"] != self.client_id:
            self.log.rejections.append("sub")
            return "invalid_client"
        if claims["exp"] > time.time() + 300 + 5:
            self.log.rejections.append("exp too far")
            return "invalid_client"
        with self.lock:
            if claims["jti"] in self.seen_jti:
                self.log.rejections.append("jti replay")
                return "invalid_client"
            self.seen_jti.add(claims["jti"])
        self.log.assertions.append(claims)
        self.log.assertion_headers.append(header)
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    @property
    def smart(self) -> SmartTokenServer:
        return self.server.smart  # type: ignore[attr-defined]

    def send_json(self, status: int, document: object, content_type: str = "application/json") -> None:
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/fhir/.well-known/smart-configuration":
            self.smart.log.discovery_requests += 1
            self.send_json(
                200,
                {
                    "token_endpoint": self.smart.token_url,
                    "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                    "token_endpoint_auth_signing_alg_values_supported": ["RS384", "ES384"],
                    "grant_types_supported": ["client_credentials"],
                },
            )
            return
        if path.startswith("/fhir/"):
            self.smart.log.fhir_requests += 1
            authorization = self.headers.get("Authorization", "")
            token = authorization.removeprefix("Bearer ") if authorization.startswith("Bearer ") else ""
            with self.smart.lock:
                expiry = self.smart.issued.get(token)
            if expiry is None or expiry < time.time():
                self.send_json(
                    401,
                    {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "login"}]},
                    "application/fhir+json",
                )
                return
            self.send_json(200, searchset(PATIENT), "application/fhir+json")
            return
        self.send_json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        if urlsplit(self.path).path != "/auth/token":
            self.send_json(404, {"error": "not_found"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(parse_qsl(self.rfile.read(length).decode()))
        self.smart.log.token_requests += 1
        error = self.smart.check_assertion(form)
        if error:
            self.send_json(400, {"error": error})
            return
        token = secrets.token_urlsafe(32)
        with self.smart.lock:
            self.smart.issued[token] = time.time() + self.smart.expires_in
        self.send_json(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": self.smart.expires_in,
                "scope": form.get("scope", ""),
            },
        )


def start_smart_token_server(
    *, client_id: str, public_key_pem: str, algorithm: str, expires_in: int = 300
) -> SmartTokenServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="smart-token-server", daemon=True)
    server = SmartTokenServer(httpd, thread, client_id, public_key_pem, algorithm, expires_in)
    httpd.smart = server  # type: ignore[attr-defined]
    thread.start()
    return server
