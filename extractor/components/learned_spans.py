"""Learned OUTCOME and INTERVENTION spans from the trained span model (extractor/learn/spans.py).

The model (a small spaCy NER) is loaded once per process and runs only on candidate sentences:
the first sentence (where an abstract's title is) and sentences with a result, comparison or
arm-assignment cue word (``lexicons/learned_spans.json``). A number or a rule mention alone
selects almost every sentence of a trial report (measured: 98%), these about 73%. Each sentence is rebuilt as a Doc from the pipeline's own tokens, so a predicted span's
token offsets map back exactly. Every prediction goes to ``doc.spans["learned"]`` (source
"model"); OUTCOME predictions, trimmed to ANNOTATION.md boundaries (no leading determiner, no
trailing time frame, parenthetical or punctuation), join ``doc.ents`` where they overlap no
existing entity when ``merge_outcomes`` is on. It is off by default: merged, they lowered OUTCOME
F1 on our review passages (README, "Learned spans"); the records builder can still read them.

With ``untargeted_only`` (how the default pipeline runs it) the candidates are only the sentences that
report a test but hold no OUTCOME or LAB_MARKER mention, and the model is loaded on first need.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons import DATA_DIR
from ..lexicons.vocabulary import word_groups, words
from .spans import LAB_MARKER, OUTCOME, doc_sentences, encode_ids, sentence_starts, span_text

LEARNED_KEY = "learned"
DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "spans"
MODEL_IDS = encode_ids({"source": "model"})
CLOSING = {")", "]"}
OPENING = {"(", "["}
EDGE_PUNCTUATION = {",", ";", ":", ".", "-", "–", "(", ")", "[", "]", "'", '"'}
# Words left dangling at the end once a unit or time frame is cut ("blood pressure in [mmHg]").
DANGLING = words("learned_span_dangling_words")


@dataclass(frozen=True)
class TrimRules:
    leading_drop: frozenset[str]
    time_prepositions: frozenset[str]
    time_words: frozenset[str]
    trailing_drop: frozenset[str]
    unit: re.Pattern


@dataclass(frozen=True)
class SpanLexicon:
    cues: frozenset[str]
    trim: TrimRules


@lru_cache(maxsize=1)
def span_lexicon(path: Path = DATA_DIR / "learned_spans.json") -> SpanLexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    trim = TrimRules(
        frozenset(data["leading_drop"]), frozenset(data["time_prepositions"]), frozenset(data["time_words"]),
        frozenset(data["trailing_drop"]), re.compile(data["unit_pattern"], re.I))
    return SpanLexicon(frozenset(data["candidate_cues"]), trim)


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"[\d.,/–-]*\d[\d.,/–-]*(st|nd|rd|th)?", word))


def leading_trim(words: Sequence[str], rules: TrimRules) -> int:
    """How many leading words to drop: determiners and possessives ("the", "their", "patients'")."""
    count = 0
    while count < len(words) - 1 and (words[count] in rules.leading_drop or words[count] in EDGE_PUNCTUATION):
        count += 1
    return count


def _time_frame_tail(tail: Sequence[str], rules: TrimRules) -> bool:
    """A tail such as "12 weeks", "the end of follow-up", "day 28": numbers and time words only."""
    fillers = {"the", "of", "and", "to", "-", "–", ",", "first", "second", "third", "each", "every"}
    has_time = any(w in rules.time_words for w in tail)
    return has_time and all(w in rules.time_words or w in fillers or _is_number(w) for w in tail)


def trailing_trim(words: Sequence[str], rules: TrimRules, drop_measure_words: bool = False) -> int:
    """How many trailing words to drop: a time frame ("at 12 weeks"), a parenthetical, units, punctuation."""
    end = len(words)
    changed = True
    while changed and end > 1:
        changed = False
        last = words[end - 1]
        if last in EDGE_PUNCTUATION - CLOSING or last in DANGLING or rules.unit.match(last):
            end, changed = end - 1, True
        elif words[end - 1] in CLOSING and any(w in OPENING for w in words[1:end - 1]):
            end = max(i for i in range(1, end - 1) if words[i] in OPENING)
            changed = True
        else:
            for cut in range(1, end - 1):
                if words[cut] in rules.time_prepositions and _time_frame_tail(words[cut + 1:end], rules):
                    end, changed = cut, True
                    break
        if not changed and drop_measure_words and words[end - 1] in rules.trailing_drop and end > 1:
            end, changed = end - 1, True
    return len(words) - end


def trimmed_bounds(words: Sequence[str], rules: TrimRules, drop_measure_words: bool = False) -> tuple[int, int]:
    """(start, end) within ``words`` (lower-cased) of the phrase that ANNOTATION.md would mark; may be empty."""
    start = leading_trim(words, rules)
    end = len(words) - trailing_trim(words[start:], rules, drop_measure_words)
    return start, max(start, end)


# A sentence reporting a test: a p-value, "significant(ly)", an interval.
TEST_REPORT = re.compile(r"\b[pP]\s*[<=>≤≥]|\bsignificant(?:ly)?\b|95\s*%|\bCI\b")
# Every match of TEST_REPORT holds one of these characters or words: a text without any is not searched.
TEST_REPORT_SIGNS = frozenset("<=>≤≥%")


def reports_a_test(text: str) -> bool:
    if TEST_REPORT_SIGNS.isdisjoint(text) and "significant" not in text and "CI" not in text:
        return False
    return TEST_REPORT.search(text) is not None

NO_RESULT_ROLES = {"background", "objective", "methods"}


def untargeted_result_sentences(doc: Doc) -> list[Span]:
    """Sentences that report a test but name no outcome the rules found: the model's only chance to
    give their result something to be about."""
    sent_starts = sentence_starts(doc)  # ``e.sent.start``, from the doc's sentence table
    targeted = {sent_starts[e.start] for e in doc.ents if e.label in (OUTCOME, LAB_MARKER)}
    has_role = Span.has_extension("role")
    return [s for s in doc_sentences(doc) if s.start not in targeted and reports_a_test(span_text(s))
            and not (has_role and s._.role in NO_RESULT_ROLES)]


def is_candidate_sentence(sentence: Span, cues: frozenset[str]) -> bool:
    """Whether a sentence could state an outcome: it holds a result or comparison cue word."""
    return any(t.lower_ in cues for t in sentence)


def weights_folder(weights: str) -> str:
    """The folder to load: the component's own ``weights``, else ``Settings.spans_model``
    (EXTRACTOR_SPANS_MODEL), else the shipped weights."""
    from ..settings import get_settings

    return str(weights or get_settings().spans_model or DEFAULT_WEIGHTS)


@lru_cache(maxsize=2)
def load_model(weights: str) -> Language:
    """The span model in ``weights``; a folder that holds none is refused with what to do about it."""
    import spacy

    path = Path(weights)
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(f"no trained span model in {path} (no config.cfg): train one with "
                                f"`extractor train spans --output {path}` or point EXTRACTOR_SPANS_MODEL elsewhere")
    model = spacy.load(path, exclude=["tokenizer"])
    if "ner" not in model.pipe_names:
        raise ValueError(f"{path} is not a span model: its pipeline is {model.pipe_names}, not a trained 'ner'")
    return model


def _sentence_doc(model: Language, sentence: Span) -> Doc:
    words = [t.text for t in sentence]
    spaces = [bool(t.whitespace_) for t in sentence]
    spaces[-1] = False
    return Doc(model.vocab, words=words, spaces=spaces)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class LearnedSpans:
    def __init__(self, nlp: Language, name: str, weights: str, batch_size: int, labels: list[str],
                 merge_outcomes: bool, drop_measure_words: bool, untargeted_only: bool = False):
        self.name = name
        self.untargeted_only = untargeted_only
        self.weights = weights_folder(weights)
        if not untargeted_only:
            load_model(self.weights)
        self.batch_size = batch_size
        self.labels = set(labels)
        self.merge_outcomes = merge_outcomes
        self.drop_measure_words = drop_measure_words
        self.lexicon = span_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for chunk in _batched(docs, batch_size):
            self._annotate(chunk)
            yield from chunk

    @property
    def model(self) -> Language:
        """The span model; with ``untargeted_only`` it is loaded when a text first needs it (most review
        passages never do), which keeps it out of the pipeline's load time."""
        return load_model(self.weights)

    def candidate_sentences(self, doc: Doc) -> list[Span]:
        """The first sentence (an abstract's title runs into it, naming the arms and often the outcome)
        and every sentence with a cue word; with ``untargeted_only``, the sentences reporting a test
        that hold no OUTCOME or LAB_MARKER mention."""
        if self.untargeted_only:
            return untargeted_result_sentences(doc)
        return [s for i, s in enumerate(doc_sentences(doc)) if i == 0 or is_candidate_sentence(s, self.lexicon.cues)]

    def _annotate(self, docs: list[Doc]) -> None:
        sentences = [(doc, sent) for doc in docs for sent in self.candidate_sentences(doc)]
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        predicted = self._predict([sentence for _, sentence in sentences])
        for (doc, sentence), sentence_doc in zip(sentences, predicted):
            for ent in sentence_doc.ents:
                if ent.label_ in self.labels:
                    found[id(doc)].append(Span(doc, sentence.start + ent.start, sentence.start + ent.end,
                                               label=ent.label_, span_id=MODEL_IDS))
        for doc in docs:
            doc.spans[LEARNED_KEY] = found[id(doc)]
            if self.merge_outcomes:
                self._merge_outcomes(doc, found[id(doc)])

    def _predict(self, sentences: list[Span]) -> Iterable[Doc]:
        if not sentences:
            return []
        model = self.model
        return model.pipe((_sentence_doc(model, s) for s in sentences), batch_size=self.batch_size)

    def trimmed(self, span: Span) -> Span | None:
        start, end = trimmed_bounds([t.lower_ for t in span], self.lexicon.trim, self.drop_measure_words)
        if end <= start or all(t.is_punct or t.like_num or t.is_stop for t in span[start:end]):
            return None
        kept = span[start:end]
        return Span(span.doc, kept.start, kept.end, label=span.label_, kb_id=kept.text.lower(), span_id=MODEL_IDS)

    def _merge_outcomes(self, doc: Doc, spans: list[Span]) -> None:
        ents = doc.ents  # spaCy builds the tuple anew on every read
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        added = []
        for span in spans:
            if span.label_ != "OUTCOME":
                continue
            kept = self.trimmed(span)
            if kept is not None and taken.isdisjoint(range(kept.start, kept.end)) and counted_as_endpoint(doc, kept):
                added.append(kept)
                taken.update(range(kept.start, kept.end))
        if added:
            doc.set_ents(sorted([*ents, *added], key=lambda s: s.start))  # as the mention resolver sets them


def counted_as_endpoint(doc: Doc, span: Span) -> bool:
    """The rules' test for a disease name (outcomes.py): merged model spans must stand where the text counts
    them ("reduced X", "X occurred") or right after a result verb ("improved X"), not where they name the
    population ("trial in X", "patients on X"), and must name more than a measure ("the annual rate")."""
    from .outcomes import MEASURE_HEADS, is_endpoint_context

    if all(t.lower_ in MEASURE_HEADS or t.lower_ in MEASURE_QUALIFIERS or t.is_stop or not t.is_alpha
           for t in span):
        return False
    return is_endpoint_context(doc, span) or _after_result_verb(doc, span)


def _after_result_verb(doc: Doc, span: Span) -> bool:
    """"improved X", "shortened significantly X": a result cue (vocabulary.json) right before, or before one "-ly" adverb."""
    before = [t.lower_ for t in doc[max(span.sent.start, span.start - 2):span.start]]
    if before and before[-1] in RESULT_CUES:
        return True
    return len(before) == 2 and before[0] in RESULT_CUES and before[1].endswith("ly")


RESULT_CUES = frozenset(word_groups("result_cues"))
MEASURE_QUALIFIERS = words("learned_span_measure_qualifiers")


@Language.factory("learned_spans", default_config={
    "weights": "", "batch_size": 512, "labels": ["OUTCOME", "INTERVENTION"],
    "merge_outcomes": False, "drop_measure_words": False, "untargeted_only": False})
def make_learned_spans(nlp: Language, name: str, weights: str, batch_size: int, labels: list[str],
                       merge_outcomes: bool, drop_measure_words: bool, untargeted_only: bool) -> LearnedSpans:
    """``weights`` empty means ``Settings.spans_model``, or where that is unset the committed model in
    extractor/weights/spans."""
    return LearnedSpans(nlp, name, weights, batch_size, labels, merge_outcomes, drop_measure_words, untargeted_only)
