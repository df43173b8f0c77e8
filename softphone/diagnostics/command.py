"""``softphone --diagnostics PATH``: gather the bundle for this agent's profile, print where it is."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from softphone.config.loader import SettingsError, load_settings
from softphone.config.paths import system_config_file, user_paths
from softphone.diagnostics.audio_inventory import audio_inventory
from softphone.diagnostics.bundle import write_diagnostics_bundle
from softphone.diagnostics.known_phi import phi_from_local_profile
from softphone.diagnostics.settings_report import invalid_settings_report, settings_report
from softphone.storage.database import DATABASE_FILE_NAME

EXIT_OK = 0
EXIT_FAILED = 1


def run_diagnostics(destination: str, out: TextIO, err: TextIO) -> int:
    paths = user_paths()
    uses_shared_database = False
    try:
        loaded = load_settings(system_config_file(), paths.settings_file)
        settings = settings_report(loaded)
        uses_shared_database = bool(loaded.settings.storage.database_url)
    except SettingsError as error:
        # A broken provisioning file is a common reason to ask for diagnostics: report it.
        settings = invalid_settings_report(error.problems)
    known_phi = phi_from_local_profile(paths.data_dir / DATABASE_FILE_NAME, uses_shared_database)
    try:
        summary = write_diagnostics_bundle(
            Path(destination).expanduser().resolve(),
            log_dir=paths.log_dir,
            settings=settings,
            known_phi=known_phi,
            audio=audio_inventory,
        )
    except OSError as error:
        print(f"Cannot write the diagnostics bundle {destination}: {error.strerror or error}", file=err)
        return EXIT_FAILED
    print(f"Diagnostics written to {summary.path} ({len(summary.files)} files, patient data redacted).", file=out)
    for name in summary.skipped:
        print(f"  not included: {name}", file=out)
    return EXIT_OK
