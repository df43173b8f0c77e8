"""The settings schema: every key the softphone understands, its default and its rules.

IT provisions these keys in the system file; the agent may change the unlocked ones in the user
file. Unknown keys are errors, because a misspelt provisioning key that is silently ignored is a
misconfigured call centre nobody notices. Secrets (SIP passwords, database key, EHR client key)
are not settings: they live in the OS keyring (see ``softphone.credentials``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SipTransport = Literal["udp", "tcp", "tls"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SipServer(_Section):
    host: str = Field(min_length=1, max_length=253)
    port: int | None = Field(default=None, ge=1, le=65535)

    @field_validator("host")
    @classmethod
    def _bare_host(cls, host: str) -> str:
        # IPv6 literals come in brackets; anything else with ':' is a port or a scheme in the wrong place.
        bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        if any(ch.isspace() or ch == "/" for ch in host) or (":" in bare and bare == host):
            raise ValueError("must be a host name or address, without scheme, port, path or spaces")
        return host


class SipSettings(_Section):
    # No servers means "no PBX configured": the app then runs the embedded demo switchboard.
    servers: tuple[SipServer, ...] = ()
    domain: str = ""
    username: str = ""
    display_name: str = Field(default="", max_length=64)
    transport: SipTransport = "tls"
    outbound_proxy: str = ""
    stun_servers: tuple[str, ...] = ()
    ice: bool = False
    register_expiry_s: int = Field(default=300, ge=30, le=86400)
    # The CA bundle used to verify the PBX certificate; empty means the OS trust store.
    tls_ca_file: str = ""


class AudioSettings(_Section):
    microphone: str = ""
    speaker: str = ""
    ringer: str = ""
    jitter_profile: Literal["lan", "wan", "mobile"] = "wan"


class StorageSettings(_Section):
    # Empty: the encrypted SQLite file in the user data folder. Otherwise a postgresql+psycopg://
    # URL for a call centre sharing notes; its password belongs in the keyring, not here.
    database_url: str = ""

    @field_validator("database_url")
    @classmethod
    def _postgres_without_password(cls, url: str) -> str:
        if not url:
            return url
        if not url.startswith(("postgresql://", "postgresql+psycopg://")):
            raise ValueError("must be empty (local encrypted file) or a postgresql:// URL")
        authority = url.split("://", 1)[1].split("/", 1)[0]
        if "@" in authority and ":" in authority.split("@", 1)[0]:
            raise ValueError("must not contain a password; store it in the OS keyring")
        return url


class EhrSettings(_Section):
    fhir_base_url: str = ""
    timeout_s: float = Field(default=3.0, gt=0, le=30)

    @field_validator("fhir_base_url")
    @classmethod
    def _https_only(cls, url: str) -> str:
        if url and not url.startswith("https://"):
            raise ValueError("must be an https:// URL (patient data never travels in clear)")
        return url


class UiSettings(_Section):
    theme: Literal["system", "light", "dark", "high-contrast"] = "system"
    language: Literal["system", "en", "es"] = "system"


DEFAULT_DISPOSITIONS = (
    "Advice given",
    "Appointment booked",
    "Escalated to clinician",
    "Prescription query",
    "Transferred",
    "Wrong number",
    "Other",
)
DEFAULT_BREAK_REASONS = ("Break", "Lunch", "Training", "Meeting", "Admin")


def _distinct_labels(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    cleaned = tuple(value.strip() for value in values)
    if any(not value or len(value) > 64 for value in cleaned):
        raise ValueError(f"every {what} must be 1 to 64 characters")
    if len({value.casefold() for value in cleaned}) != len(cleaned):
        raise ValueError(f"{what}s must be distinct")
    return cleaned


class AgentSettings(_Section):
    # The disposition codes an agent must choose from to leave wrap-up (the call centre's list).
    dispositions: tuple[str, ...] = Field(default=DEFAULT_DISPOSITIONS, min_length=1, max_length=50)
    # How long wrap-up lasts before it is shown as overdue (a disposition is still required).
    wrap_up_s: int = Field(default=60, ge=0, le=3600)
    break_reasons: tuple[str, ...] = Field(default=DEFAULT_BREAK_REASONS, min_length=1, max_length=30)
    # A second incoming call while on a call is offered (call waiting); off: answered 486 Busy.
    call_waiting: bool = True
    # The state the agent starts the shift in.
    initial_state: Literal["available", "offline"] = "available"

    @field_validator("dispositions")
    @classmethod
    def _dispositions(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _distinct_labels(values, "disposition")

    @field_validator("break_reasons")
    @classmethod
    def _break_reasons(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _distinct_labels(values, "break reason")


class CtiSettings(_Section):
    # The local control API (JSON lines on a per-user local socket, token from the keyring) and
    # the sip:/tel: hand-off to the running instance. The hand-off works even when this is off.
    enabled: bool = True
    # Commands a local client may send; IT can narrow it (e.g. ["status"] for a wallboard).
    allowed_commands: tuple[Literal["dial", "answer", "hangup", "escalate", "status"], ...] = (
        "dial",
        "answer",
        "hangup",
        "escalate",
        "status",
    )


class LoggingSettings(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_file_bytes: int = Field(default=5_000_000, ge=100_000)
    backup_count: int = Field(default=5, ge=1, le=50)


class Settings(_Section):
    sip: SipSettings = SipSettings()
    audio: AudioSettings = AudioSettings()
    storage: StorageSettings = StorageSettings()
    ehr: EhrSettings = EhrSettings()
    ui: UiSettings = UiSettings()
    logging: LoggingSettings = LoggingSettings()
    agent: AgentSettings = AgentSettings()
    cti: CtiSettings = CtiSettings()

    @property
    def pbx_configured(self) -> bool:
        return bool(self.sip.servers)


def all_setting_keys() -> list[str]:
    """Every dotted key (``sip.transport``…), for policy validation and the IT documentation."""
    keys: list[str] = []
    for section_name, section_field in Settings.model_fields.items():
        section_model = section_field.annotation
        keys.extend(f"{section_name}.{key}" for key in section_model.model_fields)
    return keys
