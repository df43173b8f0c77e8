"""A deliberately broken FHIR server on loopback, one failure mode per base URL.

``http://127.0.0.1:PORT/<mode>/fhir`` behaves according to ``mode``:

==================  =========================================================================
ok                  valid answers (a Patient read and a searchset with that patient)
slow                waits ``slow_seconds`` before answering (beyond the client's timeout)
trickle             sends headers, then one body byte every 0.2 s (defeats per-read timeouts)
html                200 with a text/html login page (an SSO proxy in front of the EHR)
html-as-json        200, Content-Type application/fhir+json, HTML body
truncated           200 with half of a valid Bundle (Content-Length matches the half)
cut-connection      announces the full length, sends half, closes the socket
wrong-type          a Patient where a Bundle is expected, an OperationOutcome for a read
wrong-match-type    a searchset whose "match" entry is an Observation
schema-invalid      valid JSON, right type, but birthDate "not-a-date"
server-error        500 with an OperationOutcome
unavailable         503 with an HTML body
unauthorized        401
too-large           a declared Content-Length of 1 GB
sections-fail       Patient read works, every search answers 500 (partial context)
lenient             ignores the search parameters: everyone, plus a "parameter ignored" outcome
==================  =========================================================================

Every request is recorded (path, query, selected headers) so tests can check what the client sent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

PATIENT = {
    "resourceType": "Patient",
    "id": "broken-1",
    "name": [{"family": "Testcase", "given": ["Brokenserver"]}],
    "birthDate": "1970-01-01",
    "telecom": [{"system": "phone", "value": "+12025550100"}],
}


def searchset(*resources: dict) -> dict:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [{"resource": resource, "search": {"mode": "match"}} for resource in resources],
    }


@dataclass
class RecordedRequest:
    mode: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]


@dataclass
class BrokenFhirServer:
    httpd: ThreadingHTTPServer
    thread: threading.Thread
    slow_seconds: float
    requests: list[RecordedRequest] = field(default_factory=list)

    @property
    def root(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def base_url(self, mode: str) -> str:
        return f"{self.root}/{mode}/fhir"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "BrokenFHIR/0"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    @property
    def broken(self) -> BrokenFhirServer:
        return self.server.broken  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        segments = [segment for segment in parts.path.split("/") if segment]
        mode = segments[0] if segments else ""
        fhir_path = segments[2:] if len(segments) > 2 and segments[1] == "fhir" else []
        self.broken.requests.append(
            RecordedRequest(
                mode,
                "/".join(fhir_path),
                parse_qsl(parts.query, keep_blank_values=True),
                {
                    name.lower(): value
                    for name, value in self.headers.items()
                    if name.lower() in ("prefer", "authorization", "accept")
                },
            )
        )
        is_read = len(fhir_path) == 2
        valid = PATIENT if is_read else searchset(PATIENT)
        handler = getattr(self, "mode_" + mode.replace("-", "_"), None)
        if handler is None:
            self.send_body(404, b"unknown mode", "text/plain")
            return
        handler(valid, is_read)

    # ----------------------------------------------------------------- helpers

    def send_body(self, status: int, body: bytes, content_type: str, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status: int, document: object) -> None:
        self.send_body(status, json.dumps(document).encode(), "application/fhir+json; charset=utf-8")

    # ----------------------------------------------------------------- modes

    def mode_ok(self, valid: dict, is_read: bool) -> None:
        self.send_json(200, valid)

    def mode_slow(self, valid: dict, is_read: bool) -> None:
        time.sleep(self.broken.slow_seconds)
        try:
            self.send_json(200, valid)
        except OSError:
            pass  # the client gave up long ago

    def mode_trickle(self, valid: dict, is_read: bool) -> None:
        body = json.dumps(valid).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for index in range(len(body)):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def mode_html(self, valid: dict, is_read: bool) -> None:
        self.send_body(
            200, b"<!doctype html><html><body><form>Sign in</form></body></html>", "text/html; charset=utf-8"
        )

    def mode_html_as_json(self, valid: dict, is_read: bool) -> None:
        self.send_body(200, b"<!doctype html><html><body>Gateway error</body></html>", "application/fhir+json")

    def mode_truncated(self, valid: dict, is_read: bool) -> None:
        body = json.dumps(valid).encode()
        self.send_body(200, body[: len(body) // 2], "application/fhir+json")

    def mode_cut_connection(self, valid: dict, is_read: bool) -> None:
        body = json.dumps(valid).encode()
        self.send_body(200, body[: len(body) // 2], "application/fhir+json", length=len(body))
        self.close_connection = True

    def mode_wrong_type(self, valid: dict, is_read: bool) -> None:
        outcome = {"resourceType": "OperationOutcome", "issue": [{"severity": "information", "code": "informational"}]}
        self.send_json(200, outcome if is_read else PATIENT)

    def mode_wrong_match_type(self, valid: dict, is_read: bool) -> None:
        observation = {"resourceType": "Observation", "id": "o1", "status": "final", "code": {"text": "x"}}
        self.send_json(200, observation if is_read else searchset(observation))

    def mode_schema_invalid(self, valid: dict, is_read: bool) -> None:
        patient = {**PATIENT, "birthDate": "not-a-date"}
        self.send_json(200, patient if is_read else searchset(patient))

    def mode_server_error(self, valid: dict, is_read: bool) -> None:
        self.send_json(500, {"resourceType": "OperationOutcome", "issue": [{"severity": "fatal", "code": "exception"}]})

    def mode_unavailable(self, valid: dict, is_read: bool) -> None:
        self.send_body(503, b"<html><body>Service Unavailable</body></html>", "text/html")

    def mode_unauthorized(self, valid: dict, is_read: bool) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Bearer error="invalid_token"')
        self.send_header("Content-Type", "application/fhir+json")
        body = json.dumps(
            {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "login"}]}
        ).encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def mode_too_large(self, valid: dict, is_read: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(1024**3))
        self.end_headers()
        self.close_connection = True

    def mode_lenient(self, valid: dict, is_read: bool) -> None:
        strangers = [
            {**PATIENT, "id": f"stranger-{index}", "telecom": [{"system": "phone", "value": f"+1303555010{index}"}]}
            for index in range(3)
        ]
        bundle = searchset(*strangers)
        bundle["entry"].append(
            {
                "resource": {
                    "resourceType": "OperationOutcome",
                    "issue": [{"severity": "warning", "code": "not-supported", "diagnostics": "phone ignored"}],
                },
                "search": {"mode": "outcome"},
            }
        )
        self.send_json(200, bundle)

    def mode_sections_fail(self, valid: dict, is_read: bool) -> None:
        if is_read:
            self.send_json(200, PATIENT)
        else:
            self.mode_server_error(valid, is_read)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True  # sleeping "slow" handlers must not keep the test process alive

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that give up (the point of most modes) reset the connection; that is not news.
        pass


def start_broken_fhir_server(slow_seconds: float = 3.0) -> BrokenFhirServer:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, name="broken-fhir-server", daemon=True)
    server = BrokenFhirServer(httpd, thread, slow_seconds)
    httpd.broken = server  # type: ignore[attr-defined]
    thread.start()
    return server
