"""The real ``softphone --demo`` app, driven like an agent in a child process:

- SIGKILL while the agent types a note (QTest.keyClicks into the notes box, each key logged with
  its time): on restart the app reopens the note, and its text is exactly what had been typed at
  some moment within the last second before the kill;
- a whole scripted call (screen-pop, notes holding the patient's name, date of birth and phone,
  hang-up, wrap-up): afterwards no log file holds any of them, nor the note text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from notes_app_driver import keystrokes
from tests.support.keyring_session import run_command_in_private_keyring
from tests.conftest import REPO_ROOT


HERE = Path(__file__).parent
ALLOWED_LOSS_S = 1.0

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def read_keystroke_log(path: Path) -> list[tuple[int, float]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        assert parts[0] != "mismatch", "the notes box did not show what was typed"
        if len(parts) == 2:  # a line cut by the kill has no time: ignore it
            entries.append((int(parts[0]), float(parts[1])))
    return entries


@pytest.mark.parametrize("seed", [5, 17])
def test_sigkill_of_the_app_mid_typing_and_the_restart_reopens_the_note(tmp_path: Path, seed: int) -> None:
    log = tmp_path / "keystrokes.log"
    result = run_command_in_private_keyring(
        [sys.executable, str(HERE / "notes_kill_orchestrator.py"), str(log), str(seed)],
        tmp_path / "keyring-home",
        extra_env={"QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout[-3000:] + result.stderr[-3000:]
    outcome = json.loads(lines[-1])
    assert "error" not in outcome, outcome
    assert outcome["typist_returncode"] == -9
    reopen = outcome["reopen"]
    assert reopen and "error" not in reopen and reopen["reopened"], outcome
    assert reopen["registered"], outcome

    texts = [text for text, _pause in keystrokes(seed)]
    logged = read_keystroke_log(log)
    assert len(logged) >= 10, "the kill came before the agent had typed"
    saved = reopen["text"]
    # Exactly a text the agent had on screen at some keystroke...
    matches = [index for index, _at in logged if texts[index] == saved]
    last_index = logged[-1][0]
    # ...(or the one keystroke whose log line the kill cut off)
    if not matches and last_index + 1 < len(texts) and texts[last_index + 1] == saved:
        matches = [last_index + 1]
    assert matches, f"the reopened note ({len(saved)} chars) is not a text that was typed"
    # ...and no older than what was on screen one second before the kill.
    killed_at = outcome["killed_at"]
    typed_by_then = [index for index, at in logged if at <= killed_at - ALLOWED_LOSS_S]
    if typed_by_then:
        assert max(matches) >= typed_by_then[-1], (
            f"lost more than {ALLOWED_LOSS_S}s: saved keystroke {max(matches)}, "
            f"typed {typed_by_then[-1]} a second before the kill (last {last_index})"
        )


def test_no_phi_in_any_log_file_after_a_whole_scripted_call(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOFTPHONE_HOME=str(home),
               SOFTPHONE_SYSTEM_CONFIG=str(tmp_path / "none.toml"),
               PYTHONPATH=str(REPO_ROOT))  # the driver imports tests.support
    done = subprocess.run([sys.executable, str(HERE / "notes_app_driver.py"), "session"],
                          env=env, capture_output=True, text=True, timeout=180)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    seen = json.loads(lines[-1])
    assert "error" not in seen, seen
    assert seen["patient_found"] and seen["talking"] and seen["saved"] and seen["wrap_up"] and seen["closed"], seen
    assert done.returncode == 0, done.stderr[-3000:]

    name, dob, phone = seen["name"], seen["dob"], seen["phone"]
    assert name and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dob) and len(phone) >= 7
    year, month, day = dob.split("-")
    needles = {
        "name": name, "family name": name.split()[-1], "date of birth": dob,
        "date of birth (US)": f"{month}/{day}/{year}", "phone": phone, "phone (last 7)": phone[-7:],
        "note text": "zebra-marker heartburn", "reason": "zebra-reason",
    }
    log_files = [path for path in home.rglob("*") if path.is_file() and ".log" in path.name]
    assert log_files, "the session wrote no log file"
    assert sum(path.stat().st_size for path in log_files) > 0
    for path in log_files:
        content = path.read_text(encoding="utf-8", errors="replace")
        for what, needle in needles.items():
            assert needle.casefold() not in content.casefold(), f"{what} found in {path.name}"
    # The app's own stderr (what a console or journald would keep) is clean too.
    for what, needle in needles.items():
        assert needle.casefold() not in done.stderr.casefold(), f"{what} on stderr"

