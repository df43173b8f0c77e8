"""Supervisors listen, whisper and barge into agents' calls: authorised, audited, switchable.

Agent side (``agent_side.SupervisedCallService``): an incoming call with ``X-Supervise`` from a
provisioned supervisor (asserted by the trusted proxy) is auto-answered and mixed in through the
routing scene; anything else is refused 403 and audited. The agent's state is published as SIP
presence (``presence_publisher``).

Supervisor side: ``team.TeamRoster`` follows the agents' presence; ``console.SupervisorConsole``
places / switches / leaves the supervision call (client mixing, or PBX feature codes).
No Qt and no pjsua2 here.
"""

from softphone.sip.routing import SupervisionMode
from softphone.supervision.agent_side import SupervisedCallService, SupervisionSession
from softphone.supervision.authorisation import Decision, Refusal, SupervisionPolicy, canonical_identity, decide
from softphone.supervision.console import ConsoleError, ConsolePhase, ConsoleSession, SupervisorConsole
from softphone.supervision.modes import SUPERVISE_HEADER, parse_mode
from softphone.supervision.presence_note import TeamState
from softphone.supervision.presence_publisher import AgentPresencePublisher
from softphone.supervision.team import TeamMember, TeamRoster

__all__ = [
    "AgentPresencePublisher",
    "ConsoleError",
    "ConsolePhase",
    "ConsoleSession",
    "Decision",
    "Refusal",
    "SUPERVISE_HEADER",
    "SupervisedCallService",
    "SupervisionMode",
    "SupervisionPolicy",
    "SupervisionSession",
    "SupervisorConsole",
    "TeamMember",
    "TeamRoster",
    "TeamState",
    "canonical_identity",
    "decide",
    "parse_mode",
]
