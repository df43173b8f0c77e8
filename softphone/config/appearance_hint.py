"""The agent's theme and language, read from the settings files before the settings are validated.

Why: the main window is shown before the settings are validated (pydantic and the rest load after
the first frame, issue 5), but its texts are translated when it is built. This reads only
``ui.theme`` and ``ui.language`` with the same layering as ``loader.py`` (user over system, unless
the system file locks the key), ignoring anything it does not understand. It is a hint: the app
compares it with the validated settings and corrects the window when they differ (a Windows
registry provisioning, which this does not read, for example). No pydantic, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# config.model.UiSettings.theme and .language; the first is the default (a test keeps them equal).
THEMES = ("system", "light", "dark", "high-contrast")
LANGUAGES = ("system", "en", "es")


@dataclass(frozen=True)
class AppearanceHint:
    theme: str = "system"
    language: str = "system"


def appearance_hint(system_file: Path, user_file: Path) -> AppearanceHint:
    system, user = _ui_table(system_file), _ui_table(user_file)
    locked = system.pop("__locked__", ())
    values: dict[str, str] = {}
    for key, allowed in (("theme", THEMES), ("language", LANGUAGES)):
        value = system.get(key)
        if isinstance(value, str) and value in allowed:
            values[key] = value
        if key in user and f"ui.{key}" not in locked:
            value = user[key]
            # The loader drops an invalid user value to the built-in default (not the system value).
            values[key] = value if isinstance(value, str) and value in allowed else allowed[0]
    return AppearanceHint(**values)


def _ui_table(path: Path) -> dict[str, Any]:
    """The file's [ui] table (and its policy.locked list under "__locked__"); {} when unreadable."""
    try:
        if not path.is_file():  # the usual case for the user file: no tomllib import at all
            return {}
        import tomllib  # only when there is a file to read

        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except (OSError, ValueError):
        return {}
    table = document.get("ui")
    result = dict(table) if isinstance(table, dict) else {}
    policy = document.get("policy")
    locked = policy.get("locked") if isinstance(policy, dict) else None
    if isinstance(locked, list):
        result["__locked__"] = tuple(item for item in locked if isinstance(item, str))
    return result
