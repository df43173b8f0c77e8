"""The pure pieces between the TLS relay and the engine: server addresses, how relay events
become engine events, and the settings the relay refuses."""

from __future__ import annotations

import pytest

from softphone.sip.account_relays import AccountRelays, refusal_reason, tls_state_event
from softphone.sip.config import TlsSettings
from softphone.sip.events import TlsState, TlsStateChanged
from softphone.sip.server_address import HostPort, parse_host_port
from softphone.sip.tls_relay_events import (
    RelayListening,
    TlsFailure,
    TlsFlowClosed,
    TlsFlowRefused,
    TlsFlowUp,
    TlsRelayError,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sip.example.org", HostPort("sip.example.org", 5061)),
        ("sip.example.org:5062", HostPort("sip.example.org", 5062)),
        ("192.0.2.7:5061", HostPort("192.0.2.7", 5061)),
        ("[2001:db8::7]", HostPort("2001:db8::7", 5061)),
        ("[2001:db8::7]:5070", HostPort("2001:db8::7", 5070)),
    ],
)
def test_parses_host_and_port(text: str, expected: HostPort) -> None:
    assert parse_host_port(text) == expected


@pytest.mark.parametrize("text", ["", "sips:sip.example.org", "2001:db8::7", "host:0", "host:x", "[::1", "a/b"])
def test_rejects_what_is_not_host_port(text: str) -> None:
    with pytest.raises(ValueError):
        parse_host_port(text)


def test_a_verified_tls_flow_is_published_with_its_version_for_the_status_bar() -> None:
    event = tls_state_event("agent", "sip.example.org:5061", TlsFlowUp(1, "sip.example.org", "TLSv1.3", "TLS_AES_256_GCM_SHA384"))
    assert event == TlsStateChanged(
        "agent", "sip.example.org:5061", TlsState.SECURE, tls_version="TLSv1.3", cipher="TLS_AES_256_GCM_SHA384"
    )
    assert event.protocol_label == "TLS 1.3"


@pytest.mark.parametrize(
    ("failure", "detail", "reason"),
    [
        (
            TlsFailure.BAD_CERTIFICATE,
            "self-signed certificate",
            "TLS refused: bad certificate (certificate verify failed for sip.example.org: self-signed certificate)",
        ),
        (
            TlsFailure.HOSTNAME_MISMATCH,
            "Hostname mismatch, certificate is not valid for 'sip.example.org'",
            "TLS refused: certificate is for another server (certificate verify failed for "
            "sip.example.org: Hostname mismatch, certificate is not valid for 'sip.example.org')",
        ),
        (
            TlsFailure.HANDSHAKE_FAILED,
            "TLSV1_ALERT_PROTOCOL_VERSION",  # a server that offers only TLS 1.0/1.1
            "TLS refused: no secure connection could be agreed (TLS handshake with "
            "sip.example.org failed: TLSV1_ALERT_PROTOCOL_VERSION)",
        ),
    ],
)
def test_a_refused_flow_gives_one_clear_sentence(failure: TlsFailure, detail: str, reason: str) -> None:
    error = TlsRelayError(failure, "sip.example.org", detail)
    assert refusal_reason(error) == reason
    event = tls_state_event("agent", "sip.example.org:5061", TlsFlowRefused(3, error))
    assert event is not None
    assert (event.state, event.failure, event.reason, event.protocol_label) == (TlsState.REFUSED, failure, reason, "")


def test_closed_flows_say_who_closed_them_and_listening_is_not_news() -> None:
    closed = tls_state_event("agent", "s:5061", TlsFlowClosed(2, closed_by="server"))
    assert closed is not None and (closed.state, closed.closed_by) == (TlsState.CLOSED, "server")
    assert tls_state_event("agent", "s:5061", RelayListening(40000)) is None


def test_the_relay_never_runs_without_certificate_verification() -> None:
    with pytest.raises(ValueError, match="ca_list_file"):
        AccountRelays("agent", TlsSettings(verify_server=False), post=lambda action: None, on_state=lambda event: None)
