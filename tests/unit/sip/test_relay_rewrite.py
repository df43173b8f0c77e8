"""The header edits the TLS relay makes, and the stream framing it relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softphone.sip.relay_rewrite import FlowRewriter, split_header_list
from softphone.sip.sip_framing import SipFramingError, SipStreamSplitter, content_length

RELAY_PORT = 40823
rewriter = FlowRewriter(relay_port=RELAY_PORT)
RELAY_RR = b"<sip:127.0.0.1:40823;transport=tcp;lr>"


def message(start: bytes, *headers: bytes, body: bytes = b"") -> bytes:
    lines = [start, *headers, b"Content-Length: " + str(len(body)).encode()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def header_values(data: bytes, name: bytes) -> list[bytes]:
    head = data.split(b"\r\n\r\n", 1)[0]
    values = []
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name.lower():
            values.append(value.strip())
    return values


# -- up: pjsua2 -> server ------------------------------------------------------------------------


def test_request_top_via_and_contact_become_tls() -> None:
    invite = message(
        b"INVITE sip:bob@sip.example.org SIP/2.0",
        b"Via: SIP/2.0/TCP 127.0.0.1:48000;rport;branch=z9hG4bKa;alias",
        b"Contact: <sip:alice@127.0.0.1:48000;transport=TCP;ob>",
        body=b"v=0\r\n",
    )
    out = rewriter.to_server(invite)
    assert header_values(out, b"Via") == [b"SIP/2.0/TLS 127.0.0.1:48000;rport;branch=z9hG4bKa;alias"]
    assert header_values(out, b"Contact") == [b"<sip:alice@127.0.0.1:48000;transport=tls;ob>"]
    assert out.endswith(b"\r\n\r\nv=0\r\n")
    assert out.startswith(b"INVITE sip:bob@sip.example.org SIP/2.0\r\n")


def test_compact_header_forms_are_rewritten_too() -> None:
    register = message(
        b"REGISTER sip:sip.example.org SIP/2.0",
        b"v: SIP/2.0/TCP 127.0.0.1:48000;branch=z9hG4bKa",
        b"m: <sip:alice@127.0.0.1:48000;transport=tcp>, <sip:alice@127.0.0.1:50621;transport=tcp>;expires=0",
    )
    out = rewriter.to_server(register)
    assert header_values(out, b"v") == [b"SIP/2.0/TLS 127.0.0.1:48000;branch=z9hG4bKa"]
    assert header_values(out, b"m") == [
        b"<sip:alice@127.0.0.1:48000;transport=tls>, <sip:alice@127.0.0.1:50621;transport=tls>;expires=0"
    ]


def test_request_uri_of_a_remote_party_is_not_touched() -> None:
    # A remote desk phone that really is on TCP must stay reachable over TCP.
    bye = message(
        b"BYE sip:desk@10.1.1.5:5060;transport=tcp SIP/2.0",
        b"Via: SIP/2.0/TCP 127.0.0.1:48000;branch=z9hG4bKb",
    )
    assert rewriter.to_server(bye).startswith(b"BYE sip:desk@10.1.1.5:5060;transport=tcp SIP/2.0\r\n")


def test_responses_from_pjsua2_keep_the_servers_via() -> None:
    ok = message(
        b"SIP/2.0 200 OK",
        b"Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKserver",
        b"Record-Route: " + RELAY_RR,
        b"Record-Route: <sip:sip.example.org;transport=tls;lr>",
        b"Contact: <sip:bob@127.0.0.1:54924;transport=TCP;ob>",
        b"CSeq: 1 INVITE",
    )
    out = rewriter.to_server(ok)
    assert header_values(out, b"Via") == [b"SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKserver"]
    # The relay's own Record-Route never leaves the machine.
    assert header_values(out, b"Record-Route") == [b"<sip:sip.example.org;transport=tls;lr>"]
    assert header_values(out, b"Contact") == [b"<sip:bob@127.0.0.1:54924;transport=tls;ob>"]


def test_the_relays_route_entry_is_removed_in_either_list_form() -> None:
    separate = message(
        b"BYE sip:alice@203.0.113.9:40000;transport=tls SIP/2.0",
        b"Via: SIP/2.0/TCP 127.0.0.1:48000;branch=z9hG4bKc",
        b"Route: " + RELAY_RR,
        b"Route: <sip:sip.example.org;transport=tls;lr;ftag=x>",
    )
    combined = message(
        b"BYE sip:alice@203.0.113.9:40000;transport=tls SIP/2.0",
        b"Via: SIP/2.0/TCP 127.0.0.1:48000;branch=z9hG4bKc",
        b"Route: " + RELAY_RR + b", <sip:sip.example.org;transport=tls;lr;ftag=x>",
    )
    for bye in (separate, combined):
        assert header_values(rewriter.to_server(bye), b"Route") == [
            b"<sip:sip.example.org;transport=tls;lr;ftag=x>"
        ]


def test_a_route_on_another_loopback_port_is_kept() -> None:
    request = message(
        b"OPTIONS sip:127.0.0.1:5061 SIP/2.0",
        b"Via: SIP/2.0/TCP 127.0.0.1:48000;branch=z9hG4bKd",
        b"Route: <sip:127.0.0.1:408;lr>",
    )
    assert header_values(rewriter.to_server(request), b"Route") == [b"<sip:127.0.0.1:408;lr>"]


# -- down: server -> pjsua2 ----------------------------------------------------------------------


def test_response_top_via_goes_back_to_tcp() -> None:
    ok = message(
        b"SIP/2.0 200 OK",
        b"Via: SIP/2.0/TLS 127.0.0.1:48000;rport=41000;received=127.0.0.1;branch=z9hG4bKa",
        b"CSeq: 2 REGISTER",
    )
    out = rewriter.to_client(ok)
    assert header_values(out, b"Via") == [b"SIP/2.0/TCP 127.0.0.1:48000;rport=41000;received=127.0.0.1;branch=z9hG4bKa"]
    assert header_values(out, b"Record-Route") == []  # REGISTER makes no dialog


def test_dialog_creating_request_gets_the_relay_on_top_of_record_route() -> None:
    invite = message(
        b"INVITE sip:bob@127.0.0.1:54924;transport=tls SIP/2.0",
        b"Record-Route: <sip:sip.example.org;transport=tls;lr>",
        b"Via: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bKs",
        b"To: <sip:bob@sip.example.org>",
        b"CSeq: 5 INVITE",
    )
    out = rewriter.to_client(invite)
    assert header_values(out, b"Record-Route") == [RELAY_RR, b"<sip:sip.example.org;transport=tls;lr>"]
    assert header_values(out, b"Via") == [b"SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bKs"]


def test_dialog_creating_response_gets_the_relay_at_the_bottom() -> None:
    ok = message(
        b"SIP/2.0 200 OK",
        b"Via: SIP/2.0/TLS 127.0.0.1:48000;branch=z9hG4bKa",
        b"Record-Route: <sip:b.example.org;transport=tls;lr>",
        b"Record-Route: <sip:sip.example.org;transport=tls;lr>",
        b"To: <sip:bob@sip.example.org>;tag=b1",
        b"CSeq: 1 INVITE",
    )
    assert header_values(rewriter.to_client(ok), b"Record-Route") == [
        b"<sip:b.example.org;transport=tls;lr>",
        b"<sip:sip.example.org;transport=tls;lr>",
        RELAY_RR,
    ]


def test_relay_record_routes_even_when_the_server_does_not() -> None:
    # Otherwise pjsua2 would send ACK/BYE straight to the remote Contact, around the relay.
    ok = message(
        b"SIP/2.0 200 OK",
        b"Via: SIP/2.0/TLS 127.0.0.1:48000;branch=z9hG4bKa",
        b"To: <sip:bob@sip.example.org>;tag=b1",
        b"CSeq: 1 INVITE",
    )
    out = rewriter.to_client(ok)
    assert header_values(out, b"Record-Route") == [RELAY_RR]
    assert out.index(b"Record-Route") > out.index(b"Via:")


def test_in_dialog_requests_and_errors_are_not_record_routed() -> None:
    reinvite = message(
        b"INVITE sip:bob@127.0.0.1:54924;transport=tls SIP/2.0",
        b"Via: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bKs",
        b"To: <sip:bob@sip.example.org>;tag=b1",
        b"CSeq: 6 INVITE",
    )
    busy = message(
        b"SIP/2.0 486 Busy Here",
        b"Via: SIP/2.0/TLS 127.0.0.1:48000;branch=z9hG4bKa",
        b"To: <sip:bob@sip.example.org>;tag=b1",
        b"CSeq: 1 INVITE",
    )
    assert header_values(rewriter.to_client(reinvite), b"Record-Route") == []
    assert header_values(rewriter.to_client(busy), b"Record-Route") == []


def test_folded_headers_are_unfolded() -> None:
    register = (
        b"REGISTER sip:sip.example.org SIP/2.0\r\n"
        b"Via: SIP/2.0/TCP 127.0.0.1:48000\r\n ;branch=z9hG4bKf\r\n"
        b"Content-Length: 0\r\n\r\n"
    )
    assert header_values(rewriter.to_server(register), b"Via") == [
        b"SIP/2.0/TLS 127.0.0.1:48000 ;branch=z9hG4bKf"
    ]


def test_split_header_list_respects_quotes_and_brackets() -> None:
    value = b'"Smith, J" <sip:a@b;x=1,2>;p=1, <sip:c@d>'
    assert split_header_list(value) == [b'"Smith, J" <sip:a@b;x=1,2>;p=1', b"<sip:c@d>"]


# -- framing -------------------------------------------------------------------------------------

REGISTER = message(b"REGISTER sip:a SIP/2.0", b"Via: SIP/2.0/TCP h;branch=z9hG4bK1")
INVITE = message(b"INVITE sip:b SIP/2.0", b"Via: SIP/2.0/TCP h;branch=z9hG4bK2", body=b"v=0\r\n\r\nx")


@given(st.lists(st.integers(min_value=1, max_value=len(REGISTER + INVITE) + 8), max_size=20))
def test_splitter_gives_the_same_messages_however_the_stream_is_cut(cuts: list[int]) -> None:
    stream = b"\r\n\r\n" + REGISTER + INVITE + b"\r\n"
    points = sorted({0, len(stream), *(min(cut, len(stream)) for cut in cuts)})
    splitter = SipStreamSplitter()
    chunks = []
    for start, end in zip(points, points[1:], strict=False):
        chunks.extend(splitter.feed(stream[start:end]))
    messages = [chunk.data for chunk in chunks if not chunk.is_keepalive]
    keepalive = b"".join(chunk.data for chunk in chunks if chunk.is_keepalive)
    assert messages == [REGISTER, INVITE]
    assert keepalive == b"\r\n\r\n\r\n"
    assert splitter.pending_bytes == 0


def test_content_length_compact_form() -> None:
    assert content_length(b"INVITE sip:b SIP/2.0\r\nl: 12") == 12


def test_hostile_streams_are_refused() -> None:
    with pytest.raises(SipFramingError):
        SipStreamSplitter().feed(b"INVITE sip:b SIP/2.0\r\nContent-Length: 99999999999\r\n\r\n")
    with pytest.raises(SipFramingError):
        SipStreamSplitter().feed(b"INVITE sip:b SIP/2.0\r\nContent-Length: -1\r\n\r\n")
    with pytest.raises(SipFramingError):
        SipStreamSplitter().feed(b"X" * (70 * 1024))


# -- the flow token ------------------------------------------------------------------------------

token_rewriter = FlowRewriter(relay_port=RELAY_PORT, flow_token="tok-1")


def _register(*extra: bytes) -> bytes:
    return message(
        b"REGISTER sip:sip.example.org SIP/2.0",
        b"Via: SIP/2.0/TCP 127.0.0.1:48000;rport;branch=z9hG4bKr",
        *extra,
    )


def test_the_flow_token_is_found_in_any_route_entry_to_this_relay() -> None:
    assert token_rewriter.presents_flow_token(_register(b"Route: <sip:127.0.0.1:40823;transport=tcp;lr;relay-token=tok-1>"))
    assert token_rewriter.presents_flow_token(
        _register(b"Route: <sip:127.0.0.1:40823;lr;relay-token=tok-1>, <sip:proxy.example.org;lr>")
    )
    assert token_rewriter.record_route == b"<sip:127.0.0.1:40823;transport=tcp;lr;relay-token=tok-1>"


@pytest.mark.parametrize(
    "data",
    [
        _register(),
        _register(b"Route: <sip:127.0.0.1:40823;lr;relay-token=tok-2>"),
        _register(b"Route: <sip:127.0.0.1:40823;lr;relay-token=tok-10>"),
        _register(b"Route: <sip:127.0.0.1:40824;lr;relay-token=tok-1>"),
        _register(b"Route: <sip:proxy.example.org;lr>", b"X-Token: relay-token=tok-1"),
        b"SIP/2.0 200 OK\r\nRoute: <sip:127.0.0.1:40823;lr;relay-token=tok-1>\r\nContent-Length: 0\r\n\r\n",
    ],
)
def test_anything_else_does_not_present_the_token(data: bytes) -> None:
    assert not token_rewriter.presents_flow_token(data)


def test_without_a_token_every_flow_is_accepted_and_record_route_is_unchanged() -> None:
    assert rewriter.presents_flow_token(_register())
    assert rewriter.record_route == RELAY_RR


def test_the_token_never_goes_up_to_the_server() -> None:
    up = token_rewriter.to_server(
        _register(b"Route: <sip:127.0.0.1:40823;transport=tcp;lr;relay-token=tok-1>, <sip:proxy.example.org;lr>")
    )
    assert b"tok-1" not in up and header_values(up, b"Route") == [b"<sip:proxy.example.org;lr>"]
