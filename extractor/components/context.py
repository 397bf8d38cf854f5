"""Negation and hedging in the ConText style: trigger phrases with a scope that stops at clause ends.

A forward trigger ("did not reduce", "no reduction in") covers the words after it up to the
end of its clause; a backward trigger ("did not differ", "were similar") covers its clause
before it. Hedging cues ("may", "suggested", "raise the possibility") mark their clause.
Scope ends at clause boundaries, which keeps "patients who did not receive the vaccine"
from negating the mortality reported earlier in the sentence. A "but not" / "and not" before a drug
("A but not B reduced Y") covers that drug alone: the result is denied for B, not for A.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress
from dataclasses import dataclass, field
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.vocabulary import word_list, words
from .batching import BatchedPipe
from .spans import DRUG, doc_extension, doc_sentences, lower_words

NEGATION_FORWARD = word_list("negation_forward_triggers")
# Sameness stated without a negation ("were similar", "was unchanged") is no negation: ANNOTATION.md's
# ``negated`` says a claim does not hold, and the gold records of "similar" and "non-inferior" results
# mostly leave it false; their direction is no_difference by the cue word itself.
NEGATION_BACKWARD = word_list("negation_backward_triggers")
HEDGES = word_list("hedge_triggers")
TERMINATORS = words("clause_conjunctions", "clause_punctuation", "scope_terminators")
MAX_FORWARD = 10


@dataclass
class ContextFlags:
    """Token indices under negation or hedging, and where each negation trigger stood."""

    negated: set[int] = field(default_factory=set)
    hedged: set[int] = field(default_factory=set)
    triggers: list[tuple[int, int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain lists, so a Doc carrying them can still be serialized."""
        return {"negated": sorted(self.negated), "hedged": sorted(self.hedged),
                "triggers": [list(t) for t in self.triggers]}

    @classmethod
    def from_doc(cls, doc: Doc) -> "ContextFlags":
        data = doc_extension(doc, "evidence_context") if Doc.has_extension("evidence_context") else None
        if not data:
            return cls()
        return cls(set(data["negated"]), set(data["hedged"]), [tuple(t) for t in data["triggers"]])


def _phrase_matches(tokens: list[str], i: int, phrase: list[str]) -> bool:
    return tokens[i: i + len(phrase)] == phrase


class ClauseBounds:
    """Where the clause around each position of a sentence begins and ends, computed in one pass
    each way, so that many triggers in one long clause do not each walk it again.

    ``start[k]``: the first word after the last terminator before position ``k``; ``end[k]``: the
    first terminator or full stop at or after ``k`` (positions are counted within the sentence).
    """

    def __init__(self, tokens: list[str]):
        self.start = [0] * (len(tokens) + 1)
        for k in range(1, len(tokens) + 1):
            self.start[k] = k if tokens[k - 1] in TERMINATORS else self.start[k - 1]
        self.end = [len(tokens)] * (len(tokens) + 1)
        for k in range(len(tokens) - 1, -1, -1):
            self.end[k] = k if tokens[k] in TERMINATORS or tokens[k] == "." else self.end[k + 1]


def _cover(flagged: set[int], ranges: list[tuple[int, int]]) -> None:
    """Add every index of the ranges to ``flagged``, each covered index once however much they overlap."""
    covered_to = None
    for low, high in sorted(ranges):
        low = low if covered_to is None else max(low, covered_to)
        if low < high:
            flagged.update(range(low, high))
            covered_to = high


def _index(phrases: list[str]) -> dict[str, list[list[str]]]:
    """Trigger phrases by first word, longest first, so a token is checked against few phrases."""
    index: dict[str, list[list[str]]] = {}
    for phrase in sorted((p.split() for p in phrases), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


BACKWARD_INDEX, FORWARD_INDEX, HEDGE_INDEX = _index(NEGATION_BACKWARD), _index(NEGATION_FORWARD), _index(HEDGES)
# Words that start a negation trigger: the scan below skips every other word without a look-up per index.
NEGATION_FIRST_WORDS = frozenset(BACKWARD_INDEX) | frozenset(FORWARD_INDEX)


def _first_hit(index: dict[str, list[list[str]]], tokens: list[str], i: int) -> list[str] | None:
    for phrase in index.get(tokens[i], ()):
        if _phrase_matches(tokens, i, phrase):
            return phrase
    return None


# Comparatives that open a result of their own after "and" / "but" inside a negation's scope
AFFIRMED_RESULT_WORDS = words("negation_scope_affirmed_results")
# A modal after "and" / "but" opens a predicate of its own ("have not reduced A and may increase B")
MODALS = words("negation_scope_modals")
# "A but not B reduced Y": a "not" after these words denies the drug right after it, not the clause
EXCEPTING_LEADS = words("excepting_leads")


def _before_an_affirmed_result(tokens: list[str], start: int, end: int) -> int:
    """Where a negation's scope stops before "and" / "but" opening a result of its own ("found no difference in
    A and more B with X": B's increase is stated, not denied); else ``end``."""
    for k in range(start, end - 1):
        if tokens[k] in ("and", "but") and (tokens[k + 1] in AFFIRMED_RESULT_WORDS or tokens[k + 1] in MODALS):
            return k
    return end


def _excepted_drugs_end(drug_ends: dict[int, int], tokens: list[str], offset: int, start: int) -> int | None:
    """The end of the drugs named right after an excepting "not" ("but not B or C reduced Y"), or None."""
    end = drug_ends.get(offset + start)
    while end is not None and end - offset + 1 < len(tokens) and tokens[end - offset] in ("or", "and", ","):
        following = drug_ends.get(end + 1)
        if following is None:
            break
        end = following
    return end


def analyse_sentence(sent: Span, flags: ContextFlags, drug_ends: dict[int, int] | None = None) -> None:
    """Flag the sentence's negated and hedged tokens; ``drug_ends``: the end of each DRUG mention by its start."""
    tokens = lower_words(sent.doc)[sent.start:sent.end]
    offset = sent.start
    clauses = None
    negated: list[tuple[int, int]] = []
    resume = 0  # the first token a trigger found so far does not cover
    # only the words that can open a trigger are tried, their positions found in one pass in C
    for i in compress(range(len(tokens)), map(NEGATION_FIRST_WORDS.__contains__, tokens)):
        if i < resume:
            continue
        backward = _first_hit(BACKWARD_INDEX, tokens, i)
        hit = backward or _first_hit(FORWARD_INDEX, tokens, i)
        if not hit:
            continue
        clauses = clauses or ClauseBounds(tokens)
        end = i + len(hit)
        if backward:
            negated.append((offset + clauses.start[i], offset + end))
            flags.triggers.append((offset + i, offset + end, "backward"))
        else:
            excepted = _excepted_drugs_end(drug_ends, tokens, offset, end) if drug_ends and hit == ["not"] and i \
                and tokens[i - 1] in EXCEPTING_LEADS else None
            scope_end = min(clauses.end[end], end + MAX_FORWARD)
            negated.append((offset + i, excepted or offset + _before_an_affirmed_result(tokens, end, scope_end)))
            flags.triggers.append((offset + i, offset + end, "forward"))
        resume = end
    _cover(flags.negated, negated)
    hedged: list[tuple[int, int]] = []
    for i in compress(range(len(tokens)), map(HEDGE_INDEX.__contains__, tokens)):
        if _first_hit(HEDGE_INDEX, tokens, i):
            clauses = clauses or ClauseBounds(tokens)
            hedged.append((offset + clauses.start[i], offset + max(clauses.end[i + 1], min(len(tokens), i + MAX_FORWARD))))
    _cover(flags.hedged, hedged)


def _span_flag(name: str):
    def getter(span: Span) -> bool:
        return _flagged(doc_extension(span.doc, "evidence_context"), name, span)
    getter.context_flag = name  # type: ignore[attr-defined]  (lets flag_reader recognise it)
    return getter


def _flagged(flags: dict | None, name: str, span: Span) -> bool:
    if not flags:
        return False
    flagged = flags[name]  # sorted (ContextFlags.to_dict)
    first = bisect_left(flagged, span.start)
    return first < len(flagged) and flagged[first] < span.end


def flag_reader(doc: Doc, name: str) -> Callable[[Span], bool]:
    """``bool(span._.<name>)`` ("negated", "hedged") for the spans of one doc, reading ``doc._`` once
    where the extension is this component's (each ``span._`` read costs microseconds)."""
    if not Span.has_extension(name):
        return lambda span: False
    getter = Span.get_extension(name)[2]
    if getattr(getter, "context_flag", None) != name:
        return lambda span: bool(getattr(span._, name))
    flags = doc_extension(doc, "evidence_context")
    return lambda span: _flagged(flags, name, span)


class EvidenceContext(BatchedPipe):
    def __init__(self, nlp: Language, name: str):
        self.name = name
        if not Doc.has_extension("evidence_context"):
            Doc.set_extension("evidence_context", default=None)
        for flag in ("negated", "hedged"):
            if not Span.has_extension(flag):
                Span.set_extension(flag, getter=_span_flag(flag))

    def __call__(self, doc: Doc) -> Doc:
        flags = ContextFlags()
        drug_ends = {ent.start: ent.end for ent in doc.ents if ent.label == DRUG}
        for sent in doc_sentences(doc):
            analyse_sentence(sent, flags, drug_ends)
        doc._.evidence_context = flags.to_dict()
        return doc


@Language.factory("evidence_context")
def make_evidence_context(nlp: Language, name: str) -> EvidenceContext:
    return EvidenceContext(nlp, name)
