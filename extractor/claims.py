"""Claim decisions: does a sentence state a result for an (intervention, outcome) pair, and which way?

Classes: ``increase`` / ``decrease`` (the intervention raised / lowered the outcome against its
comparator), ``no_difference`` (a stated absence of effect) and ``none`` (no result stated for this
pair: background, aims, hypotheses, methods, or a result about something else). Negation and
hedging stay with the ConText rules (:mod:`extractor.components.context`); wording such as
improve / worsen is left to the record builder.

The model is a spaCy ``textcat`` trained by ``python -m extractor.learn.claims train`` (weights in
``extractor/weights/claims``). The pair is shown to it by :func:`marked_text`: the outcome phrase is
replaced by the word ``OUTCOMEMARK`` and the intervention phrase by ``INTERVENTIONMARK``, so the
bag of n-grams sees "INTERVENTIONMARK reduced OUTCOMEMARK" whatever the outcome is called (chosen
by measurement against wrapping the phrases in marker words, see README "Sentence roles and claims").

Usage::

    scorer = ClaimScorer.default()
    scorer.score([ClaimInput("Drug A reduced pain (p = 0.01).", intervention=(0, 6), outcome=(15, 19))])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .learn import load_trained
from .learn.predict import textcat_scores

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.vocab import Vocab

CLAIM_LABELS = ("increase", "decrease", "no_difference", "none")
DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "weights" / "claims"
OUTCOME_MARK = "OUTCOMEMARK"
INTERVENTION_MARK = "INTERVENTIONMARK"
MARKINGS = ("replace", "wrap")
MARKING = "replace"


@dataclass(frozen=True)
class ClaimInput:
    """A candidate pair in one sentence: character offsets (end exclusive) within ``sentence``."""

    sentence: str
    intervention: tuple[int, int] | None
    outcome: tuple[int, int]


@dataclass
class ClaimDecision:
    """The most probable class and the probability of every class."""

    label: str
    probs: dict[str, float]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def marked_text(item: ClaimInput, marking: str = MARKING) -> str:
    """The sentence as the model reads it, with the pair marked (``marking``: "replace" or "wrap").

    An intervention overlapping the outcome is not marked.
    """
    spans = [(item.outcome, OUTCOME_MARK)]
    if item.intervention is not None and not _overlaps(item.intervention, item.outcome):
        spans.append((item.intervention, INTERVENTION_MARK))
    text = item.sentence
    for (start, end), mark in sorted(spans, reverse=True):
        if marking == "replace":
            inner = mark
        else:
            inner = f"{mark} {text[start:end]} {mark}END"
        text = f"{text[:start]} {inner} {text[end:]}"
    return " ".join(text.split())


def load_claim_model(path: str) -> "Language":
    """The trained claim textcat, loaded once per process."""
    return load_trained(path, "claims")


class ClaimScorer:
    """Scores candidate pairs in batches; the model is loaded on first use and shared per process."""

    def __init__(self, model_path: Path = DEFAULT_WEIGHTS, batch_size: int = 256):
        self.model_path = Path(model_path)
        self.batch_size = batch_size

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "ClaimScorer":
        return cls()

    def score(self, pairs: list[ClaimInput], vocab: "Vocab | None" = None) -> list[ClaimDecision]:
        """The decision for each pair; ``vocab``: the pipeline's, which the model's tokens then go to
        (:func:`extractor.learn.predict.textcat_scores`)."""
        if not pairs:
            return []
        model = load_claim_model(str(self.model_path))
        texts = [marked_text(pair) for pair in pairs]
        labels, scores = textcat_scores(model, texts, self.batch_size, vocab)
        columns = [labels.index(label) if label in labels else None for label in CLAIM_LABELS]
        decisions = []
        for row in scores.tolist():
            probs = {label: round(row[j], 4) if j is not None else 0.0 for label, j in zip(CLAIM_LABELS, columns)}
            decisions.append(ClaimDecision(max(probs, key=probs.get), probs))
        return decisions
