"""Chooses the final mentions among overlapping candidates and writes them to ``doc.ents``.

Policy: the longest candidate wins ("low-molecular-weight heparin" over "heparin"); on equal
spans the label priority decides (a lab analyte such as "glucose" is a LAB_MARKER before it is
a drug). Spans from a statistical tagger, when one is configured, are merged before this step.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon_matcher import release_token_table
from .spans import candidates

PRIORITY = ("LAB_MARKER", "OUTCOME", "STUDY_DESIGN", "COHORT_SIZE", "DRUG")


class MentionResolver:
    def __init__(self, nlp: Language, name: str, priority: list[str]):
        self.name = name
        self.rank = {label: i for i, label in enumerate(priority)}

    def __call__(self, doc: Doc) -> Doc:
        ordered = sorted(
            candidates(doc),
            key=lambda s: (-(s.end_char - s.start_char), self.rank.get(s.label_, len(self.rank)), s.start),
        )
        chosen, taken = [], set()
        for span in ordered:
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        doc.ents = sorted(chosen, key=lambda s: s.start)
        release_token_table(doc)  # every dictionary scan runs before this component
        return doc


@Language.factory("mention_resolver", default_config={"priority": list(PRIORITY)})
def make_mention_resolver(nlp: Language, name: str, priority: list[str]) -> MentionResolver:
    return MentionResolver(nlp, name, priority)
