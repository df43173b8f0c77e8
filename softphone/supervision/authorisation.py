"""Who may supervise this agent: a decision on an incoming supervision call. Pure.

A supervision call opens the agent's and the patient's audio to the caller, so the identity must
be one the network vouches for: the ``P-Asserted-Identity`` the trusted proxy adds after the
supervisor authenticated (and strips from anything a client wrote), compared with the identities
IT provisioned. ``From`` is whatever the caller chose to write and is never enough (unless IT
explicitly turns ``require_asserted_identity`` off, for the embedded demo's loopback switchboard).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from softphone.sip.events import IdentitySource, IncomingCall
from softphone.sip.routing import SupervisionMode
from softphone.supervision.modes import SUPERVISE_HEADER, parse_mode


class Refusal(StrEnum):
    BAD_MODE = "bad_mode"  # X-Supervise present but not listen/whisper/barge
    NOT_ASSERTED = "identity_not_asserted"  # no P-Asserted-Identity (From only)
    NOT_AUTHORISED = "not_authorised"  # asserted, but not a provisioned supervisor
    NO_CALL = "no_call_to_supervise"  # the agent has no call in progress
    BUSY = "already_supervised"  # another supervisor is on this agent's call


@dataclass(frozen=True)
class SupervisionPolicy:
    authorised: frozenset[str]  # canonical "user@host" identities
    require_asserted_identity: bool = True
    indicator_modes: frozenset[SupervisionMode] = frozenset({SupervisionMode.WHISPER, SupervisionMode.BARGE})

    @classmethod
    def from_settings(cls, settings) -> SupervisionPolicy:  # config.model.SupervisionSettings
        return cls(
            authorised=frozenset(canonical_identity(uri) for uri in settings.authorised_supervisors),
            require_asserted_identity=settings.require_asserted_identity,
            indicator_modes=frozenset(SupervisionMode(mode) for mode in settings.indicator_modes),
        )

    def indicator(self, mode: SupervisionMode | None) -> SupervisionMode | None:
        """What the agent's badge shows for ``mode`` (None: nothing)."""
        return mode if mode is not None and mode in self.indicator_modes else None


@dataclass(frozen=True)
class Decision:
    mode: SupervisionMode | None
    identity: str  # canonical user@host of whoever the call claims to be (may be a spoof)
    asserted: bool
    refusal: Refusal | None = None

    @property
    def accepted(self) -> bool:
        return self.refusal is None


def canonical_identity(uri: str) -> str:
    """``"Name" <sip:Alice@Example.org;transport=tcp>`` -> ``alice@example.org`` (scheme, port,
    parameters and display name dropped; user and host compared case-insensitively)."""
    text = uri.strip()
    if "<" in text and ">" in text:
        text = text[text.rfind("<") + 1 : text.rfind(">")]
    lowered = text.lower()
    for scheme in ("sips:", "sip:", "tel:"):
        if lowered.startswith(scheme):
            text = text[len(scheme):]
            break
    text = text.split(";", 1)[0].split("?", 1)[0]
    user, _, host = text.rpartition("@")
    host = host.split(":", 1)[0] if not host.startswith("[") else host
    return f"{user}@{host}".lower() if user else host.lower()


def identity_ref(identity: str) -> str:
    """For the audit log: a provisioned supervisor is named; anyone else (a spoofer may use a
    patient's number) only by a short hash, enough to correlate attempts."""
    return "sha256:" + hashlib.sha256(identity.encode()).hexdigest()[:16]


def decide(incoming: IncomingCall, policy: SupervisionPolicy) -> Decision | None:
    """None: not a supervision call at all. Otherwise accepted or refused (and why)."""
    header = incoming.header(SUPERVISE_HEADER)
    if header is None:
        return None
    identity = incoming.identity
    asserted = identity is not None and identity.source is IdentitySource.P_ASSERTED_IDENTITY
    who = canonical_identity(identity.uri if identity is not None and identity.uri else incoming.remote_uri)
    mode = parse_mode(header)
    if mode is None:
        return Decision(None, who, asserted, Refusal.BAD_MODE)
    if policy.require_asserted_identity and not asserted:
        return Decision(mode, who, asserted, Refusal.NOT_ASSERTED)
    if who not in policy.authorised:
        return Decision(mode, who, asserted, Refusal.NOT_AUTHORISED)
    return Decision(mode, who, asserted)
