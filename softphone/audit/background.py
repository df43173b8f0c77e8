"""Audit entries recorded on a worker thread, for callers that must not wait for the disk (the GUI).

``record`` checks the entry at once on the caller's thread (a bad detail is a programming error
and should fail where it is made), stamps the time of the event, and queues it; one worker thread
appends entries in order. A failed append is retried with back-off, so a database busy for a
moment loses nothing; ``close`` drains the queue (bounded by a timeout) at shutdown.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from softphone.audit.actions import AuditAction
from softphone.audit.append import _check_reference, append_audit_entry
from softphone.audit.details import canonical_details
from softphone.storage.database import Database
from softphone.storage.utc_datetime import utc_now

log = logging.getLogger(__name__)

RETRY_DELAYS_S = (0.2, 0.5, 1.0, 2.0, 5.0)


@dataclass(frozen=True)
class _Pending:
    actor: str
    action: AuditAction
    subject: str | None
    details: Mapping[str, Any] | None
    recorded_at: datetime


class BackgroundAuditLog:
    def __init__(
        self,
        database: Database,
        *,
        on_recorded: Callable[[AuditAction], None] | None = None,
        retry_delays_s: tuple[float, ...] = RETRY_DELAYS_S,
    ):
        self._database = database
        self._on_recorded = on_recorded
        self._retry_delays_s = retry_delays_s or (1.0,)
        self._queue: queue.Queue[_Pending | None] = queue.Queue()
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._worker.start()

    def record(
        self,
        actor: str,
        action: AuditAction,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        """Queue one entry; returns at once. Raises ValueError/AuditDetailsError for a bad entry."""
        if not isinstance(action, AuditAction):
            raise TypeError("action must be an AuditAction")
        _check_reference("actor", actor, required=True)
        _check_reference("subject", subject, required=False)
        canonical_details(details)
        if self._closed:
            log.warning("audit entry %s after shutdown: not recorded", action.value)
            return
        self._queue.put(_Pending(actor, action, subject, dict(details or {}), utc_now()))

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued, then stop; True when everything was written in time."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self._worker.join(timeout)
        return not self._worker.is_alive()

    def pending(self) -> int:
        return self._queue.qsize()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            attempt = 0
            while True:
                try:
                    with self._database.session() as session:
                        append_audit_entry(
                            session, actor=item.actor, action=item.action, subject=item.subject,
                            details=item.details, recorded_at=item.recorded_at,
                        )
                    break
                except Exception as error:  # noqa: BLE001 - the database may be busy or gone
                    attempt += 1
                    log.warning("audit entry %s not written (%s, attempt %d)", item.action.value,
                                type(error).__name__, attempt)
                    if attempt > len(self._retry_delays_s) or (self._closed and attempt >= 2):
                        log.error("audit entry %s dropped after %d attempts", item.action.value, attempt)
                        break
                    time.sleep(self._retry_delays_s[attempt - 1])
            if self._on_recorded is not None:
                try:
                    self._on_recorded(item.action)
                except Exception:  # noqa: BLE001
                    log.exception("audit listener failed")
