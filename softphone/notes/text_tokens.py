"""Words of a note with their positions, normalised for phrase matching.

Normalisation: case-folded, apostrophes and diacritics dropped ("Can't" and "cant", "torácico"
and "toracico" are the same word, as agents type both). Spans index the original text, so the UI
can highlight exactly what matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_APOSTROPHES = re.compile(r"['\u2019]")
# Between two words, any of these ends a clause: a phrase does not run across it and a negation
# does not reach over it ("no fever. Chest pain" is chest pain; Spanish opens questions and
# exclamations too: "sin fiebre ¿dolor torácico?").
_CLAUSE_BREAK = re.compile(r"[.;:!?\u00bf\u00a1()\[\]{}\n\r\u2022]|,|\s[-\u2013\u2014]+\s|[\u2013\u2014]")


@dataclass(frozen=True)
class Token:
    word: str  # normalised
    start: int
    end: int


def normalise_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", _APOSTROPHES.sub("", word.casefold()))
    if decomposed.isascii():
        return decomposed  # the common case, without building a new string
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def tokenize(text: str) -> list[Token]:
    return [
        Token(normalise_word(match.group()), match.start(), match.end()) for match in _WORD.finditer(text)
    ]


def clause_break_between(text: str, left: Token, right: Token) -> bool:
    return bool(_CLAUSE_BREAK.search(text, left.end, right.start))
