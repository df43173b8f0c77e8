"""One SIP account: registration state, digest auth, re-registration with backoff and
failover across the configured servers.  Lives on the SIP thread only.

A TLS account (unless ``TlsSettings.use_native_pjsip_tls``) signals through TLS relays
(``account_relays``, ``tls_account_settings``): pjsua2 sees a loopback TCP proxy, the relay
speaks verified TLS 1.2/1.3 to the server, and SDES-SRTP is mandatory for its calls.

pjsua's own retry timer is switched off (``retryIntervalSec = 0``) and replaced by
``registration_backoff.next_attempt`` so that failover and backoff are one policy, and a
registrar that silently stops answering is shown as failed after ``register_timeout_s``
instead of the 32 s SIP transaction timeout.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pjsua2 as pj

from .account_relays import AccountRelays, refusal_reason
from .config import AccountConfig, TransportKind
from .events import (
    LOCAL_REGISTRATION_REASON,
    RegistrationChanged,
    RegistrationState,
    TlsState,
    TlsStateChanged,
)
from .registration_backoff import next_attempt
from .server_address import parse_host_port
from .sip_headers import parse_headers
from .tls_account_settings import (
    apply_mandatory_sdes,
    apply_relay_signalling,
    require_secure_signalling,
)

if TYPE_CHECKING:
    from .engine import SipEngine

log = logging.getLogger(__name__)

_REREGISTER_AFTER_FLOW_LOSS_S = 0.3


class SipAccount(pj.Account):
    def __init__(self, engine: SipEngine, config: AccountConfig) -> None:
        super().__init__()
        self.engine = engine
        self.config = config
        self.server_index = 0
        self.state = RegistrationState.UNREGISTERED
        self._last_published: tuple[RegistrationState, int] | None = None
        self._consecutive_failures = 0
        self._answers = 0  # onRegState calls so far: the watchdog's progress marker
        self._attempt_outstanding = False
        self._want_registered = True
        self._retry_timer: object | None = None
        # Made here, not in the engine, because which relays exist follows this account's
        # failover; the engine only stops them (after pjsua2 is gone).
        self.relays: AccountRelays | None = None
        if config.transport is TransportKind.TLS and engine.uses_tls_relay:
            self.relays = AccountRelays(config.id, engine.tls_settings, engine.post, self._on_tls_state)

    # ----- construction -------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def server(self) -> str:
        """host:port of the server in use ("" for a local account without servers)."""
        servers = self.config.servers
        return servers[self.server_index] if servers else ""

    @property
    def local(self) -> bool:
        """No registrar: nothing to register with, calls go straight to the dialled URI."""
        return not self.config.registrar

    @property
    def next_hop(self) -> str:
        """Where requests go first: the outbound proxy if there is one, else the server."""
        return self.config.outbound_proxy or self.server

    def build_pj_config(self) -> pj.AccountConfig:
        cfg = self.config
        transport = cfg.transport.value
        acfg = pj.AccountConfig()
        acfg.idUri = cfg.aor if not cfg.display_name else f'"{cfg.display_name}" <{cfg.aor}>'
        reg = acfg.regConfig
        reg.registrarUri = f"sip:{self.server};transport={transport}"
        reg.timeoutSec = cfg.register_expiry_s
        reg.delayBeforeRefreshSec = cfg.refresh_margin_s
        reg.retryIntervalSec = 0  # our own backoff/failover, see module docstring
        reg.firstRetryIntervalSec = 0
        reg.dropCallsOnFail = False  # a registrar hiccup must not cut a patient call
        reg.registerOnAdd = True
        if self.local:
            reg.registrarUri = ""
            reg.registerOnAdd = False
        else:
            proxy = cfg.outbound_proxy or self.server
            acfg.sipConfig.proxies.append(f"sip:{proxy};lr;transport={transport}")
        # The secret is read here, handed to pjsua and not kept by us.
        cred = pj.AuthCredInfo("digest", "*", cfg.auth_user or cfg.user, 0, cfg.password())
        acfg.sipConfig.authCreds.append(cred)
        acfg.sipConfig.transportId = self.engine.transport_id(cfg.transport)
        nat = acfg.natConfig
        nat.iceEnabled = cfg.ice
        if not cfg.stun_servers:
            nat.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
            nat.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
        if cfg.transport is not TransportKind.UDP:
            nat.udpKaIntervalSec = 0
        media_tp = acfg.mediaConfig.transportConfig
        media_tp.port = 0  # random RTP port: several softphones may share a host
        if self.engine.config.bind_address:
            media_tp.boundAddress = self.engine.config.bind_address
        if self.engine.config.public_address:
            media_tp.publicAddress = self.engine.config.public_address
        if cfg.transport is TransportKind.TLS:
            self._apply_tls(acfg)
        return acfg

    def _apply_tls(self, acfg: pj.AccountConfig) -> None:
        apply_mandatory_sdes(acfg.mediaConfig)
        if self.relays is None:
            # pjsua2's own TLS: it knows the hop is TLS, so its own check may stay on.
            require_secure_signalling(acfg.mediaConfig)
            return
        relay = self.relays.relay_for(self.next_hop)
        apply_relay_signalling(
            acfg,
            proxy_uri=relay.proxy_uri,
            domain=self.config.domain,
            transport_id=self.engine.transport_id(TransportKind.TLS),
        )

    def start(self) -> None:
        self.create(self.build_pj_config(), True)
        if self.local:
            # Reachable at once, as a registered account is: the agent shows as ready.
            self._set_state(RegistrationState.REGISTERED, 200, LOCAL_REGISTRATION_REASON)

    # ----- commands (SIP thread) -----------------------------------------------------

    def register_now(self) -> None:
        if self.local:
            return  # nothing to register with
        self._want_registered = True
        self._cancel_retry()
        if self._attempt_outstanding:
            return  # a REGISTER is already on its way
        self.setRegistration(True)

    def unregister(self) -> None:
        self._want_registered = False
        self._cancel_retry()
        if self.local:
            return  # nothing registered: pjsua would log an error and the engine wait for nothing
        self.setRegistration(False)

    def switch_server(self, index: int) -> None:
        if index == self.server_index:
            return
        self.server_index = index
        log.info("account %s: switching to server #%d", self.id, index)
        # modify() re-creates the registration client and re-registers at once.
        self.modify(self.build_pj_config())

    def prepare_shutdown(self) -> None:
        self._want_registered = False
        self._cancel_retry()

    # ----- pjsua2 callbacks ------------------------------------------------------------

    def onRegStarted(self, prm: pj.OnRegStartedParam) -> None:  # noqa: N802
        # Called for REGISTERs we start (not for pjsua's automatic refreshes).
        with self.engine.guard("onRegStarted"):
            if not prm.renew:
                return
            self._attempt_outstanding = True
            if self.state is not RegistrationState.REGISTERED:
                self._set_state(RegistrationState.REGISTERING, 0, "Registering")
            self._expect_answer_within(self.config.register_timeout_s)

    def onRegState(self, prm: pj.OnRegStateParam) -> None:  # noqa: N802
        with self.engine.guard("onRegState"):
            self._answers += 1
            self._attempt_outstanding = False
            code, reason = int(prm.code), str(prm.reason)
            if 200 <= code < 300:
                self._consecutive_failures = 0
                if prm.expiration > 0:
                    self._set_state(RegistrationState.REGISTERED, code, reason, prm.expiration)
                    # pjsua refreshes silently ``refresh_margin_s`` before expiry; if
                    # that refresh goes unanswered we want to know long before the
                    # 32 s transaction timeout.
                    refresh_in = max(1, int(prm.expiration) - self.config.refresh_margin_s)
                    self._expect_answer_within(refresh_in + self.config.register_timeout_s)
                else:
                    self._set_state(RegistrationState.UNREGISTERED, code, reason)
                return
            self._on_failure(code, reason)

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:  # noqa: N802
        with self.engine.guard("onIncomingCall"):
            if self.relays is not None and not self._came_through_relay(str(prm.rdata.srcAddress)):
                self.engine.refuse_unrelayed_call(self, prm.callId)
                return
            headers = parse_headers(str(prm.rdata.wholeMsg))
            self.engine.accept_incoming_call(self, prm.callId, headers)

    def _came_through_relay(self, source: str) -> bool:
        """Calls for a TLS account reach pjsua2 down the TCP connection it opened to one of
        our relays, so their source is a relay's port. Anything else was sent straight to
        pjsua2's loopback TCP listener by some local process, unauthenticated: refuse it
        (it could claim any caller identity)."""
        try:
            return self.relays is not None and self.relays.is_relay_port(
                parse_host_port(source, default_port=0).port
            )
        except ValueError:
            return False

    def _on_tls_state(self, event: TlsStateChanged) -> None:
        """A relay event, on the SIP thread (see ``account_relays``)."""
        self.engine.publish(event)
        lost = event.state is TlsState.CLOSED and event.closed_by in ("server", "relay")
        if lost and event.server == self.next_hop and self._want_registered and not self.engine.stopping:
            # The server can reach us only down this connection, and pjsua2 re-registers on a
            # lost connection only with its own retry timer, which we switched off. So
            # re-register now (through a new connection: a new flow) instead of staying
            # unreachable until the next refresh. A short delay lets pjsua2 see its TCP
            # connection close first (the relay reports before it closes).
            log.info("account %s: TLS connection to %s lost, re-registering", self.id, event.server)
            # Not "registered" any more: the server cannot reach us until a new flow is up.
            self._set_state(RegistrationState.REGISTERING, 0, "TLS connection lost; registering again")
            self._cancel_retry()
            self._retry_timer = self.engine.call_later(_REREGISTER_AFTER_FLOW_LOSS_S, self.register_now)

    # ----- internals ----------------------------------------------------------------------

    def _expect_answer_within(self, seconds: float) -> None:
        answers_then = self._answers
        self.engine.call_later(seconds, lambda: self._check_unanswered(answers_then))

    def _check_unanswered(self, answers_then: int) -> None:
        if self._answers != answers_then or not self._want_registered or self.engine.stopping:
            return  # answered meanwhile (or we no longer care)
        log.warning("account %s: registrar #%d not answering", self.id, self.server_index)
        self._set_state(RegistrationState.FAILED, 408, "Registrar not responding")
        if len(self.config.servers) > 1:
            # Waiting out the transaction would leave the agent unreachable for 32 s.
            self._attempt_outstanding = False
            self._on_failure(408, "Registrar not responding")

    def _on_failure(self, code: int, reason: str) -> None:
        refusal = self.relays.last_refusal(self.next_hop) if self.relays is not None else None
        if refusal is not None:
            # pjsua2 only saw its TCP connection to the relay close ("503 End of file");
            # the relay knows the real reason, e.g. a certificate that did not verify.
            reason = refusal_reason(refusal)
        self._set_state(RegistrationState.FAILED, code, reason)
        if not self._want_registered or self.engine.stopping:
            return
        self._consecutive_failures += 1
        decision = next_attempt(
            code=code,
            server_index=self.server_index,
            server_count=len(self.config.servers),
            consecutive_failures=self._consecutive_failures,
            first_delay_s=self.config.retry_first_s,
            max_delay_s=self.config.retry_max_s,
        )
        log.info(
            "account %s: REGISTER failed (%d), retry on server #%d in %.1f s",
            self.id, code, decision.server_index, decision.delay_s,
        )
        self._cancel_retry()
        self._retry_timer = self.engine.call_later(
            decision.delay_s, lambda: self._retry(decision.server_index)
        )

    def _retry(self, server_index: int) -> None:
        self._retry_timer = None
        if not self._want_registered or self.engine.stopping:
            return
        if server_index != self.server_index:
            self.switch_server(server_index)  # re-registers by itself
        else:
            self.setRegistration(True)

    def _cancel_retry(self) -> None:
        if self._retry_timer is not None:
            self.engine.cancel_timer(self._retry_timer)
            self._retry_timer = None

    def _set_state(
        self, state: RegistrationState, code: int, reason: str, expires_s: int = 0
    ) -> None:
        self.state = state
        if self._last_published == (state, code):
            return  # refreshes are not news
        self._last_published = (state, code)
        self.engine.publish(
            RegistrationChanged(
                account_id=self.id,
                state=state,
                code=code,
                reason=reason[:200],
                server=self.server,
                expires_s=int(expires_s),
                local=self.local,
            )
        )
