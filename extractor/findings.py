"""Does a sentence present its claim as a research finding?

The record builder keeps a claim only where the text ties it to a study: a design or cohort named
in its study block, a numbered citation, or a reported test. Discussion and introduction prose
ties claims to evidence in looser ways, and those count here as well:

- a research noun in the sentence ("previous trials found ...", "several studies have reported ...",
  "in a previous study", "other investigators", "data from registries");
- an evidential passive ("X has been shown to reduce Y", "was found to lower", "has been associated with");
- the authors' own finding ("we found", "we observed", "our results", "in our cohort");
- an author-year citation ("(Smith et al., 2015)", "Jones and Lee (2018)", "Smith et al. reported").

A present-tense general statement with none of these ("statins lower LDL cholesterol") stays
background, as before.
"""

from __future__ import annotations

import re

from .lexicons.vocabulary import word_list, words

# Nouns that name a source of evidence; any of them in the sentence makes its claim a reported one.
RESEARCH_NOUNS = words("research_nouns")
# Weaker words of evidence ("data suggest", "the evidence shows"): they tie a claim to research only as the
# subject of a reporting verb (:func:`stated_as_finding`), not anywhere in the sentence.
EVIDENCE_NOUNS = words("evidence_nouns")
# "has been shown", "were found", "is reported": an evidential verb after a form of "be".
EVIDENTIAL_PARTICIPLES = words("evidential_participles")
# "has been associated with": an association reported by earlier work (the present "is associated" may be a general fact).
PERFECT_ASSOCIATION = words("perfect_association_words")
BE_FORMS = words("be_forms")
FIRST_PERSON_VERBS = words("first_person_verbs")
FIRST_PERSON_POSSESSIVE_HEADS = words("first_person_possessive_heads")
AUTHOR_YEAR = re.compile(
    r"\b[A-Z][A-Za-z'\u2019-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'\u2019-]+)?,?\s+\(?(?:19|20)\d{2}[a-z]?\b"
    r"|\bet\s+al\b")


# Past finite verbs that carry a result cue after them ("did not lower", "was associated with lower",
# "resulted in fewer", "led to more"), looked for this many words before the cue, within its clause.
PAST_MARKERS = words("past_markers")
PAST_REACH = 3
# Result verbs whose past tense does not end in "-ed" ("pain fell more with X", "HbA1c rose").
IRREGULAR_PAST_CUES = words("irregular_past_cues")
COMPARED_ARMS = words("compared_arm_leads")
COMPARED_REACH = 8  # words from such a verb to the comparison ("fell more with escitalopram than")
# Past verbs of what happened to participants ("developed", "required"), beside a cue on either side.
PAST_EVENT_VERBS = words("past_event_verbs")
PRESENT_AUXILIARIES = words("present_auxiliaries")
# Verbs after which "to" is a preposition ("led to lower"): the cue after it is no purpose.
TO_AS_PREPOSITION_AFTER = words("to_as_preposition_after")
# Subordinators that make the clause after them a condition or a time, looked for this many words before the cue.
CONDITIONS = words("condition_subordinators")
CONDITION_REACH = 6
NOT_VERB_BEFORE = words("not_verb_before")
ASIDE_REACH = 12


def past_result(lower: list[str], cue_words: set[int]) -> bool:
    """Whether a result verb of the sentence is in the past tense ("X reduced Y", "X did not lower Y",
    "X was associated with lower Y"): a past statement reports what a study saw, where the present
    states a general fact. ``cue_words``: positions (in ``lower``) of the result cues."""
    for i in cue_words:
        if i > 1 and lower[i - 1] == "to" and lower[i - 2] != "failed" and lower[i - 2] not in TO_AS_PREPOSITION_AFTER:
            continue  # "were developed to lower": a purpose, not a result
        if CONDITIONS.intersection(lower[max(0, i - CONDITION_REACH):i]):
            continue  # "stopped when platelet counts decreased": a condition, not a result
        lead = lower[max(0, i - PAST_REACH):i]
        if "," in lead:
            lead = lead[len(lead) - lead[::-1].index(","):]
        if PAST_MARKERS.intersection(lead):
            return True
        if _past_event(lead) or _past_event(_clause_after(lower, i)):
            return True
        if lower[i].endswith("ed") and i > 0 and lower[i - 1] not in NOT_VERB_BEFORE and (any(
                c.isalpha() for c in lower[i - 1]) or _closes_aside(lower, i - 1)):
            return True
        if lower[i] in IRREGULAR_PAST_CUES and COMPARED_ARMS.intersection(lower[i + 1:i + 1 + COMPARED_REACH]):
            return True  # "Y fell more with X than with placebo": a past change compared between arms
    return False


def _closes_aside(lower: list[str], comma: int) -> bool:
    """Whether the comma at ``comma`` closes an aside opened by an earlier comma ("X, a GLP-1 receptor agonist,
    reduced Y"): the past verb after it is the subject's."""
    return lower[comma] == "," and "," in lower[max(0, comma - ASIDE_REACH):comma]


def _past_event(window: list[str]) -> bool:
    """Whether a past verb of what happened to participants stands in ``window``, not within two words after a
    present form of "be" or "have" ("are required", "have often reported": a general statement)."""
    return any(w in PAST_EVENT_VERBS and PRESENT_AUXILIARIES.isdisjoint(window[max(0, k - 2):k])
               for k, w in enumerate(window))


def _clause_after(lower: list[str], i: int) -> list[str]:
    """Up to PAST_REACH words after the cue at ``i``, not past a comma or semicolon."""
    after = lower[i + 1:i + 1 + PAST_REACH]
    return after[:next((k for k, w in enumerate(after) if w in (",", ";")), len(after))]


def negated_report(lower: list[str], cue: int, reach: int = 10) -> bool:
    """ "we did not find that X lowered Y", "trials have not shown that X reduces Y": a negated reporting
    verb whose "that" clause holds the cue at ``cue`` states that the result does not hold."""
    lead = lower[max(0, cue - reach):cue]
    if "that" not in lead:
        return False
    that = len(lead) - 1 - lead[::-1].index("that")
    before = lead[max(0, that - 4):that]
    return any(w in REPORTING_VERBS for w in before) and bool({"not", "never", "failed", "no"} & set(before))


REPORTING_VERBS = words("reporting_verbs")
REPORTING_REACH = 4


# Words that date research before the study a text reports ("previous studies", "other investigators").
EARLIER_RESEARCH = words("earlier_research_words")
EARLIER_REACH = 2  # words back from a research noun to the word that dates it ("several previous studies")
THAN_REACH = 4  # words back from it to the "than" of a comparison with earlier research ("higher than in other studies")
PERFECT_AUXILIARIES = tuple(word_list("perfect_auxiliaries"))


def earlier_work(lower: list[str]) -> bool:
    """Whether a sentence (its lower-cased words) attributes its claim to research before the study it reports:
    dated research as the subject of a reporting verb ("previous studies have shown", "other investigators
    found") or as what a result is compared with ("higher than in other studies"), a perfect evidential passive
    ("X has been shown to reduce Y", "has been associated with"), "according to" dated research, or what "it is
    reported that" (the present tense: a study's own finding is past). Not "previously reported": a trial's
    earlier report of its own results."""
    for i, word in enumerate(lower):
        if word in RESEARCH_NOUNS and EARLIER_RESEARCH.intersection(lower[max(0, i - EARLIER_REACH):i]) \
                and (REPORTING_VERBS.intersection(lower[i + 1:i + 1 + REPORTING_REACH])
                     or "than" in lower[max(0, i - THAN_REACH):i]):
            return True
        if word == "been" and 0 < i < len(lower) - 1 and lower[i - 1] in PERFECT_AUXILIARIES \
                and (lower[i + 1] in EVIDENTIAL_PARTICIPLES or lower[i + 1] in PERFECT_ASSOCIATION):
            return True
        if word == "according" and lower[i + 1:i + 2] == ["to"] and EARLIER_RESEARCH.intersection(lower[i + 2:i + 3]):
            return True  # "according to those investigators"
        if word == "it" and lower[i + 1:i + 2] == ["is"] and i + 3 < len(lower) \
                and lower[i + 2] in EVIDENTIAL_PARTICIPLES and lower[i + 3] == "that":
            return True  # "it is reported that X might improve Y"
    return False


def reported_finding(lower: list[str], text: str) -> bool:
    """Whether a sentence (its lower-cased words, its text) presents a claim as a finding of research."""
    return bool(RESEARCH_NOUNS.intersection(lower)) or stated_as_finding(lower, text)


def stated_as_finding(lower: list[str], text: str) -> bool:
    """Whether the sentence's own verbs present its claim as something research found: an evidential
    passive, research reporting ("studies have reported", "trials found"), the authors' finding or an
    author-year citation. Such a sentence is no statement of aims, whatever "to reduce" reads like."""
    for i, word in enumerate(lower):
        if (word in RESEARCH_NOUNS or word in EVIDENCE_NOUNS) and any(
                w in REPORTING_VERBS for w in lower[i + 1: i + 1 + REPORTING_REACH]):
            return True
    for i, word in enumerate(lower[1:], 1):
        if word in EVIDENTIAL_PARTICIPLES and lower[i - 1] in BE_FORMS or word in PERFECT_ASSOCIATION and lower[i - 1] == "been":
            return True
        if word == "we" and i + 1 < len(lower) and (lower[i + 1] in FIRST_PERSON_VERBS or (
                i + 2 < len(lower) and lower[i + 1] in ("have", "also", "previously", "recently") and
                lower[i + 2] in FIRST_PERSON_VERBS)):
            return True
        if word == "our" and i + 1 < len(lower) and lower[i + 1] in FIRST_PERSON_POSSESSIVE_HEADS:
            return True
    if lower and lower[0] == "we" and len(lower) > 1 and lower[1] in FIRST_PERSON_VERBS:
        return True
    if lower and lower[0] == "our" and len(lower) > 1 and lower[1] in FIRST_PERSON_POSSESSIVE_HEADS:
        return True
    return bool(AUTHOR_YEAR.search(text))
