"""Whether a non-drug arm phrase names a treatment at all.

The learned INTERVENTION spans and the result grammar's arm phrases sometimes cut a fragment out of a
sentence rather than an arm's name: a degree or statistics word ("significant", "substantial within"),
a count of arms ("two internet-based", "one of the three interfaces"), a quantifier ("such
approaches", "more fluid", "different strategies"), a dose unit left without its drug ("mg treatment")
a number ("55.8±7.1 years") or a bare dose ("0.5-ml dose"). Such a phrase is no arm: it would otherwise be offered to the arm
scorer (:mod:`extractor.arms`) and become a record's intervention.
"""

from __future__ import annotations

import re
from typing import Collection

from .lexicons import DATA_DIR, PROJECT_FILES, condition_mesh_ids, read_jsonl
from .lexicons.vocabulary import word_list, words

# First words that make an arm phrase a fragment, not a name (after leading determiners are cut).
NOT_A_NAME_LEAD = words("arm_fragment_leads")
# Words that alone name no particular treatment ("combination therapy", "the low dose", "surgical").
NAMES_NO_TREATMENT = words("generic_arm_words", "arm_words_naming_no_treatment", "arm_words_naming_no_design")
# Last words that make an arm phrase a fragment of a clause ("type of feedback may"): a verb, not a name's head.
NOT_A_NAME_TAIL = words("arm_fragment_tails")
# The written forms of the clinical outcomes and harms the project lists ("weight loss", "infections"): an arm
# phrase that is one, or ends in a one-word one, names what was measured or treated, not a treatment.
OUTCOME_TERMS = frozenset(term.lower() for name in (PROJECT_FILES["OUTCOME"], "adverse_effects.jsonl")
                          for row in read_jsonl(DATA_DIR / name) for term in [row["name"], *row.get("terms", [])])
# Outcomes that are also procedures a trial may compare ("early dialysis", "restrictive transfusion"): arm heads.
PROCEDURES = words("outcome_words_naming_procedures")
# Heads that make a phrase name people or places ("nurses", "12 schools"), not a treatment.
PEOPLE_HEADS = words("participant_heads", "arm_words_naming_people")
# Verbs that, after the first word, make the phrase a clause ("X revealed significant changes"): the arm is
# the words before the verb (:func:`before_clause_verb`); with an auxiliary ("X may be related") no arm.
LEXICAL_CLAUSE_VERBS = words("arm_clause_verbs")
CLAUSE_VERBS = LEXICAL_CLAUSE_VERBS | NOT_A_NAME_TAIL
# Words of the study or its analysis ("pilot sample size", "randomized trial comparing X"): no treatment's name.
STUDY_WORDS = words("arm_study_words")
# Words that as a whole arm phrase name nothing given ("test", "intensive"), though with a noun they may.
ALONE_NAMING_NOTHING = words("arm_words_alone_naming_nothing")
# Words that never stand inside an arm's name: an article inside the phrase joins two phrases.
INNER_BREAKS = words("arm_inner_breaks")
DOSE_HEADS = words("dose_heads")
LETTER_WORD = re.compile(r"[a-z]{3}")

# "<head> of <arm>": words naming an amount, a way or an effect of giving the arm, not the arm itself.
OF_HEADS = words("arm_of_heads")
# Words after which an arm phrase names its arm ("place either the i-gel", "receiving both the ...").
INNER_LEADS = words("arm_inner_leads")


def trim_arm_name(name: str) -> str:
    """The arm an arm phrase names: past "<head> of" ("weekly session of hydrotherapy" -> hydrotherapy)
    and past an inner "either"/"the" ("place either the i-gel" -> i-gel)."""
    parts = name.split()
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] in INNER_LEADS or parts[i] == "of" and i > 0 and parts[i - 1] in OF_HEADS:
            return " ".join(parts[i + 1:])
    return name


# Leading words that say how an arm was given ("structured", "tailored"), not what: a record names the arm without them.
QUALIFIERS = words("arm_name_qualifiers")


def without_qualifiers(name: str) -> str:
    """A non-drug arm's name without its leading :data:`QUALIFIERS` (and an "and" between them), two words kept
    ("structured multicomponent educational program" -> "educational program"): a question names the arm by
    what was given, and the qualifiers would outweigh its words under the half-the-words match."""
    parts = name.split()
    cut = 0
    while cut < len(parts) - 2 and (parts[cut] in QUALIFIERS or cut and parts[cut] == "and"):
        cut += 1
    return " ".join(parts[cut:]) if cut else name


def _lexicons() -> dict:
    """The pipeline's compiled lexicons (read once per process, shared with the entity tagger)."""
    from .pipeline import shared_lexicons
    return shared_lexicons()


def names_condition_or_marker(name: str) -> bool:
    """Whether an arm phrase is a disease or a laboratory marker the lexicons list (and no drug), or ends in a
    disease word ("chest indrawing pneumonia", "central fatigue"): what was treated or measured, not a treatment."""
    lexicons = _lexicons()
    drugs, diseases, markers = lexicons.get("DRUG"), lexicons.get("DISEASE"), lexicons.get("LAB_MARKER")
    if drugs is not None and drugs.get(name) is not None:
        return False
    if markers is not None and markers.get(name) is not None:
        return True
    last = name.rsplit(" ", 1)[-1]
    if diseases is None or last in PROCEDURES:
        return False
    conditions = condition_mesh_ids()
    return any(entry is not None and entry.ids_dict().get("mesh") in conditions
               for entry in (diseases.get(name), diseases.get(last) if last != name else None))


def clause_verb_at(words_: list[str]) -> int | None:
    """The position, after the first, of the first verb that makes an arm phrase's words a clause ("lmwf-5a
    resulted", "cbt revealed significant changes" -> 1): the arm is named by the words before it."""
    return next((i for i, word in enumerate(words_) if i and word in LEXICAL_CLAUSE_VERBS), None)


def is_arm_name(name: str, labels: Collection[str] = frozenset()) -> bool:
    """Whether ``name`` (an arm phrase, lower-cased, leading determiners cut) can name a treatment arm;
    ``labels``: the names the text writes before "group" or "arm", which stand for an arm even where they name a
    condition ("the fatigue group")."""
    parts = name.split()
    if not parts or parts[0] in NOT_A_NAME_LEAD or parts[-1] in NOT_A_NAME_TAIL or INNER_BREAKS.intersection(parts[1:]):
        return False
    if CLAUSE_VERBS.intersection(parts[1:]) or STUDY_WORDS.intersection(parts):
        return False  # "X revealed significant changes", "pilot sample size": a clause or the study, not an arm
    if len(parts) == 1 and parts[0] in ALONE_NAMING_NOTHING or name.endswith("-") or "[" in name:
        return False  # "test", "intensive"; "olanzapine-" or "days [1-5]": a word cut from its compound or a citation
    if all(part in NAMES_NO_TREATMENT for part in parts):
        return False  # "combination therapy", "low dose", "retrospective": which treatment, the phrase does not say
    if (name in OUTCOME_TERMS or len(parts) > 1 and parts[-1] in OUTCOME_TERMS) and parts[-1] not in PROCEDURES:
        return False  # "weight loss", "bacterial infections": what the trial measured or treated
    if name not in labels and names_condition_or_marker(name):
        return False  # "pneumonia", "C-reactive protein": the condition treated or the marker measured
    if parts[-1] in PEOPLE_HEADS:
        return False  # "nurses", "eligible beneficiaries": who, not what they were given
    if len(parts) == 1 and parts[0].endswith("ed") and not parts[0].endswith("eed"):
        return False  # "printed": a participle left without the noun it qualifies (not "flaxseed")
    if parts[0].startswith("non-"):
        return False  # "non-surgical management": the arm without the treatment, what it is compared with
    if parts[0][0].isdigit() and parts[-1] in DOSE_HEADS:
        return False  # "0.5-ml dose": a dose, which every arm of a dose trial names
    return "±" not in name and bool(LETTER_WORD.search(name))


# A product's name marked as a brand ("Papacárie®", "Alpha Brain®"): up to two capitalized words before the mark.
BRANDED = re.compile(r"(?<![\w-])((?:[A-Z][\w'-]*\s)?[A-Z][\w'-]*|[a-z][\w'-]*)\s?[®™]")
# A code-named product ("AKL1", "BAY 94-8862", "EPs-7630"): capitals, then digits, as one word or two.
# (The lookbehind, "no word character, stop, slash or hyphen before the capital", is written after the
# capital so that the regex engine can jump from capital to capital instead of trying every position.)
CODE_NAME = re.compile(r"([A-Z](?<![\w./-].)[A-Za-z]{1,5}(?:-|\s)?\d{1,6}(?:-\d{1,6})?)(?![\w./%-])")
LETTERS, CODE_GAPS = re.compile(r"[A-Za-z]+"), re.compile(r"[\s-]")  # a code's letter part; what its key drops
# A code name stands for an arm only where the text names it this often.
MIN_CODE_MENTIONS = 2
# Words after a code that make it a study, a scale or a measure, not a product ("XYZ 123 trial", "ABC-10 score").
NOT_A_PRODUCT_AFTER = frozenset(word_list("code_name_followers_not_products"))


def product_names(text: str, taken: list[tuple[int, int]], not_codes: frozenset[str],
                  measures: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of the brand-marked product names of a text and of its code names ("AKL1",
    "BAY 94-8862") named at least :data:`MIN_CODE_MENTIONS` times: candidate arms where a trial's
    intervention is a product that no lexicon lists. ``taken``: character spans of the entities already
    tagged, which no product name may overlap; ``not_codes``: upper-cased letter parts that name scales,
    genes and other measures rather than products ("SF" of "SF-36"); ``measures``: character spans of the
    mentions of what was measured, whose abbreviation ("oxygen saturation (XO2)") is no product either."""
    ends = {end for _, end in measures}
    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    # every brand name ends on the mark: a text without one has none (most texts)
    found = [(m.start(1), m.end(1)) for m in BRANDED.finditer(text) if free(m.start(1), m.end(1))] \
        if "®" in text or "™" in text else []
    codes: dict[str, list[tuple[int, int]]] = {}
    measured = set()  # codes named inside a tagged mention ("QoL-12 scores"), naming a study ("XYZ 123 trial")
    # or a measure ("levels of XY1", "oxygen saturation (XO2)")
    for match in CODE_NAME.finditer(text):
        code = match.group(1)
        letters = LETTERS.match(code).group().upper()
        if sum(ch.isupper() for ch in code) < 2 or letters in not_codes:
            continue
        key = CODE_GAPS.sub("", code.upper())
        following = text[match.end(1):match.end(1) + 20].split()[:1]
        before = text[max(0, match.start(1) - 30):match.start(1)].lower().split()[-2:]
        measure_of = len(before) == 2 and before[1] == "of" and before[0] in NOT_A_PRODUCT_AFTER  # "levels of XY1"
        abbreviates = text[:match.start(1)].endswith("(") and len(text[:match.start(1) - 1].rstrip()) in ends
        if not free(match.start(1), match.end(1)) or measure_of or abbreviates \
                or following and following[0].lower().strip(".,;:)") in NOT_A_PRODUCT_AFTER:
            measured.add(key)
            continue
        codes.setdefault(key, []).append((match.start(1), match.end(1)))
    for key, spans in codes.items():
        if len(spans) >= MIN_CODE_MENTIONS and key not in measured:
            found.extend(spans)
    return sorted(set(found))
