"""Citation markers such as "(38)", "(12, 13)", "[5-7]" become a span group with their reference numbers."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .batching import BatchedPipe
from .spans import doc_text

CITATIONS_KEY = "citations"
MARKER = re.compile(r"[(\[]\s*(\d{1,3}(?:\s*[-\u2013,;]\s*\d{1,3})*)\s*[)\]]")
# Reference numbers set as superscripts and flattened into the text: right after a word's last letter and
# a stop or comma ("shock.22 However", "patients,12,13 and"), followed by a space or the end.
# (The lookbehind is written after the first digit, so that the regex engine jumps from digit to digit.)
SUPERSCRIPT = re.compile(r"(\d(?<=[a-z)\]][.,;:]\d)\d{0,2}(?:[,\u2013-]\d{1,3})*)(?=\s|$)")


def parse_refs(body: str) -> list[str]:
    """Expand a citation body: "12, 14-16" -> ["12", "14", "15", "16"]."""
    refs: list[str] = []
    for part in re.split(r"\s*[,;]\s*", body):
        bounds = re.split(r"\s*[-\u2013]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit() and 0 < int(bounds[1]) - int(bounds[0]) < 50:
            refs.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            refs.append(part)
    return refs


# A numbered item of a list: "(1)" at the start of the text or after a colon, semicolon, comma, stop or "and",
# before a word ("CONCLUSIONS: (1) X lowered Y; (2) ...")
ITEM_NUMBER = re.compile(r"(?:^|[:;,.]|\band|\bor)\s*\((\d)\)\s+(?=[A-Za-z])")


def list_item_numbers(text: str) -> set[int]:
    """Start offsets of the "(1)", "(2)" ... that number the items of a list rather than cite references:
    written where ITEM_NUMBER says, and only where both "(1)" and "(2)" are so written."""
    items = {m.start(1) - 1: int(m.group(1)) for m in ITEM_NUMBER.finditer(text)}
    return set(items) if {1, 2} <= set(items.values()) else set()


def find_citations(text: str) -> list[tuple[int, int, list[str]]]:
    """Return (start, end, refs) character spans of citation markers in ``text``."""
    found = []
    items = list_item_numbers(text) if "(1)" in text else set()
    for match in MARKER.finditer(text):
        before = text[max(0, match.start() - 3): match.start()]
        if re.search(r"[=<>]\s*$", before):
            continue  # "(n = 12)" style counts are not citations
        if match.start() in items:
            continue  # "(1) X lowered Y; (2) ...": the numbers of a list
        found.append((match.start(), match.end(), parse_refs(match.group(1))))
    for match in SUPERSCRIPT.finditer(text):
        found.append((match.start(), match.end(), parse_refs(match.group(1))))
    return sorted(found)


class CitationFinder(BatchedPipe):
    def __init__(self, nlp: Language, name: str):
        self.name = name
        if not Span.has_extension("refs"):
            Span.set_extension("refs", default=None)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, refs in find_citations(doc_text(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                span = Span(doc, span.start, span.end, label="CITATION")
                span._.refs = refs
                spans.append(span)
        doc.spans[CITATIONS_KEY] = spans
        return doc


@Language.factory("citation_finder")
def make_citation_finder(nlp: Language, name: str) -> CitationFinder:
    return CitationFinder(nlp, name)
