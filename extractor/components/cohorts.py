"""COHORT_SIZE mentions: participant counts with their head noun, "n = 120", and bare arm counts.

Counts of trials, doses, days or events are not cohorts: the head noun decides.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .spans import add_candidate

PARTICIPANTS = [
    "patients", "patient", "participants", "participant", "adults", "adult", "children", "child",
    "subjects", "individuals", "people", "persons", "women", "men", "infants", "neonates", "newborns",
    "adolescents", "cases", "controls", "volunteers", "residents", "veterans", "recipients",
    "survivors", "users", "mothers", "pregnancies", "pregnant", "outpatients", "inpatients",
    "smokers", "athletes", "workers", "employees", "students", "elderly", "girls", "boys",
    "respondents", "donors", "nonusers", "non-users", "hospitalizations", "admissions", "episodes",
]
# Up to two words may stand between the number and the head: "1,548 surgical patients".
QUALIFIER_STOP = {
    "of", "in", "with", "and", "or", "to", "for", "from", "by", "at", "on", "the", "a", "an", "were",
    "was", "had", "have", "trials", "studies", "days", "weeks", "months", "years", "doses", "mg", "%",
}
ARM_VERBS = ["had", "have", "were", "was", "received", "receiving", "underwent", "developed", "died", "did", "remained"]
NUMBER_TEXT = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$")


# spaCy's like_num does not know "forty-two"
HYPHENATED_NUMBER = r"^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)$"


def _is_count(token) -> bool:
    """Whole numbers in digits ("2,773") or words ("two hundred", "forty-two"), not decimals."""
    return bool(NUMBER_TEXT.match(token.text)) or (token.like_num and token.is_alpha) or bool(
        re.match(HYPHENATED_NUMBER, token.lower_))


def build_matcher(nlp: Language) -> Matcher:
    matcher = Matcher(nlp.vocab)
    number = {"LIKE_NUM": True}
    hyphenated = {"LOWER": {"REGEX": HYPHENATED_NUMBER}}
    head = {"LOWER": {"IN": PARTICIPANTS}}
    qualifier = {"IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(QUALIFIER_STOP)}}
    matcher.add("COHORT", [
        [hyphenated, {"LIKE_NUM": True, "OP": "*"}, head],
        [hyphenated, {"LIKE_NUM": True, "OP": "*"}, qualifier, head],
        [number, {"LIKE_NUM": True, "OP": "*"}, head],
        [number, {"LIKE_NUM": True, "OP": "*"}, qualifier, head],
        [number, {"LIKE_NUM": True, "OP": "*"}, qualifier, qualifier, head],
        [number, qualifier, {"TEXT": "-"}, qualifier, head],
    ])
    matcher.add("N_EQUALS", [
        [{"LOWER": "n"}, {"TEXT": {"IN": ["=", ":"]}}, number],
        [{"LOWER": {"REGEX": r"^n=\d[\d,]*$"}}],
        [{"LOWER": "n"}, {"LOWER": {"REGEX": r"^=\d[\d,]*$"}}],
    ])
    matcher.add("ARM", [[number, {"LOWER": {"IN": ARM_VERBS}}]])
    return matcher


class CohortMatcher:
    """Adds COHORT_SIZE candidates; a bare number counts only beside another cohort in its sentence."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = build_matcher(nlp)
        self.arm_id = nlp.vocab.strings["ARM"]

    def __call__(self, doc: Doc) -> Doc:
        spans, arms = [], []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label="COHORT_SIZE")
            if not any(_is_count(t) for t in span):
                continue
            if start > 0 and doc[start - 1].text in ("-", "/", "×", "x", "."):
                continue  # "day 28-30 patients", ratios, decimals
            if match_id == self.arm_id:
                arms.append(Span(doc, start, start + 1, label="COHORT_SIZE"))
            else:
                spans.append(span)
        spans = filter_spans(spans)
        with_heads = {s.sent.start for s in spans if s[-1].lower_ in PARTICIPANTS}
        for arm in arms:
            if arm.sent.start in with_heads and not any(s.start <= arm.start < s.end for s in spans):
                previous = doc[arm.start - 1] if arm.start else None
                if previous is None or previous.lower_ in ("whereas", "while", "and", ",", "but", "only", "of", "remaining", "other", "another"):
                    spans.append(arm)
        for span in filter_spans(spans):
            add_candidate(doc, span.start, span.end, "COHORT_SIZE")
        return doc


@Language.factory("cohort_matcher")
def make_cohort_matcher(nlp: Language, name: str) -> CohortMatcher:
    return CohortMatcher(nlp, name)
