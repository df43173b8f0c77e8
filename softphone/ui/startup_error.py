"""The dialog shown when the app cannot start (invalid provisioning, no keyring...): never a traceback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def build_startup_error_dialog(title: str, summary: str, details: list[str], parent: QWidget | None = None) -> QMessageBox:
    dialog = QMessageBox(parent)
    dialog.setIcon(QMessageBox.Icon.Critical)
    dialog.setWindowTitle(title)
    # File names and values come from files IT or the agent wrote: plain text only. (QMessageBox's
    # informative text guesses rich text on its own, so everything goes into the main, plain text.)
    dialog.setTextFormat(Qt.TextFormat.PlainText)
    dialog.setText("\n\n".join([summary, *details]))
    dialog.setStandardButtons(QMessageBox.StandardButton.Close)
    dialog.setAccessibleName(title)
    return dialog
