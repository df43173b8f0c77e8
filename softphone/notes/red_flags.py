"""Red-flag phrases in a note ("chest pain", "can't breathe", "want to die", ...).

``detect_red_flags`` is pure: the same text and catalogue always give the same flags, with no
I/O, so the UI can run it on every autosaved draft. Matching is word by word after
normalisation (case, apostrophes, any punctuation or spacing between words), so "CHEST-PAIN"
and "chest  pain" match "chest pain"; a phrase does not run across a clause break. Negated
mentions ("denies chest pain", "no chest pain or SOB") are left out (see negation.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from softphone.notes.negation import continues_list, negated_by_cue
from softphone.notes.red_flag_phrases import DEFAULT_RED_FLAG_PHRASES, REASON_CODES
from softphone.notes.text_tokens import Token, clause_break_between, normalise_word, tokenize

MAX_PHRASE_WORDS = 8
_PHRASE_PART = re.compile(r"^(\*|[^\W_]+\*?)$")
_PHRASE_SEPARATOR = re.compile(r"[\s/-]+")


@dataclass(frozen=True)
class RedFlag:
    reason_code: str  # an escalation reason: chest_pain, breathing_difficulty, ...
    phrase: str  # the catalogue phrase that matched (not the note's words: those are PHI)
    span: tuple[int, int]  # [start, end) of the matched words in the note text


@dataclass(frozen=True)
class _Pattern:
    reason_code: str
    phrase: str
    parts: tuple[str, ...]  # normalised words; "x*" prefix, "*" any word

    def matches_at(self, tokens: Sequence[Token], start: int, text: str) -> bool:
        if start + len(self.parts) > len(tokens):
            return False
        for offset, part in enumerate(self.parts):
            token = tokens[start + offset]
            if offset and clause_break_between(text, tokens[start + offset - 1], token):
                return False
            if part == "*":
                continue
            if part.endswith("*"):
                if not token.word.startswith(part[:-1]):
                    return False
            elif token.word != part:
                return False
        return True


class RedFlagCatalogue:
    """Compiled phrases by reason code; build once (from settings) and reuse."""

    def __init__(self, phrases_by_reason: Mapping[str, Sequence[str]]):
        patterns: list[_Pattern] = []
        for reason_code, phrases in phrases_by_reason.items():
            if reason_code not in REASON_CODES:
                raise ValueError(
                    f"unknown red-flag reason {reason_code!r}: use one of {', '.join(REASON_CODES)}"
                )
            for phrase in phrases:
                patterns.append(_compile(reason_code, phrase))
        # Index by first word, so a note is scanned once, not once per phrase.
        self._by_first_word: dict[str, list[_Pattern]] = {}
        self._by_first_prefix: list[_Pattern] = []
        for pattern in patterns:
            first = pattern.parts[0]
            if first.endswith("*"):
                self._by_first_prefix.append(pattern)
            else:
                self._by_first_word.setdefault(first, []).append(pattern)

    def candidates(self, word: str) -> list[_Pattern]:
        exact = self._by_first_word.get(word, [])
        prefixed = [pattern for pattern in self._by_first_prefix if word.startswith(pattern.parts[0][:-1])]
        return exact + prefixed if prefixed else exact


@lru_cache(maxsize=1)
def default_catalogue() -> RedFlagCatalogue:
    return RedFlagCatalogue(DEFAULT_RED_FLAG_PHRASES)


def detect_red_flags(text: str, catalogue: RedFlagCatalogue | None = None) -> list[RedFlag]:
    """Red flags in ``text``, in text order; negated mentions are left out."""
    catalogue = catalogue or default_catalogue()
    tokens = tokenize(text)
    matches = _raw_matches(text, tokens, catalogue)
    covered = [False] * len(tokens)
    for start, length, _pattern in matches:
        for position in range(start, start + length):
            covered[position] = True

    flags: list[RedFlag] = []
    previous: tuple[int, bool] | None = None  # (last token of the previous match, its negation)
    for start, length, pattern in matches:
        negated = negated_by_cue(text, tokens, start, covered)
        if not negated and previous is not None and previous[0] < start:
            previous_last, previous_negated = previous
            negated = previous_negated and continues_list(text, tokens, previous_last, start)
        last = start + length - 1
        if previous is None or last >= previous[0]:
            previous = (last, negated)
        if not negated:
            span = (tokens[start].start, tokens[last].end)
            flags.append(RedFlag(pattern.reason_code, pattern.phrase, span))
    return flags


def _raw_matches(
    text: str, tokens: Sequence[Token], catalogue: RedFlagCatalogue
) -> list[tuple[int, int, _Pattern]]:
    """Every (start, length, pattern); overlapping matches of one reason merge into one
    ("crushing chest pressure" is one chest-pain flag, not two), named by the first phrase."""
    found: list[tuple[int, int, _Pattern]] = []
    for start, token in enumerate(tokens):
        for pattern in catalogue.candidates(token.word):
            if pattern.matches_at(tokens, start, text):
                found.append((start, len(pattern.parts), pattern))
    found.sort(key=lambda match: (match[0], -match[1]))
    kept: list[tuple[int, int, _Pattern]] = []
    for start, length, pattern in found:
        for index, (other_start, other_length, other) in enumerate(kept):
            other_end = other_start + other_length
            if other.reason_code == pattern.reason_code and start < other_end:
                kept[index] = (other_start, max(other_end, start + length) - other_start, other)
                break
        else:
            kept.append((start, length, pattern))
    return kept


def _compile(reason_code: str, phrase: str) -> _Pattern:
    # Hyphens and slashes separate words in notes, so they do in phrases ("self-harm").
    parts = tuple(normalise_word(part) for part in _PHRASE_SEPARATOR.split(phrase.strip()) if part)
    if not parts or len(parts) > MAX_PHRASE_WORDS:
        raise ValueError(f"red-flag phrase {phrase!r} must have 1 to {MAX_PHRASE_WORDS} words")
    if any(not _PHRASE_PART.match(part) for part in parts) or all(part == "*" for part in parts):
        raise ValueError(
            f"red-flag phrase {phrase!r}: use words, 'word*' for a prefix and '*' for any one word"
        )
    if parts[0] == "*":
        raise ValueError(f"red-flag phrase {phrase!r} must not start with '*'")
    return _Pattern(reason_code, phrase, parts)
