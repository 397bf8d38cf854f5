"""Which candidate arm is the trial's studied intervention: a learned score per candidate name.

A candidate is a name the text gives to a possible arm: a DRUG mention's normalized name or a
non-drug arm phrase (learned INTERVENTION spans, the result grammar's arm phrases). All mentions of
one name are pooled and described by sparse binary features: kind (drug, drug class, arm phrase),
how often and how early it is named (title, first sentences), the roles of the sentences naming it,
the words next to its mentions ("group", "versus", "received") and the name's own words. A logistic
regression trained by ``python -m extractor.learn.arms train`` from the doctors' intervention
phrases of ``evidence-inference/spans.jsonl`` turns them into a probability; its weights are one
small JSON file (``extractor/weights/arms/weights.json``).

Usage::

    scorer = ArmScorer.default()
    scores = scorer.score(doc, [Candidate("metformin", "drug", [span, ...]), ...])
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from spacy.tokens import Doc, Span

from .components.claim_detector import sentence_roles
from .components.spans import lower_words, sentence_bounds
from .lexicons.vocabulary import words

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "weights" / "arms"
WEIGHTS_FILE = "weights.json"
COMPARATOR_WORDS = words("arm_scorer_comparator_words")
THREE_LETTERS = re.compile(r"[a-z]{3}")


@dataclass
class Candidate:
    """One candidate arm: its name, kind ("drug", "class" or "arm") and every mention of it."""

    name: str
    kind: str
    spans: list[Span] = field(default_factory=list)


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def candidate_features(doc: Doc, candidate: Candidate, total_mentions: int, rank: int,
                       sentence_index: dict[int, int], title_words: set[str],
                       role_of: Callable[[int], str | None] | None = None) -> dict[str, float]:
    """Binary features of one candidate (see the module docstring); ``role_of``: the doc's
    :func:`~extractor.components.claim_detector.sentence_roles`, where the caller has it."""
    return _features(candidate, total_mentions, rank, sentence_index, title_words, role_of or sentence_roles(doc),
                     lower_words(doc), *sentence_bounds(doc))


def _features(candidate: Candidate, total_mentions: int, rank: int, sentence_index: dict[int, int],
              title_words: set[str], role_of: Callable[[int], str | None], words: list[str],
              starts: list[int], ends: list[int]) -> dict[str, float]:
    """:func:`candidate_features` from the doc's tables (lower-cased words, sentence bounds) read once."""
    kind = candidate.kind
    features = {f"kind={kind}": 1.0, f"rank={min(rank, 4)}|{kind}": 1.0,
                f"count={_bucket(len(candidate.spans), (1, 2, 4, 8))}|{kind}": 1.0,
                f"share={_bucket(len(candidate.spans) / max(1, total_mentions), (0.1, 0.25, 0.5))}": 1.0}
    first = min(sentence_index.get(starts[s.start], 99) for s in candidate.spans)
    features[f"first_sentence={_bucket(first, (0, 1, 2, 5))}|{kind}"] = 1.0
    name_words = candidate.name.split()
    features[f"length={_bucket(len(name_words), (1, 2, 4))}"] = 1.0
    if name_words:
        features[f"head={name_words[-1]}"] = 1.0
    for word in name_words:
        features[f"word={word}"] = 1.0
    if any(map(str.isdigit, candidate.name)):
        features["has_digit"] = 1.0
    if not THREE_LETTERS.search(candidate.name):
        features["no_word"] = 1.0
    if any(len(w) > 3 and w in title_words for w in name_words):
        features[f"word_in_title|{kind}"] = 1.0
    after_comparator, before_comparator = f"after_comparator_word|{kind}", f"before_comparator_word|{kind}"
    for span in candidate.spans:
        start, end = span.start, span.end  # each read of a Span attribute costs a call
        sent_start, sent_end = starts[start], ends[start]
        role = role_of(sent_start) or "none"
        features[f"role={role}|{kind}"] = 1.0
        features["before=" + (words[start - 1] if start > sent_start else "<s>")] = 1.0
        features["after=" + (words[end] if end < sent_end else "</s>")] = 1.0
        if not COMPARATOR_WORDS.isdisjoint(words[max(sent_start, start - 3):start]):
            features[after_comparator] = 1.0
        if not COMPARATOR_WORDS.isdisjoint(words[end:min(sent_end, end + 3)]):
            features[before_comparator] = 1.0
    return features


def features_of(doc: Doc, candidates: list[Candidate]) -> list[dict[str, float]]:
    """The features of every candidate of one doc, in order."""
    starts, ends = sentence_bounds(doc)  # the doc's sentence table, not a Span per sentence
    sentence_index = {start: i for i, start in enumerate(dict.fromkeys(starts))}
    title_words = set(lower_words(doc)[starts[0]:ends[0]]) if starts else set()
    total = sum(len(c.spans) for c in candidates)
    order = sorted(range(len(candidates)), key=lambda i: -len(candidates[i].spans))
    ranks = {i: r + 1 for r, i in enumerate(order)}
    role_of = sentence_roles(doc)
    words = lower_words(doc)
    return [_features(c, total, ranks[i], sentence_index, title_words, role_of, words, starts, ends)
            for i, c in enumerate(candidates)]


class ArmScorer:
    """A logistic regression over :func:`candidate_features` (weights from ``extractor train arms``)."""

    def __init__(self, weights: dict[str, float], intercept: float):
        self.weights = weights
        self.intercept = intercept

    @classmethod
    def load(cls, folder: Path) -> "ArmScorer":
        path = Path(folder) / WEIGHTS_FILE
        if not path.exists():
            raise FileNotFoundError(f"no arms model in {folder}: run `extractor train arms --output {folder}`")
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["intercept"])

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> "ArmScorer":
        return ArmScorer.load(DEFAULT_WEIGHTS)

    def probability(self, features: dict[str, float]) -> float:
        weight = self.weights.get
        z = self.intercept + sum([weight(name, 0.0) * value for name, value in features.items()])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, doc: Doc, candidates: list[Candidate]) -> list[float]:
        """The probability that each candidate is the studied intervention."""
        return [self.probability(f) for f in features_of(doc, candidates)]
