"""Building the packages for the installer tests (shared by the fixtures and the tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, REPO_ROOT

# installer/build-frozen.sh skips the ~1 min PyInstaller run when this build's inputs (sources,
# spec, installed packages) are unchanged.
FROZEN_CACHE = ARTIFACTS / "installer" / "frozen"
BUILD_TIMEOUT_S = 600


def require_tools(*tools: str, packages: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: apt-get install {packages}")


def run_script(argv: list[str | Path], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in argv], cwd=REPO_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, **kwargs
    )
    assert result.returncode == 0, f"{argv[0]} failed:\n{result.stdout}\n{result.stderr[-5000:]}"
    return result


def apt_env() -> dict[str, str]:
    return {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
