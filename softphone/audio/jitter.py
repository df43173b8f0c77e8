"""Jitter-buffer profiles (the ``audio.jitter_profile`` setting) as pjsua2 media settings.

pjsua2's defaults (``jbInit``/``jbMinPre``/``jbMaxPre``/``jbMax`` = -1: pjmedia picks ~1-4 frames
of prefetch) collapse under reordering jitter: measured on a loss/jitter relay (issue 4, G.722)
PESQ 1.47 clean-of-loss/1.24 with 5 % loss, against 2.79/1.99 with ``jbMinPre=60, jbMaxPre=240,
jbInit=80, jbMax=500``. ``tests/bench/bench_audio_pesq.py`` measures every profile here; its
figures chose the values below (see the comments).

All values are milliseconds, as pjsua's ``pjsua_media_config`` takes them. The mapping is applied
at ``libInit`` (the jitter buffer's sizing is global to pjsua), so a changed profile takes
effect at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

JitterProfile = Literal["lan", "wan", "mobile"]


@dataclass(frozen=True)
class JitterBufferSettings:
    init_ms: int  # prefetch before playout starts
    min_prefetch_ms: int  # the adaptive prefetch never goes below...
    max_prefetch_ms: int  # ...nor above these
    max_ms: int  # the buffer's capacity: packets later than this are dropped

    def apply(self, media_config: Any) -> None:
        """Set a ``pjsua2.MediaConfig`` (``EpConfig.medConfig``) before ``libInit``."""
        media_config.jbInit = self.init_ms
        media_config.jbMinPre = self.min_prefetch_ms
        media_config.jbMaxPre = self.max_prefetch_ms
        media_config.jbMax = self.max_ms

    def engine_fields(self) -> dict[str, int]:
        """Keyword arguments for ``EngineConfig`` (see the report: the engine's fields to add)."""
        return {
            "jb_init_ms": self.init_ms,
            "jb_min_prefetch_ms": self.min_prefetch_ms,
            "jb_max_prefetch_ms": self.max_prefetch_ms,
            "jb_max_ms": self.max_ms,
        }


PJSUA_DEFAULTS = JitterBufferSettings(-1, -1, -1, -1)

PROFILES: dict[str, JitterBufferSettings] = {
    # A clean LAN or a call-centre VLAN with QoS: least delay.
    "lan": JitterBufferSettings(init_ms=20, min_prefetch_ms=20, max_prefetch_ms=120, max_ms=300),
    # Home agents over broadband and VPNs: room for ±30 ms reordering jitter. A *small* start
    # and minimum matter as much as the large maximum: pjmedia's adaptive buffer shrinks a
    # level it does not need by discarding frames (heard as clicks for ~10 s on a clean line,
    # PESQ 2.5 instead of 3.2 with init 80/min 60), and refills to its minimum prefetch after
    # every lost packet (PESQ 1.5 instead of 2.2 at 5 % loss with min 40-60 ms).
    "wan": JitterBufferSettings(init_ms=40, min_prefetch_ms=20, max_prefetch_ms=240, max_ms=500),
    # Tethered or mobile links: bursts of 100+ ms delay; more mouth-to-ear delay accepted.
    "mobile": JitterBufferSettings(init_ms=60, min_prefetch_ms=20, max_prefetch_ms=400, max_ms=1000),
}


def jitter_buffer_for(profile: str) -> JitterBufferSettings:
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(f"unknown jitter profile {profile!r}; expected one of {sorted(PROFILES)}") from None
