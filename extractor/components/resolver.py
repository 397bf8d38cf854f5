"""Chooses the final mentions among overlapping candidates and writes them to ``doc.ents``.

Policy: the longest candidate wins ("low-molecular-weight heparin" over "heparin"); on equal
spans the label priority decides (a lab analyte such as "glucose" is a LAB_MARKER before it is
a drug). Spans from a statistical tagger, when one is configured, are merged before this step.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..lexicons.vocabulary import words
from .batching import BatchedPipe
from .lexicon_matcher import release_token_table
from .spans import DRUG, LAB_MARKER, OUTCOME, candidates, lower_words, release_candidates

PRIORITY = ("LAB_MARKER", "OUTCOME", "STUDY_DESIGN", "COHORT_SIZE", "DRUG")
# A substance that is both a lab analyte and a drug ("albumin", "magnesium") is the drug where it is given:
# "the albumin group", "magnesium infusion", "albumin added to crystalloids", "received albumin", "albumin
# reduced mortality".
GIVEN_AFTER = words("given_substance_after")
GIVEN_BEFORE = words("given_substance_before")
EFFECT_VERBS = words("given_substance_effect_verbs")
EFFECT_REACH = 4


class MentionResolver(BatchedPipe):
    def __init__(self, nlp: Language, name: str, priority: list[str]):
        self.name = name
        self.rank = {get_string_id(label): i for i, label in enumerate(priority)}  # by ``span.label``

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        release_candidates(doc)  # the last reader of the whole group
        given = given_drugs(doc, found)
        ordered = sorted(
            found,
            key=lambda s: (-(s.end_char - s.start_char), -1 if (s.start, s.end) in given and s.label == DRUG
                           else self.rank.get(s.label, len(self.rank)), s.start),
        )
        chosen, taken = [], set()
        for span in ordered:
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        # what ``doc.ents = ...`` does, less its making every Span anew from the ones given
        doc.set_ents(sorted(chosen, key=lambda s: s.start))
        release_token_table(doc)  # every dictionary scan runs before this component
        return doc


def given_drugs(doc: Doc, found: list[Span]) -> set[tuple[int, int]]:
    """(start, end) of the spans that are both a DRUG and a LAB_MARKER candidate and stand where a treatment is given."""
    drugs = {(s.start, s.end) for s in found if s.label == DRUG}
    both = {(s.start, s.end) for s in found if s.label == LAB_MARKER} & drugs
    if not both:
        return set()
    lower = lower_words(doc)
    outcome_starts = {s.start for s in found if s.label in (OUTCOME, LAB_MARKER)}
    return {(start, end) for start, end in both if _given(lower, start, end, outcome_starts)}


def _given(lower: list[str], start: int, end: int, outcome_starts: set[int]) -> bool:
    after = lower[end:end + 3]
    if start > 0 and lower[start - 1] in GIVEN_BEFORE or after[:1] and after[0] in GIVEN_AFTER:
        return True
    verb = end + 2 if after[:2] in (["did", "not"], ["does", "not"]) else end
    if verb >= len(lower) or lower[verb] not in EFFECT_VERBS:
        return False
    return any(i in outcome_starts for i in range(verb + 1, verb + 1 + EFFECT_REACH))


@Language.factory("mention_resolver", default_config={"priority": list(PRIORITY)})
def make_mention_resolver(nlp: Language, name: str, priority: list[str]) -> MentionResolver:
    return MentionResolver(nlp, name, priority)
