"""Helpers shared by the matching components: candidate span groups and identifiers on spans."""

from __future__ import annotations

from spacy.tokens import Doc, Span

CANDIDATES_KEY = "evidence_candidates"


def add_candidate(doc: Doc, start: int, end: int, label: str, name: str = "", ids: str = "") -> Span:
    """Add a candidate mention to the doc's candidate group; the resolver chooses among them later.

    ``name`` (the canonical name) travels as the span's ``kb_id`` and ``ids`` (``"scheme:id|..."``)
    as its ``id``, so normalization starts at match time, as in spaCy's span ruler.
    """
    span = Span(doc, start, end, label=label, kb_id=name, span_id=ids)
    doc.spans.setdefault(CANDIDATES_KEY, []).append(span)
    return span


def candidates(doc: Doc) -> list[Span]:
    return list(doc.spans[CANDIDATES_KEY]) if CANDIDATES_KEY in doc.spans else []


def encode_ids(ids: dict[str, str] | tuple[tuple[str, str], ...]) -> str:
    items = ids.items() if isinstance(ids, dict) else ids
    return "|".join(f"{scheme}:{value}" for scheme, value in items)


def decode_ids(text: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in text.split("|") if ":" in part)
