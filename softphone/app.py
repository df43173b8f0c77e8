"""Composition root: settings, services, then the Qt window. ``softphone`` without options runs this."""

from __future__ import annotations

import logging
import sys

from softphone.config.loader import SettingsError
from softphone.credentials import CredentialStoreError
from softphone.profile import Profile, load_effective_settings, open_profile
from softphone.storage.errors import StorageError

log = logging.getLogger(__name__)

EXIT_BAD_CONFIG = 2
EXIT_CANNOT_START = 1


def run_app(*, force_demo: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Softphone")
    app.setOrganizationName("Softphone")

    try:
        loaded = load_effective_settings()
    except SettingsError as error:
        _report_startup_error(
            "The settings provisioned for this computer are invalid. Ask IT to correct them:",
            error.problems,
        )
        return EXIT_BAD_CONFIG
    try:
        profile = open_profile(loaded, force_demo=force_demo)
    except (CredentialStoreError, StorageError) as error:
        _report_startup_error("The softphone cannot open its secure storage:", [str(error)])
        return EXIT_CANNOT_START
    return _run_main_window(app, profile)


def _run_main_window(app, profile: Profile) -> int:
    from softphone.ui.main_window import MainWindow

    window = MainWindow(demo=profile.demo, notices=profile.notices)
    window.show()
    try:
        return app.exec()
    finally:
        profile.close()


def _report_startup_error(summary: str, details: list[str]) -> None:
    from PySide6.QtGui import QGuiApplication

    from softphone.ui.startup_error import build_startup_error_dialog

    print(summary, file=sys.stderr)
    for line in details:
        print(f"  {line}", file=sys.stderr)
    # With no screen (offscreen, a service account) nobody could click the dialog away.
    if QGuiApplication.platformName() != "offscreen":
        build_startup_error_dialog("Softphone cannot start", summary, details).exec()
