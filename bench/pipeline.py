"""Pipeline speed and memory: words/s of the extractor against spacy.blank("en") tokenization.

Usage: python bench/pipeline.py [--repeat N]
Reads the passages of ../shared/corpora/dev.jsonl (when present) and corpora/passages.jsonl,
repeated ``--repeat`` times, and prints, measured in the same run: load time (a fresh subprocess,
cold with an empty lexicon cache and warm), spacy.blank("en") words/s, the default and the rules-only
pipeline's words/s with their ratio to it (per wall-clock second and per CPU second of this process:
on a shared machine the CPU figure is the steadier one), the CPU milliseconds each component took
(tokenizer, every pipe in order, then mentions and records, each run as a batch stage over all
texts; records are given the mentions, as ``Extractor.from_doc`` gives them), and peak memory. The warm-up covers only the first passages, so the first repeat pays for
new words (vocabulary entries, lexicon caches), as a new corpus would.
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
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # time this checkout, not whichever copy the environment installed
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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def words_per_second(run, texts: list[str], words: int) -> tuple[float, float]:
    """(words per wall-clock second, words per CPU second of this process): on a shared machine the
    CPU figure is the steadier one for comparing runs."""
    wall, cpu = time.perf_counter(), time.process_time()
    run(texts)
    return words / (time.perf_counter() - wall), words / (time.process_time() - cpu)


def extract_all(pipeline, texts: list[str]) -> None:
    for doc in pipeline.nlp.pipe(texts, batch_size=64):
        pipeline.from_doc(doc)


def stage_times(pipeline, texts: list[str], done: Callable[[str], None] | None = None) -> dict[str, float]:
    """CPU seconds per stage, each stage run over all texts before the next (as ``nlp.pipe`` batches them);
    ``done`` is called with each stage's name once it is over (``bench/instructions.py`` counts there)."""
    from extractor.mentions import doc_mentions
    from extractor.records import build_records

    times: dict[str, float] = {}

    def timed(name: str, run: Callable[[], object]) -> object:
        start = time.process_time()
        result = run()
        times[name] = time.process_time() - start
        if done is not None:
            done(name)
        return result

    docs = timed("tokenizer", lambda: [pipeline.nlp.make_doc(text) for text in texts])
    for name, component in pipeline.nlp.pipeline:
        docs = timed(name, lambda: list(component.pipe(docs, batch_size=64)) if hasattr(component, "pipe")
                     else [component(d) for d in docs])
    mentions = timed("mentions", lambda: [doc_mentions(doc) for doc in docs])
    # given the mentions, as Extractor.from_doc gives them
    timed("records", lambda: [build_records(doc, found) for doc, found in zip(docs, mentions)])
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        cold = load_seconds(cache)
        warm = load_seconds(cache)
    print(f"load: cold (builds lexicon cache) {cold:.2f} s, warm {warm:.2f} s")

    import extractor
    from extractor.pipeline import build_nlp

    pipelines = {"default": extractor.load()}  # before spaCy is imported here, so thinc does not pull in torch
    rules_only = extractor.Extractor.__new__(extractor.Extractor)
    rules_only.nlp = build_nlp(rules_only=True)
    pipelines["rules-only"] = rules_only
    import spacy

    texts = passages() * args.repeat
    words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    for pipeline in pipelines.values():
        extract_all(pipeline, texts[:20])  # warm-up: lazily loaded models and caches
    blank_wall, blank_cpu = words_per_second(lambda ts: list(blank.pipe(ts, batch_size=64)), texts, words)
    print(f"text: {len(texts)} passages, {words} words")
    print(f"spacy.blank('en') tokenization: {blank_wall:,.0f} words/s wall, {blank_cpu:,.0f} words/CPU-s")
    for name, pipeline in pipelines.items():
        wall, cpu = words_per_second(lambda ts: extract_all(pipeline, ts), texts, words)
        print(f"extractor {name} (tag + normalize + records): {wall:,.0f} words/s wall (ratio {wall / blank_wall:.3f}), "
              f"{cpu:,.0f} words/CPU-s (ratio {cpu / blank_cpu:.3f})")

    for name, pipeline in pipelines.items():
        times = stage_times(pipeline, texts)
        total = sum(times.values())
        print(f"\nper component, {name} ({total * 1000:,.0f} ms in all):")
        for stage, seconds in sorted(times.items(), key=lambda item: -item[1]):
            print(f"  {stage:32s} {seconds * 1000:8.0f} ms  {seconds / total:6.1%}")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory (both pipelines loaded): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
