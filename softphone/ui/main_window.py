"""The agent's main window: call area, side panel (patient context, notes) and the Escalate button.

Thin by design: it shows state it is given and turns clicks into commands; it never calls pjsip,
the network or the disk itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from softphone import APP_NAME
from softphone.ui.plain_text import display_text


def _plain_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName(name)
    label.setAccessibleName(name.replace("_", " "))
    label.setWordWrap(True)
    return label


class MainWindow(QMainWindow):
    def __init__(self, *, demo: bool, notices: list[str] | None = None):
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle(f"{APP_NAME} — demo" if demo else APP_NAME)
        self.resize(1000, 640)

        self.caller_label = _plain_label(self.tr("No call"), "caller_identity")
        self.caller_label.setStyleSheet("font-size: 20pt;")
        self.call_state_label = _plain_label(self.tr("Waiting for calls"), "call_state")
        call_area = QVBoxLayout()
        call_area.addWidget(self.caller_label)
        call_area.addWidget(self.call_state_label)
        call_area.addStretch(1)

        self.escalate_button = QPushButton(self.tr("Escalate"))
        self.escalate_button.setObjectName("escalate_button")
        self.escalate_button.setAccessibleName(self.tr("Escalate to on-call clinician"))
        self.escalate_button.setMinimumHeight(72)
        self.escalate_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.escalate_button.setStyleSheet(
            "QPushButton { background: #c62828; color: white; font-size: 18pt; font-weight: bold; }"
            "QPushButton:disabled { background: #e6a5a5; }"
        )
        # Enabled only while a call is up: there is nobody to conference in otherwise.
        self.escalate_button.setEnabled(False)
        call_area.addWidget(self.escalate_button)

        self.patient_panel = _plain_label(self.tr("Patient context appears here during a call."), "patient_panel")
        self.notes_panel = _plain_label(self.tr("Call notes appear here during a call."), "notes_panel")
        side_panel = QVBoxLayout()
        for panel in (self.patient_panel, self.notes_panel):
            panel.setFrameShape(QFrame.Shape.StyledPanel)
            panel.setAlignment(Qt.AlignmentFlag.AlignTop)
            side_panel.addWidget(panel, 1)

        zones = QHBoxLayout()
        zones.addLayout(call_area, 3)
        zones.addLayout(side_panel, 2)
        central = QWidget()
        central.setLayout(zones)
        self.setCentralWidget(central)

        self.registration_label = _plain_label(
            self.tr("Demo switchboard (no PBX configured)") if demo else self.tr("Not registered"), "registration_state"
        )
        self.agent_state_label = _plain_label(self.tr("Available"), "agent_state")
        self.notice_label = _plain_label(display_text(" · ".join(notices or []), 200), "notices")
        self.statusBar().addWidget(self.registration_label, 1)
        self.statusBar().addWidget(self.notice_label, 2)
        self.statusBar().addPermanentWidget(self.agent_state_label)
