"""Save a call's note as the agent types, on a worker thread, so a crash loses at most a second.

The GUI calls ``update(draft)`` on every change: it only stores the draft and, if the saver was
idle, wakes the worker, so it never waits for the disk. The worker writes the newest draft when
typing pauses (``idle_delay_s``, 300 ms) or, during continuous typing, at the latest
``max_delay_s`` after the oldest unsaved change. ``max_delay_s`` is 0.75 s rather than 1 s so that
the write itself (a few ms of SQLCipher + fsync, more on a loaded machine) still lands within
the one second the agent may lose on ``kill -9`` or a power cut.

Every save writes the whole newest draft, so intermediate drafts are simply skipped and nothing
is ever merged. A failed write is reported through ``on_status`` (the UI shows "not saved") and
retried with back-off; the draft stays pending until a write succeeds or a newer draft replaces
it, so text is never silently dropped. A note closed elsewhere is a permanent failure: the
draft is kept in ``unsaved_draft`` for the UI to offer as an amendment.

``on_status`` is called on the worker thread; the UI hands it to the GUI thread (event bridge).
Note text never reaches a log or a status message.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from softphone.notes.draft import NoteDraft
from softphone.notes.errors import NoteClosedError
from softphone.notes.repository import save_draft
from softphone.storage.database import Database
from softphone.storage.utc_datetime import utc_now

log = logging.getLogger(__name__)

DEFAULT_IDLE_DELAY_S = 0.3
DEFAULT_MAX_DELAY_S = 0.75
DEFAULT_RETRY_DELAYS_S = (0.25, 0.5, 1.0, 2.0, 5.0)


@dataclass(frozen=True)
class NoteSaved:
    call_id: str
    saved_at: datetime
    write_seconds: float  # time spent in the database transaction


@dataclass(frozen=True)
class NoteSaveFailed:
    call_id: str
    reason: str  # the error's type and our wording: never note text
    will_retry: bool
    attempt: int


AutosaveStatus = NoteSaved | NoteSaveFailed


class AutosaverClosedError(RuntimeError):
    pass


class NoteAutosaver:
    def __init__(
        self,
        database: Database,
        call_id: str,
        agent_id: str,
        *,
        on_status: Callable[[AutosaveStatus], None] | None = None,
        idle_delay_s: float = DEFAULT_IDLE_DELAY_S,
        max_delay_s: float = DEFAULT_MAX_DELAY_S,
        retry_delays_s: Sequence[float] = DEFAULT_RETRY_DELAYS_S,
        saved_draft: NoteDraft | None = None,
    ):
        """``saved_draft``: what the database already holds (reopening an unfinished note)."""
        self._database = database
        self._call_id = call_id
        self._agent_id = agent_id
        self._on_status = on_status
        self._idle_delay_s = idle_delay_s
        self._max_delay_s = max_delay_s
        self._retry_delays_s = tuple(retry_delays_s) or (1.0,)

        self._condition = threading.Condition()
        # All below are guarded by _condition.
        self._pending: NoteDraft | None = None
        self._oldest_unsaved_at = 0.0  # monotonic time of the first change not yet written
        self._last_change_at = 0.0
        self._retry_at = 0.0
        self._failed_attempts = 0
        self._writing = False
        self._flush_requested = False
        self._stopping = False
        self._closed = False
        self._last_write_ok = True
        self._writes_completed = 0
        self._saved: NoteDraft | None = saved_draft
        self._permanent_failure: NoteDraft | None = None

        self._worker = threading.Thread(target=self._run, name="note-autosaver", daemon=True)
        self._worker.start()

    # --- caller side (GUI thread) -------------------------------------------------------------

    def update(self, draft: NoteDraft) -> None:
        """Note the newest draft; returns at once. Raises AutosaverClosedError after close()."""
        now = time.monotonic()
        with self._condition:
            if self._closed:
                raise AutosaverClosedError(f"the autosaver of call {self._call_id} is closed")
            was_idle = self._pending is None
            if was_idle:
                self._oldest_unsaved_at = now
            self._pending = draft
            self._last_change_at = now
            # A worker already waiting for a deadline wakes on its own and re-reads the times;
            # waking it on every keystroke would only cost a thread switch per key.
            if was_idle:
                self._condition.notify_all()

    def flush(self, timeout: float | None = 5.0) -> bool:
        """Write the pending draft now; True when everything given to update() is saved."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            self._flush_requested = True
            self._retry_at = 0.0  # an explicit flush tries again at once
            self._condition.notify_all()
            writes_before = self._writes_completed
            while self._pending is not None or self._writing:
                if self._permanent_failure is not None:
                    break
                if self._writes_completed > writes_before and not self._last_write_ok:
                    break  # tried and failed: report now rather than wait for the back-off
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                self._condition.wait(remaining)
            self._flush_requested = False
            return self._pending is None and not self._writing and self._last_write_ok

    def close(self, timeout: float | None = 5.0) -> bool:
        """Save what is pending (retrying with back-off within ``timeout``), then stop the worker.

        True when everything was saved. On False the UI keeps showing "not saved" and
        ``unsaved_draft`` holds the text; a worker still retrying after the timeout carries on.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            if self._closed:
                return self._pending is None and self._permanent_failure is None
            self._closed = True
            self._stopping = True
            self._condition.notify_all()
            while (self._pending is not None or self._writing) and self._permanent_failure is None:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                self._condition.wait(remaining)
            saved = self._pending is None and not self._writing and self._permanent_failure is None
        if saved:
            self._worker.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return saved

    @property
    def unsaved_draft(self) -> NoteDraft | None:
        """The newest draft not in the database (after a failure), else None."""
        with self._condition:
            return self._pending or self._permanent_failure

    # --- worker thread ------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            draft = self._next_draft_to_write()
            if draft is None:
                return
            status = self._write(draft)
            if self._on_status is not None:
                try:
                    self._on_status(status)
                except Exception:  # a broken listener must not stop the saving
                    log.exception("autosave status listener failed (call %s)", self._call_id)

    def _next_draft_to_write(self) -> NoteDraft | None:
        """Wait until a draft is due; take it. None when the saver is stopping."""
        with self._condition:
            while True:
                if self._pending is None or self._permanent_failure is not None:
                    if self._stopping:
                        return None
                    self._condition.wait()
                    continue
                now = time.monotonic()
                due = min(
                    self._last_change_at + self._idle_delay_s,
                    self._oldest_unsaved_at + self._max_delay_s,
                )
                if self._flush_requested or self._stopping:
                    due = now
                due = max(due, self._retry_at)
                if due <= now:
                    draft, self._pending = self._pending, None
                    self._writing = True
                    return draft
                self._condition.wait(due - now)

    def _write(self, draft: NoteDraft) -> AutosaveStatus:
        started = time.monotonic()
        error: Exception | None = None
        saved_at = utc_now()
        if draft != self._saved:  # an unchanged draft (e.g. typed and deleted) needs no write
            try:
                with self._database.session() as session:
                    saved_at = save_draft(session, self._call_id, self._agent_id, draft).saved_at
            except Exception as caught:  # any failure must reach the UI, whatever its type
                error = caught
        elapsed = time.monotonic() - started

        with self._condition:
            self._writing = False
            self._writes_completed += 1
            if error is None:
                self._saved = draft
                self._last_write_ok = True
                self._failed_attempts = 0
                self._retry_at = 0.0
                self._condition.notify_all()
                return NoteSaved(self._call_id, saved_at, elapsed)

            self._last_write_ok = False
            self._failed_attempts += 1
            permanent = isinstance(error, NoteClosedError)
            if self._pending is None:
                # Nothing newer arrived meanwhile: this draft is still the one to save.
                self._pending = draft
                self._oldest_unsaved_at = self._last_change_at = time.monotonic()
            if permanent:
                self._permanent_failure = self._pending
                self._pending = None
            else:
                delay = self._retry_delays_s[min(self._failed_attempts, len(self._retry_delays_s)) - 1]
                self._retry_at = time.monotonic() + delay
            attempt = self._failed_attempts
            self._condition.notify_all()
        # Type and call id only: the exception text of a driver may quote the statement.
        log.warning(
            "autosave of the note for call %s failed (%s, attempt %d)%s",
            self._call_id,
            type(error).__name__,
            attempt,
            "" if permanent else ", will retry",
        )
        return NoteSaveFailed(self._call_id, _reason(error), will_retry=not permanent, attempt=attempt)


def _reason(error: Exception) -> str:
    if isinstance(error, NoteClosedError):
        return str(error)  # our own wording: names the call only
    return f"the database did not accept the save ({type(error).__name__})"
