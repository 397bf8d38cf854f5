"""Doc entities -> normalized :class:`Mention` objects (the second stage of the data flow)."""

from __future__ import annotations

import re
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

from .components.context import flag_reader
from .components.spans import decode_ids, span_text
from .normalize import (
    american_spelling, cohort_value, design_of, outcome_name_form, outcome_phrase_name, time_frame_digits, written_form,
)
from .lexicons.vocabulary import words
from .schema import Mention

REGISTRATION = re.compile(r"regist|recruiting|clinicaltrials|ongoing|under way|underway", re.I)


# doc -> {sentence start: whether the sentence speaks of registration}, so that many design mentions
# in one long sentence search it once
_REGISTRATION_BY_SENTENCE: "WeakKeyDictionary[Doc, dict[int, bool]]" = WeakKeyDictionary()


def _mentions_registration(sent: Span) -> bool:
    known = _REGISTRATION_BY_SENTENCE.setdefault(sent.doc, {})
    if sent.start not in known:
        known[sent.start] = bool(REGISTRATION.search(span_text(sent)))
    return known[sent.start]


def normalize_span(span: Span, text: str | None = None) -> dict:
    """Return the ``norm`` object that ANNOTATION.md defines for the span's label; ``text``: the
    span's text, where the caller has it."""
    label = span.label_
    if text is None:
        text = span_text(span)
    if label == "COHORT_SIZE":
        return {"value": _cohort_value(text)}
    if label == "STUDY_DESIGN":
        if span[-1].lower_ == "trials" and _mentions_registration(span.sent):
            return {"design": "trial_registration"}
        return dict(_design(text))
    return {"name": _name(label, span.kb_id_, text)}


# The norms are pure functions of the span's label, lexicon id and text, and the same names come back
# in every document: each is computed once per process (a design's dict is copied, as callers own it).
_cohort_value = lru_cache(maxsize=16_384)(cohort_value)
_design = lru_cache(maxsize=4_096)(design_of)


@lru_cache(maxsize=65_536)
def _name(label: str, kb_id: str, text: str) -> str:
    name = written_form(kb_id, text) if kb_id else text
    if label == "OUTCOME" and not kb_id:
        name = outcome_phrase_name(name)
    if label == "OUTCOME":
        return without_ascertainment(outcome_name_form(time_frame_digits(american_spelling(name))))
    return without_ascertainment(name.lower()) if label == "LAB_MARKER" else name.lower()


# "best-corrected visual acuity", "biopsy-proven acute rejection", "calculated blood loss": words saying how an
# outcome was ascertained, which its name leaves out where at least two words name it without them ("subjective
# sleepiness" keeps its word).
ASCERTAINMENT_WORDS = words("ascertainment_qualifiers")


def without_ascertainment(name: str) -> str:
    """An outcome's name without a first word saying how it was ascertained, where two words or more remain."""
    first, _, rest = name.partition(" ")
    return rest if first in ASCERTAINMENT_WORDS and rest.count(" ") >= 1 else name


class SpanNorms:
    """:func:`normalize_span` of the spans of one doc, each computed once; where the doc's mentions
    are given (:func:`doc_mentions`), the entities' norms are read from them."""

    def __init__(self, doc: Doc, mentions: list[Mention] | None = None, ents: tuple[Span, ...] | None = None):
        self._known: dict[tuple, dict] = {}
        if mentions is None:
            ents = ()
        elif ents is None:
            ents = doc.ents  # spaCy builds the tuple anew on every read: callers that have it pass it
        if mentions is not None and len(mentions) == len(ents):
            for ent, mention in zip(ents, mentions):
                if (mention.start, mention.end, mention.label) == (ent.start_char, ent.end_char, ent.label_):
                    self._known[self._key(ent)] = mention.norm

    @staticmethod
    def _key(span: Span) -> tuple:
        return span.start, span.end, span.label, span.kb_id

    def __call__(self, span: Span) -> dict:
        key = self._key(span)
        norm = self._known.get(key)
        if norm is None:
            norm = self._known[key] = normalize_span(span)
        return norm

    def name(self, span: Span) -> str:
        return self(span)["name"]


def span_to_mention(span: Span, negated: bool | None = None, hedged: bool | None = None) -> Mention:
    """The span as a Mention; ``negated`` and ``hedged``, where the caller has read them, spare the
    extension look-ups."""
    if negated is None:
        negated = bool(span._.negated) if Span.has_extension("negated") else False
    if hedged is None:
        hedged = bool(span._.hedged) if Span.has_extension("hedged") else False
    ids = decode_ids(span.id_)
    source = ids.pop("source", "rules")
    text = span_text(span)
    return Mention(
        start=span.start_char, end=span.end_char, label=span.label_, text=text,
        norm=normalize_span(span, text), ids=ids, source=source, negated=negated, hedged=hedged,
    )


def doc_mentions(doc: Doc, ents: tuple[Span, ...] | None = None) -> list[Mention]:
    """The doc's entities as mentions; ``ents``: ``doc.ents``, where the caller has read it (spaCy
    builds the tuple anew on every read)."""
    negated, hedged = flag_reader(doc, "negated"), flag_reader(doc, "hedged")
    return [span_to_mention(span, negated(span), hedged(span)) for span in (doc.ents if ents is None else ents)]
