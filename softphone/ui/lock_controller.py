"""Auto-lock: after ``security.lock_after_idle_s`` without keyboard or mouse input, and never
while a call is up, the patient panel, notes and recent calls are replaced by the lock screen
until the agent enters their passphrase (see lock_passphrase.py for why a passphrase of their
own and not the OS password). Calls keep ringing and can be answered while locked.

With auto-lock enabled and no passphrase yet, the side panel starts on the "choose a passphrase"
page: patient data is never shown before a lock could protect it. The demo may skip it.

Keyring reads and scrypt checks block (D-Bus, ~0.1 s of KDF): they run on worker threads and
their results come back as a queued signal. Lock, unlock and failed unlocks are audited.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton

from softphone.audit.actions import AuditAction
from softphone.ui.lock_passphrase import PassphraseError, PassphraseStore, UnlockThrottle, check_new_passphrase
from softphone.ui.lock_screen import LockScreen

log = logging.getLogger(__name__)

_ACTIVITY_EVENTS = frozenset(
    (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin)
)

AuditSink = Callable[[AuditAction, Mapping[str, Any]], None]


class LockController(QObject):
    locked_changed = Signal(bool)
    _worker_done = Signal(object)  # (kind, outcome) from a worker thread, delivered queued

    def __init__(
        self,
        window,
        store: PassphraseStore,
        *,
        idle_s: float,
        call_active: Callable[[], bool],
        audit: AuditSink | None = None,
        allow_skip_setup: bool = False,
        clock: Callable[[], float] = time.monotonic,
        check_interval_ms: int = 1000,
        throttle: UnlockThrottle | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.store = store
        self.idle_s = idle_s
        self.call_active = call_active
        self.audit = audit or (lambda action, details: None)
        self.allow_skip_setup = allow_skip_setup
        self.clock = clock
        self.throttle = throttle or UnlockThrottle()
        self.locked = False
        self.armed = False  # a passphrase exists: auto-lock may engage
        self._last_activity = clock()
        self._last_failure_at = 0.0
        self._worker_done.connect(self._on_worker_done, Qt.ConnectionType.QueuedConnection)

        self.screen = LockScreen()
        window.side_stack.addWidget(self.screen)
        self.screen.unlock_requested.connect(self.try_unlock)
        self.screen.setup_requested.connect(self.set_passphrase)
        self.screen.skip_requested.connect(self._skip_setup)

        self.lock_button = QToolButton()
        self.lock_button.setObjectName("lock_button")
        self.lock_button.setText(self.tr("Lock"))
        self.lock_button.setAccessibleName(self.tr("Lock the patient panel and notes now"))
        self.lock_button.setEnabled(False)
        self.lock_button.clicked.connect(lambda: self.lock("manual"))
        toolbar = window.findChild(QToolBar, "agent_toolbar")
        if toolbar is not None:
            toolbar.addWidget(self.lock_button)

        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check_idle)
        self._app = QApplication.instance()

    # ------------------------------------------------------------------ start

    def start(self) -> threading.Thread | None:
        """Auto-lock off (0): nothing to do. Otherwise read the keyring; until then hide the panel."""
        if self.idle_s <= 0:
            return None
        self._show_screen()
        self.screen.show_checking()
        self._app.installEventFilter(self)
        self._timer.start()
        return self._run(lambda: ("checked", self.store.is_set()), "lock-check")

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)

    # ------------------------------------------------------------------ idle

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in _ACTIVITY_EVENTS:
            self._last_activity = self.clock()
        return False

    def note_activity(self) -> None:
        self._last_activity = self.clock()

    def idle_for(self) -> float:
        return self.clock() - self._last_activity

    def check_idle(self) -> None:
        if self.locked or not self.armed or self.idle_s <= 0:
            return
        if self.call_active():
            self._last_activity = self.clock()  # idle time counts from the end of the call
            return
        if self.idle_for() >= self.idle_s:
            self.lock("idle")

    # ------------------------------------------------------------------ lock / unlock

    def lock(self, reason: str = "manual") -> bool:
        if self.locked or not self.armed:
            return False
        if reason == "idle" and self.call_active():
            return False
        self.locked = True
        self.screen.show_locked()
        self._show_screen()
        self.lock_button.setEnabled(False)
        self.audit(AuditAction.LOCK, {"reason": reason})
        log.info("desktop locked (%s)", reason)
        self.locked_changed.emit(True)
        return True

    def try_unlock(self, passphrase: str) -> threading.Thread | None:
        if not self.locked:
            return None
        wait = self.throttle.delay_s() - (self.clock() - self._last_failure_at)
        if wait > 0:
            self.screen.show_status(self.tr("Too many attempts: wait %1 s.").replace("%1", str(int(wait) + 1)))
            return None
        self.screen.set_busy(True)
        self.screen.show_status(self.tr("Checking…"))
        return self._run(lambda: ("unlock", self.store.verify(passphrase)), "lock-verify")

    def set_passphrase(self, passphrase: str, confirmation: str) -> threading.Thread | None:
        try:
            check_new_passphrase(passphrase, confirmation)
        except PassphraseError as error:
            self.screen.show_status(self.tr("Not saved: %1.").replace("%1", str(error)))
            return None
        self.screen.set_busy(True)
        self.screen.show_status(self.tr("Saving…"))

        def work():
            self.store.set(passphrase)
            return ("setup", True)

        return self._run(work, "lock-setup")

    # ------------------------------------------------------------------ internals

    def _run(self, work: Callable[[], tuple[str, object]], name: str) -> threading.Thread:
        def target() -> None:
            try:
                result = work()
            except Exception as error:  # noqa: BLE001 - keyring locked or gone: shown
                log.warning("%s failed (%s)", name, type(error).__name__)
                result = ("error", error)
            self._worker_done.emit(result)

        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        return thread

    def _on_worker_done(self, result: tuple[str, object]) -> None:
        kind, outcome = result
        self.screen.set_busy(False)
        if kind == "checked":
            if outcome:
                self._arm()
                self._hide_screen()
            else:
                self.screen.show_setup(can_skip=self.allow_skip_setup)
        elif kind == "setup":
            self.audit(AuditAction.SETTINGS_CHANGED, {"keys": ["security.lock_passphrase"]})
            self._arm()
            self._hide_screen()
            self.window.show_notice(self.tr("Unlock passphrase saved."))
        elif kind == "unlock":
            if outcome:
                self.throttle.succeeded()
                self.locked = False
                self._last_activity = self.clock()
                self._hide_screen()
                self.lock_button.setEnabled(True)
                self.audit(AuditAction.UNLOCK, {})
                log.info("desktop unlocked")
                self.locked_changed.emit(False)
            else:
                self.throttle.failed()
                self._last_failure_at = self.clock()
                self.audit(AuditAction.UNLOCK_FAILED, {"failures": self.throttle.failures})
                self.screen.passphrase_edit.clear()
                self.screen.show_status(self.tr("Wrong passphrase."))
        else:
            self.screen.show_status(
                self.tr("The OS keyring did not answer (%1): unlock it and try again.").replace("%1", type(outcome).__name__)
            )

    def _arm(self) -> None:
        self.armed = True
        self._last_activity = self.clock()
        self.lock_button.setEnabled(True)

    def _skip_setup(self) -> None:
        if self.allow_skip_setup and self.screen.mode == "setup":
            self.armed = False
            self._hide_screen()
            self.window.show_notice(self.tr("Auto-lock is off for this demo session."))

    def _show_screen(self) -> None:
        self.window.side_stack.setCurrentWidget(self.screen)

    def _hide_screen(self) -> None:
        self.window.side_stack.setCurrentIndex(0)
