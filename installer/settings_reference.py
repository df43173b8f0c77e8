"""Every setting with its default, rule and meaning, generated from the settings model.

Two outputs that must never drift from ``softphone.config.model``:

- the commented system settings template shipped as ``/etc/softphone/settings.toml`` (a Debian
  conffile) and documented for ``%ProgramData%\\Softphone\\settings.toml``;
- the provisioning table of installer/README.md (between the ``settings-table`` markers).

Defaults and rules come from the pydantic model; the one-line meanings from a field's
``description`` when the model gives one, else from ``MEANINGS`` here;
tests/integration/installer/test_settings_reference.py fails when a setting has neither.

    python -m installer.settings_reference template        # the TOML template on stdout
    python -m installer.settings_reference table           # the Markdown table on stdout
    python -m installer.settings_reference update-readme   # rewrite the table in installer/README.md
"""

from __future__ import annotations

import sys
import typing
from dataclasses import dataclass
from pathlib import Path

import annotated_types
import tomli_w

from softphone.config.model import Settings

README = Path(__file__).resolve().parent / "README.md"
TABLE_BEGIN = "<!-- settings-table:begin (generated: python -m installer.settings_reference update-readme) -->"
TABLE_END = "<!-- settings-table:end -->"
POLICY_LOCKED_KEY = "policy.locked"

MEANINGS: dict[str, str] = {
    "audio.fallback_microphone": "microphone to switch to when the headset is unplugged mid-call; empty: the system default",
    "audio.fallback_speaker": "speaker to switch to when the headset is unplugged mid-call; empty: the system default",
    "audio.echo_cancellation": "cancel echo from the speaker in the microphone (Linux only; headsets rarely need it)",
    "audio.noise_suppression": "suppress background noise in the microphone (Linux only)",
    "ehr.auth": "how the softphone signs in to the EHR: none, a bearer token (keyring `fhir-bearer-token`) or SMART Backend Services (key in keyring `fhir-client-key`)",
    "ehr.client_id": "SMART Backend Services client id registered with the EHR",
    "ehr.key_id": "SMART: the `kid` of our signing key in the JWKS the EHR knows; empty: none",
    "ehr.algorithm": "SMART: signing algorithm of the client key",
    "ehr.token_endpoint": "SMART token endpoint; empty: discovered from .well-known/smart-configuration",
    "ehr.scope": "SMART scopes requested; empty: read access to the resources the panel shows",
    "ehr.default_region": "country (ISO 3166) assumed for caller numbers without a country code",
    "ehr.mrn_system": "identifier system of the medical record number; empty: the patient's first identifier",
    "notes.symptom_checklist": "symptom codes offered as check boxes in the call note",
    "security.lock_after_idle_s": "lock the patient panel and notes after this many idle seconds outside calls; 0: never (else at least 30)",
    "supervision.feature_codes": "PBX mode: the codes dialled to listen, whisper or barge (`{agent}` is replaced by the agent's extension)",
    "sip.servers": "PBX registrars in order of preference; empty: no PBX, the app runs the embedded demo",
    "sip.domain": "SIP domain of the agents' accounts (the part after @)",
    "sip.username": "SIP user name of this agent (the password is in the OS keyring)",
    "sip.display_name": "name shown to called parties",
    "sip.transport": "signalling transport to the PBX",
    "sip.outbound_proxy": "SIP URI of an outbound proxy; empty: none",
    "sip.stun_servers": "STUN servers (`host:port`) for NAT traversal",
    "sip.ice": "use ICE for media NAT traversal",
    "sip.register_expiry_s": "REGISTER expiry in seconds",
    "sip.tls_ca_file": "CA bundle that verifies the PBX certificate; empty: the OS trust store",
    "audio.microphone": "capture device name; empty: the OS default",
    "audio.speaker": "playback device name for calls; empty: the OS default",
    "audio.ringer": "playback device for the ring tone; empty: the speaker",
    "audio.jitter_profile": "jitter buffer sizing for the network the agents are on",
    "storage.database_url": "empty: encrypted local file per agent; or `postgresql+psycopg://user@host/db` shared by the call centre (password in the keyring, never here)",
    "ehr.fhir_base_url": "FHIR R4 endpoint of the EHR (https only); empty: no patient context",
    "ehr.timeout_s": "seconds to wait for the EHR before showing the call without context",
    "ui.theme": "colour theme",
    "ui.language": "interface language; system: the OS language",
    "logging.level": "log file level (log files never contain patient data)",
    "logging.max_file_bytes": "size at which the log file rotates",
    "logging.backup_count": "rotated log files kept",
    "agent.dispositions": "disposition codes the agent chooses from to leave wrap-up",
    "agent.wrap_up_s": "seconds of wrap-up before it shows as overdue (a disposition is still required)",
    "agent.break_reasons": "reasons an agent can give for a break",
    "agent.call_waiting": "offer a second incoming call during a call; off: the caller gets busy (486)",
    "agent.initial_state": "the agent's state at the start of the shift",
    "cti.enabled": "local control API for CRM and wallboard integrations (sip:/tel: links work without it)",
    "cti.allowed_commands": "commands a local client may send (e.g. only `status` for a wallboard)",
    POLICY_LOCKED_KEY: "settings agents cannot change in their own file (dotted names, e.g. `\"sip.servers\"`); system file only",
}
EXAMPLES: dict[str, str] = {
    "sip.servers": 'servers = [{ host = "pbx1.hospital.example", port = 5061 }, { host = "pbx2.hospital.example" }]',
    "storage.database_url": 'database_url = "postgresql+psycopg://softphone@db.hospital.example/softphone"',
    "ehr.fhir_base_url": 'fhir_base_url = "https://ehr.hospital.example/fhir"',
    POLICY_LOCKED_KEY: 'locked = ["sip.servers", "sip.domain", "sip.transport", "storage.database_url"]',
}


@dataclass(frozen=True)
class SettingReference:
    key: str  # dotted: "sip.transport"
    default: object  # a TOML-ready value
    rule: str  # "one of: udp, tcp, tls", "30 to 86400", "text"...
    meaning: str
    lockable: bool

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def default_toml(self) -> str:
        return _toml_value(self.name, self.default)


def setting_references() -> list[SettingReference]:
    """Every key of the model, then ``policy.locked``, in the model's order."""
    defaults = Settings().model_dump(mode="json")
    references = []
    for section_name, section_field in Settings.model_fields.items():
        for name, field in section_field.annotation.model_fields.items():
            key = f"{section_name}.{name}"
            references.append(
                SettingReference(
                    key=key,
                    default=defaults[section_name][name],
                    rule=_rule(field.annotation, field.metadata),
                    meaning=field.description or MEANINGS.get(key, ""),
                    # The loader accepts any known key in policy.locked (loader._read_locked_keys).
                    lockable=True,
                )
            )
    references.append(SettingReference(POLICY_LOCKED_KEY, [], "list of setting names", MEANINGS[POLICY_LOCKED_KEY], False))
    return references


def render_template() -> str:
    lines = [
        # No version in the text: a conffile that changes with every release makes dpkg ask IT
        # about it on every upgrade; this one changes only when the settings do.
        "# Softphone system settings, provisioned by IT.",
        "#",
        "# Every setting is listed with its built-in default, commented out: uncomment the ones you",
        "# change. Agents may override a setting in their own file unless it is in [policy] locked.",
        "# Secrets (SIP and database passwords, keys) never go here: they live in the OS keyring.",
        "# Check this file after editing:  softphone --check-config",
    ]
    section = None
    for reference in setting_references():
        if reference.section != section:
            section = reference.section
            lines += ["", f"[{section}]"]
        lines.append(f"# {reference.meaning} ({reference.rule})")
        if reference.key in EXAMPLES:
            lines.append(f"#   e.g. {EXAMPLES[reference.key]}")
        lines.append(f"# {reference.default_toml}")
    return "\n".join(lines) + "\n"


def render_markdown_table() -> str:
    rows = ["| key | default | allowed values | meaning | lockable |", "| --- | --- | --- | --- | --- |"]
    for reference in setting_references():
        default = reference.default_toml.split(" = ", 1)[1]
        rows.append(
            f"| `{reference.key}` | `{default}` | {reference.rule} | {reference.meaning} | "
            f"{'yes' if reference.lockable else 'no'} |"
        )
    return "\n".join(rows) + "\n"


def readme_with_table(readme_text: str) -> str:
    before, begin, rest = readme_text.partition(TABLE_BEGIN)
    _old, end, after = rest.partition(TABLE_END)
    if not begin or not end:
        raise ValueError(f"{README.name} lacks the {TABLE_BEGIN!r} ... {TABLE_END!r} markers")
    return f"{before}{TABLE_BEGIN}\n{render_markdown_table()}{TABLE_END}{after}"


def _toml_value(name: str, value: object) -> str:
    """``name = value`` on one line (tomli_w breaks long arrays over lines, which a one-line
    comment in the template cannot hold)."""
    return f"{name} = {_inline(value)}"


def _inline(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        fields = ", ".join(f"{key} = {_inline(item)}" for key, item in value.items() if item is not None)
        return "{ " + fields + " }" if fields else "{}"
    return tomli_w.dumps({"v": value}).strip().removeprefix("v = ")


def _rule(annotation: object, metadata: list[object]) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        rule = "one of: " + ", ".join(f"`{choice}`" for choice in typing.get_args(annotation))
    elif annotation is bool:
        rule = "`true` or `false`"
    elif annotation is int:
        rule = "whole number"
    elif annotation is float:
        rule = "number"
    elif annotation is str:
        rule = "text"
    elif origin is tuple:
        item = typing.get_args(annotation)[0]
        if hasattr(item, "model_fields"):
            rule = "list of `{ host, port }` tables"
        elif typing.get_origin(item) is typing.Literal:
            rule = "list of: " + ", ".join(f"`{choice}`" for choice in typing.get_args(item))
        else:
            rule = "list of text"
    else:
        rule = str(annotation)
    bounds = []
    for constraint in metadata:
        for attribute, words in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            if isinstance(constraint, getattr(annotated_types, attribute.capitalize())):
                bounds.append(f"{words} {getattr(constraint, attribute):,}".replace(",", " "))
        unit = "items" if origin is tuple else "characters"
        if isinstance(constraint, annotated_types.MinLen):
            bounds.append(f"at least {constraint.min_length} {unit if constraint.min_length != 1 else unit[:-1]}")
        if isinstance(constraint, annotated_types.MaxLen):
            bounds.append(f"at most {constraint.max_length} {unit}")
    return rule + (", " + ", ".join(bounds) if bounds else "")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "template":
        sys.stdout.write(render_template())
    elif command == "table":
        sys.stdout.write(render_markdown_table())
    elif command == "update-readme":
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stderr.write(__doc__.split("\n\n")[-1])
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
