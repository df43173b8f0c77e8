"""The Windows installer's tables, checked on Linux: the MSI is built with wixl (msitools) around a
placeholder payload and read back with msiinfo. The real payload is built on Windows
(.github/workflows/windows-msi.yml), which also installs it; here we check what IT relies on:
silent-provisioning properties, URL handlers, the Start-menu shortcut and the major upgrade.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from softphone import __version__
from softphone.config.model import all_setting_keys
from softphone.config.windows_provisioning import POLICY_LOCKED, PROVISIONING_KEY
from tests.conftest import REPO_ROOT
from tests.integration.installer.installer_builds import require_tools, run_script

pytestmark = pytest.mark.integration

UPGRADE_CODE = "{6D2F8C1E-3B4A-4E59-9C7D-2A1F0B8E5C43}"
HKLM = "2"
PROVISIONING_PROPERTIES = {
    "SIP_SERVER": "sip.servers",
    "SIP_DOMAIN": "sip.domain",
    "SIP_TRANSPORT": "sip.transport",
    "DATABASE_URL": "storage.database_url",
    "FHIR_BASE_URL": "ehr.fhir_base_url",
    "LOCKED": POLICY_LOCKED,
}
APP_SEARCH_SEQUENCE = 50


@pytest.fixture(scope="module")
def msi(tmp_path_factory) -> Path:
    require_tools("wixl", "wixl-heat", "msiinfo", "msibuild", packages="wixl msitools")
    out = tmp_path_factory.mktemp("msi")
    result = run_script([REPO_ROOT / "installer" / "windows" / "build-placeholder-msi.sh", out])
    return Path(result.stdout.strip().splitlines()[-1])


def table(msi: Path, name: str) -> list[dict[str, str]]:
    exported = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True)
    lines = exported.stdout.split("\r\n") if "\r\n" in exported.stdout else exported.stdout.split("\n")
    columns = lines[0].split("\t")
    # Line 2 holds the column types, line 3 the table name and its keys.
    return [dict(zip(columns, line.split("\t"))) for line in lines[3:] if line]


def properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in table(msi, "Property")}


def test_per_machine_x64_product_with_the_stable_upgrade_code(msi):
    props = properties(msi)
    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["ProductVersion"] == __version__
    assert props["ALLUSERS"] == "1"
    summary = subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True).stdout
    assert "Template: x64;1033" in summary


def test_provisioning_properties_are_secure_and_written_to_the_registry_under_setting_names(msi):
    secure = properties(msi)["SecureCustomProperties"].split(";")
    assert set(PROVISIONING_PROPERTIES) <= set(secure)
    written = {
        row["Value"]: row["Name"]
        for row in table(msi, "Registry")
        if row["Root"] == HKLM and row["Key"].rstrip("\\") == PROVISIONING_KEY
    }
    assert written == {f"[{prop}]": name for prop, name in PROVISIONING_PROPERTIES.items()}
    # The names are the settings the app reads (softphone.config.windows_provisioning).
    assert set(written.values()) <= set(all_setting_keys()) | {POLICY_LOCKED}


def test_provisioning_is_remembered_across_upgrades_unless_given_again(msi):
    searches = {row["Signature_"]: row for row in table(msi, "RegLocator")}
    found_in = {row["Property"]: searches[row["Signature_"]] for row in table(msi, "AppSearch")}
    for prop, name in PROVISIONING_PROPERTIES.items():
        assert found_in[prop]["Key"] == PROVISIONING_KEY and found_in[prop]["Name"] == name
        assert found_in[prop]["Root"] == HKLM

    actions = {row["Action"]: row for row in table(msi, "CustomAction")}
    for sequence_table in ("InstallExecuteSequence", "InstallUISequence"):
        sequence = {row["Action"]: row for row in table(msi, sequence_table)}
        assert int(sequence["AppSearch"]["Sequence"]) == APP_SEARCH_SEQUENCE
        for prop in PROVISIONING_PROPERTIES:
            save, restore = sequence[f"Save{_camel(prop)}"], sequence[f"Restore{_camel(prop)}"]
            # Save the command-line value before AppSearch overwrites it with the remembered one,
            # put it back right after, and before anything is installed.
            assert int(save["Sequence"]) < APP_SEARCH_SEQUENCE < int(restore["Sequence"]) < int(sequence["LaunchConditions"]["Sequence"])
            assert restore["Condition"] == f"CMDLINE_{prop}"
            assert actions[f"Save{_camel(prop)}"]["Source"] == f"CMDLINE_{prop}"
            assert actions[f"Save{_camel(prop)}"]["Target"] == f"[{prop}]"
            assert actions[f"Restore{_camel(prop)}"]["Target"] == f"[CMDLINE_{prop}]"


def test_sip_sips_and_tel_open_the_installed_softphone(msi):
    registry = table(msi, "Registry")
    for scheme in ("sip", "sips", "tel"):
        values = {
            (row["Key"].rstrip("\\"), row["Name"]): row["Value"]
            for row in registry
            if row["Root"] == HKLM and row["Key"].startswith(f"Software\\Classes\\{scheme}\\")
        }
        assert values[(f"Software\\Classes\\{scheme}", "URL Protocol")] == ""
        assert values[(f"Software\\Classes\\{scheme}\\shell\\open\\command", "")] == '"[INSTALLDIR]softphone.exe" "%1"'
        capability = [row for row in registry if row["Key"] == "Software\\Softphone\\Capabilities\\URLAssociations" and row["Name"] == scheme]
        assert capability and capability[0]["Value"] == "Softphone.Url"


def test_start_menu_shortcut_targets_the_gui_executable(msi):
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Name"] == "Softphone"
    assert shortcut["Target"] == "[INSTALLDIR]softphone.exe"
    files = {row["FileName"] for row in table(msi, "File")}
    assert {"softphone.exe", "softphone-cli.exe"} <= files
    directories = {row["Directory"]: row for row in table(msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"


def test_major_upgrade_replaces_older_versions_and_refuses_downgrades(msi):
    upgrades = {row["ActionProperty"]: row for row in table(msi, "Upgrade")}
    older = upgrades["WIX_UPGRADE_DETECTED"]
    assert older["UpgradeCode"] == UPGRADE_CODE and older["VersionMax"] == __version__
    assert int(older["Attributes"]) & 0x100  # msidbUpgradeAttributesVersionMinInclusive
    newer = upgrades["WIX_DOWNGRADE_DETECTED"]
    assert int(newer["Attributes"]) & 0x2  # msidbUpgradeAttributesOnlyDetect
    assert "NOT WIX_DOWNGRADE_DETECTED" in {row["Condition"] for row in table(msi, "LaunchCondition")}
    sequence = {row["Action"]: int(row["Sequence"]) for row in table(msi, "InstallExecuteSequence")}
    assert sequence["InstallInitialize"] < sequence["RemoveExistingProducts"] < sequence["InstallFiles"]


def test_uninstall_leaves_programdata_settings_and_user_data_alone(msi):
    directories = {row["Directory"] for row in table(msi, "Directory")}
    assert not directories & {"CommonAppDataFolder", "LocalAppDataFolder", "AppDataFolder"}
    assert table(msi, "RemoveFile") == []


def _camel(prop: str) -> str:
    return "".join(part.capitalize() for part in prop.split("_"))  # SIP_SERVER -> SipServer
