"""A private, real Secret Service (GNOME Keyring on its own D-Bus session) for keyring tests.

Each call starts a fresh D-Bus session and keyring in a scratch HOME and runs a Python snippet in
it, so a test may lock the keyring (which cannot be unlocked again without a GUI prompt) without
disturbing any other test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

KEYRING_PASSWORD = "throw-away-test-password"


def require_secret_service_tools() -> None:
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run scripts/setup-system.sh --test")


def run_in_private_keyring(snippet: str, home: Path, *, start_keyring: bool = True) -> subprocess.CompletedProcess:
    require_secret_service_tools()
    home.mkdir(parents=True, exist_ok=True)
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DBUS_", "XDG_", "GNOME_KEYRING"))
    }
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    start = (
        f'printf %s "{KEYRING_PASSWORD}" | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null; '
        if start_keyring
        else ""
    )
    command = f'{start}exec "{sys.executable}" -c "$SNIPPET"'
    env["SNIPPET"] = textwrap.dedent(snippet)
    return subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
