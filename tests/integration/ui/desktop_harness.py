"""The agent desktop as the app wires it (real SipEngine, EventBridge, controller, presenter, window),
registered on the test Kamailio, for pytest-qt tests driven by real SIP events."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from softphone.agent import AgentStateMachine, CallController, CallHistory
from softphone.config.model import AgentSettings
from softphone.patients import DemoPatientDirectory, ScreenPopService
from softphone.sip import AddAccount, CreateTonePort, EngineConfig, SipEngine, TransportKind
from softphone.sip.default_routing import AGENT_MIC
from softphone.ui.appearance import apply_theme
from softphone.ui.desktop import DesktopPresenter, GuiTask
from softphone.ui.event_bridge import EventBridge
from softphone.ui.incoming_toast import IncomingCallToast
from softphone.ui.main_window import MainWindow
from sip_harness import agent_account

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@dataclass
class Desktop:
    engine: SipEngine
    bridge: EventBridge
    controller: CallController
    window: MainWindow
    presenter: DesktopPresenter
    screen_pop: ScreenPopService
    toast: IncomingCallToast

    @property
    def agent(self) -> AgentStateMachine:
        return self.controller.agent

    def stop(self) -> None:
        self.window.hide()
        self.toast.hide()
        self.engine.stop()
        self.screen_pop.shutdown()


def start_desktop(kamailio, transport: TransportKind = TransportKind.UDP, theme: str = "light") -> Desktop:
    app = QApplication.instance()
    apply_theme(app, theme)
    settings = AgentSettings()
    engine = SipEngine(EngineConfig(bind_address="127.0.0.1"))
    bridge = EventBridge()
    engine.subscribe(bridge.publish)
    agent = AgentStateMachine(settings.dispositions, settings.break_reasons, wrap_up_s=settings.wrap_up_s)
    controller = CallController(engine.submit, agent, CallHistory(), dispatch=lambda fn: bridge.publish(GuiTask(fn)))
    window = MainWindow(demo=False, dispositions=settings.dispositions, break_reasons=settings.break_reasons)
    screen_pop = ScreenPopService(DemoPatientDirectory(), on_update=bridge.publish)
    toast = IncomingCallToast()
    presenter = DesktopPresenter(window, controller, bridge, screen_pop=screen_pop, toast=toast)
    window.show()
    engine.start()
    engine.submit(CreateTonePort(AGENT_MIC, (600,))).result(5)
    controller.account_id = engine.submit(AddAccount(agent_account(kamailio, transport))).result(5)
    return Desktop(engine, bridge, controller, window, presenter, screen_pop, toast)


def save_screenshot(widget: QWidget, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path
