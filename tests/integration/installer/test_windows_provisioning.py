"""What the MSI writes to HKLM\\Software\\Softphone\\Provisioning becomes the IT settings layer.

Windows cannot run here: a dictionary stands in for the registry (the only fake in these tests);
the documents are then validated by the real settings loader, as the app will.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import tomli_w

from softphone.config.loader import load_settings
from softphone.config.windows_provisioning import (
    PROVISIONING_KEY,
    ProvisioningError,
    merge_into_system_document,
    registry_provisioning,
)

# Every value the MSI writes, as `msiexec ... SIP_SERVER=... LOCKED=...` leaves them.
MSI_VALUES_UNSET = {name: "" for name in (
    "sip.servers", "sip.domain", "sip.transport", "storage.database_url", "ehr.fhir_base_url", "policy.locked",
)}


class FakeRegistry:
    def __init__(self, values: Mapping[str, object]):
        self._values = dict(values)
        self.read_keys: list[str] = []

    def values(self, key_path: str) -> Mapping[str, object]:
        self.read_keys.append(key_path)
        return self._values


def load_system_layer(tmp_path, document):
    system_file = tmp_path / "system.toml"
    system_file.write_bytes(tomli_w.dumps(document).encode())
    return load_settings(system_file, tmp_path / "user.toml")


def test_msi_properties_become_validated_settings_and_locks(tmp_path):
    registry = FakeRegistry(MSI_VALUES_UNSET | {
        "sip.servers": "pbx1.hospital.example:5061, pbx2.hospital.example,[2001:db8::5]:5062",
        "sip.transport": "tls",
        "policy.locked": "sip.servers;sip.transport",
    })
    document = registry_provisioning(registry)
    assert registry.read_keys == [PROVISIONING_KEY]

    loaded = load_system_layer(tmp_path, document)
    servers = [(server.host, server.port) for server in loaded.settings.sip.servers]
    assert servers == [("pbx1.hospital.example", 5061), ("pbx2.hospital.example", None), ("[2001:db8::5]", 5062)]
    assert loaded.settings.sip.transport == "tls"
    assert loaded.locked_keys == {"sip.servers", "sip.transport"}


def test_unset_properties_provision_nothing():
    assert registry_provisioning(FakeRegistry(MSI_VALUES_UNSET)) == {}
    assert registry_provisioning(FakeRegistry({})) == {}


def test_any_setting_can_be_provisioned_by_policy_with_text_or_dword_values(tmp_path):
    registry = FakeRegistry({
        "sip.register_expiry_s": 600,  # REG_DWORD
        "sip.ice": "true",
        "sip.stun_servers": "stun1.example:3478,stun2.example:3478",
        "ehr.timeout_s": "5.5",
    })
    settings = load_system_layer(tmp_path, registry_provisioning(registry)).settings
    assert settings.sip.register_expiry_s == 600
    assert settings.sip.ice is True
    assert settings.sip.stun_servers == ("stun1.example:3478", "stun2.example:3478")
    assert settings.ehr.timeout_s == 5.5


def test_registry_values_override_the_programdata_file_and_locks_are_united(tmp_path):
    file_document = {
        "sip": {"domain": "old.example", "transport": "udp"},
        "ui": {"theme": "dark"},
        "policy": {"locked": ["ui.theme"]},
    }
    registry = FakeRegistry({"sip.domain": "hospital.example", "policy.locked": "sip.domain,ui.theme"})
    merged = merge_into_system_document(file_document, registry_provisioning(registry))

    loaded = load_system_layer(tmp_path, merged)
    assert loaded.settings.sip.domain == "hospital.example"
    assert loaded.settings.sip.transport == "udp"
    assert loaded.settings.ui.theme == "dark"
    assert loaded.locked_keys == {"ui.theme", "sip.domain"}
    assert file_document["sip"]["domain"] == "old.example", "the file's document is not modified"


def test_misspelt_or_malformed_values_are_named_for_it():
    registry = FakeRegistry({"sip.server": "pbx.example", "sip.servers": "pbx.example:sip"})
    with pytest.raises(ProvisioningError) as error:
        registry_provisioning(registry)
    assert error.value.problems == [
        r"HKLM\Software\Softphone\Provisioning: sip.server: unknown setting",
        r"HKLM\Software\Softphone\Provisioning: sip.servers: 'pbx.example:sip' is not host or host:port (got 'pbx.example:sip')",
    ]


def test_a_bad_value_is_reported_by_the_loader_with_the_key(tmp_path):
    document = registry_provisioning(FakeRegistry({"sip.transport": "fax"}))
    with pytest.raises(Exception) as error:
        load_system_layer(tmp_path, document)
    assert "sip.transport" in str(error.value)


def test_off_windows_without_a_reader_nothing_is_read():
    assert registry_provisioning() == {}
