"""NoteAutosaver behaviour: coalescing, saving while typing, failures reported and retried.

Assertions are about what ends up in the database and what is reported, never about speed;
waits are generous upper bounds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from softphone.notes import (
    AutosaverClosedError,
    AutosaveStatus,
    NoteAutosaver,
    NoteDraft,
    NoteSaved,
    NoteSaveFailed,
    close_note,
    get_call_note,
)
from softphone.storage import Database

FAST_RETRIES = (0.01, 0.02, 0.05)


class StatusLog:
    def __init__(self) -> None:
        self.statuses: list[AutosaveStatus] = []
        self._lock = threading.Lock()

    def __call__(self, status: AutosaveStatus) -> None:
        with self._lock:
            self.statuses.append(status)

    def of_type(self, kind: type) -> list:
        with self._lock:
            return [status for status in self.statuses if isinstance(status, kind)]


class FlakyDatabase:
    """A database whose first ``failures`` transactions fail, like a locked or full disk."""

    def __init__(self, database: Database, failures: int):
        self._database = database
        self.failures = failures

    @contextmanager
    def session(self) -> Iterator[Session]:
        if self.failures > 0:
            self.failures -= 1
            raise OperationalError("INSERT INTO call_notes …", {}, Exception("disk I/O error"))
        with self._database.session() as session:
            yield session


def saved_text(database: Database, call_id: str = "call-1") -> str | None:
    with database.session() as session:
        note = get_call_note(session, call_id)
        return None if note is None else note.free_text


def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_flush_writes_the_newest_draft(database: Database) -> None:
    saver = NoteAutosaver(database, "call-1", "agent-1")
    for length in range(1, 60):
        saver.update(NoteDraft(free_text="Patient reports a cough"[:length]))
    assert saver.flush()
    assert saved_text(database) == "Patient reports a cough"
    saver.close()


def test_rapid_changes_are_coalesced_into_few_writes(database: Database) -> None:
    log = StatusLog()
    saver = NoteAutosaver(database, "call-1", "agent-1", on_status=log)
    for index in range(200):
        saver.update(NoteDraft(free_text=f"text {index}"))
    saver.close()
    assert saved_text(database) == "text 199"
    assert 1 <= len(log.of_type(NoteSaved)) <= 3


def test_saves_happen_while_typing_without_any_flush(database: Database) -> None:
    saver = NoteAutosaver(database, "call-1", "agent-1")
    saver.update(NoteDraft(free_text="typed, then a pause"))
    assert eventually(lambda: saved_text(database) == "typed, then a pause")
    saver.close()


def test_continuous_typing_is_saved_before_it_stops(database: Database) -> None:
    """The max-delay path: keystrokes faster than the idle delay must not postpone saving forever."""
    saver = NoteAutosaver(database, "call-1", "agent-1", idle_delay_s=0.3, max_delay_s=0.2)
    stop = threading.Event()

    def type_forever() -> None:
        count = 0
        while not stop.is_set():
            count += 1
            saver.update(NoteDraft(free_text="x" * count))
            time.sleep(0.01)

    typist = threading.Thread(target=type_forever)
    typist.start()
    try:
        assert eventually(lambda: (saved_text(database) or "") != "")
    finally:
        stop.set()
        typist.join()
        saver.close()


def test_a_failed_write_is_reported_and_retried_until_it_succeeds(database: Database) -> None:
    log = StatusLog()
    flaky = FlakyDatabase(database, failures=2)
    saver = NoteAutosaver(flaky, "call-1", "agent-1", on_status=log, retry_delays_s=FAST_RETRIES)  # type: ignore[arg-type]
    saver.update(NoteDraft(free_text="must not be lost"))
    assert eventually(lambda: saved_text(database) == "must not be lost")
    failures = log.of_type(NoteSaveFailed)
    assert [failure.attempt for failure in failures] == [1, 2]
    assert all(failure.will_retry for failure in failures)
    assert all("must not be lost" not in failure.reason for failure in failures)
    assert "OperationalError" in failures[0].reason
    assert eventually(lambda: len(log.of_type(NoteSaved)) == 1)
    assert saver.close()


def test_flush_reports_a_failure_instead_of_waiting_for_the_back_off(database: Database) -> None:
    flaky = FlakyDatabase(database, failures=1)
    saver = NoteAutosaver(flaky, "call-1", "agent-1", retry_delays_s=(60.0,))  # type: ignore[arg-type]
    saver.update(NoteDraft(free_text="pending"))
    assert saver.flush() is False
    assert saver.unsaved_draft == NoteDraft(free_text="pending")
    assert saver.flush() is True  # an explicit flush retries at once
    assert saved_text(database) == "pending"
    saver.close()


def test_a_newer_draft_typed_during_a_failure_wins(database: Database) -> None:
    flaky = FlakyDatabase(database, failures=1)
    saver = NoteAutosaver(flaky, "call-1", "agent-1", retry_delays_s=FAST_RETRIES)  # type: ignore[arg-type]
    saver.update(NoteDraft(free_text="first"))
    saver.flush()
    saver.update(NoteDraft(free_text="first and second"))
    assert saver.close()
    assert saved_text(database) == "first and second"


def test_a_note_closed_elsewhere_is_a_permanent_failure_that_keeps_the_text(database: Database) -> None:
    log = StatusLog()
    with database.session() as session:
        close_note(session, "call-1", "agent-1", NoteDraft(free_text="closed version"))
    saver = NoteAutosaver(database, "call-1", "agent-1", on_status=log, retry_delays_s=FAST_RETRIES)
    saver.update(NoteDraft(free_text="typed after close"))
    assert saver.close() is False
    # The report comes from the worker thread, possibly just after close() returned.
    assert eventually(lambda: len(log.of_type(NoteSaveFailed)) == 1)
    (failure,) = log.of_type(NoteSaveFailed)
    assert not failure.will_retry and "closed" in failure.reason
    assert saver.unsaved_draft == NoteDraft(free_text="typed after close")
    assert saved_text(database) == "closed version"


def test_close_saves_the_last_draft_and_refuses_further_updates(database: Database) -> None:
    saver = NoteAutosaver(database, "call-1", "agent-1", idle_delay_s=30, max_delay_s=60)
    saver.update(NoteDraft(free_text="last words"))
    assert saver.close()
    assert saved_text(database) == "last words"
    with pytest.raises(AutosaverClosedError):
        saver.update(NoteDraft(free_text="too late"))


def test_a_failing_status_listener_does_not_stop_saving(database: Database) -> None:
    def broken_listener(status: AutosaveStatus) -> None:
        raise RuntimeError("listener bug")

    saver = NoteAutosaver(database, "call-1", "agent-1", on_status=broken_listener)
    saver.update(NoteDraft(free_text="one"))
    saver.flush()
    saver.update(NoteDraft(free_text="two"))
    assert saver.close()
    assert saved_text(database) == "two"


def test_note_text_never_reaches_the_log(database: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    flaky = FlakyDatabase(database, failures=1)
    saver = NoteAutosaver(flaky, "call-1", "agent-1", retry_delays_s=FAST_RETRIES)  # type: ignore[arg-type]
    saver.update(NoteDraft(free_text="SECRET-PHI-TEXT", reason_for_call="SECRET-REASON"))
    assert saver.close()
    assert "SECRET" not in caplog.text
    assert "autosave of the note for call call-1 failed" in caplog.text
