"""`softphone --self-test`, the product's smoke test, as IT runs it after installing."""

from __future__ import annotations

import json
import sys

from tests.support.keyring_session import run_command_in_private_keyring

EXPECTED_STEPS = {
    "settings",
    "os_keyring",
    "demo_profile",
    "encrypted_notes",
    "main_window",
    "no_phi_in_logs",
    "demo_switchboard",
    "demo_patient_call",
    "demo_screen_pop",
    "demo_two_way_audio",
    "demo_supervision_listen",
    "demo_supervision_whisper",
    "demo_supervision_barge",
    "demo_escalation_conference",
    "demo_hang_up",
    "demo_stop",
}


def run_self_test(tmp_path, **env):
    return run_command_in_private_keyring(
        [sys.executable, "-m", "softphone", "--self-test"], tmp_path / "home", extra_env=env
    )


def test_self_test_passes_every_step_and_prints_one_json_line(tmp_path):
    result = run_self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    summary = json.loads(lines[0])
    assert summary["ok"] is True
    assert set(summary["steps"]) == EXPECTED_STEPS
    failed = {name: step for name, step in summary["steps"].items() if not step["ok"]}
    assert failed == {}
    # The escalation went the Escalate button's way (policy, hunting, the service) and says how long
    # the clinician took; its record is linked to the call's note.
    escalation = summary["steps"]["demo_escalation_conference"]
    assert isinstance(escalation["time_to_clinician_ms"], int) and escalation["time_to_clinician_ms"] > 0
    assert escalation["targets_tried"] >= 1
    assert "all three hear each other" in escalation["detail"] and "linked to the note" in escalation["detail"]


def test_self_test_fails_and_names_the_problem_on_a_bad_system_file(tmp_path):
    system_file = tmp_path / "bad-system.toml"
    system_file.write_text('[sip]\ntransport = "fax"\n')
    result = run_self_test(tmp_path, SOFTPHONE_SYSTEM_CONFIG=str(system_file))
    assert result.returncode == 1
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"] is False
    assert summary["steps"]["settings"]["ok"] is False
    assert "sip.transport" in summary["steps"]["settings"]["detail"]


def test_self_test_leaves_the_agents_profile_untouched(tmp_path, isolated_profile):
    result = run_self_test(tmp_path, SOFTPHONE_HOME=str(isolated_profile))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not isolated_profile.exists() or not any(isolated_profile.rglob("*.db"))
