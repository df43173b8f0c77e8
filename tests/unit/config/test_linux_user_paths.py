"""The Linux user folders computed without platformdirs (start-up time, issue 5) are platformdirs' own."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from softphone.config import paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux's")

XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def platformdirs_paths() -> paths.UserPaths:
    dirs = platformdirs.PlatformDirs(appname=paths.APP_DIR_NAME, appauthor=False)
    return paths.UserPaths(*(paths.Path(folder) for folder in (
        dirs.user_config_dir, dirs.user_data_dir, dirs.user_log_dir, dirs.user_cache_dir)))


@pytest.mark.parametrize("home", ["/home/agent", "/home/agent/", "/"])
@pytest.mark.parametrize("xdg", [None, "", "relative/dir", "/srv/xdg"])
def test_the_fast_linux_folders_are_platformdirs_folders(monkeypatch, home, xdg):
    monkeypatch.delenv("SOFTPHONE_HOME", raising=False)
    monkeypatch.setenv("HOME", home)
    for variable in XDG:
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable.lower()}" if xdg else "")
    fast = paths._linux_user_paths()
    assert fast is not None
    assert fast == platformdirs_paths()
    assert paths.user_paths() == fast


def test_a_relative_home_is_left_to_platformdirs(monkeypatch):
    monkeypatch.delenv("SOFTPHONE_HOME", raising=False)
    monkeypatch.setenv("HOME", "not/absolute")
    assert paths._linux_user_paths() is None
    assert paths.user_paths() == platformdirs_paths()
