"""Stores call-history entries as ``CallRecord`` rows on one worker thread (the GUI never waits).

The engine's call ids ("call-3") restart with every run, and ``call_records.call_id`` is unique,
so each run gets a random prefix: ``<run>:<call id>``. An entry is upserted: written when the
call ends, updated when its disposition is chosen.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import select

from softphone.agent.history import Direction, HistoryEntry
from softphone.storage.database import Database
from softphone.storage.models import CallDirection, CallRecord

log = logging.getLogger(__name__)


class CallRecordWriter:
    def __init__(self, database: Database, run_id: str | None = None):
        self._database = database
        self._run_id = run_id or uuid.uuid4().hex[:12]
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="call-records")

    def record_id(self, call_id: str) -> str:
        return f"{self._run_id}:{call_id}"

    def __call__(self, entry: HistoryEntry) -> Future[None]:
        """A ``CallHistory`` listener: returns at once."""
        return self._pool.submit(self._write, entry)

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)

    def _write(self, entry: HistoryEntry) -> None:
        try:
            with self._database.session() as session:
                record_id = self.record_id(entry.call_id)
                record = session.scalars(select(CallRecord).where(CallRecord.call_id == record_id)).one_or_none()
                if record is None:
                    record = CallRecord(call_id=record_id)
                    session.add(record)
                record.direction = (
                    CallDirection.INBOUND if entry.direction is Direction.INCOMING else CallDirection.OUTBOUND
                )
                record.remote_party = entry.remote_uri[:255]
                record.started_at = entry.started_at
                record.ended_at = entry.ended_at
                record.disposition = entry.disposition[:64] if entry.disposition else None
        except Exception as error:  # noqa: BLE001 - logged without PHI; the call itself is unaffected
            log.error("call record not saved: %s", type(error).__name__)
            raise
