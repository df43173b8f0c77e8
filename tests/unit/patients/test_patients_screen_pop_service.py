"""The call never waits for the EHR, and a late answer never pops onto the next call."""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError
from datetime import date
from typing import Any

import pytest
from fhir.resources.R4B.patient import Patient

from softphone.logs.phi_redaction import PhiRegistry
from softphone.patients import LookupState, ScreenPop, ScreenPopService
from softphone.patients.directory import PatientDirectory
from softphone.patients.model import PatientContext

pytestmark = pytest.mark.timeout(30)

CALLER = "sip:+12025550123@pbx"


def context_for(patient_id: str) -> PatientContext:
    return PatientContext(patient_id, "Test Patient", None, None, None, None, None, (), (), (), (), (), ())


class GatedDirectory(PatientDirectory):
    """Blocks every lookup until the test opens the gate; counts context loads."""

    def __init__(self) -> None:
        super().__init__(phi_sink=PhiRegistry().remember)
        self.gate = threading.Event()
        self.lookup_started = threading.Event()
        self.context_loads: list[str] = []

    def _patients_with_phone(self, e164: str) -> tuple[list[Any], bool]:
        self.lookup_started.set()
        assert self.gate.wait(10)
        return [
            Patient.model_validate(
                {"resourceType": "Patient", "id": "p1", "telecom": [{"system": "phone", "value": e164}]}
            )
        ], False

    def _patients_by_name_dob(self, family: str, given: str | None, birth_date: date) -> tuple[list[Any], bool]:
        return [], False

    def load_context(self, patient_id: str) -> PatientContext:
        self.context_loads.append(patient_id)
        return context_for(patient_id)


def test_start_lookup_returns_at_once_and_delivers_later():
    directory = GatedDirectory()
    delivered: list[ScreenPop] = []
    service = ScreenPopService(directory, on_update=delivered.append)
    future = service.start_lookup("call-1", CALLER)
    assert not future.done()  # the SIP thread is not held while the EHR thinks
    directory.gate.set()
    pop = future.result(timeout=5)
    service.shutdown()
    assert pop.lookup.state is LookupState.FOUND and pop.context == context_for("p1")
    assert delivered == [pop]


def test_a_call_that_ends_during_the_lookup_gets_no_update_and_no_context_load():
    directory = GatedDirectory()
    delivered: list[ScreenPop] = []
    service = ScreenPopService(directory, on_update=delivered.append, max_workers=1)
    running = service.start_lookup("call-1", CALLER)
    queued = service.start_lookup("call-2", CALLER)  # waits for the single worker
    assert directory.lookup_started.wait(5)

    service.call_ended("call-1")
    service.call_ended("call-2")
    directory.gate.set()

    with pytest.raises(CancelledError):
        running.result(timeout=5)
    with pytest.raises(CancelledError):
        queued.result(timeout=5)
    follow_up = service.search_by_name_dob("call-3", "Nobody", None, date(2000, 1, 1)).result(timeout=5)
    service.shutdown()
    assert follow_up.lookup.state is LookupState.NOT_FOUND
    assert delivered == [follow_up]
    assert directory.context_loads == []


def test_a_new_lookup_for_the_same_call_replaces_the_old_one():
    directory = GatedDirectory()
    service = ScreenPopService(directory)
    first = service.start_lookup("call-1", CALLER)
    second = service.start_lookup("call-1", CALLER)
    directory.gate.set()
    assert second.result(timeout=5).lookup.state is LookupState.FOUND
    assert first.cancelled()
    service.shutdown()


def test_cached_results_skip_the_directory_and_clear_cache_forgets():
    directory = GatedDirectory()
    directory.gate.set()
    service = ScreenPopService(directory)
    service.start_lookup("call-1", CALLER).result(timeout=5)
    cached = service.start_lookup("call-2", CALLER).result(timeout=5)
    service.clear_cache()
    fresh = service.start_lookup("call-3", CALLER).result(timeout=5)
    service.shutdown()
    assert cached.from_cache and not fresh.from_cache
    assert directory.context_loads == ["p1", "p1"]


def test_a_failing_callback_or_directory_bug_does_not_kill_the_service():
    class BuggyDirectory(GatedDirectory):
        def load_context(self, patient_id: str) -> PatientContext:
            raise RuntimeError("bug")

    directory = BuggyDirectory()
    directory.gate.set()

    def bad_callback(pop: ScreenPop) -> None:
        raise ValueError("ui bug")

    service = ScreenPopService(directory, on_update=bad_callback)
    pop = service.start_lookup("call-1", CALLER).result(timeout=5)
    again = service.search_by_name_dob("call-1", "X", None, date(2000, 1, 1)).result(timeout=5)
    service.shutdown()
    assert pop.lookup.state is LookupState.UNAVAILABLE
    assert again.lookup.state is LookupState.NOT_FOUND
