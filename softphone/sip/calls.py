"""Keeps every live ``SipCall`` referenced (pjsua2 hangs up a Call whose Python object is
garbage-collected) and hands out stable call ids ("call-3f9a0c1b2d4e-1", ...) that are
never reused, unlike pjsua's small integer ids.

The ids carry a random per-run token because notes and escalation records are stored under
the call id in a database that outlives the process: a plain counter would give the next
run's first call the id of an older, already closed note."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .call import SipCall


class UnknownCall(KeyError):
    """The call id is not (or no longer) known to the engine."""


class CallRegistry:
    def __init__(self) -> None:
        self._calls: dict[str, SipCall] = {}
        self._ids = itertools.count(1)
        self._run_token = secrets.token_hex(6)

    def new_id(self) -> str:
        return f"call-{self._run_token}-{next(self._ids)}"

    def add(self, call: SipCall) -> None:
        self._calls[call.call_id] = call

    def get(self, call_id: str) -> SipCall:
        try:
            return self._calls[call_id]
        except KeyError:
            raise UnknownCall(call_id) from None

    def release(self, call_id: str) -> SipCall | None:
        """Drop the reference.  Only call outside pjsua2 callbacks: the C++ object is
        deleted with the last Python reference."""
        return self._calls.pop(call_id, None)

    def __iter__(self) -> Iterator[SipCall]:
        return iter(list(self._calls.values()))

    def __len__(self) -> int:
        return len(self._calls)

    def __contains__(self, call_id: object) -> bool:
        return call_id in self._calls

    def clear(self) -> None:
        self._calls.clear()
