"""Composition root: settings, services, then the Qt window. ``softphone`` without options runs this.

Order: Qt application → hand-off to a running instance (``softphone sip:…``) → settings → profile →
window shown → telephony started on a worker thread (the SIP engine's start, the demo switchboard's
start and account creation block for a few hundred ms: never on the GUI thread) → its outcome comes
back through the EventBridge. Shutdown hides the window first, then stops the engine.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from softphone.config.loader import SettingsError
from softphone.credentials import CredentialStoreError, SecretName
from softphone.profile import Profile, load_effective_settings, open_profile
from softphone.storage.errors import StorageError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BAD_CONFIG = 2
EXIT_CANNOT_START = 1
# Benchmarks and smoke tests: quit right after the main window is first shown.
EXIT_AFTER_SHOW_ENV = "SOFTPHONE_EXIT_AFTER_SHOW"
WINDOW_SHOWN_MARKER = "SOFTPHONE_WINDOW_SHOWN"


def run_app(*, force_demo: bool = False, uri: str | None = None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Softphone")
    app.setOrganizationName("Softphone")

    try:
        loaded = load_effective_settings()
    except SettingsError as error:
        _report_startup_error(
            "The settings provisioned for this computer are invalid. Ask IT to correct them:",
            error.problems,
        )
        return EXIT_BAD_CONFIG

    if _handed_off_to_running_instance(uri):
        return EXIT_OK

    try:
        profile = open_profile(loaded, force_demo=force_demo)
    except (CredentialStoreError, StorageError) as error:
        _report_startup_error("The softphone cannot open its secure storage:", [str(error)])
        return EXIT_CANNOT_START
    return _run_main_window(app, profile, uri)


def _handed_off_to_running_instance(uri: str | None) -> bool:
    """Single instance: when one already runs for this user, give it the URI and leave."""
    from softphone.cti.names import socket_name
    from softphone.cti.server import hand_off, instance_running

    name = socket_name()
    if not instance_running(name):
        return False
    token = None
    try:
        from softphone.credentials import open_os_credential_store

        token = open_os_credential_store().get(SecretName.CTI_TOKEN)
    except CredentialStoreError:
        pass
    if hand_off(name, token, uri):
        print("Softphone is already running: handed over to it.", file=sys.stderr)
        return True
    return False


@dataclass
class _Runtime:
    """What the shutdown must stop, filled in as the worker starts it."""

    engine: Any = None
    switchboard: Any = None
    audio_devices: tuple[Any, ...] = ()  # softphone.audio.device_catalog.AudioDevice
    audio: Any = None  # softphone.audio.service.HeadsetAudio, once started
    on_audio_event: Any = None  # audio events -> GUI thread
    account_id: str | None = None
    stopping: threading.Event = field(default_factory=threading.Event)


def _run_main_window(app, profile: Profile, uri: str | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon

    from softphone.agent import AgentState, AgentStateMachine, CallController, CallHistory
    from softphone.agent.record_writer import CallRecordWriter
    from softphone.cti.names import socket_name
    from softphone.cti.server import CtiServer, ensure_cti_token
    from softphone.resources_path import resource
    from softphone.ui.appearance import apply_theme, install_translator
    from softphone.ui.cti_handler import DesktopCtiHandler
    from softphone.ui.desktop import DesktopPresenter, GuiTask
    from softphone.ui.event_bridge import EventBridge
    from softphone.ui.incoming_toast import IncomingCallToast, TrayNotifier
    from softphone.ui.main_window import MainWindow

    settings = profile.loaded.settings
    install_translator(app, settings.ui.language)
    apply_theme(app, settings.ui.theme)
    icon = QIcon(str(resource("icons", "softphone.svg")))
    app.setWindowIcon(icon)

    runtime = _Runtime()
    bridge = EventBridge()
    agent = AgentStateMachine(
        settings.agent.dispositions,
        settings.agent.break_reasons,
        wrap_up_s=settings.agent.wrap_up_s,
        call_waiting=settings.agent.call_waiting,
        initial=AgentState(settings.agent.initial_state),
    )
    history = CallHistory()
    writer = CallRecordWriter(profile.database)
    history.add_listener(writer)

    def submit(command: object):
        engine = runtime.engine
        if engine is None:
            from concurrent.futures import Future

            from softphone.sip.errors import EngineNotRunning

            future: Future = Future()
            future.set_exception(EngineNotRunning("the SIP engine is starting"))
            return future
        return engine.submit(command)

    controller = CallController(submit, agent, history, dispatch=lambda fn: bridge.publish(GuiTask(fn)))
    window = MainWindow(
        demo=profile.demo,
        notices=profile.notices,
        dispositions=settings.agent.dispositions,
        break_reasons=settings.agent.break_reasons,
    )
    screen_pop = _screen_pop_service(profile, bridge)
    toast = IncomingCallToast()
    tray = TrayNotifier(window, icon)
    presenter = DesktopPresenter(
        window, controller, bridge, screen_pop=screen_pop, toast=toast, tray=tray,
        registration_label="Demo switchboard: " if profile.demo else "",
    )
    window.set_headset(settings.audio.microphone or None)
    window.show_network(_network_text(profile))
    # -- escalation (issue 7): the routing scene's one owner, the service, the panel
    escalation = _escalation_wiring(profile, runtime, bridge, window, controller, presenter, submit, writer)
    # -- notes, audit, auto-lock (issue 6)
    session = _notes_session_wiring(profile, bridge, window, agent, controller, presenter)
    # -- supervision (issue 8)
    window.supervision = _supervision_wiring(profile, runtime, bridge, window, controller, presenter, submit, session)

    cti_handler = DesktopCtiHandler(presenter)
    if uri:
        try:
            cti_handler.dial(uri)  # queued until the account is ready
        except ValueError:
            window.show_notice(window.tr("That link is not a number or SIP address."))
    cti_server = None
    try:
        token = ensure_cti_token(profile.credentials)
        cti_server = CtiServer(
            socket_name(), token, cti_handler,
            settings.cti.allowed_commands if settings.cti.enabled else (), parent=window,
        )
        if not cti_server.listen():
            cti_server = None
    except CredentialStoreError as error:
        log.warning("cti: no token: %s", type(error).__name__)

    from softphone.ui.settings_dialog import SettingsController

    # -- headset audio (issue 4): its events reach the GUI thread through the bridge
    runtime.on_audio_event = lambda event: bridge.publish(GuiTask(lambda: _show_headset_event(window, runtime, event)))
    settings_controller = SettingsController(
        window, profile, bridge, audio_devices=lambda: runtime.audio_devices,
        levels=lambda: runtime.audio.levels() if runtime.audio is not None else (0.0, 0.0),
    )
    window.settings_requested.connect(settings_controller.open)
    settings_controller.on_saved = session.settings_saved  # issue 6: audited

    def telephony_ready(account_id: str, label: str) -> None:
        controller.account_id = account_id
        if profile.demo:
            window.show_registration(label, True)
        cti_handler.account_ready()

    def telephony_failed(message: str) -> None:
        window.show_registration(message, False)

    if profile.demo:
        from softphone.ui.demo_menu import DemoMenu

        demo_menu = DemoMenu(window, runtime)
        window.menuBar().addMenu(demo_menu)

    threading.Thread(
        target=_start_telephony,
        args=(profile, runtime, bridge, telephony_ready, telephony_failed),
        name="telephony-start",
        daemon=True,
    ).start()

    window.show()
    if os.environ.get(EXIT_AFTER_SHOW_ENV):
        def shown() -> None:
            print(f"{WINDOW_SHOWN_MARKER} {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    try:
        return app.exec()
    finally:
        window.hide()
        toast.hide()
        tray.hide()
        if cti_server is not None:
            cti_server.close()
        _stop_telephony(runtime)
        if screen_pop is not None:
            screen_pop.shutdown()
        session.close()  # issue 6: the typed note saved (reopened next start), audit drained
        writer.close(wait=True)
        escalation.close(wait=True)
        profile.close()


def _start_telephony(profile: Profile, runtime: _Runtime, bridge, ready, failed) -> None:
    """Worker thread: engine (and in the demo, the switchboard) up, then the account."""
    from softphone.sip import AddAccount, EngineConfig, SipEngine
    from softphone.ui.desktop import GuiTask

    _start_headset_audio(profile, runtime)
    try:
        if profile.demo:
            from softphone.demo.controller import DemoSwitchboard

            switchboard = DemoSwitchboard()
            runtime.switchboard = switchboard
            endpoints = switchboard.start()
            if runtime.stopping.is_set():
                return
            # auto_routing off: the escalation's CallSceneOwner applies routing.compute_routes.
            engine = SipEngine(endpoints.engine_config(EngineConfig(auto_routing=False, **_jitter_fields(profile))))
            engine.subscribe(bridge.publish)
            engine.start()
            runtime.engine = engine
            account_id = switchboard.attach_agent(engine).result(10)
            runtime.account_id = account_id
            label = f"Demo switchboard on {endpoints.host}:{endpoints.udp_port}"
        else:
            engine = SipEngine(_engine_config(profile))
            engine.subscribe(bridge.publish)
            engine.start()
            runtime.engine = engine
            account_id = engine.submit(AddAccount(_account_config(profile))).result(10)
            label = ""
        _attach_headset_audio(runtime)
        _create_tone_ports(engine)
        bridge.publish(GuiTask(lambda: ready(account_id, label)))
    except Exception as error:  # noqa: BLE001 - shown to the agent; the window stays usable
        log.error("telephony did not start: %s: %s", type(error).__name__, error)
        text = f"Telephony did not start: {type(error).__name__}"
        bridge.publish(GuiTask(lambda: failed(text)))


def _stop_telephony(runtime: _Runtime) -> None:
    runtime.stopping.set()
    if runtime.switchboard is not None and runtime.engine is not None and runtime.account_id:
        try:  # a local demo account would otherwise wait for an unREGISTER that never comes
            runtime.switchboard.detach_agent(runtime.engine, runtime.account_id).result(2)
        except Exception as error:  # noqa: BLE001
            log.info("demo account not detached: %s", type(error).__name__)
    if runtime.engine is not None:
        runtime.engine.stop()  # drops the headset's bridge port before libDestroy
    if runtime.audio is not None:
        runtime.audio.stop()
    if runtime.switchboard is not None:
        runtime.switchboard.stop()


# -- escalation (issue 7) -------------------------------------------------------------------------

HOLD_TONE_HZ = (440,)
RINGBACK_HZ = (440, 480)  # North American ringback: 2 s on, 4 s off
CALL_WAITING_HZ = (440,)


def _create_tone_ports(engine) -> None:
    """Worker thread: the tone players the routing matrix names (tone:hold, tone:ringback...)."""
    from softphone.sip import CreateTonePort
    from softphone.sip.routing import CALL_WAITING_TONE, HOLD_TONE, RINGBACK_TONE

    for command in (
        CreateTonePort(HOLD_TONE, HOLD_TONE_HZ, on_ms=400, off_ms=3600),
        CreateTonePort(RINGBACK_TONE, RINGBACK_HZ, on_ms=2000, off_ms=4000),
        CreateTonePort(CALL_WAITING_TONE, CALL_WAITING_HZ, on_ms=300, off_ms=9700),
    ):
        engine.submit(command)


def _escalation_wiring(profile: Profile, runtime: _Runtime, bridge, window, controller, presenter, submit, call_writer):
    """The call scene owner, the escalation service and its panel, wired to the bridge."""
    from softphone.agent.call_scene import CallSceneOwner
    from softphone.escalation import EscalationService
    from softphone.escalation.record_writer import EscalationRecordWriter
    from softphone.ui.desktop import GuiTask
    from softphone.ui.escalation_presenter import EscalationPresenter, QtTimers

    settings = profile.loaded.settings
    policy = settings.escalation

    def resolve(destination: str) -> str:
        # The demo's staff are user parts ("oncall-nurse") on the loopback switchboard.
        switchboard = runtime.switchboard
        if switchboard is not None and ":" not in destination and "@" not in destination:
            return switchboard.endpoints.uri(destination)
        return destination

    scene = CallSceneOwner(submit, hold_tone=policy.hold_tone)
    timers = QtTimers(window)
    service = EscalationService(
        submit, scene, policy,
        agent_id=(settings.sip.username or "demo-agent") if not profile.demo else "demo-agent",
        account_id=lambda: controller.account_id,
        schedule=timers.schedule, cancel_timer=timers.cancel,
        dispatch=lambda fn: bridge.publish(GuiTask(fn)),
        signalling_secure=not profile.demo and settings.sip.transport == "tls",
        resolve_destination=resolve,
    )
    records = EscalationRecordWriter(
        profile.database, call_record_id=call_writer.record_id,
        on_error=lambda _id: bridge.publish(GuiTask(lambda: window.show_notice(
            window.tr("The escalation could not be saved: tell your supervisor.")))),
    )
    service.on_record(records)
    window.escalation_presenter = EscalationPresenter(
        window, controller, scene, service, policy,
        escalate_requested=presenter.escalate_requested, bridge=bridge,
    )
    return records


# -- notes, audit, auto-lock (issue 6) -----------------------------------------------------------


@dataclass
class _NotesSession:
    agent_id: str
    audit: Any  # softphone.audit.BackgroundAuditLog
    notes: Any  # softphone.ui.notes_controller.NotesController
    lock: Any  # softphone.ui.lock_controller.LockController
    settings: Any

    def settings_saved(self, loaded) -> None:
        from softphone.audit import AuditAction

        keys = _changed_setting_keys(self.settings, loaded.settings)
        self.settings = loaded.settings
        if keys:
            self.audit.record(self.agent_id, AuditAction.SETTINGS_CHANGED, details={"keys": keys[:64]})

    def close(self) -> None:
        from softphone.audit import AuditAction

        self.lock.stop()
        self.notes.shutdown()
        self.audit.record(self.agent_id, AuditAction.LOGOUT)
        self.audit.close()


def _agent_id(profile: Profile) -> str:
    """Who the agent is, for notes and the audit log: the SIP user, else the OS account."""
    import getpass

    if profile.demo:
        return "demo-agent"
    try:
        fallback = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment
        fallback = "agent"
    return profile.loaded.settings.sip.username or fallback


def _changed_setting_keys(before, after) -> list[str]:
    keys = []
    for section in type(before).model_fields:
        old, new = getattr(before, section), getattr(after, section)
        keys += [f"{section}.{name}" for name in type(old).model_fields if getattr(old, name) != getattr(new, name)]
    return keys


def _notes_session_wiring(profile: Profile, bridge, window, agent, controller, presenter) -> _NotesSession:
    from softphone.agent.calls import CallPhase
    from softphone.audit import AuditAction, BackgroundAuditLog
    from softphone.logs.setup import phi_registry
    from softphone.notes import RedFlagCatalogue
    from softphone.ui.lock_controller import LockController
    from softphone.ui.lock_passphrase import PassphraseStore
    from softphone.ui.notes_controller import NotesController

    settings = profile.loaded.settings
    agent_id = _agent_id(profile)
    audit = BackgroundAuditLog(profile.database)
    audit.record(agent_id, AuditAction.LOGIN, details={"demo": profile.demo})
    presenter.patient_viewed.connect(
        lambda call_id, patient_id: audit.record(
            agent_id, AuditAction.PATIENT_VIEWED, subject=f"patient:{patient_id}", details={"call_id": call_id[:128]}
        )
    )
    notes = NotesController(
        window.notes_panel, bridge, profile.database, agent_id, agent=agent,
        catalogue=RedFlagCatalogue(settings.notes.red_flags) if settings.notes.red_flags else None,
        reason_labels={reason.code: reason.label for reason in settings.escalation.reasons},
        symptom_codes=settings.notes.symptom_checklist,
        remember_phi=phi_registry.remember,
    )
    presenter.attach_notes(notes)
    notes.load_unfinished()
    lock = LockController(
        window, PassphraseStore(profile.credentials, agent_id),
        idle_s=settings.security.lock_after_idle_s,
        call_active=lambda: any(view.phase is not CallPhase.RINGING for view in controller.calls()),
        audit=lambda action, details: audit.record(agent_id, action, details=details),
        allow_skip_setup=profile.demo,
    )
    window.lock_controller = lock
    lock.start()
    return _NotesSession(agent_id, audit, notes, lock, settings)


# -- supervision (issue 8) -----------------------------------------------------------------------

DEMO_SUPERVISOR = "sip:supervisor@127.0.0.1"  # the embedded demo's supervisor (loopback switchboard)


def _supervision_wiring(profile: Profile, runtime: _Runtime, bridge, window, controller, presenter, submit, session):
    """Agent role: supervisors' calls accepted/refused, mixed in, badge, presence. Supervisor role:
    the Team view dock with Listen / Whisper / Barge / Leave."""
    from softphone.supervision import (
        AgentPresencePublisher,
        SupervisedCallService,
        SupervisionPolicy,
        SupervisorConsole,
        TeamRoster,
    )
    from softphone.ui.supervision_presenter import AgentSupervisionPresenter, SupervisorConsolePresenter

    settings = profile.loaded.settings.supervision
    agent_id = session.agent_id
    if settings.role == "supervisor":
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget

        from softphone.ui.team_view import TeamView

        roster = TeamRoster(settings.team)
        console = SupervisorConsole(
            submit, account_id=lambda: controller.account_id, supervisor_id=agent_id, method=settings.method,
            feature_codes=settings.feature_codes, mute_in_listen=settings.mute_in_listen, audit=session.audit,
            dispatch=lambda fn: bridge.publish(_gui_task(fn)),
        )
        view = TeamView()
        dock = QDockWidget(window.tr("Team"), window)
        dock.setObjectName("team_dock")
        dock.setWidget(view)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        console_presenter = SupervisorConsolePresenter(view, roster, console, bridge=bridge, notice=window.show_notice)
        _when_account_ready(window, controller, lambda account_id: roster.subscribe_all(
            submit, account_id, dispatch=lambda fn: bridge.publish(_gui_task(fn))))
        return console_presenter

    policy = SupervisionPolicy.from_settings(settings)
    if profile.demo:
        # The demo's switchboard is a child process on loopback: it asserts nobody, so its supervisor
        # is recognised by From (never outside the demo).
        policy = SupervisionPolicy(policy.authorised | {"supervisor@127.0.0.1"}, False, policy.indicator_modes)
    escalation_presenter = getattr(window, "escalation_presenter", None)
    scene = escalation_presenter.scene if escalation_presenter is not None else None
    if scene is None:
        return None
    service = SupervisedCallService(submit, scene, policy, agent_id=agent_id, audit=session.audit)
    presenter.event_filter = service.claims
    publisher = AgentPresencePublisher(submit, controller.agent, account_id=lambda: controller.account_id)
    _when_account_ready(window, controller, lambda _account_id: publisher.publish())
    return AgentSupervisionPresenter(window, service, bridge=bridge, publisher=publisher,
                                     escalation_presenter=escalation_presenter)


def _when_account_ready(window, controller, action) -> None:
    """Run ``action(account_id)`` once the telephony start-up has given the controller its account."""
    from PySide6.QtCore import QTimer

    timer = QTimer(window)
    timer.setInterval(250)

    def check() -> None:
        if controller.account_id is not None:
            timer.stop()
            timer.deleteLater()
            action(controller.account_id)

    timer.timeout.connect(check)
    timer.start()


def _gui_task(fn):
    from softphone.ui.desktop import GuiTask

    return GuiTask(fn)


# -- headset audio (issue 4) ---------------------------------------------------------------------


def _start_headset_audio(profile: Profile, runtime: _Runtime) -> None:
    """Worker thread: open the agent's devices (never fatal: no device means "no headset")."""
    try:
        from softphone.audio.service import AudioPreferences, HeadsetAudio

        audio = HeadsetAudio(
            AudioPreferences.from_settings(profile.loaded.settings.audio),
            runtime.on_audio_event or (lambda event: None),
            # Ringback, hold and call waiting are bridge parties routed by the call scene
            # (_create_tone_ports + routing.compute_routes) into agent_ear = the headset port;
            # the audio layer only rings the ringer device.
            local_call_tones=False,
            tone_parties=False,
        )
        runtime.audio = audio
        audio.start()
        runtime.audio_devices = tuple(audio.devices())
    except Exception as error:  # noqa: BLE001 - the phone must start even with broken audio
        log.error("headset audio did not start: %s: %s", type(error).__name__, error)


def _attach_headset_audio(runtime: _Runtime) -> None:
    """Worker thread: the headset becomes the engine's agent_mic/agent_ear (on the SIP thread)."""
    audio, engine = runtime.audio, runtime.engine
    if audio is None or engine is None:
        return
    engine.subscribe(audio.on_sip_event)  # ringer and call-progress tones follow the calls
    audio.attach(engine).add_done_callback(
        lambda done: done.exception() and log.error("headset not attached: %s", done.exception())
    )


def _show_headset_event(window, runtime: _Runtime, event: object) -> None:
    """GUI thread: the headset's state in the status bar; an unplug is told, a replug offered."""
    from PySide6.QtWidgets import QMessageBox

    from softphone.audio.events import HeadsetReplugged, HeadsetState, HeadsetStatus, HeadsetSwitchedBack, HeadsetUnplugged

    if isinstance(event, HeadsetStatus):
        if event.state is HeadsetState.NONE:
            window.set_headset(None)
            window.show_notice(window.tr("No headset found: calls connect without sound."))
        else:
            name = event.speaker or event.microphone or ""
            window.set_headset(name + (" " + window.tr("(fallback)") if event.state is HeadsetState.FALLBACK else ""))
    elif isinstance(event, HeadsetUnplugged):
        text = window.tr("Headset unplugged: audio moved to %1. The call goes on.").replace("%1", event.fallback_description or window.tr("no device"))
        window.show_notice(text)
    elif isinstance(event, HeadsetReplugged):
        box = QMessageBox(QMessageBox.Icon.Question, window.tr("Headset"),
                          window.tr("Your headset is back. Switch the audio back to it?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
        box.setObjectName("headset_switch_back")
        box.setModal(False)
        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes and runtime.audio is not None:
                runtime.audio.switch_back()

        box.buttonClicked.connect(answered)
        window.headset_offer = box  # keep it alive while shown
        box.open()
    elif isinstance(event, HeadsetSwitchedBack):
        window.show_notice(window.tr("Audio is back on the headset."))


def _engine_config(profile: Profile):
    from pathlib import Path

    from softphone.sip import EngineConfig, TlsSettings

    sip = profile.loaded.settings.sip
    tls = TlsSettings(ca_list_file=Path(sip.tls_ca_file) if sip.tls_ca_file else None) if sip.transport == "tls" else None
    # routes: softphone.agent.call_scene
    return EngineConfig(tls=tls, auto_routing=False, **_jitter_fields(profile))


def _jitter_fields(profile: Profile) -> dict[str, int]:
    """The jitter-buffer profile the settings name (lan / wan / mobile), as EngineConfig fields."""
    from softphone.audio.jitter import jitter_buffer_for

    return jitter_buffer_for(profile.loaded.settings.audio.jitter_profile).engine_fields()


def _account_config(profile: Profile):
    from softphone.sip import AccountConfig, TransportKind

    sip = profile.loaded.settings.sip
    credentials = profile.credentials
    name = SecretName.sip_password(sip.username, sip.domain)

    def password() -> str:
        # Read on the SIP thread when the account is built; never stored on the config.
        return credentials.get(name) or ""

    servers = tuple(f"{s.host}:{s.port}" if s.port else s.host for s in sip.servers)
    return AccountConfig(
        user=sip.username,
        domain=sip.domain,
        servers=servers,
        password=password,
        transport=TransportKind(sip.transport),
        display_name=sip.display_name,
        outbound_proxy=sip.outbound_proxy or None,
        stun_servers=tuple(sip.stun_servers),
        ice=sip.ice,
        register_expiry_s=sip.register_expiry_s,
    )


def _screen_pop_service(profile: Profile, bridge):
    from softphone.patients import DemoPatientDirectory, ScreenPopService

    ehr = profile.loaded.settings.ehr
    try:
        if profile.demo or not ehr.fhir_base_url:
            directory = DemoPatientDirectory() if profile.demo else None
        else:
            from softphone.patients.directory_factory import build_fhir_directory

            directory = build_fhir_directory(ehr, profile.credentials)
    except Exception as error:  # noqa: BLE001 - no screen-pop is better than no phone
        # EhrConfigurationError messages name the setting or keyring entry, never a secret.
        log.error("patient directory unavailable: %s: %s", type(error).__name__, error)
        directory = None
    return ScreenPopService(directory, on_update=bridge.publish) if directory is not None else None


def _network_text(profile: Profile) -> str:
    if profile.demo:
        return "Loopback (demo)"
    transport = profile.loaded.settings.sip.transport
    return "TLS + SRTP" if transport == "tls" else f"{transport.upper()} (not encrypted)"


def _report_startup_error(summary: str, details: list[str]) -> None:
    from PySide6.QtGui import QGuiApplication

    from softphone.ui.startup_error import build_startup_error_dialog

    print(summary, file=sys.stderr)
    for line in details:
        print(f"  {line}", file=sys.stderr)
    # With no screen (offscreen, a service account) nobody could click the dialog away.
    if QGuiApplication.platformName() != "offscreen":
        build_startup_error_dialog("Softphone cannot start", summary, details).exec()
