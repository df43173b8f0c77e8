"""The supervisor's desktop (this process: real engine, main window, Team view, as the app wires
them) supervising a real agent's softphone (its own process: engine, routing scene, supervision
service) on a call with a patient (a pjsua2 peer), through a Kamailio that asserts identity.

Checked here, by what the widgets show and the real audit database holds:
- the supervision call is a supervision session in the Team view (who, mode, Leave) and never a
  patient's call: no call in the main window, no toast, no On call, no wrap-up, no history entry;
- it ends cleanly on the supervisor's side whether the supervisor leaves or the patient call ends
  (hung up by the agent), and the agent's side ends it too;
- every session is audited on both sides (started, each switch, ended), the supervisor's in its
  hash-chained audit log (chain verified);
- PBX mode: the buttons dial the provisioned feature codes through Kamailio to a PBX (a pjsua2 peer
  that sees each INVITE's Request-URI), and a switch hangs up and dials the new mode's code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from softphone.agent import AgentState
from softphone.audit.verify import verify_audit_chain
from softphone.config.model import SupervisedAgentSettings, SupervisionFeatureCodes, SupervisionSettings
from softphone.supervision import ConsolePhase

from kamailio.server import KamailioServer
from kamailio.users import TEST_USERS
from party_client import PartyProcess
from supervision_desktops import Desktop, start_supervisor_desktop

pytestmark = pytest.mark.integration

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
AGENT = SupervisedAgentSettings(id="agent", name="Agent One", uri="sip:agent@sip.test", extension="2001")
CODES = SupervisionFeatureCodes(listen="*222{agent}", whisper="*223{agent}", barge="*224{agent}")


def _registered(desktop: Desktop) -> bool:
    return "Registered" in desktop.window.registration_label.text()


def assert_not_a_patient_call(desktop: Desktop) -> None:
    """Whatever the supervision call did, the supervisor's own desktop shows no call of theirs."""
    window = desktop.window
    assert desktop.controller.calls() == ()
    assert window.call_state_label.text() == "Waiting for calls"
    assert not window.hangup_button.isEnabled() and not window.escalate_button.isEnabled()
    assert not desktop.toast.isVisible() and desktop.offered == []
    assert desktop.agent.state is AgentState.AVAILABLE and desktop.agent_changes == []  # no On call, no wrap-up
    assert window.agent_state_label.text() == "Available"
    assert desktop.controller.history.entries() == ()
    assert window.patient_view.state == "idle"  # no screen-pop


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def agent_on_call(trusted_kamailio, peer_factory, tmp_path):
    """The agent's softphone (its own process) on a call with a patient, its presence On call."""
    agent = PartyProcess("agent", trusted_kamailio, "agent", "agent-secret", 600, tmp_path / "parties", role="agent")
    try:
        agent.request("agent_side", supervisors=["supervisor@sip.test"])
        agent.request("agent", op="call_started")
        agent.request("publish_presence")
        patient = peer_factory("patient", 1000)
        patient.register("patient", "patient-secret", trusted_kamailio.domain, trusted_kamailio.udp_address)
        peer_call = patient.request("call", uri=f"sip:agent@{trusted_kamailio.domain}")
        agent.wait_event(lambda e: e["event"] == "answered")
        patient.wait_call_state(peer_call, "CONFIRMED")
        yield agent, patient, peer_call
    finally:
        agent.close()


@pytest.fixture
def supervisor_desktop(trusted_kamailio, qtbot, tmp_path):
    settings = SupervisionSettings(role="supervisor", team=(AGENT,))
    desktop = start_supervisor_desktop(trusted_kamailio, tmp_path / "supervisor", settings)
    qtbot.addWidget(desktop.window)
    qtbot.waitUntil(lambda: _registered(desktop), timeout=10_000)
    yield desktop
    desktop.stop()


def _team_view(desktop: Desktop):
    return desktop.supervision.view


def test_supervisor_sees_a_supervision_session_not_a_call_and_it_ends_cleanly_both_ways(
    supervisor_desktop, agent_on_call, qtbot
):
    desktop = supervisor_desktop
    agent, patient, peer_call = agent_on_call
    view = _team_view(desktop)
    qtbot.waitUntil(lambda: view.row_texts() and view.row_texts()[0][:2] == ("Agent One", "On call"), timeout=10_000)
    assert_not_a_patient_call(desktop)

    # Listen: the Team view says whom and how; the main window shows nothing of it.
    view.select_agent("agent")
    _click(qtbot, view.buttons["listen"])
    qtbot.waitUntil(lambda: view.session_label.text() == "Listening to Agent One", timeout=10_000)
    agent.wait_event(lambda e: e["event"] == "supervised" and e["mode"] == "listen")
    # The scene connects the supervisor's headset to the supervision call (they must hear it) ...
    qtbot.waitUntil(lambda: desktop.scene.patient_call_id == desktop.supervision.console.session.call_id, timeout=5_000)
    assert view.buttons["listen"].isChecked() and view.leave_button.isEnabled()
    assert_not_a_patient_call(desktop)  # ... but it is no patient call of theirs

    for mode, text in (("whisper", "Whispering to Agent One"), ("barge", "In the call with Agent One")):
        _click(qtbot, view.buttons[mode])
        qtbot.waitUntil(lambda t=text: view.session_label.text() == t, timeout=10_000)
        agent.wait_event(lambda e, m=mode: e["event"] == "supervised" and e["mode"] == m)
        assert view.buttons[mode].isChecked()
        assert_not_a_patient_call(desktop)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert desktop.window.grab().save(str(SCREENSHOTS / "supervision-supervisor-desktop.png"))

    # The supervisor leaves: ended on both sides, the patient call goes on.
    _click(qtbot, view.leave_button)
    qtbot.waitUntil(lambda: view.session_label.text() == "Supervision ended", timeout=5_000)
    agent.wait_event(lambda e: e["event"] == "supervised" and e["mode"] is None)
    qtbot.waitUntil(lambda: desktop.scene.patient_call_id is None, timeout=5_000)  # its BYE's events are in
    assert not view.leave_button.isEnabled()
    assert_not_a_patient_call(desktop)
    assert patient.request("status")[peer_call] == "CONFIRMED"  # the patient call goes on

    # Again, then the patient call ends (the agent hangs up): ended on the supervisor's side too.
    _click(qtbot, view.buttons["listen"])
    qtbot.waitUntil(lambda: view.session_label.text() == "Listening to Agent One", timeout=10_000)
    agent.wait_event(lambda e: e["event"] == "supervised" and e["mode"] == "listen")
    agent.request("hangup_patient")
    patient.wait_call_state(peer_call, "DISCONNECTED")
    qtbot.waitUntil(lambda: view.session_label.text() == "Supervision ended", timeout=10_000)
    session = desktop.supervision.console.session
    assert session.phase is ConsolePhase.ENDED and session.end_reason == "ended_by_agent_side"
    agent.wait_event(lambda e: e["event"] == "supervised" and e["mode"] is None)
    qtbot.waitUntil(lambda: desktop.scene.patient_call_id is None, timeout=5_000)
    assert_not_a_patient_call(desktop)

    # Audited on both sides: the supervisor's entries in the real, hash-chained log ...
    assert desktop.audit.close(), "the audit writer did not drain"
    mine = [e for e in desktop.audit_entries() if e["action"] == "supervision"]
    assert [(e["event"], e["mode"]) for e in mine] == [
        ("started", "listen"), ("mode_changed", "whisper"), ("mode_changed", "barge"), ("ended", "barge"),
        ("started", "listen"), ("ended", "listen"),
    ]
    assert [e["reason"] for e in mine if e["event"] == "ended"] == ["supervisor_left", "ended_by_agent_side"]
    assert all(e["actor"] == "supervisor" and e["subject"] == "agent:agent" and e["side"] == "supervisor"
               and e["method"] == "client" and e["supervision_call"] for e in mine)
    assert [e["previous_mode"] for e in mine if e["event"] == "mode_changed"] == ["listen", "whisper"]
    assert verify_audit_chain(desktop.database).ok
    # ... and the agent's, from the agent's softphone.
    theirs = [agent.wait_event(lambda e: e["event"] == "audit" and e["action"] == "supervision") for _ in range(6)]
    assert [(e["details"]["event"], e["details"].get("reason")) for e in theirs] == [
        ("started", None), ("mode_changed", None), ("mode_changed", None), ("ended", "supervisor_left"),
        ("started", None), ("ended", "patient_call_ended"),
    ]
    assert all(e["details"]["side"] == "agent" and e["details"]["supervisor"] == "supervisor@sip.test" for e in theirs)


@pytest.fixture
def pbx_and_kamailio(peer_factory, tmp_path):
    """A PBX (a pjsua2 peer answering every INVITE) behind a Kamailio that relays feature-code
    INVITEs to it unchanged; the Kamailio needs the PBX's port, so the PBX comes first."""
    pbx = peer_factory("pbx", 1800, auto_answer=200)
    port = pbx.request("local_port")
    server = KamailioServer(tmp_path / "kamailio-pbx", users={**TEST_USERS, "pbx": "pbx-secret"},
                            assert_identity=True, feature_code_pbx=f"127.0.0.1:{port}")
    server.start()
    try:
        pbx.register("pbx", "pbx-secret", server.domain, server.udp_address)
        yield pbx, server
    finally:
        server.stop()


def test_pbx_mode_dials_the_provisioned_feature_codes_through_kamailio_and_redials_to_switch(
    pbx_and_kamailio, qtbot, tmp_path
):
    pbx, kamailio = pbx_and_kamailio
    # The agent's presence (their phone is the PBX's business; here it only says "On call").
    agent = PartyProcess("agent", kamailio, "agent", "agent-secret", 600, tmp_path / "parties")
    settings = SupervisionSettings(role="supervisor", method="pbx", feature_codes=CODES, team=(AGENT,))
    desktop = start_supervisor_desktop(kamailio, tmp_path / "supervisor", settings)
    qtbot.addWidget(desktop.window)
    try:
        agent.request("agent", op="call_started")
        agent.request("publish_presence")
        qtbot.waitUntil(lambda: _registered(desktop), timeout=10_000)
        view = _team_view(desktop)
        qtbot.waitUntil(lambda: view.row_texts() and view.row_texts()[0][1] == "On call", timeout=10_000)
        view.select_agent("agent")

        pbx_calls: list[str] = []
        for mode, code, text in (
            ("listen", "*2222001", "Listening to Agent One"),
            ("whisper", "*2232001", "Whispering to Agent One"),
            ("barge", "*2242001", "In the call with Agent One"),
        ):
            _click(qtbot, view.buttons[mode])
            incoming = pbx.wait_event(lambda e: e["event"] == "incoming", timeout=10)
            # The PBX got the provisioned code for this mode as the Request-URI, and no X-Supervise.
            assert incoming["request_uri"] == f"sip:{code}@{kamailio.domain}", incoming
            assert incoming["x_headers"] == {}, incoming
            pbx.wait_call_state(incoming["call"], "CONFIRMED")
            if pbx_calls:  # the switch hung up the previous mode's call
                pbx.wait_call_state(pbx_calls[-1], "DISCONNECTED")
            pbx_calls.append(incoming["call"])
            qtbot.waitUntil(lambda t=text: view.session_label.text() == t, timeout=10_000)
            assert view.buttons[mode].isChecked()
            assert_not_a_patient_call(desktop)

        _click(qtbot, view.leave_button)
        pbx.wait_call_state(pbx_calls[-1], "DISCONNECTED")
        qtbot.waitUntil(lambda: view.session_label.text() == "Supervision ended", timeout=5_000)
        qtbot.waitUntil(lambda: desktop.scene.patient_call_id is None, timeout=5_000)
        assert_not_a_patient_call(desktop)
        with pytest.raises(TimeoutError):  # one INVITE per mode, no more
            pbx.wait_event(lambda e: e["event"] == "incoming", timeout=0.5)

        assert desktop.audit.close(), "the audit writer did not drain"
        mine = [e for e in desktop.audit_entries() if e["action"] == "supervision"]
        assert [(e["event"], e["mode"], e["method"]) for e in mine] == [
            ("started", "listen", "pbx"), ("mode_changed", "whisper", "pbx"), ("mode_changed", "barge", "pbx"),
            ("ended", "barge", "pbx"),
        ]
        assert verify_audit_chain(desktop.database).ok
    finally:
        desktop.stop()
        agent.close()
