"""The headset path on PulseAudio/PipeWire, moved by the bridge's own clock thread.

    mic:     source --(libpulse's C thread)--> record queue --(bridge thread: PulseCaptureReader)--> bridge port
    speaker: bridge port --(bridge thread: PulsePlaybackWriter)--> playback queue --(server)--> sink

With PortAudio (``os_stream``) each direction has a Python callback on the device's thread and a
ring between it and the bridge. Here libpulse's own queues take the rings' place and its thread
runs no Python, so:

- one Python real-time thread (pjmedia's clock) instead of three. Every Python real-time thread
  has to win the GIL from the GUI thread on time. Measured with the GUI busy 25 ms in 50
  (tests/bench/bench_audio_soak.py, 2 minutes each, same loaded 2-core box, sound server at
  normal priority): PortAudio callbacks + rings 8 ring underruns, 10 device underflows and 7
  stalled-stream reopens; libpulse with Python callbacks + rings 4 underruns and 91 server
  underflows; this driven path 3 underruns, nothing else;
- one cushion per direction instead of a ring cushion plus a device buffer: the latency the
  issue-4 bench measured lost in the device path was mostly those two stacked buffers (see the
  figures at ``HeadsetPathSettings``).

The bridge thread takes libpulse's lock and copies with the GIL held (``PulseStream._enter``,
``ring.memmove_holding_gil``): each call that drops the GIL is a hand-over the busy GUI thread
can win, so a frame costs two GIL acquisitions (the two SWIG callbacks) instead of a dozen.

Both sides reuse the drift control of the PortAudio path (``DriftController`` + ``CubicResampler``):

- capture (``PulseCaptureReader``): each bridge tick first moves what libpulse has received into
  the reader's ring (``PulseStream.read_into_ring``; same thread, so it may drop the oldest
  samples if the bridge was not reading, e.g. between calls), then reads one frame through the
  ordinary ``DriftCompensatedReader`` logic;
- playback (``PulsePlaybackWriter``): each bridge frame gets the local tone mixed in, is resampled
  by the ratio the controller derives from libpulse's latency estimate (what is queued ahead of
  the speaker just before the write), and is queued with ``PulseStream.write``. After a server
  underflow it re-primes with silence up to the cushion; when the queue stays far above the
  cushion (a stalled server caught up) it drops input at once instead of slewing for minutes.

Everything here runs on the bridge's clock thread: O(frame), no allocation per frame, no logging,
no pjsua2 calls.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from softphone.audio.drift import DriftController, DriftControlSettings
from softphone.audio.drift_reader import AdaptiveCushion, DriftCompensatedReader, ReaderStats
from softphone.audio.os_stream import MonitoredStream
from softphone.audio.resampler import CubicResampler
from softphone.audio.ring import SampleRing
from softphone.audio.tones import ToneMixer


def _peak(samples: npt.NDArray[np.int16]) -> int:
    return max(int(samples.max()), -int(samples.min())) if len(samples) else 0


class PulseCaptureReader(DriftCompensatedReader):
    """The bridge's mic: drains the capture stream's libpulse queue, then reads with drift control."""

    def __init__(self, stream: MonitoredStream, ring: SampleRing, *args, **kwargs) -> None:
        super().__init__(ring, *args, **kwargs)
        self.stream = stream
        self.last_fill = 0
        """Samples available to the latest read (diagnostics: the margin is this less the frame)."""

    def read_into(self, out: npt.NDArray[np.int16]) -> int:
        pulse = self.stream.current
        if pulse is not None:
            pulse.read_into_ring(self.ring)
        self.last_fill = self.ring.fill
        real = super().read_into(out)
        self.stream.peak = _peak(out)
        return real


class PulsePlaybackWriter:
    """The bridge's speaker: what the port receives is queued on the playback stream, drift-corrected.

    ``target_fill``: samples queued ahead of the speaker just before each write (libpulse's
    estimate, the device's buffer included), i.e. the margin that absorbs the bridge thread's
    lateness. The average delay a sample sees is that plus half a frame.
    """

    def __init__(
        self,
        stream: MonitoredStream,
        sample_rate: int,
        target_fill: int,
        tone_mixer: ToneMixer,
        *,
        frame_samples: int = 320,
        max_excess: int | None = None,
        settings: DriftControlSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        grow_step: int = 0,
        max_target_fill: int | None = None,
        grow_after_seconds: float = 5.0,
        shrink_after_seconds: float = 600.0,
    ) -> None:
        self.stream = stream
        self.sample_rate = sample_rate
        self.target_fill = target_fill
        self.tone_mixer = tone_mixer
        self.max_excess = max_excess if max_excess is not None else max(target_fill, frame_samples)
        self.controller = DriftController(target_fill, sample_rate, settings)
        capacity = 2 * frame_samples + 16
        self.resampler = CubicResampler(capacity)
        self._frame = np.zeros(capacity, dtype=np.int16)
        self._out = np.zeros(capacity, dtype=np.int16)
        self._out_address = self._out.ctypes.data
        self._silence = np.zeros(sample_rate, dtype=np.int16)  # one second: the longest re-prime
        self._silence_address = self._silence.ctypes.data
        self._clock = clock
        self.cushion = AdaptiveCushion(target_fill, grow_step, max_target_fill, grow_after_seconds, shrink_after_seconds)
        self._seen_underflows = 0
        self._stream_seen: object | None = None
        self.primed = False
        self._cutting = False
        self.last_queued = 0.0
        self.underruns = 0
        """Server underflows seen (the speaker played silence: audible)."""
        self.reprimes = 0
        self.latency_cuts = 0
        self.cut_samples = 0
        self.frames = 0

    @property
    def ring(self) -> None:  # the PortAudio reader's attribute; nothing in between here
        return None

    def write(self, samples: npt.NDArray[np.int16], at: float | None = None) -> int:
        """Bridge thread, once per frame: queue ``samples`` (plus the local tone) for the speaker."""
        pulse = self.stream.current
        if pulse is None:
            return 0
        if pulse is not self._stream_seen:  # a new stream (first one, or reopened by the watchdog)
            self._stream_seen, self._seen_underflows, self.primed = pulse, pulse.output_underflows, False
        count = len(samples)
        frame = self._frame[:count]
        frame[:] = samples
        self.tone_mixer.mix_into(frame)
        self.stream.peak = _peak(frame)
        self.frames += 1

        queued = pulse.queued_frames()
        now = self._clock()
        if pulse.output_underflows != self._seen_underflows:
            self._seen_underflows = pulse.output_underflows
            self.underruns += 1
            self.primed = False
            if self.cushion.underrun(now):
                self._set_target(self.cushion.target)
        elif self.cushion.tick(now):
            self._set_target(self.cushion.target)
        if queued is None:  # no timing information yet: queue as it comes
            return self._queue(pulse, frame, 1.0)
        self.last_queued = queued
        if not self.primed:
            # (Re)start with a full cushion: silence now beats an underflow on the next late tick.
            missing = int(self.target_fill - queued)
            if missing > 0:
                pulse.write(self._silence_address, min(missing, len(self._silence)))
                queued += missing
            self.primed = True
            self.reprimes += 1
            self.controller.reset_average(queued)
            self.cushion.start(now)
        ratio = self.controller.update(queued, count / self.sample_rate)
        if not self._cutting and self.controller.average_fill > self.target_fill + self.max_excess:
            # A stalled server caught up, or the bridge burst: drop the excess now (one glitch)
            # rather than carry it for minutes at the controller's slew rate.
            self._cutting = True
            self.latency_cuts += 1
        if self._cutting:
            excess = min(count, int(queued - self.target_fill))
            if excess > 0:
                frame = frame[excess:]
                self.cut_samples += excess
            if excess < count:  # back at the cushion
                self._cutting = False
                self.controller.reset_average(self.target_fill)
        return self._queue(pulse, frame, ratio)

    def _queue(self, pulse, frame: npt.NDArray[np.int16], ratio: float) -> int:
        if len(frame) == 0:
            return 0
        resampler = self.resampler
        resampler.ratio = ratio
        resampler.push(frame)
        produced = resampler.outputs_available()
        resampler.render(self._out[:produced])
        pulse.write(self._out_address, produced)
        return len(frame)

    @property
    def cushion_grows(self) -> int:
        return self.cushion.grows

    def _set_target(self, target: int) -> None:
        self.target_fill = target
        self.controller.target_fill = target

    def stats(self) -> ReaderStats:
        return ReaderStats(
            primed=self.primed,
            fill=int(self.last_queued),
            average_fill=self.controller.average_fill,
            correction_ppm=self.controller.correction_ppm,
            underruns=self.underruns,
            overruns=0,
            reprimes=max(0, self.reprimes - 1),  # the first priming is the start, not a glitch
            latency_cuts=self.latency_cuts,
            target_fill=self.target_fill,
            cushion_grows=self.cushion_grows,
        )
