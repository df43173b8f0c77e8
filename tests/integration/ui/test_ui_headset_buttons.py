"""The headset's call buttons on real calls: the desktop as the app wires it (a real SipEngine on the
test Kamailio, the call controller, the window) with the headset buttons wired by the same
``start_headset_buttons`` the app calls; a patient peer process calls in.

The USB headset is the one fake (tests/support/fake_hid.py: no /dev/uhid here), fed with the
input reports of a Jabra/Poly-like descriptor. The agent's microphone is a 600 Hz tone port, so
"muted" is proven by what the patient hears.
"""

from __future__ import annotations

import pytest

from peers.tones import analyse
from softphone.agent import AgentState, CallPhase
from softphone.config.model import HeadsetButtonsSettings
from softphone.headset.controller import start_headset_buttons
from softphone.ui.desktop import GuiTask
from tests.support.fake_hid import FakeHeadset, FakeHid
from tests.support.hid_headsets import leds_with_ids, report_with_ids

AGENT_TONE = 600  # desktop_harness: the agent's mic
LISTEN_MS = 1500
LEDS_OFF = leds_with_ids()


def focus_phase(desktop):
    focus = desktop.controller.focus()
    return focus.phase if focus else None


def patient_hears(patient, qtbot, path) -> bool:
    """Records what the patient hears while the GUI keeps running; True if the agent's tone is in it."""
    patient.record(path)
    qtbot.wait(LISTEN_MS)
    patient.stop_record()
    report = analyse(path, [AGENT_TONE])
    if report.present(AGENT_TONE):
        return True
    assert report.absent(AGENT_TONE), f"neither clearly present nor absent: {report}"
    return False


@pytest.fixture
def headset_buttons(desktop):
    hid = FakeHid()
    buttons = start_headset_buttons(
        HeadsetButtonsSettings(), desktop.controller,
        dispatch=lambda fn: desktop.bridge.publish(GuiTask(fn)),
        on_status=desktop.window.show_headset_buttons, hid_module=hid, poll_s=0.05,
    )
    yield hid, buttons
    buttons.stop()


def test_status_bar_follows_the_headset_plug(desktop, headset_buttons, qtbot):
    hid, _buttons = headset_buttons
    label = desktop.window.headset_buttons_label
    qtbot.waitUntil(lambda: label.text() == "Headset buttons: none", timeout=5_000)
    assert label.isVisible()
    # A hostile product string is shown as plain text (a plain_label).
    headset = hid.plug(FakeHeadset(product="<b>Evolve</b>-like\nHeadset"))
    qtbot.waitUntil(lambda: label.text() == "Headset buttons: <b>Evolve</b>-like Headset", timeout=5_000)
    assert label.property("buttonsState") == "connected"
    hid.unplug(headset)
    qtbot.waitUntil(lambda: label.text() == "Headset buttons: none", timeout=5_000)
    hid.plug(FakeHeadset(b"/dev/hidraw9", denied=True))
    qtbot.waitUntil(lambda: label.text() == "Headset buttons: no permission (ask IT)", timeout=5_000)


def test_answer_mute_hold_and_hang_up_from_the_headset(desktop, headset_buttons, patient, kamailio, qtbot, tmp_path):
    hid, buttons = headset_buttons
    window, controller = desktop.window, desktop.controller
    headset = hid.plug(FakeHeadset(product="Evolve-like Headset"))
    qtbot.waitUntil(lambda: window.headset_buttons_label.text() == "Headset buttons: Evolve-like Headset", timeout=5_000)
    headset.wait_last_written(LEDS_OFF)

    # A patient calls: the Ring LED lights.
    peer_call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.RINGING, timeout=10_000)
    headset.wait_last_written(leds_with_ids(ring=True))

    # The agent lifts the hook: the call is answered (the patient gets the 200 OK), Off-Hook LED.
    # (qtbot waits first: the request reaches the controller through the GUI thread's event loop.)
    headset.send(report_with_ids(hook=True))
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)
    patient.wait_call_state(peer_call, "CONFIRMED")
    assert desktop.agent.state is AgentState.ON_CALL
    headset.wait_last_written(leds_with_ids(off_hook=True))
    assert patient_hears(patient, qtbot, tmp_path / "talking.wav")

    # The headset's Mute button: the call is muted in the engine, the window shows it, Mute LED on,
    # and the patient no longer hears the agent's microphone.
    headset.send(report_with_ids(hook=True, mute=True), report_with_ids(hook=True))
    qtbot.waitUntil(lambda: controller.focus().muted, timeout=5_000)
    assert window.mute_button.isChecked() and window.mute_button.text() == "Unmute"
    headset.wait_last_written(leds_with_ids(off_hook=True, mute=True))
    assert not patient_hears(patient, qtbot, tmp_path / "muted-from-headset.wav")

    # Unmuted from the window: the Mute LED goes off (sync both ways); muted again from the window: on.
    window.mute_button.click()
    qtbot.waitUntil(lambda: not controller.focus().muted, timeout=5_000)
    headset.wait_last_written(leds_with_ids(off_hook=True))
    assert patient_hears(patient, qtbot, tmp_path / "unmuted-from-window.wav")
    window.mute_button.click()
    qtbot.waitUntil(lambda: controller.focus().muted, timeout=5_000)
    headset.wait_last_written(leds_with_ids(off_hook=True, mute=True))
    headset.send(report_with_ids(hook=True, mute=True), report_with_ids(hook=True))  # and unmuted from the headset
    qtbot.waitUntil(lambda: not controller.focus().muted, timeout=5_000)
    headset.wait_last_written(leds_with_ids(off_hook=True))

    # Flash: hold (Hold LED), then resume.
    headset.send(report_with_ids(hook=True, flash=True), report_with_ids(hook=True))
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.HELD, timeout=10_000)
    assert window.hold_button.isChecked()
    headset.wait_last_written(leds_with_ids(off_hook=True, hold=True))
    headset.send(report_with_ids(hook=True, flash=True), report_with_ids(hook=True))
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)
    headset.wait_last_written(leds_with_ids(off_hook=True))

    # The agent puts the hook back: the call ends for the patient too, all LEDs off.
    headset.send(report_with_ids(hook=False))
    qtbot.waitUntil(lambda: desktop.agent.state is AgentState.WRAP_UP, timeout=10_000)
    patient.wait_call_state(peer_call, "DISCONNECTED")
    headset.wait_last_written(LEDS_OFF)
    assert controller.history.entries()[0].duration_s > 0


def test_hook_echo_after_answering_from_the_window_is_no_request(desktop, headset_buttons, patient, kamailio, qtbot):
    """Answered on screen: a Jabra-like headset follows the Off-Hook LED and reports its hook switch
    off-hook. That echo must neither answer nor hang up anything."""
    hid, _buttons = headset_buttons
    headset = hid.plug(FakeHeadset())
    headset.wait_last_written(LEDS_OFF)
    peer_call = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.RINGING, timeout=10_000)
    desktop.window.answer_button.click()
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)
    headset.wait_last_written(leds_with_ids(off_hook=True))
    # The echo, then a Mute press: requests reach the controller in order, so once the call is
    # muted the echo has been handled.
    headset.send(report_with_ids(hook=True), report_with_ids(hook=True, mute=True), report_with_ids(hook=True))
    qtbot.waitUntil(lambda: desktop.controller.focus().muted, timeout=5_000)
    assert focus_phase(desktop) is CallPhase.TALKING and len(desktop.controller.calls()) == 1
    assert patient.request("status")[peer_call] == "CONFIRMED"  # the patient's side is still up
    patient.request("hangup", call=peer_call)
    qtbot.waitUntil(lambda: focus_phase(desktop) is None, timeout=10_000)
    headset.wait_last_written(LEDS_OFF)


def test_flash_answers_a_waiting_call_then_swaps(desktop, headset_buttons, patient, kamailio, peer_factory, qtbot):
    hid, _buttons = headset_buttons
    controller = desktop.controller
    second_patient = peer_factory("patient2", 1400)
    second_patient.register("clinician", "clinician-secret", kamailio.domain, kamailio.udp_address)
    headset = hid.plug(FakeHeadset())
    headset.wait_last_written(LEDS_OFF)

    def phases() -> dict[str, CallPhase]:
        return {view.call_id: view.phase for view in controller.calls()}

    patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.RINGING, timeout=10_000)
    headset.send(report_with_ids(hook=True))
    qtbot.waitUntil(lambda: focus_phase(desktop) is CallPhase.TALKING, timeout=10_000)
    first = controller.focus().call_id

    # A second call while talking: the headset stays off-hook (no Ring LED: the toast rings).
    second_peer_call = second_patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    qtbot.waitUntil(lambda: len(controller.ringing()) == 1, timeout=10_000)
    second = controller.ringing()[0].call_id
    headset.wait_last_written(leds_with_ids(off_hook=True))

    # Flash answers the waiting call; the first is held.
    headset.send(report_with_ids(hook=True, flash=True), report_with_ids(hook=True))
    qtbot.waitUntil(lambda: phases() == {first: CallPhase.HELD, second: CallPhase.TALKING}, timeout=10_000)
    second_patient.wait_call_state(second_peer_call, "CONFIRMED")

    # Flash again swaps: the first talks, the second waits on hold.
    headset.send(report_with_ids(hook=True, flash=True), report_with_ids(hook=True))
    qtbot.waitUntil(lambda: phases() == {first: CallPhase.TALKING, second: CallPhase.HELD}, timeout=10_000)

    # On-hook hangs up the call in focus (the talking one); the held one stays: Hold LED.
    headset.send(report_with_ids(hook=False))
    qtbot.waitUntil(lambda: phases() == {second: CallPhase.HELD}, timeout=10_000)
    headset.wait_last_written(leds_with_ids(off_hook=True, hold=True))
