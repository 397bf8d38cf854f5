"""Character spans <-> word-piece BIO tags, both ways. Pure functions, no torch.

``offsets`` are the (start, end) character offsets a fast tokenizer returns for each word piece;
special tokens have (0, 0) and get no tag (None), so training ignores them.
"""

from __future__ import annotations

from typing import Sequence

from .schema import LABELS

Offsets = Sequence[tuple[int, int]]


def tag_names(labels: Sequence[str] = LABELS) -> list[str]:
    """["O", "B-DRUG", "I-DRUG", ...]: the tag set of a token classifier over ``labels``."""
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in ("B", "I")]


def spans_to_tags(offsets: Offsets, spans: Sequence[tuple[int, int, str]]) -> list[str | None]:
    """BIO tag per word piece: B on the first piece inside a span, I on the rest, O outside."""
    tags: list[str | None] = []
    ordered = sorted(spans)
    for start, end in offsets:
        if start == end:
            tags.append(None)
            continue
        span = next((s for s in ordered if start < s[1] and s[0] < end), None)
        if span is None:
            tags.append("O")
            continue
        previous = tags[-1] if tags else None
        inside_same = previous not in (None, "O") and previous[2:] == span[2] and _piece_in(offsets, len(tags) - 1, span)
        tags.append(("I-" if inside_same else "B-") + span[2])
    return tags


def _piece_in(offsets: Offsets, index: int, span: tuple[int, int, str]) -> bool:
    start, end = offsets[index]
    return start < span[1] and span[0] < end


def tags_to_spans(offsets: Offsets, tags: Sequence[str | None],
                  scores: Sequence[float] | None = None) -> list[tuple[int, int, str, float]]:
    """Character spans from BIO tags: (start, end, label, mean piece score).

    An I tag that does not continue a span of its label opens one, as most decoders do.
    """
    spans: list[tuple[int, int, str, float]] = []
    current: list | None = None
    for index, ((start, end), tag) in enumerate(zip(offsets, tags)):
        score = scores[index] if scores is not None else 1.0
        if tag is None or start == end or tag == "O":
            if current:
                spans.append(_close(current))
            current = None
            continue
        prefix, label = tag[:1], tag[2:]
        if prefix == "I" and current and current[2] == label:
            current[1] = end
            current[3].append(score)
            continue
        if current:
            spans.append(_close(current))
        current = [start, end, label, [score]]
    if current:
        spans.append(_close(current))
    return spans


def _close(current: list) -> tuple[int, int, str, float]:
    start, end, label, scores = current
    return start, end, label, sum(scores) / len(scores)
