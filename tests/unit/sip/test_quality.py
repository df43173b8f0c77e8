"""E-model MOS estimate against published G.107 reference points, plus monotonicity."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softphone.sip.quality import (
    G711_WITH_PLC,
    G711_WITHOUT_PLC,
    UNKNOWN_CODEC,
    absolute_delay_impairment,
    codec_impairment,
    delay_impairment,
    effective_equipment_impairment,
    estimate_mos,
    estimate_r,
    mos_from_r,
    mouth_to_ear_delay_ms,
    r_factor,
)


def test_all_defaults_rate_93_2_and_mos_4_41() -> None:
    # G.107: with every parameter at its default, R = 93.2.
    assert r_factor(ie_eff=0.0, ta_ms=0.0) == pytest.approx(93.2, abs=0.02)
    assert mos_from_r(93.2) == pytest.approx(4.41, abs=0.005)


@pytest.mark.parametrize(
    ("r", "mos"),
    [
        # The G.109 category boundaries as G.109 Table 1 prints them (rounded to two decimals;
        # the Annex B formula gives 4.024 at R = 80, hence the 0.01 tolerance).
        (-5.0, 1.0),
        (0.0, 1.0),
        (50.0, 2.58),
        (60.0, 3.10),
        (70.0, 3.60),
        (80.0, 4.03),
        (90.0, 4.34),
        (100.0, 4.5),
        (120.0, 4.5),
    ],
)
def test_r_to_mos_reference_points(r: float, mos: float) -> None:
    assert mos_from_r(r) == pytest.approx(mos, abs=0.01)


def test_r_to_mos_is_continuous_at_the_boundaries() -> None:
    assert mos_from_r(100 - 1e-9) == pytest.approx(4.5, abs=1e-6)
    assert mos_from_r(1e-9) == pytest.approx(1.0, abs=1e-6)


@given(st.floats(-50, 150), st.floats(-50, 150))
def test_r_to_mos_is_monotonic_and_bounded(r1: float, r2: float) -> None:
    low, high = sorted((r1, r2))
    assert 1.0 <= mos_from_r(low) <= mos_from_r(high) <= 4.5


def test_absolute_delay_impairment_reference_points() -> None:
    assert absolute_delay_impairment(100) == 0.0
    assert absolute_delay_impairment(150) == pytest.approx(0.164, abs=0.001)
    assert absolute_delay_impairment(200) == pytest.approx(3.044, abs=0.001)
    assert absolute_delay_impairment(400) == pytest.approx(24.07, abs=0.01)


def test_packet_loss_impairment_with_and_without_concealment() -> None:
    # G.107 eq. 7-29 with G.113 Bpl values: concealment makes 1 % loss cost ~3.6, not ~18.
    assert effective_equipment_impairment(0, G711_WITH_PLC.bpl, 1.0) == pytest.approx(95 / 26.1, abs=1e-9)
    assert effective_equipment_impairment(0, G711_WITHOUT_PLC.bpl, 1.0) == pytest.approx(95 / 5.3, abs=1e-9)
    assert effective_equipment_impairment(0, 25.1, 0.0) == 0.0
    assert effective_equipment_impairment(11, 19, 100.0) == pytest.approx(11 + 84 * 100 / 119)


def test_a_clean_lan_call_with_g711_is_excellent() -> None:
    # 20 ms packets, 2 ms jitter, 1 ms RTT: Ta is ~40 ms, only echo and packetisation count.
    mos = estimate_mos("PCMU", loss_pct=0.0, jitter_ms=2.0, rtt_ms=1.0)
    assert 4.35 < mos <= 4.41


def test_published_style_scenarios() -> None:
    # 1 % random loss with G.711+PLC costs ~0.1 MOS; 5 % and 400 ms RTT make a poor call.
    assert estimate_mos("PCMA", 1.0, 5.0, 40.0) == pytest.approx(4.28, abs=0.02)
    assert estimate_mos("PCMU", 5.0, 30.0, 400.0) < 3.6
    assert estimate_mos("PCMU", 20.0, 30.0, 400.0) < 2.6
    assert estimate_mos(G711_WITHOUT_PLC, 2.0, 5.0, 40.0) < estimate_mos(G711_WITH_PLC, 2.0, 5.0, 40.0)
    assert estimate_mos("G729", 0.0, 2.0, 1.0) == pytest.approx(mos_from_r(93.2 - 11 - 1.4), abs=0.02)


def test_codec_names_as_pjsua2_reports_them() -> None:
    assert codec_impairment("PCMU") is G711_WITH_PLC
    assert codec_impairment("pcma/8000") is G711_WITH_PLC
    assert codec_impairment("speex") is UNKNOWN_CODEC
    assert codec_impairment(G711_WITHOUT_PLC) is G711_WITHOUT_PLC


def test_mouth_to_ear_delay() -> None:
    assert mouth_to_ear_delay_ms(G711_WITH_PLC, jitter_ms=30.0, rtt_ms=100.0) == 50 + 60 + 20
    assert mouth_to_ear_delay_ms(G711_WITH_PLC, jitter_ms=1.0, rtt_ms=0.0) == 20 + 20  # one-frame floor
    assert mouth_to_ear_delay_ms(G711_WITH_PLC, 30.0, 100.0, jitter_buffer_ms=40.0) == 50 + 40 + 20


codecs = st.sampled_from(["PCMU", "PCMA", "G722", "G729", "opus", "speex"])
loss = st.floats(0.0, 100.0)
jitter = st.floats(0.0, 500.0)
rtt = st.floats(0.0, 3000.0)


@given(codecs, loss, loss, jitter, rtt)
def test_mos_never_improves_with_more_loss(codec: str, a: float, b: float, j: float, r: float) -> None:
    low, high = sorted((a, b))
    assert estimate_mos(codec, high, j, r) <= estimate_mos(codec, low, j, r) + 1e-9


@given(codecs, loss, jitter, rtt, rtt)
def test_mos_never_improves_with_more_round_trip_delay(codec: str, p: float, j: float, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert estimate_mos(codec, p, j, high) <= estimate_mos(codec, p, j, low) + 1e-9


@given(codecs, loss, jitter, jitter, rtt)
def test_mos_never_improves_with_more_jitter(codec: str, p: float, a: float, b: float, r: float) -> None:
    low, high = sorted((a, b))
    assert estimate_mos(codec, p, high, r) <= estimate_mos(codec, p, low, r) + 1e-9


@given(st.floats(0.0, 5000.0), st.floats(0.0, 5000.0))
def test_delay_impairment_grows_with_realistic_delay(a: float, b: float) -> None:
    # Ta is never below one 20 ms frame; under ~2 ms the echo term has a tiny dip.
    low, high = sorted((a + 20.0, b + 20.0))
    assert delay_impairment(low) <= delay_impairment(high) + 1e-9


@given(codecs, loss, jitter, rtt)
def test_estimate_is_bounded(codec: str, p: float, j: float, r: float) -> None:
    assert 1.0 <= estimate_mos(codec, p, j, r) <= 4.5
    assert estimate_r(codec, p, j, r) <= 93.21
