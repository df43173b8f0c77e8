"""Single-producer / single-consumer ring of int16 audio samples.

One ring sits between two real-time threads that run on different clocks: the OS audio
callback (PortAudio) and pjmedia's conference-bridge clock thread. Both must do O(1) work per
frame and must never block, so the ring:

- preallocates its storage once (numpy int16) and copies frames in and out of caller-provided
  arrays, so no sample buffer is allocated per frame;
- never blocks and never waits: a write that does not fit drops the samples that do not fit
  (an *overrun*), a read that finds too few samples pads with silence (an *underrun*); both are
  counted so the drift controller and the diagnostics can see them;
- lets exactly one thread write and exactly one thread read. Each index is written by one side
  only and only *after* the samples it covers are copied, so the other side never sees an index
  that runs ahead of the data. In CPython an attribute store is atomic under the GIL, which is
  the only synchronisation needed (no lock that the other real-time thread could hold).

The indices grow forever (Python ints do not overflow); the storage position is ``index %
capacity``.
"""

from __future__ import annotations

import ctypes

import numpy as np
import numpy.typing as npt

SampleArray = npt.NDArray[np.int16]

memmove_holding_gil = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)(
    ctypes._memmove_addr  # noqa: SLF001 - the C memmove ctypes.memmove itself wraps
)
"""``ctypes.memmove`` without releasing the GIL, for the real-time threads' frame copies.

``ctypes.memmove`` is a CFUNCTYPE: it drops the GIL for a copy of a few hundred bytes and then
has to win it back, which takes a switch interval or more while another thread runs Python (the
GUI). Several such copies per 20 ms frame were GIL hand-overs the bridge thread could lose."""


class SampleRing:
    """A bounded FIFO of int16 samples for one writer thread and one reader thread."""

    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError(f"ring capacity must be positive, got {capacity}")
        self._storage: SampleArray = np.zeros(capacity, dtype=np.int16)
        self._storage_address = self._storage.ctypes.data
        self._capacity = capacity
        # Written only by the producer / only by the consumer respectively.
        self._write_index = 0
        self._read_index = 0
        self.overruns = 0
        """Number of writes that could not store all their samples (ring full)."""
        self.dropped_samples = 0
        """Samples lost to overruns."""
        self.underruns = 0
        """Number of reads that found fewer samples than asked for and padded with silence."""
        self.missing_samples = 0
        """Silence samples inserted by underruns."""
        # When the producer last wrote and how much: lets the consumer estimate the fill as a
        # continuous quantity (see ``DriftCompensatedReader``). Stored as one tuple so the
        # consumer never sees the time of one write with the count of another.
        self.last_write: tuple[float, int] = (0.0, 0)

    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def fill(self) -> int:
        """Samples written and not yet read. Safe to call from either side."""
        return self._write_index - self._read_index

    @property
    def free(self) -> int:
        return self._capacity - self.fill

    def write(self, samples: SampleArray, at: float | None = None) -> int:
        """Producer side: append ``samples``; returns how many were stored.

        ``at`` is the producer's ``time.monotonic()`` for this write (optional; it lets the
        consumer's drift control see through the producer's burst size).

        Samples that do not fit are dropped (newest first) and counted as an overrun: the
        producer must not move the read index, which belongs to the consumer.
        """
        wanted = len(samples)
        count = min(wanted, self._capacity - (self._write_index - self._read_index))
        if count < wanted:
            self.overruns += 1
            self.dropped_samples += wanted - count
        if count <= 0:
            return 0
        start = self._write_index % self._capacity
        first = min(count, self._capacity - start)
        self._storage[start : start + first] = samples[:first]
        if first < count:
            self._storage[: count - first] = samples[first:count]
        # Publish only after the copy: the consumer trusts every sample below this index.
        self._write_index += count
        if at is not None:
            self.last_write = (at, count)
        return count

    def write_from_address(self, address: int, count: int, *, keep_newest: bool = False) -> int:
        """Producer side: append ``count`` int16 samples from raw memory (a C library's buffer).

        With ``keep_newest`` the ring makes room by dropping its *oldest* samples, which moves the
        read index: only for a ring whose producer and consumer are the same thread (the bridge
        pulling a libpulse record queue), where fresh audio matters more than stale audio.
        """
        if count <= 0:
            return 0
        free = self._capacity - (self._write_index - self._read_index)
        if count > free:
            self.overruns += 1
            self.dropped_samples += count - free
            if not keep_newest:
                count = free  # like write(): the newest samples are lost
            else:
                if count > self._capacity:  # only the last ring-full of this chunk survives
                    address += 2 * (count - self._capacity)
                    count = self._capacity
                self._read_index = self._write_index + count - self._capacity
        if count <= 0:
            return 0
        start = self._write_index % self._capacity
        first = min(count, self._capacity - start)
        base = self._storage_address
        memmove_holding_gil(base + 2 * start, address, 2 * first)
        if first < count:
            memmove_holding_gil(base, address + 2 * first, 2 * (count - first))
        self._write_index += count
        return count

    def read_into(self, out: SampleArray) -> int:
        """Consumer side: fill ``out`` with the oldest samples; returns how many were real.

        If fewer samples are available than ``len(out)``, the rest of ``out`` is silence and the
        read is counted as an underrun.
        """
        wanted = len(out)
        count = min(wanted, self._write_index - self._read_index)
        if count > 0:
            start = self._read_index % self._capacity
            first = min(count, self._capacity - start)
            out[:first] = self._storage[start : start + first]
            if first < count:
                out[first:count] = self._storage[: count - first]
            self._read_index += count
        else:
            count = 0
        if count < wanted:
            out[count:] = 0
            self.underruns += 1
            self.missing_samples += wanted - count
        return count

    def discard(self, count: int) -> int:
        """Consumer side: drop up to ``count`` oldest samples (e.g. to cut latency); returns how many."""
        count = max(0, min(count, self._write_index - self._read_index))
        self._read_index += count
        return count
