"""EHR text is bounded and cannot spoof the screen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from softphone.patients.untrusted_text import ELLIPSIS, clean_optional, clean_text


def test_bidi_overrides_and_controls_are_removed():
    assert clean_text("Penicillin\u202e ygrella\u202c\x00\x1b[31m", 100) == "Penicillin ygrella[31m"


def test_newlines_and_runs_of_space_become_one_space():
    assert clean_text("  Type 2\n\n diabetes\t mellitus ", 100) == "Type 2 diabetes mellitus"


def test_long_text_is_cut_with_an_ellipsis():
    assert clean_text("a" * 1_000_000, 10) == "a" * 9 + ELLIPSIS


def test_blank_is_none_when_optional():
    assert clean_optional("  \u200b ", 10) is None
    assert clean_optional(None, 10) is None


@given(st.text(), st.integers(1, 300))
def test_any_text_is_bounded_and_single_line(text: str, limit: int):
    cleaned = clean_text(text, limit)
    assert len(cleaned) <= limit
    assert "\n" not in cleaned and "\r" not in cleaned
