"""Is a red-flag match negated by a cue a few words before it ("denies chest pain", "niega
dolor torácico")?

Deliberately basic and biased towards firing: a missed negation shows the agent one flag too
many, a wrong negation hides an emergency. So the scope of a cue is short (``WINDOW`` words),
ends at any clause break or contrast/report word ("no fever but chest pain", "denies fever,
reports chest pain"), and cues that are part of another red flag ("not breathing") or part of
a pseudo-negation ("no relief", "not sure") do not count.
"""

from __future__ import annotations

from collections.abc import Sequence

from softphone.notes.text_tokens import Token, clause_break_between

WINDOW = 4

# English and Spanish cues apply together, whatever the interface language: a note is written in
# the caller's language (see red_flag_phrases.py). Words are normalised as in text_tokens (no
# case, apostrophes or diacritics: "negó" is "nego", "ningún" is "ningun").
_ENGLISH_CUES = {
    "no", "not", "never", "denies", "denied", "deny", "denying", "without", "nil", "none",
    "neither", "nor", "doesnt", "dont", "didnt", "isnt", "wasnt", "arent", "werent",
    "hasnt", "havent", "hadnt",
}
_SPANISH_CUES = {
    "no", "nunca", "jamas", "niega", "niegan", "nego", "negaba", "negando", "sin", "ni",
    "tampoco", "ningun", "ninguna", "ninguno", "descarta", "descartan", "descartado",
    "descartada",
}
SINGLE_WORD_CUES = frozenset(_ENGLISH_CUES | _SPANISH_CUES)
# (first word, second word): the cue ends at the second word.
TWO_WORD_CUES = frozenset(
    {
        ("negative", "for"), ("free", "of"), ("ruled", "out"), ("rules", "out"), ("absence", "of"),
        ("negativo", "para"), ("negativa", "para"), ("libre", "de"), ("ausencia", "de"),
    }
)
# A cue directly followed by one of these does not negate what follows ("no relief from chest
# pain", "sin mejoría del dolor torácico", "no sabe si es dolor torácico").
PSEUDO_NEGATION_NEXT_WORDS = frozenset(
    {
        "sure", "certain", "only", "just", "change", "changes", "improvement", "improving",
        "better", "relief", "easing", "settling", "stopping", "doubt", "question", "help",
        "know", "think", "remember",
        "sabe", "seguro", "segura", "solo", "solamente", "mejora", "mejoria", "alivio", "cede",
        "cambio", "cambios", "duda", "recuerda", "cree", "ayuda", "embargo", "obstante",
    }
)
# Words that end a cue's scope, always: a contrast or a conjunction ("no fever but chest pain",
# "sin fiebre pero dolor torácico"; "sin embargo" and "no obstante" mean "however").
SCOPE_TERMINATORS = frozenset(
    {
        "but", "however", "although", "though", "yet", "except", "apart", "aside", "and",
        "now", "still", "whereas",
        "pero", "aunque", "embargo", "obstante", "excepto", "salvo", "y", "ahora", "todavia",
        "aun", "mientras",
    }
)
# Words that start a new, positive statement and so end a cue's scope, unless the cue is right
# before them: "denies fever, reports chest pain" but "no reports of chest pain"; in Spanish the
# usual negation is the verb's ("no tiene dolor torácico", "no refiere disnea").
STATEMENT_VERBS = frozenset(
    {
        "reports", "reported", "reporting", "complains", "complaining", "complained", "has",
        "presents", "presenting", "describes", "describing", "states", "says", "said",
        "experiencing", "feels", "feeling", "developed", "started",
        "refiere", "refirio", "reporta", "comenta", "dice", "dijo", "tiene", "tenia", "presenta",
        "presentando", "describe", "manifiesta", "siente", "sentia", "nota", "empezo", "comenzo",
    }
)
# Words that carry a negation on through a list: "no shortness of breath or chest pain",
# "no tiene fiebre ni dolor torácico".
LIST_CONTINUATIONS = frozenset({"or", "nor", "o", "u", "ni"})


def negated_by_cue(text: str, tokens: Sequence[Token], start: int, covered: Sequence[bool]) -> bool:
    """True when a negation cue within WINDOW words before ``tokens[start]`` applies to it.

    ``covered[i]`` says token i belongs to some red-flag match; such tokens are not cues.
    """
    for position in range(start - 1, max(-1, start - 1 - WINDOW), -1):
        token = tokens[position]
        if clause_break_between(text, token, tokens[position + 1]):
            return False
        if covered[position]:
            return False  # another red flag sits in between: the caller handles lists of flags
        word = token.word
        if word in SCOPE_TERMINATORS:
            return False
        if word in STATEMENT_VERBS and not (position > 0 and _is_cue(tokens, position - 1)):
            return False
        if _is_cue(tokens, position) and not _is_pseudo_negation(tokens, position, start):
            return True
    return False


def continues_list(text: str, tokens: Sequence[Token], previous_last: int, start: int) -> bool:
    """True when the previous match (ending at token ``previous_last``) and the match starting
    at ``start`` are items of one list: adjacent, or joined by "or"/"nor" or "/", with no
    clause break ("no chest pain or SOB", "no CP/SOB"). A negation then covers both."""
    joiners = tokens[previous_last + 1 : start]
    if len(joiners) > 1 or (joiners and joiners[0].word not in LIST_CONTINUATIONS):
        return False
    chain = [tokens[previous_last], *joiners, tokens[start]]
    return not any(clause_break_between(text, left, right) for left, right in zip(chain, chain[1:]))


def _is_cue(tokens: Sequence[Token], position: int) -> bool:
    if tokens[position].word in SINGLE_WORD_CUES:
        return True
    return position > 0 and (tokens[position - 1].word, tokens[position].word) in TWO_WORD_CUES


def _is_pseudo_negation(tokens: Sequence[Token], cue_position: int, match_start: int) -> bool:
    following = cue_position + 1
    return following < match_start and tokens[following].word in PSEUDO_NEGATION_NEXT_WORDS
