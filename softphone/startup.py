"""The start-up sequence: the real main window first, everything slow after its first frame (issue 5).

Before the window, on the GUI thread, only what is cheap: Qt, the single-instance hand-off (done by
``app.run_app`` before this; usually a file check, see ``cti.names.nobody_listens``), the theme and
language read from the settings files (``config.appearance_hint``), the ``MainWindow`` in its
"Starting…" state, whose side panel says "Loading…" until the first GUI step after the first frame
builds its content (``MainWindow.build_side_panel``).

After its first frame, on the ``startup`` thread, in order (each outcome comes back to the GUI
thread through an EventBridge; the GUI thread never waits for it):

1. settings validated (pydantic): invalid system settings hide the window, show the error dialog
   and exit 2, as before;
2. the profile opened (logging, the OS keyring over D-Bus, the encrypted database and its
   migrations): a locked or missing keyring is reported and exits 1, as before;
3. the CTI token (keyring) and the patient directory (the demo's FHIR bundle, or the EHR client);
4. the Qt-free modules the wiring and telephony use imported, so the GUI thread does not.

Meanwhile the GUI thread, idle otherwise, creates PySide6's Python types and enums (PySide creates
them on first use: 20-40 ms at a time, which would otherwise land in the wiring or the first call)
and, once the profile is ready, imports the Qt-using modules: a few milliseconds per event-loop
turn. Qt's types are only ever created on the GUI thread. It then wires the services into the
window (``app._wire_main_window``), in phases, one per event-loop turn; the last starts the SIP
engine (and the demo switchboard) on its own thread, as before. Quitting while this runs waits for
the step in progress and closes what was opened (by the phases that ran).
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer

from softphone import startup_trace
from softphone.ui.event_bridge import EventBridge

if TYPE_CHECKING:
    from softphone.config.loader import LoadedSettings
    from softphone.profile import Profile
    from softphone.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_CANNOT_START = 1
EXIT_BAD_CONFIG = 2
SETTINGS_PROBLEM = "The settings provisioned for this computer are invalid. Ask IT to correct them:"
STORAGE_PROBLEM = "The softphone cannot open its secure storage:"
START_PROBLEM = "The softphone could not start:"
# How long quitting during start-up waits for the step in progress (a migration, a D-Bus call).
STOP_WAIT_S = 30.0
# GUI-thread start-up work runs in small steps, this much per event-loop turn at most (then input,
# paint and timers get their turn): well under the 50 ms the GUI may ever be blocked.
GUI_TURN_BUDGET_S = 0.008
SIDE_PANEL_MODULES = ("softphone.ui.patient_panel", "softphone.ui.notes_panel")  # MainWindow.build_side_panel's
WARM_UP_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork")


@dataclass
class Prepared:
    """What the start-up thread made ready for the wiring on the GUI thread."""

    profile: Profile
    cti_token: str | None
    patient_directory: Any  # softphone.patients.PatientDirectory, or None (no EHR configured)


class Wiring(Protocol):
    """The services wired into the window in phases (``app._Wiring``), each run as its own GUI step."""

    def phases(self) -> list[tuple[str, Callable[[], None]]]: ...

    def shutdown(self) -> None:
        """Closes what the phases that have run opened."""


# (window, prepared, on_settled) -> the wiring; on_settled() once telephony is up or has failed.
Wire = Callable[["MainWindow", Prepared, Callable[[], None]], Wiring]


class StartupSequence:
    def __init__(
        self,
        app,
        *,
        force_demo: bool,
        wire: Wire,
        patient_directory: Callable[[Profile], Any],
        background_modules: Sequence[str] = (),
        gui_modules: Sequence[str] = (),
    ):
        """``patient_directory`` runs, and ``background_modules`` (no Qt in them) are imported, on
        the start-up thread; ``gui_modules`` (they create Qt types) on the GUI thread, one a turn."""
        self._app = app
        self._force_demo = force_demo
        self._wire = wire
        self._patient_directory = patient_directory
        self._background_modules = tuple(background_modules)
        self._gui_modules = tuple(gui_modules)
        self._gui_steps: deque[Callable[[], None]] = deque()
        self._gui_steps_scheduled = False
        self._bridge = EventBridge()
        self._bridge.subscribe(lambda task: task())
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._unclaimed_profile: Profile | None = None  # opened, not yet handed to the wiring
        self._shutdown: Callable[[], None] | None = None
        self._exit_code: int | None = None  # a failed start-up's, whatever the event loop returns
        self._exit_after = startup_trace.exit_after()
        self._probe = _StallProbe() if startup_trace.enabled() else None
        self._hint = None
        self.window: MainWindow | None = None

    # ------------------------------------------------------------------ GUI thread

    def run(self) -> int:
        """Shows the window, runs the event loop, shuts down; the process's exit code."""
        self.window = self._show_starting_window()
        try:
            code = self._app.exec()
        finally:
            self._stop()
        return self._exit_code if self._exit_code is not None else code

    def _show_starting_window(self) -> MainWindow:
        from softphone.config.appearance_hint import appearance_hint
        from softphone.config.paths import system_config_file, user_paths
        from softphone.ui.appearance import apply_theme, install_translator
        from softphone.ui.main_window import MainWindow

        self._hint = appearance_hint(system_config_file(), user_paths().settings_file)
        install_translator(self._app, self._hint.language)  # before the window: its texts are translated when built
        window = MainWindow(demo=self._force_demo, starting=True)
        startup_trace.mark("window_built")
        # After building: a style sheet applied first would re-style every widget as it is added.
        apply_theme(self._app, self._hint.theme)
        _FirstFrame(window, self._first_frame)
        window.show()
        startup_trace.mark("window_show_called")
        return window

    def _first_frame(self) -> None:
        startup_trace.mark("window_shown")
        if self._exit_after == "show":
            startup_trace.emit(f"{startup_trace.WINDOW_SHOWN_MARKER} {time.time():.6f} {time.process_time():.6f}")
            self._app.quit()
            return
        if self._probe is not None:
            self._probe.start()
        self._thread = threading.Thread(target=self._load, name="startup", daemon=True)
        self._thread.start()
        # The side panel's content first (the window shows "Loading…" there for the first frame),
        # in parts (together, one step of ~20 ms of CPU, 30-50 ms when the start-up thread competes).
        # self.window at each step: a window built again in another language has its side panel already.
        self._queue_gui_steps([*(lambda name=name: importlib.import_module(name) for name in SIDE_PANEL_MODULES),
                               lambda: self.window.build_patient_panel(), lambda: self.window.build_notes_panel(),
                               self._build_side_panel])
        self._queue_gui_steps(_warm_up_steps())
        self._queue_gui_steps([lambda: startup_trace.mark("qt_types_created")])

    def _build_side_panel(self) -> None:
        self.window.build_side_panel()
        startup_trace.mark("side_panel_built")

    def _settings_validated(self, loaded: LoadedSettings) -> None:
        from softphone.ui.appearance import apply_theme, install_translator, resolve_language, resolve_theme

        settings = loaded.settings
        replaced = False
        if resolve_language(settings.ui.language) != resolve_language(self._hint.language):
            # The hint missed (e.g. a Windows registry provisioning): build the window again in the
            # right language. It is not wired yet, so nothing else holds it.
            install_translator(self._app, settings.ui.language)
            self._replace_window()
            replaced = True
        if replaced or resolve_theme(self._app, settings.ui.theme) != self._app.property("softphoneTheme"):
            apply_theme(self._app, settings.ui.theme)  # (re)polishes every widget, the new window's too
        demo = self._force_demo or not settings.pbx_configured
        agent = settings.agent
        self.window.configure(demo=demo, dispositions=agent.dispositions, break_reasons=agent.break_reasons)
        self.window.show_starting("storage")

    def _replace_window(self) -> None:
        from softphone.ui.main_window import MainWindow

        old = self.window
        window = MainWindow(demo=self._force_demo, starting=True)
        window.setGeometry(old.geometry())
        window.build_side_panel()  # the first frame is long gone: no reason to wait
        window.show()
        self.window = window
        old.hide()
        old.deleteLater()

    def _prepared(self, prepared: Prepared) -> None:
        if prepared.profile.notices:
            self.window.show_notice(" · ".join(prepared.profile.notices))
        self.window.show_starting("telephony")
        imports = [lambda name=name: importlib.import_module(name) for name in self._gui_modules]
        # After the warm-up steps still queued, each import in its own step, then the wiring's
        # phases (a step each: in one, the wiring held the GUI thread 30-70 ms), then the controls
        # enabled (the restyle, the new menu's relayout).
        self._queue_gui_steps([*imports, lambda: self._wire_now(prepared)])

    def _wire_now(self, prepared: Prepared) -> None:
        with self._lock:
            self._unclaimed_profile = None  # the wiring's from here: its shutdown closes it
        startup_trace.mark("wiring")
        self.window.build_side_panel()  # done a step after the first frame: this does nothing then
        wiring = self._wire(self.window, prepared, self._settled)
        self._shutdown = wiring.shutdown  # from here, whatever phases ran are closed on quitting
        steps = [_own_turn(lambda name=name, phase=phase: self._wire_phase(name, phase))
                 for name, phase in wiring.phases()]
        # First in the queue: the wiring before anything queued after it (nothing is, today).
        self._gui_steps.extendleft(reversed([*steps, lambda: startup_trace.mark("wired"),
                                             lambda: self.window.finish_starting()]))

    @staticmethod
    def _wire_phase(name: str, phase: Callable[[], None]) -> None:
        phase()
        startup_trace.mark(f"wired_{name}")

    def _queue_gui_steps(self, steps) -> None:
        self._gui_steps.extend(steps)
        if not self._gui_steps_scheduled:
            self._gui_steps_scheduled = True
            # A 1 ms timer, not a zero-delay call: timers come after the input and paint already
            # waiting, so every step is its own event-loop turn.
            QTimer.singleShot(1, self._run_gui_steps)

    def _run_gui_steps(self) -> None:
        self._gui_steps_scheduled = False
        deadline = time.perf_counter() + GUI_TURN_BUDGET_S
        first = True
        while self._gui_steps and not self._stopping.is_set():
            alone = getattr(self._gui_steps[0], "own_turn", False)
            if alone and not first:
                break
            self._gui_steps.popleft()()
            first = False
            if alone or time.perf_counter() >= deadline:
                break
        if self._gui_steps and not self._stopping.is_set():
            self._gui_steps_scheduled = True
            QTimer.singleShot(1, self._run_gui_steps)

    def _settled(self) -> None:
        """Telephony is up (or has failed and says so): start-up is over."""
        startup_trace.mark("telephony_settled")
        if self._probe is not None:
            self._probe.report()
        if self._exit_after == "ready":
            startup_trace.emit(f"{startup_trace.READY_MARKER} {time.time():.6f} {time.process_time():.6f}")
            self._app.quit()

    def _fail(self, exit_code: int, summary: str, details: list[str]) -> None:
        startup_trace.mark("failed")
        if self.window is not None:
            self.window.hide()
        self._exit_code = exit_code
        report_startup_error(summary, details)
        self._app.exit(exit_code)

    def _stop(self) -> None:
        self._stopping.set()
        if self._probe is not None:
            self._probe.stop()
        if self._shutdown is not None:
            self._shutdown()
        elif self.window is not None:
            self.window.hide()
        if self._thread is not None:
            self._thread.join(STOP_WAIT_S)
        with self._lock:
            profile, self._unclaimed_profile = self._unclaimed_profile, None
        if profile is not None:
            profile.close()

    # ------------------------------------------------------------------ start-up thread

    def _post(self, task: Callable[[], None]) -> None:
        self._bridge.publish(task)

    def _load(self) -> None:
        # Loading pydantic, SQLAlchemy, Alembic, fhir.resources... creates a few hundred thousand
        # objects; a full garbage collection over them holds the GIL for 20-70 ms, and the GUI
        # thread waits for it. So no collection while loading (run_app disabled it), then what was
        # loaded is frozen out of every later collection (long-lived modules and classes).
        gc.disable()
        try:
            self._load_steps()
        except Exception as error:  # noqa: BLE001 - shown to the agent instead of a window stuck "Starting…"
            log.error("start-up failed: %s: %s", type(error).__name__, error)
            details = [f"{type(error).__name__}: {error}"]
            self._post(lambda: self._fail(EXIT_CANNOT_START, START_PROBLEM, details))
        finally:
            gc.freeze()
            gc.enable()

    def _load_steps(self) -> None:
        startup_trace.mark("settings")
        from softphone.config.loader import SettingsError
        from softphone.profile import load_effective_settings, open_profile

        try:
            loaded = load_effective_settings()
        except SettingsError as error:
            problems = error.problems
            self._post(lambda: self._fail(EXIT_BAD_CONFIG, SETTINGS_PROBLEM, problems))
            return
        startup_trace.mark("settings_validated")
        self._post(lambda: self._settings_validated(loaded))
        if self._stopping.is_set():
            return

        from softphone.credentials import CredentialStoreError
        from softphone.storage.errors import StorageError

        try:
            profile = open_profile(loaded, force_demo=self._force_demo)
        except (CredentialStoreError, StorageError) as error:
            message = str(error)
            self._post(lambda: self._fail(EXIT_CANNOT_START, STORAGE_PROBLEM, [message]))
            return
        with self._lock:
            self._unclaimed_profile = profile
        startup_trace.mark("profile_opened")
        if self._stopping.is_set():
            return

        token = _cti_token(profile)
        startup_trace.mark("cti_token")
        directory = self._patient_directory(profile)
        startup_trace.mark("patient_directory")
        for name in self._background_modules:
            if self._stopping.is_set():
                return
            try:
                importlib.import_module(name)
            except Exception as error:  # noqa: BLE001 - its user imports it again and handles the failure
                log.warning("start-up: %s not preloaded: %s: %s", name, type(error).__name__, error)
        startup_trace.mark("modules_loaded")
        prepared = Prepared(profile, token, directory)
        self._post(lambda: self._prepared(prepared))


def _cti_token(profile: Profile) -> str | None:
    """Start-up thread: the local control API's token (a keyring read, a write on first run)."""
    from softphone.credentials import CredentialStoreError
    from softphone.cti.token import ensure_cti_token  # no Qt: this is the start-up thread

    try:
        return ensure_cti_token(profile.credentials)
    except CredentialStoreError as error:
        log.warning("cti: no token: %s", type(error).__name__)
        return None


def report_startup_error(summary: str, details: list[str]) -> None:
    """On stderr, and in a dialog when there is a screen to click it away on."""
    from PySide6.QtGui import QGuiApplication

    from softphone.ui.startup_error import build_startup_error_dialog

    print(summary, file=sys.stderr)
    for line in details:
        print(f"  {line}", file=sys.stderr)
    # With no screen (offscreen, a service account) nobody could click the dialog away.
    if QGuiApplication.platformName() != "offscreen":
        build_startup_error_dialog("Softphone cannot start", summary, details).exec()


def _own_turn(step: Callable[[], None]) -> Callable[[], None]:
    """A GUI step run alone in its event-loop turn (a wiring phase: up to ~10 ms, more when other
    threads compete for the GIL; with other steps before it, the turn would be twice that)."""
    step.own_turn = True  # type: ignore[attr-defined]
    return step


def _warm_up_steps() -> list[Callable[[], None]]:
    """GUI thread: PySide6 creates a class (and every enum in it) the first time it is used, up to a
    few milliseconds each and 20-40 ms when code touches many at once. One step per ten names."""
    names = [(module, name) for module in map(importlib.import_module, WARM_UP_MODULES)
             for name in dir(module) if not name.startswith("_")]
    chunks = [names[start:start + 10] for start in range(0, len(names), 10)]
    return [lambda chunk=chunk: [getattr(module, name) for module, name in chunk] for chunk in chunks]


class _FirstFrame(QObject):
    """Calls ``then`` once, just after the window's first paint has been delivered (the frame is out)."""

    def __init__(self, window, then: Callable[[], None]):
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Zero-delay: runs after this paint event (and the backing store's flush) completes.
            QTimer.singleShot(0, self._then)
        return False


class _StallProbe:
    """With the start-up trace on: how late a 5 ms GUI timer fires between the first frame and the
    end of start-up (how long the GUI thread was ever blocked)."""

    INTERVAL_MS = 5

    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._last_ns = 0
        self.stalls_ms: list[float] = []
        # Over 50 ms: (unix time it ended, ms, of which the GUI thread's own CPU ms): own CPU near
        # the stall means the GUI thread was busy; far below, it waited (for the GIL or a CPU).
        self.long_stalls: list[tuple[float, float, float]] = []
        self._last_cpu = 0.0

    def start(self) -> None:
        self._clock.start()
        self._last_ns = self._clock.nsecsElapsed()
        self._last_cpu = time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now, cpu = self._clock.nsecsElapsed(), time.thread_time()
        stall = max(0.0, (now - self._last_ns) / 1e6 - self.INTERVAL_MS)
        self.stalls_ms.append(stall)
        if stall > 50:
            self.long_stalls.append((time.time(), stall, (cpu - self._last_cpu) * 1000))
        self._last_ns, self._last_cpu = now, cpu

    def report(self) -> None:
        self.stop()
        worst = max(self.stalls_ms, default=0.0)
        ends = ",".join(f"{end:.3f}:{ms:.0f}:{cpu:.0f}" for end, ms, cpu in self.long_stalls)
        startup_trace.emit(f"{startup_trace.GUI_STALL_MARKER} max={worst:.1f} over_50ms={len(self.long_stalls)} "
                           f"samples={len(self.stalls_ms)} long={ends}")
