"""The settings dialog's account section (issue 5): editable in normal mode, the demo's own and
read-only in the embedded demo (where nothing is re-applied and no password is written)."""

from __future__ import annotations

from dataclasses import dataclass

from softphone.config.loader import load_settings
from softphone.ui.desktop import GuiTask
from softphone.ui.event_bridge import EventBridge
from softphone.ui.main_window import MainWindow
from softphone.ui.settings_dialog import ACCOUNT_KEYS, SettingsController


@dataclass
class Profile:
    loaded: object
    credentials: object
    demo: bool


class RefusingKeyring:
    """Fails the test if the demo tries to store a password."""

    def set(self, name, value):
        raise AssertionError(f"the demo wrote {name} to the keyring")

    def get(self, name):
        raise AssertionError(f"the demo read {name} from the keyring")


def open_dialog(qtbot, tmp_path, demo: bool):
    system_file, user_file = tmp_path / "system.toml", tmp_path / "user.toml"
    system_file.write_text("")
    user_file.write_text('[sip]\nusername = "ann"\ndomain = "hospital.example"\n')
    profile = Profile(load_settings(system_file, user_file), RefusingKeyring(), demo)
    window = MainWindow(demo=demo)
    qtbot.addWidget(window)
    bridge = EventBridge()
    bridge.subscribe(lambda event: event.run() if isinstance(event, GuiTask) else None)
    controller = SettingsController(window, profile, bridge)
    return profile, controller, controller.open(), user_file


def test_in_the_demo_the_account_is_read_only_and_other_settings_still_save(qtbot, tmp_path):
    profile, controller, dialog, user_file = open_dialog(qtbot, tmp_path, demo=True)
    for key in ACCOUNT_KEYS:
        assert not dialog.editors[key].isEnabled(), key
        assert dialog.editors[key].accessibleDescription() == "Demo account, read-only"
    assert not dialog.password_edit.isEnabled()
    # Even if a value were forced into a disabled field, it is not saved in the demo.
    dialog.user_edit.setText("mallory")
    dialog.password_edit.setText("secret")
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert dialog.changes() == {"ui.theme": "dark"}
    thread = controller.save(dialog)
    qtbot.waitUntil(lambda: profile.loaded.settings.ui.theme == "dark", timeout=5000)
    thread.join(5)
    assert profile.loaded.settings.sip.username == "ann"
    assert "mallory" not in user_file.read_text()
    assert controller.account_reapplier is None


def test_outside_the_demo_the_account_fields_are_editable(qtbot, tmp_path):
    _profile, _controller, dialog, _user_file = open_dialog(qtbot, tmp_path, demo=False)
    assert all(dialog.editors[key].isEnabled() for key in ACCOUNT_KEYS)
    assert dialog.password_edit.isEnabled()
    dialog.user_edit.setText("bob")
    assert dialog.changes() == {"sip.username": "bob"}
