"""Fingerprints of the pipeline's output, to show that a speed change leaves every result as it was.

Usage: python bench/outputs.py [--rules-only] [--dump FILE] [--compare FILE]
Runs the pipeline over the tune splits of ../shared/corpora/dev.jsonl, corpora/passages.jsonl and
../shared/external/evidence-inference/dev.jsonl, and prints one SHA-256 per corpus over the mentions and
records of every text. ``--dump`` writes the outputs as JSON lines; ``--compare`` reads such a dump and
prints how many texts differ per corpus (exit status 1 if any do). Held-out splits are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout, not whichever copy the environment installed
SHARED = ROOT.parent / "shared"
CORPORA = {
    "dev": (SHARED / "corpora" / "dev.jsonl", None),
    "passages": (ROOT / "corpora" / "passages.jsonl", None),
    "evidence-inference": (SHARED / "external" / "evidence-inference" / "dev.jsonl", None),
}


def texts(path: Path, limit: int | None) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    from extractor.splits import in_split

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if in_split(row.get("id"), "tune")]
    return [(str(row.get("id", i)), row["text"]) for i, row in enumerate(rows[:limit])]


def outputs(pipeline, corpus: list[tuple[str, str]]) -> list[dict]:
    rows = []
    for (doc_id, _), doc in zip(corpus, pipeline.nlp.pipe([text for _, text in corpus], batch_size=64)):
        extraction = pipeline.from_doc(doc)
        data = extraction.to_dict()
        rows.append({"id": doc_id, "entities": data["entities"], "records": data["records"]})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()

    import extractor
    from extractor.pipeline import build_nlp

    pipeline = extractor.load()
    if args.rules_only:
        pipeline.nlp = build_nlp(rules_only=True)
    previous = {}
    if args.compare:
        for line in args.compare.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            previous[(row["corpus"], row["id"])] = row
    dump, changed = [], 0
    for name, (path, limit) in CORPORA.items():
        rows = outputs(pipeline, texts(path, limit))
        digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:16]
        differing = 0
        for row in rows:
            row["corpus"] = name
            before = previous.get((name, row["id"]))
            if args.compare and (before is None or json.dumps(before, sort_keys=True) != json.dumps(row, sort_keys=True)):
                differing += 1
        changed += differing
        dump += rows
        compared = f", {differing} differ from {args.compare}" if args.compare else ""
        print(f"{name:20} {len(rows):4} texts  sha256 {digest}{compared}")
    if args.dump:
        args.dump.write_text("".join(json.dumps(row, sort_keys=True) + "\n" for row in dump), encoding="utf-8")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
