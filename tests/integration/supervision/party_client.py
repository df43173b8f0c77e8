"""Drives a ``party_process.py`` (a softphone in its own process) from the supervision tests."""

from __future__ import annotations

import itertools
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from peers.peer_client import PeerProcess
from peers.tones import ToneReport

PARTY_SCRIPT = Path(__file__).with_name("party_process.py")


class PartyProcess(PeerProcess):
    def __init__(self, name: str, kamailio: Any, user: str, password: str, tone_hz: int, workdir: Path,
                 role: str = "supervisor") -> None:
        # PeerProcess's plumbing (requests, events, close) with another script.
        self.name = name
        self.tone_hz = tone_hz
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / f"party-{name}.log"
        self._ids = itertools.count(1)
        self._pending = {}
        self._lock = threading.Lock()
        self.events = queue.Queue()
        self.seen = []
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(PARTY_SCRIPT), kamailio.udp_address, kamailio.domain, user, password,
             str(tone_hz), str(workdir / name), role],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
        )
        self._reader = threading.Thread(target=self._read, daemon=True, name=f"party-{name}")
        self._reader.start()
        self.wait_event(lambda e: e["event"] == "ready", timeout=15)
        self.wait_event(lambda e: e["event"] == "registered", timeout=10)

    def listen(self, seconds: float = 1.0) -> ToneReport:
        result = self.request("listen", seconds=seconds, timeout=seconds + 10)
        return ToneReport(0.0, {int(k): v for k, v in result["levels_db"].items()},
                          {int(k): v for k, v in result["dbfs"].items()})

    def wait_session(self, predicate, timeout: float = 10.0) -> dict[str, Any]:
        return self.wait_event(lambda e: e["event"] == "session" and predicate(e), timeout)
