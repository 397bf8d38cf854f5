"""How often our names agree with the annotators' where our spans do: a diagnostic for record keys.

Usage: python bench/names.py [--rules-only] [--figures] [--corpus NAME ...]
Runs the pipeline over the readable gold only (../shared/corpora/dev.jsonl, and the tune splits of
corpora/independent.jsonl, independent2.jsonl and passages.jsonl; held-out splits are never read) and prints:

* per corpus and label (OUTCOME, LAB_MARKER, DRUG), for each gold entity whose span we predict exactly, how
  often our ``norm.name`` equals the gold one (case-insensitively), and each mismatch as
  ``gold name | our name | span text``;
* records: strict and word-overlap F1 per corpus, and each gold (intervention, outcome) key that no predicted
  key equals but one overlaps (the scorer's relaxed rule), as ``gold key | our key``: a naming miss.

``--figures`` prints the figures without the mismatch lists.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout, not whichever copy the environment installed
SHARED = ROOT.parent / "shared"
CORPORA = {
    "dev": (SHARED / "corpora" / "dev.jsonl", "all"),
    "independent": (ROOT / "corpora" / "independent.jsonl", "tune"),
    "independent2": (ROOT / "corpora" / "independent2.jsonl", "tune"),
    "passages": (ROOT / "corpora" / "passages.jsonl", "tune"),
}
LABELS = ("OUTCOME", "LAB_MARKER", "DRUG")


def _readable(path: Path, split: str) -> list:
    from extractor.evaluate import read_gold
    from extractor.splits import in_split

    if split == "heldout":  # never read: see extractor/splits.py
        raise ValueError("held-out passages are not read here")
    return [passage for passage in read_gold(path) if in_split(passage.id, split)]


def name_pairs(gold_passages: list, predicted: list) -> list[tuple[str, str, str, str]]:
    """(label, gold name, our name, span text) for each gold entity of LABELS whose span and label we predict."""
    pairs = []
    for gold, pred in zip(gold_passages, predicted):
        ours = {(m.start, m.end, m.label): m for m in pred.entities}
        for mention in gold.entities:
            found = ours.get((mention.start, mention.end, mention.label))
            if mention.label in LABELS and found is not None:
                pairs.append((mention.label, str(mention.norm.get("name", "")), str(found.norm.get("name", "")), mention.text))
    return pairs


def key_misses(gold_passages: list, predicted: list) -> tuple[list[tuple[str, str, str]], dict[str, dict]]:
    """Gold keys matched only by word overlap, as (passage id, gold key, our key); and the strict and relaxed
    record scores."""
    from extractor.evaluate import RecordScorer, _record_key, _similar_key

    strict, relaxed = RecordScorer(), RecordScorer(same=_similar_key)
    misses = []
    for gold, pred in zip(gold_passages, predicted):
        strict.add(gold.records, pred.records, gold.id)
        relaxed.add(gold.records, pred.records, gold.id)
        exact = {_record_key(r) for r in pred.records}
        for record in gold.records:
            if _record_key(record) in exact:
                continue
            near = next((r for r in pred.records if _similar_key(record, r)), None)
            if near is not None:
                misses.append((gold.id, " / ".join(_record_key(record)), " / ".join(_record_key(near))))
    return misses, {"strict": strict.tally.scores(), "relaxed": relaxed.tally.scores()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--figures", action="store_true", help="figures only, no mismatch lists")
    parser.add_argument("--corpus", nargs="*", choices=sorted(CORPORA), help="only these corpora")
    args = parser.parse_args()

    import extractor
    from extractor.pipeline import build_nlp

    pipeline = extractor.load()
    if args.rules_only:
        pipeline.nlp = build_nlp(rules_only=True)
    totals: Counter = Counter()
    for name, (path, split) in CORPORA.items():
        if args.corpus and name not in args.corpus or not path.exists():
            continue
        gold = _readable(path, split)
        predicted = list(pipeline.pipe([p.text for p in gold]))
        pairs = name_pairs(gold, predicted)
        misses, scores = key_misses(gold, predicted)
        figures = []
        for label in LABELS:
            mine = [p for p in pairs if p[0] == label]
            right = sum(1 for _, g, o, _ in mine if g.lower() == o.lower())
            totals[label, "right"] += right
            totals[label, "n"] += len(mine)
            figures.append(f"{label} {right}/{len(mine)}" + (f" {right / len(mine):.3f}" if mine else ""))
        s, r = scores["strict"], scores["relaxed"]
        print(f"{name}:{split} ({len(gold)} passages)  names: " + ", ".join(figures)
              + f"  records F1 {s['f1']:.3f} (tp {s['tp']} fp {s['fp']} fn {s['fn']}), by overlap {r['f1']:.3f};"
              f" {len(misses)} keys matched only by overlap")
        if args.figures:
            continue
        for label, g, o, text in sorted(pairs):
            if g.lower() != o.lower():
                print(f"   {label:10} {g!r:45} | {o!r:45} | {text!r}")
        for passage_id, g, o in misses:
            print(f"   KEY {passage_id:24} {g!r:55} | {o!r}")
    print("all: " + ", ".join(
        f"{label} {totals[label, 'right']}/{totals[label, 'n']}"
        + (f" {totals[label, 'right'] / totals[label, 'n']:.3f}" if totals[label, "n"] else "") for label in LABELS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
