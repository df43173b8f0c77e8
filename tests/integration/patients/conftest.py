"""A real FHIR R4 server (SEKMET) seeded with the synthetic dataset, once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from softphone.logs.phi_redaction import PhiRegistry
from softphone.patients import FhirPatientDirectory
from tests.support.fhir_broken_server import BrokenFhirServer, start_broken_fhir_server
from tests.support.fhir_dataset import MRN_SYSTEM, Dataset, build_dataset
from tests.support.fhir_server import FhirTestServer, start_fhir_server


@pytest.fixture(scope="session")
def patient_dataset() -> Dataset:
    return build_dataset()


@pytest.fixture(scope="session")
def fhir_server(tmp_path_factory: pytest.TempPathFactory, patient_dataset: Dataset) -> Iterator[FhirTestServer]:
    server = start_fhir_server(tmp_path_factory.mktemp("sekmet"))
    try:
        server.seed(patient_dataset)
        yield server
    finally:
        server.stop()


@pytest.fixture
def phi_registry() -> PhiRegistry:
    """A registry of this test only, so tests never leak PHI values into the process-wide one."""
    return PhiRegistry()


@pytest.fixture
def fhir_directory(fhir_server: FhirTestServer, phi_registry: PhiRegistry) -> Iterator[FhirPatientDirectory]:
    directory = FhirPatientDirectory(
        fhir_server.base_url, timeout_s=5.0, mrn_system=MRN_SYSTEM, phi_sink=phi_registry.remember
    )
    yield directory
    directory.close()


@pytest.fixture(scope="session")
def broken_server() -> Iterator[BrokenFhirServer]:
    server = start_broken_fhir_server(slow_seconds=3.0)
    yield server
    server.stop()
