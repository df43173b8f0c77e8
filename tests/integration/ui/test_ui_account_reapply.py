"""Issue 5: an account changed in the settings dialog applies without a restart.

The desktop is wired as the app wires it: the account built by ``softphone.app._account_config``
from the settings and the real keyring of the test session, the settings dialog's controller with
``install_account_reapply`` (the app's own wiring function), a real SipEngine registered on the
test Kamailio, and pytest-qt driving the real dialog. Kamailio's view is checked by calling: a
patient peer dials the user part and the app must (or must not) ring.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from softphone.agent import AgentStateMachine, CallController, CallHistory
from softphone.agent.calls import CallPhase
from softphone.app import _account_config
from softphone.config.loader import load_settings
from softphone.config.model import AgentSettings
from softphone.credentials import SecretName, open_os_credential_store
from softphone.sip import AddAccount, CreateTonePort, EngineConfig, SipEngine
from softphone.sip.default_routing import AGENT_MIC
from softphone.ui.desktop import DesktopPresenter, GuiTask
from softphone.ui.event_bridge import EventBridge
from softphone.ui.incoming_toast import IncomingCallToast
from softphone.ui.main_window import MainWindow
from softphone.ui.settings_dialog import SettingsController, SettingsDialog, install_account_reapply

from kamailio.users import TEST_USERS


@dataclass
class Profile:
    """What the settings controller and ``_account_config`` read of ``softphone.profile.Profile``."""

    loaded: object
    credentials: object
    demo: bool = False


@dataclass
class App:
    engine: SipEngine
    controller: CallController
    window: MainWindow
    settings: SettingsController
    profile: Profile
    toast: IncomingCallToast
    events: list

    def registration(self) -> str:
        return self.window.registration_label.text()

    def stop(self) -> None:
        self.window.hide()
        self.toast.hide()
        self.engine.stop()


@pytest.fixture
def credentials(kamailio):
    """The session's real OS keyring, under a service of this test's own."""
    store = open_os_credential_store(f"softphone-test-{uuid.uuid4().hex[:8]}")
    yield store
    for user in TEST_USERS:
        store.delete(SecretName.sip_password(user, kamailio.domain))


@pytest.fixture
def app(kamailio, qtbot, tmp_path: Path, credentials):
    system_file, user_file = tmp_path / "system.toml", tmp_path / "user.toml"
    system_file.write_text("")
    host, port = kamailio.udp_address.rsplit(":", 1)
    user_file.write_text(
        f'[sip]\nservers = [{{ host = "{host}", port = {port} }}]\ndomain = "{kamailio.domain}"\n'
        'username = "agent"\ntransport = "udp"\n'
    )
    credentials.set(SecretName.sip_password("agent", kamailio.domain), TEST_USERS["agent"])
    profile = Profile(load_settings(system_file, user_file), credentials)

    engine = SipEngine(EngineConfig(bind_address="127.0.0.1"))
    bridge = EventBridge()
    events: list = []
    engine.subscribe(events.append)
    engine.subscribe(bridge.publish)
    agent_settings = AgentSettings()
    agent = AgentStateMachine(agent_settings.dispositions, agent_settings.break_reasons, wrap_up_s=agent_settings.wrap_up_s)
    controller = CallController(engine.submit, agent, CallHistory(), dispatch=lambda fn: bridge.publish(GuiTask(fn)))
    window = MainWindow(demo=False, dispositions=agent_settings.dispositions, break_reasons=agent_settings.break_reasons)
    qtbot.addWidget(window)
    toast = IncomingCallToast()
    DesktopPresenter(window, controller, bridge, toast=toast)
    settings = SettingsController(window, profile, bridge)
    window.settings_requested.connect(settings.open)
    reapplier = install_account_reapply(settings, window, controller, bridge, engine=lambda: engine)
    window.show()
    engine.start()
    engine.submit(CreateTonePort(AGENT_MIC, (600,))).result(5)
    # As app._start_telephony does (there on its worker thread): the account from the settings.
    controller.account_id = engine.submit(AddAccount(_account_config(profile))).result(5)
    reapplier.started(controller.account_id)
    running = App(engine, controller, window, settings, profile, toast, events)
    qtbot.waitUntil(lambda: running.registration().startswith("Registered"), timeout=10_000)
    yield running
    running.stop()


@pytest.fixture
def patient(kamailio, peer_factory):
    peer = peer_factory("patient", 1000)
    peer.register("patient", TEST_USERS["patient"], kamailio.domain, kamailio.udp_address)
    return peer


def edit_account(qtbot, app: App, user: str, password: str) -> SettingsDialog:
    """Through the dialog, as the agent does it: Ctrl+, → user and password → Save."""
    app.window.settings_requested.emit()
    dialog = app.settings.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    return dialog


def ring_the_app(qtbot, app: App, patient, kamailio, user: str) -> str:
    """The patient dials ``user``: Kamailio routes it to whoever registered it; the app rings."""
    call = patient.request("call", uri=f"sip:{user}@{kamailio.domain}")
    qtbot.waitUntil(lambda: any(v.phase is CallPhase.RINGING for v in app.controller.calls()), timeout=10_000)
    return call


def test_the_new_account_registers_at_once_and_calls_to_it_reach_the_app(qtbot, app, patient, kamailio, credentials):
    old_id = app.controller.account_id
    edit_account(qtbot, app, "agent2", TEST_USERS["agent2"])
    # Saved to the settings file, the password to the keyring (never to the file).
    assert app.profile.loaded.settings.sip.username == "agent2"
    assert credentials.get(SecretName.sip_password("agent2", kamailio.domain)) == TEST_USERS["agent2"]
    assert TEST_USERS["agent2"] not in Path(app.profile.loaded.user_file).read_text()
    qtbot.waitUntil(lambda: app.controller.account_id == f"agent2@{kamailio.domain}", timeout=10_000)
    qtbot.waitUntil(lambda: app.registration().startswith("Registered"), timeout=10_000)
    assert "at the next start" not in app.window.notice_label.text()
    # The engine runs B only; A was unregistered first (its answer seen), then removed.
    assert set(app.engine.accounts) == {f"agent2@{kamailio.domain}"}
    assert any(getattr(e, "account_id", None) == old_id and getattr(e, "state", None) is not None
               and e.state.value == "unregistered" for e in list(app.events))
    # Kamailio routes B to the app...
    call = ring_the_app(qtbot, app, patient, kamailio, "agent2")
    view = app.controller.calls()[0]
    assert view.phase is CallPhase.RINGING
    patient.request("hangup", call=call)
    qtbot.waitUntil(lambda: not app.controller.calls(), timeout=10_000)
    # ...and no longer knows A: a call to A does not reach it.
    gone = patient.request("call", uri=f"sip:agent@{kamailio.domain}")
    ended = patient.wait_call_state(gone, "DISCONNECTED")
    assert ended["code"] >= 400, ended
    qtbot.wait(300)
    assert not app.controller.calls()


def test_a_wrong_password_shows_the_reason_and_the_dialog_can_fix_it(qtbot, app, kamailio):
    edit_account(qtbot, app, "agent2", "not-the-password")
    qtbot.waitUntil(lambda: app.registration().startswith("Not registered"), timeout=15_000)
    text = app.registration()
    assert "401" in text or "403" in text, text  # the registrar's refusal, as it said it
    # The app keeps working: the settings open again and the right password registers.
    edit_account(qtbot, app, "agent2", TEST_USERS["agent2"])
    qtbot.waitUntil(lambda: app.registration().startswith("Registered"), timeout=15_000)
    assert app.controller.account_id == f"agent2@{kamailio.domain}"


def test_a_change_during_a_call_waits_for_the_call_to_end_and_does_not_drop_it(qtbot, app, patient, kamailio):
    call = ring_the_app(qtbot, app, patient, kamailio, "agent")
    app.window.answer_button.click()
    qtbot.waitUntil(lambda: app.controller.calls() and app.controller.calls()[0].phase is CallPhase.TALKING,
                    timeout=10_000)
    patient.wait_call_state(call, "CONFIRMED")

    edit_account(qtbot, app, "agent2", TEST_USERS["agent2"])
    qtbot.waitUntil(lambda: "when this call ends" in app.window.notice_label.text(), timeout=10_000)
    qtbot.wait(1500)  # time enough for a wrongly immediate swap to show
    assert app.controller.calls()[0].phase is CallPhase.TALKING
    assert app.registration().startswith("Registered")
    assert set(app.engine.accounts) == {f"agent@{kamailio.domain}"}  # A still runs

    patient.request("hangup", call=call)
    qtbot.waitUntil(lambda: app.controller.account_id == f"agent2@{kamailio.domain}", timeout=10_000)
    qtbot.waitUntil(lambda: app.registration().startswith("Registered")
                    and set(app.engine.accounts) == {f"agent2@{kamailio.domain}"}, timeout=10_000)
    # The call ended because the patient hung up (their BYE, answered 200), not by the swap.
    ended = patient.wait_call_state(call, "DISCONNECTED")
    assert ended["code"] == 200, ended


def test_a_theme_change_leaves_the_account_alone_and_a_password_change_alone_re_registers(qtbot, app, kamailio):
    account = app.engine.accounts[app.controller.account_id]
    app.window.settings_requested.emit()
    dialog = app.settings.dialog
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.wait(500)
    assert app.engine.accounts[app.controller.account_id] is account  # not re-created
    assert app.registration().startswith("Registered")
    # Same user, same server, only the keyring's password differs: that is an account change too.
    edit_account(qtbot, app, "agent", "not-the-password")
    qtbot.waitUntil(lambda: app.registration().startswith("Not registered"), timeout=15_000)
    assert app.engine.accounts[f"agent@{kamailio.domain}"] is not account
