"""Abbreviations defined in the text take the label and norm of their long form.

scispaCy's ``abbreviation_detector`` finds "venous thromboembolism (VTE)" and every later
"VTE"; this component copies the long form's label and canonical name onto each short
form, because the long form is what the lexicons know and what a curator recognises.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .spans import add_candidate, candidates


class AbbreviationLinker:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("abbreviations"):
            return doc
        found = candidates(doc)
        by_tokens = {(s.start, s.end): s for s in found}
        for short in doc._.abbreviations:
            long_form = short._.long_form
            source = by_tokens.get((long_form.start, long_form.end)) or next(
                (s for s in found if s.start >= long_form.start and s.end == long_form.end), None)
            if source is None or (short.start, short.end) in by_tokens and by_tokens[(short.start, short.end)].label_ == source.label_:
                continue
            if source.label_ in ("COHORT_SIZE", "STUDY_DESIGN"):
                continue
            add_candidate(doc, short.start, short.end, source.label_, source.kb_id_, source.id_)
        return doc


@Language.factory("abbreviation_linker")
def make_abbreviation_linker(nlp: Language, name: str) -> AbbreviationLinker:
    return AbbreviationLinker(nlp, name)
