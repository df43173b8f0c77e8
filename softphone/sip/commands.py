"""Commands understood by the SIP engine.

Each is a small frozen dataclass given to ``SipEngine.submit``; the returned Future
resolves with the documented result once the SIP thread has executed it (or with the
exception it raised).  Callers never have to wait on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import AccountConfig
from .events import DtmfMethod

Route = tuple[str, str]  # (source party id, sink party id)


@dataclass(frozen=True, slots=True)
class AddAccount:
    """Result: the account id.  Registration starts immediately."""

    config: AccountConfig


@dataclass(frozen=True, slots=True)
class RemoveAccount:
    account_id: str


@dataclass(frozen=True, slots=True)
class Register:
    """Re-send REGISTER now (e.g. after the network came back).  Result: None."""

    account_id: str


@dataclass(frozen=True, slots=True)
class Unregister:
    account_id: str


@dataclass(frozen=True, slots=True)
class MakeCall:
    """Result: the new call id.  ``destination`` is a SIP URI or a bare user part.
    ``headers`` are extra (name, value) header fields for the INVITE (e.g. escalation context
    for the clinician's phone); values must be single-line text."""

    account_id: str
    destination: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    call_id: str


@dataclass(frozen=True, slots=True)
class Reject:
    """Decline (603) or Busy Here (486) an incoming call that is still ringing."""

    call_id: str
    status_code: int = 603

    @classmethod
    def decline(cls, call_id: str) -> Reject:
        return cls(call_id, 603)

    @classmethod
    def busy(cls, call_id: str) -> Reject:
        return cls(call_id, 486)


@dataclass(frozen=True, slots=True)
class Hangup:
    call_id: str


@dataclass(frozen=True, slots=True)
class Hold:
    call_id: str


@dataclass(frozen=True, slots=True)
class Resume:
    call_id: str


@dataclass(frozen=True, slots=True)
class SetMute:
    """Mute = the agent's microphone is disconnected from this call in the bridge."""

    call_id: str
    muted: bool


@dataclass(frozen=True, slots=True)
class SendDtmf:
    call_id: str
    digits: str
    method: DtmfMethod = DtmfMethod.RFC4733


@dataclass(frozen=True, slots=True)
class SendInDialogMessage:
    """Send a SIP MESSAGE inside the call's dialog (e.g. supervision mode changes). Result:
    None once sent; the remote's final answer arrives as ``InDialogMessageStatus``.
    ``headers`` as for ``MakeCall``."""

    call_id: str
    content_type: str
    body: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SetPresence:
    """What this account's presence says to whoever SUBSCRIBEd to it (pjsua answers presence
    subscriptions for its own accounts and NOTIFYs them of each change). ``activity`` is a
    ``PresenceActivity`` value; ``note`` one line of text (the PIDF note). Result: None."""

    account_id: str
    online: bool = True
    activity: str = "unknown"
    note: str = ""


@dataclass(frozen=True, slots=True)
class SubscribePresence:
    """Watch ``uri``'s presence (SUBSCRIBE through the account's proxy). Result: a buddy id;
    its states arrive as ``BuddyPresenceChanged``."""

    account_id: str
    uri: str


@dataclass(frozen=True, slots=True)
class UnsubscribePresence:
    buddy_id: str


@dataclass(frozen=True, slots=True)
class BlindTransfer:
    call_id: str
    destination: str


@dataclass(frozen=True, slots=True)
class AttendedTransfer:
    """Connect the remote party of ``call_id`` with the remote party of ``target_call_id``
    (REFER with Replaces); the agent drops out of both calls."""

    call_id: str
    target_call_id: str


@dataclass(frozen=True, slots=True)
class ApplyRoutes:
    """Set the whole bridge matrix: the applier stops, then starts, only the difference.

    ``routes`` holds (source, sink) pairs or ``routing.Route`` objects.  Party names are
    bridge party ids ("agent_mic", "agent_ear", "call-3", "tone:hold"...); ``parties``
    maps role names used by ``routing.compute_routes`` to call ids, e.g.
    (("patient", "call-3"), ("clinician", "call-4")).
    """

    routes: frozenset[Any]
    parties: tuple[tuple[str, str], ...] = ()

    def resolved(self) -> frozenset[Route]:
        alias = dict(self.parties)
        pairs: set[Route] = set()
        for route in self.routes:
            source, sink = (route.source, route.sink) if hasattr(route, "source") else route
            pairs.add((alias.get(source, source), alias.get(sink, sink)))
        return frozenset(pairs)


@dataclass(frozen=True, slots=True)
class CreateTonePort:
    """An engine-owned tone generator as a bridge party (ringback, hold beep, test mic)."""

    party_id: str
    frequencies: tuple[int, ...] = (440,)
    on_ms: int = 1000
    off_ms: int = 0
    volume: int = 0  # 0 = pjmedia default amplitude


@dataclass(frozen=True, slots=True)
class CreateRecorderPort:
    """An engine-owned WAV recorder as a bridge party (test ear, call recording)."""

    party_id: str
    path: Path


@dataclass(frozen=True, slots=True)
class AttachPort:
    """Make an externally created bridge port (a pjsua2 ``AudioMedia``, e.g. the audio
    layer's headset ports) a party.  Create it on the SIP thread (``submit`` a callable).

    With ``owned=True`` the engine keeps the only long-lived reference and drops it before
    ``libDestroy`` (a media port alive at that point aborts the process); the caller must
    then not keep one either."""

    party_id: str
    port: Any
    owned: bool = True


@dataclass(frozen=True, slots=True)
class RemovePort:
    """Drop a bridge party; engine-owned tone/recorder ports are destroyed (a recorder's
    WAV header is finalised)."""

    party_id: str


Command = (
    AddAccount
    | RemoveAccount
    | Register
    | Unregister
    | MakeCall
    | Answer
    | Reject
    | Hangup
    | Hold
    | Resume
    | SetMute
    | SendDtmf
    | SendInDialogMessage
    | SetPresence
    | SubscribePresence
    | UnsubscribePresence
    | BlindTransfer
    | AttendedTransfer
    | ApplyRoutes
    | CreateTonePort
    | CreateRecorderPort
    | AttachPort
    | RemovePort
)
