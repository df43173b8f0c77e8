"""The per-user local socket's name: one per OS user and profile folder, so two agents on one
terminal server (or a test's scratch profile) never reach each other's softphone."""

from __future__ import annotations

import getpass
import hashlib
import os

from softphone.config.paths import user_paths


def socket_name() -> str:
    override = os.environ.get("SOFTPHONE_CTI_SOCKET")
    if override:
        return override
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): the profile path still separates
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    profile = str(user_paths().data_dir)
    digest = hashlib.sha256(f"{user}\0{profile}".encode()).hexdigest()[:16]
    return f"softphone-cti-{digest}"
