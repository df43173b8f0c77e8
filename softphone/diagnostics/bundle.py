"""Assemble the diagnostics zip: every text redacted, written atomically, readable by its owner only."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from softphone.diagnostics.known_phi import KnownPhi
from softphone.diagnostics.log_collection import collect_recent_logs
from softphone.diagnostics.redaction import BundleRedactor
from softphone.diagnostics.registration_history import registration_history
from softphone.diagnostics.system_report import version_report

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BundleSummary:
    path: Path
    files: list[str]
    skipped: list[str]


def write_diagnostics_bundle(
    destination: Path,
    *,
    log_dir: Path,
    settings: dict[str, Any],
    known_phi: KnownPhi,
    audio: Callable[[], dict[str, Any]],
) -> BundleSummary:
    """Write the bundle to ``destination`` (a .zip). ``settings`` comes from settings_report."""
    redactor = BundleRedactor(known_phi.values)
    logs, skipped = collect_recent_logs(log_dir)
    redacted_logs = {log.name: redactor.redact_log(log.text) for log in logs}

    entries: dict[str, str] = {
        "version.json": _json(version_report()),
        "settings.json": _json(settings),
        "audio-devices.json": redactor.redact(_json(audio())),
        "registration-history.txt": "\n".join(registration_history(redacted_logs.values())) + "\n",
    }
    entries.update({f"logs/{name}": text for name, text in redacted_logs.items()})
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": version_report(),
        "files": sorted(entries),
        "truncated_logs": sorted(f"logs/{log.name}" for log in logs if log.truncated),
        "skipped": skipped,
        "redaction": {
            "patterns": "phone numbers, sip:/sips:/tel: URIs, e-mail addresses, dates, URL credentials",
            "known_values": known_phi.source,
        },
    }
    entries[MANIFEST] = _json(manifest)
    _write_zip_atomically(destination, entries)
    return BundleSummary(destination, sorted(entries), skipped)


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n"


def _write_zip_atomically(destination: Path, entries: dict[str, str]) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.")
    try:
        # mkstemp creates the file 0600: diagnostics may still be sensitive (host names, agents'
        # user names) and go only where the person who ran the command sends them.
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in sorted(entries.items()):
                archive.writestr(name, text)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
