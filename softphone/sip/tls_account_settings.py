"""The pjsua2 settings that put an account behind the TLS relay, with mandatory SRTP.

Only the SIP thread may call these (they build pjsua2 objects). The relay itself never
imports pjsua2; this module is the one place that knows how the two fit together.

Why each setting (verified against pjsua2 2.15 and Kamailio 5.6 in
tests/integration/sip/test_tls_signalling.py):

Transport
    A TCP transport bound to 127.0.0.1, port 0. Loopback because nothing but the relay
    should ever talk to it: bound to all interfaces it would accept *plain* SIP from the LAN.
    The account is locked to it (``transportId``) so pjsua2 never tries UDP or its own TLS.

Proxy
    The account's only proxy is the relay: ``sip:127.0.0.1:PORT;transport=tcp;lr;
    relay-token=SECRET`` (``TlsRelay.proxy_uri``). Every request, including in-dialog
    requests of calls we answered, goes through it. The Route entry carries the relay's
    flow token to the relay, which removes it, so the server never sees a loopback address
    (without a token the URI ends in ``;hide`` and pjsip leaves the Route out itself).

Registrar and AOR
    ``sip:<domain>`` with no ``transport`` parameter: the relay decides the real transport,
    and a ``transport=tcp`` in a Request-URI could make a server that only listens on TLS
    decide the URI is not its own.

Contact, and how inbound requests reach pjsua2
    The server can only reach us over the TLS connection our REGISTER came up on. pjsua2
    first registers ``sip:user@127.0.0.1:<its own TCP source port>``, which is meaningless to
    the server. The REGISTER response's top Via carries ``received``/``rport``: the address
    the server saw, i.e. the relay's end of the TLS connection (its NAT address in
    production). ``contactRewriteUse=2`` makes pjsua2 re-register with exactly that address
    before it reports the registration (one ``onRegState``, already reachable); the relay
    turns ``transport=tcp`` into ``transport=tls`` on the way out. The server's location
    lookup then yields ``sip:user@<that address>;transport=tls``, the address of an open
    TLS connection, and the server sends the INVITE down that connection (Kamailio reuses an
    open connection to the target address; it opened none in the test).
    Measured with Kamailio 5.6: ``contactRewriteUse=1`` does *not* rewrite here (only the
    port differs and the address is private, so pjsua2 keeps its first Contact) and
    ``contactRewriteUse=0`` never does: in both cases the INVITE to the agent fails with
    477 "error on sending to next hop".

    SIP outbound (RFC 5626, ``sipOutboundUse=1``, pjsua2's default) is left on: a server that
    implements it (``Require: outbound`` in the 200 OK) binds the registration to the flow
    itself; Kamailio without its outbound module ignores ``reg-id``/``+sip.instance``, and
    calls worked with the setting on and off.

Keep-alive
    pjsua2 sends CRLF keep-alives on TCP every PJSIP_TCP_KEEP_ALIVE_INTERVAL (90 s); the
    relay passes them on inside TLS, which keeps NAT bindings and the server's idle timer
    (Kamailio: tcp_connection_lifetime) from dropping the flow between registrations.

SRTP
    SDES keys travel in the SDP, so they are only as secret as the signalling: with the relay
    they are inside TLS from the relay onwards, and on loopback before that. pjsua2 only sees
    TCP, and its default ``srtpSecureSignaling=1`` ("SRTP requires secure transport such as
    TLS") would refuse every call. ``srtpSecureSignaling=0`` lets SDES go out over what
    pjsua2 believes is TCP; ``srtpUse=PJMEDIA_SRTP_MANDATORY`` offers only RTP/SAVP with
    a=crypto and refuses a peer that answers without SRTP. This is only safe because the
    relay is the only way out: never use these media settings on a plain TCP/UDP account.
"""

from __future__ import annotations

import pjsua2 as pj

LOOPBACK = "127.0.0.1"

# pjsua_acc_config.contact_rewrite_use = 2: rewrite even when the address the server saw is
# a private one (loopback in tests, the office LAN when the SIP server is on-site).
CONTACT_REWRITE_ALWAYS = 2
# 0: "SRTP does not require secure signaling" (pjsua2 AccountMediaConfig.srtpSecureSignaling).
SRTP_SIGNALLING_SECURED_BY_RELAY = 0
# 1: "SRTP requires secure transport such as TLS" on the first hop (pjsua2's default).
SRTP_SIGNALLING_NEEDS_TLS_HOP = 1


def create_relay_transport(endpoint: pj.Endpoint) -> int:
    """Create the loopback TCP transport the relay's accounts use; returns its transport id."""
    transport = pj.TransportConfig()
    transport.port = 0
    transport.boundAddress = LOOPBACK
    return endpoint.transportCreate(pj.PJSIP_TRANSPORT_TCP, transport)


def apply_relay_signalling(
    account: pj.AccountConfig, *, proxy_uri: str, domain: str, transport_id: int
) -> None:
    """Route every request of ``account`` through the relay at ``proxy_uri``."""
    account.sipConfig.transportId = transport_id
    account.sipConfig.proxies.clear()
    account.sipConfig.proxies.append(proxy_uri)
    account.regConfig.registrarUri = f"sip:{domain}"

    nat = account.natConfig
    nat.contactRewriteUse = CONTACT_REWRITE_ALWAYS
    nat.viaRewriteUse = 1
    nat.sipOutboundUse = 1
    # The relay is on this machine; STUN/ICE would only discover addresses the SIP server
    # cannot use for signalling anyway. Media NAT traversal is configured separately.
    nat.sdpNatRewriteUse = 0


def apply_mandatory_sdes(media: pj.AccountMediaConfig) -> None:
    """SRTP with SDES keys (RFC 4568), required, for an account behind the TLS relay."""
    media.srtpUse = pj.PJMEDIA_SRTP_MANDATORY
    media.srtpSecureSignaling = SRTP_SIGNALLING_SECURED_BY_RELAY
    media.srtpOpt.keyings.clear()
    media.srtpOpt.keyings.append(pj.PJMEDIA_SRTP_KEYING_SDES)


def require_secure_signalling(media: pj.AccountMediaConfig) -> None:
    """For an account on pjsua2's *own* TLS transport: pjsua2 can see the hop is TLS, so keep
    its check that SDES keys never go out over a plain transport."""
    media.srtpSecureSignaling = SRTP_SIGNALLING_NEEDS_TLS_HOP
