"""Builds shared by the installer tests: the frozen app once per session, cached across runs in
tests/artifacts/installer/frozen; packages in the session's temp folder (a few seconds each)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from softphone import __version__
from tests.conftest import REPO_ROOT
from tests.integration.installer.installer_builds import FROZEN_CACHE, require_tools, run_script


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    """The PyInstaller one-folder app (folder holding the ``softphone`` executable)."""
    run_script([REPO_ROOT / "installer" / "build-frozen.sh", FROZEN_CACHE])
    return FROZEN_CACHE / "softphone"


@dataclass(frozen=True)
class DebPackages:
    current: Path  # built at softphone.__version__
    newer: Path  # the same app with a higher version, to test upgrades
    newer_version: str


@pytest.fixture(scope="session")
def deb_packages(frozen_app: Path, tmp_path_factory: pytest.TempPathFactory) -> DebPackages:
    require_tools("dpkg-deb", "readelf", "ldconfig", packages="dpkg binutils libc-bin")
    out = tmp_path_factory.mktemp("deb")
    build = REPO_ROOT / "installer" / "linux" / "build-deb.sh"
    newer_version = f"{__version__}+1"  # Debian orders 0.1.0 < 0.1.0+1
    current = run_script([build, "--frozen", frozen_app, "--out", out]).stdout.strip().splitlines()[-1]
    newer = run_script([build, "--frozen", frozen_app, "--out", out, "--version", newer_version])
    return DebPackages(Path(current), Path(newer.stdout.strip().splitlines()[-1]), newer_version)
