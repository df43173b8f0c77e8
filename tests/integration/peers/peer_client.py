"""Drives a ``peer.py`` process from tests: requests with replies, and a stream of events."""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

PEER_SCRIPT = Path(__file__).with_name("peer.py")


class PeerError(RuntimeError):
    pass


class PeerProcess:
    def __init__(self, name: str, tone_hz: int, log_dir: Path, auto_answer: int = 0) -> None:
        self.name = name
        self.tone_hz = tone_hz
        self.log_path = log_dir / f"peer-{name}.log"
        self._ids = itertools.count(1)
        self._pending: dict[int, Future[Any]] = {}
        self._lock = threading.Lock()
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        log_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(PEER_SCRIPT), "--tone", str(tone_hz),
             "--auto-answer", str(auto_answer)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self._reader = threading.Thread(target=self._read, daemon=True, name=f"peer-{name}")
        self._reader.start()
        self.wait_event(lambda e: e["event"] == "ready", timeout=10)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            try:
                message = json.loads(raw)
            except ValueError:
                continue
            if "event" in message:
                self.events.put(message)
                continue
            with self._lock:
                future = self._pending.pop(message.get("id"), None)
            if future is None:
                continue
            if message.get("ok"):
                future.set_result(message.get("result"))
            else:
                future.set_exception(PeerError(f"{self.name}: {message.get('error')}"))

    def request(self, cmd: str, timeout: float = 10.0, **args: Any) -> Any:
        rid = next(self._ids)
        future: Future[Any] = Future()
        with self._lock:
            self._pending[rid] = future
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps({"id": rid, "cmd": cmd, **args}) + "\n").encode())
        self.proc.stdin.flush()
        return future.result(timeout)

    def wait_event(
        self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 10.0
    ) -> dict[str, Any]:
        """Next event (past ones included) that satisfies ``predicate``."""
        for event in self.seen:
            if predicate(event):
                self.seen.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.name}: event not seen; have {self.seen[-8:]}")
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            if predicate(event):
                return event
            self.seen.append(event)

    def wait_call_state(self, call: str, state: str, timeout: float = 10.0) -> dict[str, Any]:
        return self.wait_event(
            lambda e: e["event"] == "call_state" and e["call"] == call and e["state"] == state,
            timeout,
        )

    # convenience wrappers -------------------------------------------------------------

    def register(self, user: str, password: str, domain: str, server: str,
                 transport: str = "udp") -> None:
        self.request("register", user=user, password=password, domain=domain,
                     server=server, transport=transport)
        event = self.wait_event(lambda e: e["event"] == "reg_state", timeout=10)
        if event["code"] != 200:
            raise PeerError(f"{self.name} registration failed: {event}")

    def record(self, path: Path) -> None:
        self.request("record", path=str(path))

    def stop_record(self) -> None:
        self.request("stop_record")

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.request("quit", timeout=5)
                self.proc.wait(timeout=8)
            except Exception:  # noqa: BLE001
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()
