"""STUDY_DESIGN mentions: modifier chains ending in a design head, standalone design words, absent controls.

The vocabulary is data (``lexicons/designs.json``); normalization onto the fixed design
vocabulary happens in :func:`extractor.normalize.design_of`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons.vocabulary import words
from .batching import BatchedPipe
from .spans import add_candidate, doc_strings, index_sentences, lower_words, positions_of, sentence_starts, token_words

DURATION = re.compile(r"^\d+-(day|week|month|year)$")
GENERIC_MODIFIERS = words("design_generic_modifiers")
# A trial's length ("52-week", "2-year") is walked over but is no part of the design it names.
# "the open-label design" names the design by its modifiers: the head noun stays outside.
MODIFIER_ONLY_HEADS = words("design_modifier_only_heads")
# "single" belongs to a design written in two words ("single arm", "single centre"), not to
# "the largest single randomized trial".
SPLIT_MODIFIER_ENDS = words("design_split_modifier_ends")
# Standalone design words that also describe a condition when a noun follows them.
CLINICAL_SENSE = words("design_words_in_clinical_sense")
VOCABULARY = Path(__file__).resolve().parent.parent / "lexicons" / "designs.json"


def load_vocabulary(path: Path = VOCABULARY) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class ChainMemo:
    """What the walks from earlier heads of a doc found, reused by later heads."""

    left: dict[int, int] = field(default_factory=dict)  # position -> where the leftward walk from it stops
    strong: dict[int, tuple[int, set[str]]] = field(default_factory=dict)  # chain start -> (scanned to, words)
    first_kept: dict[int, int] = field(default_factory=dict)  # chain start -> first non-weak position so far


class DesignMatcher(BatchedPipe):
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

    def _is_modifier(self, text: str) -> bool:
        """Whether a lower-case word is a design modifier (strong, weak, a duration, or with a strong hyphen part)."""
        return (text in self.strong or text in self.weak or bool(DURATION.match(text))
                or any(part in self.strong for part in text.split("-")))

    def _chain(self, doc: Doc, head: int, memo: "ChainMemo") -> Span | None:
        """Return the design phrase ending at ``head``, or None when no strong modifier qualifies it."""
        lower = lower_words(doc)
        start = head
        sent_start = sentence_starts(doc)[head]  # ``doc[head].sent.start``, from the doc's sentence table
        if start > sent_start and self._is_modifier(lower[start - 1]):
            start = self._walk_left(doc, start - 1, sent_start, memo)
        while start < head and not self._is_modifier(lower[start]):
            start += 1
        strong = self._strong_words(doc, start, head, memo)
        head_text = lower[head]
        if head_text in ("cohort", "registry", "trial") and self._introduces_cohort(doc, head):
            return Span(doc, self._skip_weak(doc, start, head, memo), head + 1, label="STUDY_DESIGN")
        if head_text in ("meta-analysis", "meta-analyses"):
            return Span(doc, self._skip_weak(doc, start, head, memo), head + 1, label="STUDY_DESIGN")
        if not strong:
            return None
        if strong <= GENERIC_MODIFIERS and head_text in self.weak_heads and "analys" not in head_text:
            return None  # "clinical study" names no design; "clinical trials" and "secondary analysis" do
        start = self._skip_weak(doc, start, head, memo)
        if head_text in MODIFIER_ONLY_HEADS:
            return Span(doc, start, head, label="STUDY_DESIGN") if start < head else None
        return Span(doc, start, head + 1, label="STUDY_DESIGN")

    def _steps_left(self, doc: Doc, start: int, sent_start: int) -> bool:
        """Whether the chain grows over ``doc[start - 1]``: a modifier, or "," / "and" between modifiers."""
        lower = lower_words(doc)
        return self._is_modifier(lower[start - 1]) or (
            token_words(doc)[start - 1] in (",", "and") and start - 2 >= sent_start
            and self._is_modifier(lower[start - 2]))

    def _walk_left(self, doc: Doc, start: int, sent_start: int, memo: "ChainMemo") -> int:
        """Where the leftward walk from ``start`` (below the head) stops; every position it passes
        stops at the same place, so heads that share a modifier run walk it once."""
        passed = []
        while start not in memo.left and start > sent_start and self._steps_left(doc, start, sent_start):
            passed.append(start)
            start -= 1
        stop = memo.left.get(start, start)
        for position in passed + [start]:
            memo.left[position] = stop
        return stop

    def _strong_words(self, doc: Doc, start: int, head: int, memo: "ChainMemo") -> set[str]:
        """The strong modifiers among the words of ``doc[start:head]`` and their hyphen parts.

        Heads come in order and chains from one start only grow, so each start's words are read once.
        """
        scanned, found = memo.strong.get(start, (start, set()))
        if scanned > head:
            scanned, found = start, set()
        for word in lower_words(doc)[scanned:head]:
            found.update(({word} | set(word.split("-"))) & self.strong)
        memo.strong[start] = (head, found)
        return set(found)

    def _skip_weak(self, doc: Doc, start: int, head: int, memo: "ChainMemo") -> int:
        """Leading weak words ("large", "smaller", "recent") are context, not design."""
        keep = ("double", "open", "phase", "1", "2", "3", "4", "i", "ii", "iii", "iv", "ia", "ib", "iia", "iib", "iiia",
                "iiib", "1a", "1b", "2a", "2b", "3a", "3b")
        split_starts = ("single",)
        position = memo.first_kept.get(start, start)
        lower = lower_words(doc)
        while position < head:
            word = lower[position]
            if word in split_starts:
                if lower[position + 1] in SPLIT_MODIFIER_ENDS:
                    break
            elif not ((word in self.weak and word not in keep) or doc[position].is_punct or DURATION.match(word)):
                break
            position += 1
        memo.first_kept[start] = position
        return min(position, head)

    @staticmethod
    def _introduces_cohort(doc: Doc, head: int) -> bool:
        """ "a cohort of 1,310 adults", "a trial of 446 smokers" name a design; "in this cohort" only points back."""
        strings = doc_strings(doc)  # the words and number flags of the doc, not a Token object each
        lower = strings.lower
        previous = lower[head - 1] if head > 0 else ""
        return head + 3 <= len(lower) and lower[head + 1] == "of" and bool(strings.like_num[head + 2]) \
            and previous not in ("this", "that", "the", "same")

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        spans = []
        memo = ChainMemo()
        lower = lower_words(doc)
        for i in positions_of(lower, self.heads):
            span = self._chain(doc, i, memo)
            if span is not None:
                spans.append(span)
        for _, start, end in self.phrases(doc):
            if end - start == 1 and lower[start] in CLINICAL_SENSE and end < len(doc) and doc[end].is_alpha \
                    and lower[end] not in self.heads:
                continue  # "uncontrolled hypertension" names a condition; "the study was uncontrolled" a design
            spans.append(Span(doc, start, end, label="STUDY_DESIGN"))
        for span in filter_spans(spans):
            add_candidate(doc, span.start, span.end, "STUDY_DESIGN")
        return doc


@Language.factory("design_matcher")
def make_design_matcher(nlp: Language, name: str) -> DesignMatcher:
    return DesignMatcher(nlp, name, load_vocabulary())
