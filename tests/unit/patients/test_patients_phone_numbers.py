"""Caller numbers: from SIP/tel URIs and raw text to E.164, and the spellings an EHR may store."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.patients.phone_numbers import caller_number_text, search_forms, stored_number_e164, to_e164
from tests.support.fhir_dataset import PHONE_FORMATS, format_number


@pytest.mark.parametrize(
    "caller, expected",
    [
        ("sip:+12025550123@pbx.example.test;user=phone", "+12025550123"),
        ('"Maria" <sips:2025550123@pbx.example.test>;tag=abc', "+12025550123"),
        ("<sip:12025550123@10.0.0.1:5060;transport=tcp>", "+12025550123"),
        ("sip:%2B12025550123@pbx", "+12025550123"),
        ("sip:+12025550123;isub=12@pbx", "+12025550123"),
        ("tel:+1-202-555-0123", "+12025550123"),
        ("tel:555-0123;phone-context=+1-202", "+12025550123"),
        ("(202) 555-0123", "+12025550123"),
        ("202.555.0123", "+12025550123"),
        ("+44 20 7946 0958", "+442079460958"),
        ("011 44 20 7946 0958", "+442079460958"),
        ("sip:+442079460958@gw", "+442079460958"),
    ],
)
def test_caller_numbers_normalise_to_e164(caller: str, expected: str):
    assert to_e164(caller, "US") == expected


@pytest.mark.parametrize(
    "caller",
    [
        "",
        "sip:anonymous@anonymous.invalid",
        "sip:alice@example.test",
        "sip:1001@pbx",  # internal extension
        "555-0123",  # local only: the area code would be a guess
        "tel:5550123",
        "911",
        "sip:pbx.example.test",  # no user part
        "+1" + "2" * 40,
        "x" * 10_000,
    ],
)
def test_things_that_are_no_caller_number(caller: str):
    assert to_e164(caller, "US") is None


def test_the_default_region_decides_national_numbers():
    assert to_e164("020 7946 0958", "GB") == "+442079460958"
    assert to_e164("020 7946 0958", "US") is None


def test_search_forms_cover_the_usual_spellings():
    forms = search_forms("+12025550123")
    assert forms[0] == "+12025550123"
    for expected in ("12025550123", "2025550123", "(202) 555-0123", "+1 202-555-0123", "202-555-0123", "202.555.0123"):
        assert expected in forms
    assert len(forms) == len(set(forms))
    assert all("," not in form for form in forms)


def test_caller_number_text_takes_the_uri_user_part():
    assert caller_number_text('"Front desk" <sip:+1%20202%20555%200123@pbx;user=phone>') == "+1 202 555 0123"


us_numbers = st.builds(
    lambda area, exchange, line: f"+1{area}{exchange}{line:04d}",
    st.sampled_from(["202", "212", "305", "415", "617", "713", "919"]),
    st.sampled_from(["555", "456", "867", "234"]),
    st.integers(0, 9999),
).filter(lambda e164: phonenumbers.is_possible_number(phonenumbers.parse(e164)))


@given(us_numbers)
@settings(max_examples=150, deadline=None)
def test_every_search_form_and_stored_format_round_trips(e164: str):
    for form in search_forms(e164):
        assert to_e164(form, "US") == e164
        assert stored_number_e164(form, "US") == e164
    for style in PHONE_FORMATS:
        # Everything the dataset generator (the demo data) writes, the directory searches for.
        assert format_number(e164, style) in search_forms(e164)


@given(us_numbers, st.sampled_from(["sip:{}@pbx.test;user=phone", "<sips:{}@h>", "tel:{}", "{}"]))
@settings(max_examples=100, deadline=None)
def test_uri_wrappings_do_not_change_the_number(e164: str, template: str):
    assert to_e164(template.format(e164), "US") == e164


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_raises(text: str):
    result = to_e164(text, "US")
    assert result is None or (result.startswith("+") and result[1:].isdigit())
