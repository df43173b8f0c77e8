"""Estimated call quality (MOS) from RTCP figures, with the ITU-T G.107 E-model.

The E-model rates a connection on the R scale (0..100, narrowband) by subtracting
impairments from the basic signal-to-noise rating, then maps R to an estimated MOS:

    R = Ro - Is - Id - Ie,eff + A                                         (G.107 §3)

Ro - Is
    94.77 - 1.41 with every G.107 default (noise, loudness, sidetone). Not measurable from
    RTCP, so fixed.
Id, delay impairment
    Idte (talker echo, G.107 §3.4, TELR = 65 dB: a working echo canceller) + Idle (listener
    echo, default WEPL: about 0.15) + Idd (absolute delay Ta, G.107 §3.4):
    Idd = 0 for Ta <= 100 ms, else 25 * ((1 + X^6)^(1/6) - 3 (1 + (X/3)^6)^(1/6) + 2)
    with X = log2(Ta / 100).
    With every default and Ta = 0 this gives R = 93.2, MOS 4.41: the best a narrowband
    call can be rated.
Ie,eff, equipment impairment with packet loss (G.107 §3.5)
    Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl)
    Ie and Bpl per codec from G.113 Appendix I where it has them (G.711 with the Appendix I
    packet loss concealment that pjmedia applies: Ie 0, Bpl 25.1; without concealment the
    same codec has Bpl 4.3; G.729A: Ie 11, Bpl 19). BurstR = 1 means random loss.
A, advantage factor
    0: a call-centre desk has no mobility advantage to trade for quality.

R to MOS (G.107 Annex B): MOS = 1 for R < 0, 4.5 for R > 100, otherwise
    MOS = 1 + 0.035 R + R (R - 60) (100 - R) 7e-6
(clamped at 1: the cubic dips to 0.99 just above R = 0).

Mouth-to-ear delay Ta is estimated as RTT/2 (network, one way) + the de-jitter buffer +
packetisation and codec look-ahead. Echo delay T is taken equal to Ta.

Limits, stated plainly: this is a planning model driven by a few RTCP numbers, good for
"getting worse / fine / bad" on an agent's screen and for trends, not a measurement of the
audio. Wideband codecs (G.722, Opus) are rated on the narrowband scale, so their better
sound is not credited (G.107.1's wideband scale would do that); their Ie/Bpl values below
are our assumptions, marked as such, because G.113 does not list them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

R_DEFAULT_MAX = 93.2  # every G.107 default, no delay, no loss
_RO = 94.77  # basic signal-to-noise ratio with default noise and loudness ratings
_IS = 1.41  # simultaneous impairment with default loudness/sidetone/quantising
_TELR_DB = 65.0  # talker echo loudness rating (G.107 default: echo is well cancelled)
_WEPL_DB = 110.0  # weighted echo path loss (default)
_RLR_DB = 2.0  # receive loudness rating (default)
_NO_DBM0P = -61.18  # total noise power No with every default (G.107 eq. 3-8)


@dataclass(frozen=True, slots=True)
class CodecImpairment:
    ie: float  # equipment impairment factor with no loss (narrowband R scale)
    bpl: float  # packet-loss robustness factor
    frame_ms: float  # audio per RTP packet we assume (ptime)
    lookahead_ms: float  # algorithmic delay on top of the frame
    source: str  # where the numbers come from


G711_WITH_PLC = CodecImpairment(0.0, 25.1, 20.0, 0.0, "G.113 Appendix I, G.711 with Appendix I PLC")
G711_WITHOUT_PLC = CodecImpairment(0.0, 4.3, 20.0, 0.0, "G.113 Appendix I, G.711 without PLC")
G729A = CodecImpairment(11.0, 19.0, 20.0, 5.0, "G.113 Appendix I, G.729A + VAD")
G722 = CodecImpairment(0.0, 25.1, 20.0, 1.5, "assumed: as G.711 with PLC (wideband not credited)")
OPUS = CodecImpairment(0.0, 25.1, 20.0, 6.5, "assumed: as G.711 with PLC (wideband not credited)")
# Anything we have no figures for (Speex, iLBC, GSM...): no better than G.729A, and more
# fragile under loss, so that an unknown codec never looks better than it may be.
UNKNOWN_CODEC = CodecImpairment(11.0, 10.0, 20.0, 10.0, "assumed: conservative default")

CODEC_IMPAIRMENTS: dict[str, CodecImpairment] = {
    "pcmu": G711_WITH_PLC,
    "pcma": G711_WITH_PLC,
    "g711": G711_WITH_PLC,
    "g722": G722,
    "g729": G729A,
    "opus": OPUS,
}


def codec_impairment(codec: str | CodecImpairment) -> CodecImpairment:
    """Figures for a codec named as pjsua2 names it ("PCMU", "G722", "opus"...)."""
    if isinstance(codec, CodecImpairment):
        return codec
    name = codec.strip().lower().split("/", 1)[0]
    return CODEC_IMPAIRMENTS.get(name, UNKNOWN_CODEC)


def effective_equipment_impairment(ie: float, bpl: float, loss_pct: float, burst_ratio: float = 1.0) -> float:
    """Ie,eff (G.107 eq. 7-29); ``loss_pct`` in percent, ``burst_ratio`` 1 for random loss."""
    loss = min(max(loss_pct, 0.0), 100.0)
    return ie + (95.0 - ie) * loss / (loss / burst_ratio + bpl)


def absolute_delay_impairment(ta_ms: float) -> float:
    """Idd (G.107 eq. 7-27): nothing up to 100 ms mouth-to-ear, then ever more."""
    if ta_ms <= 100.0:
        return 0.0
    x = math.log2(ta_ms / 100.0)
    return 25.0 * ((1 + x**6) ** (1 / 6) - 3 * (1 + (x / 3) ** 6) ** (1 / 6) + 2)


def talker_echo_impairment(t_ms: float, telr_db: float = _TELR_DB) -> float:
    """Idte (G.107 eqs. 7-17..7-21) for echo delay T, default sidetone (STMR 15 dB)."""
    roe = -1.5 * (_NO_DBM0P - _RLR_DB)
    terv = telr_db - 40 * math.log10((1 + t_ms / 10) / (1 + t_ms / 150)) + 6 * math.exp(-0.3 * t_ms**2)
    re = 80 + 2.5 * (terv - 14)
    half_gap = (roe - re) / 2
    return (half_gap + math.sqrt(half_gap**2 + 100) - 1) * (1 - math.exp(-t_ms))


def listener_echo_impairment(round_trip_ms: float = 0.0) -> float:
    """Idle (G.107 eqs. 7-22..7-23): about 0.15 with the default, well-attenuated echo path."""
    rle = 10.5 * (_WEPL_DB + 7) * (round_trip_ms + 1) ** -0.25
    half_gap = (_RO - rle) / 2
    return half_gap + math.sqrt(half_gap**2 + 169)


def delay_impairment(ta_ms: float) -> float:
    """Id for mouth-to-ear delay ``ta_ms`` with echo delay T = Ta."""
    ta = max(ta_ms, 0.0)
    return talker_echo_impairment(ta) + listener_echo_impairment(2 * ta) + absolute_delay_impairment(ta)


def r_factor(ie_eff: float, ta_ms: float, advantage: float = 0.0) -> float:
    return _RO - _IS - delay_impairment(ta_ms) - ie_eff + advantage


def mos_from_r(r: float) -> float:
    """G.107 Annex B: estimated conversational MOS (1..4.5) for rating ``r``."""
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    return max(1.0, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6)


def mouth_to_ear_delay_ms(
    codec: CodecImpairment, jitter_ms: float, rtt_ms: float, jitter_buffer_ms: float | None = None
) -> float:
    """Ta: half the RTCP round trip, plus the de-jitter buffer, plus packetisation.

    ``jitter_buffer_ms`` is what the receiver's buffer currently holds (pjmedia reports its
    prefetch in frames). Unknown (None): an adaptive buffer holding about twice the
    interarrival jitter, and never less than one frame.
    """
    if jitter_buffer_ms is None:
        jitter_buffer_ms = max(2.0 * max(jitter_ms, 0.0), codec.frame_ms)
    return max(rtt_ms, 0.0) / 2 + max(jitter_buffer_ms, 0.0) + codec.frame_ms + codec.lookahead_ms


def estimate_r(
    codec: str | CodecImpairment,
    loss_pct: float,
    jitter_ms: float,
    rtt_ms: float,
    jitter_buffer_ms: float | None = None,
    burst_ratio: float = 1.0,
) -> float:
    profile = codec_impairment(codec)
    ie_eff = effective_equipment_impairment(profile.ie, profile.bpl, loss_pct, burst_ratio)
    ta = mouth_to_ear_delay_ms(profile, jitter_ms, rtt_ms, jitter_buffer_ms)
    return r_factor(ie_eff, ta)


def estimate_mos(
    codec: str | CodecImpairment,
    loss_pct: float,
    jitter_ms: float,
    rtt_ms: float,
    jitter_buffer_ms: float | None = None,
    burst_ratio: float = 1.0,
) -> float:
    """Estimated MOS (1.0..4.5) for a call leg from its RTCP statistics.

    ``loss_pct``: packets lost, in percent (RTCP fraction lost x 100; add the jitter buffer's
    late discards if known). ``jitter_ms``: RTCP interarrival jitter. ``rtt_ms``: RTCP round
    trip. See the module docstring for the model and its limits.
    """
    return mos_from_r(estimate_r(codec, loss_pct, jitter_ms, rtt_ms, jitter_buffer_ms, burst_ratio))
