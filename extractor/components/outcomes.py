"""Outcome mentions beyond the plain lexicon: timed endpoints, graded events, composites, diseases as endpoints.

- "28-day mortality", "90-day all-cause mortality": a time frame before a lexicon outcome
  stays inside the span and the name.
- "grade 3 or 4 adverse events", "serious adverse events": the grade or seriousness qualifier
  stays inside the span; the name is the plain outcome.
- "X or Y" where both are outcomes is one composite mention (ANNOTATION.md).
- A disease from the MeSH disease dictionary is an outcome only where the text treats it as
  an endpoint ("the risk of stroke", "reduced hospital admissions", "fewer episodes of
  pneumonia"); disease names elsewhere describe the population and stay untagged.
"""

from __future__ import annotations

import heapq
import re
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons import DISEASE, Lexicon, instrument_names
from ..lexicons.vocabulary import word_groups, word_list, words
from ..normalize import american_spelling
from ..values import holds_any
from .batching import BatchedPipe
from .lexicon_matcher import find_terms, outcome_name
from .outcome_slots import (PRESENT_BE_VERBS, SCORE_HEADS, SCORE_VERBS, SHARED_GRADES, opens_comparison, slot_phrases,
                            states_prevalence)
from .spans import (DRUG, OUTCOME, candidates, capitalized_positions, encode_ids, index_sentences, lower_words,
                    positions_of, sentence_bounds, sentence_starts, set_candidates, span_text, token_words)

TIME_FRAME = re.compile(r"^(\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety)-(hour|day|week|month|year)$",
                        re.I)
TIME_WORDS = words("outcome_time_words")
# Qualifiers that stay inside an outcome span while its name keeps the plain outcome.
QUALIFIERS = words("outcome_span_qualifiers")
GRADE_NUMBER = re.compile(r"^(\d|i{1,3}|iv|v)[ab]?$")
# Qualifiers of QUALIFIERS that name a period a count is taken over: they stay in the name ("monthly migraine days").
PERIOD_QUALIFIERS = words("period_qualifiers")
# Qualifiers of QUALIFIERS that say what kind of event was counted: they stay in the name ("serious infections").
KIND_QUALIFIERS = words("kind_qualifiers")
# Heads of outcome phrases built from a clinical adjective: "thrombotic events", "neonatal complications".
EVENT_HEADS = words("outcome_event_heads")
# First words of a symptom measure that a disease name before it qualifies: "ADHD symptom severity".
DISEASE_MEASURE_LEADS = words("disease_measure_leads")
# Heads a clinical adjective before which says what kind of event it was: "gastrointestinal adverse events",
# "genital mycotic infections"; the adjectives stay in the span and in the name.
KIND_HEADS = EVENT_HEADS | words("outcome_kind_heads")
ADJECTIVE_ENDINGS = tuple(word_list("outcome_adjective_endings"))
MORTALITY_MODIFIER = re.compile(
    r"^[a-z0-9]+-(specific|related|associated|attributable)$|^(cancer|cardiac|infection|maternal|neonatal|perinatal|"
    r"infant|perioperative|postoperative|surgical|hospital|overdose|suicide|injury|sepsis|respiratory|liver|"
    r"stroke|covid-19|trauma|operative|procedural)$", re.I)
FREE_DAYS = re.compile(r"^[a-z-]+-free$", re.I)
FREE_DAYS_HEADS = words("outcome_free_days_heads")
# Words before an outcome that say how it was summarised or compared, not what it is: "median progression-free
# survival", "similar event-free survival".
SUMMARY_WORDS = words("outcome_summary_words")
DURATION_LEADS = (("duration", "of"), ("time", "to"), ("resolution", "of"), ("recovery", "from"), ("days", "of"))
# Words between a duration lead and its outcome: "time to first exacerbation", "time to a severe exacerbation".
DURATION_FILLERS = words("outcome_duration_fillers")
LEFT_CUES = words("endpoint_cues_before", "endpoint_cues_before_effects")
# Words that open a description of the population on the right of a disease name.
RIGHT_STOPS = words("outcome_right_stops")
RIGHT_CUES = words("endpoint_cues_after")
CLAUSE_PUNCTUATION = words("clause_punctuation")
NAMED_MEASURE_HEADS = words("outcome_measure_heads_in_name")
PLAIN_MEASURE_HEADS = words("outcome_measure_heads_out_of_name")
MEASURE_HEADS = NAMED_MEASURE_HEADS | PLAIN_MEASURE_HEADS
DISEASE_EVENT_HEADS = words("disease_event_heads")
SETTING_MODIFIERS = words("outcome_setting_modifiers")
TIME_FRAME_ANCHORS = words("time_frame_anchors")
# "hepatotoxicity", "neurotoxicity": an organ toxicity is an adverse effect whatever the organ (the bare
# "toxicity" is a gated lexicon term).
TOXICITY = re.compile(r"^[a-z]+toxicit(y|ies)$")
# A frequency after a name: "in 12%", "(4.1%)", "in 3 of 40"; not a citation such as "(16)".
NUMBER = re.compile(r"^\d+(\.\d+)?%?$")
# "an increase in", "a reduction in": the "in" after a change noun opens what changes, not the population.
CHANGE_NOUNS = words("outcome_change_nouns")
# A time frame after an outcome that says when it was counted stays in the span, not in the name:
# "stroke within 30 days", "pain at 3 days". After "at" only a number in digits counts, and not where
# the timed outcome is the subject of a verb ("mortality at 90 days was ...", "<X> within 72 hours occurred").
TIME_UNITS = words("outcome_time_units")
WORD_NUMBERS = words("outcome_word_numbers")
SUBJECT_VERBS = words("outcome_subject_verbs")


# Rating scales and questionnaires from the lexicon ("madrs score"): measures read at a visit, whose time
# frame ("12-week", "at 6 weeks") says when they were read, and alternative instruments rather than the
# parts of one composite ("MADRS or HAM-D").
INSTRUMENT_NAMES = instrument_names()


# Nouns that close the proper name of a database, registry or programme ("Adverse Event Reporting System").
PROPER_NAME_HEADS = words("proper_name_heads")
PROPER_NAME_REACH = 3  # capitalized words from an outcome word to the head of the name ("Event Reporting System")


def _in_a_proper_name(doc: Doc, span: Span) -> bool:
    """True where the span is part of a name written in capitals that goes on with a name noun ("the FDA
    Adverse Event Reporting System", "the Stroke Registry"): the name of a database or programme, no outcome;
    so is a name in capitals that a lower-case instrument noun closes ("the Kidney Disease Quality of Life
    instrument"): the questionnaire the outcome was measured with."""
    words = token_words(doc)
    following = []
    for word in words[span.end:span.end + PROPER_NAME_REACH]:
        if not word[:1].isupper():
            break
        following.append(word.lower())
    after = span.end + len(following)
    named_before = span.start > 0 and words[span.start - 1][:1].isupper()
    closed = after < len(doc) and words[after] in INSTRUMENT_NOUNS and (bool(following) or named_before)
    if not PROPER_NAME_HEADS.intersection(following) and not closed:
        return False
    inside = [w for w in words[span.start:span.end] if w[:1].isalpha() and w not in NAME_LINKS]
    return bool(inside) and all(w[0].isupper() for w in inside)


# Lower-case nouns that close the capitalised name of a questionnaire; words that may join its capitalised words.
INSTRUMENT_NOUNS = words("instrument_nouns")
NAME_LINKS = words("outcome_name_links")


def _extend_with_time_frame(doc: Doc, span: Span) -> Span:
    """Grow "mortality" into "28-day mortality" and "delirium" into "postoperative delirium"."""
    if span.kb_id_ in INSTRUMENT_NAMES:
        return span  # "12-week HAM-D score": when a scale was read, not another outcome
    start = span.start
    sent_start = sentence_starts(doc)[span.start]
    lower = lower_words(doc)
    previous = token_words(doc)[start - 1] if start > sent_start else None  # the word before, as written
    timed = "mortality" in span.kb_id_ or span.kb_id_ in ("survival", "cardiovascular death")
    if previous is not None and (TIME_FRAME.match(previous) or timed and (
            lower[start - 1] in TIME_WORDS or MORTALITY_MODIFIER.match(previous))):
        start -= 1
    elif previous is not None and lower[start - 1] in SETTING_MODIFIERS and not lower[span.start] in SETTING_MODIFIERS:
        start -= 1  # "neonatal hypoglycemia", "postoperative delirium"
    if start == span.start:
        return span
    return Span(doc, start, span.end, label=span.label, kb_id=span.kb_id, span_id=span.id)


def _extend_with_time_after(doc: Doc, span: Span) -> Span:
    """Grow "recurrence" into "recurrence within 28 days" and "pain" into "pain at 2-3 days"."""
    words = lower_words(doc)
    end = sentence_bounds(doc)[1][span.start]
    lead = words[span.end] if span.end < end else ""
    if lead not in ("within", "at"):
        return span
    i = span.end + 1
    number = i
    while i < end and (words[i][:1].isdigit() or words[i] == "-" and i > number):
        i += 1
    if i == number and lead == "within" and i < end and words[i] in WORD_NUMBERS:
        i += 1
    if i == number or i >= end or words[i] not in TIME_UNITS:
        return span
    if i + 1 < end and words[i + 1] in SUBJECT_VERBS:
        return span  # the timed outcome is a subject: "mortality at 90 days was", "<X> within 72 hours occurred"
    if lead == "at" and _read_at_a_time(span):
        return span  # "walk distance at 24 weeks": when a measure was read, not part of what it is
    if i + 2 < end and words[i + 1] == "after" and words[i + 2] in TIME_FRAME_ANCHORS:
        i += 2  # "at 12 weeks after treatment"
    return Span(doc, span.start, i + 1, label=span.label, kb_id=span.kb_id, span_id=span.id)


READ_MEASURE_HEADS = words("outcome_read_measure_heads")


def _read_at_a_time(span: Span) -> bool:
    """True for a measure read at a visit rather than an event counted over a window: a distance, score,
    scale or test ("6-minute walk distance", "pain scores") or a response criterion ("ACR50", "EASI-75")."""
    return span[-1].lower_ in READ_MEASURE_HEADS or span.kb_id_ in INSTRUMENT_NAMES or any(
        RESPONSE_CRITERIA.match(word) for word in token_words(span.doc)[span.start:span.end])


def _timed_name(span: Span, base: Span) -> str:
    """The name of a grown outcome: "28-day mortality", "overdose mortality"; graded events keep the plain name."""
    first = lower_words(span.doc)[span.start]
    if span.start == base.start or first == "grade":
        return base.kb_id_
    if "mortality" in base.kb_id_ and (MORTALITY_MODIFIER.match(first) or first in ("in-hospital", "icu", "all-cause")):
        return f"{first} mortality"
    if TIME_FRAME.match(first) or first in SETTING_MODIFIERS or first in PERIOD_QUALIFIERS:
        return f"{first} {base.kb_id_}"  # a period a count is taken over stays: "monthly migraine days"
    if first in KIND_QUALIFIERS and not base.kb_id_.startswith(first + " "):
        return f"{first} {base.kb_id_}"
    return base.kb_id_


COMPARATIVES = words("outcome_comparatives")
POPULATION_PREPOSITIONS = words("outcome_population_prepositions")
ADJECTIVE_LEADS = words("outcome_adjective_leads")


TEMPORAL_ANCHORS = words("temporal_anchor_prepositions")


def is_endpoint_context(doc: Doc, span: Span) -> bool:
    """True where a disease name is what a study counts: "the risk of stroke", "hypotension occurred".

    A comparative right before the name counts as a cue when it acts as a verb or heads a
    comparison ("may lower suicide attempts"), not as an anatomical adjective ("in lower
    respiratory tract infections").
    """
    lower = lower_words(doc)
    starts, ends = sentence_bounds(doc)
    sent_start, sent_end = starts[span.start], ends[span.start]
    left = _within_clause(lower[max(sent_start, span.start - 4): span.start][::-1])[::-1]
    # "myocardial infarction (MI) was less frequent": the verb past the short form is the name's; a present "is"
    # there states what is known ("<X> (EM) is observed in 50% of patients")
    after = span.end + _short_form_after(doc, span)
    if after > span.end and after < sent_end and lower[after] in PRESENT_BE_VERBS:
        after = span.end
    right = _within_clause(_without_time_frame(_without_aside(lower[after: min(sent_end, after + 12)]))[:4])
    right = right[:next((i for i, w in enumerate(right) if w in RIGHT_STOPS), len(right))]
    # "women with osteoporosis and lowered the incidence of ...": "and" and a past-tense verb open the next
    # predicate of the sentence's subject; what follows it is not said of the name
    # ("infants with bronchiolitis and caused more adverse events": after a name that says whom, any past verb)
    right = right[:next((i for i in range(1, len(right)) if right[i - 1] == "and" and right[i].endswith("ed")
                         and (right[i] in RIGHT_CUES or left[-1:] == ["with"])), len(right))]
    # "bronchitis and frequent exacerbations": a cue right after "and" / "or" qualifies the next item
    right = [w for i, w in enumerate(right) if i == 0 or right[i - 1] not in ("and", "or")]
    if states_prevalence(lower, after, sent_end):
        return False  # "<disease> is common in older adults": background, not an endpoint
    if left[-1:] and left[-1] in TEMPORAL_ANCHORS:
        return False  # "oxytocin after vaginal delivery", "death following stroke": when, not what was counted
    if RIGHT_CUES.intersection(right) or counted_after(lower, after, sent_end) or _named_as_adverse_effect(
            lower, after, sent_end):
        return True
    if _linked_to_exposure(lower, span.start, sent_start) or _counted_as_had(lower, span.start, sent_start):
        return True
    if left[-2:-1] and left[-1] == "of" and left[-2] in DISEASE_EVENT_HEADS:
        return False  # "exacerbations of asthma": the event is the outcome, the disease says whose
    cue_at = max((i for i, word in enumerate(left) if word in LEFT_CUES), default=None)
    if cue_at is not None:
        # "reduce MACE in stable coronary disease": a preposition after the cue introduces the population;
        # the "with" of "associated with" does not
        after_cue = left[cue_at + 1:]
        if after_cue[:1] == ["with"] and left[cue_at] in ("associated", "association"):
            after_cue = after_cue[1:]
        elif after_cue[:1] == ["in"] and left[cue_at] in CHANGE_NOUNS:
            after_cue = after_cue[1:]
        return not POPULATION_PREPOSITIONS.intersection(after_cue)
    if left and left[-1] in COMPARATIVES:
        return not (left[-1] in ("lower", "upper") and len(left) > 1 and left[-2] in ADJECTIVE_LEADS)
    return _acted_on(lower, span.start, sent_start) and _ends_its_phrase(doc, span.end, sent_end)


HAVING_VERBS = words("counted_having_verbs")
COUNT_COMPARATIVES = words("outcome_count_comparatives")
COUNT_REACH = 8  # words from the verb back to its "fewer": "fewer children in the ondansetron group had"


def _counted_as_had(lower: list[str], start: int, sent_start: int) -> bool:
    """True for "fewer <people> (in the X group) had <name>": a compared count of patients with the event."""
    if start - 2 < sent_start or lower[start - 1] not in HAVING_VERBS:
        return False
    for j in range(start - 2, max(sent_start, start - 1 - COUNT_REACH) - 1, -1):
        if lower[j] in COUNT_COMPARATIVES:
            return True
        if lower[j] in (",", ";", ":", "(", ")", "but", "whereas", "while"):
            return False
    return False


ASSOCIATION_NOUNS = words("association_nouns")
EXPOSURE_NOUNS = words("exposure_nouns")
REFERRING_WORDS = words("outcome_referring_words")
EXPOSURE_REACH = 8  # words from "between" to the name: "the association between long-term proton pump inhibitor use and"


def _linked_to_exposure(lower: list[str], start: int, sent_start: int) -> bool:
    """True for the condition of "the association between <exposure> use and <condition>": the second term of
    a studied link whose first term is an exposure is what the study counts."""
    if start - 3 < sent_start or lower[start - 1] != "and" or lower[start - 2] not in EXPOSURE_NOUNS:
        return False
    if lower[start - 3] in REFERRING_WORDS:
        return False  # "between their use and infection": the exposure is named elsewhere, the disease is often the topic
    for j in range(start - 3, max(sent_start, start - EXPOSURE_REACH) - 1, -1):
        if lower[j] == "between":
            return j > sent_start and lower[j - 1] in ASSOCIATION_NOUNS
        if lower[j] in (",", ";", "and", "or", "(", ")"):
            return False
    return False


EFFECT_ON_NOUNS = words("effect_on_nouns")
EFFECT_REACH = 12  # words from the effect noun to its "on": "the effect of a single preoperative dose of X on"


def _ends_its_phrase(doc: Doc, end: int, sent_end: int) -> bool:
    """True where no word after a name goes on with its noun phrase ("on <cancer> screening" names no cancer)."""
    return end >= sent_end or not doc[end].is_alpha or lower_words(doc)[end] in LIST_STOPS


def _acted_on(lower: list[str], start: int, sent_start: int) -> bool:
    """True right after the "on" of an effect noun, however long the arm between them ("Effects of
    single-dose pregabalin on <postoperative pain>", "the impact of a 12-week yoga course on <anxiety>")."""
    if start - 2 < sent_start or lower[start - 1] != "on":
        return False
    for j in range(start - 2, max(sent_start, start - 2 - EFFECT_REACH) - 1, -1):
        if lower[j] in CLAUSE_PUNCTUATION or lower[j] == "on":
            return False
        if lower[j] in EFFECT_ON_NOUNS:
            return True
    return False


DISCOURSE_ASIDES = words("discourse_asides")


TIME_FRAME_PREPOSITIONS = words("outcome_slot_time_frame_prepositions")
TIME_FRAME_REACH = 4  # words from the preposition to the time unit: "in the second year", "at 2 years"


def _without_time_frame(following: list[str]) -> list[str]:
    """The words after a name without a time frame right after it ("Flares in the second year were less frequent"
    -> "were less frequent"): when it was counted, between the name and what is said of it."""
    if not following or following[0] not in TIME_FRAME_PREPOSITIONS:
        return following
    unit = next((j for j in range(1, min(len(following), TIME_FRAME_REACH + 1)) if following[j] in TIME_UNITS), None)
    return following[unit + 1:] if unit is not None else following


def _without_aside(following: list[str]) -> list[str]:
    """The words after a name without a first aside of one or two discourse words set off by commas
    ("were, however, more frequent" -> "were more frequent")."""
    for i, word in enumerate(following[:3]):
        if word != ",":
            continue
        close = next((j for j in range(i + 2, min(len(following), i + 4)) if following[j] == ","), None)
        if close is not None and all(w in DISCOURSE_ASIDES for w in following[i + 1: close]):
            return following[:i] + following[close + 1:]
        return following
    return following


ADVERSE_HEADS = words("outcome_adverse_heads")


def _named_as_adverse_effect(lower: list[str], end: int, sent_end: int) -> bool:
    """True where the clause after the name calls it an adverse effect: "rash is a known adverse effect of",
    "X was the most frequent side effect"."""
    following = _within_clause(lower[end: min(sent_end, end + 7)])
    if following[:1] not in (["is"], ["was"], ["are"], ["were"], ["remains"], ["remained"]):
        return False
    return any(word in ("adverse", "side") and following[i + 1: i + 2] and following[i + 1] in ADVERSE_HEADS
               for i, word in enumerate(following))


def counted_after(lower: list[str], end: int, sent_end: int) -> bool:
    """True where a frequency follows the name: "rash in 12%", "rash (4.1%)", "rash in 3 of 40 patients"."""
    following = lower[end: min(sent_end, end + 3)] + ["", "", ""]
    if following[:2] == ["of", "grade"]:
        return True  # "hypertension of grade 2 or higher"
    if following[0] not in ("in", "(") or not NUMBER.match(following[1]):
        return False
    return following[1].endswith("%") or following[2] == "%" or (following[0] == "in" and following[2] == "of")


def _within_clause(words: list[str]) -> list[str]:
    """The words up to the first clause punctuation (the list runs outwards from the name)."""
    for i, word in enumerate(words):
        if word in CLAUSE_PUNCTUATION:
            return words[:i]
    return words


def _event_phrases(doc: Doc) -> list[Span]:
    """Outcome phrases of one or two clinical adjectives and an event head: "thrombotic events"."""
    found = []
    for i in [i for i in positions_of(lower_words(doc), EVENT_HEADS) if i > 0]:
        token = doc[i]
        start = token.i
        while start > sentence_starts(doc)[i] and token.i - start < 2:
            previous = doc[start - 1]
            if previous.is_alpha and previous.lower_.endswith(ADJECTIVE_ENDINGS) and not previous.is_stop:
                start -= 1
            else:
                break
        if start < token.i:
            name = american_spelling(" ".join(t.lower_ for t in doc[start: token.i + 1]))
            found.append(Span(doc, start, token.i + 1, label="OUTCOME", kb_id=name))
    return found


def _free_days(doc: Doc) -> list[Span]:
    """"ventilator-free days", "kidney failure-free days", "event-free survival"."""
    found = []
    words = token_words(doc)
    for i in [i for i in positions_of(lower_words(doc), FREE_DAYS_HEADS) if i > 0]:
        if FREE_DAYS.match(words[i - 1]):
            token = doc[i]
            start = token.i - 1
            previous = doc[start - 1] if start > sentence_starts(doc)[i] else None
            if (previous is not None and previous.is_alpha and previous.is_lower and not previous.is_stop
                    and not previous.lower_.endswith(("ed", "ing", "ly")) and previous.lower_ not in SUMMARY_WORDS
                    and previous.lower_ not in COMPARATIVES):
                start -= 1  # "kidney failure-free days", not "prolonged progression-free survival"
            name = american_spelling(" ".join(t.lower_ for t in doc[start: token.i + 1]))
            found.append(Span(doc, start, token.i + 1, label="OUTCOME", kb_id=name))
    return found


ALIVE_WITHOUT_LEADS = (("without",), ("free", "of"))
ALIVE = frozenset({"alive"})


def _alive_without(doc: Doc, names: list[Span]) -> list[Span]:
    """ "days alive without delirium or coma", "days alive and free of organ support": one outcome, the
    count of days and the events it leaves out, where those are names the refiner found (``names``)."""
    lower = lower_words(doc)
    by_start = {span.start: span for span in names}
    found = []
    for i in [i for i in positions_of(lower, ALIVE) if 0 < i and lower[i - 1] == "days"]:
        after = i + 1 + (lower[i + 1: i + 2] == ["and"])
        lead = next((len(lead) for lead in ALIVE_WITHOUT_LEADS if tuple(lower[after: after + len(lead)]) == lead), 0)
        span = by_start.get(after + lead) if lead else None
        end = None
        while span is not None:
            end = span.end
            link = 2 if lower[end: end + 2] in ([",", "or"], [",", "and"]) else 1
            span = by_start.get(end + link) if lower[end: end + 1] in (["or"], ["and"], [","]) else None
        if end is not None:
            name = american_spelling(" ".join(t.lower_ for t in doc[i - 1: end]))
            found.append(Span(doc, i - 1, end, label="OUTCOME", kb_id=name))
    return found


# Named rating instruments: "Peak Pruritus Numerical Rating Scale", "Eczema Area and Severity Index",
# "Kansas City Cardiomyopathy Questionnaire (scores)": capitalised words ending in an instrument noun.
INSTRUMENT_HEADS = words("instrument_heads")
# Heads of a scale whose "score" after it stays out of its name ("Epworth Sleepiness Scale score"), as the
# annotators name scales; a questionnaire's score is named with it ("kccq score").
SCORED_SCALE_HEADS = words("scored_scale_heads")
INSTRUMENT_LINKS = words("instrument_links")
INSTRUMENT_LEADS = words("instrument_leads")
# Response criteria named by an instrument's abbreviation and a threshold: "ACR50", "PASI-90", "EASI 75".
RESPONSE_CRITERIA = re.compile(r"^(ACR|ASAS|PASI|EASI|SALT|HiSCR|IGA|BVAS|NAPSI|SRI|SCORAD|VASI|MASI|CDAI|DAS28)"
                               r"(-?\d{1,3})?$")


def _named_instruments(doc: Doc, lexicon: Lexicon | None = None) -> list[Span]:
    """Rating scales named in capitals and response criteria ("ACR50 responses", "EASI-75"): outcomes
    wherever they stand; a "score(s)" or "response(s)" after them stays in the span, out of a scale's name, which
    is the ``lexicon``'s where it lists the scale ("Hamilton Depression Rating Scale score" -> "ham-d score")."""
    found = []
    starts = sentence_starts(doc)
    words = token_words(doc)
    # every instrument head and every response criterion starts with a capital: the other words are
    # passed over in one comprehension, with no Token object made for them
    for i in capitalized_positions(words):
        text = words[i]
        if text in INSTRUMENT_HEADS:
            start = i
            capitals = 0
            while start > starts[i] and (words[start - 1][:1].isupper() and words[start - 1][1:2].islower()
                                         or words[start - 1].isupper() and len(words[start - 1]) > 1
                                         or words[start - 1] in INSTRUMENT_LINKS and start - 1 > starts[i]
                                         and words[start - 2][:1].isupper() and words[start - 2] not in INSTRUMENT_HEADS):
                start -= 1
                capitals += words[start][:1].isupper()
            while start < i and words[start].lower() in INSTRUMENT_LEADS:
                start += 1  # "The Oswestry Disability Index": a capitalised determiner opening the sentence
                capitals -= 1
            if capitals < 2:
                continue
            end = i + 1
            named_end = end  # "Epworth Sleepiness Scale score": the scale's name, as the lexicons name scales
            if end < len(doc) and words[end] in ("score", "scores"):
                end = _with_threshold(words, end + 1, starts)
                if text not in SCORED_SCALE_HEADS or end > i + 2:
                    # "International Prostate Symptom Score", "Asthma Control Questionnaire score", "... score of 0 or 1"
                    named_end = end
            name = american_spelling(" ".join(t.lower_ for t in doc[start:named_end])).replace(" 's", "'s").replace(" ’s", "’s")
            listed = lexicon.get(span_text(doc[start:named_end])) if lexicon is not None and named_end < end else None
            name = listed.name if listed is not None else name
            found.append(Span(doc, start, end, label="OUTCOME", kb_id=name))
            continue
        criterion = RESPONSE_CRITERIA.match(text)
        if criterion is None:
            continue
        end = i + 1
        if criterion.group(2) is None:
            if end < len(doc) and re.fullmatch(r"\d{2,3}", words[end]) and doc[i].whitespace_:
                end += 1  # "PASI 90"
            elif end < len(doc) and words[end] == "score" and _with_threshold(words, end + 1, starts) > end + 1:
                end = _with_threshold(words, end + 1, starts)  # "IGA score of 0 or 1": a response reached
                found.append(Span(doc, i, end, label="OUTCOME", kb_id=_threshold_name(words, i, end)))
                continue
            else:
                continue
        core = " ".join(t.lower_ for t in doc[i:end])
        if end < len(doc) and words[end] in ("response", "responses"):
            end += 1
        found.append(Span(doc, i, end, label="OUTCOME", kb_id=core))
    return found


def _with_threshold(words: list[str], end: int, starts: list[int]) -> int:
    """Past "of 0 or 1" / "of 2 or less" after a score ("an IGA score of 0 or 1"): the score reached is the
    outcome; else ``end``."""
    if end + 1 >= len(words) or words[end] != "of" or not words[end + 1].isdigit() or starts[end + 1] != starts[end - 1]:
        return end
    k = end + 2
    if k + 1 < len(words) and words[k] in ("or", "to", "-", "–") and (words[k + 1].isdigit() or words[k + 1] in ("less",
                                                                                                             "more")):
        return k + 2
    return end


def _threshold_name(words: list[str], start: int, end: int) -> str:
    """"IGA score of 0 or 1" -> "iga 0/1", the criterion's usual short name; other thresholds as written."""
    if words[end - 2] == "or" and words[end - 1].isdigit():
        return f"{words[start].lower()} {words[end - 3]}/{words[end - 1]}"
    return " ".join(word.lower() for word in words[start:end])


ADHERENCE_WORDS = words("adherence_words")
GENERIC_OBJECTS = words("adherence_generic_objects")
ADHERENCE_OBJECT_REACH = 4
# Words after which "adherence" opens its clause as the thing reported: "..., and <adherence to X> did not change"
CLAUSE_OPENERS = words("adherence_clause_openers")


def _adherence(doc: Doc, others: list[Span]) -> list[Span]:
    """"adherence", "adherence to positive airway pressure", "adherence to PrEP": how well patients kept to a
    treatment is an outcome; a drug ("to metformin") stays a mention of its own and a generic object ("to
    topical therapy") stays out of the span."""
    lower = lower_words(doc)
    starts, ends = sentence_bounds(doc)
    drug_starts = {span.start for span in others if span.label == DRUG}
    found = []
    for i in positions_of(lower, ADHERENCE_WORDS):
        if i > starts[i] and lower[i - 1] not in CLAUSE_OPENERS:
            continue  # "dependent on adherence", "because of low adherence": a condition, not what was measured
        first, end = _adhered_object(doc, i, ends[i], drug_starts)
        # named as "<object> adherence" ("adherence to PrEP" -> "prep adherence"), the usual form of the name
        name = " ".join(lower[first:end] + [lower[i]])
        found.append(Span(doc, i, max(end, i + 1), label="OUTCOME", kb_id=american_spelling(name)))
    return found


def _adhered_object(doc: Doc, i: int, sent_end: int, drug_starts: set[int]) -> tuple[int, int]:
    """The words of "to <object>" after the adherence word at ``i`` that belong in its span (an empty range
    where none do: no "to", a drug, a generic treatment noun)."""
    lower = lower_words(doc)
    if lower[i + 1: i + 2] != ["to"]:
        return i + 1, i + 1
    first = i + 3 if lower[i + 2: i + 3] == ["the"] else i + 2
    if first in drug_starts:
        return i + 1, i + 1
    k = first
    while k < sent_end and k - first < ADHERENCE_OBJECT_REACH and doc[k].text.replace("-", "").isalpha() \
            and lower[k] not in LIST_STOPS and lower[k] not in SCORE_VERBS and not lower[k].endswith("ed"):
        k += 1
    short_form = k - first == 1 and any(c.isupper() for c in doc[first].text[1:])  # "to PrEP", "to CPAP"
    if k > first and lower[k - 1] not in GENERIC_OBJECTS and (k - first > 1 or short_form):
        return first, k
    return i + 1, i + 1


def _toxicities(doc: Doc) -> list[Span]:
    """"hepatotoxicity", "cardiotoxicity", "toxicities": adverse effects found by their word form."""
    found = []
    # every word TOXICITY matches holds "toxicit": the substring test spares the other words the pattern
    for i, word in [(i, word) for i, word in enumerate(lower_words(doc)) if "toxicit" in word]:
        if TOXICITY.match(word):
            name = american_spelling(word[:-3] + "y" if word.endswith("ies") else word)
            found.append(Span(doc, i, i + 1, label="OUTCOME", kb_id=name))
    return found


DRUG_OUTCOME_HEADS = words("drug_outcome_heads")
GATED_DRUG_OUTCOME_HEADS = words("gated_drug_outcome_heads")
# "consumption of <rescue> analgesics": words that may stand between "of"/"for" and the drug.
DRUG_AMOUNT_MODIFIERS = words("drug_amount_modifiers")
NEEDED_AMOUNT_HEADS = words("drug_amount_needed_heads")


def _drug_amounts(doc: Doc, others: list[Span]) -> list[Span]:
    """"morphine consumption", "postoperative opioid requirements", "lidocaine toxicity": how much of a drug
    patients needed, or the harm it did, is an outcome; the span (longer than the drug's) wins over it."""
    found = []
    lower = lower_words(doc)
    starts, ends = sentence_bounds(doc)
    for span in others:
        if span.label == DRUG:
            ahead = _amount_ahead(doc, span, lower, starts) or _compared_use(doc, span, lower, starts, ends)
            if ahead is not None:
                found.append(ahead)
                continue
        if span.label != DRUG or span.end >= ends[span.start] or lower[span.end] not in DRUG_OUTCOME_HEADS:
            continue
        start = span.start
        if start > starts[start] and lower[start - 1] in SETTING_MODIFIERS:
            start -= 1  # "postoperative morphine consumption"
        name = american_spelling(" ".join(lower[start: span.end + 1]))
        amount = Span(doc, start, span.end + 1, label="OUTCOME", kb_id=name)
        if lower[span.end] in GATED_DRUG_OUTCOME_HEADS and not is_endpoint_context(doc, amount):
            continue  # "lithium toxicity is a concern": as the bare "toxicity", only where counted or compared
        found.append(amount)
    return found


USE_NOUNS = words("drug_use_nouns")


def _compared_use(doc: Doc, drug: Span, lower: list[str], starts: list[int], ends: list[int]) -> Span | None:
    """"<drug> use was higher with X", "use of oral <drug> did not differ": how often patients took a drug,
    compared between the arms, is an outcome; "<drug> use was associated with" is an exposure and stays a drug."""
    sent_start, sent_end = starts[drug.start], ends[drug.start]
    if drug.end < sent_end and lower[drug.end] in USE_NOUNS:
        start, end = drug.start, drug.end + 1  # "epinephrine use"
    else:
        at = drug.start - 1
        while at > sent_start and lower[at] in DRUG_AMOUNT_MODIFIERS | SETTING_MODIFIERS | {"oral", "intravenous"}:
            at -= 1
        if at - 1 < sent_start or lower[at] != "of" or lower[at - 1] not in USE_NOUNS:
            return None
        start, end = at - 1, drug.end  # "use of oral corticosteroids"
    if start != sent_start and lower[start - 1] not in ("the", ",", "and", ";"):
        return None  # only a subject that opens its sentence or clause
    if not opens_comparison(lower, end, sent_end):
        return None
    name = american_spelling(" ".join(lower[drug.start: drug.end] + ["use"]))
    return Span(doc, start, end, label="OUTCOME", kb_id=name)


VERB_OUTCOMES = {tuple(phrase.split()): name for phrase, name in word_groups("verb_outcomes").items()}
VERB_OUTCOME_STARTS = {phrase[0] for phrase in VERB_OUTCOMES}
VERB_OUTCOME_COMPARATIVES = words("verb_outcome_comparatives")
BE_BEFORE_STATE = words("outcome_be_before_state")


def _verb_outcomes(doc: Doc) -> list[Span]:
    """ "were discharged earlier", "recovered faster", "were pain-free at 2 hours": the patients' own verb or
    state names the outcome (:data:`VERB_OUTCOMES`) where a comparative follows it or a form of "be" leads it."""
    found = []
    lower = lower_words(doc)
    starts, ends = sentence_bounds(doc)
    for i in positions_of(lower, VERB_OUTCOME_STARTS):
        for phrase, name in VERB_OUTCOMES.items():
            end = i + len(phrase)
            if lower[i] != phrase[0] or tuple(lower[i:end]) != phrase or end > ends[i]:
                continue
            compared = any(w in VERB_OUTCOME_COMPARATIVES for w in lower[end: min(end + 2, ends[i])])
            # "more patients ... were pain-free": a state counted in more or fewer of them
            counted = i > starts[i] and lower[i - 1] in BE_BEFORE_STATE and any(
                w in VERB_OUTCOME_COMPARATIVES for w in lower[max(starts[i], i - 8): i])
            if compared or counted:
                found.append(Span(doc, i, end, label="OUTCOME", kb_id=name))
    return found


def _amount_ahead(doc: Doc, drug: Span, lower: list[str], starts: list[int]) -> Span | None:
    """"requirements for morphine", "consumption of rescue analgesics": the head of :func:`_drug_amounts`
    before the drug, joined by "of"/"for", named as the head after the drug ("morphine requirements") so that
    both word orders give one outcome. A head other than a requirement needs a modifier such as "rescue"
    between: "consumption of the supplement" is the treatment taken."""
    at = drug.start - 1
    modified = at > starts[drug.start] and lower[at] in DRUG_AMOUNT_MODIFIERS
    at -= modified
    if at - 1 < starts[drug.start] or lower[at] not in ("of", "for") or lower[at - 1] not in DRUG_OUTCOME_HEADS \
            or lower[at - 1] in GATED_DRUG_OUTCOME_HEADS:
        return None
    if not modified and lower[at - 1] not in NEEDED_AMOUNT_HEADS:
        return None  # "consumption of the supplement had no effect": taking the treatment, not an amount measured
    start = at - 1
    if start > starts[start] and lower[start - 1] in SETTING_MODIFIERS:
        start -= 1  # "postoperative requirements for morphine"
    name = american_spelling(" ".join(lower[drug.start: drug.end] + [lower[at - 1]]))
    return Span(doc, start, drug.end, label="OUTCOME", kb_id=name)


def _with_measure_head(doc: Doc, span: Span) -> Span | None:
    """"fever duration", "flare rate", "retinopathy complications", "asthma exacerbations": a measure or
    event noun after an outcome or a disease name stays inside the span and makes it an outcome wherever
    it stands.

    A course measure ("duration", "days") or a disease event ("flares", "recurrence") stays in the name; a rate,
    score or event noun does not, and one after a disease event stays in the span ("seizure recurrence rate").
    """
    sent_end = sentence_bounds(doc)[1][span.start]
    if span.end >= sent_end:
        return None
    lower = lower_words(doc)
    head = lower[span.end]
    end = span.end + 1
    if head in DISEASE_EVENT_HEADS and lower[span.end - 1] not in DISEASE_EVENT_HEADS:
        name = f"{span.kb_id_} {american_spelling(head)}"
        if end < sent_end and lower[end] in PLAIN_MEASURE_HEADS:
            end += 1  # "seizure recurrence rate": the rate stays in the span, out of the name
    elif head in NAMED_MEASURE_HEADS:
        name = f"{span.kb_id_} {american_spelling(head)}"
    elif head in PLAIN_MEASURE_HEADS and lower[span.end - 1] not in MEASURE_HEADS:
        name = span.kb_id_
    elif head in SCORE_PARTS and _score_part_end(lower, end, sent_end) is not None:
        end = _score_part_end(lower, end, sent_end)  # "<questionnaire> total symptom score": the instrument's part
        name = span.kb_id_
    else:
        return None
    return Span(doc, span.start, end, label="OUTCOME", kb_id=name, span_id=span.id)


# Words naming the part of an instrument that was scored: "<ADHD-RS-IV> total score", "<questionnaire> summary score".
SCORE_PARTS = words("instrument_score_parts")


def _score_part_end(lower: list[str], at: int, sent_end: int) -> int | None:
    """Where "total score" / "total symptom score" ends when a score noun closes it within two words of ``at``."""
    for end in (at, at + 1):
        if end < sent_end and lower[end] in SCORE_HEADS:
            return end + 1
    return None


def _with_duration(doc: Doc, span: Span) -> Span | None:
    """"duration of diarrhoea", "time to recovery": a symptom's course is an outcome, gated or not."""
    start = span.start
    fillers = []
    lower = lower_words(doc)
    while start > 2 and len(fillers) < 2 and (lower[start - 1] in DURATION_FILLERS or lower[start - 1] in QUALIFIERS):
        start -= 1
        fillers.insert(0, lower[start])
    if start < 2:
        return None
    lead = (lower[start - 2], lower[start - 1])
    if lead not in DURATION_LEADS:
        return None
    kept = [word for word in fillers if word not in ("a", "an", "the")]
    written = american_spelling(span.text.lower())
    # "time to first exacerbation": the singular the text uses, not the lexicon's plural name
    target = written if span.kb_id_ == written + "s" else span.kb_id_
    name = " ".join([*lead, *kept, target])
    return Span(doc, start - 2, span.end, label="OUTCOME", kb_id=name)


def _extend_cause_of_death(doc: Doc, span: Span, first_at: dict[int, Span]) -> Span:
    """"death due to bleeding", "death from cardiovascular causes": one outcome (``first_at``: the
    first outcome or listed name starting at each token)."""
    if span.kb_id_ not in ("mortality",) or span.end + 2 >= len(doc):
        return span
    link = lower_words(doc)[span.end: span.end + 2]
    offset = 2 if link == ["due", "to"] else 1 if link[0] in ("from",) else 0
    if not offset:
        return span
    follower = first_at.get(span.end + offset)
    if follower is None:
        return span
    name = f"death {' '.join(link[:offset])} {follower.kb_id_}"
    return Span(doc, span.start, follower.end, label="OUTCOME", kb_id=name)


# Care and treatment events counted by their cause: "hospitalization for heart failure", "discontinuation
# due to adverse events", "emergency visits for asthma". The event and its cause are one outcome.
CAUSED_EVENT_HEADS = words("caused_event_heads")
CAUSE_LINKS = (("for",), ("due", "to"), ("because", "of"), ("owing", "to"), ("related", "to"))


def _events_for_cause(doc: Doc, outcomes: list[Span], gated: list[Span]) -> list[Span]:
    """Outcome spans for a care or treatment event followed by its cause ("hospitalization for
    pneumonia", "withdrawals due to adverse events"), where the cause is an outcome or a listed name."""
    lower = lower_words(doc)
    ends = sentence_bounds(doc)[1]
    heads = positions_of(lower, CAUSED_EVENT_HEADS)
    if not heads:
        return []
    first_at: dict[int, Span] = {}
    for span in sorted(outcomes + gated, key=lambda s: -len(s)):
        first_at.setdefault(span.start, span)
    ending_at = {span.end: span for span in outcomes}
    found = []
    for i in heads:
        for link in CAUSE_LINKS:
            after = i + 1 + len(link)
            if after >= ends[i] or tuple(lower[i + 1: after]) != link:
                continue
            follower = first_at.get(after)
            kind = _kind_of_cause(doc, after, ends[i]) if follower is None else None
            if follower is None and kind is None:
                continue
            base = ending_at.get(i + 1)
            start = base.start if base is not None else i
            head = base.kb_id_ if base is not None and base.start == i else american_spelling(lower[i])
            if (base is None or base.start != i) and head.endswith("s") and not head.endswith("ss"):
                head = head[:-1]
            if base is not None and base.start < i:  # "urgent hospitalizations for angina": the kind stays in the name
                kinds = [american_spelling(token.lower_) for token in doc[base.start: i] if _names_a_kind(token)]
                head = " ".join([*kinds, head])
            if kind is not None:  # "hospitalization for any cause", "admissions for cardiovascular reasons"
                found.append(Span(doc, start, after + 2, label="OUTCOME", kb_id=f"{kind} {head}"))
                break
            causes, separators = [follower], []
            while True:  # "hospitalization for pneumonia or influenza": the causes' list ending in "or"
                end = causes[-1].end
                between = ["or"] if lower[end: end + 1] == ["or"] else [",", "or"] if lower[end: end + 2] == [",", "or"] else []
                nxt = first_at.get(end + len(between)) if between else None
                if nxt is None or end + len(between) >= ends[i]:
                    break
                causes.append(nxt)
                separators.append(" ".join(between))
            cause = composite_name([c.kb_id_ for c in causes], separators)
            name = f"{head} {' '.join(link)} {cause}"
            found.append(Span(doc, start, causes[-1].end, label="OUTCOME", kb_id=name))
            break
    return found


CAUSE_NOUNS = words("cause_nouns")
ANY_CAUSE_WORDS = words("any_cause_words")


def _kind_of_cause(doc: Doc, start: int, sent_end: int) -> str | None:
    """The kind a care event is counted by when its cause is named by kind rather than as an outcome:
    "for any cause" / "for all causes" -> "all-cause", "for cardiovascular reasons" -> "cardiovascular"."""
    if start + 1 >= sent_end or doc[start + 1].lower_ not in CAUSE_NOUNS:
        return None
    word = doc[start]
    if word.lower_ in ANY_CAUSE_WORDS:
        return "all-cause"
    return american_spelling(word.lower_) if _clinical_adjective(word) else None


# A cause or kind before an outcome that names a narrower outcome: "all-cause hospitalization",
# "RSV-associated lower respiratory tract illness", "cardiorespiratory hospitalization", "urgent admissions".
CAUSE_PREFIX = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-(associated|related|attributable|induced|specific)$|^all-cause$", re.I)
CARE_MODIFIERS = words("care_modifiers")
NOT_CLINICAL = words("not_clinical_adjectives")


def _clinical_adjective(token) -> bool:
    """True for an adjective that may say what kind of thing a clinical noun is ("cardiovascular", "septic")."""
    word = token.lower_
    return token.is_alpha and not token.is_stop and word not in NOT_CLINICAL and word.endswith(ADJECTIVE_ENDINGS)


def _names_a_kind(token) -> bool:
    """True for a word before a care event that names its kind ("urgent", "cardiorespiratory"), not a
    qualifier ("recurrent") or a plain noun ("treatment")."""
    return token.lower_ in CARE_MODIFIERS or _clinical_adjective(token) and token.lower_ not in QUALIFIERS


def _extend_with_cause(doc: Doc, span: Span) -> Span:
    """Take in a cause before an outcome ("all-cause", "X-associated") and a kind before a care event
    ("cardiorespiratory", "urgent" hospitalization); the name keeps them. Mortality keeps its own rules."""
    if span.start <= sentence_starts(doc)[span.start] or holds_any(
            span.kb_id_, ("mortality", "death", "adverse", "side effect")):
        return span  # mortality keeps its own rules; "treatment-related adverse events" keep the plain name
    previous = doc[span.start - 1]
    word = previous.lower_
    lower = lower_words(doc)
    care = lower[span.end - 1] in CAUSED_EVENT_HEADS or lower[span.start] in CAUSED_EVENT_HEADS
    taken = (CAUSE_PREFIX.match(word) and word not in QUALIFIERS) or care and _names_a_kind(previous)
    if not taken:
        return span
    name = f"{american_spelling(word)} {span.kb_id_}"
    return Span(doc, span.start - 1, span.end, label=span.label, kb_id=name, span_id=span.id)


# Outcome names that head a compound ("surgical success rate", "childbirth self-efficacy", "ICU costs").
COMPOUND_HEADS = [tuple(head.split()) for head in word_list("outcome_compound_heads")]
COMPOUND_HEAD_ENDS = frozenset(head[-1] for head in COMPOUND_HEADS)  # a name that ends in none heads no compound
# determiners and summaries, change verbs and comparatives: "reduce <health care costs>", "higher <self-efficacy>"
COMPOUND_MODIFIER_STOPS = words("compound_modifier_stops", "outcome_slot_verbs", "outcome_slot_adjectives",
                                "outcome_slot_comparison_predicates", "endpoint_cues_before") | NOT_CLINICAL
COMPOUND_MODIFIER = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", re.I)
MAX_COMPOUND_MODIFIERS = 3


def _with_compound_modifiers(doc: Doc, span: Span, blocked: bytearray) -> Span:
    """An outcome name that heads a compound with the nouns and adjectives written before it, which say
    which one it is ("surgical success rate", "cigarette refusal self-efficacy", "ICU costs"); a
    determiner, a comparison, a verb, an adverb, a participant or arm word, another mention or a
    capitalised word inside the sentence (other than a short form in capitals) ends them."""
    lower = lower_words(doc)
    if lower[span.end - 1] not in COMPOUND_HEAD_ENDS \
            or not any(tuple(lower[span.end - len(head): span.end]) == head for head in COMPOUND_HEADS):
        return span
    texts = token_words(doc)
    sent_start = sentence_starts(doc)[span.start]
    start = span.start
    while start > sent_start and span.start - start < MAX_COMPOUND_MODIFIERS and not blocked[start - 1]:
        word, text = lower[start - 1], texts[start - 1]
        capitalised = text[:1].isupper() and not text.isupper() and start - 1 > sent_start
        if not COMPOUND_MODIFIER.match(text) or word in COMPOUND_MODIFIER_STOPS or capitalised \
                or word.endswith(("ly", "ing")) or word.endswith("ed") and "-" not in word:
            break
        start -= 1
    if start == span.start:
        return span
    name = american_spelling(" ".join(lower[start: span.start] + [span.kb_id_]))
    return Span(doc, start, span.end, label=span.label, kb_id=name, span_id=span.id)


# Body parts that "lower" / "upper" locate (an anatomical adjective, no comparison): "lower respiratory tract".
ANATOMY_AFTER_LEVEL = words("anatomy_after_level")
# Two-word qualifiers: "clinically important hypotension", "medically attended illness".
QUALIFIER_PAIRS = {("clinically", "important"), ("clinically", "significant"), ("medically", "attended")}


def _grade_prefix(lower: list[str], start: int, sent_start: int) -> int | None:
    """Where a grade or stage written before ``start`` begins ("grade 3", "stage ii", "grade 3 or 4"), else None."""
    at = start - 1
    if at > sent_start + 2 and GRADE_NUMBER.match(lower[at]) and lower[at - 1] in ("or", "to", "-") \
            and GRADE_NUMBER.match(lower[at - 2]):
        at -= 2
    if at > sent_start and GRADE_NUMBER.match(lower[at]) and lower[at - 1] in ("grade", "stage"):
        return at - 1
    return None


def _join_disease_measures(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "ADHD symptom severity", "asthma symptom scores": a disease right before a symptom measure is one
    outcome, the measure of that disease, named as written."""
    lower = lower_words(doc)
    by_start = {span.start: span for span in spans}
    joined, taken = [], set()
    for span in sorted(spans, key=lambda s: s.start):
        if span.start in taken:
            continue
        measure = by_start.get(span.end)
        if measure is not None and lower[measure.start] in DISEASE_MEASURE_LEADS and len(span) <= 3 \
                and sentence_starts(doc)[measure.start] == sentence_starts(doc)[span.start]:
            name = american_spelling(" ".join(lower[span.start: measure.end]))
            joined.append(Span(doc, span.start, measure.end, label="OUTCOME", kb_id=name, span_id=span.id))
            taken.add(measure.start)
        else:
            joined.append(span)
    return joined


# "sustained clinical cure", "durable response": a response that lasted is an endpoint of its own, named so.
LASTING_WORDS = words("lasting_response_words")
RESPONSE_HEADS = words("lasting_response_heads")


def _lasting(doc: Doc, grown: Span, name: str) -> tuple[Span, str]:
    """The span and name with a lasting word right before a response-like head ("sustained clinical cure"), else
    as they are."""
    lower = lower_words(doc)
    start = grown.start
    if name.split(" ")[-1] not in RESPONSE_HEADS:
        return grown, name
    if start == 0 or lower[start - 1] not in LASTING_WORDS or sentence_starts(doc)[start - 1] != sentence_starts(doc)[start]:
        return grown, name
    span = Span(doc, start - 1, grown.end, label=grown.label, kb_id=grown.kb_id, span_id=grown.id)
    return span, f"{lower[start - 1]} {name}"


def _with_kind_adjectives(doc: Doc, grown: Span, base: Span) -> str:
    """The name of an event with the clinical adjectives the span took in right before it ("gastrointestinal
    adverse events", "genital mycotic infections"); a qualifier ("severe", "treatment-related") ends them."""
    lower = lower_words(doc)
    if lower[base.end - 1] not in KIND_HEADS:
        return base.kb_id_
    start = base.start
    while start > grown.start and lower[start - 1] not in QUALIFIERS and _clinical_adjective(doc[start - 1]):
        start -= 1
    kinds = [american_spelling(word) for word in lower[start: base.start]]
    return " ".join(kinds + [base.kb_id_]) if kinds else base.kb_id_


def _extend_with_qualifiers(doc: Doc, span: Span) -> Span:
    """Take in "severe", "treatment-related" and, before an event head, clinical adjectives
    ("neuropsychiatric adverse events"); the name keeps the plain outcome."""
    start = span.start
    lower = lower_words(doc)
    event_head = lower[span.end - 1] in KIND_HEADS
    sent_start = sentence_starts(doc)[span.start]
    while start > sent_start:
        word = lower[start - 1]
        clinical = event_head and word.endswith(ADJECTIVE_ENDINGS) and doc[start - 1].is_alpha and not doc[start - 1].is_stop
        if start - 1 > sent_start and (lower[start - 2], word) in QUALIFIER_PAIRS:
            start -= 2
            continue
        graded = _grade_prefix(lower, start, sent_start)
        if graded is not None:
            start = graded  # "stage 3 acute kidney injury", "grade 3 or 4 neutropenia"
            continue
        if word in ("lower", "upper") and lower[start] in ANATOMY_AFTER_LEVEL or CAUSE_PREFIX.match(word):
            start -= 1  # "severe lower respiratory tract illness", "RSV-associated severe pneumonia"
            continue
        if word not in QUALIFIERS and not clinical:
            break
        start -= 1
    return span if start == span.start else Span(doc, start, span.end, label=span.label, kb_id=span.kb_id, span_id=span.id)


COORDINATION = {("and",), ("or",), (",",), (",", "and"), (",", "or"), ("/",),
                *(tuple(link) for link in word_list("endpoint_list_links"))}


LIST_GAP = 5  # a link of up to three words and a qualifier of the next name: ", and severe", "and grade 3 or 4"
GRADE_WORDS = words("outcome_grade_words")
# "the incidence of X and of Y": a preposition repeated after the link, its head noun left out; the
# same preposition must stand at most this many words before the link
REPEATED_PREPOSITIONS = words("repeated_prepositions")
ELIDED_HEAD_REACH = 8


def _coordinated(doc: Doc, left_end: int, right_start: int) -> bool:
    """True where only "and", "or", "," or ", and" / ", or" (or a list opener such as "including")
    stands between two spans, with the right name's own qualifiers or grade after it ("major bleeding,
    fatal bleeding": the gated "bleeding" starts after "fatal")."""
    if not 0 < right_start - left_end <= LIST_GAP:
        return False
    between = lower_words(doc)[left_end: right_start]
    grade = next((i for i, word in enumerate(between) if word in GRADE_WORDS), None)
    if grade:
        between = between[:grade]  # "and grade 3 or 4 neutropenia": the grade qualifies the next name
    while len(between) > 1 and between[-1] in QUALIFIERS:
        between = between[:-1]
    if len(between) > 1 and between[-1] in REPEATED_PREPOSITIONS and tuple(between[:-1]) in COORDINATION \
            and between[-1] in lower_words(doc)[max(0, left_end - ELIDED_HEAD_REACH): left_end]:
        return True  # "the rate of falls and of fractures": the preposition repeated, its head noun left out
    return tuple(between) in COORDINATION


def _coordinated_with(doc: Doc, gated: list[Span], accepted: list[Span]) -> list[Span]:
    """Gated names listed with an accepted outcome share its context: "more falls and hip fracture",
    "increased nausea, headache or dizziness".

    A gated name joins once it is coordinated, in its sentence, with an accepted outcome or with a
    name that joined before it. The result (and its order) is that of sweeping the gated names in
    order until a sweep adds nothing: a name joins in the first sweep in which a neighbour is an
    anchor by the time the sweep reaches it. Neighbours are found through indexes of span ends and
    starts, and each name's sweep number by a shortest-path search, so the cost stays linear
    instead of growing with every pair of spans times the number of sweeps.
    """
    if not gated:
        return []  # nothing to join: skip the indexes (and the qualifier reach of every accepted name)
    sentence_of = sentence_starts(doc)
    spans = list(accepted) + list(gated)
    by_end: dict[int, list[int]] = {}
    by_start: dict[int, list[int]] = {}
    for node, span in enumerate(spans):
        by_end.setdefault(span.end, []).append(node)
        by_start.setdefault(span.start, []).append(node)
        if node < len(accepted):
            # "hypoglycemia and genital mycotic infection": the accepted name starts where its qualifiers do
            grown = _extend_with_qualifiers(doc, span).start
            if grown != span.start:
                by_start.setdefault(grown, []).append(node)

    def neighbours(span: Span) -> Iterator[int]:
        # "raised stroke (odds ratio 1.2) and seizures": the list goes on after a bracketed statistic
        aside = _aside_before(doc, span.start)
        if aside is not None:
            for node in by_end.get(aside, ()):
                if sentence_of[spans[node].start] == sentence_of[span.start]:
                    yield node
        after_aside = _aside_after(doc, span.end)  # the same list read from its first name
        if after_aside is not None:
            for node in by_start.get(after_aside, ()):
                if sentence_of[spans[node].start] == sentence_of[span.start]:
                    yield node
        for gap in range(1, LIST_GAP + 1):
            for node in by_end.get(span.start - gap, ()):
                if _coordinated(doc, span.start - gap, span.start) and sentence_of[spans[node].start] == sentence_of[span.start]:
                    yield node
            for node in by_start.get(span.end + gap, ()):
                if _coordinated(doc, span.end, span.end + gap) and sentence_of[spans[node].start] == sentence_of[span.start]:
                    yield node

    first_gated = len(accepted)
    sweep: dict[int, int] = {}  # position in ``gated`` -> the sweep (1, 2, ...) in which it joins
    queue: list[tuple[int, int]] = []
    for position, span in enumerate(gated):
        if any(node < first_gated for node in neighbours(span)):
            sweep[position] = 1
            queue.append((1, position))
    heapq.heapify(queue)
    while queue:
        joined_in, position = heapq.heappop(queue)
        if sweep[position] != joined_in:
            continue
        for node in neighbours(gated[position]):
            other = node - first_gated
            if other < 0:
                continue
            # a later name in the same sweep already sees this one as an anchor; an earlier one waits a sweep
            candidate = joined_in if position < other else joined_in + 1
            if candidate < sweep.get(other, candidate + 1):
                sweep[other] = candidate
                heapq.heappush(queue, (candidate, other))
    return [gated[position] for position in sorted(sweep, key=lambda p: (sweep[p], p))]


# Harm nouns whose list names outcomes: "safety signals such as <X> and <Y>", "toxicity, including <X>".
HARM_LIST_HEADS = words("harm_list_heads")
# "Secondary outcomes, including A, B and C, were unaffected": nouns whose list names outcomes.
OUTCOME_LIST_HEADS = words("outcome_list_heads")
LIST_LINKS = sorted((tuple(link) for link in word_list("endpoint_list_links")), key=len, reverse=True)
# the links by their last word, in the order above: a name is looked up only against the links ending on the word before it
LIST_LINKS_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _link in LIST_LINKS:
    LIST_LINKS_BY_LAST.setdefault(_link[-1], []).append(_link)


DENIED_AUXILIARIES = words("denied_auxiliaries")
CONTRAST_WORDS = words("contrast_leads")


def _denied_after(doc: Doc, span: Span, outcomes: list[Span]) -> bool:
    """True where a name is the subject of a predicate left out and denied after an outcome of its sentence
    ("diarrhoea was more frequent with X, whereas pneumonia was not"): it is counted as the first one was."""
    lower = lower_words(doc)
    sent_start, sent_end = sentence_starts(doc)[span.start], sentence_bounds(doc)[1][span.start]
    after = lower[span.end: min(sent_end, span.end + 3)]
    if len(after) < 3 or after[0] not in DENIED_AUXILIARIES or after[1] != "not" or after[2] not in (".", ",", ";"):
        return False
    if not CONTRAST_WORDS & set(lower[max(sent_start, span.start - 2): span.start]):
        return False
    return any(sent_start <= o.start and o.end <= span.start for o in outcomes)


def _listed_as_harm(doc: Doc, span: Span) -> bool:
    """True where a name opens the list after a harm noun ("safety signals such as herpes zoster") or an
    outcome noun ("secondary outcomes, including handgrip strength")."""
    lower = lower_words(doc)
    if span.start == 0:
        return False  # no word before it, so no link (every link has a word)
    sent_start = sentence_starts(doc)[span.start]
    for link in LIST_LINKS_BY_LAST.get(lower[span.start - 1], ()):
        head = span.start - len(link) - 1
        if head >= sent_start and tuple(lower[head + 1: span.start]) == link:
            return lower[head] in HARM_LIST_HEADS or lower[head] in OUTCOME_LIST_HEADS
    return False


MAX_ASIDE_TOKENS = 16


def _aside_before(doc: Doc, start: int) -> int | None:
    """Where the name before "(...) and <start>" ends: the token index of the bracket's "(", else None."""
    lower = lower_words(doc)
    if start >= 5 and lower[start - 1] in REPEATED_PREPOSITIONS and lower[start - 2] in ("and", "or"):
        start -= 1  # "the rate of falls (RR 1.15) and of fractures": the repeated preposition
    if start < 4 or lower[start - 1] not in ("and", "or") or lower[start - 2] != ")":
        return None
    for i in range(start - 3, max(0, start - 2 - MAX_ASIDE_TOKENS), -1):
        if lower[i] == "(":
            return i
        if lower[i] in (")", "."):
            return None  # a ";" inside the bracket ("(hazard ratio 1.3; 95% CI ...)") keeps it one aside
    return None


def _aside_after(doc: Doc, end: int) -> int | None:
    """Where the name after "<end>(...) and" starts (:func:`_aside_before` read the other way), else None."""
    lower = lower_words(doc)
    if end >= len(lower) or lower[end] != "(":
        return None
    for i in range(end + 1, min(len(lower), end + 1 + MAX_ASIDE_TOKENS)):
        if lower[i] in ("(", "."):
            return None
        if lower[i] == ")":
            start = i + 2
            if start < len(lower) and lower[i + 1] in ("and", "or") and _aside_before(doc, start) == end:
                return start
            return None
    return None


JOINED_BY_AND = (["or"], [",", "or"], [","], ["and"], [",", "and"])


def _opens_composite(doc: Doc, span: Span) -> bool:
    """True after "composite of", "composite outcome of", "composite end point of": a list there is one
    composite outcome even where it is joined by "and" (ANNOTATION.md)."""
    before = lower_words(doc)[max(sentence_starts(doc)[span.start], span.start - 4): span.start]
    if before[-1:] != ["of"]:
        return False
    return "composite" in before[-4:-1] and all(w in COMPOSITE_WORDS for w in before[before.index("composite"):-1])


LIST_NEGATIONS = words("list_negations")
# Words that qualify the next item of a composite's list and belong to it ("or urgent revascularisation").
ITEM_QUALIFIERS = QUALIFIERS | CARE_MODIFIERS | SHARED_GRADES
# Words that cannot be an item of an outcome list: verbs and function words end the list.
LIST_STOPS = words("outcome_slot_boundaries")
CLAUSE_BREAKS = words("clause_conjunctions") | {",", ";", ":", "(", ")"}
NEGATION_REACH = 5


def _negated_list(doc: Doc, span: Span) -> bool:
    """True where a negation stands a few words before the list in its clause ("found no benefit on A
    or B"): "or" there means neither A nor B, separate endpoints rather than one composite."""
    before = lower_words(doc)[max(sentence_starts(doc)[span.start], span.start - NEGATION_REACH): span.start]
    for word in reversed(before):
        if word in CLAUSE_BREAKS:
            return False
        if word in LIST_NEGATIONS:
            return True
    return False


def _unlisted_item(doc: Doc, last: Span, span: Span) -> tuple[Span, str, str] | None:
    """An item of a composite's list that no rule named, between two that were (", suppurative complications
    or"): the item as a span and the separators before and after it; None where the words between are not
    one plain item set off by list separators."""
    lower = lower_words(doc)
    between = lower[last.end: span.start]
    if not 2 < len(between) <= 6 or between[0] != "," or sentence_starts(doc)[last.start] != sentence_starts(doc)[span.start]:
        return None
    tail = 2 if between[-2:] in ([",", "or"], [",", "and"]) else 1
    if between[-tail:] not in ([","], ["or"], ["and"], [",", "or"], [",", "and"]):
        return None
    words = between[1:-tail]
    if not 1 <= len(words) <= 3 or not all(w.replace("-", "").isalpha() and w not in LIST_STOPS for w in words):
        return None
    item = Span(doc, last.end + 1, span.start - tail, label="OUTCOME", kb_id=american_spelling(" ".join(words)))
    return item, ",", " ".join(between[-tail:])


BRACKET_REACH = 15  # tokens of an aside that spells out a composite's part: "(ascites, variceal bleeding or ...)"


def _aside_listing_parts(doc: Doc, span: Span) -> int | None:
    """Where the bracketed list after ``span`` closes ("decompensation (A, B or C)"), else None: a bracket of
    words and list links only; figures ("(12% vs 5%)") or a single short form ("(MI)") are no list."""
    lower = lower_words(doc)
    sent_end = sentence_bounds(doc)[1][span.start]
    if span.end >= sent_end or lower[span.end] != "(":
        return None
    for k in range(span.end + 1, min(sent_end, span.end + BRACKET_REACH)):
        if lower[k] == ")":
            inside = lower[span.end + 1: k]
            listed = "," in inside or "or" in inside or "and" in inside
            return k if listed and not any(word[:1].isdigit() or word in ("(", ";") for word in inside) else None
    return None


def _join_bracketed_composites(doc: Doc, spans: list[Span]) -> list[Span]:
    """Join "A (its parts listed) or B" into one composite OUTCOME ("hepatic decompensation (ascites, ...) or
    death"): the bracket spells out A, and the "or" after it joins B (ANNOTATION.md); mentions inside go."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    starting = {span.start: span for span in spans}
    lower = lower_words(doc)
    joined: list[Span] = []
    for span in spans:
        close = _aside_listing_parts(doc, span)
        if close is None:
            continue
        link = 2 if lower[close + 1: close + 3] == [",", "or"] else 1
        after = starting.get(close + 1 + link)
        if lower[close + 1: close + 1 + link][-1:] != ["or"] or after is None:
            continue
        name = composite_name([_part_name(span), _part_name(after)], ["or"])
        joined.append(Span(doc, span.start, after.end, label="OUTCOME", kb_id=name))
    if not joined:
        return spans
    covered = bytearray(len(doc))
    for span in joined:
        covered[span.start: span.end] = b"\x01" * (span.end - span.start)
    return [span for span in spans if not any(covered[span.start: span.end])] + joined


def _hyphenated_modifier(word: str) -> bool:
    """A lower-case hyphenated word of letters ("non-procedural", "device-related"), which in a composite's list
    qualifies the item after it."""
    parts = word.split("-")
    return len(parts) > 1 and all(part.isalpha() and part.islower() for part in parts)


def _short_form_after(doc: Doc, span: Span) -> int:
    """The length of a bracketed short form right after a composite's part ("myocardial infarction (MI) or
    stroke": 3), which leaves the list's link after it; 0 where there is none."""
    words = token_words(doc)
    at = span.end
    if at + 2 < len(words) and words[at] == "(" and words[at + 2] == ")" and any(c.isupper() for c in words[at + 1]) \
            and sentence_starts(doc)[at + 2] == sentence_starts(doc)[span.start]:
        return 3
    return 0


# Words that open a sentence's introductory phrase ("In a trial of 400 patients, MI or stroke ..."): the
# comma that closes it ends no list of outcomes.
INTRODUCTORY_OPENERS = words("introductory_phrase_openers")


def _after_introductory_phrase(doc: Doc, comma: int) -> bool:
    """Whether the comma at ``comma`` closes a phrase that opens its sentence with an introductory preposition
    ("In a trial of 4000 patients,", "Among women given X,") and holds no other comma."""
    start = sentence_starts(doc)[comma]
    lower = lower_words(doc)[start: comma]
    return bool(lower) and lower[0] in INTRODUCTORY_OPENERS and "," not in lower


def _part_name(span: Span) -> str:
    """A composite's part keeps "death" as written ("death or graft loss"); alone it is named "mortality"."""
    if span.kb_id_ == "mortality" and span.text.lower() in ("death", "deaths"):
        return "death"
    return span.kb_id_


def composite_name(names: list[str], separators: list[str]) -> str:
    """The parts' names joined as the text lists them: "stroke, myocardial infarction or death"."""
    joined = names[0]
    for separator, name in zip(separators, names[1:]):
        if separator == "/":
            joined += "/" + name  # "nausea/vomiting"
            continue
        word = separator.lstrip(", ")
        joined += ("," if separator.startswith(",") else "") + (f" {word} " if word else " ") + name
    return joined


def _with_slot_outcomes(doc: Doc, outcomes: list[Span], others: list[Span], gated: list[Span]) -> list[Span]:
    """``outcomes`` with the slot phrases (``outcome_slots``) that overlap no other candidate.

    A slot phrase that holds outcomes inside it names them more fully ("wound dehiscence" over "wound")
    and takes their place; one that overlaps an outcome only in part is dropped. A listed name the
    endpoint test turned down joins where a change verb or a cue noun governs it ("improved sense of
    smell"); after a comparative or as a subject it stays out, and so does a phrase that opens with it
    ("lower urinary tract infections in men", "<disease> is common in children").
    """
    blocked = bytearray(len(doc))
    for span in others:
        blocked[span.start: span.end] = b"\x01" * (span.end - span.start)
    # where two listed names share a span, the one in the text's own words ("hip fracture", not "fractures")
    in_words = sorted(gated, key=lambda span: span.kb_id_ == american_spelling(span_text(span)))
    turned_down = {span.start: span for span in in_words}
    ending_at = {span.end: span for span in in_words}
    by_token: dict[int, list[int]] = {}
    for n, span in enumerate(outcomes):
        for i in range(span.start, span.end):
            by_token.setdefault(i, []).append(n)
    replaced: set[int] = set()
    added = []
    for span, firm, named in slot_phrases(doc):
        if any(blocked[span.start: span.end]):
            continue
        qualified = ending_at.get(span.end)
        if qualified is not None and qualified.start > span.start and all(
                word in QUALIFIERS or word in SETTING_MODIFIERS for word in lower_words(doc)[span.start: qualified.start]):
            added.append(qualified)  # "serious skin reactions": the listed name; refining adds the qualifier back
            continue
        listed = turned_down.get(span.start)
        if not named:
            continue  # one word after a cue: mostly an attribute ("higher density")
        if listed is not None:
            if firm and listed.end == span.end:
                # named in the text's words (as result phrases are), with the listed entry's ids
                added.append(Span(doc, span.start, span.end, label="OUTCOME", kb_id=span.kb_id_, span_id=listed.id))
            elif firm and listed.end < span.end and lower_words(doc)[span.end - 1].endswith(NOUN_ENDINGS):
                added.append(span)  # "adenoma detection": the listed name and a noun after it
            continue
        inside = {n for i in range(span.start, span.end) for n in by_token.get(i, ())}
        if inside and not _names_more_fully(doc, span, [outcomes[n] for n in inside]):
            continue
        replaced |= inside
        added.append(span)
    return [span for n, span in enumerate(outcomes) if n not in replaced] + added


# Outcomes named by a process whose "of" phrase says what it is: "recovery of <X>", "return of <X>".
PROCESS_HEADS = words("outcome_process_heads")
# Words on the course of an outcome that stay out of its span: "transient <hypotension>".
COURSE_WORDS = words("outcome_course_words")
NOUN_ENDINGS = tuple(word_list("noun_endings"))


def _names_more_fully(doc: Doc, span: Span, inside: list[Span]) -> bool:
    """True where a slot phrase is one compound noun around the outcomes inside it ("wound dehiscence",
    "polyp recurrence", "disease-specific quality of life"): no "of", list or clause word outside them, and
    every outcome wholly inside."""
    if any(s.start < span.start or s.end > span.end or len(s) == len(span) for s in inside):
        return False
    covered = {i for s in inside for i in range(s.start, s.end)}
    lower = lower_words(doc)
    if len(inside) == 1 and inside[0].start == span.start and len(inside[0]) == 1 and lower[span.start] in PROCESS_HEADS \
            and lower[span.start + 1] == "of":
        return True  # "recovery of gut function": what recovered is part of the outcome
    if len(inside) == 1 and inside[0].end == span.end and "or" in lower[span.start: span.end] and all(
            lower[i] in SHARED_GRADES or lower[i] in QUALIFIERS or lower[i] in (",", "or", "and") or "-" in lower[i]
            for i in range(span.start, span.end) if i not in covered):
        return True  # "life-threatening, major or critical-organ bleeding": grades sharing the outcome's head
    if all(lower[i] in QUALIFIERS or lower[i] in SETTING_MODIFIERS or lower[i] in COURSE_WORDS
           for i in range(span.start, span.end) if i not in covered):
        return False  # "serious adverse events": the refiner adds the qualifier and keeps the listed name
    return not any(lower[i] in ("of", "or", "and", ",", "to") for i in range(span.start, span.end) if i not in covered)


# "an immunogenicity subgroup", "the safety substudy": the name of a part of the study, not a measured outcome.
# "enhanced recovery protocols", "a fall prevention programme": the name of a care programme.
STUDY_PART_NOUNS = words("study_part_nouns", "care_programme_nouns")


def _names_a_study_part(doc: Doc, span: Span) -> bool:
    """True where the word after an outcome name makes it the name of a part of the study or of a care programme."""
    return span.end < len(doc) and lower_words(doc)[span.end] in STUDY_PART_NOUNS


# Head words of the disease dictionary's behaviour and psychology headings that are everyday words in a report.
NOT_CONDITIONS = words("disease_variants_not_conditions")


COMPOSITE_WORDS = words("composite_outcome_words")
# The listed names the refiner turned down (no endpoint where they stand): the abbreviation linker reads
# them inside a long form whose short form the text goes on to count ("... acute kidney injury (CSA-AKI)").
GATED_KEY = "gated_outcomes"


class OutcomeRefiner(BatchedPipe):
    """Rewrites outcome candidates (time frames, grades, composites) and adds diseases used as endpoints."""

    def __init__(self, nlp: Language, name: str, outcomes: Lexicon, diseases: Lexicon | None):
        self.name = name
        self.outcomes = outcomes
        self.diseases = diseases

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        lower = lower_words(doc)
        outcomes = []
        others = []
        gated = []
        for span in candidates(doc):
            if span.label != OUTCOME:
                others.append(span)
                continue
            entry = self.outcomes.get(span_text(span))
            measured = lower[span.end - 1] in MEASURE_HEADS  # "pain scores": a measure, wherever it stands
            if entry is None or not entry.gated or measured or is_endpoint_context(doc, span):
                outcomes.append(span)
            else:
                gated.append(span)
        taken = {(s.start, s.end) for s in outcomes}
        if self.diseases is not None:
            for start, end, entry in find_terms(doc, self.diseases):
                if (start, end) in taken or "," in token_words(doc)[start:end]:
                    continue  # an inverted dictionary heading ("complications, postoperative") read across a list
                if lower[end - 1] in NOT_CONDITIONS:
                    continue  # a dictionary variant headed by an everyday word: "treatment goals", "affects"
                name = american_spelling(outcome_name(doc, start, end, entry))
                span = Span(doc, start, end, label="OUTCOME", kb_id=name, span_id=encode_ids(entry.ids))
                (outcomes if is_endpoint_context(doc, span) else gated).append(span)
        outcomes.extend(p for p in _event_phrases(doc) if is_endpoint_context(doc, p))
        outcomes.extend(_free_days(doc))
        outcomes.extend(_toxicities(doc))
        outcomes.extend(_adherence(doc, others))
        outcomes.extend(_drug_amounts(doc, others))
        outcomes.extend(_verb_outcomes(doc))
        outcomes.extend(_named_instruments(doc, self.outcomes))
        for span in list(gated):
            measured = _with_measure_head(doc, span)
            if measured is not None:
                gated.remove(span)
                outcomes.append(measured)
        outcomes = [_with_measure_head(doc, span) or span for span in outcomes]
        for span in list(outcomes) + gated:
            timed = _with_duration(doc, span)
            if timed is not None:
                outcomes.append(timed)
        for span in [s for s in gated if _listed_as_harm(doc, s) or _denied_after(doc, s, outcomes)]:
            gated.remove(span)
            outcomes.append(span)
        outcomes = _with_slot_outcomes(doc, outcomes, others, gated)
        outcomes.extend(_coordinated_with(doc, gated, outcomes))
        first_at: dict[int, Span] = {}
        for span in outcomes + gated:  # "death due to bleeding": a cause needs no endpoint cue of its own
            first_at.setdefault(span.start, span)
        outcomes = filter_spans([_extend_cause_of_death(doc, s, first_at) for s in outcomes]
                                + _alive_without(doc, outcomes + gated))
        outcomes = filter_spans(outcomes + _events_for_cause(doc, outcomes, gated))
        refined = []
        blocked = bytearray(len(doc))  # other mentions end a compound's modifiers
        for span in others + outcomes:
            blocked[span.start: span.end] = b"\x01" * (span.end - span.start)
        for span in outcomes:
            span = _extend_with_cause(doc, _with_compound_modifiers(doc, span, blocked))
            grown = _extend_with_time_after(doc, _extend_with_qualifiers(doc, _extend_with_time_frame(doc, span)))
            name = _timed_name(grown, span)
            if name == span.kb_id_:
                name = _with_kind_adjectives(doc, grown, span)
            grown, name = _lasting(doc, grown, name)
            refined.append(Span(doc, grown.start, grown.end, label="OUTCOME", kb_id=name, span_id=span.id))
        refined = _join_disease_measures(doc, refined)
        refined = [s for s in _join_bracketed_composites(doc, self._join_composites(doc, refined))
                   if not _in_a_proper_name(doc, s) and not _names_a_study_part(doc, s)]
        set_candidates(doc, others + refined)  # each already as add_candidate would write it
        if gated:
            doc.spans[GATED_KEY] = gated
        return doc

    @staticmethod
    def _join_composites(doc: Doc, spans: list[Span]) -> list[Span]:
        """Merge outcome lists that end in "or" ("A, B or C") into one composite mention.

        A list that begins with something other than an outcome ("a decline in eGFR, end-stage
        kidney disease or renal death") keeps its parts apart, as ANNOTATION.md asks.
        """
        spans = sorted(spans, key=lambda s: (s.start, -s.end))
        groups: list[list[Span]] = []
        separators: list[list[str]] = []
        short_forms = []
        for span in spans:
            if groups:
                last = groups[-1][-1]
                if _short_form_after(doc, last) and span.start == last.end + 1 and span.end == last.end + 2:
                    short_forms.append(span)  # "myocardial infarction (MI) or stroke": the list goes on after it
                    continue
                opens = _opens_composite(doc, groups[-1][0])
                unlisted = _unlisted_item(doc, last, span) if opens else None
                if unlisted is not None:
                    # "a composite of mortality, relapse, <suppurative complications> or readmission"
                    item, before, after = unlisted
                    groups[-1].extend([item, span])
                    separators[-1].extend([before, after])
                    continue
                between = lower_words(doc)[last.end: span.start] if 0 < span.start - last.end <= 6 else []
                between = between[_short_form_after(doc, last):]  # "myocardial infarction (MI) or stroke"
                if len(between) > 4:
                    between = []
                qualified = 0
                while len(between) - qualified > 1 and (
                        between[len(between) - qualified - 1] in ITEM_QUALIFIERS
                        or opens and _hyphenated_modifier(between[len(between) - qualified - 1])):
                    # "..., stroke or urgent revascularisation", "a composite of death, non-procedural bleeding or
                    # stroke": the next item's own qualifier
                    qualified += 1
                joins = JOINED_BY_AND + (["/"],) if opens else (["or"], [",", "or"], [","], ["/"])
                if qualified and between[:-qualified] in joins:
                    between = between[:-qualified]
                    words = lower_words(doc)[span.start - qualified: span.start]
                    span = Span(doc, span.start - qualified, span.end, label="OUTCOME",
                                kb_id=american_spelling(" ".join(words + [span.kb_id_])), span_id=span.id)
                if between in joins and sentence_starts(doc)[last.start] == sentence_starts(doc)[span.start] \
                        and last.kb_id_ not in INSTRUMENT_NAMES and span.kb_id_ not in INSTRUMENT_NAMES:
                    groups[-1].append(span)
                    separators[-1].append(" ".join(between))
                    continue
            groups.append([span])
            separators.append([])
        out = []
        for group, seps in zip(groups, separators):
            first = group[0]
            list_continues_left = first.start > 0 and doc[first.start - 1].text == "," \
                and not _after_introductory_phrase(doc, first.start - 1)
            opens = _opens_composite(doc, first)
            # "death/myocardial infarction/stroke": a list written with slashes is one composite, negated or not
            slashed = len(group) > 1 and all(sep == "/" for sep in seps)
            composite = len(group) > 1 and ("or" in seps[-1] and not _negated_list(doc, first) or opens) or slashed
            if composite and (not list_continues_left or slashed):
                name = composite_name([_part_name(s) for s in group],
                                      seps if "or" in seps[-1] or slashed else ["and"] * len(seps))
                out.append(Span(doc, first.start, group[-1].end, label="OUTCOME", kb_id=name))
            else:
                out.extend(group)
        return out + short_forms


@Language.factory("outcome_refiner", default_config={"use_diseases": True})
def make_outcome_refiner(nlp: Language, name: str, use_diseases: bool) -> OutcomeRefiner:
    from ..pipeline import shared_lexicons

    lexicons = shared_lexicons()
    return OutcomeRefiner(nlp, name, lexicons["OUTCOME"], lexicons.get(DISEASE) if use_diseases else None)
