"""What the window shows of one call (``CallView``, its phase and quality), apart from the controller.

Kept apart from ``calls.py`` because the main window needs these types before it is first shown,
while the controller pulls in the SIP events and commands (issue 5: start-up time). ``calls.py``
re-exports them, so ``from softphone.agent.calls import CallView`` keeps working. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # an annotation only: the window imports this module before it is shown
    from softphone.agent.history import Direction


class CallPhase(StrEnum):
    RINGING = "ringing"  # incoming, waiting for the agent
    DIALING = "dialing"  # outgoing, not answered yet
    CONNECTING = "connecting"
    TALKING = "talking"
    HELD = "held"  # the agent put the caller on hold
    REMOTE_HELD = "remote_held"  # the other side put us on hold
    ENDED = "ended"


class QualityLevel(StrEnum):
    UNKNOWN = "unknown"
    GOOD = "good"  # MOS >= 4.0
    FAIR = "fair"  # 3.6 .. 4.0
    POOR = "poor"  # < 3.6


def quality_level(mos: float | None) -> QualityLevel:
    if mos is None:
        return QualityLevel.UNKNOWN
    if mos >= 4.0:
        return QualityLevel.GOOD
    if mos >= 3.6:
        return QualityLevel.FAIR
    return QualityLevel.POOR


@dataclass(frozen=True)
class CallView:
    """One call as the window shows it. ``display_name``/``remote_uri`` are untrusted: plain text only."""

    call_id: str
    direction: Direction
    phase: CallPhase
    remote_uri: str
    display_name: str
    asserted: bool  # identity from P-Asserted-Identity (a trusted proxy), not the caller's From
    created_at: float  # monotonic
    connected_at: float | None = None  # monotonic; the call timer counts from here
    muted: bool = False
    mos: float | None = None
    status_code: int = 0
    reason: str = ""
    transfer_status: str | None = None  # "trying", "ringing", "done", "failed"
    auto_answer_after_s: float | None = None

    @property
    def quality(self) -> QualityLevel:
        return quality_level(self.mos)

    @property
    def live(self) -> bool:
        return self.phase is not CallPhase.ENDED

    @property
    def party(self) -> str:
        """What to show as the other party: their display name, else their URI's user part."""
        if self.display_name:
            return self.display_name
        user = self.remote_uri.split(":", 1)[-1].split("@", 1)[0].split(";", 1)[0]
        return user or self.remote_uri
