"""Recent calls: direction, party, time, duration, outcome, disposition; redial. No Qt here.

In memory (newest first, capped). Persistence is a listener: ``add_listener`` receives every new
or updated entry (a finished call, then again when its disposition is chosen); ``CallRecordWriter``
(``softphone.agent.record_writer``) stores them as ``CallRecord`` rows on a worker thread.
Party names and URIs are PHI and untrusted: never log them, render them as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class CallOutcome(StrEnum):
    ANSWERED = "answered"
    MISSED = "missed"  # rang, the caller gave up or the agent declined
    BUSY = "busy"  # answered 486 because the agent was not available (DND)
    FAILED = "failed"  # outgoing call that never connected
    TRANSFERRED = "transferred"


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


@dataclass(frozen=True)
class HistoryEntry:
    call_id: str
    direction: Direction
    remote_uri: str  # untrusted, PHI
    display_name: str  # untrusted, PHI
    started_at: datetime  # when it rang / was dialled (UTC)
    answered_at: datetime | None
    ended_at: datetime | None
    outcome: CallOutcome
    disposition: str | None = None
    status_code: int = 0

    @property
    def duration_s(self) -> float:
        """Talk time (0 for a call never answered)."""
        if self.answered_at is None or self.ended_at is None:
            return 0.0
        return max(0.0, (self.ended_at - self.answered_at).total_seconds())


HistoryListener = Callable[[HistoryEntry], None]


class CallHistory:
    def __init__(self, limit: int = 200):
        self._limit = limit
        self._entries: list[HistoryEntry] = []  # newest first
        self._listeners: list[HistoryListener] = []

    def add_listener(self, listener: HistoryListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def entries(self) -> tuple[HistoryEntry, ...]:
        return tuple(self._entries)

    def get(self, call_id: str) -> HistoryEntry | None:
        return next((entry for entry in self._entries if entry.call_id == call_id), None)

    def add(self, entry: HistoryEntry) -> None:
        self._entries = [e for e in self._entries if e.call_id != entry.call_id]
        self._entries.insert(0, entry)
        del self._entries[self._limit :]
        self._announce(entry)

    def set_disposition(self, call_ids: tuple[str, ...] | list[str], disposition: str) -> None:
        for index, entry in enumerate(self._entries):
            if entry.call_id in call_ids:
                updated = replace(entry, disposition=disposition)
                self._entries[index] = updated
                self._announce(updated)

    def redial_target(self, call_id: str) -> str | None:
        """The URI to call back for an entry (the party's URI as the engine reported it)."""
        entry = self.get(call_id)
        return entry.remote_uri if entry and entry.remote_uri else None

    def _announce(self, entry: HistoryEntry) -> None:
        for listener in list(self._listeners):
            try:
                listener(entry)
            except Exception:  # noqa: BLE001 - persistence trouble must not break the phone
                import logging

                logging.getLogger(__name__).exception("call history listener failed")
