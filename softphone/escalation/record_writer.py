"""Writes escalation records on one worker thread (the GUI never waits on the disk).

An ``EscalationService.on_record`` listener: each call queues an upsert of the escalation's
current state (press, answered, end), in order; the first one also links the escalation to the
call's note (``notes.link_escalation``, in the same transaction). A failed write is logged without PHI and
reported to ``on_error`` (the app shows it: an escalation that is not recorded must not go
unnoticed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy.exc import DBAPIError

from softphone.escalation.model import Escalation
from softphone.escalation.repository import save_escalation
from softphone.storage.database import Database

log = logging.getLogger(__name__)


class EscalationRecordWriter:
    def __init__(
        self,
        database: Database,
        call_record_id: Callable[[str], str] = lambda call_id: call_id,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self._database = database
        self._call_record_id = call_record_id
        self._on_error = on_error
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="escalation-records")

    def __call__(self, escalation: Escalation) -> Future[None]:
        return self._pool.submit(self._write, escalation)

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)

    def _write(self, escalation: Escalation) -> None:
        try:
            try:
                self._save(escalation)
            except DBAPIError:
                # Once more: the note's first save (the autosaver, another thread) may have created
                # the note row at the same moment, or held SQLite's write lock a little too long.
                self._save(escalation)
        except Exception as error:  # noqa: BLE001 - logged by type only; reported to the agent
            log.error("escalation %s not recorded: %s", escalation.escalation_id, type(error).__name__)
            if self._on_error is not None:
                self._on_error(escalation.escalation_id)
            raise

    def _save(self, escalation: Escalation) -> None:
        with self._database.session() as session:
            save_escalation(session, escalation, self._call_record_id(escalation.patient_call_id))
