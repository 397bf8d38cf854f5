"""Batch throughput: `extractor batch` with 1 and 2 workers against spacy.blank("en") tokenization.

Usage: python bench/batch.py [--documents 5000]
Builds a JSONL corpus from the project's passages (and ../shared/corpora/dev.jsonl when present),
runs the batch in a subprocess per configuration, and prints documents/s, words/s, the ratio to
bare tokenization and the peak memory of the largest process (each worker holds one pipeline).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpora" / "passages.jsonl", ROOT.parent / "shared" / "corpora" / "dev.jsonl"]


def build_corpus(path: Path, count: int) -> tuple[list[str], int]:
    texts = [json.loads(line)["text"] for src in SOURCES if src.exists() for line in src.read_text().splitlines()]
    with path.open("w") as handle:
        chosen = [f"{texts[i % len(texts)]} [{i}]" for i in range(count)]
        for i, text in enumerate(chosen):
            handle.write(json.dumps({"id": f"doc-{i}", "text": text}) + "\n")
    return chosen, sum(len(t.split()) for t in chosen)


def run(corpus: Path, out: Path, workers: int) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "batch", str(corpus.parent), "-o", str(out),
                    "--workers", str(workers)], check=True, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = Path(tmp) / "corpus"
        corpus_dir.mkdir()
        texts, words = build_corpus(corpus_dir / "docs.jsonl", args.documents)
        print(f"corpus: {len(texts)} documents, {words} words")
        # The batch runs go first: a child forked from a process that already holds spaCy would
        # report the parent's memory as its own peak.
        runs = {workers: run(corpus_dir / "docs.jsonl", Path(tmp) / f"out-{workers}.jsonl", workers) for workers in (1, 2)}

        import spacy

        blank = spacy.blank("en")
        start = time.perf_counter()
        for _ in blank.pipe(texts, batch_size=256):
            pass
        blank_seconds = time.perf_counter() - start
        print(f"spacy.blank('en') tokenization: {len(texts) / blank_seconds:,.0f} documents/s, {words / blank_seconds:,.0f} words/s")

        for workers, (elapsed, peak) in runs.items():
            print(f"extractor batch --workers {workers}: {len(texts) / elapsed:,.1f} documents/s, {words / elapsed:,.0f} words/s "
                  f"(ratio to tokenization {blank_seconds / elapsed:.3f}), wall {elapsed:.1f} s incl. start-up, "
                  f"peak process memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
