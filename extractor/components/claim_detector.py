"""Learned claim decisions: does a sentence state a result for an outcome, and which way?

For every outcome candidate (an OUTCOME or LAB_MARKER entity, or a learned OUTCOME span) in a
sentence that may report a result, the trained claim classifier (:mod:`extractor.claims`) gives
``increase``, ``decrease``, ``no_difference`` or ``none``. The decisions are stored on the doc as
``doc._.claims``: a dict from the target's token offsets ("start:end") to the decision as plain data
(``{"label": ..., "probs": {...}}``), so that processed docs still serialize. The records builder
reads them through :func:`claim_for`; nothing else changes the doc.

Sentences whose role is objective are not scored: aims and hypotheses ("we expected X to reduce Y")
are not results. Background and methods are not left out: on review prose, where sentences report
other studies' results ("a trial of 300 patients found ..."), the role model calls most of them
methods, and leaving those out lost half of the records on our own passages.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.vocabulary import words
from .result_phrases import RESULT_PHRASES_KEY
from .spans import DRUG, INTERVENTION, LAB_MARKER, OUTCOME, doc_extension, doc_text, sentence_bounds, token_offsets, token_words

NON_RESULT_ROLES = frozenset({"objective"})
TARGET_LABELS = ("OUTCOME", "LAB_MARKER")
TARGET_LABEL_IDS = (OUTCOME, LAB_MARKER)  # as ``span.label`` holds them
# The classifier reads the target's sentence, cut to this many tokens either side of it: enough for
# any result statement, and a bound on the cost of a sentence that lists hundreds of outcomes.
CONTEXT_TOKENS = 40
LEARNED_KEY = "learned"

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


def claim_key(span: Span) -> str:
    return f"{span.start}:{span.end}"


def claim_for(doc: Doc, span: Span) -> dict | None:
    """The stored decision for an outcome candidate, or None where none was made."""
    return (doc_extension(doc, "claims") or {}).get(claim_key(span))


def sentence_role(sent: Span) -> str | None:
    """The sentence's role where the roles component ran, else None."""
    return sent._.role if Span.has_extension("role") else None


def sentence_roles(doc: Doc) -> Callable[[int], str | None]:
    """:func:`sentence_role` of a doc's sentences by their start token, the doc's role table read once."""
    if not Span.has_extension("role"):
        return lambda start: None
    from .roles import roles_by_start

    return roles_by_start(doc)


def outcome_targets(doc: Doc, ents: tuple[Span, ...] | None = None,
                    groups: Mapping[str, Sequence[Span]] | None = None) -> list[Span]:
    """Outcome candidates: the tagged OUTCOME / LAB_MARKER entities, then learned OUTCOME spans, then
    phrases named by result constructions, each kept only where it overlaps none before it.
    ``ents``: the doc's entities, and ``groups`` its span groups as lists (:func:`~extractor.components.spans.read_groups`),
    where the caller has read them."""
    ents = doc.ents if ents is None else ents  # spaCy builds the tuple anew on every read
    targets = [e for e in ents if e.label in TARGET_LABEL_IDS]
    taken = {i for e in ents for i in range(e.start, e.end)}
    targeted = {i for e in targets for i in range(e.start, e.end)}
    drug_ends = {e.start: e.end for e in ents if e.label == DRUG}
    for key in (LEARNED_KEY, RESULT_PHRASES_KEY):
        for span in (doc.spans if groups is None else groups).get(key, []):
            if span.label != OUTCOME:
                continue
            if taken.intersection(range(span.start, span.end)) and not _counts_drug_use(span, taken, drug_ends):
                span = _head_before_taken(span, taken, targeted)
            if span is not None:
                targeted.update(range(span.start, span.end))
                targets.append(span)
                taken.update(range(span.start, span.end))
    return sorted(targets, key=lambda s: s.start)


# Words a phrase cut short before a mention may not end on ("the pressing times of [a drug]").
DANGLING_ENDS = words("claim_dangling_ends")


NEED_VERBS = words("need_verbs")
COUNTED_DRUG_HEADS = words("counted_drug_heads")


def _counts_drug_use(span: Span, taken: set[int], drug_ends: dict[int, int]) -> bool:
    """Whether the only mention inside a result phrase is a drug whose use the phrase measures ("the number of
    <analgesics> taken per day", "patients who required <antiemetics>"): the drug is no arm there (see
    ``is_measured`` in :mod:`extractor.records`), and the phrase with it names the outcome."""
    inside = sorted(taken.intersection(range(span.start, span.end)))
    first = inside[0]
    end = drug_ends.get(first)
    if end is None or end > span.end or inside[-1] >= end or first < span.start + 2:
        return False
    lower = [t.lower_ for t in span.doc[first - 2:first]]
    return lower[1] in NEED_VERBS or lower[1] == "of" and lower[0] in COUNTED_DRUG_HEADS


def _head_before_taken(span: Span, taken: set[int], targeted: set[int]) -> Span | None:
    """A phrase that runs into a mention that is no outcome ("the duration of <drug> infusion" read as a
    drug): its words up to that mention, where they name a measure of their own (two words or more,
    after dangling links are dropped). None where the phrase starts on a mention or runs into an
    outcome candidate, which stands for it already."""
    end = next(i for i in range(span.start, span.end) if i in taken)
    if end in targeted:
        return None
    while end > span.start and span.doc[end - 1].lower_ in DANGLING_ENDS:
        end -= 1
    words = [t for t in span.doc[span.start:end] if t.is_alpha and len(t) > 2]
    return Span(span.doc, span.start, end, label="OUTCOME") if len(words) >= 2 else None


def intervention_before(window: tuple[int, int], target: Span, arms: list[Span], starts: list[int]) -> Span | None:
    """The nearest arm named before the target within the window (start and end token), else the first
    after it. ``arms`` are sorted by start and ``starts`` are their start tokens (a bisect, not a scan)."""
    i = bisect_left(starts, target.start)
    for arm in reversed(arms[max(0, i - 3):i]):
        if arm.end <= target.start and arm.start >= window[0]:
            return arm
    j = bisect_left(starts, target.end)
    if j < len(arms) and arms[j].end <= window[1]:
        return arms[j]
    return None


def claim_inputs(doc: Doc) -> list[tuple[str, object]]:
    """(target key, ClaimInput) for every outcome candidate in a sentence that may report a result."""
    from ..claims import ClaimInput

    ents = doc.ents  # spaCy builds the tuple anew on every read
    arms = [e for e in ents if e.label == DRUG]
    arms += [s for s in doc.spans.get(LEARNED_KEY, []) if s.label == INTERVENTION]
    arms.sort(key=lambda s: s.start)
    starts = [arm.start for arm in arms]
    inputs = []
    text = doc_text(doc)
    # ``target.sent`` and ``sentence_role`` read from the doc's tables (each ``span.sent`` and ``span._``
    # costs microseconds), and the window's characters from the tokens' offsets (no Span per window)
    sent_starts, sent_ends = sentence_bounds(doc)
    role_of = sentence_roles(doc)
    idx, words = token_offsets(doc), token_words(doc)
    for target in outcome_targets(doc, ents):
        sent_start, sent_end = sent_starts[target.start], sent_ends[target.start]
        if role_of(sent_start) in NON_RESULT_ROLES:
            continue
        first, last = max(sent_start, target.start - CONTEXT_TOKENS), min(sent_end, target.end + CONTEXT_TOKENS)
        offset, end_char = idx[first], idx[last - 1] + len(words[last - 1])
        arm = intervention_before((first, last), target, arms, starts)
        inputs.append((claim_key(target), ClaimInput(
            sentence=text[offset:end_char],
            intervention=(arm.start_char - offset, arm.end_char - offset) if arm is not None else None,
            outcome=(target.start_char - offset, target.end_char - offset),
        )))
    return inputs


class ClaimDetector:
    """Scores every outcome candidate of a batch of docs in one call to the classifier."""

    def __init__(self, nlp: Language, name: str, weights: str, batch_size: int):
        self.name = name
        self.weights = Path(weights) if weights else None
        self.batch_size = batch_size
        self._scorer = None

    @property
    def scorer(self):
        if self._scorer is None:
            from ..claims import ClaimScorer

            self._scorer = ClaimScorer(self.weights) if self.weights else ClaimScorer()
        return self._scorer

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._decide(batch)
                batch = []
        if batch:
            yield from self._decide(batch)

    def _decide(self, docs: list[Doc]) -> list[Doc]:
        keyed = [(n, key, item) for n, doc in enumerate(docs) for key, item in claim_inputs(doc)]
        decisions = self.scorer.score([item for _, _, item in keyed], docs[0].vocab) if keyed else []
        # each doc's decisions gathered in a plain dict, then stored once (every ``doc._`` read costs)
        claims: list[dict] = [{} for _ in docs]
        for (n, key, _), decision in zip(keyed, decisions):
            claims[n][key] = {"label": decision.label, "probs": decision.probs}
        for doc, decided in zip(docs, claims):
            doc._.claims = decided
        return docs


@Language.factory("claim_detector", default_config={"weights": "", "batch_size": 64})
def make_claim_detector(nlp: Language, name: str, weights: str, batch_size: int) -> ClaimDetector:
    return ClaimDetector(nlp, name, weights, batch_size)
