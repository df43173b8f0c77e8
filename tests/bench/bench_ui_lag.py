"""GUI event-loop lag over a scripted agent session: how long the GUI thread ever stalls.

The agent desktop as the app wires it (SipEngine, EventBridge, CallController, presenter, window,
screen-pop on the demo patient directory) runs against the embedded demo switchboard on loopback.
A 5 ms QTimer measures its own lateness while the script runs calls (ring, screen-pop lookup with
context load, answer, hold/resume, mute, DTMF, blind transfer to the on-call nurse or hang-up,
wrap-up with disposition) and saves call notes (SQLCipher, on a worker thread, as the notes editor
will). Prints ONE JSON object: max and p99 stall.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_ui_lag.py [--calls 12]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PROBE_MS = 5


class LagProbe:
    def __init__(self) -> None:
        self.stalls_ms: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._fire)
        self._last = 0

    def start(self) -> None:
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _fire(self) -> None:
        now = self._clock.nsecsElapsed()
        self.stalls_ms.append(max(0.0, (now - self._last) / 1e6 - PROBE_MS))
        self._last = now


def pump_until(app: QApplication, predicate, timeout_s: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if predicate():
            return True
        time.sleep(0.001)
    return False


def pump(app: QApplication, seconds: float) -> None:
    pump_until(app, lambda: False, seconds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=12)
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    from softphone.agent import AgentStateMachine, CallController, CallHistory, CallPhase
    from softphone.config.model import AgentSettings
    from softphone.demo.cast import CALLERS
    from softphone.demo.controller import DemoSwitchboard
    from softphone.patients import DemoPatientDirectory, ScreenPopService
    from softphone.sip import SipEngine
    from softphone.storage.database import open_database
    from softphone.storage.notes import save_note
    from softphone.ui.appearance import apply_theme
    from softphone.ui.desktop import DesktopPresenter, GuiTask
    from softphone.ui.event_bridge import EventBridge
    from softphone.ui.main_window import MainWindow

    apply_theme(app, "light")
    scratch = tempfile.TemporaryDirectory(prefix="bench-ui-lag-")
    database = open_database(None, sqlite_path=Path(scratch.name) / "bench.db", key=secrets.token_bytes(32))
    notes_pool = ThreadPoolExecutor(max_workers=1)
    settings = AgentSettings()
    switchboard = DemoSwitchboard(clinician_ring_s=0.3)
    endpoints = switchboard.start()
    bridge = EventBridge()
    engine = SipEngine(endpoints.engine_config())
    engine.subscribe(bridge.publish)
    engine.start()
    agent = AgentStateMachine(settings.dispositions, settings.break_reasons, wrap_up_s=settings.wrap_up_s)
    controller = CallController(engine.submit, agent, CallHistory(), dispatch=lambda fn: bridge.publish(GuiTask(fn)))
    window = MainWindow(demo=True, dispositions=settings.dispositions, break_reasons=settings.break_reasons)
    screen_pop = ScreenPopService(DemoPatientDirectory(), on_update=bridge.publish)
    presenter = DesktopPresenter(window, controller, bridge, screen_pop=screen_pop)
    window.show()
    account_id = switchboard.attach_agent(engine).result(10)
    controller.account_id = account_id

    probe = LagProbe()
    probe.start()
    started = time.monotonic()
    counts = {"calls": 0, "answered": 0, "transfers": 0, "screen_pops": 0, "note_saves": 0}
    pending_saves = []
    for number in range(args.calls):
        caller = CALLERS[number % len(CALLERS)]
        switchboard.place_patient_call(caller.key)
        if not pump_until(app, lambda: bool(controller.ringing())):
            break
        counts["calls"] += 1
        pump_until(app, lambda: window.patient_view.state not in ("loading", "idle"), 5)
        counts["screen_pops"] += window.patient_view.state != "loading"
        controller.answer()
        if not pump_until(app, lambda: controller.focus() is not None and controller.focus().phase is CallPhase.TALKING):
            break
        counts["answered"] += 1
        call_id = controller.focus().call_id
        for text in ("Caller reports ", "dizziness ", "since this morning."):
            window.notes_edit.insertPlainText(text)
            body = window.notes_edit.toPlainText()
            pending_saves.append(notes_pool.submit(lambda b=body, c=call_id: _save(database, save_note, c, b)))
            counts["note_saves"] += 1
            pump(app, 0.05)
        controller.toggle_hold()
        pump_until(app, lambda: controller.focus() is not None and controller.focus().phase is CallPhase.HELD, 5)
        controller.toggle_hold()
        pump_until(app, lambda: controller.focus() is not None and controller.focus().phase is CallPhase.TALKING, 5)
        controller.toggle_mute()
        controller.send_dtmf("1")
        pump(app, 0.2)
        if number % 3 == 2:
            controller.blind_transfer(endpoints.on_call_nurse_uri)
            counts["transfers"] += 1
        else:
            controller.hangup()
        pump_until(app, lambda: not controller.calls(), 10)
        pump_until(app, lambda: agent.state.value == "wrap_up", 5)
        if agent.state.value == "wrap_up":
            controller.submit_disposition(settings.dispositions[0])
        pump(app, 0.1)
    elapsed = time.monotonic() - started
    probe.stop()
    for future in pending_saves:
        future.result(10)

    with_detach = switchboard.detach_agent(engine, account_id)
    with_detach.result(5)
    window.hide()
    engine.stop()
    switchboard.stop()
    screen_pop.shutdown()
    notes_pool.shutdown()
    database.close()
    scratch.cleanup()

    stalls = sorted(probe.stalls_ms)
    p99 = stalls[min(len(stalls) - 1, int(0.99 * (len(stalls) - 1)))] if stalls else None
    print(json.dumps({
        "bench": "ui_lag",
        "probe_interval_ms": PROBE_MS,
        "samples": len(stalls),
        "session_s": round(elapsed, 2),
        **counts,
        "max_stall_ms": round(stalls[-1], 2) if stalls else None,
        "p99_stall_ms": round(p99, 2) if p99 is not None else None,
        "p50_stall_ms": round(statistics.median(stalls), 2) if stalls else None,
        "stalls_over_50ms": sum(1 for s in stalls if s > 50),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }))
    return 0


def _save(database, save_note, call_id: str, body: str) -> None:
    with database.session() as session:
        save_note(session, call_id, body)


if __name__ == "__main__":
    sys.exit(main())
