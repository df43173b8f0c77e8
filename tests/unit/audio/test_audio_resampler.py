import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.audio.resampler import CubicResampler

RATE = 16000


def sine(count: int, hz: float, start: int = 0, amplitude: float = 8000.0) -> np.ndarray:
    t = np.arange(start, start + count) / RATE
    return np.round(amplitude * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def pull(resampler: CubicResampler, source: np.ndarray, block: int, blocks: int) -> tuple[np.ndarray, int]:
    """Pull-mode driver: returns the output and how many source samples were consumed."""
    out = np.empty(block, dtype=np.int16)
    produced, consumed = [], 0
    for _ in range(blocks):
        needed = resampler.input_needed(block)
        resampler.push(source[consumed : consumed + needed])
        consumed += needed
        resampler.render(out)
        produced.append(out.copy())
    return np.concatenate(produced), consumed


def test_unit_ratio_is_the_identity() -> None:
    source = sine(3200, 440)
    output, _ = pull(CubicResampler(320), source, 320, 9)
    assert np.array_equal(output, source[: len(output)])


@pytest.mark.parametrize("ratio", [1.001, 0.999, 1.005])
def test_tone_comes_out_clean_at_the_scaled_frequency(ratio: float) -> None:
    """A 1 kHz tone read at `ratio` is a tone at 1 kHz * ratio, with no clicks at frame joins."""
    resampler = CubicResampler(320)
    resampler.ratio = ratio
    source = sine(RATE * 3, 1000)
    output, _ = pull(resampler, source, 320, 100)  # 2 s of output
    # Output sample k lies at source position k * ratio (history sample offsets by nothing).
    expected = 8000 * np.sin(2 * np.pi * 1000 * ratio * np.arange(len(output)) / RATE)
    error = output.astype(np.float64) - expected
    snr_db = 10 * np.log10(np.mean(expected**2) / np.mean(error**2))
    assert snr_db > 50, snr_db
    # No single sample -- e.g. at a frame boundary -- may jump away from the ideal curve.
    assert np.max(np.abs(error)) < 40


def test_pull_mode_consumes_ratio_times_the_output() -> None:
    resampler = CubicResampler(320)
    resampler.ratio = 1.002
    source = np.zeros(RATE * 2, dtype=np.int16)
    _, consumed = pull(resampler, source, 320, 50)
    assert abs(consumed - 320 * 50 * 1.002) <= 4


def test_push_mode_matches_pull_mode() -> None:
    source = sine(RATE, 700)
    pulled_resampler = CubicResampler(400)
    pulled_resampler.ratio = 0.9993
    pulled, _ = pull(pulled_resampler, source, 320, 40)

    pushed_resampler = CubicResampler(400)
    pushed_resampler.ratio = 0.9993
    out = np.empty(400, dtype=np.int16)
    pieces = []
    for start in range(0, 320 * 40, 320):
        pushed_resampler.push(source[start : start + 320])
        available = pushed_resampler.outputs_available()
        pushed_resampler.render(out[:available])
        pieces.append(out[:available].copy())
    pushed = np.concatenate(pieces)
    common = min(len(pushed), len(pulled))
    assert common > 320 * 39
    assert np.array_equal(pushed[:common], pulled[:common])


def test_render_refuses_to_read_past_the_input() -> None:
    resampler = CubicResampler(320)
    resampler.push(np.zeros(10, dtype=np.int16))
    with pytest.raises(ValueError):
        resampler.render(np.empty(320, dtype=np.int16))


def test_full_scale_input_saturates_instead_of_wrapping() -> None:
    square = np.tile(np.array([32767] * 8 + [-32768] * 8, dtype=np.int16), 40)
    resampler = CubicResampler(320)
    resampler.ratio = 1.0003  # fractional positions make the cubic overshoot
    output, _ = pull(resampler, square, 320, 1)
    # Wrapping would flip a +32767 plateau to large negatives; saturation keeps the sign.
    assert np.all(output[1:7] > 30000)


@settings(max_examples=200, deadline=None)
@given(
    blocks=st.lists(st.integers(1, 320), min_size=1, max_size=40),
    ratio=st.floats(0.99, 1.01),
)
def test_any_block_sequence_is_served_without_overflow(blocks: list[int], ratio: float) -> None:
    resampler = CubicResampler(320)
    resampler.ratio = ratio
    out = np.empty(320, dtype=np.int16)
    total_out = total_in = 0
    for block in blocks:
        needed = resampler.input_needed(block)
        resampler.push(np.ones(needed, dtype=np.int16))
        total_in += needed
        resampler.render(out[:block])
        total_out += block
        assert resampler.held_samples <= 4
    # Conservation: consumed input tracks output * ratio within the interpolator's look-ahead.
    assert abs(total_in - total_out * ratio) <= 4
