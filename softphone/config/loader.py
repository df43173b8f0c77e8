"""Layered settings: built-in defaults < system file (IT) < user file, with IT-locked keys.

Each value remembers the file it came from, so a validation error can name the file, the key and
the problem. A broken system file stops the app (the call centre's provisioning is wrong and IT must
know); a broken or locked key in the user file is dropped with a warning, so one bad edit by an agent
never keeps them from taking calls.
"""

from __future__ import annotations

import logging
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from softphone.config.model import Settings, all_setting_keys
from softphone.config.windows_provisioning import (
    REGISTRY_SOURCE,
    ProvisioningError,
    RegistryReader,
    merge_into_system_document,
    registry_provisioning,
)

log = logging.getLogger(__name__)

BUILT_IN = "built-in defaults"
POLICY_SECTION = "policy"


class SettingsError(Exception):
    """A settings file is invalid. ``problems`` holds one "file: key: problem" line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    locked_keys: frozenset[str]
    # Where each explicitly set key came from (absent: built-in default): a file, or on Windows
    # the registry key the MSI and Group Policy write (REGISTRY_SOURCE).
    sources: dict[str, Path | str]
    warnings: list[str] = field(default_factory=list)
    system_file: Path | None = None
    user_file: Path | None = None

    def is_locked(self, key: str) -> bool:
        return key in self.locked_keys


def load_settings(system_file: Path, user_file: Path, *, registry: RegistryReader | None = None) -> LoadedSettings:
    """Read, merge and validate both layers. Raises SettingsError for a broken system layer.

    On Windows the IT layer is the %ProgramData% file with the registry provisioning over it
    (``registry`` lets tests inject a reader; elsewhere there is no registry).
    """
    known_keys = set(all_setting_keys())
    warnings: list[str] = []

    try:
        registry_doc = registry_provisioning(registry)
    except ProvisioningError as error:
        raise SettingsError(error.problems) from None
    system_doc = merge_into_system_document(_read_toml(system_file), registry_doc)
    locked = _read_locked_keys(system_file, system_doc, known_keys)
    system_values = _flatten(system_file, system_doc, known_keys, allow_policy=True)
    from_registry = {f"{section}.{name}" for section, table in registry_doc.items() for name in table}

    try:
        user_doc = _read_toml(user_file)
        user_values = _flatten(user_file, user_doc, known_keys, allow_policy=False)
    except SettingsError as error:
        warnings.extend(f"{problem} (the user file is ignored)" for problem in error.problems)
        user_values = {}

    for key in sorted(set(user_values) & locked):
        warnings.append(f"{user_file}: {key}: locked by IT in {system_file}; the user value is ignored")
        del user_values[key]

    sources: dict[str, Path | str] = {
        key: REGISTRY_SOURCE if key in from_registry else system_file for key in system_values
    } | {key: user_file for key in user_values}
    merged = system_values | user_values

    try:
        settings = Settings.model_validate(_nest(merged))
    except ValidationError as error:
        problems = _describe(error, sources)
        system_problems = [text for key, text in problems if sources.get(key) in (system_file, REGISTRY_SOURCE)]
        if system_problems:
            raise SettingsError(system_problems) from None
        for key, text in problems:
            warnings.append(f"{text} (the user value is ignored)")
            merged.pop(key, None)
            sources.pop(key, None)
        settings = Settings.model_validate(_nest(merged))

    for text in warnings:
        log.warning("settings: %s", text)
    return LoadedSettings(settings, frozenset(locked), sources, warnings, system_file, user_file)


def save_user_settings(loaded: LoadedSettings, changes: dict[str, Any]) -> LoadedSettings:
    """Write changed keys to the user file atomically and return the reloaded settings.

    Locked keys are refused here, not silently dropped: the settings dialog shows them read-only,
    so an attempt to change one is a bug worth surfacing.
    """
    assert loaded.user_file is not None and loaded.system_file is not None
    refused = sorted(key for key in changes if loaded.is_locked(key))
    if refused:
        raise SettingsError([f"{loaded.user_file}: {key}: locked by IT" for key in refused])
    current = _read_toml(loaded.user_file)
    for key, value in changes.items():
        section, name = key.split(".", 1)
        current.setdefault(section, {})[name] = value
    # Validate before writing so a bad value never reaches the disk.
    known = set(all_setting_keys())
    candidate = _flatten(loaded.user_file, current, known, allow_policy=False)
    try:
        Settings.model_validate(_nest(candidate))
    except ValidationError as error:
        sources: dict[str, Path | str] = {key: loaded.user_file for key in candidate}
        raise SettingsError([text for _key, text in _describe(error, sources)]) from None
    _atomic_write(loaded.user_file, tomli_w.dumps(current).encode())
    return load_settings(loaded.system_file, loaded.user_file)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise SettingsError([f"{path}: cannot be read: {error.strerror}"]) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError([f"{path}: is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError([f"{path}: is not valid TOML: {error}"]) from None


def _read_locked_keys(path: Path, document: dict[str, Any], known_keys: set[str]) -> set[str]:
    policy = document.get(POLICY_SECTION, {})
    if not isinstance(policy, dict):
        raise SettingsError([f"{path}: {POLICY_SECTION}: must be a table"])
    unknown_policy = sorted(set(policy) - {"locked"})
    if unknown_policy:
        raise SettingsError([f"{path}: {POLICY_SECTION}.{name}: unknown key" for name in unknown_policy])
    locked = policy.get("locked", [])
    if not isinstance(locked, list) or not all(isinstance(key, str) for key in locked):
        raise SettingsError([f"{path}: {POLICY_SECTION}.locked: must be a list of setting names"])
    unknown = sorted(set(locked) - known_keys)
    if unknown:
        raise SettingsError([f"{path}: {POLICY_SECTION}.locked: unknown setting {key!r}" for key in unknown])
    return set(locked)


def _flatten(path: Path, document: dict[str, Any], known_keys: set[str], *, allow_policy: bool) -> dict[str, Any]:
    """``{"sip": {"transport": "tls"}}`` -> ``{"sip.transport": "tls"}``, rejecting unknown keys."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for section, table in document.items():
        if section == POLICY_SECTION:
            if not allow_policy:
                problems.append(f"{path}: {POLICY_SECTION}: only the system file may lock settings")
            continue
        if not isinstance(table, dict):
            problems.append(f"{path}: {section}: must be a table ([{section}])")
            continue
        for name, value in table.items():
            key = f"{section}.{name}"
            if key in known_keys:
                values[key] = value
            else:
                problems.append(f"{path}: {key}: unknown setting")
    if problems:
        raise SettingsError(problems)
    return values


def _nest(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        section, name = key.split(".", 1)
        nested.setdefault(section, {})[name] = value
    return nested


def _describe(error: ValidationError, sources: dict[str, Path | str]) -> list[tuple[str, str]]:
    described = []
    for item in error.errors():
        section, setting, *inner = item["loc"]
        key = f"{section}.{setting}"
        # sip.servers[0].port reads better than pydantic's ('sip', 'servers', 0, 'port').
        name = key + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in inner)
        where = sources.get(key, BUILT_IN)
        got = "" if item["type"] == "missing" else f" (got {item['input']!r})"
        described.append((key, f"{where}: {name}: {item['msg']}{got}"))
    return described


def _atomic_write(path: Path, data: bytes) -> None:
    # Write-then-rename so a crash mid-save never leaves a half-written settings file.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
