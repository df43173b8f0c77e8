"""The agent's and the supervisor's desktops as ``app.py`` wires them, for pytest-qt tests driven by
real SIP events: a real SipEngine (auto-routing off) registered on the test Kamailio, the
EventBridge, the call controller, the main window and its presenter, the routing scene, and the
supervision wiring the app itself uses (``install_agent_side`` / ``install_supervisor_console``),
with a real hash-chained audit log in an encrypted database."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from softphone.agent import AgentStateMachine, CallController, CallHistory
from softphone.agent.call_scene import CallSceneOwner
from softphone.audio.service import AudioPreferences, HeadsetAudio
from softphone.audit import BackgroundAuditLog
from softphone.config.model import AgentSettings
from softphone.patients import DemoPatientDirectory, ScreenPopService
from softphone.sip import AddAccount, CreateTonePort, EngineConfig, SipEngine
from softphone.sip.default_routing import AGENT_MIC
from softphone.storage import generate_key, open_database
from softphone.storage.models import AuditEntry
from softphone.supervision import SupervisionPolicy
from softphone.ui.desktop import DesktopPresenter, GuiTask
from softphone.ui.event_bridge import EventBridge
from softphone.ui.incoming_toast import IncomingCallToast
from softphone.ui.main_window import MainWindow
from softphone.ui.supervision_presenter import install_agent_side, install_supervisor_console

from sip_harness import agent_account


@dataclass
class Desktop:
    engine: SipEngine
    bridge: EventBridge
    controller: CallController
    window: MainWindow
    presenter: DesktopPresenter
    scene: CallSceneOwner
    toast: IncomingCallToast
    screen_pop: ScreenPopService
    audit: BackgroundAuditLog
    database: Any
    supervision: Any = None  # AgentSupervisionPresenter / SupervisorConsolePresenter
    agent_changes: list[Any] = field(default_factory=list)  # the agent state machine's changes
    offered: list[Any] = field(default_factory=list)  # calls the controller offered (rang / toast)
    # (event, ringer on?, tones) after each engine event, as the app's HeadsetAudio decided it
    ringer: list[tuple[object, bool, Any]] = field(default_factory=list)
    _ringer_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def agent(self) -> AgentStateMachine:
        return self.controller.agent

    def audit_entries(self) -> list[dict[str, Any]]:
        with self.database.session() as session:
            rows = session.execute(select(AuditEntry).order_by(AuditEntry.sequence)).scalars().all()
            return [{"actor": r.actor, "action": r.action, "subject": r.subject, **json.loads(r.details)} for r in rows]

    def ringer_samples(self) -> list[tuple[object, bool, Any]]:
        with self._ringer_lock:
            return list(self.ringer)

    def stop(self) -> None:
        self.window.hide()
        self.toast.hide()
        self.engine.stop()
        self.screen_pop.shutdown()
        self.audit.close()
        self.database.close()


def _desktop(kamailio: Any, workdir: Path, user: str, tone_hz: int) -> Desktop:
    settings = AgentSettings()
    engine = SipEngine(EngineConfig(bind_address="127.0.0.1", auto_routing=False, quality_interval_s=0))
    bridge = EventBridge()
    engine.subscribe(bridge.publish)
    agent = AgentStateMachine(settings.dispositions, settings.break_reasons, wrap_up_s=settings.wrap_up_s)
    controller = CallController(engine.submit, agent, CallHistory(), dispatch=lambda fn: bridge.publish(GuiTask(fn)))
    window = MainWindow(demo=False, dispositions=settings.dispositions, break_reasons=settings.break_reasons)
    window.resize(1280, 760)
    screen_pop = ScreenPopService(DemoPatientDirectory(), on_update=bridge.publish)
    toast = IncomingCallToast()
    presenter = DesktopPresenter(window, controller, bridge, screen_pop=screen_pop, toast=toast)
    # The app's routing scene (app._escalation_wiring: EscalationPresenter feeds it after the desktop).
    scene = CallSceneOwner(engine.submit, hold_tone=False)
    bridge.subscribe(scene.handle_event)
    workdir.mkdir(parents=True, exist_ok=True)
    database = open_database(None, sqlite_path=workdir / f"{user}.db", key=generate_key())
    desktop = Desktop(engine, bridge, controller, window, presenter, scene, toast, screen_pop,
                      BackgroundAuditLog(database), database)
    agent.add_listener(desktop.agent_changes.append)
    controller.on_incoming(desktop.offered.append)

    # The ringer, as the app drives it: HeadsetAudio.on_sip_event on the SIP thread (no device
    # opened: what is checked is its decision, sampled after every event).
    audio = HeadsetAudio(AudioPreferences(), lambda _event: None, local_call_tones=False, tone_parties=False,
                         watch_pulse=False, gil_switch_interval_s=None)

    def on_sip_event(event: object) -> None:
        audio.on_sip_event(event)
        with desktop._ringer_lock:
            desktop.ringer.append((event, audio.ringing, audio.tones.tones()))

    engine.subscribe(on_sip_event)
    window.show()
    engine.start()
    engine.submit(CreateTonePort(AGENT_MIC, (tone_hz,))).result(5)
    controller.account_id = engine.submit(AddAccount(agent_account(
        kamailio, user=user, password=f"{user}-secret"))).result(5)
    return desktop


def start_agent_desktop(kamailio: Any, workdir: Path, supervisors: tuple[str, ...], tone_hz: int = 600) -> Desktop:
    desktop = _desktop(kamailio, workdir, "agent", tone_hz)
    desktop.supervision = install_agent_side(
        desktop.window, desktop.presenter, desktop.scene, SupervisionPolicy(frozenset(supervisors)),
        submit=desktop.engine.submit, agent_id="agent", audit=desktop.audit,
        account_id=lambda: desktop.controller.account_id, bridge=desktop.bridge,
    )
    return desktop


def start_supervisor_desktop(kamailio: Any, workdir: Path, settings: Any, tone_hz: int = 1400) -> Desktop:
    """``settings``: a ``SupervisionSettings`` with role "supervisor"."""
    desktop = _desktop(kamailio, workdir, "supervisor", tone_hz)
    desktop.supervision = install_supervisor_console(
        desktop.window, desktop.presenter, settings, submit=desktop.engine.submit, supervisor_id="supervisor",
        audit=desktop.audit, account_id=lambda: desktop.controller.account_id, bridge=desktop.bridge,
    )
    return desktop
