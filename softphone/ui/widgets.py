"""Small widget factories shared by the window's parts: every label plain text, every control named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy


def plain_label(text: str, name: str, accessible: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label that never interprets markup (caller names, EHR fields are untrusted)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName(name)
    label.setAccessibleName(accessible or name.replace("_", " "))
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def action_button(text: str, name: str, accessible: str, shortcut_hint: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    if shortcut_hint:
        button.setToolTip(f"{accessible} ({shortcut_hint})")
        button.setAccessibleDescription(shortcut_hint)
    else:
        button.setToolTip(accessible)
    button.setMinimumHeight(44)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
