"""The main window's foundation: zones, the Escalate button, untrusted text rendered as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from softphone.ui.main_window import MainWindow
from softphone.ui.plain_text import display_text
from softphone.ui.startup_error import build_startup_error_dialog
from tests.conftest import ARTIFACTS

HOSTILE_NAME = '<b>Dr</b> <img src="http://evil.example/x.png"> \u202eevil\u202c ' + "A" * 10_000


def test_demo_window_shows_zones_and_a_disabled_escalate_button(qtbot):
    window = MainWindow(demo=True, notices=["Demo without an OS keyring: nothing is kept after you quit."])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert "demo" in window.windowTitle()
    escalate = window.findChild(QPushButton, "escalate_button")
    assert escalate is not None and not escalate.isEnabled()
    assert escalate.accessibleName() == "Escalate to on-call clinician"
    for name in ("caller_identity", "call_state", "call_timer", "call_quality", "identity_source", "supervision_badge",
                 "patient_idle", "patient_name", "registration_state", "agent_state", "headset_state", "network_state"):
        label = window.findChild(QLabel, name)
        assert label is not None, name
        assert label.textFormat() == Qt.TextFormat.PlainText, name
    assert "nothing is kept" in window.notice_label.text()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "main-window-idle.png"))


def test_hostile_display_name_is_plain_and_truncated(qtbot):
    window = MainWindow(demo=True)
    qtbot.addWidget(window)
    window.caller_label.setText(display_text(HOSTILE_NAME))
    text = window.caller_label.text()
    assert len(text) <= 80
    assert text.startswith("<b>Dr</b> <img")  # shown literally, not interpreted
    assert "\u202e" not in text and text.endswith("…")
    assert window.caller_label.textFormat() == Qt.TextFormat.PlainText


def test_display_text_collapses_control_characters():
    assert display_text("Ann\x00\nSmith\r\n\tJr") == "Ann Smith Jr"
    assert display_text(None) == ""
    assert display_text("x" * 10, max_chars=5) == "xxxx…"


def test_startup_error_dialog_lists_the_problems_as_plain_text(qtbot):
    dialog = build_startup_error_dialog(
        "Softphone cannot start",
        "The settings provisioned for this computer are invalid.",
        ["/etc/softphone/settings.toml: sip.transport: Input should be 'udp', 'tcp' or 'tls' (got '<b>x</b>')"],
    )
    qtbot.addWidget(dialog)
    assert dialog.textFormat() == Qt.TextFormat.PlainText
    assert "sip.transport" in dialog.text()
    assert "/etc/softphone/settings.toml" in dialog.text()
    assert "(got '<b>x</b>')" in dialog.text()
