"""Screen-pop latency, caller number to patient context loaded, against a local FHIR R4 server.

Starts SEKMET (tests/support/fhir_server.py) on loopback, seeds the synthetic dataset, then for every
number held by exactly one patient runs the full path the app runs on an incoming call:
``ScreenPopService.start_lookup(call_id, sip_uri)`` until the Future holds the loaded context.
Prints ONE JSON object. Loopback latency is a floor: a real EHR adds its network round trips
(about four sequential ones per screen-pop: Patient search, Patient read, sections, care team).

    .venv/bin/python tests/bench/bench_screen_pop.py [--max-calls 150]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from softphone.logs.phi_redaction import PhiRegistry  # noqa: E402
from softphone.patients import FhirPatientDirectory, LookupState, ScreenPopService  # noqa: E402
from tests.support.fhir_dataset import MRN_SYSTEM, build_dataset  # noqa: E402
from tests.support.fhir_server import start_fhir_server  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.50) * 1000, 2),
        "p95_ms": round(percentile(values, 0.95) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
        "mean_ms": round(statistics.fmean(values) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-calls", type=int, default=150)
    args = parser.parse_args()

    dataset = build_dataset()
    numbers = dataset.numbers_with_single_holder()[: args.max_calls]
    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        server = start_fhir_server(Path(workdir))
        startup_s = time.perf_counter() - started
        try:
            started = time.perf_counter()
            server.seed(dataset)
            seed_s = time.perf_counter() - started
            directory = FhirPatientDirectory(
                server.base_url, timeout_s=5, mrn_system=MRN_SYSTEM, phi_sink=PhiRegistry().remember
            )
            service = ScreenPopService(directory)
            try:
                # Warm-up: the connection pool, and the CareTeam capability probe (a 400 on this server).
                service.start_lookup("warm-up", f"sip:{dataset.numbers_with_single_holder()[-1]}@pbx").result(30)

                cold, lookup_only, context_only, cached, failures = [], [], [], [], 0
                for index, number in enumerate(numbers):
                    uri = f"sip:{number}@pbx.example.test;user=phone"
                    begin = time.perf_counter()
                    pop = service.start_lookup(f"call-{index}", uri).result(30)
                    cold.append(time.perf_counter() - begin)
                    if pop.lookup.state is not LookupState.FOUND or pop.context is None:
                        failures += 1
                    service.call_ended(f"call-{index}")
                    # Caller calls back a minute later: served from the in-memory cache.
                    begin = time.perf_counter()
                    service.start_lookup(f"again-{index}", uri).result(30)
                    cached.append(time.perf_counter() - begin)

                for number in numbers:
                    begin = time.perf_counter()
                    result = directory.lookup_caller(f"sip:{number}@pbx")
                    lookup_only.append(time.perf_counter() - begin)
                    begin = time.perf_counter()
                    directory.load_context(result.candidates[0].patient_id)
                    context_only.append(time.perf_counter() - begin)
            finally:
                service.shutdown()
                directory.close()
        finally:
            server.stop()

    print(
        json.dumps(
            {
                "benchmark": "screen_pop_latency",
                "server": "sekmet-fhir 0.1.1 (FastAPI + SQLite) on 127.0.0.1, subprocess",
                "dataset": {"patients": len(dataset.of_type("Patient")), "resources": len(dataset.resources)},
                "server_startup_s": round(startup_s, 2),
                "seed_s": round(seed_s, 2),
                "number_to_context_cold": summary_ms(cold),
                "number_to_context_cached": summary_ms(cached),
                "lookup_only": summary_ms(lookup_only),
                "context_only": summary_ms(context_only),
                "failed_pops": failures,
                "python": platform.python_version(),
                "machine": f"{platform.machine()} {platform.system()}",
            }
        )
    )


if __name__ == "__main__":
    main()
