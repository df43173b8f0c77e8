"""Logging for the whole app: a rotating file in the user log folder, warnings on stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from softphone.logs.phi_redaction import PhiRedactingFormatter, PhiRegistry

LOG_FILE_NAME = "softphone.log"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

# One registry for the process: whatever any part of the app has shown is masked in every handler.
phi_registry = PhiRegistry()


def configure_logging(
    log_dir: Path,
    *,
    level: str = "INFO",
    max_file_bytes: int = 5_000_000,
    backup_count: int = 5,
    console_level: str = "WARNING",
) -> Path:
    """Install our handlers on the root logger (idempotent: re-running replaces them)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE_NAME
    formatter = PhiRedactingFormatter(_FORMAT, phi_registry)

    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=max_file_bytes, backupCount=backup_count, encoding="utf-8"
    )
    file_handler.setFormatter(formatter)
    file_handler.setLevel(level)
    file_handler.set_name("softphone-file")

    console = logging.StreamHandler()
    console.setFormatter(formatter)
    console.setLevel(console_level)
    console.set_name("softphone-console")

    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() in {"softphone-file", "softphone-console"}:
            root.removeHandler(handler)
            handler.close()
    root.addHandler(file_handler)
    root.addHandler(console)
    root.setLevel(min(logging.getLevelName(level), logging.getLevelName(console_level)))
    return log_file
