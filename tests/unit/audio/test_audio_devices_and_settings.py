"""Devices remembered by name, jitter-buffer profiles, the microphone test (fakes, no devices)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from fake_audio import desk_and_headset  # sibling module

from softphone.audio.device_catalog import DeviceCatalog
from softphone.audio.devices import DeviceChoice, PortAudioDevice
from softphone.audio.jitter import PROFILES, jitter_buffer_for
from softphone.audio.mic_test import MicTest
from softphone.config.model import AudioSettings


def test_pulse_devices_resolve_by_name_or_description_and_open_by_name() -> None:
    catalog = desk_and_headset().catalog()
    by_name = catalog.resolve("usb_headset_out", "playback")
    by_description = catalog.resolve("jabra evolve2", "playback")
    assert by_name == by_description
    assert by_name.choice == DeviceChoice(pulse_endpoint="usb_headset_out")
    assert catalog.resolve("usb_headset_out", "capture") is None  # a sink is not a microphone
    assert catalog.resolve("nowhere", "playback") is None
    default = catalog.resolve("", "capture")
    assert default.name == "" and default.choice == DeviceChoice(portaudio_device="pulse")


def test_portaudio_devices_are_listed_once_per_name_and_by_direction() -> None:
    devices = [
        PortAudioDevice(3, "Headset (Jabra Evolve2)", "MME", 1, 2, 44100.0),
        PortAudioDevice(9, "Headset (Jabra Evolve2)", "Windows WASAPI", 1, 2, 48000.0),
        PortAudioDevice(4, "Speakers (Realtek)", "MME", 0, 2, 44100.0),
    ]
    catalog = DeviceCatalog(use_pulse=False, portaudio_lister=lambda: devices)
    assert [d.name for d in catalog.devices("playback")] == ["Headset (Jabra Evolve2)", "Speakers (Realtek)"]
    assert [d.name for d in catalog.devices("capture")] == ["Headset (Jabra Evolve2)"]
    assert catalog.resolve("Speakers (Realtek)", "playback").choice == DeviceChoice(portaudio_device=4)
    assert catalog.resolve("Headset (Jabra Evolve2)", "capture").choice == DeviceChoice(portaudio_device=3)  # first host API
    assert catalog.resolve("", "playback").choice == DeviceChoice()
    assert DeviceCatalog(use_pulse=False, portaudio_lister=list).resolve("", "playback") is None  # no device at all


class MediaConfig:
    jbInit = jbMinPre = jbMaxPre = jbMax = -1


@pytest.mark.parametrize("profile", ["lan", "wan", "mobile"])
def test_every_jitter_profile_setting_maps_to_pjsua_media_settings(profile: str) -> None:
    assert profile in AudioSettings.model_fields["jitter_profile"].annotation.__args__
    config = MediaConfig()
    settings = jitter_buffer_for(profile)
    settings.apply(config)
    assert (config.jbInit, config.jbMinPre, config.jbMaxPre, config.jbMax) == (
        settings.init_ms, settings.min_prefetch_ms, settings.max_prefetch_ms, settings.max_ms)
    assert 0 < settings.min_prefetch_ms <= settings.init_ms <= settings.max_prefetch_ms < settings.max_ms


def test_profiles_grow_from_lan_to_mobile_and_the_default_is_wan() -> None:
    assert PROFILES["lan"].max_prefetch_ms < PROFILES["wan"].max_prefetch_ms < PROFILES["mobile"].max_prefetch_ms
    assert AudioSettings().jitter_profile == "wan"
    with pytest.raises(ValueError):
        jitter_buffer_for("satellite")


def test_new_audio_keys_default_to_the_system_default_and_off() -> None:
    audio = AudioSettings()
    assert (audio.fallback_microphone, audio.fallback_speaker) == ("", "")
    assert not audio.echo_cancellation and not audio.noise_suppression


@dataclass
class InstantStream:
    """Runs its whole life in start(): a capture delivers a 2 s tone, a playback pulls 3 s."""

    kwargs: dict[str, Any]
    played: list[np.ndarray]
    active: bool = False
    latency: float = 0.0

    def start(self) -> None:
        self.active = True
        callback, block = self.kwargs["callback"], self.kwargs["blocksize"]
        for index in range(300):
            if self.kwargs.get("_capture"):
                t = (np.arange(block) + index * block) / 16000
                callback((np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16)[:, None], block, None, None)
            else:
                out = np.zeros((block, 1), dtype=np.int16)
                callback(out, block, None, None)
                self.played.append(out[:, 0].copy())

    def abort(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


def test_mic_test_records_then_plays_back_what_it_heard() -> None:
    played: list[np.ndarray] = []
    test = MicTest(
        "usb_headset_in", "usb_headset_out", seconds=1.0, catalog=desk_and_headset().catalog(),
        capture_factory=lambda **kw: InstantStream({**kw, "_capture": True}, played),
        playback_factory=lambda **kw: InstantStream(kw, played),
    )
    test.run()
    assert test.phase == "done", test.error
    assert test.max_level == pytest.approx(8000 / 32768, abs=0.01)
    assert len(test.recording) == 16000
    heard = np.concatenate(played)[:16000]
    assert np.array_equal(heard, test.recording)


def test_mic_test_without_a_microphone_fails_with_a_reason() -> None:
    test = MicTest("gone", "usb_headset_out", catalog=DeviceCatalog(use_pulse=True, pulse_lister=lambda d: []))
    test.run()
    assert test.phase == "failed" and "no microphone" in test.error


def test_every_jitter_profile_the_settings_allow_maps_to_engine_fields():
    import typing

    from softphone.audio.jitter import jitter_buffer_for
    from softphone.config.model import AudioSettings
    from softphone.sip.config import EngineConfig

    for profile in typing.get_args(AudioSettings.model_fields["jitter_profile"].annotation):
        config = EngineConfig(**jitter_buffer_for(profile).engine_fields())
        assert 0 < config.jb_init_ms <= config.jb_max_ms, profile
        assert config.jb_min_prefetch_ms <= config.jb_max_prefetch_ms <= config.jb_max_ms, profile
