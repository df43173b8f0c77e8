from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.audio.ring import SampleRing


def test_frame_round_trips_in_order() -> None:
    ring = SampleRing(1000)
    frame = np.arange(320, dtype=np.int16)
    assert ring.write(frame) == 320
    assert ring.fill == 320
    out = np.empty(320, dtype=np.int16)
    assert ring.read_into(out) == 320
    assert np.array_equal(out, frame)
    assert ring.fill == 0
    assert (ring.underruns, ring.overruns) == (0, 0)


def test_wraps_around_the_end_of_storage() -> None:
    ring = SampleRing(500)
    out = np.empty(320, dtype=np.int16)
    for start in range(0, 320 * 10, 320):
        frame = np.arange(start, start + 320, dtype=np.int16)
        ring.write(frame)
        ring.read_into(out)
        assert np.array_equal(out, frame)


def test_underrun_pads_with_silence_and_counts() -> None:
    ring = SampleRing(1000)
    ring.write(np.full(100, 7, dtype=np.int16))
    out = np.full(320, 99, dtype=np.int16)
    assert ring.read_into(out) == 100
    assert np.all(out[:100] == 7) and np.all(out[100:] == 0)
    assert ring.underruns == 1 and ring.missing_samples == 220


def test_overrun_drops_newest_samples_and_keeps_the_oldest() -> None:
    ring = SampleRing(500)
    ring.write(np.full(400, 1, dtype=np.int16))
    assert ring.write(np.full(320, 2, dtype=np.int16)) == 100
    assert ring.overruns == 1 and ring.dropped_samples == 220
    out = np.empty(500, dtype=np.int16)
    ring.read_into(out)
    assert np.all(out[:400] == 1) and np.all(out[400:] == 2)


def test_read_does_not_reallocate_the_caller_buffer() -> None:
    ring = SampleRing(1000)
    out = np.empty(320, dtype=np.int16)
    address = out.ctypes.data
    ring.write(np.ones(320, dtype=np.int16))
    ring.read_into(out)
    assert out.ctypes.data == address


def test_rejects_empty_capacity() -> None:
    with pytest.raises(ValueError):
        SampleRing(0)


operations = st.lists(
    st.one_of(
        st.tuples(st.just("write"), st.integers(0, 400)),
        st.tuples(st.just("read"), st.integers(0, 400)),
        st.tuples(st.just("discard"), st.integers(0, 400)),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(capacity=st.integers(1, 700), ops=operations)
def test_behaves_like_a_bounded_fifo_that_drops_what_does_not_fit(capacity: int, ops) -> None:
    """Model check against a deque: same samples, same order, same counters."""
    ring = SampleRing(capacity)
    model: deque[int] = deque()
    next_value = 0
    expected_underruns = expected_overruns = 0
    for kind, count in ops:
        if kind == "write":
            samples = (np.arange(next_value, next_value + count) % 30000).astype(np.int16)
            next_value += count
            stored = ring.write(samples)
            fits = min(count, capacity - len(model))
            assert stored == fits
            model.extend(int(s) for s in samples[:fits])
            expected_overruns += fits < count
        elif kind == "read":
            out = np.full(count, -1, dtype=np.int16)
            got = ring.read_into(out)
            real = [model.popleft() for _ in range(min(count, len(model)))]
            assert got == len(real)
            assert out[:got].tolist() == real
            assert np.all(out[got:] == 0)
            expected_underruns += got < count
        else:
            dropped = ring.discard(count)
            assert dropped == min(count, len(model))
            for _ in range(dropped):
                model.popleft()
        assert ring.fill == len(model)
        assert 0 <= ring.fill <= capacity
        assert ring.free == capacity - len(model)
    assert ring.underruns == expected_underruns
    assert ring.overruns == expected_overruns
