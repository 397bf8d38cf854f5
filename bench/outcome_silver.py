"""OUTCOME recall on the doctors' outcome phrases of Evidence Inference training abstracts (silver).

Usage: python bench/outcome_silver.py [--half read|check|both] [--size N] [--rules-only]
                                      [--misses N] [--json] [--cache PATH]
(run it with PYTHONPATH set to the checkout to measure).

``evidence-inference/spans.jsonl`` holds outcome phrases the doctors wrote for their prompts, found
verbatim in real trial abstracts: text nobody tuned the rules on. Every article of ``dev.jsonl`` is left
out (its held-out split above all). The phrases are silver and partial: many outcomes of an abstract
carry no phrase, so this measures recall only, and the doctors' boundaries are often wider than an
OUTCOME span under ANNOTATION.md (time frames, units, "the number of ...").

The articles are split in two halves by a hash of the article id (:func:`half`): errors are read on the
``read`` half only; the ``check`` half shows whether a fix made on the read half is general.

For each distinct outcome phrase (article, start, end) three recalls are printed:

- ``exact``: an OUTCOME mention with the phrase's offsets;
- ``overlap``: an OUTCOME mention sharing a character with it;
- ``head``: an OUTCOME mention holding the phrase's head (:func:`head_span`: its last content word
  once a parenthesis, a time frame, a unit or a qualifying prepositional phrase ("in the ICU", "per
  patient") is cut, as OUTCOME spans leave them out).

and, beside them, ``+LAB``: the overlap recall where a LAB_MARKER mention counts too (ANNOTATION.md labels a
laboratory or physiological measure LAB_MARKER, and the doctors call many of those outcomes);
and the phrases without an exact match classed as ``boundary`` (an OUTCOME overlaps, other offsets),
``other_label`` (no OUTCOME overlaps, a mention of another label does, by label) and ``untagged``.
``--misses N`` prints N phrases of each class of the read half with the mentions around them.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout, not whichever copy the environment installed
EI = ROOT.parent / "shared" / "external" / "evidence-inference"
if not EI.exists():
    EI = Path("/work/shared/external/evidence-inference")

HALVES = ("read", "check")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*|\d+(?:\.\d+)?|\S")
STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "and", "or", "by", "from", "as", "per", "vs",
        "after", "before", "during", "within", "over", "between", "among", "than", "its", "their", "total", "mean",
        "median", "number", "change", "changes", "level", "levels", "rate", "rates"}
TIME_UNITS = {"second", "seconds", "minute", "minutes", "min", "hour", "hours", "h", "hr", "hrs", "day", "days", "week",
              "weeks", "wk", "wks", "month", "months", "year", "years", "yr", "yrs", "visit", "visits", "baseline",
              "follow-up", "followup", "postoperatively", "end", "treatment", "study", "period", "discharge"}
TIME_LEADS = {"at", "after", "within", "during", "over", "from", "by", "up", "until", "through", "in", "before",
              "between", "to", "on"}
# Prepositions that open what qualifies a head (place, population, denominator), not what the head is.
QUALIFIER_LEADS = {"in", "per", "among", "for", "with", "during", "after", "at", "following", "treated", "from", "by",
                   "compared", "versus", "vs", "on", "within", "due", "when"}
UNITS = re.compile(r"^(mm|cm|kg|g|mg|ml|l|mmhg|mmol|mol|%|µg|μg|ng|pg|iu|u|bpm|kcal|kpa|s)(/[a-z0-9]+)*$", re.I)


def half(article_id: str) -> str:
    """``read`` or ``check``: the parity of the article id's SHA-256 (fixed, independent of the held-out split)."""
    return HALVES[int(hashlib.sha256(("outcome-silver:" + article_id).encode("utf-8")).hexdigest(), 16) % 2]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def articles(folder: Path = EI) -> list[dict]:
    """Training abstracts with their distinct outcome phrases: {"id", "text", "half", "outcomes": [(start, end)]}."""
    excluded = {row["id"] for row in read_jsonl(folder / "dev.jsonl")}
    out = []
    for row in read_jsonl(folder / "spans.jsonl"):
        if row["id"] in excluded:
            continue
        phrases = sorted({(s["start"], s["end"]) for s in row["spans"] if s["role"] == "outcome"})
        if phrases:
            out.append({"id": row["id"], "text": row["text"], "half": half(row["id"]), "outcomes": phrases})
    return sorted(out, key=lambda a: a["id"])


def head_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Character offsets of a phrase's head: its last content word once a trailing parenthesis, time frame
    ("at 6 months", "after 12 weeks of treatment") or unit ("in mmHg") is cut; None when it has none."""
    tokens = [(m.start() + start, m.end() + start, m.group()) for m in WORD.finditer(text[start:end])]
    depth = 0
    kept = []
    for token in tokens:  # leave out bracketed asides
        if token[2] in "([":
            depth += 1
        elif token[2] in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(token)
    lower = [t[2].lower() for t in kept]
    for i, word in enumerate(lower):  # cut at the first time-frame lead that a number or time word follows
        if i > 0 and word in TIME_LEADS and any(w[:1].isdigit() or w in TIME_UNITS for w in lower[i + 1: i + 5]):
            kept, lower = kept[:i], lower[:i]
            break
    for i, word in enumerate(lower):  # "length of stay in <unit>", "drinks per day": the head is before
        if word in QUALIFIER_LEADS and any(w not in STOP and w[:1].isalpha() for w in lower[:i]):
            kept, lower = kept[:i], lower[:i]
            break
    for token, word in zip(reversed(kept), reversed(lower)):
        if word in STOP or word in TIME_UNITS or UNITS.match(word) or not word[:1].isalpha():
            continue
        return token[0], token[1]
    return None


def classify(phrase: tuple[int, int], head: tuple[int, int] | None, mentions: list[dict]) -> dict:
    """How the mentions cover one phrase: exact / overlap / head booleans and the miss class."""
    start, end = phrase
    outcomes = [m for m in mentions if m["label"] == "OUTCOME"]
    exact = any(m["start"] == start and m["end"] == end for m in outcomes)
    overlap = any(m["start"] < end and start < m["end"] for m in outcomes)
    at_head = head is not None and any(m["start"] <= head[0] and head[1] <= m["end"] for m in outcomes)
    measured = overlap or any(m["label"] == "LAB_MARKER" and m["start"] < end and start < m["end"] for m in mentions)
    if exact:
        kind = "exact"
    elif overlap:
        kind = "boundary"
    else:
        others = sorted({m["label"] for m in mentions if m["start"] < end and start < m["end"]})
        kind = "other_label:" + "+".join(others) if others else "untagged"
    return {"exact": exact, "overlap": overlap, "head": at_head, "with_lab": measured, "kind": kind}


def predict(texts: list[str], rules_only: bool) -> list[list[dict]]:
    """The pipeline's mentions per text, as {"start", "end", "label", "text"}."""
    import extractor
    from extractor.pipeline import build_nlp

    pipeline = extractor.load()
    if rules_only:
        pipeline.nlp = build_nlp(rules_only=True)
    return [[{"start": m.start, "end": m.end, "label": m.label, "text": m.text} for m in result.entities]
            for result in pipeline.pipe(texts)]


def score(rows: list[dict]) -> dict:
    """Recall figures and miss classes over classified phrases."""
    n = len(rows)
    kinds = collections.Counter(r["kind"].split(":")[0] for r in rows)
    labels = collections.Counter(r["kind"].split(":", 1)[1] for r in rows if r["kind"].startswith("other_label"))
    return {"phrases": n,
            **{key: round(sum(r[key] for r in rows) / n, 3) if n else 0.0
               for key in ("exact", "overlap", "head", "with_lab")},
            "classes": dict(kinds.most_common()), "other_labels": dict(labels.most_common())}


def _context(text: str, start: int, end: int, mentions: list[dict]) -> str:
    lo, hi = max(0, start - 60), min(len(text), end + 60)
    near = [f"{m['label'][:3]}[{m['text']}]" for m in mentions if m["start"] < hi and lo < m["end"]]
    return f"...{text[lo:start]}<<{text[start:end]}>>{text[end:hi]}...\n        {' '.join(near)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--size", type=int, default=0, help="only the first N articles of each half (by id)")
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--misses", type=int, default=0, help="print N phrases of each miss class (read half only)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cache", type=Path, help="write the predictions here, or read them if the file exists")
    args = parser.parse_args()

    chosen = []
    for name in HALVES:
        if args.half in (name, "both"):
            part = [a for a in articles() if a["half"] == name]
            chosen += part[:args.size] if args.size else part
    if args.cache and args.cache.exists():
        cached = {row["id"]: row["mentions"] for row in read_jsonl(args.cache)}
        predicted = [cached[a["id"]] for a in chosen]
    else:
        predicted = predict([a["text"] for a in chosen], args.rules_only)
        if args.cache:
            args.cache.write_text("".join(json.dumps({"id": a["id"], "mentions": m}) + "\n"
                                          for a, m in zip(chosen, predicted)), encoding="utf-8")
    rows: dict[str, list[dict]] = collections.defaultdict(list)
    for article, mentions in zip(chosen, predicted):
        for phrase in article["outcomes"]:
            head = head_span(article["text"], *phrase)
            rows[article["half"]].append({**classify(phrase, head, mentions), "article": article, "phrase": phrase,
                                          "mentions": mentions})
    figures = {name: {"articles": sum(a["half"] == name for a in chosen), **score(rows[name])}
               for name in HALVES if rows[name]}
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for name, f in figures.items():
            print(f"{name:6} articles {f['articles']:5} phrases {f['phrases']:5}  exact {f['exact']:.3f}  "
                  f"overlap {f['overlap']:.3f}  head {f['head']:.3f}  +LAB {f['with_lab']:.3f}  {f['classes']}  "
                  f"other labels {f['other_labels']}")
    if args.misses:
        for kind in ("boundary", "other_label", "untagged"):
            shown = [r for r in rows["read"] if r["kind"].startswith(kind)][:args.misses]
            print(f"\n== {kind} (read half, first {len(shown)})")
            for r in shown:
                text = r["article"]["text"]
                print(f"  {r['article']['id']} {r['kind']}: {_context(text, *r['phrase'], r['mentions'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
