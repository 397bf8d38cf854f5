"""STUDY_DESIGN mentions: modifier chains ending in a design head, standalone design words, absent controls.

The vocabulary is data (``lexicons/designs.json``); normalization onto the fixed design
vocabulary happens in :func:`extractor.normalize.design_of`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .spans import add_candidate

DURATION = re.compile(r"^\d+-(day|week|month|year)$")
GENERIC_MODIFIERS = {"clinical", "patient", "participant", "individual", "phase", "secondary"}
VOCABULARY = Path(__file__).resolve().parent.parent / "lexicons" / "designs.json"


def load_vocabulary(path: Path = VOCABULARY) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


class DesignMatcher:
    """Finds design phrases by walking left from a head noun over known modifiers."""

    def __init__(self, nlp: Language, name: str, vocabulary: dict):
        self.name = name
        self.heads = {w.lower() for w in vocabulary["heads"]}
        self.weak_heads = {w.lower() for w in vocabulary["heads_needing_strong_modifier"]}
        self.strong = {w.lower() for w in vocabulary["strong_modifiers"]}
        self.weak = {w.lower() for w in vocabulary["weak_modifiers"]}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("STANDALONE", list(nlp.tokenizer.pipe(vocabulary["standalone"])))
        self.phrases.add("UNCONTROLLED", list(nlp.tokenizer.pipe(vocabulary["uncontrolled_phrases"])))

    def _is_modifier(self, token) -> bool:
        text = token.lower_
        return (text in self.strong or text in self.weak or bool(DURATION.match(text))
                or any(part in self.strong for part in text.split("-")))

    def _chain(self, doc: Doc, head: int) -> Span | None:
        """Return the design phrase ending at ``head``, or None when no strong modifier qualifies it."""
        start = head
        sent_start = doc[head].sent.start
        while start > sent_start:
            previous = doc[start - 1]
            if self._is_modifier(previous):
                start -= 1
            elif previous.text in (",", "and") and start - 2 >= sent_start and self._is_modifier(doc[start - 2]) and start < head:
                start -= 1
            else:
                break
        while start < head and not self._is_modifier(doc[start]):
            start += 1
        words = {t.lower_ for t in doc[start:head]}
        parts = {p for t in doc[start:head] for p in t.lower_.split("-")}
        strong = (words | parts) & self.strong
        head_text = doc[head].lower_
        if head_text in ("cohort", "registry", "trial") and self._introduces_cohort(doc, head):
            return Span(doc, self._skip_weak(doc, start, head), head + 1, label="STUDY_DESIGN")
        if head_text in ("meta-analysis", "meta-analyses"):
            return Span(doc, self._skip_weak(doc, start, head), head + 1, label="STUDY_DESIGN")
        if not strong:
            return None
        if strong <= GENERIC_MODIFIERS and head_text in self.weak_heads and "analys" not in head_text:
            return None  # "clinical study" names no design; "clinical trials" and "secondary analysis" do
        return Span(doc, self._skip_weak(doc, start, head), head + 1, label="STUDY_DESIGN")

    def _skip_weak(self, doc: Doc, start: int, head: int) -> int:
        """Leading weak words ("large", "smaller", "recent") are context, not design."""
        keep = ("double", "single", "open", "phase", "1", "2", "3", "4", "i", "ii", "iii", "iv")
        while start < head and ((doc[start].lower_ in self.weak and doc[start].lower_ not in keep) or doc[start].is_punct):
            start += 1
        return start

    @staticmethod
    def _introduces_cohort(doc: Doc, head: int) -> bool:
        """ "a cohort of 2,104 adults", "a trial of 446 smokers" name a design; "in this cohort" only points back."""
        following = doc[head + 1: head + 3]
        previous = doc[head - 1].lower_ if head > 0 else ""
        return len(following) == 2 and following[0].lower_ == "of" and following[1].like_num and previous not in ("this", "that", "the", "same")

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for token in doc:
            if token.lower_ in self.heads:
                span = self._chain(doc, token.i)
                if span is not None:
                    spans.append(span)
        for _, start, end in self.phrases(doc):
            spans.append(Span(doc, start, end, label="STUDY_DESIGN"))
        for span in filter_spans(spans):
            add_candidate(doc, span.start, span.end, "STUDY_DESIGN")
        return doc


@Language.factory("design_matcher")
def make_design_matcher(nlp: Language, name: str) -> DesignMatcher:
    return DesignMatcher(nlp, name, load_vocabulary())
