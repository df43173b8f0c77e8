"""Red-flag detection: examples an agent would type, and properties over generated text."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from softphone.notes import (
    DEFAULT_RED_FLAG_PHRASES,
    REASON_CODES,
    RedFlagCatalogue,
    detect_red_flags,
)


def reasons(text: str) -> list[str]:
    return [flag.reason_code for flag in detect_red_flags(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pt reports CHEST-PAIN since 2h", ["chest_pain"]),
        ("crushing chest pressure, sweaty", ["chest_pain"]),
        ("says it feels like a heart attack", ["chest_pain"]),
        ("She can't breathe properly", ["breathing_difficulty"]),
        ("cant breathe", ["breathing_difficulty"]),
        ("SOB on exertion", ["breathing_difficulty"]),
        ("very short of breath", ["breathing_difficulty"]),
        ("has been having suicidal thoughts", ["suicidal_ideation"]),
        ("says he wants to die", ["suicidal_ideation"]),
        ("talks about self-harm", ["suicidal_ideation"]),
        ("wife noticed face drooping", ["stroke_signs"]),
        ("slurred speech since lunch", ["stroke_signs"]),
        ("weakness in her left arm", ["stroke_signs"]),
        ("bleeding won't stop after fall", ["severe_bleeding"]),
        ("heavy bleeding from the wound", ["severe_bleeding"]),
        ("found him unresponsive", ["clinical_question"]),
        ("face drooping, slurred speech", ["stroke_signs", "stroke_signs"]),
        ("not breathing and chest pain", ["breathing_difficulty", "chest_pain"]),
        ("chest pain/SOB", ["chest_pain", "breathing_difficulty"]),
    ],
)
def test_red_flags_are_found(text: str, expected: list[str]) -> None:
    assert reasons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "no chest pain",
        "No chest pain.",
        "denies chest pain",
        "pt denies any recent chest pain",
        "negative for chest pain",
        "without shortness of breath",
        "no suicidal thoughts",
        "denies wanting to die",
        "no chest pain or shortness of breath",
        "no CP/SOB",
        "no history of chest pain",
        "never had a stroke",
        "Routine repeat prescription, all fine",
        "chest. Pain in the knee",  # no phrase across a sentence break
    ],
)
def test_negated_or_absent_red_flags_do_not_fire(text: str) -> None:
    assert reasons(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no fever but chest pain", ["chest_pain"]),
        ("no fever, chest pain", ["chest_pain"]),
        ("denies fever, reports chest pain", ["chest_pain"]),
        ("no chest pain. SOB since morning", ["breathing_difficulty"]),
        ("no relief from chest pain", ["chest_pain"]),  # pseudo-negation
        ("not sure if chest pain", ["chest_pain"]),
        ("no fever has chest pain", ["chest_pain"]),
        ("denies chest pain, shortness of breath", ["breathing_difficulty"]),  # comma: err on firing
    ],
)
def test_negation_scope_ends_where_a_new_statement_starts(text: str, expected: list[str]) -> None:
    assert reasons(text) == expected


def test_flags_carry_the_catalogue_phrase_and_the_span_in_the_original_text() -> None:
    text = "Caller: my husband CAN'T   BREATHE!!"
    (flag,) = detect_red_flags(text)
    assert flag.reason_code == "breathing_difficulty"
    assert flag.phrase == "cant breathe"
    assert text[flag.span[0] : flag.span[1]] == "CAN'T   BREATHE"


def test_the_default_catalogue_uses_only_escalation_reasons() -> None:
    assert set(DEFAULT_RED_FLAG_PHRASES) == set(REASON_CODES)
    assert set(REASON_CODES) == {
        "chest_pain",
        "breathing_difficulty",
        "suicidal_ideation",
        "stroke_signs",
        "severe_bleeding",
        "clinical_question",
    }


def test_a_provisioned_catalogue_replaces_the_defaults() -> None:
    catalogue = RedFlagCatalogue({"severe_bleeding": ["sangrado abundante"], "chest_pain": ["dolor * pecho"]})
    assert [flag.reason_code for flag in detect_red_flags("Sangrado abundante y dolor en pecho", catalogue)] == [
        "severe_bleeding",
        "chest_pain",
    ]
    assert detect_red_flags("chest pain", catalogue) == []


@pytest.mark.parametrize(
    ("phrases", "message"),
    [
        ({"broken_leg": ["leg"]}, "unknown red-flag reason"),
        ({"chest_pain": [""]}, "1 to 8 words"),
        ({"chest_pain": ["* pain"]}, "must not start"),
        ({"chest_pain": ["chest (pain)"]}, "use words"),
    ],
)
def test_bad_provisioned_phrases_are_refused_with_a_reason(phrases: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RedFlagCatalogue(phrases)


# --- properties ---------------------------------------------------------------------------------

# Plain phrases (no wildcards) from the default catalogue, and filler that is neither a cue, a
# terminator nor part of any phrase.
PLAIN_PHRASES = [
    (reason, phrase)
    for reason, phrases in DEFAULT_RED_FLAG_PHRASES.items()
    for phrase in phrases
    if "*" not in phrase
]
FILLER_WORDS = ["patient", "called", "today", "about", "mother", "morning", "tablet", "pharmacy", "the", "x"]
filler = st.lists(st.sampled_from(FILLER_WORDS), max_size=6).map(" ".join)
separators = st.sampled_from([" ", "  ", "-", " \t", "\u00a0"])


def spell(phrase: str, separator: str, upper: bool) -> str:
    words = phrase.split()
    text = separator.join(words)
    return text.upper() if upper else text


@given(st.sampled_from(PLAIN_PHRASES), filler, filler, separators, st.booleans())
@settings(max_examples=300, deadline=None)
def test_any_default_phrase_is_found_whatever_the_case_and_spacing(
    reason_phrase: tuple[str, str], before: str, after: str, separator: str, upper: bool
) -> None:
    reason, phrase = reason_phrase
    written = spell(phrase, separator, upper)
    text = f"{before} {written}. {after}"
    flags = detect_red_flags(text)
    assert reason in [flag.reason_code for flag in flags]
    start = len(before) + 1
    assert any(flag.span == (start, start + len(written)) for flag in flags if flag.reason_code == reason)


@given(st.sampled_from(PLAIN_PHRASES), st.sampled_from(["no", "denies", "not", "without", "negative for"]), filler)
@settings(max_examples=300, deadline=None)
def test_a_negation_cue_right_before_a_phrase_silences_it(
    reason_phrase: tuple[str, str], cue: str, after: str
) -> None:
    reason, phrase = reason_phrase
    flags = detect_red_flags(f"{cue} {phrase}. {after}")
    # A cue that, with the phrase, spells another red flag stays flagged on purpose: Spanish
    # "no respira" (not breathing) + "respira con dificultad" -> "no respira con dificultad". For
    # a clinical prompt a false alarm (the Escalate button highlighted) is safer than a miss.
    assume(not any(flag.phrase.split()[0] == cue.split()[0] for flag in flags))
    assert [flag for flag in flags if flag.span[0] < len(cue) + 1 + len(phrase)] == []


def test_a_cue_that_starts_another_red_flag_keeps_the_flag() -> None:
    flags = detect_red_flags("no respira con dificultad")
    assert [flag.reason_code for flag in flags] == ["breathing_difficulty"]
    assert flags[0].phrase.startswith("no ")


@given(st.text(max_size=300))
@settings(max_examples=500, deadline=None)
def test_any_text_gives_well_formed_flags(text: str) -> None:
    flags = detect_red_flags(text)
    assert flags == detect_red_flags(text)  # pure
    for flag in flags:
        assert flag.reason_code in REASON_CODES
        assert 0 <= flag.span[0] < flag.span[1] <= len(text)
    assert [flag.span[0] for flag in flags] == sorted(flag.span[0] for flag in flags)


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200))
@settings(max_examples=300, deadline=None)
def test_case_does_not_matter(text: str) -> None:
    assert detect_red_flags(text.upper()) == detect_red_flags(text.lower())
