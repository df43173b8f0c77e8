"""A small FHIR R4 REST client over httpx: read and search, with every way a server can fail mapped
to :class:`DirectoryUnavailable` or :class:`InvalidDirectoryResponse`.

Choices, and why:

- ``Prefer: handling=strict``: a server that does not know a search parameter must say so (400),
  not silently return every patient it has.
- Every response is validated with ``fhir.resources.R4B`` (the package's default import is R5,
  which rejects R4 data): HTML from a proxy, truncated JSON, the wrong resource type or a
  schema-invalid resource all become ``invalid_response`` before any value reaches the UI.
- Timeouts on every request, from a shared :class:`Deadline`; bodies are streamed with a size cap.
- Redirects are not followed and paging links must stay on the base URL's origin, so the bearer
  token is never sent to another host.
- No URL, query or body ever goes into an exception message or a log line: search URLs carry phone
  numbers, names and birth dates.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from softphone.patients.access_token import AccessTokenSource
from softphone.patients.deadline import Deadline
from softphone.patients.errors import (
    DirectoryUnavailable,
    InvalidDirectoryResponse,
    PatientDirectoryError,
    SearchRejected,
)
from softphone.patients.model import DirectoryProblem
from softphone.patients.secure_url import require_secure_url, same_origin

log = logging.getLogger(__name__)

# httpx logs every request URL at INFO and httpcore traces at DEBUG; FHIR search URLs carry phone
# numbers, names and birth dates (URL-encoded, so the pattern redactor cannot see them). Our own
# log lines say what happened without the URL.
for _chatty in ("httpx", "httpcore"):
    if logging.getLogger(_chatty).level < logging.WARNING:
        logging.getLogger(_chatty).setLevel(logging.WARNING)

FHIR_JSON = "application/fhir+json"
DEFAULT_MAX_PAGES = 5
DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024
_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


class ResourceGone(Exception):
    """A read answered 404 or 410."""


@dataclass
class SearchResults:
    matches: list[Any] = field(default_factory=list)
    included: list[Any] = field(default_factory=list)
    # A next page existed beyond the page cap (or pointed off-origin): the list is incomplete.
    truncated: bool = False


def is_fhir_id(value: str) -> bool:
    return bool(_FHIR_ID.match(value or ""))


class FhirHttpClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float,
        auth: AccessTokenSource | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        verify: bool | str = True,
        user_agent: str = "softphone-patient-directory",
    ):
        self.base_url = require_secure_url(base_url.rstrip("/"), "FHIR base URL")
        self.timeout_s = timeout_s
        self._auth = auth
        self._max_response_bytes = max_response_bytes
        self.http = httpx.Client(
            timeout=timeout_s,
            follow_redirects=False,
            verify=verify,
            headers={"Accept": FHIR_JSON, "Prefer": "handling=strict", "User-Agent": user_agent},
        )

    def close(self) -> None:
        self.http.close()

    # ---------------------------------------------------------------- interactions

    def read(self, resource_type: str, resource_id: str, deadline: Deadline) -> Any:
        if not is_fhir_id(resource_id):
            raise ResourceGone()  # an id that cannot exist; never put it in a URL path
        data = self._get_json(f"{self.base_url}/{resource_type}/{resource_id}", None, deadline, allow_gone=True)
        return validate_resource(data, resource_type)

    def search(
        self,
        resource_type: str,
        params: list[tuple[str, str]],
        deadline: Deadline,
        *,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> SearchResults:
        results = SearchResults()
        seen: set[tuple[str, str]] = set()
        url: str | None = f"{self.base_url}/{resource_type}"
        query: list[tuple[str, str]] | None = params
        for _page in range(max_pages):
            data = self._get_json(url, query, deadline)
            bundle = validate_resource(data, "Bundle")
            if bundle.type != "searchset":
                raise InvalidDirectoryResponse(DirectoryProblem.WRONG_RESOURCE_TYPE, "Bundle is not a searchset")
            _collect_entries(bundle, resource_type, results, seen)
            next_url = next((link.url for link in bundle.link or [] if link.relation == "next"), None)
            if not next_url:
                return results
            if not same_origin(next_url, self.base_url):
                log.warning("FHIR search paging link points off the EHR origin; stopped paging")
                results.truncated = True
                return results
            # The next link carries the whole query; its parameters must not be added again.
            url, query = next_url, None
        results.truncated = True
        return results

    def get_json_document(self, url: str, deadline: Deadline) -> dict[str, Any]:
        """A non-FHIR JSON document on the EHR (SMART configuration), unauthenticated."""
        return self._get_json(url, None, deadline, authenticate=False)

    # ---------------------------------------------------------------- transport

    def _get_json(
        self,
        url: str,
        params: list[tuple[str, str]] | None,
        deadline: Deadline,
        *,
        allow_gone: bool = False,
        authenticate: bool = True,
    ) -> dict[str, Any]:
        for attempt in (1, 2):
            headers = {}
            if authenticate and self._auth is not None:
                headers["Authorization"] = f"Bearer {self._auth.access_token(deadline)}"
            try:
                with self.http.stream(
                    "GET", url, params=params, headers=headers, timeout=deadline.request_timeout(self.timeout_s)
                ) as response:
                    status = response.status_code
                    if status in (401, 403) and attempt == 1 and authenticate and self._auth is not None:
                        # The token may have been revoked or expired early: one retry with a new one.
                        self._auth.invalidate()
                        continue
                    _raise_for_status(status, allow_gone)
                    _require_json_content_type(response)
                    body = self._read_body(response, deadline)
            except PatientDirectoryError:
                raise
            except httpx.TimeoutException as error:
                raise DirectoryUnavailable(DirectoryProblem.TIMEOUT, type(error).__name__) from None
            except httpx.TransportError as error:
                # Connection refused, reset, TLS failure, or a body cut short by the peer.
                raise DirectoryUnavailable(DirectoryProblem.CONNECTION_FAILED, type(error).__name__) from None
            return _parse_json_object(body)
        raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, "HTTP 401/403 after a fresh token")

    def _read_body(self, response: httpx.Response, deadline: Deadline) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self._max_response_bytes:
            raise InvalidDirectoryResponse(DirectoryProblem.TOO_LARGE, f"{declared} bytes declared")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self._max_response_bytes:
                raise InvalidDirectoryResponse(DirectoryProblem.TOO_LARGE, f"over {self._max_response_bytes} bytes")
            chunks.append(chunk)
            # A server trickling bytes resets httpx's read timeout on every chunk; ours does not.
            deadline.check()
        return b"".join(chunks)


def _raise_for_status(status: int, allow_gone: bool) -> None:
    if 200 <= status < 300:
        return
    if status in (401, 403):
        raise DirectoryUnavailable(DirectoryProblem.UNAUTHORIZED, f"HTTP {status}")
    if allow_gone and status in (404, 410):
        raise ResourceGone()
    if status in (400, 422):
        raise SearchRejected(status)
    if status >= 500:
        raise DirectoryUnavailable(DirectoryProblem.SERVER_ERROR, f"HTTP {status}")
    # 3xx (often an SSO login redirect), 404 on a search (wrong base URL), 429...
    raise DirectoryUnavailable(DirectoryProblem.REQUEST_REJECTED, f"HTTP {status}")


def _require_json_content_type(response: httpx.Response) -> None:
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    # application/fhir+json, application/json, and the DSTU2-era application/json+fhir.
    if not (content_type.startswith("application/") and "json" in content_type):
        raise InvalidDirectoryResponse(DirectoryProblem.NOT_JSON, content_type or "no content type")


def _parse_json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise InvalidDirectoryResponse(DirectoryProblem.MALFORMED_JSON) from None
    if not isinstance(data, dict):
        raise InvalidDirectoryResponse(DirectoryProblem.MALFORMED_JSON, "not a JSON object")
    return data


def validate_resource(data: dict[str, Any], expected_type: str) -> Any:
    """The R4B model of ``data``, which must be a valid ``expected_type``."""
    actual = data.get("resourceType")
    if actual != expected_type:
        raise InvalidDirectoryResponse(
            DirectoryProblem.WRONG_RESOURCE_TYPE, f"expected {expected_type}, got {str(actual)[:40]}"
        )
    model = Bundle if expected_type == "Bundle" else get_fhir_model_class(expected_type)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # Locations only (e.g. "entry.0.resource.birthDate"): the messages quote the offending values.
        locations = sorted({".".join(str(part) for part in issue["loc"]) for issue in error.errors()})[:5]
        raise InvalidDirectoryResponse(DirectoryProblem.SCHEMA_INVALID, ", ".join(locations)) from None
    except (ValueError, TypeError, KeyError, RecursionError):
        raise InvalidDirectoryResponse(DirectoryProblem.SCHEMA_INVALID, expected_type) from None


def _collect_entries(bundle: Any, resource_type: str, results: SearchResults, seen: set[tuple[str, str]]) -> None:
    for entry in bundle.entry or []:
        resource = entry.resource
        if resource is None:
            continue
        mode = entry.search.mode if entry.search else None
        kind = resource.get_resource_type()
        if mode == "outcome" or kind == "OperationOutcome":
            continue  # warnings about the search itself; with handling=strict errors are 4xx
        if mode == "match" and kind != resource_type:
            raise InvalidDirectoryResponse(
                DirectoryProblem.WRONG_RESOURCE_TYPE, f"search for {resource_type} matched a {kind}"
            )
        key = (kind, str(resource.id))
        if key in seen:
            continue
        seen.add(key)
        (results.matches if kind == resource_type and mode != "include" else results.included).append(resource)
