"""Layered settings: defaults < system file < user file, IT locks, errors that name file and key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from softphone.config.loader import SettingsError, load_settings, save_user_settings
from softphone.config.model import Settings, all_setting_keys


def test_defaults_apply_when_no_file_exists(system_file, user_file):
    loaded = load_settings(system_file, user_file)
    assert loaded.settings == Settings()
    assert not loaded.settings.pbx_configured
    assert loaded.locked_keys == frozenset()
    assert loaded.warnings == []


def test_user_file_overrides_system_file_which_overrides_defaults(system_file, user_file):
    system_file.write_text('[sip]\ntransport = "tcp"\ndomain = "hospital.example"\n[ui]\ntheme = "dark"\n')
    user_file.write_text('[ui]\ntheme = "high-contrast"\n')
    loaded = load_settings(system_file, user_file)
    assert loaded.settings.sip.transport == "tcp"
    assert loaded.settings.sip.domain == "hospital.example"
    assert loaded.settings.ui.theme == "high-contrast"
    assert loaded.sources == {"sip.transport": system_file, "sip.domain": system_file, "ui.theme": user_file}


def test_locked_key_in_user_file_is_ignored_with_a_warning(system_file, user_file):
    system_file.write_text('[sip]\ntransport = "tls"\n[policy]\nlocked = ["sip.transport"]\n')
    user_file.write_text('[sip]\ntransport = "udp"\n')
    loaded = load_settings(system_file, user_file)
    assert loaded.settings.sip.transport == "tls"
    assert loaded.is_locked("sip.transport")
    assert len(loaded.warnings) == 1
    assert str(user_file) in loaded.warnings[0] and "sip.transport" in loaded.warnings[0]
    assert "locked by IT" in loaded.warnings[0]


def test_invalid_system_file_names_file_key_and_problem(system_file, user_file):
    system_file.write_text('[sip]\ntransport = "carrier-pigeon"\nservers = [{host = "pbx1.example.org", port = 99999}]\n')
    with pytest.raises(SettingsError) as raised:
        load_settings(system_file, user_file)
    problems = raised.value.problems
    assert any(
        str(system_file) in problem and "sip.transport" in problem and "'carrier-pigeon'" in problem
        for problem in problems
    ), problems
    assert any("sip.servers[0].port" in problem and "65535" in problem for problem in problems), problems


def test_unknown_key_in_system_file_is_an_error_not_silently_ignored(system_file, user_file):
    system_file.write_text('[sip]\ntransprot = "tls"\n')
    with pytest.raises(SettingsError, match=r"sip\.transprot: unknown setting"):
        load_settings(system_file, user_file)


def test_syntax_error_in_system_file_is_reported_with_the_file(system_file, user_file):
    system_file.write_text("[sip\ntransport = ")
    with pytest.raises(SettingsError) as raised:
        load_settings(system_file, user_file)
    assert str(system_file) in str(raised.value) and "not valid TOML" in str(raised.value)


def test_locking_an_unknown_key_is_an_error(system_file, user_file):
    system_file.write_text('[policy]\nlocked = ["sip.nonsense"]\n')
    with pytest.raises(SettingsError, match="unknown setting 'sip.nonsense'"):
        load_settings(system_file, user_file)


def test_invalid_user_value_is_dropped_with_a_warning_and_the_rest_kept(system_file, user_file):
    user_file.write_text('[ui]\ntheme = "pink"\nlanguage = "es"\n')
    loaded = load_settings(system_file, user_file)
    assert loaded.settings.ui.theme == "system"
    assert loaded.settings.ui.language == "es"
    assert any("ui.theme" in warning and "'pink'" in warning for warning in loaded.warnings)


def test_user_file_may_not_lock_keys(system_file, user_file):
    user_file.write_text('[policy]\nlocked = ["sip.transport"]\n[ui]\ntheme = "dark"\n')
    loaded = load_settings(system_file, user_file)
    assert loaded.locked_keys == frozenset()
    assert any("only the system file may lock" in warning for warning in loaded.warnings)


def test_database_url_with_password_is_refused(system_file, user_file):
    system_file.write_text('[storage]\ndatabase_url = "postgresql://agent:hunter2@db.example/softphone"\n')
    with pytest.raises(SettingsError, match="must not contain a password"):
        load_settings(system_file, user_file)


def test_ehr_url_must_be_https(system_file, user_file):
    system_file.write_text('[ehr]\nfhir_base_url = "http://ehr.example/fhir"\n')
    with pytest.raises(SettingsError, match="https"):
        load_settings(system_file, user_file)


def test_save_user_settings_writes_validates_and_refuses_locked_keys(system_file, user_file):
    system_file.write_text('[policy]\nlocked = ["sip.transport"]\n')
    loaded = load_settings(system_file, user_file)
    reloaded = save_user_settings(loaded, {"ui.theme": "dark", "audio.speaker": "Jabra Evolve2 65"})
    assert reloaded.settings.ui.theme == "dark"
    assert reloaded.settings.audio.speaker == "Jabra Evolve2 65"
    with pytest.raises(SettingsError, match="locked by IT"):
        save_user_settings(reloaded, {"sip.transport": "udp"})
    with pytest.raises(SettingsError, match="ui.theme"):
        save_user_settings(reloaded, {"ui.theme": "pink"})
    assert load_settings(system_file, user_file).settings.ui.theme == "dark"


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(all_setting_keys()),
    value=st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.lists(st.integers(), max_size=3)),
)
def test_any_single_system_value_either_loads_or_names_its_key(tmp_path_factory, key, value):
    import tomli_w

    folder = tmp_path_factory.mktemp("prop")
    system, user = folder / "system.toml", folder / "user.toml"
    section, name = key.split(".")
    system.write_text(tomli_w.dumps({section: {name: value}}))
    try:
        loaded = load_settings(system, user)
    except SettingsError as error:
        assert all(str(system) in problem for problem in error.problems)
        assert any(key in problem for problem in error.problems)
    else:
        assert loaded.sources == {key: system}


class _FakeRegistry:
    """Stands in for HKLM on Linux (Windows cannot run here); the values are what the MSI writes."""

    def __init__(self, values):
        self._values = values

    def values(self, key_path):
        assert key_path == r"Software\Softphone\Provisioning"
        return self._values


def test_windows_registry_provisioning_is_part_of_the_it_layer(system_file, user_file):
    system_file.write_text('[sip]\ntransport = "tcp"\ndomain = "file.example"\n')
    user_file.write_text('[sip]\ntransport = "udp"\n')
    registry = _FakeRegistry(
        {"sip.servers": "pbx1.example:5061,pbx2.example", "sip.transport": "tls", "policy.locked": "sip.transport", "ehr.fhir_base_url": ""}
    )
    loaded = load_settings(system_file, user_file, registry=registry)
    assert [(server.host, server.port) for server in loaded.settings.sip.servers] == [("pbx1.example", 5061), ("pbx2.example", None)]
    assert loaded.settings.sip.transport == "tls"  # registry over the file, and locked against the user
    assert loaded.settings.sip.domain == "file.example"
    assert loaded.sources["sip.transport"] == r"HKLM\Software\Softphone\Provisioning"
    assert loaded.sources["sip.domain"] == system_file
    assert any("locked by IT" in warning for warning in loaded.warnings)


def test_a_bad_registry_value_stops_the_app_naming_the_registry_value(system_file, user_file):
    with pytest.raises(SettingsError, match=r"HKLM\\Software\\Softphone\\Provisioning: sip.transport"):
        load_settings(system_file, user_file, registry=_FakeRegistry({"sip.transport": "pigeon"}))
