"""The settings schema: every key the softphone understands, its default and its rules.

IT provisions these keys in the system file; the agent may change the unlocked ones in the user
file. Unknown keys are errors, because a misspelt provisioning key that is silently ignored is a
misconfigured call centre nobody notices. Secrets (SIP passwords, database key, EHR client key)
are not settings: they live in the OS keyring (see ``softphone.credentials``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

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
    # Devices are remembered by name (a PulseAudio sink/source name on Linux, the device name on
    # Windows), never by index; "" is the system default.
    microphone: str = ""
    speaker: str = ""
    ringer: str = ""
    # The jitter buffer's sizing (softphone.audio.jitter): lan = small delay on a clean network,
    # wan = measured best under jitter and reordering, mobile = most delay, most tolerance.
    jitter_profile: Literal["lan", "wan", "mobile"] = "wan"
    # Where audio goes when the headset is unplugged mid-call (IT provisions the desk's devices);
    # "" is the system default.
    fallback_microphone: str = ""
    fallback_speaker: str = ""
    # Software echo cancellation on the headset path (pjmedia's canceller; Linux only: the
    # Windows pjsua2 build exports none). Headsets rarely need it; speakerphones do.
    echo_cancellation: bool = False
    # Noise suppression (speex preprocessor, only together with echo cancellation on Linux).
    noise_suppression: bool = False


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
    # How the softphone authenticates to the EHR. The secret (bearer token or PEM private key)
    # is in the OS keyring, never here: "fhir-bearer-token" / "fhir-client-key".
    auth: Literal["none", "bearer", "smart"] = "none"
    client_id: str = Field(default="", max_length=256)
    key_id: str = Field(default="", max_length=256)
    algorithm: Literal["RS384", "ES384"] = "RS384"
    token_endpoint: str = ""  # empty: discovered from .well-known/smart-configuration
    scope: str = Field(default="", max_length=1024)  # empty: read access to the resources shown
    # Caller numbers without a country code are read as numbers of this region (ISO 3166 code).
    default_region: str = Field(default="US", pattern=r"^[A-Z]{2}$")
    # The identifier system that holds the medical record number; empty: the first identifier.
    mrn_system: str = ""

    @field_validator("token_endpoint")
    @classmethod
    def _token_endpoint_https(cls, url: str) -> str:
        if url and not url.startswith("https://"):
            raise ValueError("must be an https:// URL (the token grants access to patient data)")
        return url

    @model_validator(mode="after")
    def _smart_needs_a_client(self) -> "EhrSettings":
        if self.auth == "smart" and not self.client_id:
            raise ValueError("auth = 'smart' needs client_id (registered with the EHR)")
        return self

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


EscalationMode = Literal["conference", "consult", "handoff"]
EscalationUrgency = Literal["emergency", "urgent", "routine"]
_ESCALATION_ID = r"^[a-z][a-z0-9_-]{0,39}$"


def _check_destination(value: str) -> str:
    """A SIP/tel URI, or a number / user part the PBX resolves (``oncall-nurse``, ``+16175550100``)."""
    value = value.strip()
    lowered = value.lower()
    if not value or len(value) > 256 or any(ch.isspace() or not ch.isprintable() for ch in value):
        raise ValueError("must be a SIP/tel URI or a number, without spaces")
    if lowered.startswith(("sip:", "sips:", "tel:")):
        return value
    if any(ch in value for ch in "<>\"\';,"):
        raise ValueError("must be a SIP/tel URI or a number / user part")
    return value


class EscalationTargetSettings(_Section):
    """One place the escalation can ring: a nurse line, the on-call physician, a crisis line."""

    id: str = Field(pattern=_ESCALATION_ID, description="short name the reasons refer to")
    title: str = Field(min_length=1, max_length=64, description="what the agent sees while it rings")
    destination: str = Field(description="SIP/tel URI, number or user part (resolved by the PBX)")
    # None: the section's ring_timeout_s.
    ring_timeout_s: float | None = Field(default=None, ge=3, le=120)

    @field_validator("destination")
    @classmethod
    def _destination(cls, value: str) -> str:
        return _check_destination(value)


class EscalationReasonSettings(_Section):
    """An escalation reason: how urgent it is, who to ring in order, what to do if nobody answers."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: str = Field(min_length=1, max_length=64)
    urgency: EscalationUrgency = "urgent"
    targets: tuple[str, ...] = Field(min_length=1, max_length=10)  # target ids, tried in order
    fallback: str = Field(min_length=1, max_length=2000)  # the script shown when every target failed
    mode: EscalationMode | None = None  # None: the section's mode


_FALLBACK_911 = (
    "Nobody answered. Tell the caller: 'Hang up now and call 911 — if you cannot, I will stay on the "
    "line and have 911 called for you.' Confirm their address and callback number. Your supervisor "
    "has been alerted."
)
DEFAULT_ESCALATION_TARGETS = (
    EscalationTargetSettings(id="nurse", title="On-call nurse line", destination="oncall-nurse"),
    EscalationTargetSettings(id="physician", title="On-call physician", destination="oncall-physician"),
    EscalationTargetSettings(id="behavioural-health", title="Behavioural health line", destination="behavioural-health"),
)
DEFAULT_ESCALATION_REASONS = (
    EscalationReasonSettings(code="chest_pain", label="Chest pain", urgency="emergency",
                             targets=("nurse", "physician"), fallback=_FALLBACK_911),
    EscalationReasonSettings(code="breathing_difficulty", label="Breathing difficulty", urgency="emergency",
                             targets=("nurse", "physician"), fallback=_FALLBACK_911),
    EscalationReasonSettings(
        code="suicidal_ideation", label="Suicidal thoughts", urgency="emergency",
        targets=("behavioural-health", "nurse"),
        fallback=(
            "Nobody answered. Stay with the caller and keep them talking. Give them 988 (Suicide & Crisis "
            "Lifeline: call or text 988). If they are in immediate danger, have 911 called and confirm "
            "their address. Your supervisor has been alerted."
        ),
    ),
    EscalationReasonSettings(
        code="stroke_signs", label="Stroke signs", urgency="emergency", targets=("physician", "nurse"),
        fallback=(
            "Nobody answered. Stroke is time-critical: tell the caller to hang up and call 911 now (face "
            "drooping, arm weakness, speech difficulty). Note the time symptoms started. Your supervisor "
            "has been alerted."
        ),
    ),
    EscalationReasonSettings(
        code="severe_bleeding", label="Severe bleeding", urgency="emergency", targets=("nurse", "physician"),
        fallback=(
            "Nobody answered. Tell the caller to press firmly on the wound with a clean cloth and to hang "
            "up and call 911 now. Confirm their address. Your supervisor has been alerted."
        ),
    ),
    EscalationReasonSettings(
        code="clinical_question", label="Clinical question", urgency="routine", targets=("nurse", "physician"),
        fallback=(
            "Nobody answered. Confirm the caller's callback number and tell them a nurse will call back "
            "today; if symptoms get worse, call 911. Your supervisor has been alerted."
        ),
    ),
)


class EscalationSettings(_Section):
    # Field order matters: later validators check references to earlier fields.
    targets: tuple[EscalationTargetSettings, ...] = Field(
        default=DEFAULT_ESCALATION_TARGETS, min_length=1, max_length=30,
        description="places an escalation can ring: `{ id, title, destination, ring_timeout_s }` tables",
    )
    reasons: tuple[EscalationReasonSettings, ...] = Field(
        default=DEFAULT_ESCALATION_REASONS, min_length=1, max_length=30,
        description="escalation reasons: `{ code, label, urgency, targets, fallback, mode }` tables, targets tried in order",
    )
    mode: EscalationMode = Field(
        default="conference",
        description="conference: the clinician joins at once; consult: the agent briefs first, then joins; "
        "handoff: join, then the agent leaves (attended transfer)",
    )
    ring_timeout_s: float = Field(default=20.0, ge=3, le=120, description="seconds each target rings before the next is tried")
    care_team_first: bool = Field(
        default=True, description="ring the patient's own care-team on-call clinician before the policy's targets",
    )
    instant_reasons: tuple[str, ...] = Field(
        default=(), max_length=30,
        description="reasons that escalate at once when detected in the notes, without the reason picker",
    )
    hold_tone: bool = Field(default=True, description="the patient hears a hold tone while kept out of a consultation")
    handoff_delay_s: float = Field(
        default=5.0, ge=0, le=120,
        description="hand-off mode: seconds the agent stays after the clinician joins (to introduce the patient) "
        "before leaving by itself, with a countdown and Hand off now / Stay; 0: leave at once",
    )
    patient_ref_in_headers: Literal["tls_only", "never"] = Field(
        default="tls_only", description="when the clinician's INVITE may carry the patient reference (never over clear SIP)",
    )

    @field_validator("targets")
    @classmethod
    def _distinct_targets(cls, targets: tuple[EscalationTargetSettings, ...]) -> tuple[EscalationTargetSettings, ...]:
        ids = [target.id for target in targets]
        if len(set(ids)) != len(ids):
            raise ValueError("target ids must be distinct")
        return targets

    @field_validator("reasons")
    @classmethod
    def _known_targets(cls, reasons: tuple[EscalationReasonSettings, ...], info: ValidationInfo) -> tuple[EscalationReasonSettings, ...]:
        codes = [reason.code for reason in reasons]
        if len(set(codes)) != len(codes):
            raise ValueError("reason codes must be distinct")
        targets = info.data.get("targets")
        if targets is not None:
            known = {target.id for target in targets}
            for reason in reasons:
                unknown = [target for target in reason.targets if target not in known]
                if unknown:
                    raise ValueError(f"reason {reason.code!r} names unknown target(s): {', '.join(unknown)}")
        return reasons

    @field_validator("instant_reasons")
    @classmethod
    def _known_reasons(cls, codes: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        reasons = info.data.get("reasons")
        if reasons is not None:
            known = {reason.code for reason in reasons}
            unknown = [code for code in codes if code not in known]
            if unknown:
                raise ValueError(f"unknown reason(s): {', '.join(unknown)}")
        return codes

    def reason(self, code: str) -> EscalationReasonSettings | None:
        return next((reason for reason in self.reasons if reason.code == code), None)

    def target(self, target_id: str) -> EscalationTargetSettings | None:
        return next((target for target in self.targets if target.id == target_id), None)


# --- notes and security (issue 6) -----------------------------------------------------------
DEFAULT_SYMPTOM_CHECKLIST = (
    "fever",
    "cough",
    "shortness_of_breath",
    "chest_pain",
    "headache",
    "dizziness",
    "nausea_vomiting",
    "abdominal_pain",
    "rash",
    "bleeding",
    "fall_or_injury",
    "medication_question",
)


class NotesSettings(_Section):
    # Red-flag phrases by escalation reason, replacing the built-in list when not empty:
    # [notes.red_flags] chest_pain = ["chest pain*", "pressure in * chest"] ...
    red_flags: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="red-flag phrases by escalation reason (empty: the built-in English and Spanish list); 'word*' is a prefix, '*' any one word, accents optional",
    )
    # The symptom checkboxes of a call note: provisioned codes such as "chest_pain".
    symptom_checklist: tuple[str, ...] = Field(default=DEFAULT_SYMPTOM_CHECKLIST, max_length=64)

    @field_validator("red_flags")
    @classmethod
    def _red_flags(cls, table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        from softphone.notes.red_flags import RedFlagCatalogue  # lazy: notes imports storage

        for reason, phrases in table.items():
            if not phrases:
                raise ValueError(f"reason {reason!r} has no phrases (remove it, or list its phrases)")
            for phrase in phrases:
                try:
                    RedFlagCatalogue({reason: (phrase,)})
                except ValueError as error:
                    raise ValueError(f"reason {reason!r}, phrase {phrase!r}: {error}") from None
        return table

    @field_validator("symptom_checklist")
    @classmethod
    def _symptom_codes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        from softphone.notes.draft import SYMPTOM_CODE

        for code in codes:
            if not SYMPTOM_CODE.match(code):
                raise ValueError(f"symptom code {code!r} must be a lowercase code such as 'chest_pain'")
        if len(set(codes)) != len(codes):
            raise ValueError("symptom codes must be distinct")
        return codes

    def red_flag_phrases(self) -> dict[str, tuple[str, ...]] | None:
        """The provisioned table, or None for the built-in list."""
        return dict(self.red_flags) or None


class SecuritySettings(_Section):
    # Lock the patient panel and notes after this many idle seconds (never during a call); 0: never.
    lock_after_idle_s: int = Field(default=300, ge=0, le=86400)

    @field_validator("lock_after_idle_s")
    @classmethod
    def _lock_delay(cls, seconds: int) -> int:
        if 0 < seconds < 30:
            raise ValueError("must be 0 (never lock) or at least 30 seconds")
        return seconds


# --- supervision (issue 8) ---------------------------------------------------------------------
SupervisionModeName = Literal["listen", "whisper", "barge"]


class SupervisedAgentSettings(_Section):
    """One agent on a supervisor's team view."""

    id: str = Field(pattern=_ESCALATION_ID, description="short name (audit log, feature codes' {agent})")
    name: str = Field(min_length=1, max_length=64, description="what the supervisor sees")
    uri: str = Field(description="the agent's SIP address (presence and the supervision call)")
    extension: str = Field(default="", max_length=32, description="what PBX feature codes put in {agent} (default: id)")

    @field_validator("uri")
    @classmethod
    def _sip_uri(cls, value: str) -> str:
        value = _check_destination(value)
        if not value.lower().startswith(("sip:", "sips:")):
            raise ValueError("must be a sip: URI (presence is SIP)")
        return value


class SupervisionFeatureCodes(_Section):
    """PBX mode: what the supervisor's buttons dial; ``{agent}`` is the agent's extension
    (Asterisk ChanSpy e.g. ``*222{agent}``, FreeSWITCH eavesdrop e.g. ``*0{agent}``)."""

    listen: str = Field(default="", max_length=64)
    whisper: str = Field(default="", max_length=64)
    barge: str = Field(default="", max_length=64)

    @field_validator("listen", "whisper", "barge")
    @classmethod
    def _code(cls, value: str) -> str:
        if value and (any(ch.isspace() or not ch.isprintable() for ch in value) or value.count("{") != value.count("}")):
            raise ValueError("must be a dial string (no spaces), optionally with {agent}")
        if value and value.replace("{agent}", "").count("{"):
            raise ValueError("the only placeholder is {agent}")
        return value


class SupervisionSettings(_Section):
    role: Literal["agent", "supervisor"] = Field(
        default="agent", description="agent: can be supervised; supervisor: the team view and Listen/Whisper/Barge",
    )
    authorised_supervisors: tuple[str, ...] = Field(
        default=(), max_length=200,
        description="SIP identities (as the trusted proxy asserts them) allowed to supervise this agent; "
        "any other supervision call is refused 403 and audited",
    )
    require_asserted_identity: bool = Field(
        default=True,
        description="accept a supervisor only by P-Asserted-Identity (added by the trusted proxy), never by From",
    )
    indicator_modes: tuple[SupervisionModeName, ...] = Field(
        default=("whisper", "barge"),
        description="modes in which the agent sees that they are supervised",
    )
    method: Literal["client", "pbx"] = Field(
        default="client",
        description="client: the agent's softphone mixes the supervisor in (X-Supervise); pbx: the buttons dial feature codes",
    )
    feature_codes: SupervisionFeatureCodes = SupervisionFeatureCodes()
    team: tuple[SupervisedAgentSettings, ...] = Field(default=(), max_length=200, description="agents on the team view")
    mute_in_listen: bool = Field(default=True, description="the supervisor's microphone is muted while listening")

    @field_validator("authorised_supervisors")
    @classmethod
    def _identities(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = []
        for value in values:
            value = _check_destination(value)
            if not value.lower().startswith(("sip:", "sips:")) or "@" not in value:
                raise ValueError("each supervisor must be a sip:user@domain identity")
            cleaned.append(value)
        return tuple(cleaned)

    @field_validator("team")
    @classmethod
    def _distinct(cls, team: tuple[SupervisedAgentSettings, ...]) -> tuple[SupervisedAgentSettings, ...]:
        ids = [member.id for member in team]
        if len(set(ids)) != len(ids):
            raise ValueError("team member ids must be distinct")
        return team

    @model_validator(mode="after")
    def _pbx_codes(self) -> SupervisionSettings:
        codes = self.feature_codes
        if self.method == "pbx" and not (codes.listen and codes.whisper and codes.barge):
            raise ValueError("feature_codes: pbx mode needs a feature code for listen, whisper and barge")
        return self


class HeadsetButtonsSettings(_Section):
    # USB HID telephony controls (softphone.headset): hook switch, mute, flash and their LEDs.
    enabled: bool = Field(
        default=True, description="answer, hang up, mute and hold with the USB headset's buttons, its LEDs following the call",
    )
    vendor_id: int = Field(
        default=0, ge=0, le=0xFFFF,
        description="use only headsets of this USB vendor id (e.g. `0x0b0e` Jabra, `0x047f` Poly); 0: any telephony headset",
    )
    product_id: int = Field(default=0, ge=0, le=0xFFFF, description="use only this USB product id (with `vendor_id`); 0: any")


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
    escalation: EscalationSettings = EscalationSettings()
    notes: NotesSettings = NotesSettings()
    security: SecuritySettings = SecuritySettings()
    supervision: SupervisionSettings = SupervisionSettings()
    headset_buttons: HeadsetButtonsSettings = HeadsetButtonsSettings()

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
