"""Scoring predicted extractions against gold files in the ANNOTATION.md format."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .evaluate_prompts import content_words
from .schema import LABELS, EvidenceRecord, Extraction, Mention

SCORED_RECORD_FIELDS = ("cohort_size", "design", "direction", "values", "hedged", "negated", "refs")


class GoldFormatError(ValueError):
    """A gold file line that is not a passage in the ANNOTATION.md format."""


PROMPT_FIELDS = ("intervention", "outcome", "direction")


def _passage_lines(path: str | Path) -> Iterator[tuple[str, dict]]:
    """(where, data) for each passage line of a JSONL file; a line without a 'text' string raises GoldFormatError."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{where}: {error}") from error
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise GoldFormatError(f"{where}: a passage needs a 'text' string")
            yield where, data


def _gold_passage(where: str, data: dict) -> Extraction:
    try:
        return Extraction.from_dict(data)
    except (KeyError, TypeError) as error:
        raise GoldFormatError(f"{where}: {error}") from error


def read_gold(path: str | Path) -> Iterator[Extraction]:
    """Yield the passages of a gold JSONL file; a malformed line raises GoldFormatError naming it."""
    for passage, _ in read_gold_lines(path):
        yield passage


def read_gold_lines(path: str | Path) -> Iterator[tuple[Extraction, dict]]:
    """Each passage with its line as read, for fields beyond the gold format (the export's ``curated``)."""
    for where, data in _passage_lines(path):
        yield _gold_passage(where, data), data


def _check_prompts(where: str, prompts) -> None:
    if not isinstance(prompts, list) or not all(isinstance(p, dict) for p in prompts):
        raise GoldFormatError(f"{where}: 'prompts' must be a list of objects")
    for prompt in prompts:
        missing = [name for name in PROMPT_FIELDS if not isinstance(prompt.get(name), str)]
        if missing:
            raise GoldFormatError(f"{where}: a prompt needs {', '.join(missing)}")


def read_evaluation_file(path: str | Path) -> tuple[list[Extraction], list[dict]]:
    """Gold passages (entities and records) and Evidence Inference prompt passages (lines with "prompts")."""
    gold, prompted = [], []
    for where, data in _passage_lines(path):
        if "prompts" in data:
            _check_prompts(where, data["prompts"])
            prompted.append(data)
        else:
            gold.append(_gold_passage(where, data))
    return gold, prompted


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EntityScorer:
    overlap: bool
    per_label: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    matches: list[tuple[Mention, Mention]] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def add(self, gold: list[Mention], predicted: list[Mention], passage_id: str | None) -> None:
        unmatched = list(gold)
        for pred in sorted(predicted, key=lambda m: m.start):
            match = next((g for g in unmatched if self._same(g, pred)), None)
            if match is None:
                self.per_label[pred.label].fp += 1
                self.errors.append({"id": passage_id, "kind": "fp", "label": pred.label, "text": pred.text, "start": pred.start})
            else:
                unmatched.remove(match)
                self.per_label[pred.label].tp += 1
                self.matches.append((match, pred))
        for missed in unmatched:
            self.per_label[missed.label].fn += 1
            self.errors.append({"id": passage_id, "kind": "fn", "label": missed.label, "text": missed.text, "start": missed.start})

    def _same(self, gold: Mention, pred: Mention) -> bool:
        if gold.label != pred.label:
            return False
        if self.overlap:
            return gold.start < pred.end and pred.start < gold.end
        return gold.start == pred.start and gold.end == pred.end

    def report(self, labels: Iterable[str]) -> dict:
        micro = Tally()
        per_label = {}
        for label in labels:
            tally = self.per_label.get(label, Tally())
            per_label[label] = tally.scores()
            micro.tp += tally.tp
            micro.fp += tally.fp
            micro.fn += tally.fn
        return {"micro": micro.scores(), "per_label": per_label}


def _record_key(record: EvidenceRecord) -> tuple[str, str]:
    return ((record.intervention or "").lower().strip(), (record.outcome or "").lower().strip())


def _same_key(gold: EvidenceRecord, pred: EvidenceRecord) -> bool:
    return _record_key(gold) == _record_key(pred)


def _names_overlap(a: str | None, b: str | None) -> bool:
    """Whether two names share at least half of the content words of the shorter one: "all-cause mortality"
    and "mortality" do, as do "ldl cholesterol" and "low-density lipoprotein cholesterol"; "mortality" and
    "major bleeding" do not."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.5


def _similar_key(gold: EvidenceRecord, pred: EvidenceRecord) -> bool:
    """The relaxed record match: intervention and outcome names each overlap by the content-word rule that
    Evidence Inference prompts are matched by (:mod:`extractor.evaluate_prompts`)."""
    return _names_overlap(gold.intervention, pred.intervention) and _names_overlap(gold.outcome, pred.outcome)


def _field_equal(name: str, gold: EvidenceRecord, pred: EvidenceRecord) -> bool:
    g, p = getattr(gold, name), getattr(pred, name)
    if name == "values":
        return {round(float(v["value"]), 4) for v in g} == {round(float(v["value"]), 4) for v in p}
    if name == "refs":
        return {str(r) for r in g} == {str(r) for r in p}
    return g == p


@dataclass
class RecordScorer:
    """Records matched one to one by their key (``same``: exact (intervention, outcome) names, ANNOTATION.md's
    rule; :func:`_similar_key` for the relaxed figure)."""

    tally: Tally = field(default_factory=Tally)
    fields: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[dict] = field(default_factory=list)
    same: Callable[[EvidenceRecord, EvidenceRecord], bool] = _same_key

    def add(self, gold: list[EvidenceRecord], predicted: list[EvidenceRecord], passage_id: str | None) -> None:
        unmatched = list(gold)
        for pred in predicted:
            same_key = [g for g in unmatched if self.same(g, pred)]
            if not same_key:
                self.tally.fp += 1
                self.errors.append({"id": passage_id, "kind": "fp", "key": list(_record_key(pred))})
                continue
            best = max(same_key, key=lambda g: sum(_field_equal(f, g, pred) for f in SCORED_RECORD_FIELDS))
            unmatched.remove(best)
            self.tally.tp += 1
            for name in SCORED_RECORD_FIELDS:
                self.fields[name]["right" if _field_equal(name, best, pred) else "wrong"] += 1
        for missed in unmatched:
            self.tally.fn += 1
            self.errors.append({"id": passage_id, "kind": "fn", "key": list(_record_key(missed))})

    def report(self) -> dict:
        out = self.tally.scores()
        out["fields"] = {}
        for name in SCORED_RECORD_FIELDS:
            counts = self.fields.get(name, Counter())
            total = counts["right"] + counts["wrong"]
            out["fields"][name] = {"accuracy": round(counts["right"] / total, 4) if total else 0.0, "n": total}
        return out


def parse_label_map(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``DRUG=CHEMICAL`` options into {predicted label: gold label}."""
    mapping = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"--map expects PRED=GOLD, got {pair!r}")
        pred, gold = (part.strip() for part in pair.split("=", 1))
        mapping[pred] = gold
    return mapping


def evaluate(
    gold: list[Extraction],
    predicted: list[Extraction],
    labels: list[str] | None = None,
    label_map: dict[str, str] | None = None,
) -> dict:
    """Score predicted passages against gold ones (same order); returns the report as a dict."""
    label_map = label_map or {}
    scored = list(labels) if labels else [label_map.get(l, l) for l in LABELS]
    scored_set = set(scored)
    strict, relaxed, records = EntityScorer(overlap=False), EntityScorer(overlap=True), RecordScorer()
    similar_records = RecordScorer(same=_similar_key)
    unscored: Counter = Counter()
    for gold_passage, pred_passage in zip(gold, predicted):
        gold_mentions = [m for m in gold_passage.entities if m.label in scored_set]
        unscored.update(m.label for m in gold_passage.entities if m.label not in scored_set)
        pred_mentions = []
        for mention in pred_passage.entities:
            label = label_map.get(mention.label, mention.label)
            if label in scored_set:
                pred_mentions.append(Mention(mention.start, mention.end, label, mention.text, mention.norm))
        strict.add(gold_mentions, pred_mentions, gold_passage.id)
        relaxed.add(gold_mentions, pred_mentions, gold_passage.id)
        records.add(gold_passage.records, pred_passage.records, gold_passage.id)
        similar_records.add(gold_passage.records, pred_passage.records, gold_passage.id)
    cohort_pairs = [(g, p) for g, p in relaxed.matches if g.label == "COHORT_SIZE" == p.label]
    right = sum(1 for g, p in cohort_pairs if g.norm.get("value") == p.norm.get("value"))
    return {
        "passages": len(gold),
        "labels": scored,
        "entities": {"strict": strict.report(scored), "relaxed": relaxed.report(scored)},
        "cohort_size": {"value_accuracy": round(right / len(cohort_pairs), 4) if cohort_pairs else 0.0,
                        "n": len(cohort_pairs)},
        "records": records.report(),
        "records_relaxed": similar_records.tally.scores(),
        "unscored_gold_labels": dict(unscored),
        "errors": {"entities": strict.errors, "records": records.errors},
    }


def format_table(report: dict) -> str:
    """A readable summary of an evaluation report."""
    lines = [f"passages: {report['passages']}", "", f"{'label':<14}{'strict P':>9}{'R':>7}{'F1':>7}{'relaxed F1':>12}"]
    strict, relaxed = report["entities"]["strict"], report["entities"]["relaxed"]
    for label in report["labels"]:
        s, r = strict["per_label"][label], relaxed["per_label"][label]
        lines.append(f"{label:<14}{s['precision']:>9.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{r['f1']:>12.3f}")
    s, r = strict["micro"], relaxed["micro"]
    lines.append(f"{'micro':<14}{s['precision']:>9.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{r['f1']:>12.3f}")
    lines.append("")
    lines.append(f"cohort value accuracy: {report['cohort_size']['value_accuracy']:.3f} (n={report['cohort_size']['n']})")
    rec = report["records"]
    lines.append(f"records: P {rec['precision']:.3f}  R {rec['recall']:.3f}  F1 {rec['f1']:.3f}")
    if "records_relaxed" in report:
        near = report["records_relaxed"]
        lines.append(f"records, names by overlap: P {near['precision']:.3f}  R {near['recall']:.3f}  F1 {near['f1']:.3f}")
    lines.append("record fields: " + ", ".join(f"{k} {v['accuracy']:.2f}" for k, v in rec["fields"].items()))
    if report["unscored_gold_labels"]:
        lines.append("gold labels not scored: " + ", ".join(f"{k} ({v})" for k, v in report["unscored_gold_labels"].items()))
    return "\n".join(lines)
