"""Sentence roles: background, objective, methods, results or conclusions for every sentence.

Where a structured abstract labels its sections ("RESULTS:", "Methods:", "OBJECTIVE—", or a
running-in "CONCLUSIONS Treatment ..."), the labels decide: each heading starts a section from its
first token on, and the sentence splitter is told to start a sentence there (the sentencizer does
not split before a heading that follows a title or a sentence without a full stop). The heading
vocabulary is data: ``extractor/lexicons/section_headings.json``. A text with a single heading that
names a role ("OBJECTIVE:" before a whole abstract whose other headings were lost) is not laid out in
sections: the heading starts a sentence, and the model gives every sentence its role.

Every other sentence (no heading before it, or under a heading such as "Trial registration" that
names no role) is classified by a small bag-of-words ``textcat`` trained on the sections of real
structured abstracts (``python -m extractor.learn.roles train``; weights in
``extractor/weights/roles``). A sentence stating an aim or a hypothesis (the ``_objective_cues``
of the headings file) is an objective unless a heading says methods.

Results are exposed in two ways:

- ``doc._.sentence_roles``: a dict from each sentence's start token index to its role;
- ``span._.role`` (getter) and :func:`sentence_role`: the role of the sentence a span starts in.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..learn import load_trained
from ..learn.predict import textcat_scores
from ..values import holds_any
from .spans import doc_extension, doc_text, span_text, token_offsets

if TYPE_CHECKING:
    from spacy.language import Language as LanguageType
    from spacy.vocab import Vocab

ROLES = ("background", "objective", "methods", "results", "conclusions")
# A heading kind that ends the current section but names no role: its text goes to the model.
OTHER = "other"
# A text is laid out in sections where it has this many headings naming a role (as in
# :mod:`extractor.learn.role_data`); a lone heading starts a sentence but leaves the roles to the model.
MIN_ROLE_HEADINGS = 2
# The role of every sentence when the pipeline ran without this component: all may state results.
ROLE_WITHOUT_COMPONENT = "results"
HEADINGS_FILE = Path(__file__).resolve().parents[1] / "lexicons" / "section_headings.json"
DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "roles"

Doc.set_extension("sentence_roles", default=None, force=True)


@dataclass(frozen=True)
class Heading:
    """A section heading found in text: character offsets (separator included) and its role."""

    start: int
    end: int
    role: str


@lru_cache(maxsize=1)
def heading_vocabulary() -> dict[str, str]:
    """Lower-case heading phrase -> role (or "other"), from the data file."""
    data = json.loads(HEADINGS_FILE.read_text(encoding="utf-8"))
    return {phrase: role for role, phrases in data.items() if not role.startswith("_") for phrase in phrases}


def _phrase_pattern(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ ", r"\s+")


def _by_first_letter(phrases: list[str]) -> str:
    """The alternation of ``phrases`` (lower-case), grouped by first letter: "c(?:onclusions|ontext)|m(?:ethods)".

    It matches what the plain alternation matches, with the same phrase winning: no character matches
    two different first letters, and each group keeps the phrases' order. The regex engine then tries
    a position against one group instead of every phrase, which made the scan of a text several times
    faster (case-insensitive alternatives are each tried in full).
    """
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0], []).append(_phrase_pattern(phrase[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


@lru_cache(maxsize=2)
def _heading_pattern(lowered: bool = False) -> re.Pattern[str]:
    """The headings in any case; ``lowered``: the same matches in an ASCII text made lower-case (the phrases
    are lower-case), without case folding, which costs the regex engine a character's folding at every
    character it compares (about half the scan's time)."""
    phrases = sorted(heading_vocabulary(), key=len, reverse=True)
    alternatives = _by_first_letter([phrase.lower() for phrase in phrases] if lowered else phrases)
    capital = "[a-z]" if lowered else "[A-Z]"
    return re.compile(
        rf"(?<![\w\-/])(?P<head>{alternatives})(?P<sep>\s*[:—–]|\s+-\s+|\.(?=\s+{capital}))?(?P<space>\s*)",
        0 if lowered else re.IGNORECASE,
    )


def _runs_in(text: str, end: int) -> bool:
    """An all-capitals heading without separator must be followed by ordinary text, not more capitals
    (a capitalised title such as "RESULTS OF THE TRIAL")."""
    words = text[end:end + 40].split()[:2]
    if not words or not (words[0][0].isupper() or words[0][0].isdigit() or words[0][0] == "("):
        return False
    return not all(w.isalpha() and w.isupper() and len(w) > 1 for w in words)


def find_headings(text: str) -> list[Heading]:
    """Section headings of a structured abstract, in text order.

    A heading counts when it is written with a separator ("Results:", "OBJECTIVE—") and starts
    with a capital, or in running-in capitals ("METHODS We ...") in a text that has at least one
    other heading, so that a lone capitalised acronym ("AIMS" the rating scale) is not a section.
    """
    vocabulary = heading_vocabulary()
    separated: list[Heading] = []
    running_in: list[Heading] = []
    # an ASCII text keeps its length lower-cased, so the matches' offsets are the text's own
    ascii = text.isascii()
    for match in _heading_pattern(ascii).finditer(text.lower() if ascii else text):
        head = text[match.start("head"):match.end("head")]
        role = vocabulary.get(" ".join(head.lower().split()))
        if role is None:  # matched only by case-insensitive folding ("Reſults", dotted capitals): no heading
            continue
        heading = Heading(match.start(), match.end(), role)
        separator = text[match.start("sep"):match.end("sep")].strip() if match.start("sep") >= 0 else ""
        if separator and head[0].isupper() and (separator != "." or head.isupper()):
            separated.append(heading)
        elif head.isupper() and len(head) > 2 and _runs_in(text, match.end()):
            running_in.append(heading)
    found = separated + running_in if len(separated) + len(running_in) >= 2 else separated
    return sorted(found, key=lambda h: h.start)


@lru_cache(maxsize=1)
def objective_cues() -> re.Pattern[str]:
    """Aim and hypothesis wording ("we hypothesised that", "the aim of this study was"), from the data file."""
    cues = json.loads(HEADINGS_FILE.read_text(encoding="utf-8"))["_objective_cues"]
    return re.compile("|".join(f"(?:{cue})" for cue in cues), re.IGNORECASE)


@lru_cache(maxsize=1)
def _objective_literals() -> tuple[str, ...]:
    return tuple(json.loads(HEADINGS_FILE.read_text(encoding="utf-8"))["_objective_literals"])


def states_objective(text: str) -> bool:
    """Whether an objective cue matches ``text``. Every match holds one of the data file's
    ``_objective_literals``, so a plain-ASCII text without one is not searched (a cheap check: the
    case-insensitive search costs more, and most sentences state no aim)."""
    if text.isascii() and not holds_any(text.lower(), _objective_literals()):
        return False
    return objective_cues().search(text) is not None


def sections(text: str, headings: list[Heading] | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, role) of each stretch of text: before the first heading the role is None,
    after a heading it is the heading's role (None for an "other" heading). Heading words excluded."""
    headings = find_headings(text) if headings is None else headings
    stretches: list[tuple[int, int, str | None]] = []
    cursor, role = 0, None
    for heading in headings:
        if heading.start > cursor:
            stretches.append((cursor, heading.start, role))
        cursor, role = heading.end, (None if heading.role == OTHER else heading.role)
    if cursor < len(text):
        stretches.append((cursor, len(text), role))
    return stretches


def sentence_role(sent: Span) -> str:
    """The role of the sentence ``sent`` starts in (any span works: its first token's sentence).

    Reads ``doc._.sentence_roles``, the dict from sentence start token to role that the
    ``sentence_roles`` component writes; "results" where the component did not run.
    """
    roles = doc_extension(sent.doc, "sentence_roles")
    if roles is None:
        return ROLE_WITHOUT_COMPONENT
    start = sent.start if sent.start in roles else sent.doc[sent.start].sent.start
    return roles.get(start, ROLE_WITHOUT_COMPONENT)


def roles_by_start(doc: Doc) -> Callable[[int], str]:
    """:func:`sentence_role` of a doc's sentences by their start token, reading ``doc._`` once (each
    read costs microseconds; the record builder and the arm scorer ask for many sentences)."""
    roles = doc_extension(doc, "sentence_roles")
    if roles is None:
        return lambda start: ROLE_WITHOUT_COMPONENT
    return lambda start: roles.get(start, ROLE_WITHOUT_COMPONENT)


Span.set_extension("role", getter=sentence_role, force=True)


MAX_CLASSIFIED_CHARS = 1000


def load_role_model(path: str) -> "LanguageType":
    """The trained sentence-role textcat, loaded once per process."""
    return load_trained(path, "roles")


def classify_sentences(texts: list[str], model_path: Path = DEFAULT_WEIGHTS, batch_size: int = 256,
                       vocab: "Vocab | None" = None) -> list[str]:
    """The learned role of each sentence text (highest-scoring class); ``vocab``: the pipeline's, which the
    model's tokens then go to (:func:`extractor.learn.predict.textcat_scores`)."""
    if not texts:
        return []
    model = load_role_model(str(model_path))
    # The model's own tokenizer is quadratic on a long run without spaces; a role is clear from a
    # sentence's first characters, and a "sentence" longer than this is no ordinary sentence.
    heads = [text[:MAX_CLASSIFIED_CHARS] for text in texts]
    labels, scores = textcat_scores(model, heads, batch_size, vocab)
    # argmax takes the first of equal scores, as ``max`` over ``doc.cats`` (in label order) did
    return [_with_objective_cues(text, labels[best]) for text, best in zip(heads, scores.argmax(axis=1).tolist())]


def _with_objective_cues(text: str, role: str) -> str:
    """An aim or hypothesis is an objective whatever the model says: with about fifty objective
    sentences to learn from, the model alone sends hypotheses ("we hypothesised that X would
    reduce Y") to methods or conclusions, and they must never be read as results."""
    return "objective" if states_objective(text) else role


def _split_at_headings(doc: Doc, headings: list[Heading]) -> list[tuple[int, str]]:
    """Start a sentence at every heading; return (token index, role) of each heading."""
    if not headings:
        return []
    starts = token_offsets(doc)
    marks = []
    for heading in headings:
        i = bisect.bisect_left(starts, heading.start)
        if i >= len(doc):
            continue
        if i > 0 and not doc[i].is_sent_start:
            doc[i].is_sent_start = True
        marks.append((i, heading.role))
    return marks


def _labelled_roles(doc: Doc) -> tuple[dict[int, str], list[Span]]:
    """Roles the headings decide, and the sentences left to the model."""
    marks = _split_at_headings(doc, find_headings(doc_text(doc)))
    if len([role for _, role in marks if role != OTHER]) < MIN_ROLE_HEADINGS:
        # one heading ("OBJECTIVE:" before a whole abstract whose other headings were lost) names no
        # sections: its role would pass to every sentence after it, results included
        marks = [(i, OTHER) for i, _ in marks]
    roles: dict[int, str] = {}
    unlabelled = []
    for sent in doc.sents:
        before = [role for i, role in marks if i <= sent.start]
        if before and before[-1] != OTHER:
            roles[sent.start] = _with_objective_cues(span_text(sent), before[-1]) if before[-1] == "background" else before[-1]
        else:
            unlabelled.append(sent)
    return roles, unlabelled


class SentenceRoles:
    """Writes ``doc._.sentence_roles``; the model runs once per batch of documents."""

    def __init__(self, model_path: Path, batch_size: int):
        self.model_path = model_path
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        self._assign([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._assign(batch)
            yield from batch

    def _assign(self, docs: list[Doc]) -> None:
        pending: list[tuple[dict[int, str], Span]] = []
        for doc in docs:
            roles, unlabelled = _labelled_roles(doc)
            doc._.sentence_roles = roles
            pending.extend((roles, sent) for sent in unlabelled)
        learned = classify_sentences([span_text(sent) for _, sent in pending], self.model_path, self.batch_size,
                                     docs[0].vocab if docs else None)
        for (roles, sent), role in zip(pending, learned):
            roles[sent.start] = role


@Language.factory("sentence_roles", default_config={"model_path": None, "batch_size": 256})
def make_sentence_roles(nlp: Language, name: str, model_path: str | None, batch_size: int) -> SentenceRoles:
    return SentenceRoles(Path(model_path) if model_path else DEFAULT_WEIGHTS, batch_size)
