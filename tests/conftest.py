"""Fixtures for the whole suite. Every test runs in its own scratch profile: no test reads or writes
the developer's real settings, data, logs or provisioning file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "softphone-home"
    monkeypatch.setenv("SOFTPHONE_HOME", str(home))
    monkeypatch.setenv("SOFTPHONE_SYSTEM_CONFIG", str(tmp_path / "etc" / "settings.toml"))
    monkeypatch.delenv("SOFTPHONE_CONFIG", raising=False)
    return home


@pytest.fixture
def system_file(tmp_path: Path) -> Path:
    path = tmp_path / "etc" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def user_file(isolated_profile: Path) -> Path:
    path = isolated_profile / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
