"""Start-up of the real ``python -m softphone`` (issue 5): the window first, then the rest, with every
behaviour start-up had before: invalid settings exit 2, an unusable keyring exits 1, and a second
``softphone sip:…`` hands its link to the running instance without showing a window.

Each run is a child process in a private D-Bus session with its own GNOME Keyring (or none), with
``SOFTPHONE_STARTUP_TRACE=1`` so the test sees the order of the steps (the order is asserted, never
a duration: the figures are tests/bench/bench_startup.py's).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.keyring_session import run_command_in_private_keyring

APP = [sys.executable, "-m", "softphone"]


def steps_of(stdout: str) -> list[str]:
    return [line.split()[1] for line in stdout.splitlines() if line.startswith("SOFTPHONE_STARTUP_STEP ")]


def run_app(tmp_path: Path, *args: str, start_keyring: bool = True, **env: str) -> subprocess.CompletedProcess:
    env = {"SOFTPHONE_HOME": str(tmp_path / "profile"), "SOFTPHONE_SYSTEM_CONFIG": str(tmp_path / "none.toml"),
           "SOFTPHONE_STARTUP_TRACE": "1", "QT_QPA_PLATFORM": "offscreen", **env}
    return run_command_in_private_keyring([*APP, *args], tmp_path / "home", start_keyring=start_keyring, extra_env=env)


def test_demo_shows_the_window_before_settings_storage_and_telephony_then_starts_them(tmp_path):
    result = run_app(tmp_path, "--demo", SOFTPHONE_EXIT_AFTER_SHOW="ready")
    assert result.returncode == 0, result.stdout + result.stderr
    steps = steps_of(result.stdout)
    assert "SOFTPHONE_READY" in result.stdout
    # The window's first frame comes before anything slow; all of it then happens, in this order.
    order = ["single_instance_checked", "window_built", "window_shown", "settings_validated", "profile_opened",
             "patient_directory", "wiring", "wired", "telephony_settled"]
    assert [step for step in steps if step in order] == order
    # Nothing failed on the way: the demo's switchboard answered (telephony settled as "ready").
    assert "failed" not in steps
    stall = next(line for line in result.stdout.splitlines() if line.startswith("SOFTPHONE_STARTUP_GUI_STALL_MS"))
    assert "samples=" in stall and int(stall.split("samples=")[1].split()[0]) > 0


def test_invalid_system_settings_still_exit_2_naming_the_file_and_key(tmp_path):
    system_file = tmp_path / "system.toml"
    system_file.write_text('[sip]\ntransport = "fax"\n')
    result = run_app(tmp_path, "--demo", SOFTPHONE_SYSTEM_CONFIG=str(system_file))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "The settings provisioned for this computer are invalid" in result.stderr
    assert f"{system_file}: sip.transport:" in result.stderr
    steps = steps_of(result.stdout)
    # Validated after the first frame now; the window is hidden again before the error is shown.
    assert steps.index("window_shown") < steps.index("failed")
    assert "profile_opened" not in steps


def test_no_keyring_outside_the_demo_still_exits_1_with_the_keyring_message(tmp_path):
    system_file = tmp_path / "system.toml"
    system_file.write_text('[sip]\nservers = [{ host = "pbx.hospital.example" }]\ndomain = "hospital.example"\n')
    result = run_app(tmp_path, SOFTPHONE_SYSTEM_CONFIG=str(system_file), start_keyring=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The softphone cannot open its secure storage" in result.stderr
    assert "keyring" in result.stderr.lower()
    steps = steps_of(result.stdout)
    assert "settings_validated" in steps and "profile_opened" not in steps and steps[-1] == "failed"


def test_locked_keyring_outside_the_demo_says_it_is_locked_and_exits_1(tmp_path):
    system_file = tmp_path / "system.toml"
    system_file.write_text('[sip]\nservers = [{ host = "pbx.hospital.example" }]\ndomain = "hospital.example"\n')
    lock_then_start = (
        "import secretstorage, subprocess, sys; "
        "secretstorage.get_default_collection(secretstorage.dbus_init()).lock(); "
        "sys.exit(subprocess.call(sys.argv[1:]))"
    )
    env = {"SOFTPHONE_HOME": str(tmp_path / "profile"), "SOFTPHONE_SYSTEM_CONFIG": str(system_file),
           "SOFTPHONE_STARTUP_TRACE": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = run_command_in_private_keyring([sys.executable, "-c", lock_then_start, *APP], tmp_path / "home",
                                            extra_env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The OS keyring is locked" in result.stderr


def test_a_link_goes_to_the_running_instance_and_no_second_window_is_shown(tmp_path):
    """Both instances in one private keyring session: the first runs the demo until it is ready,
    then ``softphone sip:…`` and ``softphone --cti-status`` talk to it."""
    script = tmp_path / "two_instances.py"
    script.write_text(
        f"""
import json, subprocess, sys, time
app = {APP!r}
first = subprocess.Popen([*app, "--demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
for line in first.stdout:  # its CTI server listens once it is wired
    if line.startswith("SOFTPHONE_STARTUP_STEP wired"):
        break
second = subprocess.run([*app, "sip:oncall-nurse@example.org"], capture_output=True, text=True, timeout=60)
status = subprocess.run([*app, "--cti-status"], capture_output=True, text=True, timeout=60)
first.terminate()
first.wait(30)
print(json.dumps({{"second_rc": second.returncode, "second_out": second.stdout, "second_err": second.stderr,
                   "status_rc": status.returncode, "status": status.stdout}}))
"""
    )
    env = {"SOFTPHONE_HOME": str(tmp_path / "profile"), "SOFTPHONE_SYSTEM_CONFIG": str(tmp_path / "none.toml"),
           "SOFTPHONE_STARTUP_TRACE": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = run_command_in_private_keyring([sys.executable, str(script)], tmp_path / "home", extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["second_rc"] == 0, seen
    assert "handed over" in seen["second_err"]
    second_steps = steps_of(seen["second_out"])
    assert "single_instance_checked" not in second_steps and "window_built" not in second_steps, second_steps
    assert seen["status_rc"] == 0, seen
    assert json.loads(seen["status"].strip().splitlines()[-1])  # the running instance answered


def run_language_driver(tmp_path: Path, system_text: str, user_text: str) -> dict:
    system_file, user_file = tmp_path / "system.toml", tmp_path / "user.toml"
    system_file.write_text(system_text)
    user_file.write_text(user_text)
    env = {"SOFTPHONE_HOME": str(tmp_path / "profile"), "SOFTPHONE_SYSTEM_CONFIG": str(system_file),
           "SOFTPHONE_CONFIG": str(user_file), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    driver = Path(__file__).with_name("startup_language_driver.py")
    result = run_command_in_private_keyring([sys.executable, str(driver)], tmp_path / "home", extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in seen, seen
    return seen


def test_the_first_window_is_already_in_the_language_the_settings_files_ask_for(tmp_path):
    seen = run_language_driver(tmp_path, '[ui]\nlanguage = "es"\n', "")
    assert seen["first_starting"] is True
    assert seen["first_answer_text"] == "Contestar"
    assert seen["same_window"] is True and seen["ready_answer_text"] == "Contestar"


def test_when_the_validated_settings_disagree_the_window_is_built_again_in_their_language(tmp_path):
    # An unknown section makes the loader ignore the whole user file (with a warning), so its
    # language is not applied; the early read still saw it, and start-up corrects the window.
    seen = run_language_driver(tmp_path, "", '[ui]\nlanguage = "es"\n[no_such_section]\nkey = 1\n')
    assert seen["first_answer_text"] == "Contestar"
    assert seen["same_window"] is False and seen["ready_answer_text"] == "Answer"
    assert seen["main_windows_visible"] == 1


def run_quit_driver(tmp_path: Path, when: str) -> dict:
    env = {"SOFTPHONE_HOME": str(tmp_path / "profile"), "SOFTPHONE_SYSTEM_CONFIG": str(tmp_path / "none.toml"),
           "QT_QPA_PLATFORM": "offscreen"}
    driver = Path(__file__).with_name("startup_quit_driver.py")
    result = run_command_in_private_keyring([sys.executable, str(driver), when], tmp_path / "home", extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_quitting_while_the_secure_storage_opens_exits_cleanly(tmp_path):
    seen = run_quit_driver(tmp_path, "storage")
    assert seen["status_when_quitting"] == "Starting: opening secure storage…"
    assert seen["exit_code"] == 0 and seen["children_left"] == []


def test_quitting_while_telephony_starts_stops_the_engine_and_the_switchboard(tmp_path):
    seen = run_quit_driver(tmp_path, "telephony")
    assert seen["status_when_quitting"] == "Starting: connecting the phone…"
    assert seen["exit_code"] == 0 and seen["children_left"] == []


def test_quitting_between_two_wiring_phases_closes_what_was_wired(tmp_path):
    # The wiring runs as several GUI steps (issue 5: never one long block); a quit between two of
    # them shuts down what the phases that ran opened (the escalation's writer, the profile...).
    seen = run_quit_driver(tmp_path, "wiring")
    assert seen["wired_when_quitting"] == ["escalation_presenter"]  # not the auto-lock or supervision yet
    assert seen["starting_when_quitting"] is True
    assert seen["status_when_quitting"] == "Starting: connecting the phone…"
    assert seen["exit_code"] == 0 and seen["children_left"] == []


HEAVY_LIBRARIES = ("pydantic", "sqlalchemy", "alembic", "sqlcipher3", "keyring", "fhir", "httpx", "phonenumbers",
                   "pjsua2", "sounddevice", "numpy", "cryptography", "jwt")


def test_nothing_heavy_is_imported_before_the_first_frame(tmp_path):
    """The window's own modules stay light (lazy package exports, annotations-only imports): the
    libraries for settings, storage, keyring, FHIR and SIP load after the first frame."""
    dump = (
        "import atexit, json, sys; "
        "atexit.register(lambda: print('MODULES', json.dumps(sorted(sys.modules)), flush=True)); "
        "from softphone.cli import main; sys.exit(main(['--demo']))"
    )
    env = {"SOFTPHONE_HOME": str(tmp_path / "profile"), "SOFTPHONE_SYSTEM_CONFIG": str(tmp_path / "none.toml"),
           "SOFTPHONE_EXIT_AFTER_SHOW": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = run_command_in_private_keyring([sys.executable, "-c", dump], tmp_path / "home", extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SOFTPHONE_WINDOW_SHOWN" in result.stdout
    modules = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("MODULES "))[8:])
    assert "softphone.ui.main_window" in modules  # the window was built by this process
    loaded = sorted({name.split(".")[0] for name in modules} & set(HEAVY_LIBRARIES))
    assert loaded == [], loaded
    assert not [name for name in modules if name.startswith(
        ("softphone.storage", "softphone.sip", "softphone.patients", "softphone.credentials", "softphone.profile"))]
    # Nobody listens on the single-instance socket: known without QtNetwork or the CTI server module;
    # the side panel's content (and its modules) comes a step after the first frame.
    assert not {"PySide6.QtNetwork", "softphone.cti.server", "softphone.ui.notes_panel", "softphone.ui.patient_panel",
                "platformdirs", "_hashlib"} & set(modules)
