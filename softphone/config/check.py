"""``softphone --check-config``: validate provisioning files the way the app will read them."""

from __future__ import annotations

from typing import TextIO

from softphone.config.loader import SettingsError, load_settings
from softphone.config.paths import system_config_file, user_paths

EXIT_VALID = 0
EXIT_INVALID = 2


def check_config(out: TextIO, err: TextIO) -> int:
    system_file = system_config_file()
    user_file = user_paths().settings_file
    try:
        loaded = load_settings(system_file, user_file)
    except SettingsError as error:
        print(f"Settings are invalid ({len(error.problems)} problem(s)):", file=err)
        for problem in error.problems:
            print(f"  {problem}", file=err)
        return EXIT_INVALID
    for warning in loaded.warnings:
        print(f"warning: {warning}", file=err)
    mode = "PBX" if loaded.settings.pbx_configured else "embedded demo (no PBX configured)"
    print(f"Settings are valid. System file: {_describe(system_file)}; user file: {_describe(user_file)}.", file=out)
    print(f"Locked by IT: {', '.join(sorted(loaded.locked_keys)) or 'nothing'}. Mode: {mode}.", file=out)
    return EXIT_VALID


def _describe(path) -> str:
    return f"{path}" if path.exists() else f"{path} (absent, defaults apply)"
