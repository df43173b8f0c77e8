"""The TLS relays of one TLS account, and what they tell the engine.

One relay per server the account has used, started the first time it is used (so a
single-server account has exactly one) and stopped when the account goes away.

Why a relay per server rather than one relay re-targeted on failover: a failover must not
cut a call (``dropCallsOnFail = False``), and a call's in-dialog requests (BYE, re-INVITE,
REFER) follow the route set made when it was set up, whose first entry is the loopback port
of the relay it went through (``relay_rewrite``). Re-targeting that relay would send the BYE
of a call made on server A to server B; stopping it would leave the call unable to hang up.
An idle relay costs a loopback listening socket and a sleeping thread.

Threads: relays call ``_on_relay_event`` on their own threads. It records refusals in a dict
(single assignments: safe under the GIL, read on the SIP thread) and hands the engine event
to ``post``, which runs ``on_state`` with it on the SIP thread. The refusal is recorded *before* the relay
closes pjsua2's TCP connection, so when pjsua2 reports the REGISTER as failed (503 End of
file) the account can already say why.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable

from .config import TlsSettings
from .events import TlsState, TlsStateChanged
from .server_address import parse_host_port
from .tls_relay import TlsRelay, TlsTarget
from .tls_relay_events import (
    RelayEvent,
    TlsFlowClosed,
    TlsFlowRefused,
    TlsFlowRejected,
    TlsFlowUp,
    TlsRelayError,
)

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]


def refusal_reason(error: TlsRelayError) -> str:
    """"TLS refused: bad certificate (certificate verify failed for host: detail)"."""
    return f"{error.user_message} ({error})"


def tls_state_event(account_id: str, server: str, event: RelayEvent) -> TlsStateChanged | None:
    """The engine event for a relay event (None: nothing the UI needs to know)."""
    if isinstance(event, TlsFlowUp):
        return TlsStateChanged(
            account_id, server, TlsState.SECURE, tls_version=event.tls_version, cipher=event.cipher
        )
    if isinstance(event, TlsFlowRefused):
        return TlsStateChanged(
            account_id,
            server,
            TlsState.REFUSED,
            failure=event.error.failure,
            reason=refusal_reason(event.error),
        )
    if isinstance(event, TlsFlowClosed):
        if event.error is not None:
            return TlsStateChanged(
                account_id, server, TlsState.CLOSED, failure=event.error.failure,
                reason=refusal_reason(event.error), closed_by=event.closed_by,
            )
        return TlsStateChanged(
            account_id, server, TlsState.CLOSED, reason=f"closed by the {event.closed_by}",
            closed_by=event.closed_by,
        )
    return None


class AccountRelays:
    def __init__(
        self,
        account_id: str,
        settings: TlsSettings,
        post: Post,
        on_state: Callable[[TlsStateChanged], None],
    ) -> None:
        if not settings.verify_server:
            raise ValueError(
                "the TLS relay always verifies the server certificate: trust a private CA "
                "with TlsSettings.ca_list_file instead of turning verification off"
            )
        self._account_id = account_id
        self._settings = settings
        self._post = post
        self._on_state = on_state
        self._relays: dict[str, TlsRelay] = {}
        self._refusals: dict[str, TlsRelayError] = {}

    def relay_for(self, server: str) -> TlsRelay:
        """The running relay to ``server`` ("host[:port]"), started on first use (SIP thread).

        Starting waits for the relay thread to bind its loopback port: about a millisecond,
        and only when an account is added or first fails over to this server.
        """
        relay = self._relays.get(server)
        if relay is None:
            address = parse_host_port(server)
            target = TlsTarget(
                address.host,
                address.port,
                ca_file=self._settings.ca_list_file,
                minimum_version=self._settings.minimum_version,
                client_cert_file=self._settings.cert_file,
                client_key_file=self._settings.private_key_file,
            )
            # A fresh secret per relay: only our pjsua2, which has it in its proxy URI, can
            # get a flow carried to the server (see relay_rewrite, "The flow token").
            relay = TlsRelay(
                target,
                on_event=functools.partial(self._on_relay_event, server),
                flow_token=secrets.token_urlsafe(16),
            )
            relay.start()
            self._relays[server] = relay
            log.info("account %s: TLS relay to %s on 127.0.0.1:%d", self._account_id, server, relay.port)
        return relay

    def last_refusal(self, server: str) -> TlsRelayError | None:
        """Why the last TLS connection to ``server`` could not be made, if the last attempt
        failed (cleared as soon as one succeeds)."""
        return self._refusals.get(server)

    def is_relay_port(self, port: int) -> bool:
        return any(relay.port == port for relay in self._relays.values())

    def stop_all(self) -> None:
        relays, self._relays = list(self._relays.values()), {}
        for relay in relays:
            relay.stop()

    # -- relay threads ---------------------------------------------------------------------

    def _on_relay_event(self, server: str, event: RelayEvent) -> None:
        if isinstance(event, TlsFlowRefused):
            self._refusals[server] = event.error
            log.warning("account %s: %s", self._account_id, refusal_reason(event.error))
        elif isinstance(event, TlsFlowRejected):
            log.warning(
                "account %s: TLS relay to %s refused a local connection (%s)",
                self._account_id, server, event.reason,
            )
        elif isinstance(event, TlsFlowUp):
            self._refusals.pop(server, None)
            log.info(
                "account %s: %s to %s (%s)",
                self._account_id, event.tls_version, server, event.cipher,
            )
        engine_event = tls_state_event(self._account_id, server, event)
        if engine_event is not None:
            self._post(functools.partial(self._on_state, engine_event))
