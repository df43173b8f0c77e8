from __future__ import annotations

import json

import pytest

from softphone.demo import protocol
from softphone.demo.cast import ON_CALL_NURSE, ON_CALL_PHYSICIAN, Role, caller
from softphone.demo.events import (
    CallDirection,
    PartyCallChanged,
    PartyCallState,
    SupervisionModeSent,
    SwitchboardError,
    SwitchboardReady,
    event_from_message,
)
from softphone.demo.protocol import Request, Voice, decode_message, decode_request
from softphone.demo.simulated_parties import _request_user


def test_voice_round_trips_through_json():
    for voice in (Voice.tone(1000), Voice.of_caller(caller("chest-pain")), Voice.of_staff(ON_CALL_PHYSICIAN)):
        assert Voice.from_dict(json.loads(json.dumps(voice.as_dict()))) == voice


def test_a_caller_repeats_all_lines_and_staff_greet_once():
    patient = Voice.of_caller(caller("chest-pain"))
    assert [patient.next_clip_index(i) for i in range(3)] == [1, 2, 0]
    nurse = Voice.of_staff(ON_CALL_NURSE)
    assert nurse.clips[0] == ON_CALL_NURSE.greeting.file
    assert [nurse.next_clip_index(i) for i in range(2)] == [1, 1]  # the follow-up repeats, not the greeting
    physician = Voice.of_staff(ON_CALL_PHYSICIAN)
    assert physician.next_clip_index(0) is None  # greeting only, then silence


def test_requests_encode_and_decode():
    request = Request(7, protocol.LISTEN, {"call": "sb-1", "seconds": 1.5})
    line = request.encode()
    assert line.endswith(b"\n") and b"\n" not in line[:-1]
    assert decode_request(line) == request
    with pytest.raises(ValueError):
        decode_request(b'["not", "a", "request"]')


@pytest.mark.parametrize("junk", [b"", b"pjsua says hello", b"[1,2]", b'{"neither": 1}'])
def test_junk_from_the_child_is_ignored(junk):
    assert decode_message(junk) is None


def test_replies_and_events_decode():
    assert decode_message(protocol.encode_reply(3, "sb-2")) == {"id": 3, "ok": True, "result": "sb-2"}
    assert decode_message(protocol.encode_reply(3, error="no"))["ok"] is False


def test_events_become_dataclasses():
    ready = event_from_message(json.loads(protocol.encode_event("ready", host="127.0.0.1", udp_port=5, tcp_port=6, pid=9)))
    assert ready == SwitchboardReady("127.0.0.1", 5, 6, 9)
    state = event_from_message(json.loads(protocol.encode_event(
        "call_state", call="sb-1", party="oncall-nurse", role="clinician", direction="from_agent",
        state="talking", code=200)))
    assert state == PartyCallChanged("sb-1", "oncall-nurse", Role.CLINICIAN, CallDirection.FROM_AGENT,
                                     PartyCallState.TALKING, 200)
    sent = event_from_message({"event": "message_status", "call": "sb-3", "mode": "whisper", "code": 200})
    assert sent == SupervisionModeSent("sb-3", "whisper", 200)
    assert isinstance(event_from_message({"event": "call_state", "call": "x"}), SwitchboardError)
    assert event_from_message({"event": "something_newer"}) is None


@pytest.mark.parametrize(
    ("message", "user"),
    [
        ("INVITE sip:oncall-nurse@127.0.0.1:5070 SIP/2.0\r\nVia: x\r\n", "oncall-nurse"),
        ("INVITE sip:+16175550185@127.0.0.1;user=phone SIP/2.0\r\n", "+16175550185"),
        ("INVITE sip:127.0.0.1 SIP/2.0\r\n", ""),
        ("garbage", ""),
    ],
)
def test_request_user_reads_the_request_line(message, user):
    assert _request_user(message) == user
