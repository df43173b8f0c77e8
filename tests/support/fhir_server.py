"""A real FHIR R4 server for tests: SEKMET (``sekmet-fhir``, FastAPI + SQLite) as a subprocess on loopback.

Started on a free port with its own data folder, its workflow simulator off (it would react to
MedicationRequests by creating dispenses) and inbound validation strict (our dataset must be valid
R4 for a real server too). Seeded with transaction Bundles of PUTs with stable ids, because SEKMET
creates duplicates when the same Bundle is POSTed twice.

SEKMET defines no CareTeam search parameters: ``CareTeam?patient=`` is answered 400 under
``Prefer: handling=strict``, which exercises the directory's fallback (CarePlan.careTeam, then
``CareTeam?_id=``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.fhir_dataset import Dataset

STARTUP_TIMEOUT_S = 30.0


def free_tcp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sekmet_command() -> list[str]:
    executable = Path(sys.executable).with_name("sekmet")
    if executable.exists():
        return [str(executable)]
    found = shutil.which("sekmet")
    if found:
        return [found]
    return [sys.executable, "-m", "sekmet.cli"]


@dataclass
class FhirTestServer:
    base_url: str
    process: subprocess.Popen
    log_file: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def seed(self, dataset: Dataset) -> None:
        with httpx.Client(timeout=120) as client:
            for bundle in dataset.transaction_bundles():
                response = client.post(self.base_url, json=bundle, headers={"Content-Type": "application/fhir+json"})
                if response.status_code != 200:
                    raise RuntimeError(f"seeding failed: HTTP {response.status_code}: {response.text[:2000]}")

    def log_tail(self, characters: int = 4000) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-characters:]
        except OSError:
            return ""


def start_fhir_server(workdir: Path) -> FhirTestServer:
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_tcp_port()
    base_url = f"http://127.0.0.1:{port}/fhir"
    config = workdir / "settings.yaml"
    # JSON is valid YAML: no need for a YAML writer.
    config.write_text(
        "{"
        f'"base_url": "{base_url}", "host": "127.0.0.1", "port": {port}, '
        f'"data_dir": "{workdir / "data"}", "own_private_key_path": "{workdir / "keys" / "sekmet.pem"}", '
        '"log_inbound": false, "simulator": {"enabled": false}, "validation": {"inbound": "strict"}, '
        '"server_auth": {"types": ["none"]}'
        "}\n"
    )
    log_file = workdir / "sekmet.log"
    env = {**os.environ, "SEKMET_CONFIG": str(config)}
    with open(log_file, "wb") as log:
        process = subprocess.Popen(
            [*sekmet_command(), "serve", "--config", str(config), "--host", "127.0.0.1", "--port", str(port)],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = FhirTestServer(base_url, process, log_file)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sekmet exited with {process.returncode}:\n{server.log_tail()}")
        try:
            if httpx.get(f"{base_url}/metadata", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"sekmet did not answer within {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")
