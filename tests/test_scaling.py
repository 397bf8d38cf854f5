"""Extraction cost grows linearly with the text: behaviour on long lists and a deterministic work counter.

No test here reads a clock. The work counter counts the lines of Python the components execute
(sys.settrace), which is the same on every machine; a quadratic spot shows as a 16-fold count
for a 4-fold text.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from spacy.tokens import Span

from extractor.components.outcomes import _coordinated_with
from extractor.components.spans import SentenceIndex
from extractor.mentions import doc_mentions

LIST_LEAD = "In a randomized trial of 100 patients, aspirin reduced the risk of "
EXTRACTOR = Path(__file__).resolve().parent.parent / "extractor"
# The rules components and the mentions stage (the learned components have their own cost, measured
# by bench/scaling.py).
WATCHED = {str(EXTRACTOR / "components" / f"{name}.py") for name in (
    "abbreviations", "citations", "cohorts", "context", "designs", "lexicon_matcher", "outcomes", "resolver",
    "spans")} | {str(EXTRACTOR / "mentions.py")}


def listed_outcomes(n: int) -> str:
    return LIST_LEAD + "stroke, " * n + "and death (1)."


@pytest.mark.parametrize("n", [3, 25])
def test_every_item_of_a_long_outcome_list_is_an_outcome(pipeline, n):
    doc = pipeline.nlp(listed_outcomes(n))
    outcomes = [e.text for e in doc.ents if e.label_ == "OUTCOME"]
    assert outcomes == ["stroke"] * n + ["death"]
    assert ("aspirin", "DRUG") in [(e.text, e.label_) for e in doc.ents]


def sweeping_reference(doc, gated, accepted):
    """The definition of coordination: sweep the gated names in order, each joining when an anchor
    (accepted, or joined before it) stands beside it in its sentence, until a sweep adds nothing."""
    joined, anchors, waiting = [], list(accepted), list(gated)
    grew = True
    while grew:
        grew = False
        for span in list(waiting):
            for other in anchors:
                left, right = (other, span) if other.end <= span.start else (span, other)
                between = [t.lower_ for t in doc[left.end: right.start]]
                if other.sent == span.sent and between in (["and"], ["or"], [","], [",", "and"], [",", "or"]):
                    joined.append(span)
                    anchors.append(span)
                    waiting.remove(span)
                    grew = True
                    break
    return joined


def random_spans(doc, rng, count):
    spans = []
    for _ in range(count):
        start = rng.randrange(len(doc))
        end = min(len(doc), start + rng.choice([1, 1, 2]))
        spans.append(Span(doc, start, end, label="OUTCOME", kb_id=f"o{start}-{end}"))
    return spans


def test_coordination_joins_the_same_names_in_the_same_order_as_the_sweeps(pipeline):
    rng = random.Random(7)
    words = ["stroke", "stroke", "death", ",", ",", "and", "or", "bleeding", "."]
    checked = 0
    for _ in range(300):
        doc = pipeline.nlp(" ".join(rng.choice(words) for _ in range(rng.randint(5, 40))))
        if not len(doc):
            continue
        accepted = random_spans(doc, rng, rng.randint(0, 3))
        gated = random_spans(doc, rng, rng.randint(0, 12))
        expected = sweeping_reference(doc, gated, accepted)
        assert [(s.start, s.end) for s in _coordinated_with(doc, gated, accepted)] == [(s.start, s.end) for s in expected]
        checked += bool(expected)
    assert checked > 50  # the random docs exercised joins, not only empty results


def test_sentence_index_returns_the_sentence_spacy_finds(pipeline):
    doc = pipeline.nlp("Aspirin reduced stroke. Statins did not; bleeding rose (3). Death was rare in 40 patients.")
    assert isinstance(doc.user_span_hooks.get("sent"), SentenceIndex)
    indexed = [(start, end, doc[start:end].sent) for start in range(len(doc)) for end in range(start, len(doc) + 1)]
    tokens = [(token.i, token.sent) for token in doc]
    del doc.user_span_hooks["sent"]
    for start, end, sent in indexed:
        assert (sent.start, sent.end) == (doc[start:end].sent.start, doc[start:end].sent.end)
    for i, sent in tokens:
        assert (sent.start, sent.end) == (doc[i].sent.start, doc[i].sent.end)


def lines_executed(run) -> int:
    """Lines of the rules components and mentions code executed while ``run()`` works."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_trace(frame, event, arg):
        return local if frame.f_code.co_filename in WATCHED else None

    sys.settrace(global_trace)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


def mention_work(pipeline, text: str) -> int:
    return lines_executed(lambda: doc_mentions(pipeline.nlp(text)))


ADVERSARIAL = {
    "outcome list": listed_outcomes,
    "design heads that are also modifiers": lambda n: "We followed a " + "cohort " * n + "study of 40 patients.",
    "hedges in one clause": lambda n: "Aspirin " + "may " * n + "reduce stroke.",
    "backward negations in one clause": lambda n: "Stroke rates " + "were similar " * n + "in 40 patients.",
    "forward negations in one clause": lambda n: "Aspirin did " + "not " * n + "reduce stroke in 40 patients.",
    "one sentence without punctuation": lambda n: "aspirin reduced the risk of stroke in patients with diabetes " * n,
    "repeated abbreviation": lambda n: "Venous thromboembolism (VTE) occurred. " + "VTE and " * n + "VTE fell.",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_component_work_grows_linearly_with_the_text(pipeline, name):
    if sys.gettrace() is not None:
        pytest.skip("a tracer (coverage, debugger) is already installed")
    build = ADVERSARIAL[name]
    pipeline.nlp(build(5))  # warm caches so the small run is not charged for them
    small, large = mention_work(pipeline, build(100)), mention_work(pipeline, build(400))
    assert large / small < 6, f"{name}: {small} lines for n=100, {large} for n=400"
