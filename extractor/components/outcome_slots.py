"""Outcome phrases that no lexicon lists, found by the slot they fill in a result statement.

Review prose names what a trial measured in a few fixed slots, whatever the topic:

- after a change verb or a comparative adjective: "did not shorten <the duration of nasal congestion>",
  "fewer <morning heel complaints>", "faster <throat relief>";
- after a change or frequency noun and its link: "no improvement in <sleep quality>", "the incidence of
  <wound dehiscence>" (a bare measure noun before "of", or "need" before "for", names no outcome: the phrase after it does);
- as the subject of a frequency predicate: "<Hair thinning> was more common with X", "<Dizziness> and
  <dry mouth> were frequent";
- as the subject of a comparison between arms: "<Drain output> was 20% lower with X", "<transfer to intensive
  care> did not differ between the arms", "<X> was needed in 7%"; a time frame between the subject and its
  verb stays out of the span ("<X> over the first 12 hours was lower").

The phrase runs from the slot to the first boundary word (a preposition that opens the population, the
arm or the time frame, a verb, punctuation, a number), at most ``MAX_TOKENS`` long; a list joined by
gives one phrase per item (the outcome refiner joins a list ending in "or" into one composite, as
ANNOTATION.md asks, where no negation governs it). A phrase is kept
only where it looks like a noun phrase about the patients' health: no participant, dose or arm head, no
drug, no capitalised name inside a sentence, and it overlaps no other candidate (the lexicons' outcomes
and their rules win). The word lists are data: ``lexicons/vocabulary.json`` ("outcome_slot_*").
"""

from __future__ import annotations

import re
from itertools import compress

from spacy.tokens import Doc, Span

from ..lexicons.vocabulary import word_list, words
from ..normalize import american_spelling
from .spans import lower_words, sentence_bounds, token_words

MAX_TOKENS = 6
VERB_CUES = words("outcome_slot_verbs")
ADJECTIVE_CUES = words("outcome_slot_adjectives")
# The word after a cue noun that opens the outcome: "a reduction in X", "the incidence of X", "an effect on X"
# ("the rate in women", "the effect of X": the population, the arm).
NOUN_LINKS = {**{word: ("in", "of") for word in words("outcome_slot_change_nouns")},
              **{word: ("of",) for word in words("outcome_slot_frequency_nouns")},
              **{word: ("on",) for word in words("outcome_slot_effect_nouns")},
              **{word: ("in",) for word in words("outcome_slot_in_adjectives")}}
NOUN_CUES = frozenset(NOUN_LINKS)
CLAUSE_STOPS = words("outcome_slot_clause_stops")
BARE_MEASURES = words("bare_measure_names") | words("outcome_slot_measures")
FREQUENCY_WORDS = words("outcome_slot_frequency_predicates")
COMPARISON_WORDS = words("outcome_slot_comparison_predicates")
DIFFERENCE_VERBS = words("outcome_slot_difference_verbs")
SCORE_VERBS = words("outcome_slot_score_verbs")
SCORE_HEADS = words("score_heads")
TIME_FRAME_LEADS = words("outcome_slot_time_frame_prepositions")
TIME_UNITS = words("outcome_slot_time_units")
# A stated change between a be verb and its comparison: "was 18% lower", "was 2.3 days shorter".
CHANGE_AMOUNT = re.compile(r"^(\d+([.,·]\d+)?%?|%|percentage|points?|times|fold|-|–|days?|hours?)$")
BE_VERBS = words("outcome_slot_be_verbs")
# "<X> affects up to 50% of", "<X> complicates 2-8% of pregnancies": how many it strikes.
SPREAD_VERBS = words("outcome_slot_spread_verbs")
EVENT_VERBS = words("outcome_slot_event_verbs")
SUBJECT_ADVERBS = words("outcome_slot_subject_adverbs")
LEADING_DROP = words("outcome_slot_leading_drops")
BOUNDARIES = words("outcome_slot_boundaries") | VERB_CUES
SUBJECT_BOUNDARIES = BOUNDARIES - {"and", "or", "of", "the"}
HEAD_STOPS = words("outcome_slot_head_stops")
# Words that open no outcome phrase: "patients with ...", "placebo ...".
START_STOPS = words("outcome_slot_start_stops")
# "the need for <outcome>": a procedure needed is the outcome
NEED_WORDS = words("outcome_slot_need_words")
COURSE_MEASURES = words("outcome_slot_course_measures")
# "induction time", "block duration": a course head after a word that names what lasted (vocabulary.json)
COURSE_HEADS = words("outcome_slot_course_heads")
COURSE_MODIFIER_STOPS = words("outcome_slot_course_modifier_stops")
COURSE_ADJECTIVES = words("outcome_slot_course_adjectives")  # "a shorter <induction time>" only
# Nouns whose "to" opens where a patient went or what they reached: "time to <X>", "admission to intensive care".
TO_HEADS = words("outcome_slot_to_heads")
# Words that open a description rather than an outcome: "reduced X and <normalized Y>", "<lower body weight>".
OPENING_STOPS = VERB_CUES | ADJECTIVE_CUES | words("outcome_slot_degree_words")
LY_WORDS = words("outcome_slot_ly_words")
ADJECTIVE_ENDINGS = tuple(word_list("outcome_slot_adjective_endings"))
# Grades that share the next item's head: "life-threatening, major or critical-organ bleeding".
SHARED_GRADES = words("outcome_slot_shared_grades")
ED_NOUNS = words("outcome_slot_ed_nouns")
NAME_QUALIFIERS = words("outcome_slot_name_qualifiers")
NAME_MEASURES = words("outcome_slot_name_measures")
WORD = re.compile(r"^[A-Za-z][A-Za-z0-9'-]*$")
TIMED = re.compile(r"^\d+-(hour|day|week|month|year)$")


THRESHOLD_COMPARATIVES = words("threshold_comparatives")


def _phrase_end(doc: Doc, start: int, sent_end: int, lower: list[str]) -> int:
    """Where the phrase that starts at ``start`` ends: before the first boundary, "of" kept when a
    word follows it ("duration of nasal congestion", "sepsis of the newborn"), and the "to" of "time to"."""
    words = token_words(doc)  # the tokens' texts, read without a Token object each
    end = start
    while end < sent_end and end - start < MAX_TOKENS:
        word = lower[end]
        if word == "of" and end > start and end + 1 < sent_end or end == start + 1 and (
                word == "to" and lower[start] in TO_HEADS or word == "for" and lower[start] in NEED_WORDS):
            following = end + 2 if lower[end + 1] == "the" else end + 1
            if following < sent_end and WORD.match(words[following]) and lower[following] not in BOUNDARIES:
                end = following + 1
                continue
            break
        if end == start and TIMED.match(word) and end + 1 < sent_end and WORD.match(words[end + 1]):
            end += 1  # "30-day complications": a time frame opening the name
            continue
        if word in BOUNDARIES or not WORD.match(words[end]) or word.endswith("ly") and word not in LY_WORDS:
            break  # an adverb ends the phrase: "congestion significantly more"
        if end > start and end + 1 < sent_end and lower[end + 1] == "than" and word in THRESHOLD_COMPARATIVES:
            break  # "blood loss greater than 500 mL": a threshold on the outcome, not a word of its name
        end += 1
    return end


def _items(doc: Doc, start: int, sent_end: int, lower: list[str]) -> list[tuple[int, int]]:
    """The phrases of a slot, one per list item ("A and B", "A, B or C"); the outcome refiner joins a
    list that ends in "or" into one composite where no negation governs it (ANNOTATION.md)."""
    found = []
    while start < sent_end and len(found) < 5:
        while start < sent_end and lower[start] in LEADING_DROP:
            start += 1
        if not found and start + 1 < sent_end and lower[start] in BARE_MEASURES and lower[start + 1] == "of":
            start = _after_measure(lower, start, sent_end)  # "the composite of <A, B or C>": the list, not the measure
        end = _phrase_end(doc, start, sent_end, lower)
        if end <= start:
            break
        shared = start
        while end - shared == 1 and (lower[shared].endswith(ADJECTIVE_ENDINGS) or lower[shared] in SHARED_GRADES) \
                and end < sent_end and lower[end] in ("and", "or", ","):
            # "renal or hepatic failure", "physical, mental and social functioning": adjectives sharing the
            # next item's head make one phrase
            following = end + 2 if lower[end: end + 2] in ([",", "and"], [",", "or"]) else end + 1
            if _phrase_end(doc, following, sent_end, lower) <= following:
                break
            shared, end = following, _phrase_end(doc, following, sent_end, lower)
        found.append((start, end))
        end = _after_change_amount(lower, end, sent_end)  # "reduced A by 50% and B by 30%"
        if lower[end: end + 2] in ([",", "and"], [",", "or"]):
            start = end + 2
        elif end < sent_end and lower[end] in ("and", "or", ","):
            start = end + 1
        else:
            break
        if start < sent_end and lower[start] in ("of", "in", "on") and start > 0:
            start += 1  # "the risk of A and of B"
    return found


AMOUNT_WORDS = words("outcome_slot_amount_words")


def _after_change_amount(lower: list[str], end: int, sent_end: int) -> int:
    """Past "by 50% to 70%" after an item ("reduced A by 50% to 70% and B by 30%"), where a figure follows
    "by" and a list link the amount; else ``end``."""
    if end >= sent_end or lower[end] != "by":
        return end
    k = end + 1
    while k < sent_end and (CHANGE_AMOUNT.match(lower[k]) or lower[k] in AMOUNT_WORDS):
        k += 1
    figures = any(word[:1].isdigit() for word in lower[end + 1: k])
    return k if figures and k < sent_end and lower[k] in ("and", "or", ",") else end


def _after_measure(lower: list[str], start: int, end: int) -> int:
    """Skip "the incidence of", "the annual rate of", "the primary composite of", "the need for": the measure
    is the cue, the phrase after it the outcome."""
    for j in range(start, min(end - 2, start + 3)):
        if lower[j] in BARE_MEASURES and lower[j + 1] == "of" or lower[j] in NEED_WORDS and lower[j + 1] == "for":
            start = j + 2
            while start < end and lower[start] in LEADING_DROP:
                start += 1
            return _after_measure(lower, start, end)
    return start


# "The primary outcome was <X>", "secondary end points included <X>, <Y> and <Z>", "defined as <X>":
# what a trial report names as its endpoints.
ENDPOINT_NOUNS = words("outcome_slot_endpoint_nouns")
ENDPOINT_KINDS = words("outcome_slot_endpoint_kinds")
DEFINING_VERBS = words("outcome_slot_defining_verbs")
# Nouns of a change that the phrase after them measures: "change in <6-minute walk distance>".
CHANGE_OPENERS = words("outcome_slot_change_openers")


def _defined_endpoint(lower: list[str], i: int, sent_start: int) -> int | None:
    """Where the endpoint named after the verb at ``i`` begins ("The primary outcome was <...>"), else None."""
    word = lower[i]
    if word == "as" and i - 1 > sent_start and lower[i - 1] == "defined":
        return i + 1
    if word not in DEFINING_VERBS or i - 2 < sent_start or lower[i - 1] not in ENDPOINT_NOUNS:
        return None
    before = lower[i - 2] if lower[i - 1] not in ("point", "points") else (lower[i - 3] if i - 3 >= sent_start else "")
    if lower[i - 1] in ("point", "points") and lower[i - 2] != "end":
        return None
    if before not in ENDPOINT_KINDS:
        return None
    start = i + 1
    while start < len(lower) and lower[start] in ("the", "a", "an", "mean", "median"):
        start += 1
    if lower[start: start + 1] and lower[start] in CHANGE_OPENERS and lower[start + 1: start + 2] in (["in"], ["of"]):
        start += 2  # "change in <X>"
    return start


# "(adverse events were) most commonly <nausea, dizziness and fatigue>": the harms listed after it
LISTING_ADVERBS = words("outcome_slot_listing_adverbs")


def _object_start(lower: list[str], i: int, sent_end: int) -> int | None:
    """Where the slot after the cue at ``i`` begins, or None when the cue opens none."""
    word = lower[i]
    if word in VERB_CUES or word in ADJECTIVE_CUES or word in COURSE_ADJECTIVES:
        return i + 1
    if word in LISTING_ADVERBS:
        return i + 1 if i > 0 and lower[i - 1] == "most" else None  # "most commonly <A, B and C>"
    if word in NOUN_CUES:
        if i > 0 and lower[i - 1] == "at":
            return None  # "women at risk of preterm birth": who was studied
        if NOUN_LINKS[word] == ("on",):
            # "the effect of <arm> on <outcome>": the arm may stand between the noun and its link
            for j in range(i + 1, min(sent_end, i + 10)):
                if lower[j] == "on":
                    return j + 1
                if lower[j] in CLAUSE_STOPS:
                    return None
            return None
        for j in range(i + 1, min(sent_end, i + 3)):
            if lower[j] in NOUN_LINKS[word]:
                return j + 1
            if lower[j] not in ("of", "the", "a"):
                return None
    return None


def _before_time_frame(lower: list[str], stop: int, sent_start: int) -> int:
    """Where a subject ends when a time frame stands between it and its verb ("<X> within 72 hours occurred",
    "<X> over the first 48 hours was lower"): the time frame stays out of the span; else ``stop``."""
    if stop - 3 < sent_start or lower[stop - 1] not in TIME_UNITS:
        return stop
    j = stop - 2
    while j > sent_start and (lower[j][:1].isdigit() or lower[j] in ("-", "–", "to")):
        j -= 1
    if j == stop - 2:
        return stop  # no number before the unit
    while j > sent_start and lower[j] in ("the", "first"):
        j -= 1
    return j if j > sent_start and lower[j] in TIME_FRAME_LEADS else stop


def _subject_items(doc: Doc, i: int, sent_start: int, lower: list[str]) -> list[tuple[int, int]]:
    """The subject of "was more common", "were frequent": from the clause start to the verb."""
    stop = _before_time_frame(lower, i, sent_start)
    while stop - 1 > sent_start and lower[stop - 1] in SUBJECT_ADVERBS and lower[stop - 1] not in ("more", "less"):
        stop -= 1  # "the tiredness score likewise did not differ"
    if stop - 3 > sent_start and lower[stop - 1] == ")" and lower[stop - 3] == "(" and _counts_events(lower, i):
        stop -= 3  # "Treatment-emergent mania (TEM) occurred in": the short form defined there stays out
    listed = _listed_aside(lower, stop, sent_start)
    if listed is not None:
        # "Secondary outcomes, including A, B and C, were unaffected": the names the aside lists
        return [(s, e) for s, e in _items(doc, listed, stop - 1, lower) if e == stop - 1 or lower[e] in ("and", ",", "or")]
    if stop - 2 > sent_start and lower[stop - 1] == "," and lower[stop - 3] == ",":
        stop -= 3  # "Ankle swelling, however, was more common"
    else:
        stop = _before_apposition(lower, stop, sent_start)
    start = stop
    texts = token_words(doc)
    while start > sent_start and stop - start < MAX_TOKENS * 2 + 1 and (
            WORD.match(texts[start - 1]) and lower[start - 1] not in SUBJECT_BOUNDARIES or lower[start - 1] == ","
            or lower[start - 1] == "to" and start - 2 > sent_start and lower[start - 2] in TO_HEADS  # "admission to ICU"
            or lower[start - 1] in VERB_CUES and start - 2 > sent_start and lower[start - 2] in ("and", ",", "or")):
        start -= 1  # "A, B and raised C were more frequent": a participle opening the last item
    clause = next((j + 2 for j in range(stop - 2, start - 1, -1) if lower[j: j + 2] in ([",", "and"], [",", "but"])),
                  None)
    if clause is not None:
        start = clause  # "..., and <scalp tingling> was transient"
    elif start != sent_start and lower[start - 1] not in (".", ";", ":", "although", "though", "whereas", "while", "but",
                                                          "no", "that"):
        return []  # only a subject that opens its sentence or clause ("we observed that <X> was lower")
    return [(s, e) for s, e in _items(doc, start, stop, lower) if e == stop or lower[e] in ("and", ",", "or")]


APPOSITION_REACH = 8  # words of an aside that names what the subject is: ", a recognised effect of X,"


def _before_apposition(lower: list[str], stop: int, sent_start: int) -> int:
    """Where a subject ends before an aside set off by commas that opens with an article ("<X>, a known effect
    of Y, was not more common"); else ``stop``."""
    if stop - 3 <= sent_start or lower[stop - 1] != ",":
        return stop
    for j in range(stop - 3, max(sent_start, stop - 2 - APPOSITION_REACH), -1):
        if lower[j] == ",":
            return j if lower[j + 1] in ("a", "an") else stop
        if lower[j] in CLAUSE_STOPS - {"in"}:
            return stop
    return stop


# "Secondary outcomes, including A and B, were ...", "Adverse events, such as A, were ...": a subject noun that
# names outcomes (at most this many words into its sentence), then a comma aside listing them before the verb
LIST_HEADS = words("outcome_list_heads") | words("harm_list_heads")
ASIDE_LINKS = [tuple(link) for link in word_list("endpoint_list_links") if link[0] == ","]
LIST_HEAD_REACH = 3


def _listed_aside(lower: list[str], stop: int, sent_start: int) -> int | None:
    """Where the list starts when the subject before the verb at ``stop`` is "<head>, including <list>,"."""
    if stop - 4 < sent_start or lower[stop - 1] != ",":
        return None
    for head in range(sent_start, min(stop - 3, sent_start + LIST_HEAD_REACH + 1)):
        if lower[head] in LIST_HEADS:
            for link in ASIDE_LINKS:
                if tuple(lower[head + 1: head + 1 + len(link)]) == link:
                    return head + 1 + len(link)
    return None


def _counts_events(lower: list[str], i: int) -> bool:
    """True at a verb that counts events in the patients: "occurred", "developed", "was observed in"."""
    return lower[i] in EVENT_VERBS or lower[i] in BE_VERBS and lower[i + 2: i + 3] == ["in"] and lower[i + 1] in REPORT_WORDS


def _frequency_predicate(lower: list[str], i: int, sent_end: int) -> bool:
    """True at a be verb that says how often something happened or names a harm: "were (also) more common",
    "was rare", "is a known complication of", "is the most frequent adverse effect"."""
    return _predicate_kind(lower, i, sent_end) is not None


# Predicates that say a treatment caused the subject, not only that it is common ("is common in children"):
# a comparison of frequencies, a harm noun, a report of events.
COMPARED_FREQUENCY = words("outcome_slot_degree_words")
REPORT_WORDS = words("outcome_slot_report_words")


def _predicate_kind(lower: list[str], i: int, sent_end: int) -> str | None:
    """None where the be verb at ``i`` opens no frequency or harm predicate; "harm" where the predicate
    names a harm, compares frequencies or reports events ("were more frequent with", "was the main safety
    concern", "have been reported"); "frequency" where it only says how often ("is common in adults")."""
    j = i + 1
    while j < sent_end and lower[j] in SUBJECT_ADVERBS:
        j += 1
    if j < sent_end and lower[j] in FREQUENCY_WORDS:
        compared = any(word in COMPARED_FREQUENCY for word in lower[i + 1: j])
        return "harm" if compared or lower[j] in REPORT_WORDS or lower[j] in ("commoner", "rarer") else "frequency"
    k = j
    while k < sent_end and k - j < 4 and CHANGE_AMOUNT.match(lower[k]):
        k += 1
    if k < sent_end and lower[k] in COMPARISON_WORDS and _compares_arms(lower, k + 1, sent_end):
        return "compared"  # "<X> was 18% lower with lidocaine", "<X> were similar in both groups"
    if j < sent_end and lower[j] in ("a", "an", "the"):
        j += 1
        while j < sent_end and (lower[j] in SUBJECT_ADVERBS or lower[j] in HARM_QUALIFIERS):
            j += 1
        return "harm" if j < sent_end and lower[j] in HARM_NOUNS else None
    return None


def opens_comparison(lower: list[str], i: int, sent_end: int) -> bool:
    """True where the words from ``i`` compare the arms on the subject before them: "was higher with X",
    "were similar in both groups", "did not differ"."""
    if i >= sent_end:
        return False
    if lower[i] in BE_VERBS:
        return _predicate_kind(lower, i, sent_end) == "compared"
    j = i + 1 if lower[i] in ("did", "does", "do") else i
    while j < sent_end and lower[j] in SUBJECT_ADVERBS:
        j += 1
    return j < sent_end and lower[j] in DIFFERENCE_VERBS


# Present-tense be verbs: "<X> is common in older adults" says how widespread a condition is, no result.
PRESENT_BE_VERBS = words("outcome_slot_present_be_verbs")
# What follows "common" there: the people or the place it is common in, or the clause's end; "is common with
# <drug>" names a harm of the drug.
PREVALENCE_FOLLOWERS = words("outcome_slot_prevalence_followers")


def states_prevalence(lower: list[str], i: int, sent_end: int) -> bool:
    """True where the present-tense be verb at ``i`` only says how often a condition is met ("<X> is common in
    heart failure", "<X> are frequent in children"): a background statement, not a counted outcome."""
    if i >= sent_end or lower[i] not in PRESENT_BE_VERBS or _predicate_kind(lower, i, sent_end) != "frequency":
        return False
    j = i + 1
    while j < sent_end and lower[j] in SUBJECT_ADVERBS:
        j += 1
    return lower[j] not in REPORT_WORDS and (j + 1 >= sent_end or lower[j + 1] in PREVALENCE_FOLLOWERS)


# Words after a comparison that say what is compared: the arms, a value, or the end of the clause.
COMPARISON_FOLLOWERS = words("outcome_slot_comparison_followers")


def _compares_arms(lower: list[str], j: int, sent_end: int) -> bool:
    """True where the words after a comparison word end the clause or open what is compared ("lower
    with X", "similar in both groups", "needed in 30%"), not a noun it qualifies ("was lower limb ...")."""
    return j >= sent_end or lower[j] in COMPARISON_FOLLOWERS


# Words left dangling once a trailing participle is cut: "<X> score of the [Thyroid-Related]".
DANGLING_LINKS = words("outcome_slot_dangling_links")


def _trim(lower: list[str], start: int, end: int) -> int:
    """The phrase's end without trailing participles and the links they leave: "hypoglycaemia recorded" ->
    "hypoglycaemia", "symptoms score of the related" -> "symptoms score"."""
    while end - start > 1 and (lower[end - 1].endswith("ed") and lower[end - 1] not in ED_NOUNS
                               or lower[end - 1] in DANGLING_LINKS):
        end -= 1
    return end


def _is_long_word(text: str) -> bool:
    """A word of four letters or more; a hyphenated one counts ("Pre-eclampsia"), a cut one does not ("within-")."""
    parts = text.split("-")
    return all(part.isalpha() for part in parts) and max(len(part) for part in parts) > 3


# A short form in capitals, its parts maybe joined by hyphens: "EGD", "CSA-AKI".
ABBREVIATION = re.compile(r"^[A-Z]{2,}(?:-[A-Z]{2,})*$")


def _is_abbreviation(text: str) -> bool:
    return ABBREVIATION.match(text) is not None


def _keep(doc: Doc, start: int, end: int, lower: list[str], sent_start: int, abbreviations: bool = False,
          heading: bool = False) -> bool:
    """Whether a phrase could name an outcome; with ``abbreviations`` a word in capitals ("EGD") counts
    as a word of the phrase (for short forms whose long form the text defines); in a ``heading`` written
    with capitals ("Effects of X on Postoperative Pain") a capitalised word is no name."""
    if end <= start or end - start > MAX_TOKENS * 2 + 1:
        return False
    if end - start == 1 and lower[start].endswith("ed") and lower[start] not in ED_NOUNS:
        return False  # a participle alone: "accompanied"
    course = lower[start] in COURSE_MEASURES and end - start > 2 or _timed_course(lower, start, end)
    if lower[end - 1] in HEAD_STOPS and not course or lower[end - 1] in BARE_MEASURES and not _kind_of_change(lower, start,
                                                                                                                end):
        return False
    if lower[start] in START_STOPS or lower[end - 1].endswith("ly") or lower[start] in OPENING_STOPS:
        return False
    words = token_words(doc)  # the tokens' texts, read without a Token object each
    if not any(_is_long_word(text) or abbreviations and _is_abbreviation(text) for text in words[start:end]):
        return False
    for i in range(start, end):
        text = words[i]
        if i > sent_start and lower[i - 1] not in (".", ";", ":", "(") and text[:1].isupper() \
                and text[1:2].islower() and not heading and lower[i + 1: i + 2] != ["score"]:
            return False  # a name: "Sirolimus-based regimens"; a scale named after its author is none ("Epworth score")
    return True


# "endoscopic improvement", "clinical improvement": a change named by its kind is itself the outcome
KINDS_OF_CHANGE = words("outcome_slot_kinds_of_change")


def _kind_of_change(lower: list[str], start: int, end: int) -> bool:
    """True for a change noun after an adjective naming its kind ("endoscopic improvement")."""
    return end - start == 2 and lower[end - 1] in KINDS_OF_CHANGE and lower[start].endswith(ADJECTIVE_ENDINGS)


def _timed_course(lower: list[str], start: int, end: int) -> bool:
    """True for "<process> time" / "<process> duration" ("induction time", "sensory block duration"): the
    word before the course head names what lasted, not a treatment ("infusion time"), a period ("follow-up
    duration") or a length ("the same time")."""
    if end - start < 2 or lower[end - 1] not in COURSE_HEADS:
        return False
    before = lower[end - 2]
    return (before.isalpha() or "-" in before) and len(before) > 3 and before not in HEAD_STOPS \
        and before not in BARE_MEASURES and before not in COURSE_MODIFIER_STOPS and not before.endswith("ly")


# "Effect of X on <Y>", "The Impact of X on <Y>": a heading or an aim opened by an effect noun names what
# was measured after its "on" (at most this many words into the sentence), states no result, and is often
# written with capitals.
HEADING_REACH = 2


def _effect_heading(lower: list[str], i: int, sent_start: int) -> bool:
    """True where the effect noun at ``i`` opens its sentence ("Effects of ...", "The effect of ...")."""
    return NOUN_LINKS.get(lower[i]) == ("on",) and i - sent_start <= HEADING_REACH and lower[i + 1: i + 2] == ["of"]


# "<X> is a known complication of ...", "<X> was the main adverse effect": the subject names a harm
HARM_QUALIFIERS = words("outcome_slot_harm_qualifiers")
HARM_NOUNS = words("outcome_slot_harm_nouns")
TRIGGERS = (VERB_CUES | ADJECTIVE_CUES | COURSE_ADJECTIVES | NOUN_CUES | BE_VERBS | EVENT_VERBS | DEFINING_VERBS | SPREAD_VERBS
            | DIFFERENCE_VERBS | SCORE_VERBS | LISTING_ADVERBS | {"as"})


def slot_phrases(doc: Doc, abbreviations: bool = False) -> list[tuple[Span, bool, bool]]:
    """OUTCOME spans for the phrases that fill an outcome slot (see the module docstring), each with
    whether a change verb or a cue noun governs it (a firmer slot than a comparative or a subject) and
    whether the slot alone names an outcome: a subject, a phrase of several words or a part of a composite.
    One word after a cue ("higher density", "improved strength") is mostly an attribute: measured on Evidence Inference dev,
    such words added records (4.13 per abstract against 3.99) and no prompt."""
    lower = lower_words(doc)
    starts, ends = sentence_bounds(doc)
    found: dict[tuple[int, int], bool] = {}
    # the trigger words' positions, found in one pass in C
    for i in compress(range(len(lower)), map(TRIGGERS.__contains__, lower)):
        word = lower[i]
        sent_start, sent_end = starts[i], ends[i]
        items: list[tuple[int, int]] = []
        subject_end = _subject_verb(lower, i, sent_start, sent_end)
        defined = _defined_endpoint(lower, i, sent_start) if subject_end is None else None
        if subject_end is not None and states_prevalence(lower, i, sent_end):
            pass  # "<X> is common in adults": how widespread it is, no outcome
        elif subject_end is not None:
            items = _subject_items(doc, subject_end, sent_start, lower)
            compared = word in DIFFERENCE_VERBS or word in BE_VERBS and _predicate_kind(lower, i, sent_end) == "compared"
            if compared and items and "of" in lower[max(sent_start, items[0][0] - 2): subject_end]:
                items = []  # "the levels of the first and second nights were lower": what is compared is unclear
        elif defined is not None:
            # an endpoint cut short at "of" ("cessation of all ...") is not named whole: left out
            items = [(s, e) for s, e in _items(doc, defined, sent_end, lower) if lower[e: e + 1] != ["of"]]
        elif word in TRIGGERS:
            start = _object_start(lower, i, sent_end)
            if start is not None:
                items = _items(doc, start, sent_end, lower)
        # "clear or nearly clear nails": the parts of a composite, which the refiner joins again
        composite = any(lower[e: e + 1] == ["or"] or lower[e: e + 2] == [",", "or"] for _, e in items[:-1])
        heading = subject_end is None and defined is None and _effect_heading(lower, i, sent_start)
        for n, (start, end) in enumerate(items):
            if n and word in VERB_CUES and lower[start].endswith("ed"):
                break  # "improved X and normalized Y": a second verb, not a second outcome
            start = _after_measure(lower, start, end)
            end = _trim(lower, start, end)
            if word in COURSE_ADJECTIVES and subject_end is None and defined is None and not _timed_course(
                    lower, start, end):
                continue  # "a longer follow-up": how long the study ran, no outcome
            if _keep(doc, start, end, lower, sent_start, abbreviations, heading):
                listing = subject_end is None and word in LISTING_ADVERBS  # harms named one by one
                firm = (subject_end is None and (word in VERB_CUES or word in NOUN_CUES or defined is not None or listing)
                        or subject_end is not None and (word in SPREAD_VERBS or word in DIFFERENCE_VERBS
                                                        or _predicate_kind(lower, i, sent_end) in ("harm", "compared")))
                named = subject_end is not None or end - start > 1 or composite or defined is not None or heading or listing
                was_firm, was_named = found.get((start, end), (False, False))
                found[(start, end)] = (was_firm or firm, was_named or named)
    return [(Span(doc, start, end, label="OUTCOME", kb_id=slot_name(lower[start:end])), firm, named)
            for (start, end), (firm, named) in found.items()]


def outcome_slot_starts(doc: Doc) -> dict[int, int]:
    """Where each slot phrase starts -> where it ends (the longest), whether or not it names an outcome alone;
    an abbreviation in capitals fills a slot here ("reduced EGD")."""
    ends: dict[int, int] = {}
    for span, _, _ in slot_phrases(doc, abbreviations=True):
        ends[span.start] = max(ends.get(span.start, span.end), span.end)
    return ends


def plausible_outcome_phrase(doc: Doc, start: int, end: int, lower: list[str], sent_start: int) -> bool:
    """Whether words found outside a slot could name an outcome: the checks a slot phrase passes, and no
    measure noun such as "ratio" or "index" at its end."""
    return _keep(doc, start, end, lower, sent_start) and lower[end - 1] not in BARE_MEASURES


def slot_outcomes(doc: Doc) -> list[Span]:
    """The spans of ``slot_phrases`` that name an outcome on their own."""
    return [span for span, _, named in slot_phrases(doc) if named]


def _subject_verb(lower: list[str], i: int, sent_start: int, sent_end: int) -> int | None:
    """Where the subject ends when token ``i`` opens a frequency predicate: "<X> was more common",
    "<X> has been reported", "<X> occurred in 3%"; else None."""
    if i <= sent_start:
        return None
    word = lower[i]
    if word in EVENT_VERBS:
        return i
    if word in SCORE_VERBS and _changed_score(lower, i, sent_start, sent_end):
        return i
    if word in SPREAD_VERBS and any(w[:1].isdigit() for w in lower[i + 1: min(sent_end, i + 4)]):
        return i
    if word in BE_VERBS and _frequency_predicate(lower, i, sent_end):
        return i - 1 if word == "been" and lower[i - 1] in ("has", "have", "had") else i
    if word in DIFFERENCE_VERBS:
        # "<X> differed between groups", "<X> did not (significantly) differ"
        j = i
        while j - 1 > sent_start and lower[j - 1] in SUBJECT_ADVERBS:  # "not" is one of them
            j -= 1
        if j < i and j - 1 > sent_start and lower[j - 1] in ("did", "does", "do"):
            return j - 1
        return i if j == i and word == "differed" else None
    return None


def _changed_score(lower: list[str], i: int, sent_start: int, sent_end: int) -> bool:
    """True where a named score before the verb at ``i`` is what changed between the arms: "<the Epworth
    score> decreased more with X" ("the mean score increased" names no score)."""
    if i - 2 < sent_start or lower[i - 1] not in SCORE_HEADS or lower[i - 2] in LEADING_DROP:
        return False
    j = i + 1
    while j < sent_end and lower[j] in SUBJECT_ADVERBS:
        j += 1
    return _compares_arms(lower, j, sent_end)


def slot_name(words: list[str]) -> str:
    """The outcome's name: its words without a leading severity qualifier or a trailing rate or score
    noun ("severe skin reactions" -> "skin reactions", "fatigue scores" -> "fatigue"),
    British spellings folded."""
    words = list(words)
    graded = len(words) > 3 and words[1] in ("or", "to") and words[2] in NAME_QUALIFIERS
    while len(words) > 1 and words[0] in NAME_QUALIFIERS and not graded:
        words = words[1:]  # "severe skin reactions"; a range of grades stays: "moderate or severe bleeding"
    if len(words) > 1 and words[-1] in NAME_MEASURES:
        words = words[:-1]
    return american_spelling(" ".join(words)).replace("viour", "vior").replace(" , ", ", ")
