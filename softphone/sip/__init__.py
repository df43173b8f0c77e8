"""SIP engine (pjsua2 adapter).  Imports no Qt.

Usage::

    engine = SipEngine(EngineConfig())
    engine.subscribe(on_event)          # non-blocking callback, runs on the SIP thread
    engine.start()
    account_id = engine.submit(AddAccount(config)).result()
    call_id = engine.submit(MakeCall(account_id, "sip:nurse@example.org")).result()
    ...
    engine.stop()

Names are resolved lazily so that pure sibling modules (``routing``, ``quality``, the
event and command dataclasses) can be imported without loading pjsua2.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "commands": (
        "AddAccount", "ApplyRoutes", "Answer", "AttachPort", "AttendedTransfer", "BlindTransfer",
        "CreateRecorderPort", "CreateTonePort", "Hangup", "Hold", "MakeCall", "Register",
        "Reject", "RemoveAccount", "RemovePort", "Resume", "SendDtmf", "SendInDialogMessage", "SetMute",
        "SetPresence", "SubscribePresence", "Unregister", "UnsubscribePresence",
    ),
    "config": ("AccountConfig", "AutoAnswerPolicy", "EngineConfig", "TlsSettings", "TransportKind"),
    "default_routing": ("AGENT_MIC", "AGENT_EAR"),
    "engine": ("SipEngine",),
    "errors": ("EngineNotRunning", "InvalidCallState", "SipEngineError", "UnknownAccount"),
    "calls": ("UnknownCall",),
    "events": (
        "BuddyPresenceChanged", "PresenceActivity", "CallDirection", "CallMediaChanged", "CallQuality", "CallState", "CallStateChanged",
        "CallerIdentity", "DtmfMethod", "DtmfReceived", "EngineError", "EngineStateChanged",
        "IdentitySource", "InDialogMessage", "InDialogMessageStatus", "IncomingCall",
        "LOCAL_REGISTRATION_REASON", "MediaState", "MuteChanged", "RegistrationChanged",
        "RegistrationState", "SipEvent", "TlsState", "TlsStateChanged", "TransferProgress",
    ),
    "tls_relay_events": ("TlsFailure",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
