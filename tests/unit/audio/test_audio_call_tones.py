"""Which call-progress sound plays where, from the engine's events."""

from __future__ import annotations

from softphone.audio.call_tones import CallTones, CallToneTracker
from softphone.audio.tones import Sound
from softphone.sip.events import (
    CallDirection,
    CallerIdentity,
    CallMediaChanged,
    CallState,
    CallStateChanged,
    IdentitySource,
    IncomingCall,
    MediaState,
)

WHO = CallerIdentity("sip:p@x", "", IdentitySource.FROM)


def state(call_id: str, value: CallState, direction: CallDirection = CallDirection.INCOMING) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", value, direction, "sip:p@x", "", None, 0, "")


def incoming(call_id: str) -> IncomingCall:
    return IncomingCall(call_id, "acc", "sip:p@x", "", WHO)


def test_a_lone_incoming_call_rings_the_ringer_until_answered() -> None:
    tracker = CallToneTracker()
    tracker.handle(incoming("c1"))
    assert tracker.tones() == CallTones(ringer=True)
    tracker.handle(state("c1", CallState.CONNECTING))
    assert tracker.tones() == CallTones()


def test_an_outgoing_call_plays_ringback_in_the_headset_unless_the_far_end_sends_early_media() -> None:
    tracker = CallToneTracker()
    tracker.handle(state("c1", CallState.CALLING, CallDirection.OUTGOING))
    assert tracker.tones() == CallTones(headset=Sound.RINGBACK)
    tracker.handle(state("c1", CallState.EARLY, CallDirection.OUTGOING))
    assert tracker.tones().headset is Sound.RINGBACK
    tracker.handle(CallMediaChanged("c1", MediaState.ACTIVE))
    assert tracker.tones() == CallTones()


def test_a_second_call_while_talking_is_a_call_waiting_tone_not_the_ringer() -> None:
    tracker = CallToneTracker()
    tracker.handle(incoming("c1"))
    tracker.handle(state("c1", CallState.CONFIRMED))
    tracker.handle(incoming("c2"))
    assert tracker.tones() == CallTones(headset=Sound.CALL_WAITING)
    tracker.handle(state("c1", CallState.DISCONNECTED))
    assert tracker.tones() == CallTones(ringer=True)
    tracker.handle(state("c2", CallState.DISCONNECTED))
    assert tracker.tones() == CallTones()


def test_other_events_are_ignored() -> None:
    assert CallToneTracker().handle(object()) is False
