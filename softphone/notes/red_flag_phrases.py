"""The built-in red-flag phrases, by escalation reason and language. IT may provision its own
list instead.

The built-in list is English and Spanish together, whatever the interface language: a note is
written in the caller's language, and a Spanish-speaking patient may call an agent whose
screens are in English. The two sets do not collide (no phrase of one language is a common word
of the other), and a missed red flag costs more than a spurious one.

Phrase syntax (one phrase = words separated by spaces, matched against the note's words in
order, whatever the case, diacritics and punctuation between them):

- ``word``   that word (apostrophes and diacritics ignored: "can't" = "cant", "torácico" =
  "toracico", so phrases are written without accents and match notes typed either way);
- ``word*``  any word starting with it ("breathless*" = breathless, breathlessness);
- ``*``      exactly one word of any kind ("pain in * chest" = "pain in her chest").

The reason codes are the escalation reasons, so a red flag can preselect the escalation.
Emergencies without a reason of their own (seizure, unconscious, overdose, anaphylaxis) go to
``clinical_question``: a clinician takes the call either way.
"""

from __future__ import annotations

from typing import Final

REASON_CODES: Final = (
    "chest_pain",
    "breathing_difficulty",
    "suicidal_ideation",
    "stroke_signs",
    "severe_bleeding",
    "clinical_question",
)

ENGLISH_RED_FLAG_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "chest_pain": (
        "chest pain*",
        "chest tight*",
        "tight* chest",
        "chest pressure",
        "pressure in * chest",
        "pain in * chest",
        "pain in chest",
        "crushing chest",
        "heart attack",
        "angina",
        "pain * left arm",
        "pain down * arm",
    ),
    "breathing_difficulty": (
        "shortness of breath",
        "short of breath",
        "sob",
        "breathless*",
        "cant breathe",
        "can not breathe",
        "cannot breathe",
        "unable to breathe",
        "not breathing",
        "difficulty breathing",
        "trouble breathing",
        "struggling to breathe",
        "struggling for breath",
        "hard to breathe",
        "gasping",
        "choking",
        "turning blue",
        "blue lips",
        "lips * blue",
        "lips are blue",
        "throat * swelling",
        "throat swelling",
        "wheez*",
    ),
    "suicidal_ideation": (
        "suicid*",
        "want to die",
        "wants to die",
        "wanting to die",
        "wanted to die",
        "kill myself",
        "kill himself",
        "kill herself",
        "kill themselves",
        "end my life",
        "end his life",
        "end her life",
        "end their life",
        "end it all",
        "self harm*",
        "harm myself",
        "hurt myself",
        "better off dead",
        "no reason to live",
        "take my own life",
        "take her own life",
        "take his own life",
    ),
    "stroke_signs": (
        "stroke",
        "face droop*",
        "facial droop*",
        "droop* face",
        "drooping face",
        "face * droop*",
        "slurred speech",
        "slurring",
        "speech * slurred",
        "speech slurred",
        "arm weakness",
        "weak arm",
        "weakness in * arm",
        "weakness in * * arm",
        "weakness in * leg",
        "weakness in * * leg",
        "weakness on one side",
        "numbness on one side",
        "numb on one side",
        "cant lift * arm",
        "cannot lift * arm",
        "facial weakness",
        "sudden confusion",
        "cant speak",
        "trouble speaking",
    ),
    "severe_bleeding": (
        "severe bleeding",
        "heavy bleeding",
        "heavily bleeding",
        "bleeding heavily",
        "bleeding profusely",
        "bleeding badly",
        "uncontrolled bleeding",
        "wont stop bleeding",
        "bleeding wont stop",
        "bleeding will not stop",
        "bleeding doesnt stop",
        "haemorrhag*",
        "hemorrhag*",
        "coughing up blood",
        "vomiting blood",
        "blood everywhere",
        "lots of blood",
        "losing a lot of blood",
        "spurting blood",
    ),
    "clinical_question": (
        "unconscious",
        "unresponsive",
        "passed out",
        "collapsed",
        "seizure*",
        "fitting",
        "overdose*",
        "took too many",
        "anaphyla*",
        "allergic reaction",
    ),
}

# Spanish as agents write it, with and without accents (both match, see above); "le"/"se" forms
# are how a caller's words are reported ("se ahoga": he is choking / short of breath).
SPANISH_RED_FLAG_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "chest_pain": (
        "dolor toracico",
        "dolor * pecho",
        "dolor en * pecho",
        "dolor precordial",
        "opresion toracica",
        "opresion * pecho",
        "opresion en * pecho",
        "presion en * pecho",
        "pecho apretado",
        "infarto",
        "ataque al corazon",
        "ataque cardiaco",
        "angina",  # not "angina*": "anginas" is tonsillitis
        "dolor * brazo izquierdo",
        "dolor * * brazo izquierdo",
    ),
    "breathing_difficulty": (
        "falta de aire",
        "falta * aire",
        "le falta * aire",
        "dificultad para respirar",
        "dificultad respiratoria",
        "le cuesta respirar",
        "respira con dificultad",
        "no puede respirar",
        "no puedo respirar",
        "no respira",
        "se ahoga",
        "ahogo",
        "ahogandose",
        "asfixia*",
        "disnea",
        "sin aliento",
        "labios morados",
        "labios azules",
        "cianosis",
        "cianotic*",
        "garganta * hinchada",
        "se le cierra * garganta",
        "sibilancias",
        "atragant*",
    ),
    "suicidal_ideation": (
        "suicid*",
        "quiere morir*",
        "quiero morir*",
        "ganas de morir*",
        "desea morir*",
        "matarse",
        "matarme",
        "quitarse la vida",
        "quitarme la vida",
        "acabar con su vida",
        "acabar con mi vida",
        "hacerse dano",
        "hacerme dano",
        "autolesion*",
        "no quiere vivir",
        "no quiero vivir",
        "mejor muerto",
        "mejor muerta",
    ),
    "stroke_signs": (
        "ictus",
        "derrame cerebral",
        "accidente cerebrovascular",
        "acv",
        "cara caida",
        "cara torcida",
        "boca torcida",
        "boca desviada",
        "paralisis facial",
        "habla arrastrada",
        "arrastra * palabras",
        "dificultad para hablar",
        "no puede hablar",
        "no puede levantar * brazo",
        "debilidad en * brazo",
        "debilidad en * pierna",
        "debilidad de un lado",
        "brazo debil",
        "hormigueo en un lado",
        "entumecimiento de un lado",
        "adormecimiento de un lado",
        "confusion repentina",
        "confusion subita",
    ),
    "severe_bleeding": (
        "sangrado abundante",
        "sangrado importante",
        "sangrado intenso",
        "sangrado severo",
        "hemorragia*",
        "sangra mucho",
        "sangrando mucho",
        "no para de sangrar",
        "no deja de sangrar",
        "sangrado que no para",
        "vomita sangre",
        "vomitando sangre",
        "vomito con sangre",
        "tose sangre",
        "tosiendo sangre",
        "escupe sangre",
        "mucha sangre",
        "sangre por todas partes",
        "perdiendo mucha sangre",
    ),
    "clinical_question": (
        "inconsciente",
        "no responde",
        "perdio el conocimiento",
        "perdida de conocimiento",
        "se desmayo",
        "convulsion*",
        "crisis convulsiva",
        "sobredosis",
        "tomo demasiad*",
        "anafila*",
        "reaccion alergica",
    ),
}

RED_FLAG_PHRASES_BY_LANGUAGE: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": ENGLISH_RED_FLAG_PHRASES,
    "es": SPANISH_RED_FLAG_PHRASES,
}

# What the app uses unless IT provisions notes.red_flags: every language's phrases, per reason.
DEFAULT_RED_FLAG_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    reason: tuple(
        dict.fromkeys(
            phrase for phrases in RED_FLAG_PHRASES_BY_LANGUAGE.values() for phrase in phrases.get(reason, ())
        )
    )
    for reason in REASON_CODES
}
