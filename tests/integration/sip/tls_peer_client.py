"""Drives a ``tls_peer.py`` child process (a pjsua2 agent behind its own TlsRelay) from tests."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from tests.support.tls_pki import SERVER_NAME

PEER_SCRIPT = Path(__file__).resolve().parent / "tls_peer.py"
EVENT_TIMEOUT_S = 15.0

Event = dict[str, Any]


class HasTlsPort(Protocol):
    tls_port: int


class Peer:
    """A pjsua2 agent in a child process (see tls_peer.py), driven over JSON lines."""

    def __init__(
        self,
        user: str,
        server: HasTlsPort,
        ca_file: Path,
        workdir: Path,
        *extra_args: str,
        domain: str = SERVER_NAME,
        server_name: str = SERVER_NAME,
    ) -> None:
        self.user = user
        self.workdir = workdir
        self.sip_log = workdir / f"{user}-sip.log"
        self.process = subprocess.Popen(
            [
                sys.executable, str(PEER_SCRIPT),
                "--user", user,
                "--domain", domain,
                "--server-port", str(server.tls_port),
                "--server-name", server_name,
                "--ca-file", str(ca_file),
                "--sip-log", str(self.sip_log),
                *extra_args,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(workdir / f"{user}-stderr.log").open("wb"),
            text=True,
        )
        self.events: queue.Queue[Event] = queue.Queue()
        self.seen: list[Event] = []
        threading.Thread(target=self._read_events, daemon=True).start()

    def _read_events(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.events.put(json.loads(line))

    def send(self, **command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def expect(self, matches: Callable[[Event], bool], what: str, timeout_s: float = EVENT_TIMEOUT_S) -> Event:
        deadline = time.monotonic() + timeout_s
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                break
            self.seen.append(event)
            if matches(event):
                return event
        raise AssertionError(f"{self.user}: no {what} within {timeout_s}s; saw {self.seen}")

    def expect_call_state(self, state: str) -> Event:
        return self.expect(lambda e: e["event"] == "call" and e["state"] == state, f"call {state}")

    def record_for(self, seconds: float) -> Path:
        """What this peer hears for ``seconds``, as a finished WAV."""
        path = self.workdir / f"{self.user}-ear-{time.monotonic_ns()}.wav"
        self.send(cmd="record", path=str(path))
        time.sleep(seconds)
        self.send(cmd="stop_record")
        self.expect(lambda e: e["event"] == "recorded", "recording finished")
        return path

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.send(cmd="quit")
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=5)


def is_registered(event: Event) -> bool:
    return event["event"] == "registration" and event["code"] == 200 and event["active"]
