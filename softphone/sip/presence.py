"""SIP presence (SUBSCRIBE/NOTIFY, PIDF with RPID) for the engine: our own status, and buddies.

pjsua answers presence SUBSCRIBEs for its own accounts by itself (200, then a NOTIFY whenever
``Account.setOnlineStatus`` changes what it says): ``SetPresence`` sets that status. A supervisor
watches agents with ``SubscribePresence``: one pjsua2 ``Buddy`` per watched URI, whose NOTIFYs
become ``BuddyPresenceChanged`` events.

SIP thread only. Buddies are referenced here (a pjsua2 Buddy without a Python reference is
deleted, and deleting it unsubscribes) and all dropped before their account is shut down and
before ``libDestroy`` (a pjsua2 object alive then aborts the process).
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

import pjsua2 as pj

from . import commands as cmd
from .events import BuddyPresenceChanged, PresenceActivity
from .sip_headers import untrusted_text

if TYPE_CHECKING:
    from .engine import SipEngine

log = logging.getLogger(__name__)

MAX_NOTE_CHARS = 256

_ACTIVITY_TO_PJ = {
    PresenceActivity.UNKNOWN: pj.PJRPID_ACTIVITY_UNKNOWN,
    PresenceActivity.BUSY: pj.PJRPID_ACTIVITY_BUSY,
    PresenceActivity.AWAY: pj.PJRPID_ACTIVITY_AWAY,
}
_ACTIVITY_FROM_PJ = {value: key for key, value in _ACTIVITY_TO_PJ.items()}


class SipBuddy(pj.Buddy):
    def __init__(self, engine: SipEngine, buddy_id: str, account_id: str, uri: str) -> None:
        super().__init__()
        self.engine = engine
        self.buddy_id = buddy_id
        self.account_id = account_id
        self.uri = uri

    def state_event(self) -> BuddyPresenceChanged:
        info = self.getInfo()
        status = info.presStatus
        online = None
        if status.status == pj.PJSUA_BUDDY_STATUS_ONLINE:
            online = True
        elif status.status == pj.PJSUA_BUDDY_STATUS_OFFLINE:
            online = False
        return BuddyPresenceChanged(
            buddy_id=self.buddy_id,
            account_id=self.account_id,
            uri=self.uri,
            online=online,
            activity=_ACTIVITY_FROM_PJ.get(status.activity, PresenceActivity.UNKNOWN),
            note=untrusted_text(str(status.note), MAX_NOTE_CHARS, keep=""),
            subscription=untrusted_text(str(info.subStateName), 32, keep="").lower(),
        )

    def onBuddyState(self) -> None:  # noqa: N802
        with self.engine.guard("onBuddyState"):
            self.engine.publish(self.state_event())

    def onBuddyEvSubState(self, prm: pj.OnBuddyEvSubStateParam) -> None:  # noqa: N802
        with self.engine.guard("onBuddyEvSubState"):
            self.engine.publish(self.state_event())


class PresenceRegistry:
    """The engine's buddies and the handlers of the presence commands."""

    def __init__(self, engine: SipEngine) -> None:
        self.engine = engine
        self._buddies: dict[str, SipBuddy] = {}
        self._ids = itertools.count(1)

    def set_presence(self, c: cmd.SetPresence) -> None:
        account = self.engine.accounts.get(c.account_id)
        if account is None:
            from .errors import UnknownAccount

            raise UnknownAccount(c.account_id)
        status = pj.PresenceStatus()
        status.status = pj.PJSUA_BUDDY_STATUS_ONLINE if c.online else pj.PJSUA_BUDDY_STATUS_OFFLINE
        status.activity = _ACTIVITY_TO_PJ.get(PresenceActivity(c.activity), pj.PJRPID_ACTIVITY_UNKNOWN)
        status.note = _single_line(c.note)[:MAX_NOTE_CHARS]
        account.setOnlineStatus(status)

    def subscribe(self, c: cmd.SubscribePresence) -> str:
        account = self.engine.accounts.get(c.account_id)
        if account is None:
            from .errors import UnknownAccount

            raise UnknownAccount(c.account_id)
        if not c.uri.startswith(("sip:", "sips:")) or any(ch.isspace() for ch in c.uri):
            raise ValueError("presence needs a SIP URI")
        buddy_id = f"buddy-{next(self._ids)}"
        buddy = SipBuddy(self.engine, buddy_id, c.account_id, c.uri)
        config = pj.BuddyConfig()
        config.uri = c.uri
        config.subscribe = True
        buddy.create(account, config)
        self._buddies[buddy_id] = buddy
        return buddy_id

    def unsubscribe(self, c: cmd.UnsubscribePresence) -> None:
        # Dropping the last reference deletes the pjsua buddy, which ends its subscription.
        self._buddies.pop(c.buddy_id, None)

    def drop_account(self, account_id: str) -> None:
        """Before the account is shut down: its buddies first."""
        for buddy_id in [b for b, buddy in self._buddies.items() if buddy.account_id == account_id]:
            self._buddies.pop(buddy_id, None)

    def clear(self) -> None:
        self._buddies.clear()


def _single_line(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())
