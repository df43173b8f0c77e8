"""Composition root: settings, services, then the Qt window. ``softphone`` without options runs this.

Order (issue 5: the window first): Qt application → hand-off to a running instance (``softphone
sip:…``, before any window) → the main window shown in its "Starting…" state → after its first
frame, ``softphone.startup`` validates the settings, opens the profile (keyring, database,
migrations), the CTI token and the patient directory on its own thread → the services are wired
into the window here (``_wire_main_window``) → telephony started on a worker thread (the SIP
engine's start, the demo switchboard's start and account creation block for a few hundred ms:
never on the GUI thread) → its outcome comes back through the EventBridge. Shutdown hides the
window first, then stops the engine.

Modules are imported where they are used, not here: this module is loaded before the window is
shown, and pydantic, SQLAlchemy, keyring, fhir.resources and pjsua2 are for after.
"""

from __future__ import annotations

import logging
import sys
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from softphone.profile import Profile
    from softphone.startup import Prepared

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BAD_CONFIG = 2
EXIT_CANNOT_START = 1

# Imported before the wiring, so that the GUI thread does not stall on imports while it wires the
# window (a module missing here is imported there: slower, still right). Qt-free modules on the
# start-up thread, frozen out of later garbage collections with the rest (softphone.startup): the
# telephony thread's too (the SIP engine, the demo switchboard's controller, the headset audio).
_BACKGROUND_MODULES = (
    "softphone.agent.call_scene",
    "softphone.agent.calls",
    "softphone.agent.record_writer",
    "softphone.audio.jitter",
    "softphone.audio.service",
    "softphone.audit",
    "softphone.cti.names",
    "softphone.demo.controller",
    "softphone.escalation",
    "softphone.escalation.record_writer",
    "softphone.headset.controller",
    "softphone.logs.setup",
    "softphone.notes",
    "softphone.patients.screen_pop",
    "softphone.resources_path",
    "softphone.sip.engine",
    "softphone.sip.errors",
    "softphone.sip.routing",
    "softphone.supervision",
)
# The modules that create Qt types: on the GUI thread, one per event-loop turn.
_GUI_MODULES = (
    "softphone.cti.server",
    "softphone.ui.cti_handler",
    "softphone.ui.demo_menu",
    "softphone.ui.desktop",
    "softphone.ui.escalation_presenter",
    "softphone.ui.incoming_toast",
    "softphone.ui.lock_controller",
    "softphone.ui.lock_passphrase",
    "softphone.ui.notes_controller",
    "softphone.ui.settings_dialog",
    "softphone.ui.supervision_presenter",
)


def run_app(*, force_demo: bool = False, uri: str | None = None) -> int:
    import gc

    from softphone import startup_trace

    startup_trace.mark("run_app")
    # No garbage collection until start-up has loaded its modules (softphone.startup re-enables it
    # and freezes what was loaded): collections over the imports only cost time, the garbage is tiny.
    gc.disable()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Softphone")
    app.setOrganizationName("Softphone")
    startup_trace.mark("qt_application")

    if _handed_off_to_running_instance(uri):
        return EXIT_OK
    startup_trace.mark("single_instance_checked")

    from softphone.startup import StartupSequence

    sequence = StartupSequence(
        app, force_demo=force_demo,
        wire=lambda window, prepared, on_settled: _wire_main_window(app, window, prepared, uri, on_settled),
        patient_directory=_patient_directory,
        background_modules=_BACKGROUND_MODULES,
        gui_modules=_GUI_MODULES,
    )
    return sequence.run()


def _handed_off_to_running_instance(uri: str | None) -> bool:
    """Single instance: when one already runs for this user, give it the URI and leave."""
    from softphone.cti.names import nobody_listens, socket_name

    name = socket_name()
    if nobody_listens(name):  # the usual case, answered without QtNetwork (issue 5, start-up time)
        return False
    from softphone.cti.server import hand_off, instance_running

    if not instance_running(name):
        return False
    token = None
    from softphone.credentials import CredentialStoreError, SecretName, open_os_credential_store

    try:
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
    starter: threading.Thread | None = None  # the telephony-start thread


def _wire_main_window(app, window, prepared: Prepared, uri: str | None, on_settled) -> _Wiring:
    """GUI thread, once ``softphone.startup`` has prepared the profile: the services to wire into
    the shown window, as phases (``_Wiring.phases``) that ``softphone.startup`` runs one per GUI
    step; the last starts telephony. ``on_settled()`` once telephony is up or has failed."""
    return _Wiring(app, window, prepared, uri, on_settled)


class _Wiring:
    """The wiring, phase by phase (issue 5): in one go it held the GUI thread 30-70 ms, over the
    50 ms it may ever be blocked; each phase is 2-15 ms of CPU. Order matters: nothing is fed engine
    events before the last phase starts telephony, and each phase finds what earlier ones set on the
    window (``escalation_presenter``, ``lock_controller``, ``supervision``). ``shutdown`` closes
    what the phases that ran opened: quitting may come between two of them."""

    def __init__(self, app, window, prepared: Prepared, uri: str | None, on_settled):
        self._app = app
        self._window = window
        self._prepared = prepared
        self._profile = prepared.profile
        self._settings = prepared.profile.loaded.settings
        self._uri = uri
        self._on_settled = on_settled
        self._runtime = _Runtime()
        # Set by the phases, in this order; None until its phase has run.
        self._bridge = self._icon = self._agent = self._writer = self._controller = None
        self._screen_pop = self._toast = self._tray = self._presenter = None
        self._escalation = self._session = self._headset_buttons = None
        self._cti_handler = self._cti_server = None

    def phases(self) -> list[tuple[str, Any]]:
        """(name, phase) in order; each is one GUI step."""
        return [
            ("core", self._wire_core),
            ("presenter", self._wire_presenter),
            ("escalation", self._wire_escalation),
            ("notes", self._wire_notes),
            ("lock", self._wire_lock),
            ("supervision", self._wire_supervision),
            ("headset", self._wire_headset),
            ("cti", self._wire_cti),
            ("telephony", self._wire_settings_and_telephony),
        ]

    def _submit(self, command: object):
        engine = self._runtime.engine
        if engine is None:
            from concurrent.futures import Future

            from softphone.sip.errors import EngineNotRunning

            future: Future = Future()
            future.set_exception(EngineNotRunning("the SIP engine is starting"))
            return future
        return engine.submit(command)

    def _wire_core(self) -> None:
        """The agent's state machine, call history and its database writer, the call controller."""
        from PySide6.QtGui import QIcon

        from softphone.agent import AgentState, AgentStateMachine, CallController, CallHistory
        from softphone.agent.record_writer import CallRecordWriter
        from softphone.resources_path import resource
        from softphone.ui.desktop import GuiTask
        from softphone.ui.event_bridge import EventBridge

        settings = self._settings
        # The language and theme were applied by softphone.startup before and after the window was built.
        self._icon = QIcon(str(resource("icons", "softphone.svg")))
        self._app.setWindowIcon(self._icon)
        self._bridge = bridge = EventBridge()
        self._agent = AgentStateMachine(
            settings.agent.dispositions,
            settings.agent.break_reasons,
            wrap_up_s=settings.agent.wrap_up_s,
            call_waiting=settings.agent.call_waiting,
            initial=AgentState(settings.agent.initial_state),
        )
        history = CallHistory()
        self._writer = CallRecordWriter(self._profile.database)
        history.add_listener(self._writer)
        self._controller = CallController(self._submit, self._agent, history,
                                          dispatch=lambda fn: bridge.publish(GuiTask(fn)))

    def _wire_presenter(self) -> None:
        """The screen pop, the incoming-call toast, the tray and the presenter over the window."""
        from PySide6.QtCore import QCoreApplication

        from softphone.ui.desktop import DesktopPresenter
        from softphone.ui.incoming_toast import IncomingCallToast, TrayNotifier

        window, profile = self._window, self._profile
        # The window was built before the settings were read: softphone.startup configured it since.
        self._screen_pop = _screen_pop_service(self._prepared.patient_directory, self._bridge)
        self._toast = IncomingCallToast()
        self._tray = TrayNotifier(window, self._icon)
        self._presenter = DesktopPresenter(
            window, self._controller, self._bridge, screen_pop=self._screen_pop, toast=self._toast, tray=self._tray,
            registration_label=QCoreApplication.translate("DesktopPresenter", "Demo switchboard: ") if profile.demo else "",
        )
        window.set_headset(self._settings.audio.microphone or None)
        window.show_network(_network_text(profile))

    def _wire_escalation(self) -> None:
        # -- escalation (issue 7): the routing scene's one owner, the service, the panel
        self._escalation = _escalation_wiring(self._profile, self._runtime, self._bridge, self._window,
                                              self._controller, self._presenter, self._submit, self._writer)

    def _wire_notes(self) -> None:
        # -- notes, audit, auto-lock (issue 6)
        self._session = _notes_session_wiring(self._profile, self._bridge, self._window, self._agent, self._presenter)

    def _wire_lock(self) -> None:
        _lock_and_search_wiring(self._profile, self._window, self._controller, self._session)

    def _wire_supervision(self) -> None:
        window = self._window
        # -- supervision (issue 8)
        window.supervision = _supervision_wiring(self._profile, self._runtime, self._bridge, window, self._controller,
                                                 self._presenter, self._submit, self._session)
        # issue 7: the clinician legs are the escalation's, never calls in the call list (chained after supervision's filter)
        window.escalation_presenter.install_call_filter(self._presenter)

    def _wire_headset(self) -> None:
        # -- headset buttons (issue 4): hook switch, mute, flash and LEDs of a USB HID telephony headset
        self._headset_buttons = _headset_buttons_wiring(self._profile, self._bridge, self._window, self._controller)

    def _wire_cti(self) -> None:
        """The local control API (issue 3): its server, and the link the app was started with."""
        from PySide6.QtCore import QCoreApplication

        from softphone.cti.names import socket_name
        from softphone.cti.server import CtiServer
        from softphone.ui.cti_handler import DesktopCtiHandler

        window, settings = self._window, self._settings
        self._cti_handler = DesktopCtiHandler(self._presenter)
        if self._uri:
            try:
                self._cti_handler.dial(self._uri)  # queued until the account is ready
            except ValueError:
                window.show_notice(QCoreApplication.translate("MainWindow", "That link is not a number or SIP address."))
        if self._prepared.cti_token is not None:  # None: the keyring refused it (softphone.startup logged why)
            cti_server = CtiServer(
                socket_name(), self._prepared.cti_token, self._cti_handler,
                settings.cti.allowed_commands if settings.cti.enabled else (), parent=window,
            )
            self._cti_server = cti_server if cti_server.listen() else None

    def _wire_settings_and_telephony(self) -> None:
        """The settings dialog's controller, the demo menu, then telephony started (last: from here
        on engine events arrive, and everything they reach is wired)."""
        from softphone.ui.desktop import GuiTask
        from softphone.ui.settings_dialog import SettingsController, install_account_reapply

        window, profile, runtime, bridge = self._window, self._profile, self._runtime, self._bridge
        controller, cti_handler, on_settled = self._controller, self._cti_handler, self._on_settled
        # -- headset audio (issue 4): its events reach the GUI thread through the bridge
        runtime.on_audio_event = lambda event: bridge.publish(GuiTask(lambda: _show_headset_event(window, runtime, event)))
        settings_controller = SettingsController(
            window, profile, bridge, audio_devices=lambda: runtime.audio_devices,
            levels=lambda: runtime.audio.levels() if runtime.audio is not None else (0.0, 0.0),
        )
        window.settings_requested.connect(settings_controller.open)
        settings_controller.on_saved = self._session.settings_saved  # issue 6: audited
        # Account edits re-register without a restart (after the last call when calls are up). Not in
        # the demo: its account is the loopback switchboard's (the dialog shows it read-only).
        account_reapplier = None if profile.demo else install_account_reapply(
            settings_controller, window, controller, bridge, engine=lambda: runtime.engine)

        def telephony_ready(account_id: str, label: str) -> None:
            controller.account_id = account_id
            if account_reapplier is not None:
                account_reapplier.started(account_id)
            if profile.demo:
                window.show_registration(label, True)
            cti_handler.account_ready()
            on_settled()

        def telephony_failed(message: str) -> None:
            window.show_registration(message, False)
            if account_reapplier is not None:
                account_reapplier.started(None)  # an engine that started without the account: the settings may fix it
            on_settled()

        if profile.demo:
            from softphone.ui.demo_menu import DemoMenu

            window.menuBar().addMenu(DemoMenu(window, runtime))

        runtime.starter = threading.Thread(
            target=_start_telephony,
            args=(profile, runtime, bridge, telephony_ready, telephony_failed),
            name="telephony-start",
            daemon=True,
        )
        runtime.starter.start()

    def shutdown(self) -> None:
        self._window.hide()
        if self._toast is not None:
            self._toast.hide()
        if self._tray is not None:
            self._tray.hide()
        if self._cti_server is not None:
            self._cti_server.close()
        if self._headset_buttons is not None:
            self._headset_buttons.stop()  # LEDs off before the calls go
        if getattr(self._window, "supervision", None) is not None:
            self._window.supervision.close()  # issue 8: a supervision in progress hung up, its end audited
        _stop_telephony(self._runtime)
        if self._screen_pop is not None:
            self._screen_pop.shutdown()
        if self._session is not None:
            self._session.close()  # issue 6: the typed note saved (reopened next start), audit drained
        if self._writer is not None:
            self._writer.close(wait=True)
        if self._escalation is not None:
            self._escalation.close(wait=True)
        self._profile.close()


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


TELEPHONY_START_WAIT_S = 20.0


def _stop_telephony(runtime: _Runtime) -> None:
    runtime.stopping.set()
    if runtime.starter is not None:
        # Quitting while telephony still starts (the window is up long before): wait for the start
        # so the engine, the switchboard and the audio it is creating are stopped too. An engine
        # left running at exit crashes the process in pjsip's threads.
        runtime.starter.join(TELEPHONY_START_WAIT_S)
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
    from PySide6.QtCore import QCoreApplication

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
        agent_id=_agent_id(profile),  # the notes' agent too: the escalation's first save may create the note
        account_id=lambda: controller.account_id,
        schedule=timers.schedule, cancel_timer=timers.cancel,
        dispatch=lambda fn: bridge.publish(GuiTask(fn)),
        signalling_secure=not profile.demo and settings.sip.transport == "tls",
        resolve_destination=resolve,
    )
    records = EscalationRecordWriter(
        profile.database, call_record_id=call_writer.record_id,
        on_error=lambda _id: bridge.publish(GuiTask(lambda: window.show_notice(
            QCoreApplication.translate("MainWindow", "The escalation could not be saved: tell your supervisor.")))),
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
    settings: Any
    lock: Any = None  # softphone.ui.lock_controller.LockController (_lock_and_search_wiring, the next phase)
    search: Any = None  # softphone.ui.notes_search.NotesSearchController

    def settings_saved(self, loaded) -> None:
        from softphone.audit import AuditAction

        keys = _changed_setting_keys(self.settings, loaded.settings)
        self.settings = loaded.settings
        if keys:
            self.audit.record(self.agent_id, AuditAction.SETTINGS_CHANGED, details={"keys": keys[:64]})

    def close(self) -> None:
        from softphone.audit import AuditAction

        if self.lock is not None:
            self.lock.stop()
        self.notes.shutdown()
        if self.search is not None:
            self.search.shutdown()  # an amendment being saved is finished first
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


def _notes_session_wiring(profile: Profile, bridge, window, agent, presenter) -> _NotesSession:
    """The audit log and the call notes (issue 6); the auto-lock and the search come in the next phase."""
    from softphone.audit import AuditAction, BackgroundAuditLog
    from softphone.logs.setup import phi_registry
    from softphone.notes import RedFlagCatalogue
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
    escalation_presenter = getattr(window, "escalation_presenter", None)
    if escalation_presenter is not None:  # the Escalate press pre-selects with IT's red-flag list
        escalation_presenter.use_red_flags(
            lambda: [(flag.reason_code, flag.phrase) for flag in notes.red_flags_now()]
        )
    notes.load_unfinished()
    return _NotesSession(agent_id, audit, notes, settings)


def _lock_and_search_wiring(profile: Profile, window, controller, session: _NotesSession) -> None:
    """The auto-lock and the notes search (issue 6): a wiring phase of their own (issue 5)."""
    from softphone.agent.calls import CallPhase
    from softphone.logs.setup import phi_registry
    from softphone.ui.lock_controller import LockController
    from softphone.ui.lock_passphrase import PassphraseStore

    settings = profile.loaded.settings
    agent_id, audit = session.agent_id, session.audit
    lock = LockController(
        window, PassphraseStore(profile.credentials, agent_id),
        idle_s=settings.security.lock_after_idle_s,
        call_active=lambda: any(view.phase is not CallPhase.RINGING for view in controller.calls()),
        audit=lambda action, details: audit.record(agent_id, action, details=details),
        allow_skip_setup=profile.demo,
    )
    window.lock_controller = session.lock = lock
    lock.start()
    # Ctrl+F: search the notes (issue 6); closes itself when the lock screen takes the side panel.
    from softphone.ui.notes_search import install_notes_search

    window.notes_search = session.search = install_notes_search(
        window, profile.database, agent_id, remember_phi=phi_registry.remember)


# -- supervision (issue 8) -----------------------------------------------------------------------

DEMO_SUPERVISOR = "sip:supervisor@127.0.0.1"  # the embedded demo's supervisor (loopback switchboard)


def _supervision_wiring(profile: Profile, runtime: _Runtime, bridge, window, controller, presenter, submit, session):
    """Agent role: supervisors' calls accepted/refused, mixed in, badge, presence. Supervisor role:
    the Team view dock with Listen / Whisper / Barge / Leave (its call is not a patient's call)."""
    from softphone.supervision import SupervisionPolicy
    from softphone.ui.supervision_presenter import install_agent_side, install_supervisor_console

    settings = profile.loaded.settings.supervision
    agent_id = session.agent_id
    account_id = lambda: controller.account_id  # noqa: E731
    if settings.role == "supervisor":
        return install_supervisor_console(window, presenter, settings, submit=submit, supervisor_id=agent_id,
                                          audit=session.audit, account_id=account_id, bridge=bridge)

    policy = SupervisionPolicy.from_settings(settings)
    if profile.demo:
        # The demo's switchboard is a child process on loopback: it asserts nobody, so its supervisor
        # is recognised by From (never outside the demo).
        policy = SupervisionPolicy(policy.authorised | {"supervisor@127.0.0.1"}, False, policy.indicator_modes)
    escalation_presenter = getattr(window, "escalation_presenter", None)
    scene = escalation_presenter.scene if escalation_presenter is not None else None
    if scene is None:
        return None
    return install_agent_side(window, presenter, scene, policy, submit=submit, agent_id=agent_id, audit=session.audit,
                              account_id=account_id, bridge=bridge, escalation_presenter=escalation_presenter)


def _headset_buttons_wiring(profile: Profile, bridge, window, controller):
    """The headset's buttons drive the call controller (through the bridge, on the GUI thread);
    its state is shown in the status bar. Hidapi and the devices are opened off the GUI thread."""
    from softphone.headset.controller import start_headset_buttons

    buttons = start_headset_buttons(
        profile.loaded.settings.headset_buttons, controller,
        dispatch=lambda fn: bridge.publish(_gui_task(fn)), on_status=window.show_headset_buttons,
    )
    if buttons is None:
        window.show_headset_buttons(None)
    return buttons


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
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from softphone.audio.events import HeadsetReplugged, HeadsetState, HeadsetStatus, HeadsetSwitchedBack, HeadsetUnplugged

    if isinstance(event, HeadsetStatus):
        if event.state is HeadsetState.NONE:
            window.set_headset(None)
            window.show_notice(QCoreApplication.translate("MainWindow", "No headset found: calls connect without sound."))
        else:
            name = event.speaker or event.microphone or ""
            window.set_headset(name + (" " + QCoreApplication.translate("MainWindow", "(fallback)") if event.state is HeadsetState.FALLBACK else ""))
    elif isinstance(event, HeadsetUnplugged):
        text = QCoreApplication.translate("MainWindow", "Headset unplugged: audio moved to %1. The call goes on.").replace("%1", event.fallback_description or QCoreApplication.translate("MainWindow", "no device"))
        window.show_notice(text)
    elif isinstance(event, HeadsetReplugged):
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("MainWindow", "Headset"),
                          QCoreApplication.translate("MainWindow", "Your headset is back. Switch the audio back to it?"),
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
        window.show_notice(QCoreApplication.translate("MainWindow", "Audio is back on the headset."))


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
    from softphone.sip.account_reapply import account_config_from_settings

    # The password is read from the keyring on the SIP thread when the account is built, never
    # stored on the config; the same builder serves the settings dialog's account changes.
    return account_config_from_settings(profile.loaded.settings.sip, profile.credentials)


def _patient_directory(profile: Profile):
    """Start-up thread (softphone.startup): the demo's directory parses its FHIR bundle, the EHR
    client reads its key from the keyring: neither on the GUI thread. None: no screen-pop."""
    ehr = profile.loaded.settings.ehr
    try:
        if profile.demo:
            from softphone.patients import DemoPatientDirectory

            return DemoPatientDirectory()
        if not ehr.fhir_base_url:
            return None
        from softphone.patients.directory_factory import build_fhir_directory

        return build_fhir_directory(ehr, profile.credentials)
    except Exception as error:  # noqa: BLE001 - no screen-pop is better than no phone
        # EhrConfigurationError messages name the setting or keyring entry, never a secret.
        log.error("patient directory unavailable: %s: %s", type(error).__name__, error)
        return None


def _screen_pop_service(directory, bridge):
    from softphone.patients import ScreenPopService

    return ScreenPopService(directory, on_update=bridge.publish) if directory is not None else None


def _network_text(profile: Profile) -> str:
    if profile.demo:
        return "Loopback (demo)"
    transport = profile.loaded.settings.sip.transport
    return "TLS + SRTP" if transport == "tls" else f"{transport.upper()} (not encrypted)"
