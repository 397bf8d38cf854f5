"""Sentence roles and claims: validation figures of the committed models, and their speed.

Usage: python bench/claims.py
Rebuilds the seeded validation splits (by article; never an article of evidence-inference/dev.jsonl)
from ../shared/external/evidence-inference and corpora/passages.jsonl, scores the models in
extractor/weights/roles and extractor/weights/claims on them, and times both on those sentences.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from extractor.claims import CLAIM_LABELS, MARKING, ClaimScorer
from extractor.components.roles import ROLES, classify_sentences
from extractor.learn.claim_data import DataOptions, all_examples
from extractor.learn.role_data import build_corpora as build_role_corpora
from extractor.learn.span_data import split_by_article
from extractor.learn.textcat import classification_report


def timed(function, items) -> tuple[list, float]:
    started = time.perf_counter()
    result = function(items)
    return result, time.perf_counter() - started


def bench_roles() -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        validation = build_role_corpora(Path(scratch))["validation_pairs"]
    texts = [text for text, _ in validation]
    classify_sentences(texts[:2])  # load the model outside the timing
    predicted, seconds = timed(classify_sentences, texts * 20)
    report = classification_report([role for _, role in validation], predicted[:len(texts)], ROLES)
    words = sum(len(text.split()) for text in texts) * 20
    report["sentences_per_second"] = round(len(texts) * 20 / seconds)
    report["words_per_second"] = round(words / seconds)
    return report


def bench_claims() -> dict:
    options = DataOptions(marking=MARKING)
    examples = all_examples(options)
    _, validation_ids = split_by_article({e.article for e in examples}, options.validation_share, options.seed)
    validation = [e for e in examples if e.article in validation_ids and e.source != "evidence-swapped"]
    scorer = ClaimScorer()
    scorer.score([validation[0].item])
    decisions, seconds = timed(scorer.score, [e.item for e in validation] * 10)
    gold = [e.label for e in validation]
    report = classification_report(gold, [d.label for d in decisions[:len(gold)]], CLAIM_LABELS)
    stated = [(e.label, d.label) for e, d in zip(validation, decisions) if e.label != "none"]
    report["direction_accuracy_on_stated"] = round(sum(g == p for g, p in stated) / len(stated), 4)
    report["sentences_per_second"] = round(len(validation) * 10 / seconds)
    return report


def main() -> None:
    print(json.dumps({"roles": bench_roles(), "claims": bench_claims()}, indent=2))


if __name__ == "__main__":
    main()
