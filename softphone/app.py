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
    audio_devices: tuple[str, ...] = ()
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

    settings_controller = SettingsController(window, profile, bridge, audio_devices=lambda: runtime.audio_devices)
    window.settings_requested.connect(settings_controller.open)

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
        writer.close(wait=True)
        profile.close()


def _start_telephony(profile: Profile, runtime: _Runtime, bridge, ready, failed) -> None:
    """Worker thread: engine (and in the demo, the switchboard) up, then the account."""
    from softphone.sip import AddAccount, EngineConfig, SipEngine
    from softphone.ui.desktop import GuiTask

    try:
        from softphone.audio.devices import list_portaudio_devices

        runtime.audio_devices = tuple(dict.fromkeys(device.name for device in list_portaudio_devices()))
    except Exception as error:  # noqa: BLE001 - no device list: the settings offer the default only
        log.info("audio devices not listed: %s", type(error).__name__)
    try:
        if profile.demo:
            from softphone.demo.controller import DemoSwitchboard

            switchboard = DemoSwitchboard()
            runtime.switchboard = switchboard
            endpoints = switchboard.start()
            if runtime.stopping.is_set():
                return
            engine = SipEngine(endpoints.engine_config())
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
        runtime.engine.stop()
    if runtime.switchboard is not None:
        runtime.switchboard.stop()


def _engine_config(profile: Profile):
    from pathlib import Path

    from softphone.sip import EngineConfig, TlsSettings

    sip = profile.loaded.settings.sip
    tls = TlsSettings(ca_list_file=Path(sip.tls_ca_file) if sip.tls_ca_file else None) if sip.transport == "tls" else None
    return EngineConfig(tls=tls)


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
            from softphone.patients import FhirPatientDirectory

            directory = FhirPatientDirectory(ehr.fhir_base_url, timeout_s=ehr.timeout_s)
    except Exception as error:  # noqa: BLE001 - no screen-pop is better than no phone
        log.error("patient directory unavailable: %s", type(error).__name__)
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
