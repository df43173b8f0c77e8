"""Installer figures: start-up of the frozen app beside the venv, and package sizes. One JSON object.

    .venv/bin/python tests/bench/bench_installer.py [--runs N]

Builds what is missing (the frozen app is cached in tests/artifacts/installer/frozen), then times
``--version`` and ``--self-test`` for the frozen app and for the venv's ``softphone``. The
self-test runs in a private D-Bus session with GNOME Keyring (as in the tests); the time is taken
inside that session, so the keyring's own start is not counted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # for tests.support

from tests.support.keyring_session import run_command_in_private_keyring  # noqa: E402

OUT = REPO / "tests" / "artifacts" / "installer"
# Prints the wall time of "$@" in seconds, measured inside the keyring session.
TIMED = 'start=$(date +%s.%N); "$@" >/dev/null 2>&1; status=$?; end=$(date +%s.%N); echo "$status $start $end"'


def run(argv: list[str | Path]) -> str:
    return subprocess.run([str(part) for part in argv], cwd=REPO, check=True, capture_output=True, text=True).stdout


def folder_mb(path: Path) -> float:
    # Symlinks (PyInstaller links libraries into _internal/) would count twice; du counts once.
    return round(sum(item.lstat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink()) / 1e6, 1)


def median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def median_self_test_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-installer-") as scratch:
            result = run_command_in_private_keyring(
                ["bash", "-c", TIMED, "timed", *argv], Path(scratch) / "home",
                extra_env={"SOFTPHONE_HOME": f"{scratch}/profile", "SOFTPHONE_SYSTEM_CONFIG": f"{scratch}/none.toml"},
            )
        status, start, end = result.stdout.split()[-3:]
        if status != "0":
            raise SystemExit(f"{argv} --self-test failed: {result.stdout}{result.stderr}")
        times.append(float(end) - float(start))
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    started = time.perf_counter()
    run([REPO / "installer" / "build-frozen.sh", OUT / "frozen"])
    frozen_build_s = round(time.perf_counter() - started, 1)
    frozen = OUT / "frozen" / "softphone"
    deb = Path(run([REPO / "installer" / "linux" / "build-deb.sh", "--frozen", frozen, "--out", OUT / "deb"]).split()[-1])
    msi = Path(run([REPO / "installer" / "windows" / "build-placeholder-msi.sh", OUT / "msi"]).split()[-1])

    frozen_exe = str(frozen / "softphone")
    venv_exe = str(REPO / ".venv" / "bin" / "softphone")
    figures = {
        "frozen_build_s": frozen_build_s,  # a second or so when the cached build is current
        "frozen_version_s": median_seconds([frozen_exe, "--version"], runs),
        "venv_version_s": median_seconds([venv_exe, "--version"], runs),
        "frozen_self_test_s": median_self_test_seconds([frozen_exe, "--self-test"], runs),
        "venv_self_test_s": median_self_test_seconds([venv_exe, "--self-test"], runs),
        "frozen_folder_mb": folder_mb(frozen),
        "deb_mb": round(deb.stat().st_size / 1e6, 1),
        "msi_placeholder_kb": round(msi.stat().st_size / 1e3, 1),
        "runs": runs,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
