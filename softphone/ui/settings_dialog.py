"""The settings dialog: account, servers, transport, audio devices, theme, language.

Audio: one combo per role (microphone, headset speaker, ringer) listing the devices the audio
layer enumerated on a worker thread (by description, remembered by name), a level meter fed by a
timer polling the running headset path's peaks, and a microphone test (record 3 s, play them
back) that runs ``softphone.audio.mic_test.MicTest`` on a worker thread.

Keys IT locked are shown read-only with a note. Saving goes through ``save_user_settings`` on a
worker thread; the outcome comes back through the EventBridge. The SIP password is a secret: it
goes to the keyring (also off the GUI thread), never into the settings file.

Account edits apply without a restart: the same worker reads the account the saved settings
describe (``softphone.sip.account_reapply.read_account_change``) and ``AccountReapplier`` swaps the
engine's account on the SIP thread (at once, or when the last call ends); ``install_account_reapply``
shows its steps. In the embedded demo the account is the built-in switchboard's: its fields are
shown read-only (with a note) and nothing is re-applied.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from softphone.config.loader import LoadedSettings, SettingsError, save_user_settings
from softphone.credentials import SecretName
from softphone.ui.widgets import plain_label

# The fields that make the SIP account (what ``account_config_from_settings`` reads).
ACCOUNT_KEYS = ("sip.username", "sip.domain", "sip.servers", "sip.transport")

log = logging.getLogger(__name__)

# The audio layer's hook: a callable returning the devices it can open: plain names (offered for
# every role) or objects with ``name``, ``description`` and ``direction`` ("capture"/"playback")
# such as ``softphone.audio.device_catalog.AudioDevice``.
AudioDeviceLister = Callable[[], Sequence[Any]]
# Mic and speaker peaks (0..1) of the running headset path, for the level meter.
LevelSource = Callable[[], tuple[float, float]]


def _device_entries(devices: Sequence[Any], direction: str) -> list[tuple[str, str]]:
    """(text, name) pairs for one role's combo."""
    entries = []
    for device in devices:
        if isinstance(device, str):
            entries.append((device, device))
        elif getattr(device, "direction", direction) == direction:
            entries.append((device.description, device.name))
    return entries


def _default_audio_devices() -> Sequence[str]:
    """No list: only "System default". The app passes the names the audio layer enumerated on a
    worker thread at start-up (enumerating devices can take longer than the GUI may block)."""
    return []


def _servers_text(servers) -> str:
    return "\n".join(f"{s.host}:{s.port}" if s.port else s.host for s in servers)


def parse_servers(text: str) -> list[dict[str, Any]]:
    servers = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        host, _, port = line.rpartition(":") if line.count(":") == 1 else (line, "", "")
        entry: dict[str, Any] = {"host": host or line}
        if port:
            entry["port"] = int(port)  # ValueError -> shown to the agent
        servers.append(entry)
    return servers


class SettingsDialog(QDialog):
    def __init__(self, loaded: LoadedSettings, parent: QWidget | None = None,
                 audio_devices: AudioDeviceLister = _default_audio_devices,
                 levels: LevelSource | None = None, *, account_editable: bool = True):
        super().__init__(parent)
        # False in the embedded demo: the account is the loopback switchboard's, not the agent's.
        self.account_editable = account_editable
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.loaded = loaded
        s = loaded.settings
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()

        def add(key: str, label: str, editor: QWidget) -> None:
            editor.setObjectName(key.replace(".", "_"))
            editor.setAccessibleName(label)
            if loaded.is_locked(key):
                editor.setEnabled(False)
                editor.setToolTip(self.tr("Set by IT; cannot be changed here."))
                editor.setAccessibleDescription(self.tr("Locked by IT"))
                label = label + " " + self.tr("(locked by IT)")
            elif not account_editable and key in ACCOUNT_KEYS:
                self._demo_read_only(editor)
                label = label + " " + self.tr("(demo)")
            self.editors[key] = editor
            form.addRow(label, editor)

        self.user_edit = QLineEdit(s.sip.username)
        add("sip.username", self.tr("User"), self.user_edit)
        self.domain_edit = QLineEdit(s.sip.domain)
        add("sip.domain", self.tr("Domain"), self.domain_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setObjectName("sip_password")
        self.password_edit.setAccessibleName(self.tr("SIP password (kept in the OS keyring)"))
        self.password_edit.setPlaceholderText(self.tr("unchanged"))
        if not account_editable:
            self._demo_read_only(self.password_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.servers_edit = QPlainTextEdit(_servers_text(s.sip.servers))
        self.servers_edit.setTabChangesFocus(True)
        self.servers_edit.setMaximumHeight(80)
        add("sip.servers", self.tr("Servers (host:port, one per line)"), self.servers_edit)
        self.transport_combo = QComboBox()
        for value in ("tls", "tcp", "udp"):
            self.transport_combo.addItem(value.upper(), value)
        self.transport_combo.setCurrentIndex(self.transport_combo.findData(s.sip.transport))
        add("sip.transport", self.tr("Transport"), self.transport_combo)

        devices = list(audio_devices())
        self.device_combos: dict[str, QComboBox] = {}
        for key, label, direction in (("audio.microphone", self.tr("Microphone"), "capture"),
                                      ("audio.speaker", self.tr("Headset speaker"), "playback"),
                                      ("audio.ringer", self.tr("Ringer"), "playback")):
            combo = QComboBox()
            combo.addItem(self.tr("System default"), "")
            for text, name in _device_entries(devices, direction):
                combo.addItem(text, name)
            current = getattr(s.audio, key.split(".")[1])
            if current and combo.findData(current) < 0:
                combo.addItem(current, current)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            self.device_combos[key] = combo
            add(key, label, combo)

        from softphone.audio.echo import unavailable_reason  # no pjsua2 call: a symbol lookup

        self.voice_checks: dict[str, QCheckBox] = {}
        echo_missing = unavailable_reason()
        for key, label in (("audio.echo_cancellation", self.tr("Echo cancellation")),
                           ("audio.noise_suppression", self.tr("Noise suppression (with echo cancellation)"))):
            check = QCheckBox()
            check.setChecked(bool(getattr(s.audio, key.split(".")[1])))
            add(key, label, check)
            if echo_missing:
                check.setEnabled(False)
                check.setToolTip(self.tr("Not available on this computer: %1").replace("%1", echo_missing))
            self.voice_checks[key] = check

        self._levels = levels
        self.mic_meter = QProgressBar()
        self.mic_meter.setObjectName("mic_level")
        self.mic_meter.setAccessibleName(self.tr("Microphone level"))
        self.mic_meter.setRange(0, 100)
        self.mic_meter.setTextVisible(False)
        self.mic_test_button = QPushButton(self.tr("Test microphone"))
        self.mic_test_button.setObjectName("mic_test")
        self.mic_test_button.setToolTip(self.tr("Records 3 seconds, then plays them back on the headset speaker"))
        self.mic_test_button.clicked.connect(self.start_mic_test)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.mic_meter, 1)
        meter_row.addWidget(self.mic_test_button)
        form.addRow(self.tr("Microphone level"), meter_row)
        self.mic_test = None
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(50)
        self._meter_timer.timeout.connect(self._update_meter)
        self._meter_timer.start()

        self.theme_combo = QComboBox()
        for value, text in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark")), ("high-contrast", self.tr("High contrast"))):
            self.theme_combo.addItem(text, value)
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(s.ui.theme))
        add("ui.theme", self.tr("Theme"), self.theme_combo)
        self.language_combo = QComboBox()
        for value, text in (("system", self.tr("Follow the system")), ("en", "English"), ("es", "Español")):
            self.language_combo.addItem(text, value)
        self.language_combo.setCurrentIndex(self.language_combo.findData(s.ui.language))
        add("ui.language", self.tr("Language"), self.language_combo)

        self.status = plain_label("", "settings_status", self.tr("Settings status"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _demo_read_only(self, editor: QWidget) -> None:
        editor.setEnabled(False)
        editor.setToolTip(self.tr("The demo's own account on its built-in switchboard: not editable in the demo."))
        editor.setAccessibleDescription(self.tr("Demo account, read-only"))

    # ------------------------------------------------------------------ level meter and mic test

    def start_mic_test(self) -> threading.Thread:
        from softphone.audio.mic_test import MicTest

        if self.mic_test is not None:
            self.mic_test.cancel()
        test = MicTest(self.device_combos["audio.microphone"].currentData() or "",
                       self.device_combos["audio.speaker"].currentData() or "")
        self.mic_test = test
        self.mic_test_button.setEnabled(False)
        self.status.setText(self.tr("Speak now: recording 3 seconds…"))
        thread = threading.Thread(target=test.run, name="mic-test", daemon=True)
        thread.start()
        return thread

    def _update_meter(self) -> None:
        test = self.mic_test
        if test is not None:
            self.mic_meter.setValue(int(100 * test.level))
            if test.phase == "playing":
                self.status.setText(self.tr("Playing back what the microphone heard…"))
            elif test.phase in ("done", "failed"):
                self.mic_test = None
                self.mic_test_button.setEnabled(True)
                if test.phase == "failed":
                    self.status.setText(self.tr("The microphone test failed: %1").replace("%1", test.error or ""))
                elif test.max_level < 0.01:
                    self.status.setText(self.tr("The microphone test heard only silence. Check the mute switch."))
                else:
                    self.status.setText(self.tr("Microphone test finished."))
        elif self._levels is not None:
            try:
                mic, _speaker = self._levels()
            except Exception:  # noqa: BLE001 - the meter is cosmetic
                mic = 0.0
            self.mic_meter.setValue(int(100 * mic))

    def done(self, result: int) -> None:  # noqa: D102 - QDialog.done: stop the meter and any test
        self._meter_timer.stop()
        if self.mic_test is not None:
            self.mic_test.cancel()
        super().done(result)

    def changes(self) -> dict[str, Any]:
        """The unlocked keys whose value differs from the loaded settings."""
        s = self.loaded.settings
        candidate: dict[str, Any] = {
            "sip.username": self.user_edit.text().strip(),
            "sip.domain": self.domain_edit.text().strip(),
            "sip.servers": parse_servers(self.servers_edit.toPlainText()),
            "sip.transport": self.transport_combo.currentData(),
            "ui.theme": self.theme_combo.currentData(),
            "ui.language": self.language_combo.currentData(),
        }
        for key, combo in self.device_combos.items():
            candidate[key] = combo.currentData()
        for key, check in self.voice_checks.items():
            candidate[key] = check.isChecked()
        current: dict[str, Any] = {
            "sip.username": s.sip.username,
            "sip.domain": s.sip.domain,
            "sip.servers": [s_.model_dump(exclude_none=True) for s_ in s.sip.servers],
            "sip.transport": s.sip.transport,
            "ui.theme": s.ui.theme,
            "ui.language": s.ui.language,
            "audio.microphone": s.audio.microphone,
            "audio.speaker": s.audio.speaker,
            "audio.ringer": s.audio.ringer,
            "audio.echo_cancellation": s.audio.echo_cancellation,
            "audio.noise_suppression": s.audio.noise_suppression,
        }
        return {k: v for k, v in candidate.items() if v != current[k] and not self.loaded.is_locked(k)
                and (self.account_editable or k not in ACCOUNT_KEYS)}


class SettingsController:
    """Opens the dialog and saves off the GUI thread."""

    def __init__(self, window, profile, bridge, on_saved: Callable[[LoadedSettings], None] | None = None,
                 audio_devices: AudioDeviceLister = _default_audio_devices, levels: LevelSource | None = None):
        self.audio_devices = audio_devices
        self.levels = levels
        self.window = window
        self.profile = profile
        self.bridge = bridge
        self.on_saved = on_saved
        self.dialog: SettingsDialog | None = None
        # softphone.sip.account_reapply.AccountReapplier (install_account_reapply): account edits
        # re-register at once. None (the demo, tests of the dialog alone): nothing is re-applied.
        self.account_reapplier = None
        self.demo = bool(getattr(profile, "demo", False))

    def open(self) -> SettingsDialog:
        dialog = SettingsDialog(self.profile.loaded, self.window, self.audio_devices, self.levels,
                                account_editable=not self.demo)
        dialog.buttons.accepted.connect(lambda: self.save(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def save(self, dialog: SettingsDialog) -> threading.Thread | None:
        from softphone.ui.desktop import GuiTask

        try:
            changes = dialog.changes()
        except ValueError:
            dialog.status.setText(QCoreApplication.translate("SettingsDialog", "A server port is not a number."))
            return None
        password = dialog.password_edit.text() if dialog.account_editable else ""
        user = changes.get("sip.username", self.profile.loaded.settings.sip.username)
        domain = changes.get("sip.domain", self.profile.loaded.settings.sip.domain)
        dialog.buttons.setEnabled(False)
        dialog.status.setText(QCoreApplication.translate("SettingsDialog", "Saving…"))
        loaded, credentials = self.profile.loaded, self.profile.credentials
        reapplier = self.account_reapplier if not self.demo else None

        def work() -> None:
            try:
                result = save_user_settings(loaded, changes) if changes else loaded
                if password:
                    credentials.set(SecretName.sip_password(user, domain), password)
                change = _account_change(result, credentials) if reapplier is not None else None
                self.bridge.publish(GuiTask(lambda: self._saved(dialog, result, change)))
            except SettingsError as error:
                problems = list(error.problems)
                self.bridge.publish(GuiTask(lambda: self._failed(dialog, problems)))
            except Exception as error:  # noqa: BLE001 - disk full, keyring locked...
                text = f"{type(error).__name__}"
                self.bridge.publish(GuiTask(lambda: self._failed(dialog, [text])))

        thread = threading.Thread(target=work, name="settings-save", daemon=True)
        thread.start()
        return thread

    def _saved(self, dialog: SettingsDialog, loaded: LoadedSettings, change=None) -> None:
        self.profile.loaded = loaded
        dialog.buttons.setEnabled(True)
        dialog.status.setText(QCoreApplication.translate("SettingsDialog", "Saved."))
        self.window.show_notice(QCoreApplication.translate("SettingsDialog", "Settings saved."))
        if self.on_saved is not None:
            self.on_saved(loaded)
        if change is not None and self.account_reapplier is not None:
            # Never waits: the comparison and the swap run on the SIP thread (account_reapply).
            self.account_reapplier.request(change)
        dialog.accept()

    def _failed(self, dialog: SettingsDialog, problems: list[str]) -> None:
        dialog.buttons.setEnabled(True)
        dialog.status.setText("\n".join(problems)[:500])


def _account_change(loaded: LoadedSettings, credentials):
    """Worker thread: the account the saved settings describe (reads the keyring), or None when it
    cannot be read (the settings are saved; the running account stays)."""
    from softphone.sip.account_reapply import read_account_change

    try:
        return read_account_change(loaded.settings.sip, credentials)
    except Exception as error:  # noqa: BLE001 - a locked keyring: keep the running account
        log.warning("account not re-applied: %s", type(error).__name__)
        return None


def install_account_reapply(settings_controller: SettingsController, window, controller, bridge, engine):
    """Account edits from the settings dialog re-register at once (softphone.sip.account_reapply):
    the steps are shown on the GUI thread, the status bar follows the new account (``controller``
    is the ``CallController``, whose ``account_id`` then names it). ``engine()`` returns the running
    ``SipEngine`` or None. Returns the reapplier: call its ``started(account_id)`` once telephony
    has settled (None when it could not add the account)."""
    from softphone.sip.account_reapply import AccountReapplier
    from softphone.ui.desktop import GuiTask

    def show(outcome) -> None:
        show_reapply_outcome(window, controller, outcome)

    reapplier = AccountReapplier(engine, lambda outcome: bridge.publish(GuiTask(lambda: show(outcome))))
    settings_controller.account_reapplier = reapplier
    return reapplier


def show_reapply_outcome(window, controller, outcome) -> None:
    """GUI thread: one step of an account change, told to the agent."""
    from softphone.sip.account_reapply import ReapplyStep

    translate = QCoreApplication.translate
    step = outcome.step
    if step is ReapplyStep.DEFERRED:
        window.show_notice(translate("SettingsDialog", "Account changes will apply when this call ends."))
    elif step is ReapplyStep.STARTING:
        window.show_notice(translate("SettingsDialog", "Account changes will apply once telephony has started."))
    elif step is ReapplyStep.NOT_RUNNING:
        window.show_notice(translate("SettingsDialog", "Telephony is not running: account changes apply at the next start."))
    elif step is ReapplyStep.APPLYING:
        # From now on the status bar shows the new account's registration (the old one's is gone).
        controller.account_id = outcome.account_id
        window.show_registration(translate("DesktopPresenter", "Registering…"), False)
        window.show_notice(translate("SettingsDialog", "Account changed: registering with the new settings."))
    elif step is ReapplyStep.FAILED:
        reason = outcome.reason or translate("SettingsDialog", "unknown error")
        window.show_registration(translate("DesktopPresenter", "Not registered: %1").replace("%1", reason), False)
        window.show_notice(translate("SettingsDialog", "The new account could not be used: %1. Open Settings to correct it.")
                           .replace("%1", reason))
