"""The OS stream adapter and its watchdog, against fake PortAudio streams (no devices)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from softphone.audio.devices import DeviceChoice, pulse_routing
from softphone.audio.drift_reader import DriftCompensatedReader
from softphone.audio.os_stream import MonitoredStream, StreamWatchdog
from softphone.audio.ring import SampleRing


@dataclass
class FakeClock:
    now: float = 100.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeStream:
    kwargs: dict[str, Any]
    environment: dict[str, str | None]
    active: bool = False
    closed: bool = False
    latency: float = 0.04

    def start(self) -> None:
        self.active = True

    def abort(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True

    def deliver(self, data: np.ndarray) -> None:
        """Plays PortAudio's callback thread for one block."""
        self.kwargs["callback"](data, len(data), None, None)

    def die_silently(self) -> None:
        self.kwargs["finished_callback"]()
        self.active = False


@dataclass
class FakeFactory:
    streams: list[FakeStream] = field(default_factory=list)
    fail: bool = False

    def __call__(self, **kwargs: Any) -> FakeStream:
        if self.fail:
            raise RuntimeError("Error opening stream: device unavailable")
        stream = FakeStream(kwargs, {v: os.environ.get(v) for v in ("PULSE_SINK", "PULSE_SOURCE")})
        self.streams.append(stream)
        return stream


def capture_stream(factory: FakeFactory, clock: FakeClock, ring: SampleRing | None = None,
                   choice: DeviceChoice | None = None) -> MonitoredStream:
    return MonitoredStream("capture", choice or DeviceChoice(), ring=ring or SampleRing(4000),
                           factory=factory, clock=clock)


def test_opens_16_khz_mono_int16_in_10_ms_blocks() -> None:
    factory = FakeFactory()
    capture_stream(factory, FakeClock()).start()
    kwargs = factory.streams[0].kwargs
    assert (kwargs["samplerate"], kwargs["channels"], kwargs["dtype"], kwargs["blocksize"]) == (16000, 1, "int16", 160)


def test_capture_callback_writes_the_block_with_a_timestamp() -> None:
    factory, clock, ring = FakeFactory(), FakeClock(), SampleRing(4000)
    capture_stream(factory, clock, ring).start()
    block = np.arange(320, dtype=np.int16).reshape(-1, 1)
    factory.streams[0].deliver(block)
    assert ring.fill == 320 and ring.last_write == (100.0, 320)
    out = np.empty(320, dtype=np.int16)
    ring.read_into(out)
    assert np.array_equal(out, block[:, 0])


def test_playback_callback_fills_the_device_buffer_from_the_reader() -> None:
    factory, ring = FakeFactory(), SampleRing(4000)
    reader = DriftCompensatedReader(ring, 16000, target_fill=640, max_block=320)
    stream = MonitoredStream("playback", DeviceChoice(), reader=reader, factory=factory, clock=FakeClock())
    stream.start()
    ring.write(np.full(960, 1234, dtype=np.int16))
    outdata = np.zeros((320, 1), dtype=np.int16)
    factory.streams[0].kwargs["callback"](outdata, 320, None, None)
    assert np.all(outdata == 1234)
    assert stream.callbacks == 1


def test_pulse_endpoint_is_passed_through_the_environment_only_while_opening() -> None:
    factory = FakeFactory()
    os.environ.pop("PULSE_SOURCE", None)
    capture_stream(factory, FakeClock(), choice=DeviceChoice(pulse_endpoint="headset_mic")).start()
    stream = factory.streams[0]
    assert stream.kwargs["device"] == "pulse"
    assert stream.environment["PULSE_SOURCE"] == "headset_mic"
    assert "PULSE_SOURCE" not in os.environ


def test_pulse_routing_restores_a_previous_value() -> None:
    os.environ["PULSE_SINK"] = "agent_choice"
    try:
        with pulse_routing("playback", "headset_speaker"):
            assert os.environ["PULSE_SINK"] == "headset_speaker"
        assert os.environ["PULSE_SINK"] == "agent_choice"
    finally:
        del os.environ["PULSE_SINK"]


def test_watchdog_leaves_a_healthy_stream_alone() -> None:
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    watchdog = StreamWatchdog([stream], clock=clock)
    for _ in range(10):
        clock.now += 0.02
        factory.streams[-1].deliver(np.zeros((320, 1), dtype=np.int16))
        assert watchdog.check() == []
    assert len(factory.streams) == 1


def test_watchdog_reopens_a_stream_that_stopped_calling_back() -> None:
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    factory.streams[0].deliver(np.zeros((320, 1), dtype=np.int16))
    watchdog = StreamWatchdog([stream], stall_seconds=1.0, startup_grace_seconds=0.0, clock=clock)
    clock.now += 0.5
    assert watchdog.check() == []
    clock.now += 1.0  # still "active" as far as PortAudio says, but silent
    actions = watchdog.check()
    assert len(actions) == 1 and "no callback" in actions[0]
    assert len(factory.streams) == 2 and factory.streams[0].closed and factory.streams[1].active
    assert stream.reopens == 1


def test_watchdog_reopens_a_stream_that_finished() -> None:
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    factory.streams[0].deliver(np.zeros((320, 1), dtype=np.int16))
    factory.streams[0].die_silently()
    assert "no longer active" in StreamWatchdog([stream], clock=clock).check()[0]
    assert len(factory.streams) == 2


def test_watchdog_gives_a_new_stream_time_for_its_first_callback() -> None:
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    watchdog = StreamWatchdog([stream], startup_grace_seconds=5.0, clock=clock)
    clock.now += 4.0
    assert watchdog.check() == []
    clock.now += 2.0
    assert "within" in watchdog.check()[0]


def test_a_prefill_burst_then_a_slow_start_is_not_a_stall() -> None:
    """Measured on PulseAudio: one output callback at once, then 1.6 s of nothing, then steady."""
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    factory.streams[0].deliver(np.zeros((320, 1), dtype=np.int16))
    watchdog = StreamWatchdog([stream], stall_seconds=1.0, startup_grace_seconds=5.0, clock=clock)
    clock.now += 1.6
    assert watchdog.check() == []
    factory.streams[0].deliver(np.zeros((320, 1), dtype=np.int16))
    clock.now += 4.0
    factory.streams[0].deliver(np.zeros((320, 1), dtype=np.int16))
    assert watchdog.check() == []
    clock.now += 1.5  # past the grace period, silent: now it is a stall
    assert "no callback" in watchdog.check()[0]


def test_watchdog_does_not_revive_a_stream_the_app_closed() -> None:
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    stream.close()
    clock.now += 60
    assert StreamWatchdog([stream], clock=clock).check() == []


def test_failed_reopen_is_retried_after_a_pause() -> None:
    factory, clock = FakeFactory(), FakeClock()
    stream = capture_stream(factory, clock)
    stream.start()
    factory.streams[0].die_silently()
    watchdog = StreamWatchdog([stream], retry_seconds=2.0, clock=clock)
    factory.fail = True
    assert "reopen failed" in watchdog.check()[0]
    assert "device unavailable" in (stream.health().last_error or "")
    clock.now += 1.0
    assert watchdog.check() == []  # backing off
    factory.fail = False
    clock.now += 1.5
    assert "reopened" in watchdog.check()[0]
    assert stream.is_open


def test_stream_needs_the_matching_buffer() -> None:
    with pytest.raises(ValueError):
        MonitoredStream("capture", DeviceChoice(), factory=FakeFactory())
    with pytest.raises(ValueError):
        MonitoredStream("playback", DeviceChoice(), factory=FakeFactory())
