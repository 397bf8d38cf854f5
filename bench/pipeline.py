"""Pipeline speed and memory: words/s of the full extractor against spacy.blank("en") tokenization.

Usage: python bench/pipeline.py [--repeat N]
Reads the passages of ../shared/corpora/dev.jsonl (when present) and corpora/passages.jsonl,
repeated to a few hundred thousand words, and prints load time, throughput and peak memory.
Load time is measured in a fresh subprocess, cold (empty lexicon cache) and warm.
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
SOURCES = [ROOT.parent / "shared" / "corpora" / "dev.jsonl", ROOT / "corpora" / "passages.jsonl"]


def passages() -> list[str]:
    texts = []
    for path in SOURCES:
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def load_seconds(cache_dir: str) -> float:
    code = ("import time, os; t = time.perf_counter(); import extractor; extractor.load(); "
            "print(time.perf_counter() - t)")
    env = {"EXTRACTOR_CACHE_DIR": cache_dir, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        cold = load_seconds(cache)
        warm = load_seconds(cache)
    print(f"load: cold (builds lexicon cache) {cold:.2f} s, warm {warm:.2f} s")

    import extractor

    pipeline = extractor.load()  # before spaCy is imported here, so thinc does not pull in torch
    import spacy

    texts = passages() * args.repeat
    words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    start = time.perf_counter()
    for _ in blank.pipe(texts, batch_size=64):
        pass
    blank_wps = words / (time.perf_counter() - start)

    start = time.perf_counter()
    for doc in pipeline.nlp.pipe(texts, batch_size=64):
        pipeline.from_doc(doc)
    full_wps = words / (time.perf_counter() - start)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"text: {len(texts)} passages, {words} words")
    print(f"spacy.blank('en') tokenization: {blank_wps:,.0f} words/s")
    print(f"extractor (tag + normalize + records): {full_wps:,.0f} words/s  (ratio {full_wps / blank_wps:.2f})")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
