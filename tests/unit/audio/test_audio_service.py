"""The app's headset audio service against fake streams and a fake sound server (no devices)."""

from __future__ import annotations

import threading
from concurrent.futures import Future

import numpy as np
import pytest
from fake_audio import FakeFactory, FakeSoundServer, desk_and_headset  # sibling module

from softphone.audio.events import HeadsetReplugged, HeadsetState, HeadsetStatus, HeadsetSwitchedBack, HeadsetUnplugged
from softphone.audio.service import AudioPreferences, HeadsetAudio
from softphone.audio.tones import Sound
from softphone.sip.events import CallDirection, CallerIdentity, CallState, CallStateChanged, IdentitySource, IncomingCall

PREFERENCES = AudioPreferences(
    microphone="usb_headset_in", speaker="usb_headset_out", ringer="desk_out",
    fallback_microphone="desk_in", fallback_speaker="desk_out",
)


class Published(list):
    def __init__(self) -> None:
        super().__init__()
        self.changed = threading.Condition()

    def __call__(self, event: object) -> None:
        with self.changed:
            self.append(event)
            self.changed.notify_all()

    def wait_for(self, kind: type, timeout: float = 5.0):
        with self.changed:
            ok = self.changed.wait_for(lambda: any(isinstance(e, kind) for e in self), timeout)
        assert ok, f"no {kind.__name__} in {self}"
        return [e for e in self if isinstance(e, kind)][-1]


@pytest.fixture
def rig():
    server = desk_and_headset()
    factory = FakeFactory()
    published = Published()
    audio = HeadsetAudio(
        PREFERENCES, published, catalog=server.catalog(), capture_factory=factory, playback_factory=factory,
        tone_parties=False, watch_pulse=False, gil_switch_interval_s=None,
    )
    audio.settle_seconds = 0.0
    yield audio, server, factory, published
    audio.stop()


def endpoints(factory: FakeFactory) -> set[str | None]:
    return {s.endpoint for s in factory.live()}


def test_start_opens_the_chosen_devices_by_name_and_reports_them(rig) -> None:
    audio, _server, factory, published = rig
    status = audio.start()
    assert status == HeadsetStatus(HeadsetState.OK, "Jabra Evolve2 Mic", "Jabra Evolve2")
    assert published[-1] == status
    assert endpoints(factory) == {"usb_headset_in", "usb_headset_out"}


def test_a_missing_headset_at_start_uses_the_fallback_and_says_so(rig) -> None:
    audio, server, factory, _ = rig
    server.unplug("usb_headset_out")
    server.unplug("usb_headset_in")
    status = audio.start()
    assert status.state is HeadsetState.FALLBACK and status.speaker == "Desk Speaker"
    assert endpoints(factory) == {"desk_in", "desk_out"}


def test_no_device_at_all_is_reported_and_nothing_is_opened() -> None:
    published = Published()
    factory = FakeFactory()
    audio = HeadsetAudio(PREFERENCES, published, catalog=FakeSoundServer().catalog(), capture_factory=factory,
                         playback_factory=factory, tone_parties=False, watch_pulse=False, gil_switch_interval_s=None)
    try:
        status = audio.start()
    finally:
        audio.stop()
    assert status.state is HeadsetState.NONE
    assert factory.streams == []
    assert audio.path is not None  # the bridge port can still be attached: calls connect, silently


def test_unplug_mid_call_moves_the_streams_to_the_fallback_and_replug_is_offered(rig) -> None:
    audio, server, factory, published = rig
    audio.start()
    server.unplug("usb_headset_out")
    server.unplug("usb_headset_in")
    factory.missing = {"usb_headset_out", "usb_headset_in"}
    audio.check_devices_now()
    published.wait_for(HeadsetUnplugged)
    status = published.wait_for(HeadsetStatus)
    assert {e.direction: e.fallback for e in published if isinstance(e, HeadsetUnplugged)} == {
        "capture": "desk_in", "playback": "desk_out"}
    assert endpoints(factory) == {"desk_in", "desk_out"}
    assert status.state is HeadsetState.FALLBACK
    assert audio.path.capture_stream.reopens == 1  # the same stream object: rings and bridge port untouched

    server.plug("usb_headset_out", "Jabra Evolve2", "playback")
    server.plug("usb_headset_in", "Jabra Evolve2 Mic", "capture")
    factory.missing = set()
    audio.check_devices_now()
    offer = published.wait_for(HeadsetReplugged)
    assert offer.directions == ("capture", "playback")
    assert endpoints(factory) == {"desk_in", "desk_out"}  # not switched without the agent
    audio.switch_back()
    published.wait_for(HeadsetSwitchedBack)
    assert endpoints(factory) == {"usb_headset_in", "usb_headset_out"}
    assert audio.status.state is HeadsetState.OK


def incoming(call_id: str) -> IncomingCall:
    return IncomingCall(call_id, "acc", "sip:p@x", "", CallerIdentity("sip:p@x", "", IdentitySource.FROM))


def state(call_id: str, value: CallState, direction=CallDirection.INCOMING) -> CallStateChanged:
    return CallStateChanged(call_id, "acc", value, direction, "sip:p@x", "", None, 0, "")


def wait_until(condition, timeout: float = 5.0) -> None:
    event = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        event.wait(0.01)
    assert condition()


def test_incoming_call_rings_on_the_ringer_device_until_answered(rig) -> None:
    audio, _server, factory, _ = rig
    audio.start()
    audio.on_sip_event(incoming("c1"))
    wait_until(lambda: audio.ringer_stream is not None)
    ringer = factory.live()[-1]
    assert ringer.endpoint == "desk_out"
    assert np.abs(ringer.pull(1600)).max() > 1000  # the ringtone plays
    audio.on_sip_event(state("c1", CallState.CONFIRMED))
    wait_until(lambda: audio.ringer_stream is None)
    assert ringer.closed


def test_ringback_is_mixed_into_the_headset_while_an_outgoing_call_rings(rig) -> None:
    audio, _server, factory, _ = rig
    audio.start()
    speaker = next(s for s in factory.live() if s.endpoint == "usb_headset_out")
    assert np.abs(speaker.pull()).max() == 0  # nothing from the bridge yet: silence
    audio.on_sip_event(state("c1", CallState.CALLING, CallDirection.OUTGOING))
    assert audio.path.tone_mixer.tone is Sound.RINGBACK
    assert np.abs(speaker.pull(1600)).max() > 1000
    audio.on_sip_event(state("c1", CallState.CONFIRMED, CallDirection.OUTGOING))
    assert audio.path.tone_mixer.tone is None


def test_attach_hands_the_engine_one_port_as_agent_mic_and_agent_ear(rig) -> None:
    audio, *_ = rig
    audio.start()

    class FakePort:
        pass

    audio.path.create_bridge_port = lambda name: FakePort()  # pjsua2 is exercised by the integration test
    attached: dict[str, object] = {}

    class FakeEngine:
        def submit(self, action) -> Future:
            future: Future = Future()
            future.set_result(action())
            return future

        def attach_port(self, party, port, owned) -> None:
            assert owned  # the engine drops it before libDestroy
            attached[party] = port

        def reroute(self) -> None:
            attached["rerouted"] = True

    assert audio.attach(FakeEngine()).result() is True
    assert attached["agent_mic"] is attached["agent_ear"]
    assert attached["rerouted"]


def test_when_the_routing_matrix_plays_the_tones_only_the_ringer_is_ours() -> None:
    factory = FakeFactory()
    audio = HeadsetAudio(PREFERENCES, Published(), catalog=desk_and_headset().catalog(), capture_factory=factory,
                         playback_factory=factory, local_call_tones=False, tone_parties=False, watch_pulse=False, gil_switch_interval_s=None)
    try:
        audio.start()
        audio.on_sip_event(state("c1", CallState.CALLING, CallDirection.OUTGOING))
        assert audio.path.tone_mixer.tone is None  # ringback comes from the bridge's tone:ringback party
        audio.on_sip_event(incoming("c2"))
        audio.on_sip_event(state("c1", CallState.DISCONNECTED, CallDirection.OUTGOING))
        wait_until(lambda: audio.ringer_stream is not None)
    finally:
        audio.stop()


def test_start_shortens_the_gil_switch_interval_for_the_real_time_callbacks() -> None:
    import sys

    before = sys.getswitchinterval()
    factory = FakeFactory()
    audio = HeadsetAudio(PREFERENCES, Published(), catalog=desk_and_headset().catalog(), capture_factory=factory,
                         playback_factory=factory, tone_parties=False, watch_pulse=False)
    try:
        audio.start()
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    finally:
        audio.stop()
        sys.setswitchinterval(before)
