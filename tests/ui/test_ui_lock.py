"""Auto-lock: setup of the passphrase, idle lock (never during a call), wrong and right passphrase,
calls still ringing while locked, and the lock/unlock entries in the real hash-chained audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from softphone.agent import CallPhase, CallView, Direction
from softphone.audit import AuditAction, BackgroundAuditLog, verify_audit_chain
from softphone.credentials import CredentialStore
from softphone.credentials.ephemeral import EphemeralKeyring
from softphone.storage import generate_key, open_database
from softphone.storage.models import AuditEntry
from softphone.ui.lock_controller import LockController
from softphone.ui.lock_passphrase import PassphraseStore, UnlockThrottle, hash_passphrase, verify_passphrase
from softphone.ui.main_window import MainWindow

PASSPHRASE = "blue-heron-42"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot):
    window = MainWindow(demo=False, dispositions=("Other",), break_reasons=("Lunch",))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def store():
    return PassphraseStore(CredentialStore(EphemeralKeyring()), "agent-7")


def make_lock(window, store, *, call=None, audit=None, allow_skip=False, throttle=None):
    clock = FakeClock()
    in_call = call if call is not None else [False]
    lock = LockController(
        window, store, idle_s=300, call_active=lambda: in_call[0], clock=clock,
        audit=(lambda action, details: audit.append((action, dict(details)))) if audit is not None else None,
        allow_skip_setup=allow_skip, check_interval_ms=60_000, throttle=throttle,
    )
    return lock, clock, in_call


def side_hidden(window) -> bool:
    return not window.patient_view.isVisible() and not window.notes_panel.isVisible() and not window.history_list.isVisible()


def test_first_start_asks_for_a_passphrase_before_any_patient_data_shows(qtbot, window, store):
    lock, _clock, _ = make_lock(window, store)
    lock.start()
    assert side_hidden(window)
    qtbot.waitUntil(lambda: lock.screen.mode == "setup", timeout=5000)
    assert side_hidden(window) and not lock.screen.skip_button.isVisible()

    lock.screen.passphrase_edit.setText("12345")
    lock.screen.confirm_edit.setText("12345")
    lock.screen.setup_button.click()
    assert "at least 6" in lock.screen.status.text() and side_hidden(window)

    lock.screen.passphrase_edit.setText(PASSPHRASE)
    lock.screen.confirm_edit.setText(PASSPHRASE)
    lock.screen.setup_button.click()
    qtbot.waitUntil(lambda: lock.armed, timeout=5000)
    assert window.patient_view.isVisible() and window.notes_panel.isVisible()
    assert store.verify(PASSPHRASE) and not store.verify("wrong")
    lock.stop()


def test_idle_locks_never_during_a_call_and_the_passphrase_unlocks(qtbot, window, store):
    store.set(PASSPHRASE)
    audit: list = []
    lock, clock, in_call = make_lock(window, store, audit=audit)
    lock.start()
    qtbot.waitUntil(lambda: lock.armed and window.patient_view.isVisible(), timeout=5000)

    clock.now += 299
    lock.check_idle()
    assert not lock.locked

    in_call[0] = True  # a call is up: no lock however long the agent is "idle" (listening)
    clock.now += 3600
    lock.check_idle()
    assert not lock.locked and window.patient_view.isVisible()

    in_call[0] = False  # idle time counts from the end of the call
    clock.now += 299
    lock.check_idle()
    assert not lock.locked
    clock.now += 2
    lock.check_idle()
    assert lock.locked and side_hidden(window) and lock.screen.isVisible()
    assert audit[-1] == (AuditAction.LOCK, {"reason": "idle"})

    # Calls keep ringing and can be answered while locked.
    ringing = CallView("call-9", Direction.INCOMING, CallPhase.RINGING, "sip:+15550100@x", "Caller", False, 0.0)
    window.show_calls([ringing], ringing)
    assert window.answer_button.isVisible() and window.answer_button.isEnabled()
    with qtbot.waitSignal(window.answer_requested):
        window.answer_button.click()

    lock.screen.passphrase_edit.setText("not it")
    lock.screen.unlock_button.click()
    qtbot.waitUntil(lambda: lock.screen.status.text() == "Wrong passphrase.", timeout=5000)
    assert lock.locked and side_hidden(window)
    assert audit[-1] == (AuditAction.UNLOCK_FAILED, {"failures": 1})

    with qtbot.waitSignal(lock.locked_changed, timeout=5000) as changed:
        lock.screen.passphrase_edit.setText(PASSPHRASE)
        lock.screen.unlock_button.click()
    assert changed.args == [False]
    assert not lock.locked and window.patient_view.isVisible()
    assert audit[-1] == (AuditAction.UNLOCK, {})
    lock.stop()


def test_keyboard_and_mouse_activity_postpone_the_lock(qtbot, window, store):
    store.set(PASSPHRASE)
    lock, clock, _ = make_lock(window, store)
    lock.start()
    qtbot.waitUntil(lambda: lock.armed, timeout=5000)
    clock.now += 250
    qtbot.keyClicks(window.dial_edit, "12")  # real key events through the app's event filter
    clock.now += 100
    lock.check_idle()
    assert not lock.locked
    clock.now += 250
    lock.check_idle()
    assert lock.locked
    lock.stop()


def test_repeated_wrong_passphrases_are_throttled(qtbot, window, store):
    store.set(PASSPHRASE)
    lock, clock, _ = make_lock(window, store, throttle=UnlockThrottle(free_attempts=1))
    lock.start()
    qtbot.waitUntil(lambda: lock.armed, timeout=5000)
    lock.lock("manual")
    lock.try_unlock("wrong").join(5)
    qtbot.waitUntil(lambda: lock.throttle.failures == 1, timeout=5000)
    assert lock.try_unlock(PASSPHRASE) is None  # one free attempt used: wait 1 s
    clock.now += 1.5
    lock.try_unlock("wrong").join(5)
    qtbot.waitUntil(lambda: lock.throttle.failures == 2, timeout=5000)
    clock.now += 1.5
    assert lock.try_unlock(PASSPHRASE) is None  # the wait doubles: 2 s
    assert "wait" in lock.screen.status.text()
    clock.now += 1
    lock.try_unlock(PASSPHRASE).join(5)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
    lock.stop()


def test_the_demo_may_skip_the_passphrase(qtbot, window, store):
    lock, clock, _ = make_lock(window, store, allow_skip=True)
    lock.start()
    qtbot.waitUntil(lambda: lock.screen.skip_button.isVisible(), timeout=5000)
    lock.screen.skip_button.click()
    assert window.patient_view.isVisible() and not lock.armed
    clock.now += 10_000
    lock.check_idle()
    assert not lock.locked
    lock.stop()


def test_auto_lock_off_shows_the_panel_at_once(window, store):
    lock = LockController(window, store, idle_s=0, call_active=lambda: False)
    assert lock.start() is None
    assert window.side_stack.currentIndex() == 0


def test_lock_and_unlock_reach_the_hash_chained_audit_log_without_blocking(qtbot, window, store, tmp_path: Path):
    store.set(PASSPHRASE)
    with open_database(None, sqlite_path=tmp_path / "audit.db", key=generate_key()) as database:
        audit = BackgroundAuditLog(database)
        lock, _clock, _ = make_lock(window, store)
        lock.audit = lambda action, details: audit.record("agent-7", action, details=details)
        lock.start()
        qtbot.waitUntil(lambda: lock.armed, timeout=5000)
        lock.lock("manual")
        lock.try_unlock(PASSPHRASE).join(5)
        qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
        assert audit.close(5)
        with database.session() as session:
            rows = [(e.actor, e.action, e.details) for e in session.query(AuditEntry).order_by(AuditEntry.sequence)]
        assert rows == [("agent-7", "lock", '{"reason":"manual"}'), ("agent-7", "unlock", "{}")]
        assert verify_audit_chain(database).ok
        lock.stop()


def test_passphrase_hash_is_salted_scrypt_and_never_the_passphrase():
    first, second = hash_passphrase(PASSPHRASE), hash_passphrase(PASSPHRASE)
    assert first != second and PASSPHRASE not in first and first.startswith("scrypt$32768$8$1$")
    assert verify_passphrase(PASSPHRASE, first) and verify_passphrase(PASSPHRASE, second)
    assert not verify_passphrase(PASSPHRASE + "x", first)
    assert not verify_passphrase(PASSPHRASE, "garbage")
