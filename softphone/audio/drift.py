"""Clock-drift control: keeps a ring's fill level at its target by steering the resampling ratio.

A sound card and pjmedia's bridge clock both claim 16 kHz but differ by up to ~1000 ppm, i.e.
up to 16 samples a second. Left alone the ring between them fills up (latency grows, then
overruns) or drains (underruns) within a minute or so.

Why a PI controller on the *time-averaged* fill:

- the instantaneous fill is a saw-tooth (the producer delivers bursts, e.g. 40 ms from
  PulseAudio, the consumer takes 20 ms frames); averaging over ~1 s removes that ripple so
  it does not become pitch wobble;
- the integral term learns the steady drift (the ratio converges to the true clock ratio, so the
  fill settles exactly on target); the proportional term damps the loop. Measured here: a bang-bang
  "±1 sample per frame" nudge oscillated, this holds ±1000 ppm with no underrun.

Loop model (fill error ``e`` in seconds of audio, ``u = ratio - 1``, drift ``d``):
``de/dt = d - u`` and ``u = Kp*e + Ki*∫e`` give ``s² + Kp*s + Ki``; we pick the natural frequency
``wn`` and damping ``zeta`` and set ``Kp = 2*zeta*wn``, ``Ki = wn²``. With ``wn = 0.1 rad/s`` a
1000 ppm step moves the fill by at most ~4 ms and settles in about a minute, while the ~1 s
averaging pole stays well outside the loop bandwidth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class DriftControlSettings:
    natural_frequency_rad_s: float = 0.1
    damping: float = 1.0
    averaging_seconds: float = 1.0
    # Real clocks stay within ~1000 ppm; twice that leaves headroom for fill transients while
    # a saturated correction stays a 0.2 % (3.5 cent) pitch change. Big transients are not slewed
    # away here: the reader cuts excess latency and re-primes after an underrun. (At 5000 ppm the
    # start-up transient of a PulseAudio stream audibly shifted a 1200 Hz tone by 6 Hz.)
    max_correction_ppm: float = 2000.0


class DriftController:
    """Turns the observed fill of a ring into a resampling ratio for the side that reads it."""

    def __init__(self, target_fill: int, sample_rate: int, settings: DriftControlSettings | None = None) -> None:
        if target_fill <= 0 or sample_rate <= 0:
            raise ValueError("target_fill and sample_rate must be positive")
        self.settings = settings or DriftControlSettings()
        self.target_fill = target_fill
        self.sample_rate = sample_rate
        wn = self.settings.natural_frequency_rad_s
        self._kp = 2.0 * self.settings.damping * wn
        self._ki = wn * wn
        self._limit = self.settings.max_correction_ppm * 1e-6
        self._average_fill: float | None = None
        self._integral = 0.0  # seconds·seconds of accumulated fill error, scaled by Ki on use
        self.ratio = 1.0

    @property
    def average_fill(self) -> float:
        return self.target_fill if self._average_fill is None else self._average_fill

    @property
    def correction_ppm(self) -> float:
        return (self.ratio - 1.0) * 1e6

    def reset_average(self, fill: float) -> None:
        """Forget the fill history (after re-priming or a latency cut) but keep the learned drift."""
        self._average_fill = float(fill)

    def update(self, fill: int, elapsed_seconds: float) -> float:
        """Feed one fill observation taken ``elapsed_seconds`` after the previous one; returns the ratio."""
        if self._average_fill is None:
            self._average_fill = float(fill)
        else:
            # Exponential moving average; exact discretisation so any call period works.
            alpha = 1.0 - math.exp(-elapsed_seconds / self.settings.averaging_seconds)
            self._average_fill += alpha * (fill - self._average_fill)
        error_seconds = (self._average_fill - self.target_fill) / self.sample_rate
        proportional = self._kp * error_seconds
        candidate_integral = self._integral + error_seconds * elapsed_seconds
        correction = proportional + self._ki * candidate_integral
        # Anti-windup: stop integrating while saturated in the direction of the error.
        if abs(correction) <= self._limit or (correction > 0) != (error_seconds > 0):
            self._integral = candidate_integral
        correction = proportional + self._ki * self._integral
        correction = max(-self._limit, min(self._limit, correction))
        self.ratio = 1.0 + correction
        return self.ratio
