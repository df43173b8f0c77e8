"""Failures of the patient directory, each carrying the screen-pop state it maps to.

Messages never contain PHI: no URL (search URLs carry phone numbers and names), no response body.
"""

from __future__ import annotations

from softphone.patients.model import DirectoryProblem, LookupState


class PatientDirectoryError(Exception):
    state: LookupState = LookupState.UNAVAILABLE

    def __init__(self, problem: DirectoryProblem, detail: str = ""):
        self.problem = problem
        super().__init__(f"{problem.value}{': ' + detail if detail else ''}")


class DirectoryUnavailable(PatientDirectoryError):
    state = LookupState.UNAVAILABLE


class InvalidDirectoryResponse(PatientDirectoryError):
    state = LookupState.INVALID_RESPONSE


class PatientNotFound(Exception):
    """``load_context`` was asked for a patient id the directory does not (or no longer) know."""

    state = LookupState.NOT_FOUND


class SearchRejected(DirectoryUnavailable):
    """The server refused the search itself (400/422), typically an unsupported search parameter.

    With ``Prefer: handling=strict`` this is how we learn that a server lacks a parameter, so the
    caller can fall back to another query instead of silently getting unfiltered results.
    """

    def __init__(self, status_code: int):
        self.status_code = status_code
        super().__init__(DirectoryProblem.REQUEST_REJECTED, f"HTTP {status_code}")
