"""What the two sentence classifiers (roles, claims) share: ``spacy train`` on a config, keeping
the best checkpoint with its tokenizer, and validation figures computed from predictions."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from .spans import run_spacy_train


def classification_report(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> dict:
    """Accuracy, per-class precision / recall / F1, macro F1 and the confusion counts."""
    per_class = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3), "n": n_gold}
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    confusion = Counter(f"{g}->{p}" for g, p in zip(gold, predicted) if g != p)
    return {"n": len(gold), "accuracy": round(accuracy, 4),
            "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4),
            "per_class": per_class, "confusions": dict(confusion.most_common(8))}


def predict_labels(model_dir: Path, texts: list[str]) -> tuple[list[str], float]:
    """The top class of each text, and words per second of the model on them."""
    import spacy

    nlp = spacy.load(model_dir)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))
    seconds = time.perf_counter() - started
    words = sum(len(doc) for doc in docs)
    return [max(doc.cats, key=doc.cats.get) for doc in docs], round(words / seconds) if seconds else 0.0


def export_model(model_dir: Path, output: Path) -> None:
    """Save what inference reads (config, tokenizer, vocab strings, textcat weights): no optimizer state."""
    import spacy

    nlp = spacy.load(model_dir)
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)


def train_textcat(output: Path, config: Path, seed: int, build: Callable[[Path], dict],
                  labels: tuple[str, ...], max_minutes: float | None = None) -> dict:
    """Build the corpora with ``build(corpus_dir)`` (which returns ``validation_pairs``), train, export
    the best checkpoint to ``output``; return the data summary and the validation figures."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="textcat-train-") as scratch:
        corpus_dir, work_dir = Path(scratch) / "corpus", Path(scratch) / "train"
        data = build(corpus_dir)
        validation = data.pop("validation_pairs")
        best = run_spacy_train(corpus_dir, work_dir, seed, max_minutes, config)
        predicted, words_per_second = predict_labels(best, [text for text, _ in validation])
        scores = classification_report([label for _, label in validation], predicted, labels)
        scores["words_per_second"] = words_per_second
        export_model(best, Path(output))
    return {"validation": scores, "data": data, "seed": seed, "config": config.name,
            "minutes": round((time.monotonic() - started) / 60, 2)}
