"""Pure normalization functions: numbers, lookup keys, spelling and study designs.

Nothing here touches spaCy; every function maps plain strings to plain values so
that each can be tested on its own and reused by the API and the evaluator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACES = re.compile(r"\s+")
# Greek letters of marker names spelt out as their own word, so "interleukin-1β", "IL-1 beta" and "TNFα" share the
# keys of "interleukin-1 beta", "IL-1beta"'s sibling forms and "TNF-alpha" (mu stays: it writes units, "μg").
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa", "ω": "omega"}
_GREEK_LETTER = re.compile("[" + "".join(_GREEK) + "]")

# British spellings folded to American ones so that either form finds a lexicon entry.
_SPELLING = [
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aemi"), "emi"),
    (re.compile(r"caesar"), "cesar"),
    (re.compile(r"viour"), "vior"),
    (re.compile(r"(?<!angi)oedema"), "edema"),  # "lymphoedema", "myxoedema"; "angioedema" is spelt so in both
    (re.compile(r"oea\b"), "ea"),
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"centre"), "center"),
    (re.compile(r"isation"), "ization"),
    (re.compile(r"(?<=[a-z]{4})is(ed|ing)\b"), r"iz\1"),
    (re.compile(r"oestro"), "estro"),
    (re.compile(r"paed"), "ped"),
    (re.compile(r"gynaec"), "gynec"),
    (re.compile(r"anaes"), "anes"),
    (re.compile(r"oesoph"), "esoph"),
    (re.compile(r"fibre"), "fiber"),
    (re.compile(r"litre"), "liter"),
    (re.compile(r"titre"), "titer"),
]
# Any one of the patterns above: a text none of them matches is left as it is by all of them, so one
# search spares most texts the substitutions (which run in order, as one may feed the next).
_ANY_SPELLING = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _SPELLING))


def _fold_spelling(text: str) -> str:
    if _ANY_SPELLING.search(text) is None:
        return text
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=65_536)
def _strip_accents(text: str) -> str:
    """``text`` with the combining marks of accented letters dropped ("Barré" -> "Barre")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def lookup_key(text: str, lowercase: bool = True) -> str:
    """Return the key under which a term is stored and looked up in a lexicon.

    Case (unless ``lowercase`` is false), dash style, hyphen-versus-space, white space,
    accents ("Barré", "Åsberg", "Sjögren"), Greek letters ("IL-1β" as "IL-1 beta") and British-versus-American
    spelling are folded, so "Low-molecular-weight heparin" and "low molecular weight heparin" share one key.
    """
    key = text if text.isascii() else _DASHES.sub("-", text)  # every dash _DASHES replaces lies outside ASCII
    if not key.isascii():
        key = _strip_accents(key)
        key = _GREEK_LETTER.sub(lambda match: f" {_GREEK[match.group()]} ", key)
    if lowercase:
        key = key.lower()
    key = key.replace("-", " ").replace("\u00a0", " ")
    # ``_SPACES.sub(" ", key).strip()`` without a regex: ``str.split`` splits at the characters ``\s``
    # matches (both test Py_UNICODE_ISSPACE) and drops those at either end
    key = " ".join(key.split())
    return _fold_spelling(key) if lowercase else key


@lru_cache(maxsize=65_536)
def american_spelling(text: str) -> str:
    """Return ``text`` lower-cased with British spellings folded to American ones (cached: the same
    names come back in every document)."""
    return _fold_spelling(text.lower())


# "the primary composite of X", "the secondary end point of X": the words naming the endpoint's role, not the endpoint.
_ENDPOINT_ROLE = re.compile(
    r"^(?:(?:primary|secondary|main)\s+)?(?:composite(?:\s+(?:outcome|endpoint|end point))?|outcome|endpoint|end point)"
    r"\s+of\s+(?=\S)", re.I)


def outcome_phrase_name(text: str) -> str:
    """The name of an outcome phrase found by its grammar, without a lead naming its role:
    "primary composite of death or dialysis" -> "death or dialysis"."""
    return _ENDPOINT_ROLE.sub("", text.strip())


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# One number word, hyphenated tens included ("seventeen", "twenty-four", "hundred"), matched on lower case.
NUMBER_WORD_PATTERN = (
    "^(" + "|".join([*_UNITS, *_SCALES]) + "|(" + "|".join(_TENS) + ")(-(" + "|".join(list(_UNITS)[1:10]) + "))?)$"
)
_NUMBER_WORD = re.compile(NUMBER_WORD_PATTERN)
_WORD_UNIT = re.compile(
    r"\b(" + "|".join([*list(_UNITS)[1:], *_TENS]) + r"|(?:" + "|".join(_TENS) + r")-(?:" + "|".join(list(_UNITS)[1:10])
    + r"))-(second|minute|hour|day|week|month|year|meter|metre|mile)\b", re.I)
_APPROX = re.compile(r"^\s*(~|≈|about|approximately|approx\.?|around|nearly|almost|roughly|some|circa|ca\.)\s*", re.I)
_NUMERIC = re.compile(r"^[<>≤≥]?\s*[-+]?(\d{1,3}(?:[,\u202f\u2009 ]\d{3})+|\d+)(\.\d+)?$")


def words_to_number(text: str) -> int | None:
    """Parse an English number written in words ("two hundred and five" -> 205)."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total, current = 0, 0
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return total + current


def time_frame_digits(text: str) -> str:
    """A number word joined to a time or distance unit written in digits, as annotators write time frames:
    "six-minute walk distance" -> "6-minute walk distance", "twelve-month relapse" -> "12-month relapse"."""
    if "-" not in text:
        return text
    return _WORD_UNIT.sub(lambda m: f"{words_to_number(m.group(1))}-{m.group(2)}", text)


# A care event named by its cause after it: "hospitalization for heart failure", "admission to critical care".
_CARE_EVENT_BY_CAUSE = re.compile(
    r"^(hospitalizations?|rehospitalizations?|readmissions?|admissions?)\s+(?:for|to|with|due to)\s+"
    r"((?:[a-z0-9-]+\s+){0,4}[a-z0-9-]+)$")


def outcome_name_form(name: str) -> str:
    """An outcome name written as the lexicons and dev.jsonl write names: dashes as hyphens, accents dropped
    ("guillain–barré syndrome" -> "guillain-barre syndrome"), and a care event after its cause
    ("hospitalization for pneumonia" -> "pneumonia hospitalization", "admission to intensive care" ->
    "intensive care admission", as the lexicons' "heart failure hospitalization")."""
    if not name.isascii():
        name = _strip_accents(_DASHES.sub("-", name))
    match = _CARE_EVENT_BY_CAUSE.match(name)
    if match is None or " for " in f" {match.group(2)} " or match.group(2).startswith(("any ", "all ")):
        return name
    cause = re.sub(r"^(?:the|a|an)\s+", "", match.group(2))
    head = match.group(1)
    return f"{cause} {head[:-1] if head.endswith('s') else head}"


def _joined(text: str) -> str:
    """``text`` lower-cased with dash style, accents, hyphens and spaces folded away, spelling kept."""
    return lookup_key(text, lowercase=False).lower().replace(" ", "")


# Salt words before a drug's anion form ("sodium valproate"): the drug is named without them. (Written here:
# normalize is imported by the lexicon loader, so it cannot read the vocabulary file.)
_SALT_WORDS = re.compile(r"^(?:(?:di|semi)?sodium|potassium|calcium|magnesium)\s+")


def _anion_form(name: str, text: str) -> str | None:
    """ "valproate" for the lexicon's "valproic acid" (also "mycophenolate", "zoledronate", "sodium valproate"):
    the text's anion form of an acid, which annotators keep as the drug's name; None for any other pair."""
    if not name.endswith("ic acid"):
        return None
    form = _SALT_WORDS.sub("", _SPACES.sub(" ", text).strip().lower())
    return form if form == name[: -len("ic acid")] + "ate" else None


def written_form(name: str, text: str) -> str:
    """The span's own wording as its name where a lexicon name differs from it only in case, hyphens
    versus spaces or nothing, dash style or accents, as the annotators name what the passage writes:
    ("renal replacement therapy", "renal-replacement therapy") -> "renal-replacement therapy"; a name
    that differs in its words or spelling ("low molecular weight heparin" for "LMWH", "anaemia" for
    "anemia", "beta-lactams" for "β-lactams") stays as it is."""
    if not text:
        return name
    if _joined(name) != _joined(text) or _GREEK_LETTER.findall(name) != _GREEK_LETTER.findall(text):
        return _anion_form(name, text) or name
    form = _DASHES.sub("-", text)
    if not form.isascii():
        form = _strip_accents(form)
    return _SPACES.sub(" ", form).strip().lower()


# "LONG (ABBR) rest" inside one name: the abbreviation, its long form before it, the words after it.
_INNER_SHORT_FORM = re.compile(r"^(?P<long>\S.*?)\s*\((?P<short>[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*)\)\s+(?P<rest>\S.*)$")


def inner_short_form_name(text: str) -> str:
    """A name whose abbreviation is defined inside it, written with the abbreviation in place of its long
    form, as the annotators name such classes and measures: "Bruton tyrosine kinase (BTK) inhibitors" ->
    "btk inhibitors", "complement-fixation (CF) titre" -> "cf titre"; any other text, lower-cased, with
    a bracket at its end or none left as it is ("interleukin (IL)-2" keeps its long form)."""
    match = _INNER_SHORT_FORM.match(text.strip())
    if match is None:
        return text.lower()
    return f"{match.group('short')} {match.group('rest')}".lower()


_INTERLEUKIN = re.compile(r"^(?:il|interleukin)\s*-?\s*(\d{1,2}[a-z]?)$")


def cytokine_name(name: str) -> str:
    """An interleukin named in full, as the lexicons name interleukin-6: "il-13" -> "interleukin-13",
    "il2" -> "interleukin-2", "interleukin 5" -> "interleukin-5"; any other name as it is."""
    match = _INTERLEUKIN.match(name)
    return f"interleukin-{match.group(1)}" if match else name


def parse_number(text: str) -> float | int | None:
    """Parse a number written with digits or words: "2,773" -> 2773, "1.5" -> 1.5.

    Returns an ``int`` for whole numbers, a ``float`` otherwise, ``None`` when the
    text is not a number. A leading approximation marker is ignored here (see
    :func:`parse_value`).
    """
    cleaned = _APPROX.sub("", text.strip())
    match = _NUMERIC.match(cleaned)
    if match:
        digits = re.sub(r"[^\d.+-]", "", cleaned)
        value = float(digits)
        return int(value) if match.group(2) is None else value
    return words_to_number(cleaned)


@dataclass(frozen=True)
class Value:
    """A number reported in a result, such as 29.1% or a hazard ratio of 0.61."""

    value: float | int
    unit: str | None = None
    approx: bool = False

    def to_dict(self) -> dict:
        return {"value": self.value, "unit": self.unit, "approx": self.approx}


def parse_value(text: str) -> Value | None:
    """Parse a reported value: "~20%" -> Value(20, "%", approx=True)."""
    approx = bool(_APPROX.match(text))
    body = _APPROX.sub("", text.strip())
    unit = "%" if body.endswith("%") else None
    number = parse_number(body.rstrip("%").strip())
    if number is None:
        return None
    return Value(number, unit, approx)


def cohort_value(text: str) -> int | None:
    """Return the participant count in a cohort mention ("2,773 patients" -> 2773, "n=120" -> 120,
    "One hundred and twelve adult patients" -> 112)."""
    match = re.search(r"\d{1,3}(?:[,\u202f\u2009]\d{3})+|\d+", text)
    if match:
        return int(re.sub(r"\D", "", match.group(0)))
    number = words_to_number(" ".join(_leading_number_words(text)))
    return int(number) if number else None


def _leading_number_words(text: str) -> list[str]:
    """The number words a phrase starts with: "Seventeen consecutive patients" -> ["seventeen"]."""
    words = []
    for word in text.lower().split():
        if _NUMBER_WORD.match(word) or (word == "and" and words):
            words.append(word)
        else:
            break
    while words and words[-1] == "and":
        words.pop()
    return words


DESIGNS = (
    "rct", "cohort", "case_control", "case_series", "cross_sectional", "meta_analysis",
    "systematic_review", "trial_registration", "preprint", "uncontrolled", "other",
)

# Ordered: the first rule whose pattern occurs in a design phrase decides its design.
_DESIGN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bpreprint"), "preprint"),
    (re.compile(r"no control|without (a )?control|uncontrolled|single arm|non ?comparative|did not include a control"), "uncontrolled"),
    (re.compile(r"meta analys|pooled analys|individual (patient|participant) data"), "meta_analysis"),
    (re.compile(r"systematic review|cochrane review|umbrella review|scoping review"), "systematic_review"),
    (re.compile(r"case control"), "case_control"),
    (re.compile(r"case series|case report"), "case_series"),
    (re.compile(r"cross sectional|survey"), "cross_sectional"),
    (re.compile(r"post hoc|secondary analys|exploratory analys|subgroup analys"), "other"),
    # "non-randomised", "quasi-randomised" and "Mendelian randomisation" say the groups were not randomised
    (re.compile(r"\bnon ?randomi[sz]|quasi randomi[sz]|mendelian randomi[sz]"), "other"),
    (re.compile(r"randomi[sz]|placebo|double blind|single blind|triple blind|trial"), "rct"),
    (re.compile(r"cohort|observational|registry|retrospective|prospective|follow up|longitudinal|database|real world"), "cohort"),
    # words that describe a trial without saying "trial": "the open-label design", "a phase 3 study"
    (re.compile(r"open label|head to head|cross ?over|parallel group|\bphase (i|ii|iii|iv|[1-4])[ab]?\b"), "rct"),
]


def design_of(phrase: str) -> dict:
    """Map a study-design phrase onto the fixed vocabulary of ``ANNOTATION.md``.

    Returns ``{"design": ...}`` plus ``"retrospective": bool`` where the phrase says
    retrospective or prospective.
    """
    key = lookup_key(phrase)
    design = next((name for pattern, name in _DESIGN_RULES if pattern.search(key)), "other")
    norm: dict = {"design": design}
    if design in ("cohort", "case_control", "cross_sectional", "other", "case_series"):
        if "retrospective" in key:
            norm["retrospective"] = True
        elif "prospective" in key:
            norm["retrospective"] = False
    return norm
