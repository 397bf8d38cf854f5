"""Extraction time against text length: real prose from 1k to 200k characters, then adversarial inputs.

Usage: python bench/scaling.py [--sizes 1000,2000,...] [--timeout S] [--no-adversarial] [--no-components]

The prose is the text of the passages the project ships (corpora/passages.jsonl) followed by the
Evidence Inference abstracts of ../shared/external/evidence-inference/spans.jsonl where present
(articles of its dev.jsonl left out), read only as bulk text and cut at a sentence end near each
length. Each case is timed as ``Extractor.extract`` (spaCy pipeline, mentions, records), repeated
until it has run for about a second, and split into pipeline, mentions and records time, so that a
super-linear stage shows in its own column; a second table gives each pipeline component's time per
character at each length. A case that runs past ``--timeout`` is reported as such.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSAGES = ROOT / "corpora" / "passages.jsonl"
EVIDENCE_INFERENCE = ROOT.parent / "shared" / "external" / "evidence-inference"
SIZES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000]
LIST_LEAD = "In a randomized trial of 100 patients, aspirin reduced the risk of "


def _texts(path: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row.get("id", ""), row["text"]) for row in rows]


def bulk_prose(limit: int) -> str:
    """At least ``limit`` characters of real prose, passage after passage."""
    texts = [text for _, text in _texts(PASSAGES)]
    spans = EVIDENCE_INFERENCE / "spans.jsonl"
    if spans.exists():
        excluded = {pid for pid, _ in _texts(EVIDENCE_INFERENCE / "dev.jsonl")} if (EVIDENCE_INFERENCE / "dev.jsonl").exists() else set()
        texts += [text for pid, text in _texts(spans) if pid not in excluded]
    prose, total = [], 0
    for text in texts:
        prose.append(text.strip())
        total += len(prose[-1]) + 1
        if total > limit:
            break
    joined = " ".join(prose)
    while len(joined) < limit:  # only where the shipped corpora are small
        joined = f"{joined} {joined}"
    return joined


def prose_of_length(prose: str, length: int) -> str:
    """The first ``length`` characters of ``prose``, ending at the last sentence end before that."""
    cut = prose[:length]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > length // 2 else cut


def adversarial_cases(prose: str) -> list[tuple[str, str]]:
    cases = [(f'"stroke, " x {n}', LIST_LEAD + "stroke, " * n + "and death (1).") for n in (250, 500, 600, 1000, 5000)]
    unpunctuated = "".join(ch for ch in prose_of_length(prose, 50_000) if ch not in ".!?;")
    cases.append(("50k chars, no sentence punctuation", unpunctuated))
    cases.append(("50,000 commas", "," * 50_000))
    cases.append(("50,000 commas and spaces", ", " * 50_000))
    cases.append(("one 100k-char word", "a" * 100_000))
    return cases


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def time_case(pipeline, text: str, min_seconds: float, timeout: float) -> dict | None:
    """Mean over repeats: seconds per run for pipeline, mentions, records and the whole."""
    from extractor.mentions import doc_mentions
    from extractor.records import build_records

    totals = {"pipeline": 0.0, "mentions": 0.0, "records": 0.0}
    runs = 0
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        while runs == 0 or sum(totals.values()) < min_seconds:
            t0 = time.perf_counter()
            doc = pipeline.nlp(text)
            t1 = time.perf_counter()
            doc_mentions(doc)
            t2 = time.perf_counter()
            build_records(doc)
            t3 = time.perf_counter()
            totals["pipeline"] += t1 - t0
            totals["mentions"] += t2 - t1
            totals["records"] += t3 - t2
            runs += 1
    except Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    per_run = {k: v / runs for k, v in totals.items()}
    per_run["total"] = sum(per_run.values())
    return per_run


def component_seconds(nlp, text: str, min_seconds: float) -> dict[str, float]:
    """Seconds per run of the tokenizer and of each pipeline component on ``text``."""
    totals: dict[str, float] = {}
    runs = 0
    while runs == 0 or sum(totals.values()) < min_seconds:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        totals["tokenizer"] = totals.get("tokenizer", 0.0) + time.perf_counter() - start
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
        runs += 1
    return {name: seconds / runs for name, seconds in totals.items()}


def print_components(nlp, prose: str, sizes: list[int], min_seconds: float) -> None:
    """Microseconds per character of each stage at each length, and each stage's max/min ratio."""
    texts = {size: prose_of_length(prose, size) for size in sizes}
    table = {size: component_seconds(nlp, texts[size], min_seconds) for size in sizes}
    print("\nPer stage, microseconds per character (real prose)")
    print("| stage | " + " | ".join(f"{size:,}" for size in sizes) + " | max/min |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name in table[sizes[0]]:
        per_char = [table[size][name] / len(texts[size]) * 1e6 for size in sizes]
        ratio = max(per_char) / min(per_char) if min(per_char) > 0 else float("inf")
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in per_char) + f" | {ratio:.1f} |", flush=True)


def _row(name: str, text: str, timing: dict | None, timeout: float) -> str:
    if timing is None:
        return f"| {name} | {len(text):,} | > {timeout:.0f} (timed out) | | | | |"
    per_1k = timing["total"] / len(text) * 1000 * 1000 if text else 0.0
    return (f"| {name} | {len(text):,} | {timing['total']:.4f} | {per_1k:.2f} | "
            f"{timing['pipeline']:.4f} | {timing['mentions']:.4f} | {timing['records']:.4f} |")


HEADER = ("| case | chars | total s | ms per 1k chars | pipeline s | mentions s | records s |\n"
          "|---|---|---|---|---|---|---|")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per case")
    parser.add_argument("--min-seconds", type=float, default=1.0, help="repeat each case for this long")
    parser.add_argument("--no-adversarial", action="store_true")
    parser.add_argument("--no-components", action="store_true", help="leave out the per-stage table")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    import extractor

    pipeline = extractor.load()
    prose = bulk_prose(max(sizes + [50_000]))
    pipeline.extract(prose_of_length(prose, 2_000))  # warm caches before timing

    print("Real prose")
    print(HEADER)
    per_1k = []
    for size in sizes:
        text = prose_of_length(prose, size)
        timing = time_case(pipeline, text, args.min_seconds, args.timeout)
        print(_row(f"prose {size:,}", text, timing, args.timeout), flush=True)
        if timing is not None:
            per_1k.append(timing["total"] / len(text) * 1e6)
    if per_1k:
        print(f"\nms per 1k chars: min {min(per_1k):.2f}, max {max(per_1k):.2f}, "
              f"max/min ratio {max(per_1k) / min(per_1k):.2f} (target <= 2)")
    if not args.no_components:
        print_components(pipeline.nlp, prose, [s for s in sizes if s >= 2_000] or sizes, args.min_seconds)
    if args.no_adversarial:
        return
    print("\nAdversarial inputs")
    print(HEADER)
    for name, text in adversarial_cases(prose):
        timing = time_case(pipeline, text, 0.0, args.timeout)
        print(_row(name, text, timing, args.timeout), flush=True)


if __name__ == "__main__":
    main()
