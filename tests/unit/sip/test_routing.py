"""The bridge routing matrix: the documented table, row by row, and properties that must hold
for every scene hypothesis can build."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softphone.sip.routing import (
    AGENT_EAR,
    AGENT_MIC,
    CALL_WAITING_TONE,
    CLINICIAN,
    HOLD_TONE,
    PATIENT,
    RINGBACK_TONE,
    SINKS,
    SOURCES,
    SUPERVISOR,
    TONES,
    Agent,
    CallDirection,
    CallScene,
    ClinicianLeg,
    EscalationMode,
    LegState,
    PatientLeg,
    Route,
    SupervisionMode,
    SupervisorLeg,
    compute_routes,
    diff_routes,
    hears,
)

TALKING = PatientLeg(LegState.TALKING)
HELD = PatientLeg(LegState.HELD)


def heard(scene: CallScene) -> dict[str, set[str]]:
    routes = compute_routes(scene)
    return {sink: set(hears(routes, sink)) for sink in (AGENT_EAR, PATIENT, CLINICIAN, SUPERVISOR)}


def expect(
    agent_ear: AbstractSet[str] = frozenset(),
    patient: AbstractSet[str] = frozenset(),
    clinician: AbstractSet[str] = frozenset(),
    supervisor: AbstractSet[str] = frozenset(),
) -> dict[str, set[str]]:
    return {AGENT_EAR: set(agent_ear), PATIENT: set(patient), CLINICIAN: set(clinician), SUPERVISOR: set(supervisor)}


# One case per row of the table in softphone/sip/routing.py.
MATRIX = {
    "incoming patient ringing": (
        CallScene(patient=PatientLeg(LegState.RINGING, CallDirection.INCOMING)),
        expect(),
    ),
    "outgoing patient ringing": (
        CallScene(patient=PatientLeg(LegState.RINGING, CallDirection.OUTGOING)),
        expect(agent_ear={RINGBACK_TONE}),
    ),
    "talking": (CallScene(patient=TALKING), expect(agent_ear={PATIENT}, patient={AGENT_MIC})),
    "talking, agent muted": (
        CallScene(agent=Agent(mic_muted=True), patient=TALKING),
        expect(agent_ear={PATIENT}),
    ),
    "patient held": (CallScene(patient=HELD), expect(patient={HOLD_TONE})),
    "patient held, no hold tone": (CallScene(patient=HELD, hold_tone=False), expect()),
    "consulting, clinician ringing": (
        CallScene(patient=HELD, clinician=ClinicianLeg(LegState.RINGING, EscalationMode.CONSULTING)),
        expect(agent_ear={RINGBACK_TONE}, patient={HOLD_TONE}),
    ),
    "consulting": (
        CallScene(patient=HELD, clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONSULTING)),
        expect(agent_ear={CLINICIAN}, patient={HOLD_TONE}, clinician={AGENT_MIC}),
    ),
    "consulting while the patient's leg is not SIP-held": (
        CallScene(patient=TALKING, clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONSULTING)),
        expect(agent_ear={CLINICIAN}, patient={HOLD_TONE}, clinician={AGENT_MIC}),
    ),
    "conferenced": (
        CallScene(patient=TALKING, clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONFERENCED)),
        expect(
            agent_ear={PATIENT, CLINICIAN},
            patient={AGENT_MIC, CLINICIAN},
            clinician={AGENT_MIC, PATIENT},
        ),
    ),
    "handed-off, clinician ringing": (
        CallScene(patient=TALKING, clinician=ClinicianLeg(LegState.RINGING, EscalationMode.HANDED_OFF)),
        expect(patient={RINGBACK_TONE}),
    ),
    "handed-off": (
        CallScene(patient=TALKING, clinician=ClinicianLeg(LegState.TALKING, EscalationMode.HANDED_OFF)),
        expect(patient={CLINICIAN}, clinician={PATIENT}),
    ),
    "supervisor listen": (
        CallScene(patient=TALKING, supervisor=SupervisorLeg(LegState.TALKING, SupervisionMode.LISTEN)),
        expect(agent_ear={PATIENT}, patient={AGENT_MIC}, supervisor={AGENT_MIC, PATIENT}),
    ),
    "supervisor whisper": (
        CallScene(patient=TALKING, supervisor=SupervisorLeg(LegState.TALKING, SupervisionMode.WHISPER)),
        expect(agent_ear={PATIENT, SUPERVISOR}, patient={AGENT_MIC}, supervisor={AGENT_MIC, PATIENT}),
    ),
    "supervisor barge": (
        CallScene(patient=TALKING, supervisor=SupervisorLeg(LegState.TALKING, SupervisionMode.BARGE)),
        expect(
            agent_ear={PATIENT, SUPERVISOR},
            patient={AGENT_MIC, SUPERVISOR},
            supervisor={AGENT_MIC, PATIENT},
        ),
    ),
    "supervisor barges into a consultation": (
        CallScene(
            patient=HELD,
            clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONSULTING),
            supervisor=SupervisorLeg(LegState.TALKING, SupervisionMode.BARGE),
        ),
        expect(
            agent_ear={CLINICIAN, SUPERVISOR},
            patient={HOLD_TONE},
            clinician={AGENT_MIC, SUPERVISOR},
            supervisor={AGENT_MIC, CLINICIAN},
        ),
    ),
    "supervisor listens to a conference": (
        CallScene(
            patient=TALKING,
            clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONFERENCED),
            supervisor=SupervisorLeg(LegState.TALKING, SupervisionMode.LISTEN),
        ),
        expect(
            agent_ear={PATIENT, CLINICIAN},
            patient={AGENT_MIC, CLINICIAN},
            clinician={AGENT_MIC, PATIENT},
            supervisor={AGENT_MIC, PATIENT, CLINICIAN},
        ),
    ),
    "supervisor after hand-off hears nothing": (
        CallScene(
            patient=TALKING,
            clinician=ClinicianLeg(LegState.TALKING, EscalationMode.HANDED_OFF),
            supervisor=SupervisorLeg(LegState.TALKING, SupervisionMode.BARGE),
        ),
        expect(patient={CLINICIAN}, clinician={PATIENT}),
    ),
    "supervisor still ringing": (
        CallScene(patient=TALKING, supervisor=SupervisorLeg(LegState.RINGING, SupervisionMode.BARGE)),
        expect(agent_ear={PATIENT}, patient={AGENT_MIC}),
    ),
    "call waiting": (
        CallScene(patient=TALKING, call_waiting=True),
        expect(agent_ear={PATIENT, CALL_WAITING_TONE}, patient={AGENT_MIC}),
    ),
    "call waiting with no call in progress": (
        CallScene(patient=PatientLeg(LegState.ENDED), call_waiting=True),
        expect(),
    ),
    "ended": (CallScene(patient=PatientLeg(LegState.ENDED)), expect()),
}


@pytest.mark.parametrize("name", list(MATRIX))
def test_documented_matrix(name: str) -> None:
    scene, expected = MATRIX[name]
    assert heard(scene) == expected


def test_diff_moving_into_a_consultation() -> None:
    talking = compute_routes(CallScene(patient=TALKING))
    consulting = compute_routes(
        CallScene(patient=HELD, clinician=ClinicianLeg(LegState.TALKING, EscalationMode.CONSULTING))
    )
    diff = diff_routes(talking, consulting)
    assert diff.disconnect == {Route(AGENT_MIC, PATIENT), Route(PATIENT, AGENT_EAR)}
    assert diff.connect == {
        Route(HOLD_TONE, PATIENT),
        Route(AGENT_MIC, CLINICIAN),
        Route(CLINICIAN, AGENT_EAR),
    }
    assert diff_routes(consulting, consulting).is_empty


# -- properties ----------------------------------------------------------------------------------

leg_states = st.sampled_from(LegState)
scenes = st.builds(
    CallScene,
    agent=st.builds(Agent, mic_muted=st.booleans()),
    patient=st.none() | st.builds(PatientLeg, state=leg_states, direction=st.sampled_from(CallDirection)),
    clinician=st.none() | st.builds(ClinicianLeg, state=leg_states, mode=st.sampled_from(EscalationMode)),
    supervisor=st.none() | st.builds(SupervisorLeg, state=leg_states, mode=st.sampled_from(SupervisionMode)),
    call_waiting=st.booleans(),
    hold_tone=st.booleans(),
)

_SAME_PARTY = {(AGENT_MIC, AGENT_EAR), (PATIENT, PATIENT), (CLINICIAN, CLINICIAN), (SUPERVISOR, SUPERVISOR)}


@given(scenes)
def test_nobody_hears_themselves(scene: CallScene) -> None:
    for route in compute_routes(scene):
        assert (route.source, route.sink) not in _SAME_PARTY


@given(scenes)
def test_routes_only_use_known_ports_and_tones_are_never_sinks(scene: CallScene) -> None:
    for route in compute_routes(scene):
        assert route.source in SOURCES
        assert route.sink in SINKS
        assert route.sink not in TONES


@given(scenes)
def test_a_muted_agent_is_heard_by_nobody(scene: CallScene) -> None:
    muted = CallScene(
        agent=Agent(mic_muted=True), patient=scene.patient, clinician=scene.clinician,
        supervisor=scene.supervisor, call_waiting=scene.call_waiting, hold_tone=scene.hold_tone,
    )
    assert not any(route.source == AGENT_MIC for route in compute_routes(muted))
    # ...and muting takes away exactly the agent's microphone, nothing else.
    unmuted = CallScene(
        agent=Agent(mic_muted=False), patient=scene.patient, clinician=scene.clinician,
        supervisor=scene.supervisor, call_waiting=scene.call_waiting, hold_tone=scene.hold_tone,
    )
    assert compute_routes(muted) == {r for r in compute_routes(unmuted) if r.source != AGENT_MIC}


@given(scenes)
def test_in_listen_mode_nobody_hears_the_supervisor(scene: CallScene) -> None:
    if scene.supervisor is not None and scene.supervisor.mode is SupervisionMode.LISTEN:
        assert not any(route.source == SUPERVISOR for route in compute_routes(scene))


@given(scenes)
def test_only_a_barging_supervisor_is_heard_by_patient_or_clinician(scene: CallScene) -> None:
    routes = compute_routes(scene)
    if scene.supervisor is None or scene.supervisor.mode is not SupervisionMode.BARGE:
        assert Route(SUPERVISOR, PATIENT) not in routes
        assert Route(SUPERVISOR, CLINICIAN) not in routes


@given(scenes)
def test_a_patient_not_talking_is_cut_off_except_for_tones(scene: CallScene) -> None:
    if scene.patient is None or scene.patient.state is LegState.TALKING:
        return
    for route in compute_routes(scene):
        assert route.source != PATIENT
        if route.sink == PATIENT:
            assert route.source in (HOLD_TONE, RINGBACK_TONE)
            assert scene.patient.state is LegState.HELD or route.source != HOLD_TONE


@given(scenes)
def test_a_held_patient_hears_only_the_hold_tone_if_enabled(scene: CallScene) -> None:
    if scene.patient is None or scene.patient.state is not LegState.HELD:
        return
    expected = {HOLD_TONE} if scene.hold_tone else set()
    assert hears(compute_routes(scene), PATIENT) == expected


@given(scenes)
def test_during_a_consultation_the_patient_and_clinician_never_hear_each_other(scene: CallScene) -> None:
    if scene.escalation is not EscalationMode.CONSULTING:
        return
    routes = compute_routes(scene)
    assert Route(CLINICIAN, PATIENT) not in routes
    assert Route(PATIENT, CLINICIAN) not in routes
    assert Route(AGENT_MIC, PATIENT) not in routes
    assert Route(PATIENT, AGENT_EAR) not in routes


@given(scenes)
def test_after_hand_off_the_agent_is_out_of_the_call(scene: CallScene) -> None:
    if scene.escalation is not EscalationMode.HANDED_OFF:
        return
    routes = compute_routes(scene)
    assert not any(route.source == AGENT_MIC or route.sink == AGENT_EAR for route in routes)


@given(scenes)
def test_conversations_are_two_way(scene: CallScene) -> None:
    # Between remote parties hearing is mutual (one-way audio is a bug report waiting to
    # happen); only a listening or whispering supervisor hears without being heard.
    routes = compute_routes(scene)
    pairs = [(PATIENT, CLINICIAN)]
    if scene.supervisor is not None and scene.supervisor.mode is SupervisionMode.BARGE:
        pairs += [(PATIENT, SUPERVISOR), (CLINICIAN, SUPERVISOR)]
    for a, b in pairs:
        assert (Route(a, b) in routes) == (Route(b, a) in routes)


@given(scenes, scenes)
def test_diff_applied_to_old_yields_new(old_scene: CallScene, new_scene: CallScene) -> None:
    old, new = compute_routes(old_scene), compute_routes(new_scene)
    diff = diff_routes(old, new)
    assert diff.apply_to(old) == new
    assert not (diff.connect & diff.disconnect)
    assert diff.connect.isdisjoint(old) and diff.disconnect <= old


@given(scenes)
def test_compute_routes_is_deterministic(scene: CallScene) -> None:
    assert compute_routes(scene) == compute_routes(scene)
