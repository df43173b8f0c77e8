"""What an escalation is and what it records: plain frozen values (no Qt, no pjsua2, no I/O).

Identifiers and codes only, plus the target titles IT provisioned and the care-team clinician's
name (staff, not the patient). The patient appears as ``patient_ref`` (the EHR id): stored in the
encrypted database, never logged, never in clear SIP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Mode(StrEnum):
    CONFERENCE = "conference"  # the clinician joins patient and agent at once
    CONSULT = "consult"  # the agent briefs the clinician privately, then joins everyone
    HANDOFF = "handoff"  # join, then the agent leaves (attended transfer)


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


class Phase(StrEnum):
    HUNTING = "hunting"  # a target is being dialled / rings
    CONSULTING = "consulting"  # clinician and agent talk, the patient waits
    CONFERENCED = "conferenced"  # everyone hears everyone
    HANDING_OFF = "handing_off"  # attended transfer in progress
    # terminal
    HANDED_OFF = "handed_off"
    ENDED = "ended"  # the clinician was reached; the escalation's call leg has since ended
    FAILED = "failed"  # every target tried, nobody answered: fallback script
    CANCELLED = "cancelled"  # by the agent
    PATIENT_LEFT = "patient_left"  # the patient hung up before the clinician was reached

    @property
    def terminal(self) -> bool:
        return self in _TERMINAL

    @property
    def connected(self) -> bool:
        return self in (Phase.CONSULTING, Phase.CONFERENCED, Phase.HANDING_OFF)


_TERMINAL = frozenset({Phase.HANDED_OFF, Phase.ENDED, Phase.FAILED, Phase.CANCELLED, Phase.PATIENT_LEFT})


class AttemptOutcome(StrEnum):
    PENDING = "pending"
    ANSWERED = "answered"
    NO_ANSWER = "no_answer"  # rang for the whole timeout
    BUSY = "busy"  # 486 / 600
    DECLINED = "declined"  # 603
    UNAVAILABLE = "unavailable"  # 404, 408, 480, 5xx...: not reachable now
    FAILED = "failed"  # the INVITE could not be sent at all
    SKIPPED = "skipped"  # the agent moved on
    CANCELLED = "cancelled"  # the escalation ended while it rang


@dataclass(frozen=True)
class Target:
    """One place to ring, resolved from the policy (or the patient's care team)."""

    target_id: str  # the policy's id, or "care-team"
    title: str  # shown to the agent: "On-call nurse line", "Dr A. Example (care team)"
    destination: str  # SIP/tel URI or number
    ring_timeout_s: float
    source: str = "policy"  # "policy" | "care_team"


@dataclass(frozen=True)
class Attempt:
    target: Target
    position: int  # 0-based order in the hunt
    outcome: AttemptOutcome = AttemptOutcome.PENDING
    call_id: str | None = None
    sip_status: int = 0
    invited_at: datetime | None = None
    ringing_at: datetime | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass(frozen=True)
class Plan:
    """What one press will do: built from the policy, the reason and the patient's context."""

    reason_code: str
    reason_label: str
    urgency: Urgency
    mode: Mode
    targets: tuple[Target, ...]
    fallback_script: str


@dataclass(frozen=True)
class Escalation:
    """The whole story of one escalation; the service replaces it at every step."""

    escalation_id: str
    plan: Plan
    agent_id: str
    patient_call_id: str
    patient_ref: str | None  # EHR patient id (PHI-adjacent: stored encrypted, never logged)
    note_call_id: str | None  # the call id the note is kept under
    phase: Phase
    attempts: tuple[Attempt, ...]
    pressed_at: datetime
    pressed_monotonic: float
    answered_at: datetime | None = None
    joined_at: datetime | None = None
    handed_off_at: datetime | None = None
    ended_at: datetime | None = None
    time_to_clinician_s: float | None = None  # press -> the clinician answered
    # Hand-off mode: when (the service's monotonic clock) the agent leaves by itself; None: no
    # countdown (not hand-off mode, not joined yet, the agent chose to stay, or already leaving).
    handoff_due_monotonic: float | None = None
    supervisor_alerted: bool = False
    notes: tuple[str, ...] = field(default=())  # short machine-readable remarks ("transfer_failed", "agent_stayed")

    @property
    def current(self) -> Attempt | None:
        for attempt in reversed(self.attempts):
            if attempt.outcome in (AttemptOutcome.PENDING, AttemptOutcome.ANSWERED):
                return attempt
        return None

    @property
    def remaining_targets(self) -> tuple[Target, ...]:
        return self.plan.targets[len(self.attempts):]

    @property
    def outcome(self) -> str:
        """For the record: connected | failed | cancelled | patient_hung_up | in_progress."""
        if not self.phase.terminal:
            return "in_progress"
        if self.answered_at is not None:
            return "connected"
        return {
            Phase.FAILED: "failed",
            Phase.CANCELLED: "cancelled",
            Phase.PATIENT_LEFT: "patient_hung_up",
        }.get(self.phase, "failed")
