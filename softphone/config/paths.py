"""Where the softphone keeps its files on each OS.

Every path can be redirected with an environment variable so that tests, the demo and IT
scripts never touch a real agent's profile:

- ``SOFTPHONE_HOME``: one folder that holds config/, data/, logs/ and cache/ (tests, portable runs).
- ``SOFTPHONE_SYSTEM_CONFIG``: the IT-provisioned settings file.
- ``SOFTPHONE_CONFIG``: the user's settings file (``--config PATH`` sets it too).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "softphone"
SETTINGS_FILE_NAME = "settings.toml"


def system_config_file() -> Path:
    """The file IT provisions: /etc/softphone/settings.toml or %ProgramData%\\Softphone\\settings.toml."""
    override = os.environ.get("SOFTPHONE_SYSTEM_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(program_data) / "Softphone" / SETTINGS_FILE_NAME
    return Path("/etc") / APP_DIR_NAME / SETTINGS_FILE_NAME


@dataclass(frozen=True)
class UserPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        override = os.environ.get("SOFTPHONE_CONFIG")
        return Path(override) if override else self.config_dir / SETTINGS_FILE_NAME

    def ensure(self) -> "UserPaths":
        for folder in (self.config_dir, self.data_dir, self.log_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def user_paths() -> UserPaths:
    home = os.environ.get("SOFTPHONE_HOME")
    if home:
        root = Path(home)
        return UserPaths(root / "config", root / "data", root / "logs", root / "cache")
    fast = _linux_user_paths()
    if fast is not None:
        return fast
    import platformdirs  # elsewhere (Windows, macOS, unusual HOME): platformdirs decides

    dirs = platformdirs.PlatformDirs(appname=APP_DIR_NAME, appauthor=False)
    return UserPaths(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_log_dir),
        Path(dirs.user_cache_dir),
    )


def _linux_user_paths() -> UserPaths | None:
    """platformdirs' answer on Linux (the XDG rules) without importing it: this runs before the main
    window is shown (appearance hint, single-instance socket name) and platformdirs costs ~3 ms of
    start-up there (issue 5). None when HOME is not an absolute path (platformdirs then consults
    the password database): the caller asks platformdirs. tests/unit/config checks both agree."""
    home = os.environ.get("HOME", "")
    if not sys.platform.startswith("linux") or not home.startswith("/"):
        return None
    home = home.rstrip("/")

    def folder(variable: str, default: str) -> Path:
        base = os.environ.get(variable, "")
        return Path(base if base.startswith("/") else home + default, APP_DIR_NAME)

    return UserPaths(
        folder("XDG_CONFIG_HOME", "/.config"),
        folder("XDG_DATA_HOME", "/.local/share"),
        folder("XDG_STATE_HOME", "/.local/state") / "log",
        folder("XDG_CACHE_HOME", "/.cache"),
    )
