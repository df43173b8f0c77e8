"""The ringing toast: a small always-on-top window (shown even when the main window is minimised)
with the caller's identity and Answer / Decline, plus a system-tray notification where available.

Tray notifications are plain text in every platform implementation we use; the caller's name still
goes through ``display_text`` (bidi overrides, length).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSystemTrayIcon, QVBoxLayout, QWidget

from softphone.agent.calls import CallView
from softphone.ui.plain_text import display_text
from softphone.ui.widgets import plain_label


class IncomingCallToast(QWidget):
    answer_clicked = Signal(str)
    decline_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            parent,
            Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.FramelessWindowHint,
        )
        self.setObjectName("incoming_toast")
        self.setAccessibleName(self.tr("Incoming call"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        self.call_id = ""
        self.title = plain_label(self.tr("Incoming call"), "toast_title", self.tr("Incoming call"), wrap=False)
        self.caller = plain_label("", "toast_caller", self.tr("Caller"))
        self.caller.setProperty("role", "caller")
        self.detail = plain_label("", "toast_detail", self.tr("Caller address"))
        self.answer_button = QPushButton(self.tr("Answer (F5)"))
        self.answer_button.setObjectName("toast_answer_button")
        self.answer_button.setAccessibleName(self.tr("Answer call"))
        self.decline_button = QPushButton(self.tr("Decline (F8)"))
        self.decline_button.setObjectName("toast_decline_button")
        self.decline_button.setAccessibleName(self.tr("Decline call"))
        self.answer_button.clicked.connect(lambda: self.answer_clicked.emit(self.call_id))
        self.decline_button.clicked.connect(lambda: self.decline_clicked.emit(self.call_id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.decline_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.caller)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.setMinimumWidth(320)

    def show_call(self, view: CallView, second_call: bool = False) -> None:
        self.call_id = view.call_id
        self.title.setText(self.tr("Second incoming call") if second_call else self.tr("Incoming call"))
        self.caller.setText(display_text(view.party, 60))
        self.detail.setText(display_text(view.remote_uri, 60) if view.display_name else "")
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 16, area.bottom() - self.height() - 16)
        self.show()
        self.raise_()

    def dismiss(self, call_id: str | None = None) -> None:
        if call_id is None or call_id == self.call_id:
            self.hide()
            self.call_id = ""


class TrayNotifier:
    """The tray icon (when the desktop has one): ringing notifications and restore-on-click."""

    def __init__(self, window: QWidget, icon: QIcon):
        self._window = window
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, window)
            self.tray.setToolTip(window.windowTitle())
            self.tray.activated.connect(self._activated)
            self.tray.show()

    def ringing(self, view: CallView) -> None:
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(
                QCoreApplication.translate("IncomingCallToast", "Incoming call"),
                display_text(view.party, 60),
                QSystemTrayIcon.MessageIcon.Information,
                15_000,
            )

    def _activated(self, _reason) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()
