"""The escalation in the real ``softphone --demo`` app, in its own process: a demo patient calls,
the agent answers and types a red flag, presses Escalate, confirms with Enter; the demo's on-call
staff answer (the patient's care-team number first, which the demo switchboard cannot reach). The
clinician's leg is shown in the progress view only (one call in the list, the patient still the
current call); the escalation is recorded with its time to clinician and linked to the call's note
in the app's own database, and stays linked once the wrap-up closes the note."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

DRIVER = Path(__file__).with_name("escalation_app_driver.py")


def _drive(tmp_path: Path, system_config: str | None = None, **extra_env: str) -> tuple[dict, subprocess.CompletedProcess]:
    system_file = tmp_path / "system.toml"
    if system_config is not None:
        system_file.write_text(system_config)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOFTPHONE_HOME=str(tmp_path / "home"),
               SOFTPHONE_SYSTEM_CONFIG=str(system_file),
               PYTHONPATH=str(REPO_ROOT), **extra_env)  # the driver imports tests.support
    done = subprocess.run([sys.executable, str(DRIVER)], env=env, capture_output=True, text=True, timeout=180)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    return json.loads(lines[-1]), done


def test_the_press_preselects_with_the_red_flag_list_it_provisioned(tmp_path):
    """A phrase only IT's list knows ("elephant on * chest"): highlighted while typing and
    pre-selected by the Escalate press (the built-in list alone would pre-select nothing)."""
    seen, done = _drive(
        tmp_path, '[notes.red_flags]\nchest_pain = ["elephant on * chest"]\n',
        ESCALATION_DRIVER_NOTE="Says it feels like an elephant on her chest", ESCALATION_DRIVER_PICKER_ONLY="1",
    )
    assert "error" not in seen, seen
    assert seen["red_flag_shown"] and seen["picker_reason"] == "chest_pain", seen
    assert done.returncode == 0, done.stderr[-3000:]


def test_escalate_in_the_demo_app_links_the_note_and_keeps_one_call_in_the_list(tmp_path):
    seen, done = _drive(tmp_path)
    assert "error" not in seen, seen
    assert seen["registered"] and seen["talking"] and seen["note_open"], seen
    # One press: the red flag pre-selected the reason, Enter confirmed, the clinician joined.
    assert seen["red_flag_shown"] and seen["picker_reason"] == "chest_pain", seen
    assert seen["joined"], seen
    assert seen["attempts"][-1] == ["nurse", "answered"], seen
    assert 0 < seen["time_to_clinician_s"] < 15, seen
    # The clinician's leg is part of the escalation, not a second call.
    assert seen["calls_in_list"] == 1 and not seen["calls_list_visible"], seen
    assert seen["current_call_is_patient"], seen
    assert seen["progress_visible"] and any(row.endswith("answered") for row in seen["progress_rows"]), seen
    assert "time to clinician" in seen["progress_status"], seen
    # Recorded, with the time to clinician, linked to the call's note (same call id, same agent).
    assert seen["linked_to_note"] and seen["record_note_call_id_matches"], seen
    assert seen["record_agent_is_notes_agent"], seen
    assert seen["stored_time_to_clinician_ms"] == round(seen["time_to_clinician_s"] * 1000), seen
    # Hanging up the patient's call ends the escalation (the agent is told) and the wrap-up.
    assert seen["escalation_over"] and "clinician's line was ended" in seen["end_notice"], seen
    assert seen["wrap_up"] and seen["available_again"], seen
    assert seen["history"] == 1, seen  # the clinician's leg is not a call in the agent's history
    assert seen["closed_note_linked"], seen
    assert done.returncode == 0, done.stderr[-3000:]
