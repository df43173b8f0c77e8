"""Plain configuration objects for the SIP engine (no pjsua2 here, so they are cheap to
build in settings code and in tests)."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class TransportKind(StrEnum):
    UDP = "udp"
    TCP = "tcp"
    TLS = "tls"


@dataclass(frozen=True, slots=True)
class AccountConfig:
    """One SIP identity.

    ``password`` is a callable (the OS keyring lives elsewhere) so the secret is fetched
    only when the pjsua2 account is built and is never kept on this object or logged.
    ``servers`` are "host[:port]" registrar/proxy addresses tried in order: when one
    stops answering the account fails over to the next.

    ``registrar=False`` makes a local, IP-to-IP identity: no REGISTER, no outbound proxy, calls
    go straight to the URIs dialled (``servers`` may be empty; the first, if any, only names
    the peer for the status bar). It is reachable at once: ``RegistrationChanged(state=
    REGISTERED, local=True, reason=LOCAL_REGISTRATION_REASON)``. For the embedded demo and
    peer-to-peer setups; not with TLS through the relay (the relay is the proxy).
    """

    user: str
    domain: str
    servers: tuple[str, ...]
    password: Callable[[], str] = field(repr=False, compare=False)
    transport: TransportKind = TransportKind.UDP
    auth_user: str | None = None  # defaults to ``user``
    display_name: str = ""
    outbound_proxy: str | None = None  # "host[:port]"; default: the current server
    stun_servers: tuple[str, ...] = ()
    ice: bool = False
    register_expiry_s: int = 300
    # Re-registration after a failure: first retry quickly, then back off exponentially
    # up to ``retry_max_s`` (with jitter so a call centre does not re-register in lockstep).
    retry_first_s: float = 2.0
    retry_max_s: float = 60.0
    # A REGISTER with no answer after this long is shown as failed right away, instead of
    # waiting for the 32 s SIP transaction timeout (UDP timer F).
    register_timeout_s: float = 8.0
    # Seconds before expiry at which pjsua refreshes the registration.
    refresh_margin_s: int = 5
    account_id: str | None = None  # default: "user@domain"
    registrar: bool = True  # False: a local account, see the class docstring

    @property
    def id(self) -> str:
        return self.account_id or f"{self.user}@{self.domain}"

    @property
    def aor(self) -> str:
        return f"sip:{self.user}@{self.domain}"


@dataclass(frozen=True, slots=True)
class TlsSettings:
    """How ``TransportKind.TLS`` accounts reach their servers (see ``softphone/sip/TLS.md``).

    By default through the in-process TLS relay (Python ``ssl``: TLS 1.2/1.3, current OpenSSL,
    Linux and Windows): the server certificate is always verified against ``ca_list_file``
    (or the OS trust store when it is None) and must name the server's host.

    ``use_native_pjsip_tls`` selects pjsua2's own TLS transport instead: Linux only (the
    Windows wheel has no TLS), OpenSSL 1.0.2k, TLS 1.2 at most. Kept as an explicit escape
    hatch for a PBX that misbehaves behind the relay; ``verify_server=False`` is honoured
    only there (the relay has no switch to turn verification off).
    """

    ca_list_file: Path | None = None  # None: the OS trust store
    cert_file: Path | None = None  # client certificate, for servers that require mutual TLS
    private_key_file: Path | None = None
    verify_server: bool = True
    use_native_pjsip_tls: bool = False
    minimum_version: ssl.TLSVersion = ssl.TLSVersion.TLSv1_2  # the relay never goes below 1.2


@dataclass(frozen=True, slots=True)
class AutoAnswerPolicy:
    """Whether an incoming ``Call-Info: ...;answer-after=N`` may be honoured.

    Off by default: auto-answer must be an explicit decision by IT, because it opens the
    agent's microphone to whoever sent the header.
    """

    enabled: bool = False
    max_delay_s: float = 10.0


@dataclass(frozen=True, slots=True)
class EngineConfig:
    bind_address: str = ""  # "" = all interfaces; tests use 127.0.0.1
    public_address: str = ""
    udp_port: int = 0  # 0 = any free port
    tcp_port: int = 0
    tls_port: int = 0
    tls: TlsSettings | None = None
    user_agent: str = "softphone"
    # pjsua log level forwarded to Python logging.  Level 4+ includes SIP URIs (PHI),
    # so keep it at 3 or below outside a debugging session.
    pjsua_log_level: int = 2
    log_sip_messages: bool = False  # whole SIP messages contain caller numbers: PHI
    max_calls: int = 8
    clock_rate: int = 16000
    quality_interval_s: float = 1.0
    auto_answer: AutoAnswerPolicy = AutoAnswerPolicy()
    # Request headers copied into IncomingCall events (values are untrusted text).
    captured_headers: tuple[str, ...] = (
        "Call-Info",
        "Alert-Info",
        "P-Asserted-Identity",
        "Subject",
        "Diversion",
        "History-Info",
        "Priority",
        "X-Supervise",  # a supervisor's listen / whisper / barge call (see InDialogMessage)
    )
    # Automatic bridge routing (talking calls <-> agent headset).  Turn off when the
    # routing matrix is computed elsewhere and applied with ``ApplyRoutes``.
    auto_routing: bool = True
    # Codec id prefix -> priority (0 disables).  Wideband G.722 first; speex stays
    # available at pjsua's default 128 for interop but vocoders mangle tones and music.
    codec_priorities: tuple[tuple[str, int], ...] = (
        ("G722/16000", 250),
        ("PCMU/8000", 240),
        ("PCMA/8000", 230),
    )
    send_ringing: bool = True  # answer incoming INVITEs with 180 Ringing
    # The longest one libHandleEvents() blocks when nothing happens. Commands and posts from
    # other threads wake it at once (``wakeup``) and engine timers cut it short, so this bounds
    # only what nothing wakes: pjsua2's jobs from media threads (received DTMF digits, their
    # log lines) wait for the next poll. Larger = fewer idle wake-ups.
    poll_ms: int = 20
    # Jitter buffer in ms (pjsua_media_config jb_*); -1 keeps pjmedia's default. Profiles that
    # were measured with PESQ live in softphone.audio.jitter (the `audio.jitter_profile` setting).
    jb_init_ms: int = -1
    jb_min_prefetch_ms: int = -1
    jb_max_prefetch_ms: int = -1
    jb_max_ms: int = -1
