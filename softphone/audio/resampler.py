"""Fractional resampler used to absorb the clock drift between a sound card and the bridge.

The two clocks differ by up to ~1000 ppm, so the ratio stays within a fraction of a percent of
1.0 and changes slowly (the drift controller adjusts it every frame). A 4-point cubic (Catmull-Rom)
interpolator is plenty for that: unlike linear interpolation it does not dull the top of the
wideband voice spectrum every time the fractional phase passes 0.5 (which, at 1000 ppm, would
happen 16 times a second and be heard as a flutter).

State (the fractional read position and the last input samples) is carried across calls so
that consecutive frames join without a click. All work arrays are allocated in ``__init__``;
``render`` only runs numpy ufuncs with ``out=`` into them, so no sample buffer is allocated per
frame (only small view objects).

Vocabulary: ``ratio`` is *input samples consumed per output sample*. ``ratio > 1`` consumes
faster than it produces (drains the input side), ``ratio < 1`` slower.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

# The controller never asks for more than a few thousand ppm; a wider bound only guards
# against a bug turning into a chipmunk voice or a buffer overflow here.
MIN_RATIO = 0.95
MAX_RATIO = 1.05

# Catmull-Rom needs one sample before and two after the interpolation interval.
_HISTORY_BEFORE = 1
_LOOKAHEAD_AFTER = 2


class CubicResampler:
    """Streams int16 mono samples through a 4-point cubic interpolator at a variable ratio.

    Two ways to drive it, both without allocation:

    - pull (the consumer wants exactly N samples): ``input_needed(N)``, ``push(...)`` that many,
      then ``render(out)`` with ``len(out) == N``;
    - push (the producer has exactly M samples): ``push(samples)``, then
      ``render(out[:outputs_available()])``.
    """

    def __init__(self, max_block: int) -> None:
        if max_block <= 0:
            raise ValueError(f"max_block must be positive, got {max_block}")
        self._max_block = max_block
        capacity = 2 * math.ceil(max_block * MAX_RATIO) + 16
        self._buffer = np.zeros(capacity, dtype=np.float32)
        # Shifted views so that one index array addresses all four taps (created once).
        self._tap_minus1 = self._buffer[0:]
        self._tap_0 = self._buffer[1:]
        self._tap_1 = self._buffer[2:]
        self._tap_2 = self._buffer[3:]
        # Start with one sample of (silent) history so the first output can interpolate.
        self._held = _HISTORY_BEFORE
        self._position = float(_HISTORY_BEFORE)  # where the next output lies, in buffer samples
        self._ratio = 1.0

        self._step_index = np.arange(max_block, dtype=np.float64)
        self._positions = np.empty(max_block, dtype=np.float64)
        self._floors = np.empty(max_block, dtype=np.float64)
        self._indices = np.empty(max_block, dtype=np.intp)
        self._frac = np.empty(max_block, dtype=np.float32)
        self._xm1 = np.empty(max_block, dtype=np.float32)
        self._x0 = np.empty(max_block, dtype=np.float32)
        self._x1 = np.empty(max_block, dtype=np.float32)
        self._x2 = np.empty(max_block, dtype=np.float32)
        self._acc = np.empty(max_block, dtype=np.float32)
        self._tmp = np.empty(max_block, dtype=np.float32)

    @property
    def ratio(self) -> float:
        return self._ratio

    @ratio.setter
    def ratio(self, value: float) -> None:
        self._ratio = min(MAX_RATIO, max(MIN_RATIO, float(value)))

    @property
    def held_samples(self) -> int:
        """Input samples buffered inside the resampler (a few, plus any pushed but not rendered)."""
        return self._held

    def input_needed(self, output_count: int) -> int:
        """How many more input samples ``render`` of ``output_count`` samples needs."""
        if output_count <= 0:
            return 0
        last = self._position + (output_count - 1) * self._ratio
        required = math.floor(last) + _LOOKAHEAD_AFTER + 1
        return max(0, required - self._held)

    def outputs_available(self) -> int:
        """How many output samples can be rendered from the input held now."""
        span = self._held - _LOOKAHEAD_AFTER - 1 - self._position
        if span < 0:
            return 0
        count = math.floor(span / self._ratio) + 1
        # Guard against float rounding at the boundary: render must never read past the input.
        while count > 0 and self.input_needed(count) > 0:
            count -= 1
        return min(count, self._max_block)

    def push(self, samples: npt.NDArray[np.int16]) -> None:
        """Append input samples (must fit: at most ``max_block`` beyond what is pending)."""
        count = len(samples)
        if self._held + count > len(self._buffer):
            raise OverflowError(
                f"resampler input overflow: {self._held} held + {count} pushed > {len(self._buffer)}"
            )
        np.copyto(self._buffer[self._held : self._held + count], samples, casting="unsafe")
        self._held += count

    def render(self, out: npt.NDArray[np.int16]) -> None:
        """Write ``len(out)`` output samples; the input they need must already be pushed."""
        count = len(out)
        if count == 0:
            return
        if count > self._max_block:
            raise ValueError(f"render of {count} samples exceeds max_block {self._max_block}")
        if self.input_needed(count):
            raise ValueError(f"render of {count} samples needs {self.input_needed(count)} more input samples")
        positions = self._positions[:count]
        floors = self._floors[:count]
        indices = self._indices[:count]
        frac = self._frac[:count]
        xm1, x0, x1, x2 = self._xm1[:count], self._x0[:count], self._x1[:count], self._x2[:count]
        acc, tmp = self._acc[:count], self._tmp[:count]

        np.multiply(self._step_index[:count], self._ratio, out=positions)
        np.add(positions, self._position, out=positions)
        np.floor(positions, out=floors)
        np.subtract(positions, floors, out=frac, casting="same_kind")
        # indices point at the x[-1] tap; the shifted views give x0, x1, x2 from the same index.
        np.subtract(floors, _HISTORY_BEFORE, out=floors)
        np.copyto(indices, floors, casting="unsafe")
        np.take(self._tap_minus1, indices, out=xm1, mode="clip")
        np.take(self._tap_0, indices, out=x0, mode="clip")
        np.take(self._tap_1, indices, out=x1, mode="clip")
        np.take(self._tap_2, indices, out=x2, mode="clip")

        # Catmull-Rom: y = x0 + f/2 * ((x1 - xm1) + f * ((2xm1 - 5x0 + 4x1 - x2) + f * (3(x0 - x1) + x2 - xm1)))
        np.subtract(x0, x1, out=acc)
        np.multiply(acc, 3.0, out=acc)
        np.add(acc, x2, out=acc)
        np.subtract(acc, xm1, out=acc)
        np.multiply(acc, frac, out=acc)
        np.multiply(xm1, 2.0, out=tmp)
        np.add(acc, tmp, out=acc)
        np.multiply(x0, 5.0, out=tmp)
        np.subtract(acc, tmp, out=acc)
        np.multiply(x1, 4.0, out=tmp)
        np.add(acc, tmp, out=acc)
        np.subtract(acc, x2, out=acc)
        np.multiply(acc, frac, out=acc)
        np.add(acc, x1, out=acc)
        np.subtract(acc, xm1, out=acc)
        np.multiply(acc, frac, out=acc)
        np.multiply(acc, 0.5, out=acc)
        np.add(acc, x0, out=acc)
        # The cubic can overshoot full scale on clipped input; saturate instead of wrapping.
        np.rint(acc, out=acc)
        np.clip(acc, -32768.0, 32767.0, out=acc)
        np.copyto(out, acc, casting="unsafe")

        self._position += count * self._ratio
        self._drop_consumed_input()

    def _drop_consumed_input(self) -> None:
        # Keep the x[-1] tap of the next output and everything after it; move it to the front.
        first_kept = math.floor(self._position) - _HISTORY_BEFORE
        if first_kept <= 0:
            return
        remaining = self._held - first_kept
        if remaining > 0:
            # Overlapping move towards the front; numpy handles the overlap for slices.
            self._buffer[:remaining] = self._buffer[first_kept : self._held]
        self._held = max(remaining, 0)
        self._position -= first_kept
