"""Applies an edited SIP account to the running engine, without a restart (issue 5).

The settings dialog saves the settings (and the password, to the keyring) off the GUI thread; then
``AccountReapplier.request`` is handed the account those settings describe. Everything after that
runs on the SIP thread, as callables submitted to the engine, so it never races the engine's own
view of the calls and accounts:

1. the running account's config (``engine.accounts[id].config``) is compared with the new one:
   every field but the password by ``AccountConfig`` equality, the password by a fingerprint
   (``KeyringPassword`` records one each time pjsua2 reads the secret). Equal: nothing to do.
2. while any call is up (the agent's, an escalation leg, a supervisor's) the change waits: it is
   retried each time a call disconnects, so it applies as soon as the last call ends and no call
   is ever dropped by it;
3. the old account is unregistered first and we wait for its answer (or ``unregister_wait_s``):
   the old and the new account may share the same contact (a password change), and an unREGISTER
   overtaken by the new REGISTER would delete the new binding at the registrar;
4. then ``RemoveAccount`` + ``AddAccount`` (queued together: no INVITE can slip in between). The
   new account's ``RegistrationChanged`` events (registering → registered / failed with its
   reason) reach the status bar as at start-up.

The outcome of each step is reported through ``notify`` (from the SIP thread: the caller routes it
to its GUI thread). The embedded demo's account is the switchboard's: the app does not wire this.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .commands import AddAccount, RemoveAccount, Unregister
from .config import AccountConfig, TransportKind
from .events import CallState, CallStateChanged, RegistrationChanged, RegistrationState

if TYPE_CHECKING:
    from .engine import SipEngine

log = logging.getLogger(__name__)

# Per-process key: a fingerprint tells "same password or not" within this run and nothing else
# (useless outside the process, never logged or stored).
_FINGERPRINT_KEY = secrets.token_bytes(32)


def password_fingerprint(secret: str) -> bytes:
    return hmac.new(_FINGERPRINT_KEY, secret.encode("utf-8"), hashlib.sha256).digest()


class KeyringPassword:
    """``AccountConfig.password``: reads the secret from the keyring when pjsua2 builds the account
    (on the SIP thread) and remembers only the fingerprint of what it handed over."""

    def __init__(self, credentials: Any, name: str) -> None:
        self._credentials = credentials
        self._name = name
        self.fingerprint: bytes | None = None  # None: not read yet

    def __call__(self) -> str:
        secret = (self._credentials.get(self._name) if self._credentials is not None else None) or ""
        self.fingerprint = password_fingerprint(secret)
        return secret


def account_config_from_settings(sip: Any, credentials: Any) -> AccountConfig:
    """The account the ``[sip]`` settings (``softphone.config.model.SipSettings``) describe, its
    password in the keyring under ``SecretName.sip_password``. The app's one builder: at start-up
    and when the settings dialog changes the account."""
    from softphone.credentials import SecretName

    servers = tuple(f"{s.host}:{s.port}" if s.port else s.host for s in sip.servers)
    return AccountConfig(
        user=sip.username,
        domain=sip.domain,
        servers=servers,
        password=KeyringPassword(credentials, SecretName.sip_password(sip.username, sip.domain)),
        transport=TransportKind(sip.transport),
        display_name=sip.display_name,
        outbound_proxy=sip.outbound_proxy or None,
        stun_servers=tuple(sip.stun_servers),
        ice=sip.ice,
        register_expiry_s=sip.register_expiry_s,
    )


@dataclass(frozen=True)
class AccountChange:
    """A candidate account: its config and the fingerprint of its password as stored now."""

    config: AccountConfig
    password_fingerprint: bytes


def read_account_change(sip: Any, credentials: Any) -> AccountChange:
    """Worker thread (it reads the keyring): the account the saved settings describe."""
    config = account_config_from_settings(sip, credentials)
    secret = config.password()  # also primes its KeyringPassword; pjsua2 reads it again when adding
    return AccountChange(config, password_fingerprint(secret))


def account_differs(running: AccountConfig | None, change: AccountChange) -> bool:
    if running is None:
        return True
    if running != change.config:  # every field but the password (compare=False)
        return True
    fingerprint = getattr(running.password, "fingerprint", None)
    return fingerprint != change.password_fingerprint  # unknown (None): re-register to be sure


class ReapplyStep(StrEnum):
    UNCHANGED = "unchanged"  # the running account is already this one
    NOT_RUNNING = "not_running"  # telephony is not up (yet): applies at the next start
    STARTING = "starting"  # telephony is still starting: applies once it has
    DEFERRED = "deferred"  # calls are up: applies when the last one ends
    APPLYING = "applying"  # the new account is being added (its registration events follow)
    FAILED = "failed"  # the engine refused the new account (reason says why)


@dataclass(frozen=True)
class ReapplyOutcome:
    step: ReapplyStep
    account_id: str = ""  # APPLYING / FAILED: the new account's id
    reason: str = ""  # FAILED: short text for the agent (no secrets: engine error messages)


class AccountReapplier:
    """See the module docstring. ``engine`` returns the running engine (None before start-up made
    one); ``notify`` is called on the SIP thread (or on the caller's when the engine is not up)."""

    def __init__(self, engine: Callable[[], SipEngine | None], notify: Callable[[ReapplyOutcome], None],
                 *, unregister_wait_s: float = 3.0) -> None:
        self._engine = engine
        self._notify = notify
        self._unregister_wait_s = unregister_wait_s
        # SIP-thread state (set only by callables running there):
        self._ready = False  # telephony has settled (the start-up's own AddAccount is done)
        self._account_id: str | None = None  # the account this app runs now
        self._pending: AccountChange | None = None
        self._deferred_told = False
        self._unregistering: str | None = None  # old account whose unREGISTER answer we wait for
        self._unsubscribe: Callable[[], None] | None = None

    # ----- any thread ---------------------------------------------------------------------

    def started(self, account_id: str | None) -> None:
        """Telephony has settled: ``account_id`` runs (None: start-up could not add one)."""
        engine = self._engine()
        if engine is None:
            return
        engine.submit(lambda: self._on_started(engine, account_id))

    def request(self, change: AccountChange) -> None:
        """The settings were saved: make ``change`` the running account if it differs."""
        engine = self._engine()
        if engine is None or not engine.running:
            self._notify(ReapplyOutcome(ReapplyStep.NOT_RUNNING))
            return
        future = engine.submit(lambda: self._on_request(engine, change))
        future.add_done_callback(lambda done: done.exception() and self._notify(
            ReapplyOutcome(ReapplyStep.NOT_RUNNING, reason=type(done.exception()).__name__)))

    # ----- SIP thread -----------------------------------------------------------------------

    def _on_started(self, engine: SipEngine, account_id: str | None) -> None:
        self._ready = True
        self._account_id = account_id
        if self._unsubscribe is None:
            self._unsubscribe = engine.subscribe(lambda event: self._on_event(engine, event))
        self._advance(engine)

    def _on_request(self, engine: SipEngine, change: AccountChange) -> None:
        if not self._ready:
            # Start-up is still adding the old account: it applies once that has settled.
            self._pending = change
            self._notify(ReapplyOutcome(ReapplyStep.STARTING))
            return
        account = engine.accounts.get(self._account_id) if self._account_id else None
        if not account_differs(account.config if account is not None else None, change):
            self._pending = None  # e.g. edited back to what runs
            self._notify(ReapplyOutcome(ReapplyStep.UNCHANGED))
            return
        self._pending = change
        self._deferred_told = False
        self._advance(engine)

    def _on_event(self, engine: SipEngine, event: object) -> None:
        """Engine subscriber (SIP thread, inside pjsua2 callbacks: only queue work from here)."""
        if self._pending is None:
            return
        # As commands, not posts: the RemoveAccount/AddAccount that ``_advance`` queues then run in
        # the same drain of the command queue as its "no call is up" check, with no pjsip event
        # handling (no INVITE for the old account) in between.
        if isinstance(event, CallStateChanged) and event.state is CallState.DISCONNECTED:
            engine.submit(lambda: self._advance(engine))
        elif (isinstance(event, RegistrationChanged) and event.account_id == self._unregistering
              and event.state not in (RegistrationState.REGISTERED, RegistrationState.REGISTERING)):
            account_id = event.account_id
            engine.submit(lambda: self._unregistered(engine, account_id))

    def _advance(self, engine: SipEngine) -> None:
        change = self._pending
        if change is None or not self._ready or self._unregistering is not None or engine.stopping:
            return
        if any(call.state is not CallState.DISCONNECTED for call in engine.calls):
            if not self._deferred_told:
                self._deferred_told = True
                self._notify(ReapplyOutcome(ReapplyStep.DEFERRED))
            return
        old = engine.accounts.get(self._account_id) if self._account_id else None
        if old is not None and old.state is RegistrationState.REGISTERED and not old.local:
            self._unregistering = old.id
            engine.submit(Unregister(old.id))
            old_id = old.id
            engine.call_later(self._unregister_wait_s,
                              lambda: engine.submit(lambda: self._unregistered(engine, old_id)))
            return
        self._swap(engine, change)

    def _unregistered(self, engine: SipEngine, account_id: str) -> None:
        if self._unregistering != account_id:
            return  # already handled (the answer and the timeout both come)
        self._unregistering = None
        self._advance(engine)  # a call may have come in meanwhile: then it waits again

    def _swap(self, engine: SipEngine, change: AccountChange) -> None:
        self._pending = None
        self._deferred_told = False
        new_id = change.config.id
        # Before the new account's first RegistrationChanged, so the GUI follows the new id.
        self._notify(ReapplyOutcome(ReapplyStep.APPLYING, new_id))
        if self._account_id is not None and self._account_id in engine.accounts:
            engine.submit(RemoveAccount(self._account_id))
        self._account_id = new_id
        log.info("account changed by the settings: re-registering")
        added = engine.submit(AddAccount(change.config))

        def outcome(done) -> None:
            error = done.exception()
            if error is not None:
                self._notify(ReapplyOutcome(ReapplyStep.FAILED, new_id, str(error)[:200] or type(error).__name__))

        added.add_done_callback(outcome)
