"""The shipped settings template and the IT documentation follow the settings model."""

from __future__ import annotations

import re
import tomllib

from installer.settings_reference import (
    MEANINGS,
    POLICY_LOCKED_KEY,
    README,
    readme_with_table,
    render_template,
    setting_references,
)
from softphone.config.loader import load_settings
from softphone.config.model import Settings, all_setting_keys

_COMMENTED_SETTING = re.compile(r"^# (\w+ = .*)$", re.MULTILINE)


def test_every_setting_has_a_meaning_for_it():
    missing = [reference.key for reference in setting_references() if not reference.meaning]
    assert missing == [], "describe them in the model (Field(description=...)) or in installer/settings_reference.py MEANINGS"
    assert set(MEANINGS) <= set(all_setting_keys()) | {POLICY_LOCKED_KEY}, "MEANINGS names a setting that is gone"


def test_the_it_readme_lists_every_setting_with_the_current_defaults():
    readme = README.read_text(encoding="utf-8")
    assert readme_with_table(readme) == readme, "run: python -m installer.settings_reference update-readme"
    for key in [*all_setting_keys(), POLICY_LOCKED_KEY]:
        assert f"| `{key}` |" in readme


def test_the_template_as_shipped_sets_nothing(tmp_path):
    system_file = tmp_path / "settings.toml"
    system_file.write_text(render_template())
    loaded = load_settings(system_file, tmp_path / "user.toml")
    assert loaded.sources == {} and loaded.locked_keys == frozenset() and loaded.warnings == []


def test_uncommenting_every_setting_gives_exactly_the_defaults(tmp_path):
    uncommented = _COMMENTED_SETTING.sub(r"\1", render_template())
    document = tomllib.loads(uncommented)
    assert {f"{section}.{key}" for section, table in document.items() for key in table} == (
        set(all_setting_keys()) | {POLICY_LOCKED_KEY}
    )
    system_file = tmp_path / "settings.toml"
    system_file.write_text(uncommented)
    loaded = load_settings(system_file, tmp_path / "user.toml")
    assert loaded.settings == Settings()
    assert loaded.warnings == []
