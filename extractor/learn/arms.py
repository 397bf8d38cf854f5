"""Train the arm scorer: ``python -m extractor.learn.arms train --output DIR``.

Reads the abstracts of ``evidence-inference/spans.jsonl`` (never an article of
``evidence-inference/dev.jsonl``), runs the default pipeline on them and gathers each abstract's
candidate arms (:func:`extractor.records.arm_candidates`). A candidate is positive where one of its
mentions overlaps a doctors' intervention phrase or its name shares at least half of its content
words with one (the matching rule of :mod:`extractor.evaluate_prompts`); every other candidate is
negative. A seeded logistic regression (scikit-learn) is fitted on the training articles and
scored on the seeded validation articles: area under the ROC curve and how often an abstract's
top-scored candidate is a positive one. ``DIR/weights.json`` holds the non-zero weights.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..arms import DEFAULT_WEIGHTS, WEIGHTS_FILE, features_of
from ..evaluate_prompts import same_intervention
from . import train_arguments, write_scores
from .span_data import silver_articles, split_by_article

# Inverse L2 strength; 0.03, 0.5 and 2.0 gave lower validation figures (README "Arm scorer").
REGULARIZATION = 0.1


def is_studied_arm(candidate, article: dict) -> bool:
    """Whether a candidate names one of the article's doctors' intervention phrases."""
    phrases = [s for s in article["spans"] if s["role"] == "intervention"]
    surfaces = {candidate.name} | {span.text for span in candidate.spans}
    for phrase in phrases:
        if any(span.start_char < phrase["end"] and phrase["start"] < span.end_char for span in candidate.spans):
            return True
        if same_intervention(surfaces, phrase["text"]):
            return True
    return False


def article_examples(articles: list[dict]) -> list[tuple[str, list[dict], list[int]]]:
    """(article id, candidate features, labels) for every article with at least one candidate."""
    from .. import load
    from ..records import arm_candidates, measured_phrases

    nlp = load().nlp
    examples = []
    texts = ((a["text"], a) for a in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=32):
        candidates = arm_candidates(doc, measured_phrases(doc))
        if candidates:
            labels = [int(is_studied_arm(c, article)) for c in candidates]
            examples.append((article["id"], features_of(doc, candidates), labels))
    return examples


def _flatten(examples):
    features = [f for _, fs, _ in examples for f in fs]
    labels = [y for _, _, ys in examples for y in ys]
    return features, labels


def top_accuracy(examples, probabilities: list[float]) -> float:
    """Share of abstracts with a positive candidate whose top-scored candidate is positive."""
    right = total = at = 0
    for _, features, labels in examples:
        scores = probabilities[at: at + len(labels)]
        at += len(labels)
        if any(labels):
            total += 1
            right += labels[max(range(len(labels)), key=scores.__getitem__)]
    return round(right / total, 4) if total else 0.0


def train(output: Path = DEFAULT_WEIGHTS, seed: int = 0, config: Path | None = None,
          max_minutes: float | None = None, validation_share: float = 0.2) -> dict:
    """Fit the arm scorer into ``output/weights.json``; return its validation figures."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    articles = silver_articles()
    train_ids, validation_ids = split_by_article((a["id"] for a in articles), validation_share, seed)
    examples = article_examples(articles)
    training = [e for e in examples if e[0] in train_ids]
    validation = [e for e in examples if e[0] in validation_ids]
    vectorizer = DictVectorizer()
    features, labels = _flatten(training)
    model = LogisticRegression(C=REGULARIZATION, max_iter=2000, random_state=seed)
    model.fit(vectorizer.fit_transform(features), labels)
    valid_features, valid_labels = _flatten(validation)
    probabilities = list(model.predict_proba(vectorizer.transform(valid_features))[:, 1])
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 0.01}
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    (output / WEIGHTS_FILE).write_text(
        json.dumps({"intercept": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items()))},
                   indent=0) + "\n", encoding="utf-8")
    report = {"train_articles": len(training), "validation_articles": len(validation),
              "train_candidates": len(labels), "positives": sum(labels), "features": len(weights),
              "validation_auc": round(float(roc_auc_score(valid_labels, probabilities)), 4),
              "validation_top_accuracy": top_accuracy(validation, probabilities), "seed": seed}
    return write_scores(output, report)


def main(argv: list[str] | None = None) -> None:
    parser, command = train_arguments("arms", "Train the arm scorer.", DEFAULT_WEIGHTS, Path("-"))
    args = parser.parse_args(argv)
    print(json.dumps(train(args.output, args.seed), indent=2))


if __name__ == "__main__":
    main()
