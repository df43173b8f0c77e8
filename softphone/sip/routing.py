"""Who hears whom on the conference bridge: one pure function of the call scene.

``compute_routes(scene)`` returns every ``Route(source, sink)`` that must exist on the bridge
(``source`` is heard at ``sink``); ``diff_routes(old, new)`` says what to connect and
disconnect. The SIP engine applies the diff to pjsua2's conference bridge (disconnect
first, then connect, so that no transition lets anyone overhear for a frame); nothing here
knows about pjsua2.

Ports
-----
``agent_mic`` (source) and ``agent_ear`` (sink) are the agent's headset; ``patient``,
``clinician`` and ``supervisor`` are call legs (each both a source and a sink);
``tone:hold``, ``tone:ringback`` and ``tone:call_waiting`` are tone players (sources only).

Rules
-----
1. A *conversation* is a set of parties who all hear each other. A leg takes part only
   while it is TALKING; RINGING, HELD and ENDED legs never do.

   ====================  =============================================
   escalation mode       conversation
   ====================  =============================================
   none                  agent, patient
   consulting            agent, clinician (the patient is kept out)
   conferenced           agent, patient, clinician
   handed-off            patient, clinician (the agent has left)
   ====================  =============================================

2. A remote party that is HELD, or TALKING but kept out of the conversation (the patient
   while the agent consults), hears the hold tone if the scene enables it, else silence.
   It is never heard by anyone.
3. The agent hears ringback while a leg the agent is calling rings (an outgoing patient call,
   the clinician in consulting/conferenced mode); in handed-off mode the *patient* hears the
   clinician's ringback instead. Call waiting is a tone in the agent's ear while the agent has
   a call in progress (not after handing off).
4. The supervisor, while TALKING and while the agent is on the call (not handed-off):
   listen  = hears the agent's microphone and every party the agent hears; nobody hears them.
   whisper = listen, and the agent (only) hears the supervisor.
   barge   = joins the agent's conversation: hears and is heard by all its members.
5. Mute removes every route from ``agent_mic``, including to the supervisor.

The matrix for the usual scenes ("+" rows add to the scene above them):

| scene                         | agent_ear hears     | patient hears    | clinician hears  | supervisor hears         |
|-------------------------------|---------------------|------------------|------------------|--------------------------|
| incoming patient ringing      | -                   | -                | -                | -                        |
| outgoing patient ringing      | ringback            | -                | -                | -                        |
| talking                       | patient             | agent            | -                | -                        |
| talking, agent muted          | patient             | -                | -                | -                        |
| patient held                  | -                   | hold tone*       | -                | -                        |
| consulting, clinician ringing | ringback            | hold tone*       | -                | -                        |
| consulting                    | clinician           | hold tone*       | agent            | -                        |
| conferenced                   | patient, clinician  | agent, clinician | agent, patient   | -                        |
| handed-off, clinician ringing | -                   | ringback         | -                | -                        |
| handed-off                    | -                   | clinician        | patient          | -                        |
| + supervisor listen           | (unchanged)         | (unchanged)      | (unchanged)      | agent + what agent hears |
| + supervisor whisper          | + supervisor        | (unchanged)      | (unchanged)      | agent + what agent hears |
| + supervisor barge            | + supervisor        | + supervisor [1] | + supervisor [1] | agent + conversation     |
| + call waiting                | + call-waiting tone | (unchanged)      | (unchanged)      | (unchanged)              |

* only if the scene's hold tone is on, else silence.
[1] only while that party is in the agent's conversation.

Nobody ever hears themselves; tones are never sinks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import permutations

AGENT_MIC = "agent_mic"
AGENT_EAR = "agent_ear"
PATIENT = "patient"
CLINICIAN = "clinician"
SUPERVISOR = "supervisor"
HOLD_TONE = "tone:hold"
RINGBACK_TONE = "tone:ringback"
CALL_WAITING_TONE = "tone:call_waiting"

TONES = frozenset({HOLD_TONE, RINGBACK_TONE, CALL_WAITING_TONE})
SOURCES = frozenset({AGENT_MIC, PATIENT, CLINICIAN, SUPERVISOR}) | TONES
SINKS = frozenset({AGENT_EAR, PATIENT, CLINICIAN, SUPERVISOR})

# Parties, as opposed to ports: the agent is one party with two ports.
AGENT = "agent"
_SOURCE_OF = {AGENT: AGENT_MIC, PATIENT: PATIENT, CLINICIAN: CLINICIAN, SUPERVISOR: SUPERVISOR}
_SINK_OF = {AGENT: AGENT_EAR, PATIENT: PATIENT, CLINICIAN: CLINICIAN, SUPERVISOR: SUPERVISOR}


class LegState(StrEnum):
    RINGING = "ringing"
    TALKING = "talking"
    HELD = "held"
    ENDED = "ended"


class CallDirection(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class EscalationMode(StrEnum):
    NONE = "none"
    CONSULTING = "consulting"
    CONFERENCED = "conferenced"
    HANDED_OFF = "handed_off"


class SupervisionMode(StrEnum):
    LISTEN = "listen"
    WHISPER = "whisper"
    BARGE = "barge"


@dataclass(frozen=True, slots=True)
class Agent:
    mic_muted: bool = False


@dataclass(frozen=True, slots=True)
class PatientLeg:
    state: LegState
    direction: CallDirection = CallDirection.INCOMING


@dataclass(frozen=True, slots=True)
class ClinicianLeg:
    """The escalation leg; the agent always places it, so it rings as an outgoing call."""

    state: LegState
    mode: EscalationMode


@dataclass(frozen=True, slots=True)
class SupervisorLeg:
    state: LegState
    mode: SupervisionMode


@dataclass(frozen=True, slots=True)
class CallScene:
    agent: Agent = Agent()
    patient: PatientLeg | None = None
    clinician: ClinicianLeg | None = None
    supervisor: SupervisorLeg | None = None
    call_waiting: bool = False  # another call is ringing for this agent
    hold_tone: bool = True  # held parties hear the hold tone rather than silence

    @property
    def escalation(self) -> EscalationMode:
        return self.clinician.mode if self.clinician else EscalationMode.NONE


@dataclass(frozen=True, slots=True, order=True)
class Route:
    """Audio from ``source`` is heard at ``sink``."""

    source: str
    sink: str


@dataclass(frozen=True, slots=True)
class RouteDiff:
    connect: frozenset[Route]
    disconnect: frozenset[Route]

    def apply_to(self, routes: frozenset[Route]) -> frozenset[Route]:
        """What the bridge holds after the diff: disconnect first, then connect."""
        return (routes - self.disconnect) | self.connect

    @property
    def is_empty(self) -> bool:
        return not self.connect and not self.disconnect


def diff_routes(old: frozenset[Route], new: frozenset[Route]) -> RouteDiff:
    return RouteDiff(connect=new - old, disconnect=old - new)


def _is_talking(leg: PatientLeg | ClinicianLeg | SupervisorLeg | None) -> bool:
    return leg is not None and leg.state is LegState.TALKING


def _conversation(scene: CallScene) -> frozenset[str]:
    """The parties who all hear each other (before mute and supervision)."""
    mode = scene.escalation
    members = set()
    if mode is not EscalationMode.HANDED_OFF:
        members.add(AGENT)
    if _is_talking(scene.patient) and mode is not EscalationMode.CONSULTING:
        members.add(PATIENT)
    if _is_talking(scene.clinician) and mode is not EscalationMode.NONE:
        members.add(CLINICIAN)
    return frozenset(members)


def _agent_on_call(scene: CallScene) -> bool:
    """The agent has a call in progress in this scene (and has not handed it off)."""
    if scene.escalation is EscalationMode.HANDED_OFF:
        return False
    legs = (scene.patient, scene.clinician)
    return any(leg is not None and leg.state is not LegState.ENDED for leg in legs)


def _ringback_sinks(scene: CallScene) -> set[str]:
    sinks = set()
    mode = scene.escalation
    patient, clinician = scene.patient, scene.clinician
    if mode is EscalationMode.HANDED_OFF:
        if clinician and clinician.state is LegState.RINGING and _is_talking(patient):
            sinks.add(PATIENT)
        return sinks
    if patient and patient.state is LegState.RINGING and patient.direction is CallDirection.OUTGOING:
        sinks.add(AGENT_EAR)
    if clinician and clinician.state is LegState.RINGING and mode is not EscalationMode.NONE:
        sinks.add(AGENT_EAR)
    return sinks


def _on_hold(scene: CallScene, conversation: frozenset[str]) -> set[str]:
    """Remote parties that are held, or connected but kept out of every conversation."""
    parked = set()
    for party, leg in ((PATIENT, scene.patient), (CLINICIAN, scene.clinician)):
        if leg is None:
            continue
        if leg.state is LegState.HELD or (leg.state is LegState.TALKING and party not in conversation):
            parked.add(party)
    return parked


def compute_routes(scene: CallScene) -> frozenset[Route]:
    """Every route the bridge must hold for ``scene``; see the module docstring for the matrix."""
    routes: set[Route] = set()
    conversation = _conversation(scene)

    # 1. Everyone in the conversation hears everyone else in it (an agent alone hears nobody).
    for speaker, listener in permutations(conversation, 2):
        routes.add(Route(_SOURCE_OF[speaker], _SINK_OF[listener]))

    # 2. Held and parked parties: hold tone or silence.
    if scene.hold_tone:
        routes.update(Route(HOLD_TONE, party) for party in _on_hold(scene, conversation))

    # 3. Ringback and call waiting.
    routes.update(Route(RINGBACK_TONE, sink) for sink in _ringback_sinks(scene))
    if scene.call_waiting and _agent_on_call(scene):
        routes.add(Route(CALL_WAITING_TONE, AGENT_EAR))

    # 4. Supervision follows the agent.
    supervisor = scene.supervisor
    if supervisor is not None and _is_talking(supervisor) and AGENT in conversation:
        heard_by_agent = {route.source for route in routes if route.sink == AGENT_EAR} - TONES
        for source in heard_by_agent | {AGENT_MIC}:
            routes.add(Route(source, SUPERVISOR))
        if supervisor.mode is SupervisionMode.WHISPER:
            routes.add(Route(SUPERVISOR, AGENT_EAR))
        elif supervisor.mode is SupervisionMode.BARGE:
            for member in conversation:
                routes.add(Route(SUPERVISOR, _SINK_OF[member]))
                routes.add(Route(_SOURCE_OF[member], SUPERVISOR))

    # 5. Mute wins over everything: nobody hears a muted agent.
    if scene.agent.mic_muted:
        routes = {route for route in routes if route.source != AGENT_MIC}
    return frozenset(routes)


def hears(routes: frozenset[Route], sink: str) -> frozenset[str]:
    """The sources heard at ``sink`` (for tests, logs and the supervisor's screen)."""
    return frozenset(route.source for route in routes if route.sink == sink)
