"""The Depends: line of the .deb, derived from what the frozen app's binaries link against.

The spec leaves OS libraries out of the bundle (they then get Debian's security updates); this
module lists the shared libraries the bundled ELF files need (``readelf -d``: direct NEEDED
entries), drops those the bundle ships itself, finds the rest with ``ldconfig -p`` and asks dpkg
which package owns each file. A library that is not installed on the build machine is an error:
we could not name its package, and the app would not start where it is missing.

Libraries loaded with ctypes (PortAudio through ``sounddevice``) are not NEEDED entries: they are
listed in ``RUNTIME_LOADED`` by package.

    python -m installer.linux.debian_depends FROZEN_DIR    # prints "pkg1, pkg2, ..."
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# Loaded with ctypes at run time, so invisible to readelf: PortAudio (fallback audio path) and
# libpulse (the low-latency headset path on PulseAudio/PipeWire desktops, softphone.audio.pulse_stream).
RUNTIME_LOADED = ("libportaudio2", "libpulse0")
# Part of every Debian system (Essential: yes / priority required); listing them adds nothing.
ALWAYS_PRESENT = frozenset({"libc6", "libc-bin"})

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(?P<soname>[^\]]+)\]")


class MissingLibraries(Exception):
    pass


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed_sonames(elf: Path) -> set[str]:
    output = subprocess.run(
        ["readelf", "-d", "--wide", str(elf)], capture_output=True, text=True, check=False
    ).stdout
    return {match["soname"] for match in _NEEDED.finditer(output)}


def system_library_paths() -> dict[str, str]:
    """soname -> path of the x86-64/arm64 (native) copy, from the dynamic linker's cache."""
    output = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    native = "x86-64" if sys.maxsize > 2**32 else ""
    paths: dict[str, str] = {}
    for line in output.splitlines()[1:]:
        name, _, rest = line.strip().partition(" (")
        flags, _, path = rest.partition(") => ")
        if name and path and (native in flags or "AArch64" in flags or "libc6," == flags.strip()):
            paths.setdefault(name, path.strip())
    return paths


def owning_packages(paths: list[str]) -> set[str]:
    if not paths:
        return set()
    # dpkg records the path it unpacked; /lib is a symlink to /usr/lib on merged-/usr systems.
    candidates = paths + [path.removeprefix("/usr") for path in paths if path.startswith("/usr/")]
    candidates += ["/usr" + path for path in paths if not path.startswith("/usr/")]
    output = subprocess.run(["dpkg", "-S", *candidates], capture_output=True, text=True).stdout
    owners: dict[str, str] = {}
    for line in output.splitlines():
        packages, _, path = line.partition(": ")
        owners[path.strip()] = packages.split(",")[0].split(":")[0].strip()
    found = set()
    for path in paths:
        alias = path.removeprefix("/usr") if path.startswith("/usr/") else "/usr" + path
        package = owners.get(path) or owners.get(alias)
        if package is None:
            raise MissingLibraries(f"{path}: no Debian package owns it")
        found.add(package)
    return found


def debian_depends(frozen_dir: Path) -> list[str]:
    elves = [path for path in frozen_dir.rglob("*") if path.is_file() and is_elf(path)]
    bundled = {path.name for path in elves}
    needed: set[str] = set()
    for elf in elves:
        needed |= needed_sonames(elf)
    wanted = sorted(needed - bundled)
    # The dynamic loader itself is part of libc6.
    wanted = [soname for soname in wanted if not soname.startswith(("ld-linux", "linux-vdso"))]
    known = system_library_paths()
    missing = [soname for soname in wanted if soname not in known]
    if missing:
        raise MissingLibraries(
            "the frozen app needs libraries not installed on this build machine (install their "
            "packages, then rebuild): " + ", ".join(missing)
        )
    packages = owning_packages([known[soname] for soname in wanted]) | set(RUNTIME_LOADED)
    return sorted(packages - ALWAYS_PRESENT)


if __name__ == "__main__":
    try:
        print(", ".join(debian_depends(Path(sys.argv[1]))))
    except MissingLibraries as error:
        sys.exit(f"debian_depends: {error}")
