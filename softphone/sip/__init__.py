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

from softphone.lazy_exports import lazy_exports

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
__all__, __getattr__ = lazy_exports(__name__, _EXPORTS)
