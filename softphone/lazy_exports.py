"""Package ``__init__`` files that name their public API without importing it (PEP 562).

Why: ``import softphone.patients.model`` runs ``softphone/patients/__init__.py`` first; when that file
imports every submodule, the main window (which needs one small module) would pay for fhir.resources,
httpx and keyring before it can be shown (issue 5, start-up time). With this helper a package lists
``{submodule: names}`` and each name is imported on first use, then cached in the package.

    __all__, __getattr__ = lazy_exports(__name__, {"model": ("Allergy", ...), ...})
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, tuple[str, ...]]) -> tuple[list[str], Callable[[str], Any]]:
    """(``__all__``, a module ``__getattr__``) for ``package`` re-exporting ``exports``."""
    where = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # the next lookup is a plain attribute
        return value

    return sorted(where), __getattr__
