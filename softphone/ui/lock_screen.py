"""The page that replaces the patient panel, notes and recent calls while the desktop is locked.

Three faces: "checking" (reading the keyring at start), "setup" (choose the unlock passphrase,
twice) and "locked" (enter it). The call area beside it stays usable: calls keep ringing and can
be answered while locked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from softphone.ui.widgets import plain_label


class LockScreen(QFrame):
    unlock_requested = Signal(str)
    setup_requested = Signal(str, str)
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAccessibleName(self.tr("Locked"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.mode = "checking"

        self.title = plain_label("", "lock_title", self.tr("Lock status"))
        self.title.setProperty("role", "section-title")
        self.explanation = plain_label("", "lock_explanation", self.tr("Lock explanation"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("lock_passphrase")
        self.passphrase_edit.setAccessibleName(self.tr("Unlock passphrase"))
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setMaxLength(256)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("lock_passphrase_confirm")
        self.confirm_edit.setAccessibleName(self.tr("Unlock passphrase again"))
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setMaxLength(256)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("lock_unlock_button")
        self.unlock_button.setAccessibleName(self.tr("Unlock the patient panel and notes"))
        self.setup_button = QPushButton(self.tr("Save passphrase"))
        self.setup_button.setObjectName("lock_setup_button")
        self.setup_button.setAccessibleName(self.tr("Save the unlock passphrase"))
        self.skip_button = QPushButton(self.tr("Not now (demo data only)"))
        self.skip_button.setObjectName("lock_skip_button")
        self.skip_button.setAccessibleName(self.tr("Skip auto-lock in the demo"))
        self.status = plain_label("", "lock_status", self.tr("Unlock status"))
        self.status.setProperty("role", "error")

        form = QFormLayout()
        self.passphrase_caption = plain_label(self.tr("Passphrase"), "lock_passphrase_caption", wrap=False)
        self.confirm_caption = plain_label(self.tr("Again"), "lock_confirm_caption", wrap=False)
        form.addRow(self.passphrase_caption, self.passphrase_edit)
        form.addRow(self.confirm_caption, self.confirm_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.setup_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.unlock_button.clicked.connect(self._unlock)
        self.setup_button.clicked.connect(self._setup)
        self.skip_button.clicked.connect(self.skip_requested)
        self.passphrase_edit.returnPressed.connect(self._return_pressed)
        self.confirm_edit.returnPressed.connect(self._setup)
        self.show_checking()

    # ------------------------------------------------------------------ faces

    def show_checking(self) -> None:
        self._face("checking", self.tr("Starting…"), self.tr("Checking the screen-lock settings."))

    def show_setup(self, *, can_skip: bool) -> None:
        self._face(
            "setup",
            self.tr("Choose an unlock passphrase"),
            self.tr("The patient panel and notes lock when you are away. Choose a passphrase or PIN "
                    "(at least 6 characters) to unlock them; it is kept hashed in your keyring."),
        )
        self.skip_button.setVisible(can_skip)

    def show_locked(self) -> None:
        self._face(
            "locked",
            self.tr("Locked"),
            self.tr("The patient panel and notes are hidden. Calls still ring and can be answered. "
                    "Enter your passphrase to unlock."),
        )

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase_edit, self.confirm_edit, self.unlock_button, self.setup_button):
            widget.setEnabled(not busy)

    # ------------------------------------------------------------------ internals

    def _face(self, mode: str, title: str, explanation: str) -> None:
        self.mode = mode
        self.title.setText(title)
        self.explanation.setText(explanation)
        self.passphrase_edit.clear()
        self.confirm_edit.clear()
        self.status.setText("")
        entering = mode in ("setup", "locked")
        self.passphrase_edit.setVisible(entering)
        self.passphrase_caption.setVisible(entering)
        self.confirm_edit.setVisible(mode == "setup")
        self.confirm_caption.setVisible(mode == "setup")
        self.unlock_button.setVisible(mode == "locked")
        self.setup_button.setVisible(mode == "setup")
        self.skip_button.setVisible(False)
        self.set_busy(False)
        if entering:
            self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _return_pressed(self) -> None:
        if self.mode == "locked":
            self._unlock()
        elif self.mode == "setup":
            self.confirm_edit.setFocus()

    def _unlock(self) -> None:
        if self.mode == "locked" and self.passphrase_edit.text():
            self.unlock_requested.emit(self.passphrase_edit.text())

    def _setup(self) -> None:
        if self.mode == "setup":
            self.setup_requested.emit(self.passphrase_edit.text(), self.confirm_edit.text())
