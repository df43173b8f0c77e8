"""What the TLS relay tells the rest of the app: plain, immutable event objects.

They are made on the relay's own thread and handed to a callback (or a queue), so they
carry no sockets and no SIP content: only flow numbers, the server's name, TLS facts and
error text. None of it is PHI (no caller URIs, no message bodies), so it may be logged.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from enum import StrEnum


class TlsFailure(StrEnum):
    BAD_CERTIFICATE = "bad_certificate"  # untrusted, self-signed, expired, revoked...
    HOSTNAME_MISMATCH = "hostname_mismatch"  # trusted, but issued for another name
    HANDSHAKE_FAILED = "handshake_failed"  # no common TLS version/cipher, or not TLS at all
    UNREACHABLE = "unreachable"  # DNS failure, connection refused, network down
    TIMEOUT = "timeout"  # no TCP connection or no handshake in time
    CONNECTION_LOST = "connection_lost"  # broke after it was up


class TlsRelayError(Exception):
    """Why the relay could not (or can no longer) reach the SIP server securely.

    ``str(error)`` is a sentence fit for a support log, for example
    ``certificate verify failed for sip.example.org: self-signed certificate``.
    ``user_message`` is the short text the agent sees.
    """

    def __init__(self, failure: TlsFailure, server_name: str, detail: str) -> None:
        self.failure = failure
        self.server_name = server_name
        self.detail = detail
        super().__init__(_sentence(failure, server_name, detail))

    @property
    def user_message(self) -> str:
        return _USER_MESSAGES[self.failure]

    def __eq__(self, other: object) -> bool:
        # Events holding errors are compared in tests; Exception compares by identity.
        return (
            isinstance(other, TlsRelayError)
            and (self.failure, self.server_name, self.detail)
            == (other.failure, other.server_name, other.detail)
        )

    def __hash__(self) -> int:
        return hash((self.failure, self.server_name, self.detail))


_USER_MESSAGES = {
    TlsFailure.BAD_CERTIFICATE: "TLS refused: bad certificate",
    TlsFailure.HOSTNAME_MISMATCH: "TLS refused: certificate is for another server",
    TlsFailure.HANDSHAKE_FAILED: "TLS refused: no secure connection could be agreed",
    TlsFailure.UNREACHABLE: "SIP server unreachable",
    TlsFailure.TIMEOUT: "SIP server did not answer in time",
    TlsFailure.CONNECTION_LOST: "Connection to SIP server lost",
}


def _sentence(failure: TlsFailure, server_name: str, detail: str) -> str:
    if failure in (TlsFailure.BAD_CERTIFICATE, TlsFailure.HOSTNAME_MISMATCH):
        return f"certificate verify failed for {server_name}: {detail}"
    if failure is TlsFailure.HANDSHAKE_FAILED:
        return f"TLS handshake with {server_name} failed: {detail}"
    if failure is TlsFailure.UNREACHABLE:
        return f"cannot connect to {server_name}: {detail}"
    if failure is TlsFailure.TIMEOUT:
        return f"no answer from {server_name}: {detail}"
    return f"connection to {server_name} lost: {detail}"


# OpenSSL X509_V_ERR_HOSTNAME_MISMATCH / _IP_ADDRESS_MISMATCH: the chain is fine, the name is not.
_NAME_MISMATCH_CODES = frozenset({62, 64})


def error_from_exception(exc: BaseException, server_name: str) -> TlsRelayError:
    """Classify what ``open_connection``/the handshake raised into one TlsRelayError."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        failure = (
            TlsFailure.HOSTNAME_MISMATCH
            if exc.verify_code in _NAME_MISMATCH_CODES
            else TlsFailure.BAD_CERTIFICATE
        )
        detail = exc.verify_message or exc.reason or str(exc)
        return TlsRelayError(failure, server_name, detail.rstrip("."))
    if isinstance(exc, ssl.SSLError):
        return TlsRelayError(TlsFailure.HANDSHAKE_FAILED, server_name, exc.reason or str(exc))
    if isinstance(exc, TimeoutError):
        return TlsRelayError(TlsFailure.TIMEOUT, server_name, "timed out")
    if isinstance(exc, ConnectionError) and not isinstance(exc, ConnectionRefusedError):
        return TlsRelayError(TlsFailure.CONNECTION_LOST, server_name, exc.strerror or str(exc))
    if isinstance(exc, OSError):
        return TlsRelayError(TlsFailure.UNREACHABLE, server_name, exc.strerror or str(exc))
    return TlsRelayError(TlsFailure.CONNECTION_LOST, server_name, repr(exc))


@dataclass(frozen=True, slots=True)
class RelayListening:
    """The relay accepts pjsua2's TCP connections on 127.0.0.1:``port``."""

    port: int


@dataclass(frozen=True, slots=True)
class TlsFlowUp:
    """pjsua2 opened a TCP connection and the relay has a verified TLS connection for it."""

    flow_id: int
    server_name: str
    tls_version: str  # "TLSv1.3", "TLSv1.2"
    cipher: str


@dataclass(frozen=True, slots=True)
class TlsFlowRefused:
    """The TLS connection for a new flow could not be made; pjsua2's TCP connection is closed,
    so its REGISTER/INVITE fails with a transport error (pjsua2 reports 503 or 408)."""

    flow_id: int
    error: TlsRelayError


@dataclass(frozen=True, slots=True)
class TlsFlowRejected:
    """A loopback connection did not present the relay's flow token in its first request:
    not our pjsua2 (some other local process). Closed without connecting to the server."""

    flow_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class TlsFlowClosed:
    """A flow ended. ``closed_by`` is "client" (pjsua2), "server", or "relay" (stop or error)."""

    flow_id: int
    closed_by: str
    error: TlsRelayError | None = None


@dataclass(frozen=True, slots=True)
class RelayStopped:
    pass


RelayEvent = (
    RelayListening | TlsFlowUp | TlsFlowRefused | TlsFlowRejected | TlsFlowClosed | RelayStopped
)
