"""The local control API's protocol, without a socket or a screen."""

from __future__ import annotations

import json

from softphone.cti.protocol import CtiSession, encode, split_lines
from softphone.cti.uri import dial_target, is_call_uri

TOKEN = "s3cret-token"


class Handler:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.ringing = True

    def dial(self, uri: str) -> bool:
        dial_target(uri)
        self.calls.append(("dial", uri))
        return True

    def open_uri(self, uri: str) -> bool:
        self.calls.append(("open", uri))
        return True

    def answer(self) -> bool:
        self.calls.append(("answer", ""))
        return self.ringing

    def hangup(self) -> bool:
        return False

    def escalate(self) -> bool:
        self.calls.append(("escalate", ""))
        return True

    def status(self) -> dict:
        return {"agent_state": "available", "calls": []}


def request(session: CtiSession, **fields) -> dict:
    return session.handle_line(json.dumps(fields).encode())


def test_commands_with_the_token_reach_the_handler():
    handler = Handler()
    session = CtiSession(TOKEN, handler)
    assert request(session, token=TOKEN, cmd="dial", uri="tel:+34600111222") == {"ok": True, "result": {"dialling": True}}
    assert request(session, token=TOKEN, cmd="answer")["ok"]
    assert request(session, token=TOKEN, cmd="escalate")["ok"]
    assert request(session, token=TOKEN, cmd="status")["result"]["agent_state"] == "available"
    assert request(session, token=TOKEN, cmd="hangup") == {"ok": False, "error": "refused"}
    assert request(session, token=TOKEN, cmd="open", uri="")["ok"]  # hand-off without a number: show yourself
    assert handler.calls == [("dial", "tel:+34600111222"), ("answer", ""), ("escalate", ""), ("open", "")]


def test_a_wrong_token_is_refused_and_the_connection_closed_after_three():
    handler = Handler()
    session = CtiSession(TOKEN, handler)
    for attempt in range(3):
        assert request(session, token="guess", cmd="answer") == {"ok": False, "error": "unauthorized"}
    assert session.closed and handler.calls == []
    assert request(CtiSession(TOKEN, handler), cmd="answer")["error"] == "unauthorized"  # no token at all
    assert request(CtiSession("", handler), token="", cmd="answer")["error"] == "unauthorized"  # no server token


def test_malformed_unknown_and_not_allowed_requests():
    session = CtiSession(TOKEN, Handler(), frozenset({"status"}))
    assert session.handle_line(b"{not json")["error"] == "bad_request"
    assert session.handle_line(b"[1, 2]")["error"] == "bad_request"
    assert request(session, token=TOKEN, cmd="format_disk")["error"] == "unknown_command"
    assert request(session, token=TOKEN, cmd="dial", uri="tel:1")["error"] == "not_allowed"
    full = CtiSession(TOKEN, Handler())
    assert request(full, token=TOKEN, cmd="dial", uri="javascript:alert(1)")["error"] == "bad_request"
    assert request(full, token=TOKEN, cmd="dial")["error"] == "bad_request"
    assert full.handle_line(b"x" * 5000)["error"] == "bad_request" and full.closed


def test_lines_are_split_and_encoded_one_per_line():
    buffer = bytearray(b'{"a":1}\n\n{"b":2}\r\n{"c"')
    assert list(split_lines(buffer)) == [b'{"a":1}', b'{"b":2}']
    assert buffer == bytearray(b'{"c"')
    assert encode({"ok": True}) == b'{"ok":true}\n'


def test_call_uris():
    assert is_call_uri("sip:nurse@example.org") and is_call_uri("TEL:+1555") and not is_call_uri("http://x")
    assert dial_target("callto://+34600111222") == "+34600111222"
    assert dial_target("sip:nurse@example.org") == "sip:nurse@example.org"
