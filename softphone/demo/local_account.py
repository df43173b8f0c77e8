"""The agent's SIP account in the demo: a local identity with no registrar and no proxy.

Stop-gap until the engine supports this itself. ``SipEngine``'s accounts always REGISTER and
always route through their server as an outbound proxy; the switchboard child has no registrar
(pjsua drops REGISTER requests it has no module for), so a normal account would show "failed"
and retry forever. This subclass of the engine's own ``SipAccount`` changes only the registration
part of the pjsua account configuration; calls, media, events and routing stay exactly the
production code.

When ``AccountConfig`` gains a "no registrar" option (see the demo's report), this module shrinks
to ``engine.submit(AddAccount(config))``.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

import pjsua2 as pj

from softphone.sip.account import SipAccount
from softphone.sip.config import AccountConfig
from softphone.sip.events import RegistrationState

if TYPE_CHECKING:
    from softphone.sip.engine import SipEngine

LOCAL_ACCOUNT_REASON = "Demo switchboard on this computer (no registration needed)"


class LocalSipAccount(SipAccount):
    def build_pj_config(self) -> pj.AccountConfig:
        acfg = super().build_pj_config()
        acfg.regConfig.registrarUri = ""
        acfg.regConfig.registerOnAdd = False
        acfg.sipConfig.proxies.clear()  # dial the switchboard's URIs directly
        return acfg

    def start(self) -> None:
        super().start()
        # The account is reachable at once: say so the way a registered account does, so the
        # agent's status shows "ready" in the demo exactly as it would with a PBX.
        self._set_state(RegistrationState.REGISTERED, 200, LOCAL_ACCOUNT_REASON)

    def register_now(self) -> None:
        """Nothing to register with."""

    def unregister(self) -> None:
        """Nothing to unregister from."""


def create_local_account(engine: SipEngine, config: AccountConfig) -> str:
    """SIP thread only: the engine's AddAccount steps, with the local account class."""
    if config.id in engine.accounts:
        raise ValueError(f"account {config.id} already exists")
    account = LocalSipAccount(engine, config)
    engine.accounts[account.id] = account
    try:
        account.start()
    except BaseException:
        del engine.accounts[account.id]
        raise
    return account.id


def add_local_account(engine: SipEngine, config: AccountConfig) -> Future[str]:
    """Like ``engine.submit(AddAccount(config))`` but for a local account. Result: the account id."""
    return engine.submit(lambda: create_local_account(engine, config))
