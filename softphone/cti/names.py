"""The per-user local socket's name: one per OS user and profile folder, so two agents on one
terminal server (or a test's scratch profile) never reach each other's softphone.

No Qt and nothing heavy here: the single-instance check runs before the main window is shown
(issue 5, start-up time)."""

from __future__ import annotations

import getpass
import os
import sys

from softphone.config.paths import user_paths

try:  # the SHA-256 built into CPython: hashlib would load OpenSSL first (~2 ms before the window)
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - 3.12 renamed it; any other build has hashlib's
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256


def socket_name() -> str:
    override = os.environ.get("SOFTPHONE_CTI_SOCKET")
    if override:
        return override
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): the profile path still separates
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    profile = str(user_paths().data_dir)
    digest = sha256(f"{user}\0{profile}".encode()).hexdigest()[:16]
    return f"softphone-cti-{digest}"


def nobody_listens(name: str) -> bool:
    """True when no instance can be listening on ``name``, known without QtNetwork: on Unix a
    QLocalServer is a socket file (the name itself when it is a path, else in QDir::tempPath(),
    which is $TMPDIR or /tmp), so no file means nobody. False means "ask QLocalSocket": a file may
    be a crashed instance's; elsewhere than Linux (named pipes on Windows, macOS's own temp folder)
    and with a temp folder that is not there (Qt's tempPath() is then empty), it always asks."""
    if not sys.platform.startswith("linux"):
        return False
    if name.startswith("/"):
        return not os.path.lexists(name)
    temp = os.environ.get("TMPDIR") or "/tmp"
    if not os.path.isdir(temp):
        return False
    return not os.path.lexists(os.path.join(temp, name))
