"""Outcome phrases found by the grammar of result statements, for outcomes no lexicon lists.

Trial reports name what they measured in a few fixed constructions, whatever the topic:

- the subject of a comparison: "<the rate of clinical pregnancy> in the intervention group was higher";
- the object of a change noun: "no significant difference in <the onset of action> between groups";
- the object of a change verb: "X significantly reduced <the incidence of shivering>";
- the object of a comparative after "had": "the unengaged group had higher <depressive symptom scores>";
- the subject of a stated value: "<the time to stone passage> in group 1 was 9.5 days";
- the subject of a change verb used without an object: "<grip strength> improved only in the training group".

Treatment arms are named in a few constructions too: "the <bupivacaine> group", "randomized to
<early mobilisation>", "<early feeding> (n = 206)", "effect of <X> on ...", "<X> versus <Y>". Those phrases are labelled
INTERVENTION; placebo, control and usual-care arms are kept out by the records builder.

The phrase runs from the construction to the nearest boundary word (a preposition that opens the
group or time frame, a verb, punctuation), at most ``max_tokens`` long, without leading
determiners. The phrases go to ``doc.spans["result_phrases"]`` labelled OUTCOME; they are candidates
for the records builder, not entities. Every construction is looked up within one sentence by
index, so the cost is linear in the text. The word lists are data: ``lexicons/result_phrases.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons import DATA_DIR
from ..lexicons.vocabulary import word_list, words
from .batching import BatchedPipe
from .cohorts import PARTICIPANTS, WORDS
from .outcome_slots import NEED_WORDS
from .spans import doc_sentences, doc_strings, lower_words, token_words

RESULT_PHRASES_KEY = "result_phrases"
MAX_LEFT = 12
# A value with its spread or unit written as one token: "9.5±4.8", "12.5%", "3.2mg".
STATED_NUMBER = re.compile(r"^[−-]?\d+(?:[.,·]\d+)?(?:±|%|[a-zµμ]|$)", re.I)
# Words before a comparative that make it a predicate ("may have been more common") or a coordination.
PREDICATE_LEADS = words("result_phrase_predicate_leads")
LIST_JOINTS = words("result_phrase_list_joints")
MAX_LISTED = 8
LIST_ENDS = words("result_phrase_list_ends")
GROUP_LEADS = words("result_phrase_group_leads")
GROUP_PHRASE_TOKENS = 7
EFFECT_NOUNS = words("result_phrase_effect_nouns")
THAN_REACH = 8  # words within which "than" must follow a than-comparative
COMPARISON_REACH = 6  # words after a change verb within which a comparison word makes it compare the arms


@dataclass(frozen=True)
class Grammar:
    be_verbs: frozenset[str]
    had_verbs: frozenset[str]
    quantity_comparatives: frozenset[str]
    adverbs: frozenset[str]
    comparatives: frozenset[str]
    than_comparatives: frozenset[str]
    negated_verbs: frozenset[str]
    difference_verbs: frozenset[str]
    respect_links: tuple[str, ...]
    multiword_links: tuple[str, ...]
    change_nouns: frozenset[str]
    noun_links: frozenset[str]
    object_verbs: frozenset[str]
    left_boundaries: frozenset[str]
    right_boundaries: frozenset[str]
    leading_drop: frozenset[str]
    subject_blockers: frozenset[str]
    arm_heads: frozenset[str]
    arm_leads: frozenset[str]
    arm_left_boundaries: frozenset[str]
    generic_arms: frozenset[str]
    comparison_words: frozenset[str]
    measure_heads: frozenset[str]
    subject_verbs: frozenset[str]
    subject_verb_followers: frozenset[str]
    subject_verb_adjuncts: frozenset[str]
    max_tokens: int


@lru_cache(maxsize=1)
def grammar(path: Path = DATA_DIR / "result_phrases.json") -> Grammar:
    data = json.loads(path.read_text(encoding="utf-8"))
    words = {name: frozenset(data[name]) for name in Grammar.__dataclass_fields__
             if name not in ("max_tokens", "respect_links", "multiword_links")}
    # longest first, so that "in terms of" is read before the "in" it starts with
    links = tuple(sorted(data["respect_links"], key=lambda link: -len(link.split())))
    # the change nouns read a link of several words only where its first word is no link of its own: "in terms
    # of <A>" stays read at "in" there, since a list whose first item is no outcome ("in terms of safety, ...")
    # is read only when the phrase after "in" is kept
    multiword = tuple(link for link in links if " " in link and link.split()[0] not in words["noun_links"])
    return Grammar(**words, respect_links=links, multiword_links=multiword, max_tokens=int(data["max_tokens"]))


def phrase_after(sent: Span, start: int, g: Grammar, limit: int | None = None) -> tuple[int, int] | None:
    """The phrase that starts at token ``start``: up to the first boundary word (at the latest ``limit``),
    determiners dropped."""
    doc = sent.doc
    strings = doc_strings(doc)  # words and flags read from the doc's shared lists: no Token object each
    lower, words, like_num = strings.lower, strings.words, strings.like_num
    limit = sent.end if limit is None else limit
    while start < limit and lower[start] in g.leading_drop:
        start += 1
    start = _after_rate(lower, start, limit)
    end = start
    # a boundary: a boundary word, or a number that is not a word ("first" stays in "time to first flatus")
    while end < limit and end - start < g.max_tokens and not (
            lower[end] in g.right_boundaries or like_num[end] and not words[end].isalpha()):
        end += 1
    if _counted_people_clause(lower, start, end, limit):
        end = _clause_end(lower, like_num, words, end + 1, limit, g) or end
    return _checked(doc, start, end, g)


def _clause_end(lower: list[str], like_num: list[bool], words: list[str], clause: int, limit: int,
                g: Grammar) -> int | None:
    """Where a relative clause that opens at ``clause`` ends: at the first boundary word after its verb (which
    may be one: "who died"); None where it ends on a number ("who developed one [or more ...]"), cut short."""
    end = clause + 1
    while end < limit and end - clause < g.max_tokens and not (
            lower[end] in g.right_boundaries or like_num[end] and not words[end].isalpha()):
        end += 1
    return None if like_num[end - 1] else end


RELATIVE_CLAUSE_LEADS = words("relative_clause_leads")
COUNTED_PEOPLE_HEADS = words("counted_people_heads")
ALLOCATION_CLAUSE_VERBS = words("allocation_clause_verbs")


def _counted_people_clause(lower: list[str], start: int, end: int, limit: int) -> bool:
    """Whether the phrase ``start``-``end`` counts people ("proportion of patients") and a relative clause
    follows that names what happened to them ("who recovered", "who required rescue analgesia"), not the
    arm they were in ("who received X")."""
    return (end - start == 3 and end + 1 < limit and lower[start] in COUNTED_PEOPLE_HEADS
            and lower[start + 1] == "of" and lower[end - 1] in PARTICIPANTS
            and lower[end] in RELATIVE_CLAUSE_LEADS and lower[end + 1] not in ALLOCATION_CLAUSE_VERBS)


RATE_WORDS = words("rate_words")
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
DOSE_HEADS = words("dose_heads")


def _past_possessor(lower: list[str], start: int, end: int) -> int:
    """Where the measure starts after a change noun's link when the people it belongs to open the phrase
    ("no difference regarding <patients’> overall behaviour"): past them; else ``start``."""
    at = start + (start < end and lower[start] in ("the", "their"))
    if at + 2 < end and lower[at] in PARTICIPANTS and lower[at + 1] in POSSESSIVES:
        return at + 2
    return start


def _after_rate(lower: list[str], start: int, end: int) -> int:
    """Skip "need for", "rate of", "annual risk of" (the phrase's determiners already dropped): the outcome is what
    follows (a count or a proportion, "number of naps", stays in the phrase)."""
    at = start + (start < end and lower[start] in ("annual", "cumulative"))
    if at + 2 < end and (lower[at] in NEED_WORDS and lower[at + 1] == "for"
                         or lower[at] in RATE_WORDS and lower[at + 1] == "of"):
        return at + 2
    return start


def phrase_before(sent: Span, stop: int, g: Grammar, cut: bool = False) -> tuple[int, int] | None:
    """The subject that ends before token ``stop``: back to a clause boundary, then cut at the first
    boundary word after its head ("the rate of pregnancy [in the intervention group]"); with ``cut``, at
    ``stop`` at the latest (a verb that is no boundary word: "<the frequency of crying> decreased significantly")."""
    doc = sent.doc
    lower = lower_words(doc)
    stop = _before_group_phrase(sent, _before_parenthetical(sent, stop), g)
    start = stop
    while start > sent.start and stop - start < MAX_LEFT and lower[start - 1] not in g.left_boundaries:
        start -= 1
    return phrase_after(sent, start, g, stop if cut else None) if start < stop else None


def _before_group_phrase(sent: Span, stop: int, g: Grammar) -> int:
    """Where the subject ends when the groups it was measured in stand before its verb ("the time to
    expulsion in groups 1 and 2 was ..."): before the group phrase, whose "and" is no clause boundary."""
    lower = lower_words(sent.doc)
    for i in range(stop - 1, max(sent.start, stop - GROUP_PHRASE_TOKENS) - 1, -1):
        if lower[i] in GROUP_LEADS and any(lower[k] in g.arm_heads for k in range(i + 1, stop)):
            return i
    return stop


def _before_parenthetical(sent: Span, stop: int) -> int:
    """Where the subject ends when a bracketed aside stands between it and its verb
    ("the duration of analgesia in group A (508 ± 63 min) was less"): before the aside."""
    texts = token_words(sent.doc)
    if stop - 1 <= sent.start or texts[stop - 1] not in (")", "]"):
        return stop
    depth = 0
    for i in range(stop - 1, max(sent.start, stop - 1 - MAX_LEFT * 2) - 1, -1):
        depth += texts[i] in (")", "]")
        depth -= texts[i] in ("(", "[")
        if depth == 0:
            return i
    return stop


def _checked(doc: Doc, start: int, end: int, g: Grammar) -> tuple[int, int] | None:
    lower = lower_words(doc)
    while end > start and (lower[end - 1] in g.noun_links or lower[end - 1] in ("and", "to")):
        end -= 1
    if end <= start or lower[start] in g.subject_blockers or lower[end - 1] in g.subject_blockers \
            and not _of_the_treatment(lower, start, end):
        return None
    if not any(word.isalpha() and len(word) > 2 for word in token_words(doc)[start:end]):  # Token.is_alpha, no Token made
        return None
    if end - start == 1 and lower[start] in g.change_nouns:
        return None  # "no significant <decrease>": a change of something the phrase does not name
    if end - start == 1 and _names_nothing_measured(lower[start]):
        return None  # "<more>", "<physical>", "<studies>", "<age>": one word that names no outcome
    return start, end


TREATMENT_OBJECTS = words("treatment_objects")
TREATMENT_LINKS = words("result_phrase_treatment_links")


def _of_the_treatment(lower: list[str], start: int, end: int) -> bool:
    """ "<the preference of> treatment", "<adherence to the> intervention": a measure of the treatment given
    (three words or more), whose last word blocks only a phrase naming the arm itself."""
    at = end - 2
    at -= at > start and lower[at] in ("the", "their", "study")
    return at > start and lower[end - 1] in TREATMENT_OBJECTS and lower[at] in TREATMENT_LINKS


# One-word phrases that name no outcome: study, participant and measure nouns, and adjectives, adverbs and
# comparatives standing for a head the phrase lost ("physical" of "physical function").
_GENERIC_NOUNS = (words("outcome_slot_head_stops") | words("participant_heads") | words("bare_measure_names")
                  | words("result_phrase_generic_nouns"))
_LOOSE_WORDS = words("result_phrase_loose_words")
_ADJECTIVE_FORMS = tuple(word_list("result_phrase_adjective_endings"))
# nouns of those forms: "survival" is an outcome
_FORM_NOUNS = words("result_phrase_form_nouns")


def _names_nothing_measured(word: str) -> bool:
    if word in _GENERIC_NOUNS or word in _LOOSE_WORDS or word.endswith("ly"):
        return True
    return word.endswith(_ADJECTIVE_FORMS) and word not in _FORM_NOUNS


def _skip(lower: list[str], i: int, end: int, words: frozenset[str]) -> int:
    while i < end and lower[i] in words:
        i += 1
    return i


def _states_a_value(doc: Doc, j: int, end: int) -> bool:
    """Whether the words after a be verb state the measured value ("<the time to expulsion> was 9.5 days",
    "<the patients who required X> were 8 (19.5%)"): a number right after the verb."""
    return j < end and not doc[j].is_alpha and (doc[j].like_num or STATED_NUMBER.match(doc[j].text) is not None)


@lru_cache(maxsize=4)
def _triggers(g: Grammar) -> tuple[frozenset[str], frozenset[str]]:
    """The words at which a result construction, and an arm construction, can start: every branch of
    :func:`result_phrases` and :func:`arm_phrases` asks first whether the word is in one of these lists
    (an arm lead of two words by its first word), so the other words are not visited."""
    results = g.be_verbs | {"did", "does", "do"} | g.change_nouns | g.object_verbs | g.had_verbs | g.quantity_comparatives \
        | g.subject_verbs | {"as"}
    arms = g.arm_heads | {"(", "["} | g.comparison_words | {lead.split(" ", 1)[0] for lead in g.arm_leads}
    return results, arms


def result_phrases(sent: Span, g: Grammar) -> list[tuple[int, int]]:
    """(start, end) token offsets of the outcome phrases the sentence's result constructions name."""
    doc = sent.doc
    lower = lower_words(doc)
    found = []
    triggers = _triggers(g)[0]
    for i in compress(range(sent.start, sent.end), map(triggers.__contains__, lower[sent.start:sent.end])):
        word = lower[i]
        if word in g.be_verbs:
            # "were significantly (p < 0.01) higher": adverbs and a bracketed test before the comparative
            j = _skip(lower, _skip_aside(doc, _skip(lower, i + 1, sent.end, g.adverbs), sent.end), sent.end, g.adverbs)
            if j < sent.end and (lower[j] in g.comparatives or _compares_with_than(lower, j, sent.end, g)
                                 or _states_a_value(doc, j, sent.end)):
                found.append(phrase_before(sent, i, g))
        elif word in ("did", "does", "do") and i + 2 < sent.end and lower[i + 1] == "not" \
                and lower[i + 2] in g.negated_verbs:
            found.append(phrase_before(sent, i, g))
            if lower[i + 2] in g.difference_verbs:
                found += _respects_after(sent, i + 3, g)  # "the groups did not differ in <A> or <B>"
        elif word in g.change_nouns:
            # "the effect of <arm> on <outcome>": after effect words, "of" names the arm
            links = g.noun_links - {"of"} if word in EFFECT_NOUNS else g.noun_links
            for j in range(i + 1, min(sent.end, i + 8)):
                after = _link_end(lower, j, sent.end, g)  # "with regard to", "with respect to"
                if after or lower[j] in links:
                    first = phrase_after(sent, _past_possessor(lower, after or j + 1, sent.end), g)
                    # "no differences in A, B or C": a list denied at once, each item an outcome
                    denied = {"no", "not", "nor", "without"} & set(lower[max(sent.start, i - 3):i])
                    found += listed_phrases(sent, first, g) if denied else [first]
                    break
                if doc[j].text in (",", ";", ".", "(") or doc[j].like_num and not doc[j].is_alpha:
                    break
        elif word in g.subject_verbs and _used_without_object(lower, i, sent, g):
            found.append(_subject_before(sent, _before_adverbs(lower, i, sent.start, g), g))
        elif word in g.object_verbs and i > sent.start:
            first = phrase_after(sent, _skip(lower, i + 1, sent.end, g.adverbs), g)
            # "reduced <A> by 20% and <B> by 15%": each amount follows an outcome of its own
            # (only those with an amount of their own: not "by 31%, driven largely by ...")
            amount = first is not None and _skip_amount(doc, first[1], sent.end) > first[1]
            found += [first] + [span for span in listed_phrases(sent, first, g)[1:] if span is not None
                                and _skip_amount(doc, span[1], sent.end) > span[1]] if amount else [first]
        elif word in g.had_verbs:
            j = _skip(lower, i + 1, sent.end, g.adverbs)
            if j < sent.end and lower[j] in g.comparatives:
                found.append(phrase_after(sent, j + 1, g))
        elif word in g.quantity_comparatives and _names_a_quantity(lower, i, sent, g):
            found.append(phrase_after(sent, i + 1, g))  # "a higher number of <X> were retrieved in group B"
        elif word == "as" and _as_well_as_after_result(lower, i, sent.start, sent.end, found):
            # "<X> was shorter in group A (...), as well as <Y> (...)"; a comparative before Y grades it
            added = phrase_after(sent, _skip(lower, i + 3, sent.end, g.comparatives | g.leading_drop), g)
            # with figures of its own, and not "..., as well as high dose X": another arm
            if added is not None and added[1] < sent.end and lower[added[1]] == "(" \
                    and DOSE_HEADS.isdisjoint(lower[added[0]:added[1]]):
                found.append(added)
    return [span for span in dict.fromkeys(found) if span is not None]


def _as_well_as_after_result(lower: list[str], i: int, start: int, end: int, found: list) -> bool:
    """Whether "as well as" at ``i`` adds a measure to a result the sentence stated before it ("<X> was earlier in
    group A than in group B (figures), as well as <Y> (figures)"): after a comma or a bracket, once an outcome phrase
    was found."""
    return (i + 3 < end and i > start and lower[i + 1: i + 3] == ["well", "as"] and lower[i - 1] in (",", ")")
            and any(span is not None for span in found))


def _used_without_object(lower: list[str], i: int, sent: Span, g: Grammar) -> bool:
    """Whether the change verb at ``i`` has no object ("<X> increased in group A", "<X> fell more than ..."): a
    subject word before it (no be or have verb, no boundary) and, after adverbs, a group or comparison word
    (``subject_verb_followers``)."""
    before = _before_adverbs(lower, i, sent.start, g)
    if before <= sent.start or lower[before - 1] in g.be_verbs or lower[before - 1] in g.had_verbs \
            or lower[before - 1] in g.left_boundaries or lower[before - 1] in PREDICATE_LEADS:
        return False
    after = _skip(lower, i + 1, sent.end, g.adverbs)
    return after >= sent.end or lower[after] in g.subject_verb_followers or (
        lower[after] in g.subject_verb_adjuncts and _compared_soon(lower, after + 1, sent.end, g))


def _compared_soon(lower: list[str], start: int, end: int, g: Grammar) -> bool:
    """ "<X> decreased following A compared to B": a comparison word within a few words after the adjunct that
    follows the verb, in its clause, compares the arms."""
    for k in range(start, min(end, start + COMPARISON_REACH)):
        if lower[k] in g.comparison_words or lower[k] == "than":
            return True
        if lower[k] in (",", ";", ":", "(", "and", "but", "whereas", "while"):
            return False
    return False


def _subject_before(sent: Span, stop: int, g: Grammar) -> tuple[int, int] | None:
    """The subject of a verb that no boundary word stops ("<X> increased with Y"): :func:`phrase_before`,
    cut at ``stop``; a single word left after a bracket ("late apoptotic (PI positive) <cells> increased")
    is the head of a subject the bracket cut, no name of what changed."""
    found = phrase_before(sent, stop, g, cut=True)
    if found is not None and found[1] - found[0] == 1 and found[0] > sent.start \
            and sent.doc[found[0] - 1].text in (")", "]"):
        return None
    return found


def _before_adverbs(lower: list[str], i: int, start: int, g: Grammar) -> int:
    """The token after the subject of a verb at ``i``: before the adverbs that stand in front of the verb."""
    while i > start and lower[i - 1] in g.adverbs - {"a", "an", "the", "no", "all", "both"}:
        i -= 1
    return i


def _respects_after(sent: Span, start: int, g: Grammar) -> list[tuple[int, int] | None]:
    """The phrases a denied difference names after its verb ("did not differ significantly in <A>, <B> or
    <C>", "... with regard to <A>"): after adverbs, a link word or phrase, then the listed phrases."""
    lower = lower_words(sent.doc)
    i = _skip(lower, start, sent.end, g.adverbs)
    after = _link_end(lower, i, sent.end, g, g.respect_links)
    return listed_phrases(sent, phrase_after(sent, after, g), g) if after else []


def _link_end(lower: list[str], i: int, end: int, g: Grammar, links: tuple[str, ...] | None = None) -> int:
    """The token after a link phrase that starts at ``i`` ("with regard to"; any of ``links``, by default
    :attr:`Grammar.multiword_links`), or 0 where none starts there."""
    for link in g.multiword_links if links is None else links:
        parts = link.split()
        if lower[i: i + len(parts)] == parts and i + len(parts) < end:
            return i + len(parts)
    return 0


def _compares_with_than(lower: list[str], j: int, end: int, g: Grammar) -> bool:
    """A comparative that states a result only before "than" ("was earlier in group A than in group B"),
    not where it dates something ("or 30 minutes, whichever was earlier")."""
    return lower[j] in g.than_comparatives and "than" in lower[j + 1: min(end, j + 1 + THAN_REACH)]


def _skip_aside(doc: Doc, i: int, end: int) -> int:
    """The token after a bracketed aside that opens at ``i`` ("(£95, 95% CI ...)"), else ``i``."""
    texts = token_words(doc)
    if i >= end or texts[i] not in ("(", "["):
        return i
    depth = 0
    for k in range(i, min(end, i + MAX_LEFT * 3)):
        depth += texts[k] in ("(", "[")
        depth -= texts[k] in (")", "]")
        if depth == 0:
            return k + 1
    return i


def _skip_amount(doc: Doc, i: int, end: int) -> int:
    """After the amount "by" gives the phrase before ("reduced <A> by 20% and <B> by 15%"), else ``i``."""
    words = token_words(doc)
    if i + 1 < end and words[i].lower() == "by" and words[i + 1][:1].isdigit():
        return i + 3 if i + 2 < end and words[i + 2] == "%" else i + 2
    return i


def listed_phrases(sent: Span, first: tuple[int, int] | None, g: Grammar) -> list[tuple[int, int] | None]:
    """The phrase after a change noun and the ones listed after it ("no differences in <A> (values),
    <B>, or <C> between groups"): each item a phrase of its own, up to the first word that is no list
    joint (a group phrase, a verb)."""
    found = [first]
    lower = lower_words(sent.doc)
    while first is not None and len(found) <= MAX_LISTED:
        i = _skip_aside(sent.doc, _skip_amount(sent.doc, first[1], sent.end), sent.end)
        if i >= sent.end or lower[i] not in LIST_JOINTS:
            break
        i = _skip(lower, i, sent.end, LIST_JOINTS)
        if i >= sent.end or lower[i] in g.left_boundaries or lower[i] in LIST_ENDS:
            break  # "..., although t tests showed", "..., even in patients with ...": the list is over
        first = phrase_after(sent, i, g)
        found.append(first)
    return found


def _names_a_quantity(lower: list[str], i: int, sent: Span, g: Grammar) -> bool:
    """Whether the comparative at ``i`` grades a noun phrase ("fewer <incisions>") rather than stands as
    a predicate ("were more <common>"): no be verb before it, a phrase of two words or more after it
    that opens on no change noun (the change-noun construction reads those) and no boundary."""
    before = i - 1
    while before >= sent.start and lower[before] in g.adverbs - {"a", "an", "the"}:
        before -= 1
    if before >= sent.start and (lower[before] in g.be_verbs or lower[before] in PREDICATE_LEADS):
        return False
    if i + 2 >= sent.end or lower[i + 1] in g.right_boundaries or lower[i + 1] in g.change_nouns:
        return False
    return lower[i + 2] not in g.right_boundaries or lower[i + 1] not in g.subject_blockers and len(lower[i + 1]) > 3 and \
        not lower[i + 1].endswith(("ive", "ful", "ous", "ent", "ant", "able", "ible", "ly", "ed"))


def _arm_before_head(sent: Span, head: int, g: Grammar) -> tuple[int, int] | None:
    """ "the <early mobilisation> group": the words before an arm head, back to a determiner or preposition."""
    strings = doc_strings(sent.doc)  # the words and number flags of the doc, not a Token object each
    lower, like_num = strings.lower, strings.like_num
    start = head
    while start > sent.start and head - start < 5 and lower[start - 1] not in g.arm_left_boundaries \
            and not like_num[start - 1]:
        start -= 1
    if start >= head or all(lower[k] in g.generic_arms or len(strings.words[k]) == 1 for k in range(start, head)):
        return None
    if lower[head - 1] in PARTICIPANTS or lower[head - 1] in WORDS["sex_heads"]:
        return None  # "300 adults (N = 300)": who was studied, not an arm
    return start, head


def _opens_arm_count(lower: list[str], i: int, end: int) -> bool:
    """Whether the bracket at ``i`` opens an arm's count: "(n = 206)", "(n=206)"."""
    first = lower[i + 1] if i + 1 < end else ""
    return first.startswith("n=") or (first == "n" and i + 2 < end and lower[i + 2] == "=")


def _lead_length(lower: list[str], i: int, end: int, leads: frozenset[str]) -> int:
    """1 or 2 where a one- or two-word arm lead starts at ``i``, else 0."""
    if i + 1 < end and f"{lower[i]} {lower[i + 1]}" in leads:
        return 2
    return 1 if lower[i] in leads else 0


def arm_phrases(sent: Span, g: Grammar) -> list[tuple[int, int]]:
    """(start, end) token offsets of the treatment arms the sentence names."""
    doc = sent.doc
    lower = lower_words(doc)
    found = []
    triggers = _triggers(g)[1]
    # a token with a space in it (white space) could still open a two-word lead: visited too
    for i in [i for i in range(sent.start, sent.end) if lower[i] in triggers or " " in lower[i]]:
        word = lower[i]
        if word in g.arm_heads and i > sent.start:
            found.append(_arm_before_head(sent, i, g))
        elif word in ("(", "[") and i > sent.start and _opens_arm_count(lower, i, sent.end):
            found.append(_arm_before_head(sent, i, g))  # "early feeding (n = 206)"
        elif word in g.comparison_words:
            if word != "compared" or _after_arm_preposition(sent, i, g):
                found.append(_arm_before_head(sent, i, g))
            after = i + 2 if word == "compared" and i + 1 < sent.end and lower[i + 1] in ("with", "to") else i + 1
            found.append(phrase_after(sent, after, g))
        else:
            lead = _lead_length(lower, i, sent.end, g.arm_leads)
            if lead:
                found.append(_arm_after(sent, _skip(lower, i + lead, sent.end, frozenset({"receive", "either"})), g))
    return [span for span in dict.fromkeys(found) if span is not None]


ARM_PREPOSITIONS = words("result_phrase_arm_prepositions")


def _after_arm_preposition(sent: Span, compared: int, g: Grammar) -> bool:
    """ "recovery from <the cycling test> compared to the walking test": the phrase right before "compared"
    opens on a preposition of what was given or done (after a determiner), so it names the other arm;
    elsewhere the words before "compared" are the result ("was lower compared with ...")."""
    lower = lower_words(sent.doc)
    span = _arm_before_head(sent, compared, g)
    if span is None:
        return False
    at = span[0] - 1
    at -= at > sent.start and lower[at] in ("the", "a", "an")
    return at >= sent.start and lower[at] in ARM_PREPOSITIONS


def _arm_after(sent: Span, start: int, g: Grammar) -> tuple[int, int] | None:
    """The arm phrase after an arm lead: :func:`phrase_after`, where an arm's name may open on "group"
    ("effect of <group sexual counselling> on ..."), which opens no outcome's name."""
    lower = lower_words(sent.doc)
    if start + 1 < sent.end and lower[start] == "group":
        rest = phrase_after(sent, start + 1, g)
        return (start, rest[1]) if rest is not None and rest[0] == start + 1 else None
    return phrase_after(sent, start, g)


class ResultPhraseFinder(BatchedPipe):
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.grammar = grammar()

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for sent in doc_sentences(doc):
            spans += [Span(doc, start, end, label="OUTCOME") for start, end in result_phrases(sent, self.grammar)]
            spans += [Span(doc, start, end, label="INTERVENTION") for start, end in arm_phrases(sent, self.grammar)]
        doc.spans[RESULT_PHRASES_KEY] = spans
        return doc


@Language.factory("result_phrases")
def make_result_phrases(nlp: Language, name: str) -> ResultPhraseFinder:
    return ResultPhraseFinder(nlp, name)
