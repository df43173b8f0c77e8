"""The bridge-driven libpulse path's logic, against a scripted stand-in for ``PulseStream`` (no server).

What libpulse itself does (queues, timing, death) is exercised against the real PulseAudio server
in tests/integration/audio; here: priming, drift correction, underflow handling, latency cuts,
the tone on the way out, draining the record queue, the adaptive cushion and the watchdog's view.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from drift_simulation import SimulatedClock  # sibling module: pytest puts this folder on sys.path

from softphone.audio.devices import DeviceChoice
from softphone.audio.drift_reader import AdaptiveCushion, DriftCompensatedReader
from softphone.audio.os_stream import MonitoredStream, StreamWatchdog, uses_libpulse
from softphone.audio.pulse_path import PulseCaptureReader, PulsePlaybackWriter
from softphone.audio.ring import SampleRing
from softphone.audio.tones import Sound, ToneMixer

RATE = 16000
FRAME = 320


@dataclass
class ScriptedPulse:
    """Plays ``PulseStream`` in driven mode: a playback queue drained by a simulated speaker, or a
    record queue the test fills. ``queued`` is what libpulse's latency estimate would say."""

    kwargs: dict[str, Any] = field(default_factory=dict)
    queued: float | None = 0.0
    output_underflows: int = 0
    input_overflows: int = 0
    written: list[np.ndarray] = field(default_factory=list)
    record_queue: list[np.ndarray] = field(default_factory=list)
    active: bool = False
    closed: bool = False
    latency: float = 0.01
    alive_at: float | None = None
    driven: bool = True

    def start(self) -> None:
        self.active = True

    def abort(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True

    def queued_frames(self) -> float | None:
        return self.queued

    def write(self, address: int, count: int) -> bool:
        samples = np.frombuffer((ctypes.c_int16 * count).from_address(address), dtype=np.int16).copy()
        self.written.append(samples)
        if self.queued is not None:
            self.queued += count
        return True

    def play(self, seconds: float) -> None:
        """The speaker consumes ``seconds`` of the queue; running dry is an underflow."""
        assert self.queued is not None
        self.queued -= seconds * RATE
        if self.queued < 0:
            self.queued = 0.0
            self.output_underflows += 1

    def read_into_ring(self, ring: SampleRing) -> int:
        moved = 0
        for chunk in self.record_queue:
            moved += ring.write_from_address(chunk.ctypes.data, len(chunk), keep_newest=True)
        self.record_queue.clear()
        return moved

    def progress(self) -> float | None:
        return self.alive_at


@dataclass
class ScriptedFactory:
    streams: list[ScriptedPulse] = field(default_factory=list)

    def __call__(self, **kwargs: Any) -> ScriptedPulse:
        stream = ScriptedPulse(kwargs)
        self.streams.append(stream)
        return stream


def driven(direction: str, clock: SimulatedClock) -> tuple[MonitoredStream, ScriptedFactory]:
    factory = ScriptedFactory()
    stream = MonitoredStream(direction, DeviceChoice(pulse_endpoint="headset"), driven=True, factory=factory, clock=clock)  # type: ignore[arg-type]
    stream.start()
    return stream, factory


def writer_for(stream: MonitoredStream, clock: SimulatedClock, target: int = 320, **kwargs: Any) -> PulsePlaybackWriter:
    return PulsePlaybackWriter(stream, RATE, target, ToneMixer(None, 2 * FRAME + 16), clock=clock, **kwargs)


def frame(value: int = 1000) -> np.ndarray:
    return np.full(FRAME, value, dtype=np.int16)


# -- playback ---------------------------------------------------------------------------------------


def test_first_write_primes_the_queue_with_silence_up_to_the_cushion() -> None:
    clock = SimulatedClock(now=10.0)
    stream, factory = driven("playback", clock)
    writer = writer_for(stream, clock, target=480)
    assert writer.write(frame()) == FRAME
    pulse = factory.streams[0]
    assert len(pulse.written) == 2
    assert len(pulse.written[0]) == 480 and not pulse.written[0].any()  # the cushion, silent
    assert np.all(pulse.written[1][4:] == 1000)  # then the frame (the resampler's first taps ramp in)
    assert writer.primed and writer.stats().reprimes == 0  # priming at start is not a glitch


def test_frames_pass_unchanged_in_length_when_the_queue_sits_on_target() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    writer = writer_for(stream, clock, target=480)
    pulse = factory.streams[0]
    for _ in range(200):
        writer.write(frame())
        clock.now += 0.02
        pulse.play(0.02)
    produced = sum(len(w) for w in pulse.written[1:])
    assert produced == pytest.approx(200 * FRAME, abs=8)
    assert abs(writer.controller.correction_ppm) < 100
    assert writer.underruns == 0


def test_a_queue_that_keeps_growing_is_slowed_by_the_resampler() -> None:
    """Speaker clock 1000 ppm slow: the writer must produce fewer samples than it is given."""
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    writer = writer_for(stream, clock, target=480)
    pulse = factory.streams[0]
    for _ in range(int(120 / 0.02)):  # two simulated minutes
        writer.write(frame())
        clock.now += 0.02
        pulse.play(0.02 * (1 - 1000e-6))
    assert writer.controller.correction_ppm == pytest.approx(1000, abs=150)
    assert pulse.queued == pytest.approx(480 + FRAME, abs=2 * FRAME)  # bounded near the cushion (+ the frame just written)
    assert writer.underruns == 0 and writer.latency_cuts == 0


def test_an_underflow_reprimes_and_grows_the_cushion_after_start_up() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    writer = writer_for(stream, clock, target=320, grow_step=160, max_target_fill=640)
    pulse = factory.streams[0]
    for _ in range(500):  # 10 s of normal operation
        writer.write(frame())
        clock.now += 0.02
        pulse.play(0.02)
    pulse.play(0.2)  # the bridge thread stalls for 200 ms: the speaker runs dry
    clock.now += 0.2
    pulse.written.clear()
    writer.write(frame())
    assert writer.underruns == 1 and writer.stats().reprimes == 1
    assert writer.target_fill == 480 and writer.cushion_grows == 1
    assert len(pulse.written[0]) == 480 and not pulse.written[0].any()  # re-primed with silence


def test_a_queue_far_above_the_cushion_is_cut_instead_of_slewed() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    writer = writer_for(stream, clock, target=320, max_excess=480)
    pulse = factory.streams[0]
    for _ in range(100):
        writer.write(frame())
        clock.now += 0.02
        pulse.play(0.02)
    pulse.queued += 3200  # a stalled server caught up: 200 ms too much queued
    frames_to_cut = 0
    while writer.latency_cuts == 0 or writer._cutting:  # noqa: SLF001 - the state under test
        writer.write(frame())
        clock.now += 0.02
        pulse.play(0.02)
        frames_to_cut += 1
        assert frames_to_cut < 60, "the excess was not cut within 1.2 s"
    assert pulse.queued < 320 + 2 * FRAME
    assert writer.cut_samples >= 3200 - 2 * FRAME


def test_the_local_tone_is_mixed_into_what_is_queued() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    mixer = ToneMixer(None, 2 * FRAME + 16, sounds={Sound.RINGBACK: np.full(800, 300, dtype=np.int16)})
    writer = PulsePlaybackWriter(stream, RATE, 320, mixer, clock=clock)
    mixer.set_tone(Sound.RINGBACK)
    writer.write(frame(1000))
    assert np.all(factory.streams[0].written[-1][4:] == 1300)


def test_no_open_stream_means_nothing_is_written() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    stream.close()
    assert writer_for(stream, clock).write(frame()) == 0


def test_a_reopened_stream_is_primed_again() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    writer = writer_for(stream, clock, target=320)
    writer.write(frame())
    stream.reopen("test")
    writer.write(frame())
    second = factory.streams[1]
    assert len(second.written[0]) == 320 and not second.written[0].any()


# -- capture ----------------------------------------------------------------------------------------


def test_capture_reader_drains_the_record_queue_then_reads_a_frame() -> None:
    clock = SimulatedClock()
    stream, factory = driven("capture", clock)
    ring = SampleRing(RATE)
    reader = PulseCaptureReader(stream, ring, RATE, 480, max_block=FRAME, clock=clock)
    pulse = factory.streams[0]
    pulse.record_queue.append(np.arange(400, dtype=np.int16))
    out = np.zeros(FRAME, dtype=np.int16)
    assert reader.read_into(out) == 0  # priming: 400 < 480
    pulse.record_queue.append(np.arange(400, 800, dtype=np.int16))
    assert reader.read_into(out) == FRAME
    assert reader.last_fill == 800
    assert stream.peak > 0


def test_ring_keeps_the_newest_samples_when_a_c_buffer_overfills_it() -> None:
    ring = SampleRing(1000)
    data = np.arange(1500, dtype=np.int16)
    ring.write_from_address(data.ctypes.data, 600, keep_newest=True)
    ring.write_from_address(data[600:].ctypes.data, 900, keep_newest=True)
    out = np.empty(1000, dtype=np.int16)
    assert ring.read_into(out) == 1000
    assert np.array_equal(out, data[500:])
    assert ring.overruns == 1 and ring.dropped_samples == 500


def test_ring_copies_from_memory_across_the_wrap() -> None:
    ring = SampleRing(500)
    out = np.empty(320, dtype=np.int16)
    for start in range(0, 3200, 320):
        chunk = np.arange(start, start + 320, dtype=np.int16)
        assert ring.write_from_address(chunk.ctypes.data, 320) == 320
        ring.read_into(out)
        assert np.array_equal(out, chunk)
    too_much = np.arange(600, dtype=np.int16)
    assert ring.write_from_address(too_much.ctypes.data, 600) == 500  # without keep_newest: drops the newest
    assert ring.overruns == 1


def test_reader_cuts_what_piled_up_while_the_bridge_did_not_read() -> None:
    clock = SimulatedClock()
    ring = SampleRing(RATE)
    reader = DriftCompensatedReader(ring, RATE, 640, max_block=FRAME, clock=clock)
    out = np.zeros(FRAME, dtype=np.int16)
    ring.write(np.ones(640, dtype=np.int16))
    reader.read_into(out)
    clock.now += 5.0  # between calls: nobody reads the mic, the device goes on
    ring.write(np.ones(8000, dtype=np.int16))
    assert reader.read_into(out) == FRAME
    assert reader.latency_cuts == 1
    assert ring.fill <= 640 - FRAME + 4


# -- the adaptive cushion ---------------------------------------------------------------------------


def test_cushion_grows_after_start_up_and_creeps_back_after_a_quiet_spell() -> None:
    cushion = AdaptiveCushion(480, step=160, maximum=800, grow_after_seconds=5.0, shrink_after_seconds=600.0)
    cushion.start(0.0)
    assert not cushion.underrun(2.0) and cushion.target == 480  # start-up: PulseAudio settling
    assert cushion.underrun(60.0) and cushion.target == 640
    assert cushion.underrun(70.0) and cushion.target == 800
    assert not cushion.underrun(80.0) and cushion.target == 800  # capped
    assert not cushion.tick(600.0)  # the last underrun (t=80) was under 10 minutes ago
    assert cushion.tick(680.0) and cushion.target == 640
    assert not cushion.tick(700.0)
    assert cushion.tick(1280.0) and cushion.target == 480
    assert not cushion.tick(5000.0) and cushion.target == 480  # never below the base
    assert (cushion.grows, cushion.shrinks) == (2, 2)


# -- the watchdog's view of a driven stream ---------------------------------------------------------


def test_driven_stream_liveness_comes_from_the_servers_answers() -> None:
    clock = SimulatedClock(now=100.0)
    stream, factory = driven("capture", clock)
    assert factory.streams[0].kwargs["callback"] is not None  # MonitoredStream passes one; a driven factory drops it
    watchdog = StreamWatchdog([stream], stall_seconds=1.0, startup_grace_seconds=5.0, clock=clock)
    pulse = factory.streams[0]
    for _ in range(40):  # 10 s of answers every 250 ms
        clock.now += 0.25
        pulse.alive_at = clock.now
        assert watchdog.check() == []
    assert stream.health().callbacks >= 40
    clock.now += 2.0  # the server stops answering
    assert watchdog.check() == ["capture: no callback for 2.0 s -> reopened"]
    assert len(factory.streams) == 2


def test_driven_stream_reports_the_servers_underflows_across_reopens() -> None:
    clock = SimulatedClock()
    stream, factory = driven("playback", clock)
    factory.streams[0].output_underflows = 2
    stream.reopen("test")
    factory.streams[1].output_underflows = 1
    assert stream.health().output_underflows == 3


def test_portaudio_backend_is_never_libpulse() -> None:
    choice = DeviceChoice(pulse_endpoint="headset_speaker")
    assert not uses_libpulse(choice, "portaudio")
    assert not uses_libpulse(DeviceChoice(portaudio_device=3), "auto")
