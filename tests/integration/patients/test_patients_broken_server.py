"""Every way an EHR can fail gives the right state, no exception and no wait beyond the time budget.

Hangs are caught by the per-test timeout rather than by timing assertions: the slow server answers
*valid* data after 3 s, so a client that waited for it would report "found", not "unavailable".
"""

from __future__ import annotations

import socket

import pytest

from softphone.logs.phi_redaction import PhiRegistry
from softphone.patients import (
    ContextSection,
    DirectoryProblem,
    DirectoryUnavailable,
    FhirPatientDirectory,
    InvalidDirectoryResponse,
    LookupState,
    ScreenPopService,
    StaticBearerToken,
)
from tests.support.fhir_broken_server import BrokenFhirServer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(20)]

CLIENT_TIMEOUT_S = 0.5
CALLER = "sip:+12025550100@pbx.example.test"

UNAVAILABLE = LookupState.UNAVAILABLE
INVALID = LookupState.INVALID_RESPONSE


def directory_for(server: BrokenFhirServer, mode: str, **options) -> FhirPatientDirectory:
    return FhirPatientDirectory(
        server.base_url(mode), timeout_s=CLIENT_TIMEOUT_S, phi_sink=PhiRegistry().remember, **options
    )


@pytest.mark.parametrize(
    "mode, state, problem",
    [
        ("slow", UNAVAILABLE, DirectoryProblem.TIMEOUT),
        ("trickle", UNAVAILABLE, DirectoryProblem.TIMEOUT),
        ("html", INVALID, DirectoryProblem.NOT_JSON),
        ("html-as-json", INVALID, DirectoryProblem.MALFORMED_JSON),
        ("truncated", INVALID, DirectoryProblem.MALFORMED_JSON),
        ("cut-connection", UNAVAILABLE, DirectoryProblem.CONNECTION_FAILED),
        ("wrong-type", INVALID, DirectoryProblem.WRONG_RESOURCE_TYPE),
        ("wrong-match-type", INVALID, DirectoryProblem.WRONG_RESOURCE_TYPE),
        ("schema-invalid", INVALID, DirectoryProblem.SCHEMA_INVALID),
        ("server-error", UNAVAILABLE, DirectoryProblem.SERVER_ERROR),
        ("unavailable", UNAVAILABLE, DirectoryProblem.SERVER_ERROR),
        ("unauthorized", UNAVAILABLE, DirectoryProblem.UNAUTHORIZED),
        ("too-large", INVALID, DirectoryProblem.TOO_LARGE),
    ],
)
def test_screen_pop_states_for_each_failure(broken_server: BrokenFhirServer, mode, state, problem):
    directory = directory_for(broken_server, mode)
    try:
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
    assert (result.state, result.problem) == (state, problem)
    assert result.caller_e164 == "+12025550100"
    assert result.candidates == ()


@pytest.mark.parametrize(
    "mode, error_type, problem",
    [
        ("slow", DirectoryUnavailable, DirectoryProblem.TIMEOUT),
        ("html", InvalidDirectoryResponse, DirectoryProblem.NOT_JSON),
        ("truncated", InvalidDirectoryResponse, DirectoryProblem.MALFORMED_JSON),
        ("wrong-type", InvalidDirectoryResponse, DirectoryProblem.WRONG_RESOURCE_TYPE),
        ("schema-invalid", InvalidDirectoryResponse, DirectoryProblem.SCHEMA_INVALID),
        ("server-error", DirectoryUnavailable, DirectoryProblem.SERVER_ERROR),
    ],
)
def test_context_failures_raise_typed_errors(broken_server: BrokenFhirServer, mode, error_type, problem):
    directory = directory_for(broken_server, mode)
    try:
        with pytest.raises(error_type) as raised:
            directory.load_context("broken-1")
    finally:
        directory.close()
    assert raised.value.problem is problem
    assert "broken-1" not in str(raised.value) and "Testcase" not in str(raised.value)


def test_failing_sections_leave_a_partial_context(broken_server: BrokenFhirServer):
    directory = directory_for(broken_server, "sections-fail")
    try:
        context = directory.load_context("broken-1")
    finally:
        directory.close()
    assert context.display_name == "Brokenserver Testcase"
    assert set(context.unavailable_sections) == set(ContextSection)
    assert context.allergies == ()  # empty, but flagged unavailable: never "no known allergies"


def test_a_lenient_server_that_ignores_the_phone_parameter_pops_nobody(broken_server: BrokenFhirServer):
    directory = directory_for(broken_server, "lenient")
    try:
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
    assert result.state is LookupState.NOT_FOUND and result.candidates == ()


def test_the_client_asks_for_strict_handling_and_fhir_json(broken_server: BrokenFhirServer):
    directory = directory_for(broken_server, "ok")
    try:
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
    assert result.state is LookupState.FOUND
    request = [r for r in broken_server.requests if r.mode == "ok"][-1]
    assert request.headers["prefer"] == "handling=strict"
    assert request.headers["accept"] == "application/fhir+json"
    phone_values = dict(request.query)["phone"].split(",")
    assert {"+12025550100", "2025550100", "(202) 555-0100", "202-555-0100"} <= set(phone_values)


def test_a_rejected_token_is_retried_once_then_unauthorized(broken_server: BrokenFhirServer):
    before = len([r for r in broken_server.requests if r.mode == "unauthorized"])
    directory = directory_for(broken_server, "unauthorized", auth=StaticBearerToken("not-a-real-token"))
    try:
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
    sent = [r for r in broken_server.requests if r.mode == "unauthorized"][before:]
    assert (result.state, result.problem) == (UNAVAILABLE, DirectoryProblem.UNAUTHORIZED)
    assert len(sent) == 2
    assert sent[0].headers["authorization"] == "Bearer not-a-real-token"


def test_connection_refused_is_unavailable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens there any more.
    directory = FhirPatientDirectory(
        f"http://127.0.0.1:{port}/fhir", timeout_s=CLIENT_TIMEOUT_S, phi_sink=PhiRegistry().remember
    )
    try:
        result = directory.lookup_caller(CALLER)
    finally:
        directory.close()
    assert (result.state, result.problem) == (UNAVAILABLE, DirectoryProblem.CONNECTION_FAILED)


def test_plain_http_is_refused_except_on_loopback():
    with pytest.raises(ValueError):
        FhirPatientDirectory("http://ehr.example.test/fhir")
    FhirPatientDirectory("https://ehr.example.test/fhir").close()


def test_screen_pop_service_reports_unavailable_without_raising(broken_server: BrokenFhirServer):
    directory = directory_for(broken_server, "server-error")
    service = ScreenPopService(directory)
    try:
        pop = service.start_lookup("call-9", CALLER).result(timeout=10)
        chosen = service.choose_patient("call-9", "broken-1").result(timeout=10)
    finally:
        service.shutdown()
        directory.close()
    assert pop.lookup.state is UNAVAILABLE
    assert chosen.context is None and chosen.context_state is UNAVAILABLE
    assert chosen.context_problem is DirectoryProblem.SERVER_ERROR
