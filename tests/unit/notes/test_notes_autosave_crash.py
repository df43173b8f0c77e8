"""kill -9 while the agent types loses at most the last second of the note.

A child process types into a NoteAutosaver and logs each keystroke with its time. The test kills
it with SIGKILL at a random moment, reopens the database and checks, by content only, that the
saved note is exactly a text the agent had typed, and no older than what was typed one second
before the kill.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autosave_typist import keystrokes
from softphone.notes import NoteDraft, find_unfinished_notes, get_call_note
from softphone.storage import open_database

TYPIST = Path(__file__).with_name("autosave_typist.py")
ALLOWED_LOSS_S = 1.0

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def read_keystroke_log(path: Path) -> list[tuple[int, float]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:  # a line cut by the kill has no time yet: ignore it
            entries.append((int(parts[0]), float(parts[1])))
    return entries


def wait_for_first_keystroke(log: Path, child: subprocess.Popen, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise AssertionError(f"the typist exited early: {child.stderr.read() if child.stderr else ''}")
        if log.exists():
            entries = read_keystroke_log(log)
            if entries:
                return entries[0][1]
        time.sleep(0.01)
    raise AssertionError("the typist did not start typing")


@pytest.mark.parametrize("seed", [11, 23, 37])
def test_sigkill_while_typing_loses_at_most_the_last_second(tmp_path: Path, key: bytes, seed: int) -> None:
    db_path = tmp_path / "softphone.db"
    open_database(None, sqlite_path=db_path, key=key).close()  # migrated before the clock starts
    log = tmp_path / "keystrokes.log"
    child = subprocess.Popen(
        [sys.executable, str(TYPIST), str(db_path), str(log), str(seed)],
        env={**os.environ, "TYPIST_DB_KEY": key.hex()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first_keystroke_at = wait_for_first_keystroke(log, child)
        kill_at = first_keystroke_at + random.Random(seed).uniform(2.0, 5.0)
        while time.time() < kill_at:
            time.sleep(0.005)
        killed_at = time.time()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    texts = [text for text, _pause in keystrokes(seed)]
    logged = read_keystroke_log(log)
    assert logged, "no keystroke was logged"
    with open_database(None, sqlite_path=db_path, key=key) as database, database.session() as session:
        note = get_call_note(session, "crash-call")
        assert note is not None, "nothing was saved"
        assert [n.call_id for n in find_unfinished_notes(session, "agent-1")] == ["crash-call"]
        saved = NoteDraft.of(note)

    # The saved text is exactly what the agent had on screen after some logged keystroke ...
    matching = [index for index, _ in logged if texts[index] == saved.free_text]
    assert matching, "the saved note is not a text the agent typed"
    # ... and not older than the last keystroke made a second or more before the kill.
    old_enough = [index for index, typed_at in logged if typed_at <= killed_at - ALLOWED_LOSS_S]
    assert old_enough, "the kill came too early to say anything"
    assert max(matching) >= old_enough[-1], (
        f"saved text is from keystroke {max(matching)}, but keystroke {old_enough[-1]} was typed "
        f"more than {ALLOWED_LOSS_S}s before the kill"
    )
