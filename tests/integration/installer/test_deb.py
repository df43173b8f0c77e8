"""The .deb as IT uses it: silent install, the installed app's self-test, URL handlers, an upgrade
that keeps IT's edited settings, and a purge that leaves nothing of the app behind.

These tests install into this machine's /opt, /usr and /etc (CI runs as root on a throw-away
machine); they run in file order against one installation made by the ``installed`` fixture.
"""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.integration.installer.installer_builds import apt_env, require_tools
from tests.support.keyring_session import run_command_in_private_keyring

pytestmark = pytest.mark.integration

PACKAGE = "softphone"
SYSTEM_FILE = Path("/etc/softphone/settings.toml")
INSTALLED_COMMAND = "/usr/bin/softphone"
# Keep the distribution's version of a conffile IT did not touch, IT's version of one it edited:
# what an unattended upgrade must do (documented in installer/README.md).
KEEP_IT_CONFIG = ["-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold"]


def apt_get(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["apt-get", "-y", "-q", "--no-install-recommends", *KEEP_IT_CONFIG, *args],
        capture_output=True, text=True, env=apt_env(), timeout=300,
    )
    assert result.returncode == 0, f"apt-get {' '.join(args)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def installed_version() -> str | None:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", PACKAGE], capture_output=True, text=True
    )
    status, _, version = result.stdout.rpartition(" ")
    return version if result.returncode == 0 and status == "install ok installed" else None


def run_installed(argv: list[str], home: Path, **env: str) -> subprocess.CompletedProcess:
    # An empty PYTHONPATH: the installed app must run from its own bundle, never from this checkout.
    return run_command_in_private_keyring(
        [INSTALLED_COMMAND, *argv], home, extra_env={"PYTHONPATH": "", "SOFTPHONE_SYSTEM_CONFIG": str(SYSTEM_FILE), **env}
    )


UDEV_RULE = "usr/lib/udev/rules.d/70-softphone-headsets.rules"
UDEV_RULE_SOURCE = REPO_ROOT / "installer" / "linux" / "70-softphone-headsets.rules"


def test_deb_ships_the_headset_udev_rule(deb_packages):
    """Headset buttons need /dev/hidraw* access for the seat user: the package carries the rule."""
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb_packages.current)], capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    line = next(line for line in listing.stdout.splitlines() if line.endswith("./" + UDEV_RULE))
    assert line.split()[:2] == ["-rw-r--r--", "root/root"], line
    assert deb_member(deb_packages.current, "./" + UDEV_RULE) == UDEV_RULE_SOURCE.read_bytes()
    assert b'TAG+="uaccess"' in UDEV_RULE_SOURCE.read_bytes()


def deb_member(deb: Path, name: str) -> bytes:
    """One file of the package's data, streamed (the data is ~300 MB unpacked)."""
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE) as tar:
        try:
            with tarfile.open(fileobj=tar.stdout, mode="r|") as archive:
                for member in archive:
                    if member.name == name:
                        return archive.extractfile(member).read()
        finally:
            tar.kill()
    raise AssertionError(f"{name} is not in {deb.name}")


@pytest.fixture(scope="module")
def installed(deb_packages):
    if os.geteuid() != 0:
        pytest.skip("installing a .deb needs root (CI runs as root)")
    require_tools("apt-get", "dpkg-query", packages="apt dpkg")
    if installed_version() is not None:
        apt_get("purge", PACKAGE)  # a leftover from an interrupted run
    apt_get("install", str(deb_packages.current))
    yield deb_packages
    if installed_version() is not None:
        apt_get("purge", PACKAGE)


def test_installed_app_passes_its_self_test_on_the_shipped_settings_template(installed, tmp_path):
    result = run_installed(["--self-test"], tmp_path / "home", SOFTPHONE_HOME=str(tmp_path / "profile"))
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"] is True
    assert summary["steps"]["settings"]["ok"], summary["steps"]["settings"]


def test_installed_app_checks_the_shipped_settings_template_as_valid(installed, tmp_path):
    result = run_installed(["--check-config"], tmp_path / "home", SOFTPHONE_HOME=str(tmp_path / "profile"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(SYSTEM_FILE) in result.stdout


def test_installed_app_writes_a_diagnostics_bundle(installed, tmp_path):
    bundle = tmp_path / "diagnostics.zip"
    result = run_installed(["--diagnostics", str(bundle)], tmp_path / "home", SOFTPHONE_HOME=str(tmp_path / "profile"))
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    with zipfile.ZipFile(bundle) as archive:
        assert "manifest.json" in archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["version"]["frozen"] is True


def test_desktop_entry_registers_the_sip_sips_and_tel_url_handlers(installed, tmp_path):
    require_tools("xdg-mime", "desktop-file-validate", packages="xdg-utils desktop-file-utils")
    desktop_file = Path("/usr/share/applications/softphone.desktop")
    validation = subprocess.run(["desktop-file-validate", str(desktop_file)], capture_output=True, text=True)
    assert validation.returncode == 0, validation.stdout + validation.stderr
    # A scratch user with no mimeapps.list of its own: the answer comes from the system database
    # that the package's postinst (or the desktop-file-utils trigger) updated.
    home = tmp_path / "user"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
    }
    for scheme in ("sip", "sips", "tel"):
        query = subprocess.run(
            ["xdg-mime", "query", "default", f"x-scheme-handler/{scheme}"], capture_output=True, text=True, env=env
        )
        assert query.stdout.strip() == "softphone.desktop", (scheme, query.stdout, query.stderr)


def test_headset_udev_rule_is_installed_where_udev_reads_it(installed):
    assert Path("/" + UDEV_RULE).read_bytes() == UDEV_RULE_SOURCE.read_bytes()


def test_upgrade_keeps_the_settings_it_edited(installed):
    edited = SYSTEM_FILE.read_text().replace('# domain = ""', 'domain = "hospital.example"', 1)
    assert 'domain = "hospital.example"' in edited
    SYSTEM_FILE.write_text(edited)

    apt_get("install", str(installed.newer))

    assert installed_version() == installed.newer_version
    assert SYSTEM_FILE.read_text() == edited
    assert not SYSTEM_FILE.with_name("settings.toml.dpkg-dist").exists()


def test_purge_removes_the_app_its_launcher_and_its_system_settings(installed):
    apt_get("purge", PACKAGE)

    assert installed_version() is None
    for path in ("/opt/softphone", INSTALLED_COMMAND, "/usr/share/applications/softphone.desktop", "/etc/softphone",
                 "/" + UDEV_RULE):
        assert not os.path.lexists(path), f"{path} is left after purge"
    cache = Path("/usr/share/applications/mimeinfo.cache")
    assert not cache.exists() or "softphone.desktop" not in cache.read_text()
