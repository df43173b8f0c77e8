from __future__ import annotations

import pytest

from softphone.sip.auto_answer import auto_answer_delay, requested_answer_delay
from softphone.sip.caller_identity import (
    MAX_DISPLAY_NAME_CHARS,
    identify_caller,
    parse_name_addr,
    sanitize_display_name,
)
from softphone.sip.config import AutoAnswerPolicy
from softphone.sip.events import IdentitySource
from softphone.sip.sip_headers import (
    MAX_HEADER_BYTES,
    first_header,
    parse_headers,
    select_headers,
)

INVITE = (
    "INVITE sip:agent@sip.test SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
    "f: \"Ann\" <sip:ann@x.test>;tag=1\r\n"
    "P-Asserted-Identity: \"Ward 7\" <sip:+15550100@x.test>,\r\n"
    " <tel:+15550100>\r\n"
    "Call-Info: <sip:x.test>;answer-after=2\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "From: body-not-header\r\n"
)


def test_parse_headers_handles_compact_forms_folding_and_body():
    headers = parse_headers(INVITE)
    assert first_header(headers, "from") == '"Ann" <sip:ann@x.test>;tag=1'
    assert first_header(headers, "p-asserted-identity").endswith("<tel:+15550100>")
    assert [v for k, v in headers if k == "from"] == ['"Ann" <sip:ann@x.test>;tag=1']


def test_parse_headers_survives_garbage():
    assert parse_headers("") == []
    assert parse_headers("no colon lines\r\nat all") == []
    huge = "INVITE x SIP/2.0\r\nX-Big: " + "A" * (10 * MAX_HEADER_BYTES) + "\r\n\r\n"
    (name, value), = parse_headers(huge)
    assert name == "x-big" and len(value) < MAX_HEADER_BYTES


def test_select_headers_keeps_wanted_printable_and_short():
    headers = parse_headers("X\r\nSubject: hi\x07there\r\nX-Other: no\r\n\r\n")
    assert select_headers(headers, ("Subject",), max_value_len=4) == (("Subject", "hith"),)


@pytest.mark.parametrize(
    "value,expected",
    [
        ('"Dr. \\"Who\\"" <sip:who@x>;tag=9', ('Dr. "Who"', "sip:who@x")),
        ("Ann Lee <sip:ann@x>", ("Ann Lee", "sip:ann@x")),
        ("sip:bob@x;tag=3", ("", "sip:bob@x")),
        ("", ("", "")),
        ('"unterminated <sip:a@b', ('"unterminated', "sip:a@b")),
    ],
)
def test_parse_name_addr(value, expected):
    assert parse_name_addr(value) == expected


def test_display_name_is_sanitised_and_capped():
    hostile = "Nurse\u202e\u0000\x1b[31m\tJoy " + "x" * 200
    cleaned = sanitize_display_name(hostile)
    assert "\u202e" not in cleaned and "\x00" not in cleaned and "\x1b" not in cleaned
    assert len(cleaned) == MAX_DISPLAY_NAME_CHARS
    assert cleaned.startswith("Nurse[31m Joy")


def test_identity_prefers_p_asserted_identity():
    identity = identify_caller('"Ward 7" <sip:+1555@x>, <tel:+1555>', '"Anyone" <sip:anon@x>')
    assert identity.uri == "sip:+1555@x"
    assert identity.display_name == "Ward 7"
    assert identity.source is IdentitySource.P_ASSERTED_IDENTITY


def test_identity_falls_back_to_from():
    identity = identify_caller(None, '"Ann" <sip:ann@x>;tag=1')
    assert (identity.uri, identity.source) == ("sip:ann@x", IdentitySource.FROM)
    assert identify_caller("garbage", None).source is IdentitySource.FROM


@pytest.mark.parametrize(
    "call_info,alert_info,expected",
    [
        ("<sip:x>;answer-after=0", None, 0.0),
        ("<sip:x>; Answer-After = 3", None, 3.0),
        ("<sip:x>;answer-after=soon", None, None),
        ("<sip:x>;answer-after=-1", None, None),
        (None, "<http://x>;info=alert-autoanswer", 0.0),
        (None, None, None),
    ],
)
def test_requested_answer_delay(call_info, alert_info, expected):
    assert requested_answer_delay(call_info, alert_info) == expected


def test_auto_answer_needs_policy_and_caps_delay():
    assert auto_answer_delay(AutoAnswerPolicy(), "<sip:x>;answer-after=0", None) is None
    policy = AutoAnswerPolicy(enabled=True, max_delay_s=5)
    assert auto_answer_delay(policy, "<sip:x>;answer-after=60", None) == 5


# ----- name-addr parsing (RFC 3261 §25.1): quoted display names may hold any text -----------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Anything a caller may put in a display name except the line breaks a header cannot carry.
_NAME_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=60)
_USER = st.text("abcdefghijklmnopqrstuvwxyz0123456789+-._", min_size=1, max_size=20)
_URI = st.builds(lambda user, host: f"sip:{user}@{host}", _USER, st.sampled_from(["x.test", "10.0.0.1:5060"]))


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize(
    "value,expected",
    [
        ('"<b>Dr</b> Who" <sip:who@x>;tag=1', ("<b>Dr</b> Who", "sip:who@x")),
        ('"a > b, c; d" <sip:who@x>', ("a > b, c; d", "sip:who@x")),
        ('"back\\\\slash \\"q\\"" <sip:who@x>', ('back\\slash "q"', "sip:who@x")),
        ('"" <sip:who@x>', ("", "sip:who@x")),
        ("<sip:who@x>;tag=2", ("", "sip:who@x")),
        ('"only a name"', ("only a name", "")),
        ('  Ann   Lee   <sip:ann@x>', ("Ann Lee", "sip:ann@x")),
    ],
)
def test_parse_name_addr_quoted_names_hold_any_text(value, expected):
    assert parse_name_addr(value) == expected


@settings(max_examples=300, deadline=None)
@given(name=_NAME_TEXT, uri=_URI, params=st.sampled_from(["", ";tag=1", ";tag=a;x=<y>"]))
def test_quoted_display_name_round_trips(name, uri, params):
    assert parse_name_addr(f"{_quote(name)} <{uri}>{params}") == (name, uri)


@settings(max_examples=200, deadline=None)
@given(uri=_URI, params=st.sampled_from(["", ";tag=1", ";tag=9;user=phone"]))
def test_addr_spec_params_belong_to_the_header(uri, params):
    assert parse_name_addr(f"{uri}{params}") == ("", uri)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_name_addr_never_raises(value):
    name, uri = parse_name_addr(value)
    assert isinstance(name, str) and isinstance(uri, str)


@settings(max_examples=200, deadline=None)
@given(name=_NAME_TEXT, uri=_URI)
def test_asserted_identity_with_any_quoted_name_is_kept(name, uri):
    pai = f"{_quote(name)} <{uri}>, <tel:+15550100>"
    identity = identify_caller(pai, '"Anyone" <sip:anon@x>;tag=1')
    assert identity.source is IdentitySource.P_ASSERTED_IDENTITY
    assert identity.uri == uri
    assert identity.display_name == sanitize_display_name(name)


def test_asserted_identity_with_markup_in_the_name():
    identity = identify_caller('"<b>Dr</b> <img src=x>" <sip:+1555@x>', '"From" <sip:from@x>')
    assert identity.source is IdentitySource.P_ASSERTED_IDENTITY
    assert (identity.display_name, identity.uri) == ("<b>Dr</b> <img src=x>", "sip:+1555@x")
