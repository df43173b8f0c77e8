"""A discrete-event model of two free-running clocks around one ring (no devices, no threads).

The producer delivers ``producer_block`` samples every ``producer_block / (rate * (1 + drift))``
seconds (optionally jittered), the consumer reads ``consumer_block`` samples every
``consumer_block / rate`` seconds through a reader. Shared by the drift tests and the benchmark.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from softphone.audio.ring import SampleRing


class Reader(Protocol):
    def read_into(self, out: np.ndarray) -> int: ...


@dataclass
class SimulatedClock:
    """Stands in for time.monotonic: the simulation moves it to each event's time."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class SimulationResult:
    read_times: list[float] = field(default_factory=list)
    fills: list[int] = field(default_factory=list)
    silent_reads_after_warmup: int = 0
    output: np.ndarray | None = None


def simulate(
    ring: SampleRing,
    reader: Reader,
    *,
    rate: int,
    drift_ppm: float,
    seconds: float,
    producer_block: int,
    consumer_block: int,
    warmup_seconds: float = 5.0,
    jitter_seconds: float = 0.0,
    tone_hz: float | None = None,
    keep_output_seconds: float = 0.0,
    seed: int = 1,
    clock: "SimulatedClock | None" = None,
) -> SimulationResult:
    rng = random.Random(seed)
    producer_period = producer_block / (rate * (1 + drift_ppm * 1e-6))
    consumer_period = consumer_block / rate
    produced = 0
    block = np.zeros(producer_block, dtype=np.int16)
    out = np.zeros(consumer_block, dtype=np.int16)
    result = SimulationResult()
    kept: list[np.ndarray] = []
    keep_from = seconds - keep_output_seconds
    # (time, order, kind); jitter delays a delivery without moving the producer's clock.
    events = [(0.0, 0, "produce", 0), (consumer_period / 2, 1, "consume", 0)]
    order = 2
    while events:
        now, _, kind, index = heapq.heappop(events)
        if now > seconds:
            break
        if clock is not None:
            clock.now = now
        if kind == "produce":
            if tone_hz is not None:
                t = (np.arange(produced, produced + producer_block) / (rate * (1 + drift_ppm * 1e-6)))
                block[:] = np.round(8000 * np.sin(2 * np.pi * tone_hz * t))
            ring.write(block, at=now if clock is not None else None)
            produced += producer_block
            nominal_next = (index + 1) * producer_period
            delay = rng.uniform(0, jitter_seconds) if jitter_seconds else 0.0
            heapq.heappush(events, (max(nominal_next + delay, now), order, "produce", index + 1))
        else:
            result.read_times.append(now)
            result.fills.append(ring.fill)
            real = reader.read_into(out)
            if now > warmup_seconds and real < consumer_block:
                result.silent_reads_after_warmup += 1
            if keep_output_seconds and now >= keep_from:
                kept.append(out.copy())
            heapq.heappush(events, ((index + 1) * consumer_period + consumer_period / 2, order, "consume", index + 1))
        order += 1
    if kept:
        result.output = np.concatenate(kept)
    return result
