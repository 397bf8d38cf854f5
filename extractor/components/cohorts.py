"""COHORT_SIZE mentions: participant counts with their head noun, "n = 120" / "N=43", and bare arm counts.

Counts of trials, doses, days or events are not cohorts: the head noun decides, and a count that is
part of a proportion ("8/34 patients", "12 patients (35%)", "n = 12, 35%") or the make-up of
a cohort already named ("120 patients (65 men)") is left out. The vocabulary is data:
``extractor/lexicons/cohort_patterns.json``.

:func:`cohort_kind` says whether a mention is a stated total, one arm of an allocation or a plain
count, and :func:`sentence_cohort` turns a sentence's mentions into the one cohort size it states.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons.vocabulary import words
from ..normalize import NUMBER_WORD_PATTERN, cohort_value
from .batching import BatchedPipe
from .spans import (add_candidate, doc_strings, index_sentences, lower_words, sentence_bounds, sentence_starts,
                    span_text, text_after, token_words)

PATTERNS_FILE = Path(__file__).resolve().parent.parent / "lexicons" / "cohort_patterns.json"


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    data = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    return {key: frozenset(words) for key, words in data.items() if not key.startswith("_")}


WORDS = vocabulary()
EACH_ARM_LEADS = [lead.split() for lead in sorted(WORDS["each_arm_leads"])]
PARTICIPANTS = words("participant_heads")
NUMBER_TEXT = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$")
# scispaCy keeps "n=620", "N=43" and "n:120" as one token.
N_EQUALS_TOKEN = r"^n[=:](\d{1,3}(,\d{3})+|\d+)$"
# spaCy's like_num does not know "forty-two"; this also covers "seventeen", "hundred".
NUMBER_WORD = NUMBER_WORD_PATTERN
N_EQUALS = re.compile(N_EQUALS_TOKEN)
N_EQUALS_ANY_CASE = re.compile(N_EQUALS_TOKEN, re.I)
COUNT_WORD = re.compile(NUMBER_WORD)
PERCENT_AFTER = re.compile(r"^\s*[(,;]\s*\d+(\.\d+)?\s*%\s*\)?")


def _is_count(token) -> bool:
    """Whole numbers in digits ("2,773", "n=620") or words ("two hundred", "forty-two"), not decimals."""
    return _is_count_word(token.text, token.lower_)


def _is_count_word(text: str, lower: str) -> bool:
    """:func:`_is_count` of a token by its text and its lower-case form (no Token object made)."""
    return bool(NUMBER_TEXT.match(text) or N_EQUALS_ANY_CASE.match(text) or COUNT_WORD.match(lower))


# At most this many further number tokens in one count ("one hundred twenty-three thousand ..."). An
# open-ended "*" kept a match alive from every number of a long run of numbers (a pasted table), which
# made matching quadratic in the run.
MORE_NUMBERS = "{0,10}"


def build_matcher(nlp: Language) -> Matcher:
    matcher = Matcher(nlp.vocab)
    number = {"LIKE_NUM": True}
    word = {"LOWER": {"REGEX": NUMBER_WORD}}
    head = {"LOWER": {"IN": sorted(PARTICIPANTS)}}
    qualifier = {"IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(WORDS["qualifier_stop"])}}
    # "2,256 community-dwelling women", "968 treatment-naive adults": one hyphenated token
    hyphenated = {"TEXT": {"REGEX": r"^[A-Za-z]+(?:-[A-Za-z]+)+$"}}
    matcher.add("COHORT", [
        [word, {"LOWER": {"REGEX": NUMBER_WORD}, "OP": MORE_NUMBERS}, head],
        [word, {"LOWER": {"REGEX": NUMBER_WORD}, "OP": MORE_NUMBERS}, qualifier, head],
        # "one hundred and twelve patients"
        [word, {"LOWER": {"IN": ["hundred", "thousand"]}}, {"LOWER": "and"}, word, {"OP": "?", "LOWER": {"REGEX": NUMBER_WORD}}, head],
        [number, {"LIKE_NUM": True, "OP": MORE_NUMBERS}, head],
        [number, {"LIKE_NUM": True, "OP": MORE_NUMBERS}, qualifier, head],
        [number, {"LIKE_NUM": True, "OP": MORE_NUMBERS}, qualifier, qualifier, head],
        [number, qualifier, {"TEXT": "-"}, qualifier, head],
        [number, hyphenated, head],
        [number, hyphenated, qualifier, head],
    ])
    matcher.add("N_EQUALS", [
        [{"LOWER": "n"}, {"TEXT": {"IN": ["=", ":"]}}, number],
        [{"LOWER": {"REGEX": N_EQUALS_TOKEN}}],
        [{"LOWER": "n"}, {"LOWER": {"REGEX": r"^[=:]\d[\d,]*$"}}],
    ])
    matcher.add("ARM", [[number, {"LOWER": {"IN": sorted(WORDS["arm_verbs"])}}]])
    # "underwent randomisation: 238 to azacitidine and 234 to placebo", "(16,581 in the high-dose group and ...)"
    matcher.add("ALLOCATED", [[number, {"LOWER": "to"}], [number, {"LOWER": "in"}]])
    # "459 were randomized": a bare number that was enrolled is a cohort without a head noun
    matcher.add("ENROLLED", [[number, {"LOWER": {"IN": ["were", "was"]}}, {"LOWER": {"IN": sorted(WORDS["enrolment_verbs"])}}]])
    return matcher


# The most tokens a pattern above spans: a count of eleven number tokens, two qualifiers and a head.
LONGEST_MATCH = 14
# The words a match opened by a number ends on (a head, an arm verb, or the participle of "459 were randomized").
COUNT_ENDS = PARTICIPANTS | WORDS["arm_verbs"] | WORDS["enrolment_verbs"] | {"to", "in"}


@lru_cache(maxsize=65_536)
def _count_form(lower: str) -> str:
    """How a token may open a pattern: "n" ("n = 120"), "n=" (the one-token "n=620"), "word" ("forty-two"), or ""."""
    if lower == "n":
        return "n"
    if N_EQUALS.search(lower):
        return "n="
    return "word" if COUNT_WORD.search(lower) else ""


def match_regions(doc: Doc) -> list[tuple[int, int]]:
    """The stretches of the doc that can hold a match, merged where they overlap.

    A match opens on a number, a number word or "n". One opened by a number is the number, at most ten
    more number tokens, at most two qualifiers (or "qualifier - qualifier", or "hundred and twelve") and
    a participant head, or the number and an arm verb: it ends on a head or an arm verb at most three
    tokens after the run of numbers that follows its first one. A number with no such word there opens
    nothing, so the matcher (whose cost grows with every token it reads) skips the text between counts.
    """
    strings = doc_strings(doc)
    lower, like_num = strings.lower, strings.like_num
    size = len(lower)
    forms = list(map(_count_form, lower))
    # positions found in C passes: the heads and arm verbs, the number tokens (a number or a number
    # word), and every token that can open a match (a number, or any form)
    ends = list(compress(range(size), map(COUNT_ENDS.__contains__, lower)))
    numeric = set(compress(range(size), like_num)).union(compress(range(size), map("word".__eq__, forms)))
    openers = sorted(numeric.union(compress(range(size), forms)))
    regions: list[tuple[int, int]] = []
    for i in openers:
        form = forms[i]
        if form == "n":
            end = i + 3  # "n = 120", "n =120"
        else:
            run_end = i + 1  # where the run of number tokens after this one ends
            while run_end in numeric:
                run_end += 1
            limit = min(run_end + 4, i + LONGEST_MATCH)
            k = bisect_right(ends, limit - 1) - 1  # the last head or arm verb a match could end on
            if k >= 0 and ends[k] > i:
                end = ends[k] + 1
            elif form == "n=":
                end = i + 1
            else:
                continue
        end = min(end, size)
        if regions and i < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((i, end))
    return regions


def find_matches(matcher: Matcher, doc: Doc) -> list[tuple[int, int, int]]:
    """``matcher(doc)`` run over :func:`match_regions` only: the same matches, region by region."""
    found = []
    for start, end in match_regions(doc):
        found.extend((match_id, start + first, start + last) for match_id, first, last in matcher(doc[start:end]))
    return found


def is_part_of_proportion(span: Span) -> bool:
    """ "8/34 patients", "12 patients (35%)", "n = 12, 35%": events, not a cohort.

    The denominator of "8 of 34 patients" stays a cohort (the group the events were counted in);
    its numerator is never matched.
    """
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text.endswith("/"):
        return True
    after = text_after(span, 16)
    return bool(PERCENT_AFTER.match(after)) and not re.match(r"^\s*\(\s*\d+(\.\d+)?\s*%\s*[A-Za-z]", after)


def _allocates(doc: Doc, start: int) -> bool:
    """A bare count before "to X" or "in the X group" that a randomization sentence splits into arms: after a
    colon or bracket ("randomisation: 238 to X") or a link ("X and 538 to placebo"), in a sentence that
    speaks of assigning."""
    previous = lower_words(doc)[start - 1] if start else ""
    if previous not in WORDS["arm_openers"] and previous not in (":", "("):
        return False
    sent_start = sentence_starts(doc)[start]
    words = lower_words(doc)[sent_start: start]
    return any(word.startswith(ALLOCATION_STEMS) for word in words)


ALLOCATION_STEMS = tuple(sorted(WORDS["allocation_stems"]))


def _counts_an_event(doc: Doc, start: int) -> bool:
    """ "occurred in 35 patients", "developed in 31 and 35 patients": the count after an event verb and "in"."""
    strings = doc_strings(doc)
    lower = strings.lower
    at = start - 1
    if at >= 2 and lower[at] in ("and", "or") and strings.like_num[at - 1]:
        at -= 2  # the second count of "in 31 and 35 patients"
    return at >= 1 and lower[at] in ("in", "among") and lower[at - 1] in WORDS["event_verbs"]


def _describes_make_up(span: Span, first_other: dict[int, int]) -> bool:
    """ "120 patients (65 men)": a count of men or women after another cohort in the sentence
    (``first_other``: where each sentence's first cohort not counted in men or women starts)."""
    if span[-1].lower_ not in WORDS["sex_heads"]:
        return False
    return first_other.get(sentence_starts(span.doc)[span.start], span.start) < span.start


def _first_by_sentence(spans: list[Span]) -> dict[int, Span]:
    """The earliest of the spans in each sentence, by sentence start."""
    first: dict[int, Span] = {}
    for span in spans:
        sent_start = sentence_starts(span.doc)[span.start]
        known = first.get(sent_start)
        if known is None or span.start < known.start:
            first[sent_start] = span
    return first


class CohortMatcher(BatchedPipe):
    """Adds COHORT_SIZE candidates; a bare number counts only beside another cohort in its sentence."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = build_matcher(nlp)
        self.arm_id = nlp.vocab.strings["ARM"]
        self.enrolled_id = nlp.vocab.strings["ENROLLED"]
        self.allocated_id = nlp.vocab.strings["ALLOCATED"]

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        spans, arms = [], []
        # the words read from the doc's shared lists, not from a Token object each
        strings = doc_strings(doc)
        texts, lower, space = strings.words, strings.lower, strings.space
        for match_id, start, end in find_matches(self.matcher, doc):
            if not any(_is_count_word(texts[k], lower[k]) for k in range(start, end)):
                continue
            if start > 0 and (texts[start - 1] in ("-", "/", "×", "x")
                              or texts[start - 1] == "." and not space[start - 1]):
                continue  # "day 28-30 patients", ratios, decimals; not the full stop before a sentence
            if lower[start] == "one" and lower[start + 1] not in ("hundred", "thousand"):
                continue  # "One child given X had hypotension": an event in one person, no study's cohort
            if start > 1 and lower[start - 1] == "in" and lower[start - 2] in ("one", "1"):
                continue  # "one in five patients": a proportion, not a cohort
            if _counts_an_event(doc, start):
                continue  # "death occurred in 31 and 35 patients": events, not a cohort
            if any(word in ("million", "millions", "billion") for word in lower[start:end]):
                continue  # "650 million adults worldwide": a population, not a study's participants
            if match_id == self.enrolled_id:
                spans.append(Span(doc, start, start + 1, label="COHORT_SIZE"))
            elif match_id == self.arm_id:
                arms.append(Span(doc, start, start + 1, label="COHORT_SIZE"))
            elif match_id == self.allocated_id:
                if _allocates(doc, start) and (lower[start + 1] == "to" or "".join(texts[start + 2: start + 3]).lower() == "the"):
                    arms.append(Span(doc, start, start + 1, label="COHORT_SIZE"))
            else:
                spans.append(Span(doc, start, end, label="COHORT_SIZE"))
        spans = [s for s in filter_spans(spans) if not is_part_of_proportion(s)]
        first_other = {sent: span.start for sent, span in
                       _first_by_sentence([s for s in spans if s[-1].lower_ not in WORDS["sex_heads"]]).items()}
        spans = [s for s in spans if not _describes_make_up(s, first_other)]
        spans.extend(self._arm_counts(doc, arms, spans))
        spans.extend(_paired_counts(doc, spans))
        for span in filter_spans(spans):
            add_candidate(doc, span.start, span.end, "COHORT_SIZE")
        return doc

    @staticmethod
    def _arm_counts(doc: Doc, arms: list[Span], spans: list[Span]) -> list[Span]:
        """Bare counts ("whereas 95 had ...") in a sentence that names a cohort with its head noun,
        unless that cohort is the group the sentence counts events in ("Of 120 patients, 8 had ...")."""
        first_heads = _first_by_sentence([s for s in spans if s[-1].lower_ in PARTICIPANTS])
        covered = {i for s in spans for i in range(s.start, s.end)}
        kept = []
        for arm in arms:
            first = first_heads.get(arm.sent.start)
            if first is None or arm.start in covered or is_part_of_proportion(arm):
                continue
            if first.start > first.sent.start and doc[first.start - 1].lower_ in WORDS["subset_openers"] and (
                    first.start - 1 == first.sent.start or doc[first.start - 2].lower_ == "the"
                    and first.start - 2 == first.sent.start):
                continue
            previous = doc[arm.start - 1] if arm.start else None
            if previous is None or previous.lower_ in WORDS["arm_openers"] or previous.lower_ in (":", "(") \
                    and _allocates(doc, arm.start):
                kept.append(arm)
        return kept


def _paired_counts(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "two trials enrolling 5,760 and 1,218 patients": the bare count paired with a cohort counts the same
    head noun."""
    found = []
    for span in spans:
        at = span.start
        if at >= 2 and doc[at - 1].lower_ in ("and", "or") and doc[at - 2].like_num and _is_count(doc[at - 2]) \
                and not (at >= 3 and doc[at - 3].text in ("-", "/", ".", "of")):
            found.append(Span(doc, at - 2, at - 1, label="COHORT_SIZE"))
    return found


@Language.factory("cohort_matcher")
def make_cohort_matcher(nlp: Language, name: str) -> CohortMatcher:
    return CohortMatcher(nlp, name)


COHORT_KINDS = ("total", "arm", "count")


def cohort_kind(span: Span) -> str:
    """Whether a COHORT_SIZE mention is the stated ``total``, one ``arm`` of an allocation, or a plain ``count``.

    total: "a total of 620 patients", "620 patients overall", "groups (N = 159)";
    arm:   "intervention (n = 80)", "80 patients were assigned to ...", "800 cases and 2,400 controls",
           "whereas 95 had ...", "(n = 377 per arm)";
    count: anything else ("a cohort of 449 patients").
    """
    doc = span.doc
    texts, lower = token_words(doc), lower_words(doc)
    starts, ends = sentence_bounds(doc)
    sent_start, sent_end = starts[span.start], ends[span.start]
    before = [lower[i] for i in range(max(sent_start, span.start - 3), span.start) if texts[i] not in ("(", "[")]
    after = lower[span.end: min(sent_end, span.end + 3)]
    if (before[-2:-1] == ["total"] and before[-1:] == ["of"]) or before[-1:] in (["overall"], ["altogether"]) \
            or after[:2] in (["in", "total"], ["in", "all"]) or after[:1] == ["overall"]:
        return "total"
    if any(after[:len(lead)] == lead for lead in EACH_ARM_LEADS):
        return "arm"  # "(n = 377 per arm)": the size of each arm, whatever stands before it
    head = lower[span.end - 1]
    n_form = lower[span.start] == "n" or bool(re.match(N_EQUALS_TOKEN, lower[span.start]))
    in_brackets = span.start > sent_start and texts[span.start - 1] in ("(", "[")
    if in_brackets and before and before[-1] in WORDS["group_words"]:
        return "total"
    if in_brackets and n_form:
        return "arm"
    if head in ("cases", "controls") or len(span) == 1 and not n_form:
        return "arm"
    rest = [w for w in after if w not in ("were", "was", "who", "had", "been")]
    if rest[:1] and rest[0] in WORDS["allocation_words"] or before[-1:] in (["versus"], ["vs"], ["whereas"]):
        return "arm"
    return "count"


COORDINATORS = WORDS["coordinators"]


def cohort_kinds(spans: list[Span]) -> list[str]:
    """:func:`cohort_kind` for each of a sentence's mentions (in text order), where a count joined to the
    arm before it ("300 patients were assigned to X and 310 patients to Y") is an arm too."""
    kinds = [cohort_kind(span) for span in spans]
    for i in range(1, len(spans)):
        span = spans[i]
        joined = span.start > 0 and lower_words(span.doc)[span.start - 1] in COORDINATORS
        if kinds[i] == "count" and kinds[i - 1] == "arm" and joined:
            kinds[i] = "arm"
    return kinds


def cohort_of_spans(spans: list[Span]) -> int | None:
    """The cohort size a sentence states, from its COHORT_SIZE spans (see :func:`sentence_cohort`)."""
    ordered = sorted(spans, key=lambda span: span.start)
    return sentence_cohort(list(zip((cohort_value(span_text(span)) for span in ordered), cohort_kinds(ordered))))


def sentence_cohort(values_with_kinds: list[tuple[int, str]]) -> int | None:
    """The one cohort size a sentence states, from its mentions' (value, kind) pairs in text order.

    The stated total wins (the last one where several are stated); else arms are summed, unless one
    of the counts or arms is itself the sum of the other arms (a total stated without a total word:
    "620 patients were assigned to drug (n = 310) or placebo (n = 310)"); else the last count, as when
    several studies are named and the sentence goes on to report the last.
    """
    items = [(value, kind) for value, kind in values_with_kinds if value]
    if not items:
        return None
    totals = [value for value, kind in items if kind == "total"]
    if totals:
        return totals[-1]
    arms = [value for value, kind in items if kind == "arm"]
    if len(arms) >= 2:
        all_arms = sum(arms)
        for value, kind in items:
            # the other arms: all of them, less this one where it is an arm itself
            others, others_sum = (len(arms) - 1, all_arms - value) if kind == "arm" else (len(arms), all_arms)
            if others >= 2 and value == others_sum:
                return value
        return all_arms
    counts = [value for value, kind in items if kind == "count"]
    return counts[-1] if counts else arms[-1]
