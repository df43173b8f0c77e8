"""Simulated clock drift around one ring: ten simulated minutes, no devices, no threads."""

import numpy as np
import pytest
from drift_simulation import SimulatedClock, simulate  # sibling module: pytest puts this folder on sys.path

from softphone.audio.drift import DriftController, DriftControlSettings
from softphone.audio.drift_reader import DriftCompensatedReader
from softphone.audio.ring import SampleRing

RATE = 16000
TEN_MINUTES = 600.0
WARMUP = 5.0

# (producer block, consumer block, delivery jitter): PulseAudio-like 40 ms bursts into 20 ms
# bridge frames; 10 ms jittery deliveries; the bridge feeding a card that asks for odd blocks.
SHAPES = [(640, 320, 0.0), (160, 320, 0.005), (320, 441, 0.002)]


def make_reader(producer_block: int, consumer_block: int, control: bool) -> tuple[SampleRing, DriftCompensatedReader, SimulatedClock]:
    ring = SampleRing(RATE)  # 1 s of storage
    clock = SimulatedClock()
    settings = DriftControlSettings() if control else DriftControlSettings(max_correction_ppm=0.0)
    target = producer_block + consumer_block + 160
    reader = DriftCompensatedReader(ring, RATE, target, max_block=512, settings=settings, clock=clock)
    return ring, reader, clock


class CorrectionLog:
    """Wraps the reader to record the correction it applied at each read."""

    def __init__(self, reader: DriftCompensatedReader) -> None:
        self.reader = reader
        self.ppm: list[float] = []

    def read_into(self, out: np.ndarray) -> int:
        real = self.reader.read_into(out)
        self.ppm.append(self.reader.controller.correction_ppm)
        return real


@pytest.mark.parametrize("drift_ppm", [1000.0, -1000.0])
@pytest.mark.parametrize("producer_block,consumer_block,jitter", SHAPES)
def test_controlled_fill_stays_bounded_without_underruns(
    drift_ppm: float, producer_block: int, consumer_block: int, jitter: float
) -> None:
    ring, reader, clock = make_reader(producer_block, consumer_block, control=True)
    log = CorrectionLog(reader)
    result = simulate(
        ring, log, rate=RATE, drift_ppm=drift_ppm, seconds=TEN_MINUTES, producer_block=producer_block,
        consumer_block=consumer_block, warmup_seconds=WARMUP, jitter_seconds=jitter, clock=clock,
    )
    times = np.array(result.read_times)
    fills = np.array(result.fills)[times > WARMUP]
    assert result.silent_reads_after_warmup == 0
    assert ring.underruns == 0 and ring.overruns == 0
    assert reader.reprimes == 0 and reader.latency_cuts == 0
    # Bounded: the fill never wanders further from the target than one burst plus one read.
    slack = producer_block + consumer_block
    assert fills.min() >= reader.target_fill - slack and fills.max() <= reader.target_fill + slack
    # The integral term learned the real clock ratio (second half of the run).
    settled = np.array(log.ppm)[times > TEN_MINUTES / 2]
    assert settled.mean() == pytest.approx(drift_ppm, abs=20)


def test_without_control_slow_consumer_clock_starves_the_ring() -> None:
    """The same check fails when the controller is switched off: the check is not vacuous."""
    ring, reader, clock = make_reader(640, 320, control=False)
    result = simulate(ring, reader, rate=RATE, drift_ppm=-1000, seconds=TEN_MINUTES, producer_block=640,
                      consumer_block=320, warmup_seconds=WARMUP, clock=clock)
    assert result.silent_reads_after_warmup > 0 and ring.underruns > 0


def test_without_control_fast_producer_piles_up_latency() -> None:
    ring, reader, clock = make_reader(640, 320, control=False)
    result = simulate(ring, reader, rate=RATE, drift_ppm=1000, seconds=TEN_MINUTES, producer_block=640,
                      consumer_block=320, warmup_seconds=WARMUP, clock=clock)
    fills = np.array(result.fills)
    # Either the fill left its bound or the reader had to cut latency: both mean drift won.
    assert reader.latency_cuts > 0 or fills.max() > reader.target_fill + 960


def test_priming_outputs_silence_until_the_target_is_buffered() -> None:
    ring = SampleRing(4000)
    reader = DriftCompensatedReader(ring, RATE, target_fill=800, max_block=320)
    out = np.full(320, 5, dtype=np.int16)
    ring.write(np.ones(500, dtype=np.int16))
    assert reader.read_into(out) == 0 and np.all(out == 0)
    assert ring.fill == 500  # priming leaves the ring alone
    ring.write(np.ones(500, dtype=np.int16))
    assert reader.read_into(out) == 320 and reader.primed


def test_underrun_reprimes() -> None:
    ring = SampleRing(4000)
    reader = DriftCompensatedReader(ring, RATE, target_fill=400, max_block=320)
    ring.write(np.ones(400, dtype=np.int16))
    out = np.empty(320, dtype=np.int16)
    assert reader.read_into(out) == 320
    assert reader.read_into(out) < 320
    assert not reader.primed and reader.reprimes == 1 and ring.underruns == 1


def test_a_burst_far_above_target_is_cut_back_at_once() -> None:
    ring = SampleRing(16000)
    reader = DriftCompensatedReader(ring, RATE, target_fill=640, max_block=320)
    ring.write(np.ones(8000, dtype=np.int16))  # half a second arrives at once
    out = np.empty(320, dtype=np.int16)
    reader.read_into(out)
    assert reader.latency_cuts == 1
    assert ring.fill < 640


def test_controller_steers_towards_target_and_saturates() -> None:
    controller = DriftController(target_fill=1000, sample_rate=RATE)
    assert controller.update(2000, 0.02) > 1.0  # too full: consume faster
    controller = DriftController(target_fill=1000, sample_rate=RATE)
    assert controller.update(100, 0.02) < 1.0
    for _ in range(100_000):
        controller.update(16000, 0.02)
    assert controller.correction_ppm == pytest.approx(2000.0)


def test_an_underrun_after_start_up_grows_the_cushion_up_to_its_maximum() -> None:
    ring = SampleRing(RATE)
    clock = SimulatedClock()
    reader = DriftCompensatedReader(ring, RATE, 640, max_block=320, clock=clock, grow_step=160, max_target_fill=800)
    out = np.zeros(320, dtype=np.int16)
    for now, grows in ((0.0, 0), (10.0, 1), (20.0, 1)):
        clock.now = now
        ring.write(np.ones(reader.target_fill, dtype=np.int16))
        reader.read_into(out)  # primes and reads
        while reader.primed:
            reader.read_into(out)  # drains until the underrun
        assert reader.cushion_grows == grows
    assert reader.target_fill == 800  # 640 + 160, then capped (960 > 800)
    assert reader.controller.target_fill == 800


def test_without_growth_the_target_stays() -> None:
    ring = SampleRing(RATE)
    clock = SimulatedClock(now=100.0)
    reader = DriftCompensatedReader(ring, RATE, 640, max_block=320, clock=clock)
    ring.write(np.ones(640, dtype=np.int16))
    out = np.zeros(320, dtype=np.int16)
    while reader.read_into(out) == 320 or reader.primed:
        pass
    assert reader.target_fill == 640 and reader.cushion_grows == 0
