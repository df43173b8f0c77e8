"""IT provisioning on Windows from the registry: HKLM\\Software\\Softphone\\Provisioning.

The MSI's public properties (``msiexec /i softphone.msi /qn SIP_SERVER=... LOCKED=...``) land
there, one string value per setting, named by the setting's dotted key (``sip.servers``,
``policy.locked``); Group Policy Preferences or Intune can write the same values. This module
turns them into a document shaped like the system TOML file, so the loader validates both alike
and its errors can name the registry value.

Precedence inside the IT layer: the registry values are applied over
``%ProgramData%\\Softphone\\settings.toml`` key by key (what IT set at install or by policy wins),
and ``policy.locked`` is the union of both. An empty value means "not provisioned": the MSI
writes every value, empty when its property was not given.

Value syntax (strings, as msiexec passes them):
- ``sip.servers``: ``host[:port]`` entries separated by commas, IPv6 in brackets
  (``pbx1.example:5061,pbx2.example,[2001:db8::1]:5061``);
- list settings (``sip.stun_servers``) and ``policy.locked``: comma- or semicolon-separated;
- everything else: the value as text, converted and checked by the settings model
  (``"300"`` for a number, ``"true"``/``"false"`` for a switch); REG_DWORD numbers work too.

Windows only at run time; tests inject a fake ``RegistryReader``.
"""

from __future__ import annotations

import re
import sys
import typing
from collections.abc import Mapping
from typing import Any, Protocol

from softphone.config.model import Settings, all_setting_keys

PROVISIONING_KEY = r"Software\Softphone\Provisioning"
REGISTRY_SOURCE = rf"HKLM\{PROVISIONING_KEY}"
POLICY_LOCKED = "policy.locked"

_LIST_SEPARATORS = re.compile(r"[,;]")
_SERVER = re.compile(r"^(?P<host>\[[^\]]+\]|[^:\[\]]+)(?::(?P<port>\d+))?$")


class ProvisioningError(ValueError):
    """A registry value cannot be a setting. ``problems``: one "where: key: problem" line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class RegistryReader(Protocol):
    def values(self, key_path: str) -> Mapping[str, object]:
        """Every value of HKLM\\``key_path`` by name; empty when the key does not exist."""


class WinregReader:
    """The real registry, 64-bit view (the MSI is x64 and writes there)."""

    def values(self, key_path: str) -> Mapping[str, object]:
        import winreg  # Windows only

        try:
            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
        except FileNotFoundError:
            return {}
        found: dict[str, object] = {}
        with key:
            index = 0
            while True:
                try:
                    name, value, _kind = winreg.EnumValue(key, index)
                except OSError:  # ERROR_NO_MORE_ITEMS
                    return found
                found[name] = value
                index += 1


def registry_provisioning(reader: RegistryReader | None = None) -> dict[str, dict[str, Any]]:
    """The provisioned values as a TOML-shaped document (``{"sip": {...}, "policy": {...}}``)."""
    if reader is None:
        if sys.platform != "win32":
            return {}
        reader = WinregReader()
    known = set(all_setting_keys())
    document: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for name, raw in sorted(reader.values(PROVISIONING_KEY).items()):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # the MSI writes every value; empty means not provisioned
        if name != POLICY_LOCKED and name not in known:
            problems.append(f"{REGISTRY_SOURCE}: {name}: unknown setting")
            continue
        try:
            value = _parse(name, raw)
        except ValueError as error:
            problems.append(f"{REGISTRY_SOURCE}: {name}: {error} (got {raw!r})")
            continue
        section, key = name.split(".", 1)
        document.setdefault(section, {})[key] = value
    if problems:
        raise ProvisioningError(problems)
    return document


def merge_into_system_document(file_document: dict[str, Any], registry_document: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The system layer: the %ProgramData% file with the registry values over it, locks united."""
    merged: dict[str, Any] = {section: dict(table) if isinstance(table, dict) else table for section, table in file_document.items()}
    for section, table in registry_document.items():
        target = merged.setdefault(section, {})
        if not isinstance(target, dict):
            continue  # the file's own error ("must be a table") is reported by the loader
        if section == "policy":
            existing = target.get("locked", [])
            if isinstance(existing, list):  # else the loader reports the file's malformed value
                target["locked"] = existing + [key for key in table["locked"] if key not in existing]
        else:
            target.update(table)
    return merged


def _parse(name: str, raw: object) -> Any:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, list):  # REG_MULTI_SZ
        raw = ",".join(str(item) for item in raw)
    text = str(raw).strip()
    if name == "sip.servers":
        return [_server(entry) for entry in _split(text)]
    if name == POLICY_LOCKED or _is_list_setting(name):
        return _split(text)
    return text


def _server(entry: str) -> dict[str, Any]:
    match = _SERVER.match(entry)
    if match is None:
        raise ValueError(f"{entry!r} is not host or host:port")
    server: dict[str, Any] = {"host": match["host"]}
    if match["port"]:
        server["port"] = int(match["port"])
    return server


def _split(text: str) -> list[str]:
    return [item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip()]


def _is_list_setting(name: str) -> bool:
    section, key = name.split(".", 1)
    annotation = Settings.model_fields[section].annotation.model_fields[key].annotation
    return typing.get_origin(annotation) is tuple
