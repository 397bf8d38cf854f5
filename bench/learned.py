"""Learned spans side by side with the rules: quality and words/s of the pipeline with and without them.

Usage: python bench/learned.py [--repeat N]
Prints the span model's validation scores (seeded validation articles of evidence-inference/spans.jsonl,
from extractor/weights/spans/scores.json), then for each variant of the pipeline
- rules only,
- learned spans kept in doc.spans["learned"] only (the default),
- learned OUTCOME spans also merged into doc.ents (merge_outcomes; off by default),
OUTCOME strict / relaxed P/R/F1 and records F1 on ../shared/corpora/dev.jsonl and on the passages of
corpora/passages.jsonl that are not held out, and words/s on those texts repeated ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import Extractor  # noqa: E402
from extractor.evaluate import evaluate, read_gold  # noqa: E402
from extractor.pipeline import build_nlp  # noqa: E402
from extractor.splits import is_held_out  # noqa: E402

CORPORA = {"dev": ROOT.parent / "shared" / "corpora" / "dev.jsonl", "passages-tune": ROOT / "corpora" / "passages.jsonl"}
SCORES = ROOT / "extractor" / "weights" / "spans" / "scores.json"
VARIANTS = ("rules only", "learned, spans only", "learned, merged into ents")


def gold_passages(name: str) -> list:
    path = CORPORA[name]
    if not path.exists():
        return []
    passages = list(read_gold(path))
    return [p for p in passages if not is_held_out(p.id)] if name == "passages-tune" else passages


def variant_nlp(variant: str):
    nlp = build_nlp(rules_only=variant == "rules only")
    if variant == "learned, merged into ents":
        nlp.get_pipe("learned_spans").merge_outcomes = True
    return nlp


def quality(nlp, passages: list) -> dict:
    predicted = [Extractor.from_doc(doc) for doc in nlp.pipe([p.text for p in passages], batch_size=64)]
    report = evaluate(passages, predicted, ["OUTCOME"], {})
    outcome = {kind: report["entities"][kind]["per_label"]["OUTCOME"] for kind in ("strict", "relaxed")}
    return {"outcome": outcome, "records_f1": report["records"]["f1"]}


def words_per_second(nlp, texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        Extractor.from_doc(doc)
    return words / (time.perf_counter() - start)


def prf(scores: dict) -> str:
    return f"P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    if SCORES.exists():
        report = json.loads(SCORES.read_text(encoding="utf-8"))
        validation = report["validation"]
        print(f"span model ({report['config']}), validation articles {report['data']['validation_articles']}: "
              f"strict {prf(validation)}")
        for label, scores in validation["per_label"].items():
            print(f"  {label}: P {scores['p']:.3f} R {scores['r']:.3f} F1 {scores['f']:.3f}")
        if "relaxed" in validation:
            print(f"  relaxed (any overlap): {prf(validation['relaxed'])}")

    corpora = {name: gold_passages(name) for name in CORPORA}
    texts = [p.text for passages in corpora.values() for p in passages] * args.repeat
    for variant in VARIANTS:
        nlp = variant_nlp(variant)
        print(f"\n{variant}: {words_per_second(nlp, texts):,.0f} words/s")
        for name, passages in corpora.items():
            if passages:
                result = quality(nlp, passages)
                print(f"  {name} ({len(passages)}): OUTCOME strict {prf(result['outcome']['strict'])} | "
                      f"relaxed {prf(result['outcome']['relaxed'])} | records F1 {result['records_f1']:.3f}")


if __name__ == "__main__":
    main()
