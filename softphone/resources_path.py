"""Where the ``resources/`` folder (icons, sounds, translations, demo data) is at run time.

In a checkout it sits at the repository root, beside the ``softphone`` package. In the frozen app
(PyInstaller one-folder build) the spec ships it as data next to the bundled code, under
``sys._MEIPASS``. Callers ask here instead of climbing ``__file__``'s parents, which only works
in a checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_DIR_NAME = "resources"


def resources_dir() -> Path:
    """The ``resources/`` folder of this installation (``SOFTPHONE_RESOURCES`` overrides it)."""
    override = os.environ.get("SOFTPHONE_RESOURCES")
    if override:
        return Path(override)
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root is not None:
        return Path(bundle_root) / RESOURCES_DIR_NAME
    return Path(__file__).resolve().parent.parent / RESOURCES_DIR_NAME


def resource(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource("demo", "patients.json")``."""
    return resources_dir().joinpath(*parts)
