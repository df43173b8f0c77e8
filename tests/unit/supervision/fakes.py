from __future__ import annotations

import itertools
from concurrent.futures import Future
from typing import Any

from softphone.sip import commands as cmd
from softphone.sip.events import CallDirection, CallerIdentity, CallState, CallStateChanged, IdentitySource, IncomingCall


class FakeEngine:
    def __init__(self, fail: tuple[type, ...] = ()) -> None:
        self.commands: list[Any] = []
        self._ids = itertools.count(50)
        self._fail = fail

    def submit(self, command: Any) -> Future[Any]:
        self.commands.append(command)
        future: Future[Any] = Future()
        if isinstance(command, self._fail):
            future.set_exception(RuntimeError("refused"))
        else:
            future.set_result(f"call-{next(self._ids)}" if isinstance(command, cmd.MakeCall) else None)
        return future

    def of(self, kind: type) -> list[Any]:
        return [c for c in self.commands if isinstance(c, kind)]


class FakeAudit:
    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def record(self, actor, action, subject=None, details=None) -> None:
        from softphone.audit.details import canonical_details

        canonical_details(details)  # what the real log would refuse, refused here too
        self.entries.append({"actor": actor, "action": action.value, "subject": subject, **dict(details or {})})


def state(call_id: str, new: CallState, direction=CallDirection.INCOMING, status: int = 200) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", new, direction, "sip:x@y", "", None, status, "")


def supervision_invite(call_id: str, mode: str = "listen", uri: str = "sip:supervisor@sip.test",
                       source: IdentitySource = IdentitySource.P_ASSERTED_IDENTITY) -> IncomingCall:
    return IncomingCall(call_id, "acc", uri, "", CallerIdentity(uri, "", source), headers=(("X-Supervise", mode),))


def patient_invite(call_id: str = "call-1") -> IncomingCall:
    uri = "sip:+15550100@sip.test"
    return IncomingCall(call_id, "acc", uri, "", CallerIdentity(uri, "", IdentitySource.P_ASSERTED_IDENTITY))
