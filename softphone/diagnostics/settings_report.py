"""The effective settings, where each came from and what IT locked, credentials removed from URLs."""

from __future__ import annotations

from typing import Any

from softphone.config.loader import LoadedSettings
from softphone.diagnostics.redaction import redact_url_userinfo


def settings_report(loaded: LoadedSettings) -> dict[str, Any]:
    return {
        "valid": True,
        "system_file": str(loaded.system_file),
        "user_file": str(loaded.user_file),
        "effective": _without_userinfo(loaded.settings.model_dump(mode="json")),
        "set_in": {key: str(path) for key, path in sorted(loaded.sources.items())},
        "locked": sorted(loaded.locked_keys),
        "warnings": [redact_url_userinfo(text) for text in loaded.warnings],
    }


def invalid_settings_report(problems: list[str]) -> dict[str, Any]:
    return {"valid": False, "problems": [redact_url_userinfo(text) for text in problems]}


def _without_userinfo(value: Any) -> Any:
    if isinstance(value, str):
        return redact_url_userinfo(value)
    if isinstance(value, dict):
        return {key: _without_userinfo(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_userinfo(item) for item in value]
    return value
