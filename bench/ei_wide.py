"""Evidence Inference prompt recall on a wide set built from the training articles.

Usage: python bench/ei_wide.py [--size 400] [--seed 13] [--rules-only] [--write PATH] [--misses N]
(run it with PYTHONPATH set to the checkout to measure, e.g. an older commit's worktree).

``evidence-inference/dev.jsonl`` is small (385 prompts in its tune split) and has been tuned on; this
builds a larger set in the same format ({"id", "text", "prompts"}) that nobody has tuned the rules on:

- abstract texts from ``spans.jsonl``, joined by pmcid (:func:`extractor.splits.ei_article_id`) with
  the prompts of ``evidence.jsonl``; every article of ``dev.jsonl`` is left out;
- one prompt per prompt id; its direction is the answers' majority, a tie going to the first answer;
- a seeded sample of ``--size`` abstracts (a shuffle of the sorted ids; all of them when fewer remain:
  335 abstracts with 825 prompts at the time of writing).

Unlike dev.jsonl (whose articles were picked for answers found in the abstract), most answers here were
found in the full text, so not every prompt is answerable from the abstract. Three figures are printed:
``all`` prompts; ``named``, the prompts whose intervention and outcome each have at least half their
content words (:func:`extractor.evaluate_prompts.content_words`) in the abstract; ``evidence``, the
prompts with some answer's evidence sentence in the abstract (spaces normalized), dev.jsonl's own rule
(about 160 prompts, so noisy).

It is scored by the code ``extractor evaluate --json`` runs on prompt lines (the pipeline over the texts,
then :func:`extractor.evaluate_prompts.score_prompts`) and prints recall, direction and significance
accuracy and records per abstract as JSON. ``--write`` keeps the built lines; ``--misses N`` also prints
N missed prompts beside the abstract's records (training data: reading its errors is allowed).

Caveat: the learned claim classifier and span model were trained on these articles, so the figures are
optimistic for the learned parts (``--rules-only``, as in ``extractor evaluate``, leaves them out);
the rules were never tuned on them.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EI = ROOT.parent / "shared" / "external" / "evidence-inference"
if not EI.exists():
    EI = Path("/work/shared/external/evidence-inference")


SUBSETS = ("all", "named", "evidence")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _half_in(words: set[str], text_words: set[str]) -> bool:
    return bool(words) and len(words & text_words) / len(words) >= 0.5


def build_lines(folder: Path = EI, size: int = 400, seed: int = 13) -> list[dict]:
    """The wide set's lines ({"id", "text", "prompts"}), deterministic for a given size and seed."""
    from extractor.evaluate_prompts import content_words
    from extractor.splits import ei_article_id

    excluded = {row["id"] for row in read_jsonl(folder / "dev.jsonl")}
    texts = {row["id"]: row["text"] for row in read_jsonl(folder / "spans.jsonl") if row["id"] not in excluded}
    answers: dict[str, list[dict]] = collections.defaultdict(list)
    for row in read_jsonl(folder / "evidence.jsonl"):
        if ei_article_id(row["pmcid"]) in texts:
            answers[row["prompt"]].append(row)
    by_article: dict[str, list[dict]] = collections.defaultdict(list)
    for prompt_id in sorted(answers, key=lambda key: (len(key), key)):
        rows = answers[prompt_id]
        article = ei_article_id(rows[0]["pmcid"])
        text = _squeeze(texts[article])
        evidence = any(_squeeze(row.get("evidence") or "") and _squeeze(row["evidence"]) in text for row in rows)
        words = content_words(text)
        named = all(_half_in(content_words(rows[0][side]), words) for side in ("intervention", "outcome"))
        counts = collections.Counter(row["direction"] for row in rows)
        best = max(counts.values())
        direction = next(row["direction"] for row in rows if counts[row["direction"]] == best)
        first = rows[0]
        by_article[article].append({
            "prompt": prompt_id, "intervention": first["intervention"], "comparator": first["comparator"],
            "outcome": first["outcome"], "direction": direction, "named": named, "evidence": evidence,
        })
    ids = sorted(by_article)
    random.Random(seed).shuffle(ids)
    return [{"id": article, "text": texts[article], "prompts": by_article[article]} for article in sorted(ids[:size])]


def predict(lines: list[dict]) -> list[dict | None]:
    """Prediction dicts for the lines, as ``extractor evaluate`` makes them (written to and read from a file)."""
    from extractor.cli import _evaluation_predictions
    from extractor.evaluate import read_evaluation_file

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "ei_wide.jsonl"
        path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        _, prompted = read_evaluation_file(path)
        return _evaluation_predictions([], prompted, None, None)[1]


def misses(lines: list[dict], predictions: list[dict | None], count: int) -> list[dict]:
    """Up to ``count`` missed prompts, each with the abstract's records (intervention, outcome, direction)."""
    from extractor.evaluate_prompts import PromptScorer

    out = []
    for line, prediction in zip(lines, predictions):
        for prompt in line["prompts"]:
            scorer = PromptScorer()
            scorer.add([prompt], prediction)
            if scorer.recovered:
                continue
            records = [(r.get("intervention"), r.get("comparator"), r.get("outcome"), r.get("direction"))
                       for r in (prediction or {}).get("records") or []]
            out.append({"id": line["id"], "prompt": prompt, "records": records})
    return out[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rules-only", action="store_true", help="Run without the learned parts.")
    parser.add_argument("--write", type=Path, help="Also write the built lines here.")
    parser.add_argument("--misses", type=int, default=0, help="Print this many missed prompts with their records.")
    options = parser.parse_args(argv)
    from extractor.cli import use_rules_only
    from extractor.evaluate_prompts import score_prompts

    use_rules_only(options.rules_only)
    lines = build_lines(EI, options.size, options.seed)
    if options.write:
        options.write.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    predictions = predict(lines)
    report = {}
    for subset in SUBSETS:
        chosen = [{**line, "prompts": [p for p in line["prompts"] if subset == "all" or p[subset]]} for line in lines]
        report[subset] = score_prompts((line, pred) for line, pred in zip(chosen, predictions) if line["prompts"])
    print(json.dumps(report, indent=2))
    for miss in misses(lines, predictions, options.misses):
        print(json.dumps(miss, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
