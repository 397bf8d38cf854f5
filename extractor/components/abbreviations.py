"""Abbreviations defined in the text take the label and norm of their long form.

scispaCy's abbreviation detector (``bounded_abbreviation_detector`` here) finds "venous
thromboembolism (VTE)" and every later "VTE"; this component copies the long form's label and canonical name onto each short
form, because the long form is what the lexicons know and what a curator recognises.

A long form no lexicon knows ("postoperative cognitive dysfunction (POCD)") becomes an OUTCOME, with every
use of its short form, where a use of the short form or the long form fills an outcome slot of a result
statement ("X reduced POCD", ``outcome_slots``): the long form names the outcome, so the short form's
records carry the long form's name, not the bare abbreviation.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import compress

from scispacy.abbreviation import AbbreviationDetector, find_abbreviation
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..normalize import american_spelling
from .batching import BatchedPipe
from .outcome_slots import outcome_slot_starts, plausible_outcome_phrase
from ..lexicons.vocabulary import words
from .outcomes import GATED_KEY, counted_after
from .spans import add_candidate, candidates, lower_words, sentence_bounds, set_candidates, token_words


LEADING_DETERMINERS = words("long_form_leading_determiners")
COUNTED_BEFORE = words("abbreviation_counted_before")
COUNTED_AFTER = words("abbreviation_counted_after")
# scispaCy keeps a bracket pair only where at most eight tokens stand inside it.
MAX_BRACKETED_TOKENS = 8


def bracket_matcher(nlp: Language) -> Matcher:
    """The bracket pattern as a spaCy Matcher (what :class:`BracketPairs` reproduces)."""
    matcher = Matcher(nlp.vocab)
    matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": f"{{1,{MAX_BRACKETED_TOKENS}}}"}, {"ORTH": ")"}]])
    return matcher


class BracketPairs:
    """The matches of :func:`bracket_matcher`, in its order (by closing bracket, the nearest opening
    bracket first), found from the closing brackets in one pass over the words; the Matcher's cost is
    per token and pattern state, and this pattern keeps up to eight states alive at every token."""

    def __init__(self, nlp: Language):
        self.key = nlp.vocab.strings.add("parenthesis")

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        words = token_words(doc)
        found = []
        for end in compress(range(len(words)), map(")".__eq__, words)):
            for start in range(end - 2, max(end - MAX_BRACKETED_TOKENS - 2, -1), -1):
                if words[start] == "(":
                    found.append((self.key, start, end + 1))
        return found


class BoundedAbbreviationDetector(BatchedPipe, AbbreviationDetector):
    """scispaCy's detector, with its bracket pattern bounded to the brackets it can use.

    scispaCy matches "(" + any tokens + ")", which pairs every "(" with every later ")" in the doc and
    makes detection quadratic in the number of brackets (citations in a long text); its own filter
    then drops every pair holding more than eight tokens. Bounding the pattern to eight tokens finds
    the same pairs, in the same order, in time linear in the text.

    Later uses of each short form are found by one pass over the tokens with the short forms keyed
    by their first word, where scispaCy adds a Matcher pattern per definition, so that its cost
    grew with the number of definitions times the length of the doc.
    """

    def __init__(self, nlp: Language, name: str = "bounded_abbreviation_detector", make_serializable: bool = False):
        super().__init__(nlp, name, make_serializable)
        self.matcher = BracketPairs(nlp)

    def find_matches_for(self, filtered: list[tuple[Span, Span]], doc: Doc) -> list[tuple[Span, set[Span]]]:
        """Each definition (long form, short form) with every occurrence of its short form.

        As in scispaCy, a long or short form defined a second time is dropped.
        """
        uses: dict[Span, set[Span]] = defaultdict(set)
        long_forms: dict[str, Span] = {}
        short_forms: set[str] = set()
        by_first_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for long_candidate, short_candidate in filtered:
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None or long.text in long_forms or short.text in short_forms:
                continue
            long_forms[long.text] = long
            short_forms.add(short.text)
            uses[long].add(short)
            words = tuple(token.text for token in short)
            by_first_word.setdefault(words[0], []).append((words, long.text))
        if by_first_word:
            texts = token_words(doc)
            # only the tokens that open a short form are visited, their positions found in one pass in C
            for i in compress(range(len(texts)), map(by_first_word.__contains__, texts)):
                for words, long_text in by_first_word[texts[i]]:
                    if tuple(texts[i: i + len(words)]) == words:
                        uses[long_forms[long_text]].add(doc[i: i + len(words)])
        return list(uses.items())


@Language.factory("bounded_abbreviation_detector", default_config={"make_serializable": False})
def make_bounded_abbreviation_detector(nlp: Language, name: str, make_serializable: bool) -> BoundedAbbreviationDetector:
    return BoundedAbbreviationDetector(nlp, name, make_serializable)


class AbbreviationLinker(BatchedPipe):
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("abbreviations"):
            return doc
        found = candidates(doc)
        by_tokens = {(s.start, s.end): s for s in found}
        by_end: dict[int, list[Span]] = {}
        for span in found:
            by_end.setdefault(span.end, []).append(span)
        unknown: dict[Span, list[Span]] = {}
        renamed: dict[tuple[int, int], str] = {}
        for short in doc._.abbreviations:
            long_form = short._.long_form
            source = by_tokens.get((long_form.start, long_form.end)) or next(
                (s for s in by_end.get(long_form.end, ()) if s.start >= long_form.start), None)
            if source is None:
                unknown.setdefault(long_form, []).append(short)
                continue
            same = by_tokens.get((short.start, short.end))
            if same is not None and same.label_ == source.label_:
                if same.kb_id_ == short.text.lower() != source.kb_id_:
                    renamed[(short.start, short.end)] = source.kb_id_  # "reduced PONV": named as its long form
                continue
            if source.label_ in ("COHORT_SIZE", "STUDY_DESIGN"):
                continue
            add_candidate(doc, short.start, short.end, source.label_, source.kb_id_, source.id_)
        if renamed:
            _rename_candidates(doc, renamed)
        if unknown:
            self._outcomes_by_use(doc, unknown, candidates(doc) if renamed else found)
        return doc

    @staticmethod
    def _outcomes_by_use(doc: Doc, unknown: dict[Span, list[Span]], found: list[Span]) -> None:
        """OUTCOME candidates for a long form no lexicon knows and its short forms, where one of them
        stands in an outcome slot ("dexmedetomidine reduced POCD") or a rule already made a short form an
        outcome under its bare name; such a short form takes the long form's name."""
        taken = bytearray(len(doc))
        for span in found:
            taken[span.start: span.end] = b"\x01" * (span.end - span.start)
        gated_by_end: dict[int, list[Span]] = {}
        for span in doc.spans[GATED_KEY] if GATED_KEY in doc.spans else ():
            gated_by_end.setdefault(span.end, []).append(span)
        bare_outcomes = {(s.start, s.end): s for s in found if s.label_ == "OUTCOME" and s.kb_id_ == s.text.lower()}
        outcomes_by_token: dict[int, list[Span]] = {}
        for span in found:
            if span.label_ == "OUTCOME":
                for i in range(span.start, span.end):
                    outcomes_by_token.setdefault(i, []).append(span)
        slot_starts = outcome_slot_starts(doc)
        lower = lower_words(doc)
        starts, ends = sentence_bounds(doc)
        renamed: dict[tuple[int, int], str] = {}
        for long_form, shorts in unknown.items():
            start = long_form.start
            while start < long_form.end - 1 and lower[start] in LEADING_DETERMINERS:
                start += 1
            if any(taken[start: long_form.end]):
                continue
            uses = [(short.start, short.end) for short in shorts]
            in_slot = any(slot_starts.get(a) == b for a, b in [(start, long_form.end)] + uses)
            # a listed outcome the refiner turned down where the long form stands ("... acute kidney injury
            # (CSA-AKI) is common"): an outcome where a later use of the short form is counted ("CSA-AKI occurred")
            listed = next((s for s in gated_by_end.get(long_form.end, ()) if s.start >= start), None)
            counted = listed is not None and any(_counted(lower, a, b, ends[a]) for a, b in uses)
            if not (in_slot or counted or any(use in bare_outcomes for use in uses)):
                continue
            # "Recurrent CDI occurred": an outcome phrase a rule named by its words, the short form among them,
            # is named with the long form's words once the short form names an outcome
            wrapped = {use: span for use in uses for span in outcomes_by_token.get(use[0], ())
                       if span.start <= use[0] and use[1] <= span.end and len(span) > use[1] - use[0]
                       and _word_in(lower[use[0]: use[1]], span.kb_id_)}
            if listed is not None and listed.start == start:
                name, ids = listed.kb_id_, listed.id_  # the long form is the listed name: its entry names it
            elif plausible_outcome_phrase(doc, start, long_form.end, lower, starts[start]):
                name, ids = american_spelling(" ".join(lower[start: long_form.end])), ""
            else:
                continue
            add_candidate(doc, start, long_form.end, "OUTCOME", name, ids)
            for a, b in uses:
                if not any(taken[a:b]):
                    add_candidate(doc, a, b, "OUTCOME", name, ids)
                elif (a, b) in bare_outcomes:
                    renamed[(a, b)] = name
                elif (a, b) in wrapped:
                    phrase = wrapped[(a, b)]
                    renamed[(phrase.start, phrase.end)] = _with_long_form(phrase.kb_id_, lower[a:b], name)
        if renamed:
            _rename_candidates(doc, renamed, "OUTCOME")


def _rename_candidates(doc: Doc, renamed: dict[tuple[int, int], str], label: str | None = None) -> None:
    """Give the candidates at the (start, end) keys of ``renamed`` (of ``label`` only, where one is given) their
    new names."""
    set_candidates(doc, [
        Span(doc, c.start, c.end, label=c.label_, kb_id=renamed[(c.start, c.end)], span_id=c.id_)
        if (c.start, c.end) in renamed and label in (None, c.label_) else c for c in candidates(doc)])


def _word_in(short: list[str], name: str) -> bool:
    """Whether a name holds the short form's words as words of its own ("recurrent cdi" holds "cdi")."""
    return f" {' '.join(short)} " in f" {name} "


def _with_long_form(name: str, short: list[str], long_name: str) -> str:
    """A name with the short form's words written out: "recurrent cdi" -> "recurrent clostridioides difficile infection"."""
    return f" {name} ".replace(f" {' '.join(short)} ", f" {long_name} ", 1).strip()


def _counted(lower: list[str], start: int, end: int, sent_end: int) -> bool:
    """Whether a use of a short form is counted as an event: "CSA-AKI occurred", "CSA-AKI rates",
    "developed CSA-AKI", "CSA-AKI in 12%"; where it is defined, a verb or rate noun after its bracket counts
    ("... (CSA-AKI) occurred in 12%")."""
    if end + 1 < sent_end and lower[end] == ")" and start > 0 and lower[start - 1] == "(":
        return lower[end + 1] in COUNTED_AFTER  # not "... (CI) in 25%": a definition's sentence often describes
    return (start > 0 and lower[start - 1] in COUNTED_BEFORE or end < sent_end and lower[end] in COUNTED_AFTER
            or counted_after(lower, end, sent_end))


@Language.factory("abbreviation_linker")
def make_abbreviation_linker(nlp: Language, name: str) -> AbbreviationLinker:
    return AbbreviationLinker(nlp, name)
