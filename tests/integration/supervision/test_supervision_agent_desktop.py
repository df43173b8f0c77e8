"""The agent's desktop (this process: real engine, main window, the app's supervision wiring and the
app's ringer decision) supervised by a real supervisor's softphone (its own process), with a
patient and an intruder (pjsua2 peers), through a Kamailio that asserts identity.

A supervisor's call is answered or refused by the phone itself: it never rings (the ringer, as the
app's HeadsetAudio decides it after every engine event), never shows the incoming-call toast,
never sounds as call waiting, and never becomes one of the agent's calls; only the patient's call
does. The supervision ends with the patient call, on both sides.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from softphone.agent import AgentState, CallPhase
from softphone.audio.call_tones import CallTones
from softphone.sip.events import IncomingCall
from softphone.supervision import Refusal

from party_client import PartyProcess
from supervision_desktops import Desktop, start_agent_desktop

pytestmark = pytest.mark.integration


@pytest.fixture
def agent_desktop(trusted_kamailio, qtbot, tmp_path):
    desktop = start_agent_desktop(trusted_kamailio, tmp_path / "agent", ("supervisor@sip.test",))
    qtbot.addWidget(desktop.window)
    qtbot.waitUntil(lambda: "Registered" in desktop.window.registration_label.text(), timeout=10_000)
    yield desktop
    desktop.stop()


@pytest.fixture
def supervisor(trusted_kamailio, tmp_path):
    party = PartyProcess("supervisor", trusted_kamailio, "supervisor", "supervisor-secret", 1400, tmp_path / "parties")
    yield party
    party.close()


def party_event(qtbot, party, predicate, timeout_s: float = 10.0) -> dict:
    """Wait for another process's event while this (GUI) thread keeps processing Qt events: the
    agent's desktop must go on handling its engine's events meanwhile."""
    found: list[dict] = []

    def seen() -> bool:
        try:
            found.append(party.wait_event(predicate, timeout=0.02))
        except TimeoutError:
            return False
        return True

    qtbot.waitUntil(seen, timeout=int(timeout_s * 1000))
    return found[0]


def supervision_samples(desktop: Desktop) -> list[tuple[object, bool, CallTones]]:
    """The ringer decisions taken on the events of calls that asked to supervise."""
    samples = desktop.ringer_samples()
    ids = {event.call_id for event, _, _ in samples
           if isinstance(event, IncomingCall) and event.header("X-Supervise") is not None}
    return [sample for sample in samples if getattr(sample[0], "call_id", None) in ids]


def test_supervision_calls_never_ring_toast_or_count_as_calls_and_end_with_the_patient_call(
    agent_desktop, supervisor, trusted_kamailio, peer_factory, qtbot
):
    desktop, window = agent_desktop, agent_desktop.window
    domain = trusted_kamailio.domain
    scenes = []
    desktop.scene.on_applied(lambda scene, _routes, _parties: scenes.append(scene))

    # 1. Idle: a supervision call has no call to join: refused (480) without a ring or a toast.
    supervisor.request("start", agent="agent", uri=f"sip:agent@{domain}", mode="listen")
    ended = party_event(qtbot, supervisor, lambda e: e["event"] == "session" and e["phase"] == "ended")
    assert ended["status"] == 480 and ended["reason"] == "refused", ended
    qtbot.waitUntil(lambda: [why for _, why in desktop.supervision.service.refused] == [Refusal.NO_CALL], timeout=5_000)
    idle = supervision_samples(desktop)
    assert idle and all(not ringing and tones == CallTones() for _, ringing, tones in idle), idle
    assert desktop.offered == [] and not desktop.toast.isVisible()

    # 2. The patient calls: that one rings (the sampling sees a ring when there is one) and is answered.
    patient = peer_factory("patient", 1000)
    patient.register("patient", "patient-secret", domain, trusted_kamailio.udp_address)
    peer_call = patient.request("call", uri=f"sip:agent@{domain}")
    qtbot.waitUntil(lambda: desktop.toast.isVisible(), timeout=10_000)
    assert any(ringing for _, ringing, _ in desktop.ringer_samples())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    party_event(qtbot, patient, lambda e: e["event"] == "call_state" and e["call"] == peer_call
                and e["state"] == "CONFIRMED")
    qtbot.waitUntil(lambda: desktop.controller.focus() is not None
                    and desktop.controller.focus().phase is CallPhase.TALKING, timeout=10_000)
    (patient_view,) = desktop.controller.calls()

    # 3. The supervisor listens, an intruder asking to barge is refused 403, the supervisor whispers.
    supervisor.request("start", agent="agent", uri=f"sip:agent@{domain}", mode="listen")
    party_event(qtbot, supervisor, lambda e: e["event"] == "session" and e["phase"] == "active")
    qtbot.waitUntil(lambda: desktop.supervision.service.session is not None, timeout=5_000)
    assert not window.supervision_badge.isVisible()  # listen: no badge by default policy
    intruder = peer_factory("intruder", 1800)
    intruder.register("agent2", "agent2-secret", domain, trusted_kamailio.udp_address)
    spoof = intruder.request("call", uri=f"sip:agent@{domain}", headers={"X-Supervise": "barge"})
    refused = party_event(qtbot, intruder, lambda e: e["event"] == "call_state" and e["call"] == spoof
                          and e["state"] == "DISCONNECTED")
    assert refused["code"] == 403, refused
    assert supervisor.request("switch", mode="whisper")
    party_event(qtbot, supervisor, lambda e: e["event"] == "session" and e["phase"] == "active"
                and e["mode"] == "whisper")
    qtbot.waitUntil(lambda: window.supervision_badge.isVisible(), timeout=5_000)
    assert window.supervision_badge.text() == "Supervisor coaching"

    # None of those calls rang, toasted, sounded call waiting or became one of the agent's calls.
    samples = supervision_samples(desktop)
    assert len(samples) > len(idle)
    assert all(not ringing and tones == CallTones() for _, ringing, tones in samples), samples
    assert not any(scene.call_waiting for scene in scenes)
    assert [view.call_id for view in desktop.offered] == [patient_view.call_id]
    assert [view.call_id for view in desktop.controller.calls()] == [patient_view.call_id]
    assert not desktop.toast.isVisible() and window.call_state_label.text() != "Ringing"

    # 4. The patient hangs up: the supervision ends with the call, on both sides; only the
    #    patient's call goes to wrap-up and the history.
    patient.request("hangup", call=peer_call)
    supervisor_end = party_event(qtbot, supervisor, lambda e: e["event"] == "session" and e["phase"] == "ended")
    assert supervisor_end["reason"] == "ended_by_agent_side", supervisor_end
    qtbot.waitUntil(lambda: desktop.supervision.service.session is None, timeout=5_000)
    qtbot.waitUntil(lambda: desktop.agent.state is AgentState.WRAP_UP, timeout=5_000)
    assert not window.supervision_badge.isVisible()
    assert desktop.scene.supervisor_call_id is None and desktop.controller.calls() == ()
    assert [entry.call_id for entry in desktop.controller.history.entries()] == [patient_view.call_id]

    assert desktop.audit.close()
    events = [(e["event"], e.get("reason")) for e in desktop.audit_entries() if e["action"] == "supervision"]
    assert events == [("refused", "no_call_to_supervise"), ("started", None), ("refused", "not_authorised"),
                      ("mode_changed", None), ("ended", "patient_call_ended")]
