"""Plain, immutable events published by the SIP engine.

Every pjsua2 callback is turned into one of these objects on the SIP thread and handed
to subscribers.  They carry no pjsua2 objects, so they can cross threads (the UI wraps
the subscriber callback in a queued Qt signal) and be compared in tests.

Text that comes from the network (display names, header values) is *untrusted*: it has
been length-limited and stripped of control characters, but must still be rendered as
plain text, never as markup.  Remote URIs and display names are PHI: never log them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .tls_relay_events import TlsFailure


# RegistrationChanged.reason of an account without a registrar (``AccountConfig.registrar``).
LOCAL_REGISTRATION_REASON = "Local (no registrar)"

# In-dialog MESSAGE bodies are cut to this many characters (they are untrusted text).
MAX_MESSAGE_BODY_CHARS = 4096


class RegistrationState(StrEnum):
    UNREGISTERED = "unregistered"
    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"


class CallState(StrEnum):
    CALLING = "calling"  # outgoing INVITE sent, nothing back yet
    INCOMING = "incoming"  # incoming INVITE, ringing locally
    EARLY = "early"  # provisional response (remote ringing / early media)
    CONNECTING = "connecting"  # 200 OK sent or received, waiting for ACK
    CONFIRMED = "confirmed"  # talking (media may still be held)
    DISCONNECTED = "disconnected"


class CallDirection(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class MediaState(StrEnum):
    NONE = "none"
    ACTIVE = "active"
    LOCAL_HOLD = "local_hold"  # we put the remote party on hold
    REMOTE_HOLD = "remote_hold"  # the remote party put us on hold
    ERROR = "error"


class IdentitySource(StrEnum):
    P_ASSERTED_IDENTITY = "p-asserted-identity"  # asserted by a trusted proxy
    FROM = "from"  # whatever the caller chose to write


class DtmfMethod(StrEnum):
    RFC4733 = "rfc4733"  # RTP telephone-event (a.k.a. RFC 2833)
    SIP_INFO = "sip-info"


@dataclass(frozen=True, slots=True)
class CallerIdentity:
    uri: str
    display_name: str  # untrusted, sanitised, length-limited
    source: IdentitySource


@dataclass(frozen=True, slots=True)
class RegistrationChanged:
    account_id: str
    state: RegistrationState
    code: int  # SIP status code of the last REGISTER answer, 0 if none
    reason: str
    server: str = ""  # host:port of the registrar in use (not PHI)
    expires_s: int = 0
    # An account without a registrar (``AccountConfig.registrar=False``): state is REGISTERED
    # (reachable) as soon as it exists; the status bar should say ``reason`` ("Local (no
    # registrar)") rather than "Registered".
    local: bool = False


@dataclass(frozen=True, slots=True)
class CallStateChanged:
    call_id: str
    account_id: str
    state: CallState
    direction: CallDirection
    remote_uri: str
    remote_display_name: str  # untrusted
    identity: CallerIdentity | None
    status_code: int  # last SIP status code seen on the dialog
    reason: str


@dataclass(frozen=True, slots=True)
class CallMediaChanged:
    call_id: str
    state: MediaState


@dataclass(frozen=True, slots=True)
class MuteChanged:
    call_id: str
    muted: bool


@dataclass(frozen=True, slots=True)
class IncomingCall:
    call_id: str
    account_id: str
    remote_uri: str
    remote_display_name: str  # untrusted
    identity: CallerIdentity
    headers: tuple[tuple[str, str], ...] = ()  # selected request headers, untrusted values
    auto_answer_after_s: float | None = None  # set when policy allows auto-answer

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None


@dataclass(frozen=True, slots=True)
class TransferProgress:
    call_id: str
    status_code: int  # from the NOTIFY sipfrag (100, 180, 200, 4xx...)
    reason: str
    final: bool


@dataclass(frozen=True, slots=True)
class DtmfReceived:
    call_id: str
    digit: str
    method: DtmfMethod
    duration_ms: int = 0


@dataclass(frozen=True, slots=True)
class InDialogMessage:
    """A SIP MESSAGE received inside a call's dialog (e.g. a supervisor switching between
    listen / whisper / barge). pjsua has already answered it 200.

    Everything here is *untrusted*: ``content_type`` is printable and at most 128 characters,
    ``body`` has control characters other than tab and newline removed and is cut to
    ``MAX_MESSAGE_BODY_CHARS``; ``headers`` are the engine's ``captured_headers`` found in the
    request (values printable, length-limited)."""

    call_id: str
    content_type: str
    body: str
    headers: tuple[tuple[str, str], ...] = ()

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None


@dataclass(frozen=True, slots=True)
class InDialogMessageStatus:
    """The final answer to a MESSAGE sent with ``SendInDialogMessage`` (200 = delivered)."""

    call_id: str
    status_code: int
    reason: str


class PresenceActivity(StrEnum):
    """The RPID activity of a presence status (what pjsua carries besides open/closed)."""

    UNKNOWN = "unknown"
    BUSY = "busy"
    AWAY = "away"


@dataclass(frozen=True, slots=True)
class BuddyPresenceChanged:
    """A watched URI's presence (``SubscribePresence``): a NOTIFY arrived or the subscription
    changed. ``online`` is None until a status is known. ``note`` is *untrusted* text (printable,
    at most 256 characters). ``subscription`` is pjsip's state name ("accepted", "active",
    "terminated", ...)."""

    buddy_id: str
    account_id: str
    uri: str
    online: bool | None
    activity: PresenceActivity
    note: str
    subscription: str


@dataclass(frozen=True, slots=True)
class CallQuality:
    call_id: str
    rx_jitter_ms: float
    rx_loss_pct: float
    tx_loss_pct: float  # as reported back by the remote's RTCP
    rtt_ms: float
    rx_packets: int
    codec: str = ""
    mos: float | None = None  # E-model estimate (quality.estimate_mos); None if unavailable


class TlsState(StrEnum):
    SECURE = "secure"  # a verified TLS connection to the server is up
    REFUSED = "refused"  # none could be made: certificate, handshake, network (see ``failure``)
    CLOSED = "closed"  # one that was up has ended (server restart, network loss, shutdown)


@dataclass(frozen=True, slots=True)
class TlsStateChanged:
    """The TLS connection between the relay and an account's server (TLS accounts only).

    ``reason`` is one sentence for the agent and the support log, e.g. "TLS refused: bad
    certificate (certificate verify failed for sip.example.org: self-signed certificate)".
    No PHI: server names, TLS facts and OpenSSL's error text only.
    """

    account_id: str
    server: str  # host:port the relay connects to
    state: TlsState
    tls_version: str = ""  # OpenSSL's name: "TLSv1.3", "TLSv1.2"
    cipher: str = ""  # e.g. "TLS_AES_256_GCM_SHA384"
    failure: TlsFailure | None = None
    reason: str = ""
    closed_by: str = ""  # CLOSED only: "server", "client" (pjsua2) or "relay" (error, stop)

    @property
    def protocol_label(self) -> str:
        """For the status bar: "TLS 1.3" ("" when no connection is up)."""
        return self.tls_version.replace("TLSv", "TLS ") if self.state is TlsState.SECURE else ""


@dataclass(frozen=True, slots=True)
class EngineError:
    """Something failed inside the engine; the engine itself keeps running."""

    where: str
    message: str
    call_id: str | None = None


@dataclass(frozen=True, slots=True)
class EngineStateChanged:
    running: bool
    detail: str = ""


SipEvent = (
    RegistrationChanged
    | CallStateChanged
    | CallMediaChanged
    | MuteChanged
    | IncomingCall
    | TransferProgress
    | DtmfReceived
    | InDialogMessage
    | InDialogMessageStatus
    | BuddyPresenceChanged
    | CallQuality
    | TlsStateChanged
    | EngineError
    | EngineStateChanged
)

__all__ = [
    "BuddyPresenceChanged",
    "CallDirection",
    "CallMediaChanged",
    "CallQuality",
    "CallState",
    "CallStateChanged",
    "CallerIdentity",
    "DtmfMethod",
    "DtmfReceived",
    "EngineError",
    "EngineStateChanged",
    "IdentitySource",
    "InDialogMessage",
    "InDialogMessageStatus",
    "IncomingCall",
    "LOCAL_REGISTRATION_REASON",
    "MAX_MESSAGE_BODY_CHARS",
    "MediaState",
    "MuteChanged",
    "PresenceActivity",
    "RegistrationChanged",
    "RegistrationState",
    "SipEvent",
    "TlsState",
    "TlsStateChanged",
    "TransferProgress",
]
