"""The theme and language read before the settings are validated (issue 5): the same layering as the
loader for these two keys, and nothing it does not understand."""

from __future__ import annotations

import typing

from softphone.config.appearance_hint import LANGUAGES, THEMES, AppearanceHint, appearance_hint
from softphone.config.loader import load_settings
from softphone.config.model import UiSettings


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_the_hint_knows_the_same_choices_as_the_settings_model():
    assert set(THEMES) == set(typing.get_args(UiSettings.model_fields["theme"].annotation))
    assert set(LANGUAGES) == set(typing.get_args(UiSettings.model_fields["language"].annotation))


def test_no_files_means_the_defaults(tmp_path):
    assert appearance_hint(tmp_path / "none.toml", tmp_path / "neither.toml") == AppearanceHint("system", "system")


def test_user_file_over_system_file_as_the_loader_does(tmp_path):
    system = write(tmp_path / "system.toml", '[ui]\ntheme = "dark"\nlanguage = "en"\n')
    user = write(tmp_path / "user.toml", '[ui]\nlanguage = "es"\n')
    hint = appearance_hint(system, user)
    assert hint == AppearanceHint(theme="dark", language="es")
    settings = load_settings(system, user).settings
    assert (settings.ui.theme, settings.ui.language) == (hint.theme, hint.language)


def test_a_key_it_locks_keeps_the_system_value(tmp_path):
    system = write(tmp_path / "system.toml", '[ui]\nlanguage = "es"\n[policy]\nlocked = ["ui.language"]\n')
    user = write(tmp_path / "user.toml", '[ui]\nlanguage = "en"\ntheme = "high-contrast"\n')
    hint = appearance_hint(system, user)
    assert hint == AppearanceHint(theme="high-contrast", language="es")
    settings = load_settings(system, user).settings
    assert (settings.ui.theme, settings.ui.language) == (hint.theme, hint.language)


def test_a_user_value_it_does_not_understand_falls_back_to_the_default_as_the_loader_does(tmp_path):
    system = write(tmp_path / "system.toml", '[ui]\ntheme = "light"\nlanguage = "es"\n')
    user = write(tmp_path / "user.toml", '[ui]\ntheme = "<b>neon</b>"\nlanguage = 7\n')
    hint = appearance_hint(system, user)
    assert hint == AppearanceHint(theme="system", language="system")
    settings = load_settings(system, user).settings  # the user's bad values are dropped with a warning
    assert (settings.ui.theme, settings.ui.language) == (hint.theme, hint.language)


def test_an_unreadable_file_is_no_hint_rather_than_an_error(tmp_path):
    broken = write(tmp_path / "broken.toml", "[ui\ntheme = ")
    assert appearance_hint(broken, tmp_path / "none.toml") == AppearanceHint()
    assert appearance_hint(tmp_path, tmp_path / "none.toml") == AppearanceHint()  # a folder, not a file


def test_the_first_choice_is_the_models_default():
    assert THEMES[0] == UiSettings().theme and LANGUAGES[0] == UiSettings().language
