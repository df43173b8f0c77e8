"""Themes (QSS in ``resources/themes``) and translations (``resources/translations/*.qm``).

``ui.theme = "system"`` follows the desktop's light/dark scheme; ``ui.language = "system"``
follows the OS locale. A missing file falls back to Qt's defaults (English, native style) rather
than failing start-up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QTranslator, Qt
from PySide6.QtWidgets import QApplication

from softphone.resources_path import resource

log = logging.getLogger(__name__)

THEMES = ("light", "dark", "high-contrast")
LANGUAGES = ("en", "es")


def resolve_theme(app: QApplication, theme: str) -> str:
    if theme in THEMES:
        return theme
    hints = app.styleHints()
    if hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def apply_theme(app: QApplication, theme: str) -> str:
    name = resolve_theme(app, theme)
    path = resource("themes", f"{name}.qss")
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError:
        log.warning("theme file missing: %s", path)
        app.setStyleSheet("")
    app.setProperty("softphoneTheme", name)
    return name


def resolve_language(language: str) -> str:
    if language in LANGUAGES:
        return language
    code = QLocale.system().name().split("_", 1)[0]
    return code if code in LANGUAGES else "en"


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Load ``softphone_<lang>.qm``; English is the source language and needs no file."""
    code = resolve_language(language)
    previous = getattr(app, "_softphone_translator", None)
    if previous is not None:
        app.removeTranslator(previous)
        app._softphone_translator = None
    if code == "en":
        return None
    translator = QTranslator(app)
    path = resource("translations", f"softphone_{code}.qm")
    if not translator.load(str(path)):
        log.warning("translation missing: %s", path)
        return None
    app.installTranslator(translator)
    app._softphone_translator = translator
    return translator
