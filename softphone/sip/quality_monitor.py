"""Reads RTCP statistics of active calls and turns them into CallQuality events.

The MOS estimate comes from ``softphone.sip.quality.estimate_mos`` (the E-model, written
separately).  It is looked up lazily so that a missing or broken estimator never breaks
a call: the event then carries the raw figures and ``mos=None``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from .events import CallQuality

if TYPE_CHECKING:
    from .call import SipCall

log = logging.getLogger(__name__)

_MISSING = object()
_estimator: object = None  # None = not looked up yet, _MISSING = not available


def _find_estimator() -> Callable[..., float] | None:
    global _estimator
    if _estimator is None:
        try:
            module = importlib.import_module("softphone.sip.quality")
            _estimator = getattr(module, "estimate_mos", _MISSING)
        except ImportError:
            _estimator = _MISSING
    return None if _estimator is _MISSING else _estimator  # type: ignore[return-value]


def _mos(
    codec: str, loss_pct: float, jitter_ms: float, rtt_ms: float, jitter_buffer_ms: float | None
) -> float | None:
    estimate = _find_estimator()
    if estimate is None:
        return None
    try:
        return round(
            float(
                estimate(
                    codec=codec,
                    loss_pct=loss_pct,
                    jitter_ms=jitter_ms,
                    rtt_ms=rtt_ms,
                    jitter_buffer_ms=jitter_buffer_ms,
                )
            ),
            2,
        )
    except Exception as exc:  # noqa: BLE001 - quality figures must never break a call
        log.debug("estimate_mos failed: %s", exc)
        return None


def _percent(lost: int, received: int) -> float:
    total = lost + received
    return 100.0 * lost / total if total > 0 else 0.0


def read_call_quality(call: SipCall) -> CallQuality | None:
    if call.audio_index is None or not call.media_active:
        return None
    stat = call.getStreamStat(call.audio_index)
    codec = str(call.getStreamInfo(call.audio_index).codecName)
    rtcp = stat.rtcp
    rx, tx = rtcp.rxStat, rtcp.txStat
    jitter_ms = rx.jitterUsec.mean / 1000.0
    rx_loss = _percent(int(rx.loss), int(rx.pkt))
    tx_loss = _percent(int(tx.loss), int(tx.pkt))
    rtt_ms = rtcp.rttUsec.mean / 1000.0
    jitter_buffer_ms = float(stat.jbuf.avgDelayMsec) or None
    return CallQuality(
        call_id=call.call_id,
        rx_jitter_ms=round(jitter_ms, 2),
        rx_loss_pct=round(rx_loss, 2),
        tx_loss_pct=round(tx_loss, 2),
        rtt_ms=round(rtt_ms, 2),
        rx_packets=int(rx.pkt),
        codec=codec,
        mos=_mos(codec, rx_loss, jitter_ms, rtt_ms, jitter_buffer_ms),
    )
