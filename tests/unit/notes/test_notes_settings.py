"""The provisioned notes and security settings: red-flag table, symptom checklist, idle lock."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from softphone.config.loader import SettingsError, load_settings
from softphone.config.model import DEFAULT_SYMPTOM_CHECKLIST, Settings
from softphone.notes import RedFlagCatalogue, detect_red_flags


def test_defaults_use_the_built_in_red_flags_and_a_checklist():
    settings = Settings()
    assert settings.notes.red_flags == {} and settings.notes.red_flag_phrases() is None
    assert settings.notes.symptom_checklist == DEFAULT_SYMPTOM_CHECKLIST
    assert settings.security.lock_after_idle_s == 300


def test_a_provisioned_table_replaces_the_built_in_list(system_file, user_file):
    system_file.write_text('[notes.red_flags]\nchest_pain = ["elephant on * chest"]\n')
    settings = load_settings(system_file, user_file).settings
    catalogue = RedFlagCatalogue(settings.notes.red_flags)
    assert [flag.reason_code for flag in detect_red_flags("like an elephant on my chest", catalogue)] == ["chest_pain"]
    assert detect_red_flags("crushing chest pain", catalogue) == []


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ('chest_pain = ["* pain"]', "reason 'chest_pain', phrase '* pain'"),
        ('heartburn = ["reflux"]', "reason 'heartburn', phrase 'reflux'"),
        ("stroke_signs = []", "reason 'stroke_signs' has no phrases"),
    ],
)
def test_a_bad_red_flag_names_the_file_key_reason_and_phrase(system_file, user_file, table, named):
    system_file.write_text(f"[notes.red_flags]\n{table}\n")
    with pytest.raises(SettingsError) as raised:
        load_settings(system_file, user_file)
    text = "\n".join(raised.value.problems)
    assert str(system_file) in text and "notes.red_flags" in text and named in text


def test_symptom_codes_and_lock_delay_are_validated():
    with pytest.raises(ValidationError, match="symptom code 'Chest Pain'"):
        Settings.model_validate({"notes": {"symptom_checklist": ["Chest Pain"]}})
    with pytest.raises(ValidationError, match="distinct"):
        Settings.model_validate({"notes": {"symptom_checklist": ["fever", "fever"]}})
    with pytest.raises(ValidationError, match="at least 30"):
        Settings.model_validate({"security": {"lock_after_idle_s": 5}})
    assert Settings.model_validate({"security": {"lock_after_idle_s": 0}}).security.lock_after_idle_s == 0
