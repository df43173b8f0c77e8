"""Version, platform and runtime facts for a support ticket (nothing about the agent or patients)."""

from __future__ import annotations

import platform
import sys
from typing import Any

from softphone import __version__


def version_report() -> dict[str, Any]:
    report: dict[str, Any] = {
        "softphone": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
    try:
        report["os_release"] = platform.freedesktop_os_release().get("PRETTY_NAME", "")
    except (OSError, AttributeError):
        report["os_release"] = platform.version()
    report["qt"] = _version_of("PySide6")
    report["pjsua2"] = _version_of("pjsua2")
    return report


def _version_of(module_name: str) -> str:
    try:
        module = __import__(module_name)
        return str(getattr(module, "__version__", "unknown"))
    except Exception as error:  # a broken binding is itself a diagnostic
        return f"unavailable ({type(error).__name__}: {error})"
