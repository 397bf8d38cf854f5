"""The evidence on one drug and one outcome across the store: records grouped by direction and design,
summed cohorts, typed effect values with their intervals, and a chart drawn as plain SVG on the server."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import store
from .models import RecordRow

RATIO_KINDS = ("hr", "or", "rr", "irr")  # drawn on a log scale around 1
DIFFERENCE_KINDS = ("md", "smd", "wmd", "arr", "rrr")  # drawn on a linear scale around 0
MAX_RECORDS = 2000  # a summary reads at most this many records (the total says when there were more)


@dataclass
class Summary:
    drug: str
    outcome: str
    records: list[RecordRow]
    total: int
    documents: dict
    groups: list[dict] = field(default_factory=list)
    effects: list[dict] = field(default_factory=list)
    cohort_total: int = 0
    chart: str = "counts"
    measure: str | None = None


def summed_cohorts(records: list[RecordRow]) -> int:
    """Each document counted once, with the largest cohort its records name (records of one study share it)."""
    largest: dict[int, int] = {}
    for record in records:
        if record.cohort_size is not None:
            largest[record.document_id] = max(largest.get(record.document_id, 0), record.cohort_size)
    return sum(largest.values())


def effect_of(record: RecordRow) -> dict | None:
    """The record's first effect measure that has both interval bounds."""
    for value in record.values or []:
        kind = value.get("kind")
        low, high = value.get("ci_low"), value.get("ci_high")
        if kind in RATIO_KINDS + DIFFERENCE_KINDS and isinstance(low, (int, float)) and isinstance(high, (int, float)):
            if kind in RATIO_KINDS and min(low, high, value["value"]) <= 0:
                continue  # a ratio cannot be drawn on a log scale
            return {"record_id": record.id, "document_id": record.document_id, "kind": kind, "value": value["value"],
                    "ci_low": low, "ci_high": high, "ci_level": value.get("ci_level"), "direction": record.direction,
                    "label": f"#{record.id} {record.intervention or '?'}" + (f" vs {record.comparator}" if record.comparator else "")}
    return None


def group(records: list[RecordRow]) -> list[dict]:
    by_key: dict[tuple[str, str], list[RecordRow]] = defaultdict(list)
    for record in records:
        by_key[(record.direction or "unstated", record.design or "unstated")].append(record)
    return [{"direction": direction, "design": design, "count": len(rows), "cohort_total": summed_cohorts(rows),
             "record_ids": [r.id for r in rows]} for (direction, design), rows in sorted(by_key.items())]


def summarize(session: Session, drug: str, outcome: str) -> Summary:
    query = store.filter_records(select(RecordRow), {"drug": drug, "outcome": outcome}).where(RecordRow.status != "rejected")
    rows = list(session.scalars(query.order_by(RecordRow.document_id, RecordRow.id).limit(MAX_RECORDS + 1)))
    records = rows[:MAX_RECORDS]
    summary = Summary(drug, outcome, records, len(rows), store.documents_by_id(session, {r.document_id for r in records}))
    summary.groups = group(records)
    summary.cohort_total = summed_cohorts(records)
    summary.effects = [effect for effect in map(effect_of, records) if effect is not None]
    kinds = {effect["kind"] for effect in summary.effects}
    if len(kinds) == 1:
        summary.chart, summary.measure = "forest", kinds.pop()
    return summary


# --- the chart --------------------------------------------------------------------------------

WIDTH, LABEL_W, RIGHT, ROW_H, TOP = 720, 300, 30, 24, 44


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'font-family="sans-serif" fill="#222">{escape(text)}</text>')


def _ticks(low: float, high: float, log: bool) -> list[float]:
    if log:
        for steps in ((1, 2, 5), (1, 1.5, 2, 3, 5, 7), (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9)):
            ticks = [round(m * 10 ** e, 6) for e in range(-3, 4) for m in steps if low <= m * 10 ** e <= high]
            if len(ticks) >= 3:
                return ticks
        return ticks or [low, high]
    step = 10 ** math.floor(math.log10((high - low) or 1))
    if (high - low) / step < 3:
        step /= 2
    start = math.ceil(low / step) * step
    return [round(start + i * step, 10) for i in range(int((high - start) / step) + 1)]


def forest_svg(summary: Summary) -> str:
    """Effect and interval per record, on a log scale for ratios (line at 1) or linear for differences (line at 0)."""
    effects, log = summary.effects, summary.measure in RATIO_KINDS
    reference = 1.0 if log else 0.0
    low = min([e["ci_low"] for e in effects] + [e["value"] for e in effects] + [reference])
    high = max([e["ci_high"] for e in effects] + [e["value"] for e in effects] + [reference])
    scale = math.log if log else (lambda v: v)
    a, b = scale(low), scale(high)
    pad = (b - a) * 0.06 or 0.5
    a, b = a - pad, b + pad
    x0, x1 = LABEL_W, WIDTH - RIGHT

    def x(value: float) -> float:
        return x0 + (scale(value) - a) / (b - a) * (x1 - x0)

    bottom = TOP + ROW_H * len(effects)
    height = bottom + 46
    parts = [_text(10, 22, f"{summary.measure.upper()} with interval: {summary.drug} on {summary.outcome}", size=14, weight="bold"),
             f'<line x1="{x(reference):.1f}" y1="{TOP - 8}" x2="{x(reference):.1f}" y2="{bottom}" stroke="#888" stroke-dasharray="4 3"/>',
             f'<line x1="{x0}" y1="{bottom}" x2="{x1}" y2="{bottom}" stroke="#444"/>']
    for tick in _ticks(math.exp(a) if log else a, math.exp(b) if log else b, log):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{bottom}" x2="{x(tick):.1f}" y2="{bottom + 5}" stroke="#444"/>')
        parts.append(_text(x(tick), bottom + 18, f"{tick:g}", anchor="middle", size=11))
    parts.append(_text((x0 + x1) / 2, bottom + 38, f"{summary.measure.upper()} ({'log scale' if log else 'linear'})",
                       anchor="middle", size=11))
    for row, effect in enumerate(effects):
        y = TOP + ROW_H * row + ROW_H / 2
        label = effect["label"] if len(effect["label"]) <= 44 else effect["label"][:43] + "…"
        parts.append(f'<g class="effect" data-record={quoteattr(str(effect["record_id"]))}>')
        parts.append(_text(10, y + 4, label))
        parts.append(f'<line x1="{x(effect["ci_low"]):.1f}" y1="{y:.1f}" x2="{x(effect["ci_high"]):.1f}" y2="{y:.1f}" '
                     'stroke="#1a56a6" stroke-width="2"/>')
        parts.append(f'<rect x="{x(effect["value"]) - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#1a56a6"/>')
        parts.append(f'<title>{escape(effect["label"])}: {effect["value"]:g} ({effect["ci_low"]:g} to {effect["ci_high"]:g})</title></g>')
    return _svg(parts, height, f"Forest plot of {summary.measure.upper()} for {summary.drug} on {summary.outcome}")


def counts_svg(summary: Summary) -> str:
    """Records by direction, as horizontal bars (measures differ or no record gives an interval)."""
    counts: dict[str, int] = defaultdict(int)
    for g in summary.groups:
        counts[g["direction"]] += g["count"]
    rows = sorted(counts.items())
    most = max(counts.values(), default=0) or 1
    x0, x1 = 160, WIDTH - RIGHT - 40
    parts = [_text(10, 22, f"Records by direction: {summary.drug} on {summary.outcome}", size=14, weight="bold")]
    for row, (direction, count) in enumerate(rows):
        y = TOP + ROW_H * row
        width = (x1 - x0) * count / most
        parts.append(f'<g class="bar" data-direction={quoteattr(direction)}>')
        parts.append(_text(10, y + 16, direction))
        parts.append(f'<rect x="{x0}" y="{y + 4}" width="{width:.1f}" height="{ROW_H - 8}" fill="#1a56a6"/>')
        parts.append(_text(x0 + width + 6, y + 16, str(count)) + "</g>")
    if not rows:
        parts.append(_text(10, TOP + 16, "no records"))
    return _svg(parts, TOP + ROW_H * max(1, len(rows)) + 16, f"Record counts by direction for {summary.drug} on {summary.outcome}")


def _svg(parts: list[str], height: float, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label={quoteattr(title)} id="evidence-chart">'
            f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="#fff"/>' + "".join(parts) + "</svg>")


def chart_svg(summary: Summary) -> str:
    return forest_svg(summary) if summary.chart == "forest" else counts_svg(summary)
