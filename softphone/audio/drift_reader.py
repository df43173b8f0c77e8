"""The consumer end of a ring that hides the producer's clock drift.

Each direction of the audio path has one ring whose producer and consumer run on different
clocks (mic: sound card -> bridge; speaker: bridge -> sound card). The consumer reads through a
``DriftCompensatedReader``: it always gets exactly the number of samples its clock asks for, and
the reader resamples a little faster or slower so that the ring's fill stays at the target.

Correcting at the consumer for both directions keeps one code path and gives the controller a
steady observation point: it runs on every read, on the consumer's own clock.

Per read: a few attribute updates, one ring copy, one resampler render -- O(frame), no
allocation. It runs on the real-time thread of the consumer (pjmedia clock thread or PortAudio
callback thread), so it must never block, log, or call into pjsua2.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from softphone.audio.drift import DriftController, DriftControlSettings
from softphone.audio.resampler import CubicResampler
from softphone.audio.ring import SampleRing


@dataclass(frozen=True)
class ReaderStats:
    primed: bool
    fill: int
    average_fill: float
    correction_ppm: float
    underruns: int
    overruns: int
    reprimes: int
    latency_cuts: int
    target_fill: int = 0
    cushion_grows: int = 0


class AdaptiveCushion:
    """A direction's cushion (target fill): grows after a mid-call underrun, creeps back after a quiet spell.

    A machine that starved the cushion once will do it again, and a few ms more delay beat a
    click every minute; but one bad minute (a virus scan, a build) should not cost the rest of
    the day's calls that delay, since the path lives as long as the app. Start-up underruns (a
    new PulseAudio stream settles for ~2 s) do not count.
    """

    def __init__(self, base: int, step: int = 0, maximum: int | None = None,
                 grow_after_seconds: float = 5.0, shrink_after_seconds: float = 600.0) -> None:
        self.base = self.target = base
        self.step = step
        self.maximum = max(base, maximum or base)
        self.grow_after_seconds = grow_after_seconds
        self.shrink_after_seconds = shrink_after_seconds
        self.started_at: float | None = None
        self._quiet_since: float | None = None
        self.grows = 0
        self.shrinks = 0

    def start(self, now: float) -> None:
        if self.started_at is None:
            self.started_at = self._quiet_since = now

    def underrun(self, now: float) -> bool:
        """Note an underrun; True if the target grew."""
        if self.started_at is None or now - self.started_at < self.grow_after_seconds:
            return False
        self._quiet_since = now
        if not self.step or self.target + self.step > self.maximum:
            return False
        self.target += self.step
        self.grows += 1
        return True

    def tick(self, now: float) -> bool:
        """Called per frame; True if the target shrank one step back towards the base."""
        if self.target <= self.base or self._quiet_since is None or now - self._quiet_since < self.shrink_after_seconds:
            return False
        self.target = max(self.base, self.target - self.step)
        self._quiet_since = now
        self.shrinks += 1
        return True


class DriftCompensatedReader:
    """Reads exactly ``len(out)`` samples per call from ``ring``, steering the fill to ``target_fill``.

    Until the ring first holds ``target_fill`` samples (and again after an underrun) the reader
    is *priming*: it outputs silence and leaves the ring alone, so the first real read starts
    with a full cushion instead of underrunning at once.

    If the average fill climbs far above the target (a stalled consumer, a burst after a device
    hiccup) slewing it back at a few thousand ppm would take minutes of extra latency, so the
    excess is cut at once instead (``latency_cuts``).

    With ``grow_step`` set, an underrun after the start-up grace period also raises the target
    by ``grow_step`` samples (up to ``max_target_fill``), and ``shrink_after_seconds`` without
    one lowers it a step again (``AdaptiveCushion``).
    """

    def __init__(
        self,
        ring: SampleRing,
        sample_rate: int,
        target_fill: int,
        max_block: int,
        max_excess: int | None = None,
        settings: DriftControlSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        grow_step: int = 0,
        max_target_fill: int | None = None,
        grow_after_seconds: float = 5.0,
        resume_gap_seconds: float = 0.2,
        shrink_after_seconds: float = 600.0,
    ) -> None:
        if target_fill + max_block > ring.capacity:
            raise ValueError(
                f"ring of {ring.capacity} samples cannot hold target {target_fill} + a {max_block}-sample block"
            )
        self.ring = ring
        self.sample_rate = sample_rate
        self.target_fill = target_fill
        self.max_block = max_block
        self.max_excess = max_excess if max_excess is not None else max(target_fill, sample_rate // 10)
        self.controller = DriftController(target_fill, sample_rate, settings)
        self.resampler = CubicResampler(max_block)
        self._input_scratch = np.zeros(self.resampler_input_capacity, dtype=np.int16)
        self._clock = clock
        self.primed = False
        self.reprimes = 0
        self.latency_cuts = 0
        self.cushion = AdaptiveCushion(
            target_fill, grow_step, min(max_target_fill or target_fill, ring.capacity - max_block),
            grow_after_seconds, shrink_after_seconds,
        )
        self.resume_gap_seconds = resume_gap_seconds
        self._last_read_at: float | None = None

    @property
    def resampler_input_capacity(self) -> int:
        return 2 * self.max_block + 16

    def read_into(self, out: npt.NDArray[np.int16]) -> int:
        """Fill ``out`` completely; returns how many of its samples came from the ring.

        Fewer than ``len(out)`` means the rest is silence (priming or underrun).
        """
        count = len(out)
        fill = self.ring.fill
        now = self._clock()
        last, self._last_read_at = self._last_read_at, now
        if self.primed and last is not None and now - last > self.resume_gap_seconds and fill > self.target_fill:
            # The consumer paused (the bridge stops pulling the mic between calls) while the
            # producer went on: what piled up is stale. Start again from the cushion at once
            # instead of playing it out while the average catches up with it.
            self.ring.discard(fill - self.target_fill)
            fill = self.ring.fill
            self.controller.reset_average(fill)
            self.latency_cuts += 1
        if not self.primed:
            if fill < self.target_fill:
                out[:] = 0
                return 0
            self.primed = True
            self.controller.reset_average(fill)
            self.cushion.start(now)
        if self.cushion.tick(now):
            self._set_target(self.cushion.target)

        elapsed = count / self.sample_rate
        ratio = self.controller.update(self._continuous_fill(fill, now), elapsed)
        if self.controller.average_fill > self.target_fill + self.max_excess:
            self.ring.discard(fill - self.target_fill)
            self.controller.reset_average(self.target_fill)
            self.latency_cuts += 1
        self.resampler.ratio = ratio

        needed = self.resampler.input_needed(count)
        if needed > self.ring.fill:
            # Underrun: play what is left as silence-padded audio and re-prime. Skipping the
            # resampler here keeps its phase; the gap is silence either way.
            real = self.ring.read_into(out)  # counts the underrun in the ring
            self.primed = False
            self.reprimes += 1
            if self.cushion.underrun(now):
                self._set_target(self.cushion.target)
            return real
        scratch = self._input_scratch[:needed]
        self.ring.read_into(scratch)
        self.resampler.push(scratch)
        self.resampler.render(out)
        return count

    @property
    def cushion_grows(self) -> int:
        return self.cushion.grows

    def _set_target(self, target: int) -> None:
        self.target_fill = target
        self.controller.target_fill = target

    def _continuous_fill(self, fill: int, now: float) -> float:
        """The fill as if the producer delivered sample by sample instead of in bursts.

        Sampled at the consumer's reads, the fill is a saw-tooth whose phase slides slowly with
        the drift (both clocks are steady, so the reads strobe the producer's bursts). Averaging
        cannot remove that slow alias and the controller chases it (measured: the correction
        swung between -190 and +3100 ppm around a true 1000 ppm). Adding the part of the next
        burst that the producer has already "earned" since its last write turns the saw-tooth
        into a continuous ramp, and the correction stays steady.
        """
        written_at, written = self.ring.last_write
        if written == 0:
            return float(fill)  # the producer gives no timestamps: fall back to the raw fill
        earned = (now - written_at) * self.sample_rate
        return fill + min(max(earned, 0.0), float(written))

    def stats(self) -> ReaderStats:
        return ReaderStats(
            primed=self.primed,
            fill=self.ring.fill,
            average_fill=self.controller.average_fill,
            correction_ppm=self.controller.correction_ppm,
            underruns=self.ring.underruns,
            overruns=self.ring.overruns,
            reprimes=self.reprimes,
            latency_cuts=self.latency_cuts,
            target_fill=self.target_fill,
            cushion_grows=self.cushion_grows,
        )
