"""The window's parts without SIP: patient-panel states, keyboard, accessibility, themes, languages,
settings. (The call states driven by real SIP events are in tests/integration/ui.)"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from softphone.agent import AgentState, CallPhase, CallView, Direction
from softphone.config.loader import load_settings
from softphone.patients.model import (
    Allergy,
    ContextSection,
    DirectoryProblem,
    LookupState,
    PatientCandidate,
    PatientContext,
    ScreenPopResult,
)
from softphone.patients.screen_pop import ScreenPop
from softphone.ui.appearance import THEMES, apply_theme, install_translator
from softphone.ui.event_bridge import EventBridge
from softphone.ui.main_window import MainWindow
from softphone.ui.settings_dialog import SettingsController, SettingsDialog

HOSTILE_NAME = '<b>Dr</b> <img src="http://evil.example/x.png"> \u202eevil\u202c ' + "A" * 10_000


@pytest.fixture
def window(qtbot):
    window = MainWindow(demo=True, dispositions=("Advice given", "Other"), break_reasons=("Lunch",))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def call(phase=CallPhase.TALKING, name="Ann", **kw) -> CallView:
    return CallView("call-1", Direction.INCOMING, phase, "sip:+1555@x", name, False, 0.0,
                    connected_at=0.0 if phase is not CallPhase.RINGING else None, **kw)


def test_hostile_10kb_display_name_is_plain_and_truncated_everywhere(window):
    window.show_calls([call(CallPhase.RINGING, HOSTILE_NAME)], call(CallPhase.RINGING, HOSTILE_NAME))
    text = window.caller_label.text()
    assert text.startswith("<b>Dr</b> <img") and text.endswith("…") and len(text) <= 80
    assert "\u202e" not in text and window.caller_label.textFormat() == Qt.TextFormat.PlainText


def candidate(pid: str, name: str) -> PatientCandidate:
    return PatientCandidate(pid, name, date(1950, 1, 2), 76, "female", "MRN1", matched_on_old_number=pid == "p2")


def test_patient_panel_states(window, qtbot):
    panel = window.patient_view
    window.show_patient_loading()
    assert panel.state == "loading"

    context = PatientContext(
        "p1", "<i>Ann</i> Lee", date(1950, 1, 2), 76, "female", "MRN1", "Spanish",
        (Allergy("Penicillin", "high", ("rash",), "medication"),), (), (), (), (), (),
        unavailable_sections=(ContextSection.MEDICATIONS,),
    )
    window.show_screen_pop(ScreenPop("call-1", ScreenPopResult(LookupState.FOUND), context, LookupState.FOUND))
    assert panel.state == "found" and panel.name_label.text() == "<i>Ann</i> Lee"
    assert panel.fields["allergies"].text() == "Penicillin — high"
    assert panel.fields["conditions"].text() == "none recorded"
    assert panel.fields["medications"].text().startswith("not available")  # never "none" when it failed

    multiple = ScreenPopResult(LookupState.MULTIPLE, (candidate("p1", "Ann Lee"), candidate("p2", "Bo Lee")))
    window.show_screen_pop(ScreenPop("call-1", multiple))
    assert panel.state == "multiple" and panel.pick_list.count() == 2
    assert "old number" in panel.pick_list.item(1).text()
    with qtbot.waitSignal(panel.patient_chosen) as chosen:
        panel.pick_list.setCurrentRow(1)
        panel.pick_button.click()
    assert chosen.args == ["p2"]

    window.show_screen_pop(ScreenPop("call-1", ScreenPopResult(LookupState.NOT_FOUND)))
    assert panel.state == "not_found"
    panel.family_edit.setText("Lee")
    panel.dob_edit.setDate(panel.dob_edit.date().fromString("1950-01-02", "yyyy-MM-dd"))
    with qtbot.waitSignal(panel.search_requested) as searched:
        panel.search_button.click()
    assert searched.args == ["Lee", "", date(1950, 1, 2)]

    window.show_screen_pop(ScreenPop("call-1", ScreenPopResult(LookupState.UNAVAILABLE, problem=DirectoryProblem.TIMEOUT)))
    assert panel.state == "unavailable" and "not answering" in panel.problem_label.text()
    window.show_screen_pop(ScreenPop("call-1", ScreenPopResult(LookupState.INVALID_RESPONSE, problem=DirectoryProblem.NOT_JSON)))
    assert panel.state == "invalid_response"


def test_every_control_has_an_accessible_name_and_labels_are_plain(window):
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QLineEdit, QComboBox, QListWidget, QPlainTextEdit)):
            if widget.objectName().startswith("qt_") or not widget.objectName():
                continue
            assert widget.accessibleName(), widget.objectName()
    for label in window.findChildren(QLabel):
        if label.objectName() and not label.objectName().startswith("qt_"):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_keyboard_shortcuts_drive_the_call(window, qtbot):
    window.show_calls([call(CallPhase.RINGING)], call(CallPhase.RINGING))
    with qtbot.waitSignal(window.answer_requested) as answered:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert answered.args == ["call-1"]
    with qtbot.waitSignal(window.decline_requested):
        qtbot.keyClick(window, Qt.Key.Key_F8)  # ringing: F8 declines
    window.show_calls([call()], call())
    for key, signal in ((Qt.Key.Key_F6, window.hold_toggled), (Qt.Key.Key_F7, window.mute_toggled),
                        (Qt.Key.Key_F8, window.hangup_requested), (Qt.Key.Key_F9, window.escalate_requested)):
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.keyClick(window, key)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.dial_edit.hasFocus()
    window.show_calls([], None)
    assert not window.escalate_button.isEnabled() and not window.escalating  # call over: reset


def test_wrap_up_needs_a_disposition_and_shows_overdue(window, qtbot):
    window.show_agent(AgentState.WRAP_UP, None, 42)
    assert window.wrap_up_frame.isVisible() and "00:42" in window.wrap_up_label.text()
    assert not window.disposition_button.isEnabled()
    window.show_wrap_up_remaining(-5)
    assert "overdue" in window.wrap_up_label.text() and window.wrap_up_label.property("overdue") is True
    window.disposition_combo.setCurrentIndex(2)
    with qtbot.waitSignal(window.disposition_chosen) as chosen:
        window.disposition_button.click()
    assert chosen.args == ["Other"]
    window.show_agent(AgentState.BREAK, "Lunch")
    assert window.agent_state_label.text() == "Break: Lunch" and window.available_button.isEnabled()


@pytest.mark.parametrize("theme", THEMES)
def test_themes_load_and_render(window, qapp, theme):
    assert apply_theme(qapp, theme) == theme
    assert "escalate_button" in qapp.styleSheet()
    window.show_calls([call()], call())
    assert not window.grab().isNull()
    qapp.setStyleSheet("")


def test_spanish_translation_is_shipped_and_used(qapp, qtbot):
    translator = install_translator(qapp, "es")
    try:
        assert translator is not None
        window = MainWindow(demo=True)
        qtbot.addWidget(window)
        assert window.escalate_button.text() == "Escalar"
        assert window.answer_button.text() == "Contestar"
        assert QCoreApplication.translate("DesktopPresenter", "Registered") == "Registrado"
    finally:
        install_translator(qapp, "en")


def test_settings_dialog_shows_locked_keys_read_only_and_saves_off_the_gui_thread(qtbot, system_file, user_file):
    system_file.write_text('[sip]\ndomain = "hospital.example"\n[policy]\nlocked = ["sip.domain"]\n')
    user_file.write_text('[sip]\nusername = "ann"\n')
    loaded = load_settings(system_file, user_file)

    class Profile:
        pass

    profile = Profile()
    profile.loaded = loaded
    profile.credentials = None
    window = MainWindow(demo=True)
    qtbot.addWidget(window)
    controller = SettingsController(window, profile, bridge := EventBridge(), audio_devices=lambda: ["USB Headset"])
    from softphone.ui.desktop import GuiTask

    bridge.subscribe(lambda event: event.run() if isinstance(event, GuiTask) else None)
    dialog = controller.open()
    assert isinstance(dialog, SettingsDialog)
    assert not dialog.domain_edit.isEnabled() and "Locked by IT" == dialog.domain_edit.accessibleDescription()
    assert dialog.user_edit.isEnabled()
    assert dialog.device_combos["audio.microphone"].findData("USB Headset") >= 0
    dialog.user_edit.setText("bob")
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert dialog.changes() == {"sip.username": "bob", "ui.theme": "dark"}
    thread = controller.save(dialog)
    qtbot.waitUntil(lambda: profile.loaded is not loaded, timeout=5000)
    thread.join(5)
    assert profile.loaded.settings.sip.username == "bob" and profile.loaded.settings.ui.theme == "dark"
    assert 'username = "bob"' in user_file.read_text()
