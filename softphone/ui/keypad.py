"""The DTMF keypad: buttons and the keyboard's digit keys send tones into the call."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QPushButton, QVBoxLayout

from softphone.ui.widgets import plain_label

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


class KeypadDialog(QDialog):
    digit_pressed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("keypad_dialog")
        self.setWindowTitle(self.tr("Keypad"))
        self.setAccessibleName(self.tr("Keypad: type digits to send tones"))
        self.sent = plain_label("", "keypad_sent", self.tr("Tones sent"), wrap=False)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setObjectName(f"keypad_{'star' if key == '*' else 'hash' if key == '#' else key}")
            button.setAccessibleName(self.tr("Tone %1").replace("%1", key))
            button.setMinimumSize(56, 44)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=key: self._send(k))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[key] = button
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sent)
        layout.addLayout(grid)
        layout.addWidget(close)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        if text and text in KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._send(text)
            return
        super().keyPressEvent(event)

    def _send(self, key: str) -> None:
        self.sent.setText((self.sent.text() + key)[-24:])
        self.digit_pressed.emit(key)
