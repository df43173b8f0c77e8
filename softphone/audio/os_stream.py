"""OS audio streams: PortAudio (``sounddevice``) callbacks feeding rings, or libpulse streams, watched.

Which backend (``default_factory``, ``StreamSettings.backend``): on Linux, a device that is a
PulseAudio/PipeWire sink or source is opened through libpulse (``pulse_stream``) when it loads,
because Debian's PortAudio reaches the sound server only through ALSA's pulse plugin, which
cannot be asked for a small latency (see ``pulse_stream``). Everything else (Windows, macOS,
ALSA-only Linux) uses PortAudio. The headset path on libpulse is *driven* by the bridge
(``driven=True``, ``pulse_path``): no callbacks, the watchdog polls the server's answers instead.

Why sounddevice: it wraps PortAudio (WASAPI/MME on Windows, CoreAudio on macOS, ALSA->PulseAudio/
PipeWire on Linux) through cffi with a real-time callback API that hands numpy views of the
device buffer, and its Windows and macOS wheels bundle PortAudio. Measured for this design
(tests/bench/bench_audio.py): the whole headset path, both directions, costs 2-3 % of one core.
Alternatives: PyAudio has the same backend but a bytes-based callback (an allocation per block);
python-soundcard offers only blocking reads/writes (a thread each, no callback); QtMultimedia is
not in PySide6-Essentials (our pin ships only its .pyi stubs) and delivers through a QIODevice on
a Qt event-loop thread rather than a real-time callback.

Each stream's callback does O(frame) ring work and nothing else:

- capture: ``ring.write(indata, at=now)`` (the bridge reads it through a ``DriftCompensatedReader``);
- playback: ``reader.read_into(outdata)`` (the bridge port wrote the ring).

The callback runs on PortAudio's thread, which pjlib does not know: it must never call pjsua2.

Silent death: a stream can stop calling back without any error reaching the app (measured here:
the sound server going away; reported in issue 4: a 20 ms prefill underran and the stream stopped). ``MonitoredStream``
counts callbacks; ``StreamWatchdog`` polls them and reopens a stream that is inactive or has not
called back for ``stall_seconds``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from softphone.audio.devices import PULSE_PORTAUDIO_DEVICE, DeviceChoice, Direction, pulse_routing
from softphone.audio.drift_reader import DriftCompensatedReader
from softphone.audio.ring import SampleRing

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
"""G.722 wideband: the bridge and the headset both run at 16 kHz, so no rate conversion on the way."""
FRAME_SAMPLES = 320
"""20 ms at 16 kHz: the bridge's frame."""
BLOCK_SAMPLES = 160
"""10 ms PortAudio blocks. Half the bridge frame: the ring cushion must cover one producer block
plus one consumer block plus jitter, so smaller device blocks buy a smaller cushion. Measured
(tests/bench/bench_audio.py, PulseAudio): 160-sample blocks with a 40 ms cushion gave a ~64 ms
shorter round trip than 320/50 ms with no underrun, for ~0.7 % more of a core."""


class CallbackStream(Protocol):
    """The part of ``sounddevice.InputStream``/``OutputStream`` we use (fakes implement it in tests)."""

    active: bool
    latency: Any

    def start(self) -> None: ...
    def abort(self) -> None: ...
    def close(self) -> None: ...


StreamFactory = Callable[..., CallbackStream]
"""Called like ``sounddevice.InputStream(...)`` / ``OutputStream(...)`` (keyword arguments)."""


def sounddevice_factory(direction: Direction) -> StreamFactory:
    import sounddevice

    return sounddevice.InputStream if direction == "capture" else sounddevice.OutputStream


def uses_libpulse(choice: DeviceChoice, backend: str = "auto") -> bool:
    """Whether ``choice`` is opened through libpulse rather than PortAudio (see ``default_factory``)."""
    if backend == "portaudio":
        return False
    wants_pulse = choice.pulse_endpoint is not None or choice.portaudio_device == PULSE_PORTAUDIO_DEVICE
    if backend == "auto" and not wants_pulse:
        return False
    from softphone.audio import pulse_stream

    return pulse_stream.available()


def default_factory(direction: Direction, choice: DeviceChoice, backend: str = "auto") -> StreamFactory:
    """libpulse for PulseAudio/PipeWire targets when it loads (lower latency, see pulse_stream), else PortAudio."""
    from softphone.audio import pulse_stream

    if uses_libpulse(choice, backend):
        return pulse_stream.pulse_factory(direction)
    if backend == "pulse":
        raise pulse_stream.PulseUnavailable("libpulse is not available")
    return sounddevice_factory(direction)


@dataclass(frozen=True)
class StreamSettings:
    sample_rate: int = SAMPLE_RATE
    block_samples: int = BLOCK_SAMPLES
    # "low" asks PortAudio for the device's low-latency default (measured via ALSA->PulseAudio:
    # 40 ms in, 60 ms out). Larger is safer on busy machines, at the cost of call delay.
    latency: float | str = "low"
    # "auto": libpulse straight to PulseAudio/PipeWire where the device is a pulse sink/source,
    # PortAudio elsewhere (Windows, macOS, ALSA-only Linux); "pulse" / "portaudio" force one.
    backend: str = "auto"


@dataclass(frozen=True)
class StreamHealth:
    direction: Direction
    active: bool
    callbacks: int
    seconds_since_callback: float | None
    input_overflows: int
    output_underflows: int
    reopens: int
    last_reopen_reason: str | None
    last_error: str | None


class MonitoredStream:
    """One direction of OS audio, opened on ``choice``, whose liveness can be checked and restored.

    Capture streams write into ``ring``; playback streams read from ``reader``. Exactly one of
    them is given, matching ``direction``.
    """

    def __init__(
        self,
        direction: Direction,
        choice: DeviceChoice,
        *,
        ring: SampleRing | None = None,
        reader: DriftCompensatedReader | None = None,
        settings: StreamSettings | None = None,
        factory: StreamFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        driven: bool = False,
    ) -> None:
        if not driven and direction == "capture" and ring is None:
            raise ValueError("a capture stream needs the ring it writes")
        if not driven and direction == "playback" and reader is None:
            raise ValueError("a playback stream needs the reader it drains")
        self.direction = direction
        self.driven = driven
        """The bridge moves the audio (``pulse_path``): no callbacks; liveness comes from ``progress()``."""
        self.choice = choice
        self.settings = settings or StreamSettings()
        self._ring = ring
        self._reader = reader
        self._given_factory = factory
        self._clock = clock
        self._stream: CallbackStream | None = None
        self._lifecycle = threading.Lock()  # start/close/reopen come from the app and the watchdog
        # Written by the callback thread, read by the watchdog: plain ints/floats, atomic under the GIL.
        self.callbacks = 0
        self.last_callback_at: float | None = None
        self.input_overflows = 0
        self.output_underflows = 0
        self.reopens = 0
        self.last_reopen_reason: str | None = None
        self.opened_at: float | None = None
        self.last_error: str | None = None
        self.wanted = False
        """True between the app's start() and close(): the watchdog only revives wanted streams."""
        self.peak = 0
        """Peak magnitude (0..32768) of the latest block: the level meters poll it."""
        self._finished = False

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        with self._lifecycle:
            self.wanted = True
            self._open_and_start()

    def close(self) -> None:
        with self._lifecycle:
            self.wanted = False
            self._close_quietly()

    def retarget(self, choice: DeviceChoice, reason: str) -> bool:
        """Move the stream to another device (hot-plug fallback, switching back).

        The new device is remembered even if it cannot be opened now: the watchdog keeps retrying it.
        Returns whether the stream runs on it.
        """
        with self._lifecycle:
            self.choice = choice
        return self.reopen(reason)

    def reopen(self, reason: str) -> bool:
        """Close and open again; returns whether the new stream started."""
        with self._lifecycle:
            if not self.wanted:
                return False
            log.warning("reopening %s stream on %s: %s", self.direction, self.choice, reason)
            self._close_quietly()
            self.reopens += 1
            self.last_reopen_reason = reason
            try:
                self._open_and_start()
            except Exception as error:  # noqa: BLE001 - any PortAudio failure: retry on the next check
                self.last_error = f"{type(error).__name__}: {error}"
                log.error("could not reopen %s stream: %s", self.direction, self.last_error)
                return False
            return True

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def current(self) -> Any:
        """The open stream object, or None (the bridge thread of a driven path reads it per frame)."""
        return self._stream

    @property
    def latency_seconds(self) -> float | None:
        stream = self._stream
        return None if stream is None else float(stream.latency)

    def health(self) -> StreamHealth:
        stream = self._stream
        input_overflows, output_underflows = self.input_overflows, self.output_underflows
        if stream is not None and self.driven:
            # No callbacks to count: the server answering for the stream is its sign of life.
            alive_at = stream.progress()
            if alive_at is not None and (self.last_callback_at is None or alive_at > self.last_callback_at):
                self.last_callback_at = alive_at
                self.callbacks += 1
            input_overflows += stream.input_overflows
            output_underflows += stream.output_underflows
        last = self.last_callback_at
        return StreamHealth(
            direction=self.direction,
            active=bool(stream is not None and stream.active and not self._finished),
            callbacks=self.callbacks,
            seconds_since_callback=None if last is None else self._clock() - last,
            input_overflows=input_overflows,
            output_underflows=output_underflows,
            reopens=self.reopens,
            last_reopen_reason=self.last_reopen_reason,
            last_error=self.last_error,
        )

    @property
    def _factory(self) -> StreamFactory:
        # Chosen per open: a retarget may move the stream to a device another backend serves.
        if self._given_factory is not None:
            return self._given_factory
        if self.driven:
            from softphone.audio.pulse_stream import pulse_factory

            return pulse_factory(self.direction, driven=True)
        return default_factory(self.direction, self.choice, self.settings.backend)

    def _open_and_start(self) -> None:
        factory = self._factory
        if getattr(factory, "opens_pulse_endpoints", False):
            device = self.choice.pulse_endpoint  # libpulse names the sink/source itself (None: default)
        else:
            device = self.choice.portaudio_device
            if self.choice.pulse_endpoint is not None and device is None:
                device = PULSE_PORTAUDIO_DEVICE
        callback = self._capture_callback if self.direction == "capture" else self._playback_callback
        self._finished = False
        with pulse_routing(self.direction, self.choice.pulse_endpoint):
            stream = factory(
                device=device,
                samplerate=self.settings.sample_rate,
                blocksize=self.settings.block_samples,
                channels=1,
                dtype="int16",
                latency=self.settings.latency,
                callback=callback,
                finished_callback=self._on_finished,
            )
        try:
            stream.start()
        except Exception:
            stream.close()
            raise
        self._stream = stream
        self.opened_at = self._clock()
        self.last_error = None

    def _close_quietly(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        if self.driven:  # keep the dropped stream's counts in the totals
            self.input_overflows += stream.input_overflows
            self.output_underflows += stream.output_underflows
        for action in (stream.abort, stream.close):
            try:
                action()
            except Exception as error:  # noqa: BLE001 - a dead stream may fail to stop; it is dropped anyway
                log.debug("ignoring error while closing a %s stream: %s", self.direction, error)

    # -- PortAudio thread ---------------------------------------------------------------------------

    def _note_callback(self, status: Any) -> None:
        self.callbacks += 1
        self.last_callback_at = self._clock()
        if status:
            if getattr(status, "input_overflow", False):
                self.input_overflows += 1
            if getattr(status, "output_underflow", False):
                self.output_underflows += 1

    def _capture_callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        self._note_callback(status)
        assert self._ring is not None
        block = indata[:, 0]
        self._ring.write(block, at=self.last_callback_at)
        self.peak = max(int(block.max()), -int(block.min()))

    def _playback_callback(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        self._note_callback(status)
        assert self._reader is not None
        channel = outdata[:, 0]
        block = self._reader.max_block
        # PortAudio keeps to blocksize when it is set; the loop covers hosts that do not.
        for start in range(0, frames, block):
            self._reader.read_into(channel[start : start + block])
        self.peak = max(int(channel.max()), -int(channel.min()))

    def _on_finished(self) -> None:
        # PortAudio calls this when the stream stops for any reason, including the server going away.
        self._finished = True


class StreamWatchdog:
    """Reopens streams that died silently.

    A stream is considered dead when it is not active, or when it has not called back for
    ``stall_seconds`` -- except during the first ``startup_grace_seconds`` after opening, because
    PulseAudio can take ~2 s to settle a new stream (measured on an idle null sink/source). ``check()`` is pure logic on
    the streams' counters so tests drive it with a fake clock; ``start()`` runs it on a thread.
    """

    def __init__(
        self,
        streams: list[MonitoredStream],
        *,
        stall_seconds: float = 1.0,
        startup_grace_seconds: float = 5.0,
        interval_seconds: float = 0.25,
        retry_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.streams = streams
        self.retry_seconds = retry_seconds
        self._retry_at: dict[int, float] = {}
        self.stall_seconds = stall_seconds
        self.startup_grace_seconds = startup_grace_seconds
        self.interval_seconds = interval_seconds
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def diagnose(self, stream: MonitoredStream) -> str | None:
        """Why ``stream`` needs reopening, or ``None`` if it is healthy."""
        now = self._clock()
        if not stream.wanted:
            return None
        if not stream.is_open:
            if now < self._retry_at.get(id(stream), 0.0):
                return None
            return "not open (an earlier reopen failed)"
        health = stream.health()
        if not health.active:
            return "stream is no longer active"
        opened = stream.opened_at or now
        last = stream.last_callback_at
        if now - opened < self.startup_grace_seconds:
            # Streams start unevenly: PortAudio pre-fills the output at once, then the sound
            # server may take seconds to settle (measured: one prefill callback, then 1.6 s of
            # nothing from a fresh PulseAudio null sink). Only a finished stream is dead this early.
            return None
        if last is None or last < opened:
            return f"no callback within {self.startup_grace_seconds:.1f} s of opening"
        if now - last > self.stall_seconds:
            return f"no callback for {now - last:.1f} s"
        return None

    def check(self) -> list[str]:
        """Reopen every dead stream; returns what was done (for logs and tests)."""
        actions = []
        for stream in self.streams:
            reason = self.diagnose(stream)
            if reason is not None:
                ok = stream.reopen(reason)
                if not ok:
                    # The device may be gone for a while (unplugged headset): do not hammer it.
                    self._retry_at[id(stream)] = self._clock() + self.retry_seconds
                actions.append(f"{stream.direction}: {reason} -> {'reopened' if ok else 'reopen failed'}")
        return actions

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="audio-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval_seconds):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the watchdog must outlive any single failure
                log.exception("audio watchdog check failed")
