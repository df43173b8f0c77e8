"""The main window in each state, driven by real SIP events: a real SipEngine registered on Kamailio,
a patient peer process calling it. Each state is saved to docs/screenshots/ for the README."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from softphone.agent import AgentState, CallOutcome, CallPhase
from desktop_harness import save_screenshot

# A demo-directory patient's number, asserted by the proxy (P-Asserted-Identity), so the screen-pop
# finds one patient and loads her context.
PATIENT_NUMBER = "+12025550110"
PAI = {"P-Asserted-Identity": f'"Mei Chen" <tel:{PATIENT_NUMBER}>'}


def focus_phase(desktop):
    focus = desktop.controller.focus()
    return focus.phase if focus else None


def test_window_states_from_idle_to_wrap_up(desktop, patient, kamailio, qtbot):
    window = desktop.window
    assert window.call_state_label.text() == "Waiting for calls"
    assert not window.escalate_button.isEnabled() and not window.answer_button.isEnabled()
    save_screenshot(window, "01-idle")

    # ringing
    peer_call = patient.request("call", uri=f"sip:agent@{kamailio.domain}", headers=PAI)
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.RINGING, timeout=10_000)
    assert window.caller_label.text() == "Mei Chen"
    assert "verified by the network" in window.identity_note.text()
    assert window.answer_button.isEnabled() and window.decline_button.isEnabled()
    assert not window.escalate_button.isEnabled()
    assert desktop.toast.isVisible() and desktop.toast.caller.text() == "Mei Chen"
    qtbot.waitUntil(lambda: window.patient_view.state == "found", timeout=10_000)
    assert window.patient_view.name_label.text() == "Mei Maria Chen"
    assert "Mateo Novak" in window.patient_view.fields["on_call"].text()
    save_screenshot(window, "02-ringing")
    save_screenshot(desktop.toast, "02-ringing-toast")

    # in call: answered with the keyboard (F5)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    patient.wait_call_state(peer_call, "CONFIRMED")
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)
    assert window.escalate_button.isEnabled() and window.hangup_button.isEnabled()
    assert not desktop.toast.isVisible()
    assert desktop.agent.state is AgentState.ON_CALL
    assert window.agent_state_label.text() == "On call"
    qtbot.waitUntil(lambda: window.quality_label.text().startswith("Quality"), timeout=8_000)
    qtbot.waitUntil(lambda: window.timer_label.text() >= "00:01", timeout=5_000)
    window.notes_edit.setPlainText("Caller reports dizziness since this morning.")
    save_screenshot(window, "03-in-call")

    # held (F6), then resumed
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.HELD, timeout=10_000)
    assert window.hold_button.isChecked() and window.hold_button.text() == "Resume"
    assert window.call_state_label.text() == "On hold"
    save_screenshot(window, "04-held")
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)

    # mute (F7) goes through the engine and back
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: desktop.controller.focus().muted, timeout=5_000)
    assert window.mute_button.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: not desktop.controller.focus().muted, timeout=5_000)

    # escalating: F9 presses Escalate; the escalation feature receives the signal
    with qtbot.waitSignal(desktop.presenter.escalate_requested, timeout=2_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.escalating and window.escalate_button.text() == "Escalating…"
    assert window.escalate_button.property("escalating") is True
    save_screenshot(window, "05-escalating")
    window.set_escalating(False)

    # supervised: the supervision feature drives a badge
    window.set_supervision("listen")
    badge = window.findChild(QLabel, "supervision_badge")
    assert badge.isVisible() and badge.text() == "Supervisor listening"
    save_screenshot(window, "06-supervised")
    window.set_supervision(None)
    assert not badge.isVisible()

    # the patient hangs up: wrap-up with a countdown and a required disposition
    patient.request("hangup", call=peer_call)
    qtbot.waitUntil(lambda: desktop.agent.state is AgentState.WRAP_UP, timeout=10_000)
    assert window.wrap_up_frame.isVisible() and not window.disposition_button.isEnabled()
    assert window.wrap_up_label.text().startswith("Wrap-up:")
    assert window.patient_view.state == "found"  # the context stays for the notes
    assert window.caller_label.text() == "No call" and not window.escalate_button.isEnabled()
    window.disposition_combo.setCurrentIndex(window.disposition_combo.findData("Advice given"))
    save_screenshot(window, "07-wrap-up")
    window.disposition_button.click()
    assert desktop.agent.state is AgentState.AVAILABLE and not window.wrap_up_frame.isVisible()
    entry = desktop.controller.history.entries()[0]
    assert entry.outcome is CallOutcome.ANSWERED and entry.disposition == "Advice given" and entry.duration_s > 0
    assert window.history_list.count() == 1 and "Advice given" in window.history_list.item(0).text()
    window.side_tabs.setCurrentIndex(1)
    save_screenshot(window, "08-recent-calls")


def test_second_incoming_call_holds_the_first_when_answered(desktop, patient, kamailio, peer_factory, qtbot):
    other = peer_factory("patient2", 1400)
    other.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
    first = patient.request("call", uri=f"sip:agent@{kamailio.domain}", headers=PAI)
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.RINGING, timeout=10_000)
    desktop.window.answer_button.click()
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)

    second = other.request("call", uri=f"sip:agent@{kamailio.domain}")
    qtbot.waitUntil(lambda: len(desktop.controller.ringing()) == 1, timeout=10_000)
    assert desktop.toast.isVisible() and desktop.toast.title.text() == "Second incoming call"
    assert desktop.window.calls_list.isVisible() and desktop.window.calls_list.count() == 2
    save_screenshot(desktop.window, "09-second-call")
    desktop.toast.answer_button.click()
    other.wait_call_state(second, "CONFIRMED")
    calls = {view.call_id: view for view in desktop.controller.calls()}
    qtbot.waitUntil(
        lambda: sorted(v.phase for v in desktop.controller.calls()) == sorted([CallPhase.HELD, CallPhase.TALKING]),
        timeout=10_000,
    )
    assert desktop.controller.focus().party == "clinician"
    other.request("hangup", call=second)
    qtbot.waitUntil(lambda: len(desktop.controller.calls()) == 1, timeout=10_000)
    assert desktop.agent.state is AgentState.ON_CALL  # the first call is still up: no wrap-up yet
    desktop.window.hold_button.click()  # resume the first
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)
    desktop.window.hangup_button.click()
    patient.wait_call_state(first, "DISCONNECTED")
    qtbot.waitUntil(lambda: desktop.agent.state is AgentState.WRAP_UP, timeout=10_000)
    assert set(desktop.agent.wrap_up_calls) == set(calls)


def test_on_break_callers_hear_busy_and_nothing_rings(desktop, patient, kamailio, qtbot):
    desktop.window.availability_requested.emit("break", "Lunch")
    assert desktop.window.agent_state_label.text() == "Break: Lunch"
    call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    # The GUI thread must run its event loop to see the call (and refuse it): wait in Qt.
    qtbot.waitUntil(lambda: len(desktop.controller.history.entries()) == 1, timeout=10_000)
    ended = patient.wait_call_state(call, "DISCONNECTED")
    assert ended["code"] == 486
    assert desktop.controller.history.entries()[0].outcome is CallOutcome.BUSY
    assert not desktop.toast.isVisible() and desktop.window.caller_label.text() == "No call"
