"""Helpers shared by the matching components: candidate span groups and identifiers on spans."""

from __future__ import annotations

import warnings

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


# The index is a cache that any doc can rebuild (``index_sentences``); a serialized doc leaving it
# behind loses nothing, so spaCy's warning that user hooks are not saved (W109) is noise here.
warnings.filterwarnings("ignore", message=r".*\[W109\]")


class SentenceIndex:
    """``Span.sent`` / ``Token.sent`` in constant time, from a per-token table of sentence bounds.

    spaCy finds a span's sentence by walking the tokens out to the nearest boundaries, which is
    linear in the sentence; components and records ask for it for every mention, so a long sentence
    made extraction quadratic. Installed as the doc's ``sent`` span hook; it returns exactly the
    span spaCy would (the sentence holding the span's first token). A module-level class, so a doc
    carrying it can still be pickled.
    """

    def __init__(self, doc: Doc):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for sent in doc.sents:
            size = sent.end - sent.start
            self.starts.extend([sent.start] * size)
            self.ends.extend([sent.end] * size)

    def __call__(self, span: Span) -> Span:
        i = min(span.start, len(self.starts) - 1)
        return span.doc[self.starts[i]: self.ends[i]]


def index_sentences(doc: Doc) -> None:
    """Give the doc constant-time sentence look-ups (once; a no-op without sentence boundaries)."""
    hook = doc.user_span_hooks.get("sent")
    if hook is not None and (not isinstance(hook, SentenceIndex) or len(hook.starts) == len(doc)):
        return  # already indexed, or someone else's hook
    if len(doc) and doc.has_annotation("SENT_START"):
        doc.user_span_hooks["sent"] = SentenceIndex(doc)


def sentence_starts(doc: Doc) -> list[int]:
    """The start token of each token's sentence."""
    index_sentences(doc)
    hook = doc.user_span_hooks.get("sent")
    if isinstance(hook, SentenceIndex):
        return hook.starts
    return [token.sent.start for token in doc]


def text_after(span: Span, size: int) -> str:
    """``doc.text[span.end_char: span.end_char + size]``, read from the next tokens only
    (``Doc.text`` joins every token of the doc on each call)."""
    doc = span.doc
    pieces = [span[-1].whitespace_] if len(span) else []
    length = len(pieces[0]) if pieces else 0
    i = span.end
    while length < size and i < len(doc):
        pieces.append(doc[i].text_with_ws)
        length += len(pieces[-1])
        i += 1
    return "".join(pieces)[:size]
