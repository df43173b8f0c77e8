"""The local control API: JSON lines on the per-user local socket. No Qt here.

Each request is one JSON object on one line, answered by one line:

    -> {"token": "<cti token>", "cmd": "dial", "uri": "tel:+34600111222"}
    <- {"ok": true, "result": {"dialling": true}}
    -> {"token": "...", "cmd": "status"}
    <- {"ok": true, "result": {"agent_state": "available", "registration": "registered", "calls": [...]}}

Commands: ``dial`` (uri), ``answer``, ``hangup``, ``escalate``, ``status``, and ``open`` (uri: the
``softphone sip:…`` hand-off from a second instance; same as dial, also raises the window).
Every request carries the token (the keyring's ``cti-token``); a connection that sends a wrong token
three times is closed. Errors: ``unauthorized``, ``bad_request``, ``unknown_command``,
``not_allowed`` (IT narrowed ``cti.allowed_commands``), ``refused`` (nothing to answer...).
Caller names are PHI: ``status`` reports call ids, states and directions only.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 4096
MAX_AUTH_FAILURES = 3
COMMANDS = ("dial", "answer", "hangup", "escalate", "status", "open")


class CtiHandler(Protocol):
    def dial(self, uri: str) -> bool: ...
    def answer(self) -> bool: ...
    def hangup(self) -> bool: ...
    def escalate(self) -> bool: ...
    def status(self) -> dict[str, Any]: ...
    def open_uri(self, uri: str) -> bool: ...


def encode(message: dict[str, Any]) -> bytes:
    return (json.dumps(message, separators=(",", ":"), ensure_ascii=True) + "\n").encode("ascii")


def error(code: str) -> dict[str, Any]:
    return {"ok": False, "error": code}


@dataclass
class CtiSession:
    """One client connection's protocol state."""

    token: str
    handler: CtiHandler
    allowed: frozenset[str] = field(default_factory=lambda: frozenset(COMMANDS))
    auth_failures: int = 0
    closed: bool = False

    def handle_line(self, raw: bytes) -> dict[str, Any]:
        if len(raw) > MAX_LINE_BYTES:
            self.closed = True
            return error("bad_request")
        try:
            request = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return error("bad_request")
        if not isinstance(request, dict):
            return error("bad_request")
        token = request.get("token")
        if not isinstance(token, str) or not self.token or not hmac.compare_digest(token.encode(), self.token.encode()):
            self.auth_failures += 1
            if self.auth_failures >= MAX_AUTH_FAILURES:
                self.closed = True
            log.warning("cti: request with a wrong token")
            return error("unauthorized")
        command = request.get("cmd")
        if command not in COMMANDS:
            return error("unknown_command")
        if command not in self.allowed and command != "open":
            return error("not_allowed")
        try:
            return self._run(command, request)
        except ValueError:
            return error("bad_request")
        except Exception:  # noqa: BLE001 - a handler bug must not kill the server
            log.exception("cti: %s failed", command)
            return error("internal")

    def _run(self, command: str, request: dict[str, Any]) -> dict[str, Any]:
        if command in ("dial", "open"):
            uri = request.get("uri", "")
            if not isinstance(uri, str) or len(uri) > 256 or (command == "dial" and not uri):
                return error("bad_request")
            done = self.handler.open_uri(uri) if command == "open" else self.handler.dial(uri)
            return {"ok": True, "result": {"dialling": True}} if done else error("refused")
        if command == "status":
            return {"ok": True, "result": self.handler.status()}
        done = getattr(self.handler, command)()
        return {"ok": True, "result": {}} if done else error("refused")


def split_lines(buffer: bytearray) -> Iterable[bytes]:
    """Pop complete lines from ``buffer`` (in place)."""
    while True:
        index = buffer.find(b"\n")
        if index < 0:
            return
        line = bytes(buffer[:index]).rstrip(b"\r")
        del buffer[: index + 1]
        if line:
            yield line
