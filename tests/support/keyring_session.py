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
    """Run a Python snippet (dedented) inside a private D-Bus session with its own GNOME Keyring."""
    return run_command_in_private_keyring(
        [sys.executable, "-c", textwrap.dedent(snippet)], home, start_keyring=start_keyring
    )


def run_command_in_private_keyring(
    argv: list[str],
    home: Path,
    *,
    start_keyring: bool = True,
    extra_env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
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
    env.update(extra_env or {})
    start = (
        f'printf %s "{KEYRING_PASSWORD}" | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null; '
        if start_keyring
        else ""
    )
    return subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", start + 'exec "$@"', "keyring-session", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
