"""The demo's menu: make a simulated patient call the agent, or a supervisor join the call."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from softphone.demo.cast import CALLERS

log = logging.getLogger(__name__)


class DemoMenu(QMenu):
    def __init__(self, parent: QWidget, runtime):
        super().__init__(QCoreApplication.translate("DemoMenu", "&Demo"), parent)
        self.setObjectName("demo_menu")
        self.setAccessibleName(QCoreApplication.translate("DemoMenu", "Demo"))
        self._runtime = runtime
        for caller in CALLERS:
            action = self.addAction(QCoreApplication.translate("DemoMenu", "Patient calls: %1").replace("%1", caller.situation))
            action.triggered.connect(lambda _checked=False, key=caller.key: self._place(key))
        self.addSeparator()
        for mode in ("listen", "whisper", "barge"):
            action = self.addAction(QCoreApplication.translate("DemoMenu", "Supervisor joins (%1)").replace("%1", mode))
            action.triggered.connect(lambda _checked=False, m=mode: self._supervise(m))

    def _place(self, key: str) -> None:
        switchboard = self._runtime.switchboard
        if switchboard is not None and switchboard.running:
            switchboard.place_patient_call(key)  # a Future; the call arrives as engine events

    def _supervise(self, mode: str) -> None:
        switchboard = self._runtime.switchboard
        if switchboard is not None and switchboard.running:
            switchboard.call_as_supervisor(mode)
