"""Red flags in Spanish notes: phrases, negation cues and their scope, accents typed or not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.notes import DEFAULT_RED_FLAG_PHRASES, REASON_CODES, detect_red_flags
from softphone.notes.red_flag_phrases import (
    ENGLISH_RED_FLAG_PHRASES,
    RED_FLAG_PHRASES_BY_LANGUAGE,
    SPANISH_RED_FLAG_PHRASES,
)
from softphone.notes.text_tokens import normalise_word


def reasons(text: str) -> list[str]:
    return [flag.reason_code for flag in detect_red_flags(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refiere dolor torácico desde esta mañana", ["chest_pain"]),
        ("refiere dolor toracico desde esta manana", ["chest_pain"]),  # typed without accents
        ("DOLOR EN EL PECHO al subir escaleras", ["chest_pain"]),
        ("opresión en el pecho y sudoración", ["chest_pain"]),
        ("dice que le falta el aire", ["breathing_difficulty"]),
        ("no puede respirar bien", ["breathing_difficulty"]),
        ("se ahoga al hablar", ["breathing_difficulty"]),
        ("tiene ideas suicidas", ["suicidal_ideation"]),
        ("dice que quiere morirse", ["suicidal_ideation"]),
        ("habla de quitarse la vida", ["suicidal_ideation"]),
        ("la esposa nota la boca torcida", ["stroke_signs"]),
        ("debilidad en el brazo derecho desde el almuerzo", ["stroke_signs"]),
        ("la herida no para de sangrar", ["severe_bleeding"]),
        ("vomitando sangre", ["severe_bleeding"]),
        ("lo encontraron inconsciente", ["clinical_question"]),
        ("se desmayó en la cocina", ["clinical_question"]),
        ("dolor torácico y falta de aire", ["chest_pain", "breathing_difficulty"]),
    ],
)
def test_spanish_red_flags_are_found(text: str, expected: list[str]) -> None:
    assert reasons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "niega dolor torácico",
        "Niega dolor toracico.",
        "no tiene dolor de pecho",
        "no presenta dolor torácico",
        "no refiere falta de aire",
        "sin dificultad para respirar",
        "sin dolor torácico ni falta de aire",  # "ni" carries the negation through the list
        "no tiene fiebre ni dolor torácico",
        "negó ideas suicidas",
        "nego ideas suicidas",
        "negativo para ictus",
        "libre de dolor torácico",
        "nunca tuvo un infarto",
        "se descarta ictus",
        "Llamada por receta, todo bien",
    ],
)
def test_negated_spanish_red_flags_do_not_fire(text: str) -> None:
    assert reasons(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sin fiebre pero dolor torácico", ["chest_pain"]),
        ("sin fiebre, dolor torácico", ["chest_pain"]),
        ("niega fiebre, refiere dolor torácico", ["chest_pain"]),
        ("sin fiebre tiene dolor torácico", ["chest_pain"]),  # a new statement: "tiene"
        ("no tiene fiebre y tiene dolor de pecho", ["chest_pain"]),
        ("sin mejoría del dolor torácico", ["chest_pain"]),  # pseudo-negation
        ("no sabe si es dolor torácico", ["chest_pain"]),
        ("no fiebre; sin embargo dolor torácico", ["chest_pain"]),
        ("sin fiebre ¿dolor torácico?", ["chest_pain"]),  # "¿" opens a new clause
    ],
)
def test_spanish_negation_scope_ends_where_a_new_statement_starts(text: str, expected: list[str]) -> None:
    assert reasons(text) == expected


def test_a_cue_right_before_a_statement_verb_negates_in_english_too() -> None:
    assert reasons("no reports of chest pain") == []
    assert reasons("no fever has chest pain") == ["chest_pain"]


def test_tonsillitis_is_not_angina() -> None:
    assert reasons("tiene anginas y fiebre") == []
    assert reasons("antecedente de angina") == ["chest_pain"]


def test_the_default_list_is_every_language_for_every_reason() -> None:
    assert set(RED_FLAG_PHRASES_BY_LANGUAGE) == {"en", "es"}
    for language in (ENGLISH_RED_FLAG_PHRASES, SPANISH_RED_FLAG_PHRASES):
        assert set(language) == set(REASON_CODES)
        for reason, phrases in language.items():
            assert set(phrases) <= set(DEFAULT_RED_FLAG_PHRASES[reason])
    for phrases in DEFAULT_RED_FLAG_PHRASES.values():
        assert len(phrases) == len(set(phrases))


def test_phrases_are_written_as_they_are_matched() -> None:
    # Lowercase, no accents: a phrase with "á" would still match, but the list stays greppable.
    for phrases in SPANISH_RED_FLAG_PHRASES.values():
        for phrase in phrases:
            assert all(normalise_word(word) == word for word in phrase.split()), phrase


def test_spanish_and_english_flags_in_one_note() -> None:
    text = "Caller's daughter says: no puede respirar. Also chest pain since 10am"
    assert reasons(text) == ["breathing_difficulty", "chest_pain"]


SPANISH_PLAIN = [
    (reason, phrase) for reason, phrases in SPANISH_RED_FLAG_PHRASES.items() for phrase in phrases if "*" not in phrase
]
ACCENTED = str.maketrans("aeioun", "áéíóúñ")


@given(st.sampled_from(SPANISH_PLAIN), st.sampled_from(["niega", "sin", "no tiene", "negativo para", "nunca tuvo"]))
@settings(max_examples=200, deadline=None)
def test_a_spanish_cue_before_any_phrase_silences_it(reason_phrase: tuple[str, str], cue: str) -> None:
    _reason, phrase = reason_phrase
    assert detect_red_flags(f"{cue} {phrase}. paciente estable") == []


@given(st.sampled_from(SPANISH_PLAIN), st.booleans())
@settings(max_examples=200, deadline=None)
def test_any_spanish_phrase_is_found_with_or_without_accents(reason_phrase: tuple[str, str], accents: bool) -> None:
    reason, phrase = reason_phrase
    written = phrase.translate(ACCENTED) if accents else phrase
    assert reason in reasons(f"llama porque {written}. gracias")
