"""`softphone --check-config` as IT runs it: exit codes and messages."""

from __future__ import annotations

import os
import subprocess
import sys


def run_softphone(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "softphone", *args],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_config_accepts_a_valid_system_file(system_file):
    system_file.write_text(
        '[sip]\nservers = [{host = "pbx1.example.org", port = 5061}, {host = "pbx2.example.org"}]\n'
        'domain = "hospital.example"\ntransport = "tls"\n[policy]\nlocked = ["sip.servers"]\n'
    )
    result = run_softphone("--check-config")
    assert result.returncode == 0, result.stderr
    assert "Settings are valid" in result.stdout
    assert "Locked by IT: sip.servers" in result.stdout
    assert "Mode: PBX" in result.stdout


def test_check_config_rejects_a_bad_system_file_naming_file_key_and_problem(system_file):
    system_file.write_text('[sip]\ntransport = "smoke-signals"\n')
    result = run_softphone("--check-config")
    assert result.returncode == 2
    assert f"{system_file}: sip.transport: Input should be 'udp', 'tcp' or 'tls' (got 'smoke-signals')" in result.stderr


def test_config_option_selects_the_user_file(tmp_path):
    custom = tmp_path / "custom.toml"
    custom.write_text('[ui]\ntheme = "pink"\n')
    result = run_softphone("--config", str(custom), "--check-config")
    assert result.returncode == 0
    assert f"warning: {custom}: ui.theme" in result.stderr


def test_version():
    from softphone import __version__

    result = run_softphone("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"softphone {__version__}"


def test_app_refuses_to_start_on_an_invalid_system_file_without_a_traceback(system_file):
    system_file.write_text('[audio]\njitter_profile = "bumpy"\n')
    result = run_softphone()
    assert result.returncode == 2
    assert "settings provisioned for this computer are invalid" in result.stderr
    assert "audio.jitter_profile" in result.stderr
    assert "Traceback" not in result.stderr
