"""A supervisor's call never rings: the agent's phone answers (or refuses) it by itself.

The ringer decision (``CallToneTracker``) and the service that drives the ringer device
(``HeadsetAudio.on_sip_event``) are fed the engine's events of a supervision call, alone and while
a patient call is up, accepted and refused; the ringer must never start and no call-waiting or
ringback tone may reach the headset. Fake streams (no devices), as in test_audio_service.py.
"""

from __future__ import annotations

import pytest
from fake_audio import FakeFactory, desk_and_headset  # sibling module

from softphone.audio.call_tones import CallTones, CallToneTracker
from softphone.audio.service import AudioPreferences, HeadsetAudio
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

SUPERVISOR = CallerIdentity("sip:supervisor@sip.test", "", IdentitySource.P_ASSERTED_IDENTITY)
PATIENT = CallerIdentity("sip:+15550100@sip.test", "", IdentitySource.P_ASSERTED_IDENTITY)


def supervision_invite(call_id: str, mode: str = "listen") -> IncomingCall:
    return IncomingCall(call_id, "acc", SUPERVISOR.uri, "", SUPERVISOR, headers=(("X-Supervise", mode),))


def patient_invite(call_id: str) -> IncomingCall:
    return IncomingCall(call_id, "acc", PATIENT.uri, "", PATIENT)


def state(call_id: str, value: CallState) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", value, CallDirection.INCOMING, "sip:x@sip.test", "", None, 200, "")


def accepted_supervision(call_id: str) -> list[object]:
    return [supervision_invite(call_id), state(call_id, CallState.CONNECTING), state(call_id, CallState.CONFIRMED),
            CallMediaChanged(call_id, MediaState.ACTIVE), state(call_id, CallState.DISCONNECTED)]


def refused_supervision(call_id: str) -> list[object]:
    return [supervision_invite(call_id, "barge"), state(call_id, CallState.DISCONNECTED)]


def test_the_tracker_leaves_supervision_calls_out_while_idle_and_during_a_patient_call() -> None:
    tracker = CallToneTracker()
    for event in refused_supervision("s1"):  # to an idle agent: refused 480, never rung
        assert tracker.handle(event) is False
        assert tracker.tones() == CallTones()
    for event in (patient_invite("p1"), state("p1", CallState.CONFIRMED), CallMediaChanged("p1", MediaState.ACTIVE)):
        tracker.handle(event)
    for event in accepted_supervision("s2") + refused_supervision("s3"):
        tracker.handle(event)
        assert tracker.tones() == CallTones()  # no call-waiting tone for the supervisor's INVITE
    # An ordinary second call still gets call waiting: only supervision calls are silent.
    tracker.handle(patient_invite("p2"))
    assert tracker.tones().headset is not None


@pytest.fixture
def audio():
    server = desk_and_headset()
    factory = FakeFactory()
    service = HeadsetAudio(
        AudioPreferences(microphone="usb_headset_in", speaker="usb_headset_out", ringer="desk_out"),
        lambda _event: None, catalog=server.catalog(), capture_factory=factory, playback_factory=factory,
        local_call_tones=True, tone_parties=False, watch_pulse=False, gil_switch_interval_s=None,
    )
    service.settle_seconds = 0.0
    service.start()
    yield service, factory
    service.stop()


def test_the_ringer_never_starts_for_a_supervision_call_accepted_or_refused(audio) -> None:
    service, factory = audio
    opened = len(factory.streams)
    seen: list[tuple[bool, object]] = []
    for event in refused_supervision("s1"):
        service.on_sip_event(event)
        seen.append((service.ringing, service.path.tone_mixer.tone))
    for event in (patient_invite("p1"), state("p1", CallState.CONFIRMED), CallMediaChanged("p1", MediaState.ACTIVE)):
        service.on_sip_event(event)
    for event in accepted_supervision("s2") + refused_supervision("s3"):
        service.on_sip_event(event)
        seen.append((service.ringing, service.path.tone_mixer.tone))
    assert seen == [(False, None)] * len(seen)
    assert service.ringer_stream is None and len(factory.streams) == opened  # no ringer stream ever opened


def test_an_ordinary_call_still_rings(audio) -> None:
    service, _factory = audio
    service.on_sip_event(patient_invite("p1"))
    assert service.ringing is True
