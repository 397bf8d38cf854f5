"""Doc + mentions -> evidence records: one claim about an intervention and an outcome each.

The passage is read sentence by sentence as a series of *study blocks*: a block opens where
the text introduces a study (a new cohort size or design) or turns to another intervention,
and the sentences after it ("In this cohort, ...", "This report was retrospective") add to the
same block. A claim takes its cohort size, design and citations from its block when its own
sentence does not state them; this is how "In this cohort" links back to the previous sentence.

Inside a sentence, a claim is an outcome (or lab marker) governed by a result cue ("reduced",
"did not differ", "was associated with ... 12% compared with 30%"), with the drugs named
before the cue as interventions and the numbers next to the outcome as values. A drug the lexicon
marks as one fixed-dose product ("type": "fixed_combination") stays one intervention; other
combinations give a record per drug, as ANNOTATION.md asks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Mapping, Sequence

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .arm_names import (NAMES_NO_TREATMENT, clause_verb_at, is_arm_name, product_names, trim_arm_name,
                        without_qualifiers)
from .arm_order import CONTROL_WORDS, in_arm_order
from .arms import ArmScorer, Candidate
from .record_filters import (P_VALUE, REPORTED_TEST, directions_as_stated, drop_baseline_comparisons, drop_correlations,
                             drop_definitions, drop_event_tallies, drop_future_work, drop_non_results,
                             drop_wordier_outcomes, one_per_pair, reads_as_result)
from .components.citations import CITATIONS_KEY
from .components.cohorts import PARTICIPANTS, cohort_kinds, cohort_of_spans, sentence_cohort
from .components.result_phrases import RELATIVE_CLAUSE_LEADS, RESULT_PHRASES_KEY, grammar
from .components.claim_detector import (COUNTED_DRUG_HEADS, LEARNED_KEY, NEED_VERBS, NON_RESULT_ROLES, claim_key,
                                        outcome_targets, sentence_roles)
from .components.context import ContextFlags
from .components.outcomes import (COMPOSITE_WORDS, HARM_LIST_HEADS, INSTRUMENT_NAMES, LIST_LINKS, OUTCOME_LIST_HEADS,
                                  VERB_OUTCOMES)
from .findings import (BE_FORMS, PERFECT_ASSOCIATION, REPORTING_VERBS, RESEARCH_NOUNS, TO_AS_PREPOSITION_AFTER, earlier_work,
                       negated_report, past_result, reported_finding, stated_as_finding)
from .components.spans import (COHORT_SIZE, DRUG, INTERVENTION, LAB_MARKER, OUTCOME, STUDY_DESIGN, decode_ids,
                               doc_extension, doc_sentences, positions_of, read_groups, doc_strings, doc_text,
                               lower_words, sentence_bounds, span_text, token_offsets, token_words)
from .lexicons.vocabulary import word_groups, word_list, words
from .mentions import SpanNorms
from .measured_drugs import measured_names
from .values import EFFECT_KINDS, SCORED_KINDS, find_p_values, find_values_and_p_values, holds_any, may_hold, overlaps
from .schema import EvidenceRecord, Mention
from .sentence_arms import GROUP_HEADS, in_comparison, sentence_labels, stated_arm

CUES = word_groups("result_cues")
# "earlier"/"sooner": result cues only where "than" follows within THAN_REACH words (see _than_ahead).
CUES_BEFORE_THAN = word_groups("result_cues_before_than")
THAN_REACH = 8
# Comparatives that only grade the cue after them ("more reduced", "less improved").
DEGREE_WORDS = words("cue_grading_comparatives")
ASSOCIATION = PERFECT_ASSOCIATION  # "associated with": the association participles, as after "been"
# Verbs that state a result only when negated ("did not affect the length of stay").
NEUTRAL_EFFECT = words("neutral_effect_verbs")
# Words after which a drug is given to the patients the result is about ("those who received X").
RECEIVING = words("receiving_words")
# "... hip fracture among users of X", "in those exposed to X", "detachment after X": the drug a group took.
EXPOSED = words("exposed_words")
# Advice and expectation ("should not prompt", "must be checked", "is expected after starting X"): in a sentence
# with no result in the past tense, no study's result
GUIDANCE = re.compile(r"\b(?:" + "|".join(map(re.escape, word_list("guidance_phrases"))) + r")\b", re.I)
GUIDANCE_LITERALS = tuple(phrase.lower() for phrase in word_list("guidance_phrases"))


def guidance_in(text: str) -> bool:
    """Whether GUIDANCE matches ``text``; a plain-ASCII text holding none of its phrases is not searched (each
    match holds one, lower-cased; the case-insensitive search costs more, and most sentences give no advice)."""
    if text.isascii() and not holds_any(text.lower(), GUIDANCE_LITERALS):
        return False
    return GUIDANCE.search(text) is not None

OTHER_STUDY_WORDS = words("other_study_words")  # "previous trials found": see RecordBuilder._other_studies
OTHER_STUDY_NOUNS = words("other_study_nouns")
# Words that open a condition on a result, not a thing measured ("irrespective of dose").
CONDITION_OPENERS = words("condition_openers")
# "used for <agitation>" (two-word leads, words between them and the target) and "may explain the excess of <Y>" (how far
# back the verb may stand): _indication_or_explained.
INDICATION_LEADS, INDICATION_GAP = [phrase.split() for phrase in word_list("indication_leads")], 2
EXPLAINING, EXPLAINED_REACH = words("explaining_verbs"), 6
# "After intracerebral haemorrhage, ...": words opening a setting, and how far into the sentence its target may start.
SETTING_OPENERS, SETTING_REACH = words("setting_openers"), 4
OTHER_STUDY_COMPARING = words("other_study_comparing")
EXPOSURE_HEADS = words("exposure_heads")  # "after <X> exposure": see _exposure_arm
EXPOSURE_LEADS = words("exposure_leads")
# "86 of 134 allocated X": the drug a group was randomly assigned to is its arm.
ALLOCATED = words("allocation_participles")
# Nouns after a drug that name giving it ("heparin therapy"): ANNOTATION.md leaves them out of the drug's span.
THERAPY_NOUNS = words("therapy_nouns")
# Words of how long a drug was given, before or after its name ("8-day", "short-course", "course"): part of the arm.
COURSE_WORD = re.compile(r"^(?:\d+-(?:day|week|month|hour)|(?:short|long|shorter|longer)(?:-course)?|courses?)$")
# what follows "patients who" in a group named by its treatment ("patients who received X", "... who were ...")
GROUP_VERBS = frozenset(RECEIVING | ALLOCATED | {"were", "was"})
# Verbs that make the phrase before them the subject of a result stated after it ("X was more frequent with Y").
SUBJECT_PREDICATES = words("subject_predicates")
# Participles that say how a drug was given: a phrase "<drug> given ..." names the arm.
ADMINISTERED = words("administered_participles")
# "superior to X", "noninferior to X": X is what the intervention was measured against.
RANKED_AGAINST = words("ranked_against_words")
# "adding X to Y": the words that make Y a background treatment, and how far before "to" they may stand.
ADDING = words("adding_words")
ADDED_TO_REACH = 6
# "<drug>-induced postconditioning", "<drug>-enriched diet": second parts of a hyphenated word that make the
# arm named by it the drug's (drug_named_in).
DRUG_CARRIERS = words("drug_carrier_words")
NO_DIFFERENCE_PHRASES = [phrase.split() for phrase in word_list("no_difference_phrases")]
# "The baseline mean scores of A, B and C": how far before a listed name "baseline" may open its list.
BASELINE_LIST_REACH = 8
# Words that may open a listed outcome name ("A, the incidence of B and C").
OBJECT_LIST_LEADS = words("object_list_leads")
NO_DIFFERENCE_STARTS = {phrase[0] for phrase in NO_DIFFERENCE_PHRASES}
# A later clause that denies a difference between the arms, naming no outcome ("..., but no significant
# differences were observed"): the plural forms count here too.
ARM_DENIALS = NO_DIFFERENCE_PHRASES + [phrase.split() for phrase in word_list("arm_denial_phrases")]
CLAUSE_WORDS = words("clause_conjunctions")
NEGATORS = words("list_negations") - {"failed"}
LINKING_NOUNS = words("linking_nouns")
ROUTE_WORDS = words("route_words")
ADD_ON_LEADS = words("add_on_leads")
ARM_LEADS = ROUTE_WORDS | ADD_ON_LEADS
COORDINATED_PREDICATES = words("coordinated_predicates")
PREDICATE_ADVERBS = words("predicate_adverbs")
PROGNOSTIC_VERBS = words("prognostic_verbs")
COORDINATORS = words("claim_coordinators")
TIME_OUTCOMES = tuple(word_list("time_outcome_names"))
# "the primary composite", "the secondary end point": words that name an endpoint by its role, not by what it
# measures (RecordBuilder._endpoints_by_name); the kinds of endpoint among them; and how many words before an
# outcome may define it as such ("reduced the composite of <X>", "the primary outcome was <X>").
ENDPOINT_ROLE_WORDS = words("endpoint_role_words")
ENDPOINT_NOUNS = words("endpoint_role_nouns")
ENDPOINT_KIND_WORDS = words("endpoint_kind_words")
ENDPOINT_LEAD_REACH = 5
# "improved comparably", "fell similarly": adverbs after a change verb that state the change as alike in the arms.
ALIKE_ADVERBS = words("alike_adverbs")
CHANGE_DIRECTIONS = words("change_directions")
# How far after "fell below <threshold>" the count of patients may follow ("in about one in eight patients").
THRESHOLD_COUNT_REACH = 6
APPROXIMATE_COUNT_WORDS = words("approximate_count_words")
# How far a drug may stand inside an aside that describes the drug before it ("X, a <class> given ..., reduced").
APPOSITION_REACH = 10
ASIDE_OPENERS = words("aside_openers")
ASIDE_ADVERBS = words("aside_adverbs")
# "prolongs the QT interval": a lengthened ECG interval is an amount that went up, not a benefit.
LENGTHENED_AMOUNTS = words("lengthened_amount_words")
PROLONGING = words("prolonging_words")
COUNTED_SHARES = words("counted_share_nouns")
DIMINISHING = words("diminishing_words")
GRADED_CHANGES = words("graded_change_nouns")
CUE_WORDS_IN_NAMES = {tuple(name.split()) for name in words("cue_words_in_names")}
GRADE_FILLERS = words("grade_fillers")
NO_EFFECTS_MODIFIERS = words("no_effects_modifiers")
REVERSED = {"increase": "decrease", "decrease": "increase", "improve": "worsen", "worsen": "improve"}
COMPARISON_LEADS = words("comparison_leads")
# Words that set one arm's change against another's: with them, a change "in both groups" is compared.
EACH_ARM_COMPARISONS = COMPARISON_LEADS | words("each_arm_comparisons")
PLURAL_GROUP_HEADS = words("plural_group_heads")
SAMENESS_WORDS = words("sameness_words")
EACH_ARM_REACH = 10  # tokens between the change word and "in both groups" / "in the A and B arms"
CONTROL_REACH = 12  # words after a cue within which the comparison word must stand
# A control arm named as such ("the placebo group", "controls", "usual care patients"), not "glycemic control".
CONTROL_ARM = re.compile(
    rf"\b(?:(?:{'|'.join(map(re.escape, word_list('control_arm_words')))})\s+(?:groups?|arms?|patients|participants|subjects)"
    r"|placebo|sham|controls)\b", re.I)
ARM_AFTER = re.compile(r"\b(?:groups?|arms?|those|patients|participants|subjects)\b", re.I)
# Second parts of a split drug compound that describe patients or organisms, not the arm ("<drug>-resistant").
ATTRIBUTE_COMPOUNDS = words("drug_attribute_compounds")
PEOPLE = words("population_heads")
POPULATION_HEADS = PEOPLE | words("population_group_words")
# Condition nouns a phenotype follows with "with": "heart failure with reduced ejection fraction".
DESCRIBED_CONDITIONS = words("described_conditions")
HAVING = words("having_words")
EVENT_HAVING = words("population_event_verbs")
RELATIVE_LINKS = words("relative_links")
DESCRIPTION_REACH = 7  # words back to "patients with" from a description's "on <Y>" (population_role)
MIN_RESULT_SENTENCES = 2  # results sentences with records that make a text a trial report (_reported_once)
TITLED_TEXT_SENTENCES = 4  # sentences of an uncited text whose first, without figures, is read as its title (_reported_once)
# Words before a measure over a threshold that make it describe people ("patients with X above ...").
THRESHOLD_HOLDERS = POPULATION_HEADS | words("threshold_holder_links")
POPULATION_LINKS = words("population_links")
WAITING_LIST_NAMES = word_list("waiting_list_names")
WAITING_LIST = "|".join(map(re.escape, WAITING_LIST_NAMES))
# "with no significant difference", "with no change": words after "no" that deny a result, not name an arm
# ("versus no prophylaxis").
NOT_AN_ARM_AFTER_NO = r"(?:significant|statistically|difference|differences|change|changes|effect|effects|evidence|" \
                      r"benefit|increase|decrease|improvement|reduction|further|more|less|other|apparent|clear)\b"
# "versus no prophylaxis in patients with ...": a function word after "no X" ends the arm's name.
NO_ARM_STOPS = r"(?:" + "|".join(word_list("no_arm_stops")) + r")\b"
# "than those given placebo", "compared with patients receiving usual care": the people of an arm, before it.
ARM_MEMBERS = (rf"(?:those|{'|'.join(map(re.escape, word_list('participant_heads')))}) "
               r"(?:who (?:were |had )?)?(?:given|receiving|received|treated with|taking|on|assigned to|"
               r"randomi[sz]ed to|allocated to)")
COMPARATOR_LEAD = re.compile(
    r"\b(?:compared with|compared to|versus|vs\.?|than|or|with|to)\s+"
    rf"(?:{ARM_MEMBERS} )?"
    rf"(placebo|usual care|standard care|standard of care|control subjects|controls|no (?!{NOT_AN_ARM_AFTER_NO})[a-z-]+(?: (?!{NO_ARM_STOPS})[a-z-]+)?|"
    rf"chemotherapy|[a-z-]+ chemotherapy|best supportive care|observation|(?:a |the )?(?:{WAITING_LIST})(?: controls?)?)\b",
    re.I)
# A control arm named as a group of the result ("12% of the placebo group", "the wait-list control arm").
COMPARATOR_GROUP = re.compile(
    rf"\bthe ((?:{'|'.join(map(re.escape, word_list('control_arm_words') + WAITING_LIST_NAMES))})(?: controls?)?) "
    r"(?:group|arm|condition)s?\b",
    re.I)
# Arms that are the comparison, never the intervention a result is stated for.
CONTROL_ARMS = re.compile(
    rf"^(?:the |a )?(?:{'|'.join(map(re.escape, word_list('control_arm_names') + WAITING_LIST_NAMES))})\b", re.I)
LEADING_DETERMINERS = re.compile(r"^(?:" + "|".join(word_list("arm_leading_determiners")) + r")\s+", re.I)
ARTICLES = words("articles")
# Two words that make what follows them (after an article) the comparator: "compared with (the) X".
COMPARED_WITH = [phrase.split() for phrase in word_list("comparator_leads")]
# The last words of INDICATION_LEADS, COMPARED_WITH and COVARIATE_LEADS: a slice of words can equal a lead only where
# its last word is one of these (one set look-up before the comparisons with each lead).
INDICATION_LEAD_ENDS, COMPARED_WITH_ENDS = {lead[-1] for lead in INDICATION_LEADS}, {lead[-1] for lead in COMPARED_WITH}
# "adjusted for age, BMI and baseline score": the lead of a covariate list, and how far into the list a name may stand.
COVARIATE_LEADS, COVARIATE_REACH = [phrase.split() for phrase in word_list("covariate_leads")], 8
COVARIATE_LEAD_ENDS = {lead[-1] for lead in COVARIATE_LEADS}  # (see INDICATION_LEAD_ENDS)
# A connective set off by commas inside a clause ("<outcome>, however, was higher with X"): no clause break.
PARENTHETICAL_ASIDES = [[","] + phrase.split() + [","] for phrase in word_list("parenthetical_asides")]
WORD_EDGES = ".,;:()[]{}\"'"  # punctuation a word of a text may carry, cut before it is read as an abbreviation
# A doc's defined abbreviations as arm names read them, and the arm names written out from them (by the long
# name, the name as written), kept in its user_data by with_long_forms for RecordBuilder.build.
ARM_LONG_FORMS = "arm_long_forms"
ARM_WRITTEN_NAMES = "arm_written_names"
# What an arm phrase goes on to say about its arm ("exercise intervention to prevent ..."): not its name.
ARM_PURPOSE = re.compile(r"\s+(?:" + "|".join(word_list("arm_purpose_leads")) + r")\s.*$")
# How often an arm was given, after its name ("<GMA session> every 4 weeks", "<tailored advice> three times"): not its
# name (:func:`plain_arm_name`).
ARM_SCHEDULE = re.compile(rf"\s+(?:{'|'.join(map(re.escape, word_list('arm_schedule_leads')))})(?:\s.*)?$")
MAX_CLAUSE_TOKENS = 60
# "both groups", "neither arm": the pair named is the study's arms or people, not two drugs.
NOT_A_PAIR = POPULATION_HEADS | words("not_a_pair_words")
# "more common with both agents": nouns after "with both" that point back at the two drugs compared.
PAIRED_DRUG_NOUNS = words("paired_drug_nouns")
# How sure the arm scorer (extractor.arms) must be of a non-drug arm, ranked first, to make it the
# text's main arm (measured on the EI tune split: 0.2 and 0.4 both recover fewer prompts).
STUDIED_ARM_MIN = 0.3
# Words shortly before an arm's mention that make it the comparison ("compared with X", "X versus Y"), and how
# many words before the mention they may stand (compared_arm_names).
COMPARED_CONTEXT = words("arm_comparison_words")
COMPARED_REACH = 4
# Words right before a drug that name it as what the patients are treated with, not what the trial gives them
# ("in type 1 diabetes treated with insulin", "during adjuvant chemotherapy"; RecordBuilder._title_arm_over_background).
BACKGROUND_LEADS = [phrase.split() for phrase in word_list("background_drug_leads")]
# Last words that make an arm the comparison by its own name ("water alone", "print materials only").
CONTROL_TAILS = words("arm_control_tails")
# Words joining the conjuncts of an arm phrase that names two treatments ("X and <drug>"; :func:`untaken_conjunct`).
ARM_CONJUNCTIONS = words("arm_conjunctions")
# How sure the arm scorer must be of another arm to take the place of the main arm where a result sentence
# names the main arm only as what it compares against.
OTHER_ARM_MIN = 0.2
# How far after an outcome a cue may stand and still govern it: four words, or up to twelve where a
# linking verb leads to the cue ("<recovery time> on day 2 in the ketamine group was significantly lower";
# eight missed such subjects on the EI tune split, twelve and sixteen gave the same figures).
AFTER_CUE_TOKENS = 12
LINKING_VERBS = words("linking_verbs")
LINKING_OR_JOINING = frozenset(LINKING_VERBS | {"and", "or"})
# The longest aside set off by commas between an outcome and the cue after it.
ASIDE_TOKENS = 8
# Adverbs between a subject and its verb that do not count in how far the verb stands ("also significantly rose").
CUE_ADVERBS = PREDICATE_ADVERBS | words("cue_adverbs")
# Words closing a subject before its verb ("X did not", "X was also"), and words that make a subject
# refer back to what the text already named ("this drug", "treatment", "it").
SUBJECT_AUXILIARIES = words("subject_auxiliaries")
GENERIC_SUBJECTS = words("generic_subjects")
# Words that grade or measure a result without naming what changed ("estimated relative reduction").
STATISTIC_WORDS = words("statistic_words")
# "more effective in <verb>ing Y": the direction each verb gives Y, and the turn "less effective" gives it.
EFFECTIVE_IN = word_groups("effective_in_verbs")
OPPOSITE = REVERSED  # one table of the opposite directions
# Words before "to <cue>" that make the infinitive a finding ("shown to reduce", "failed to lower"), not a purpose.
RAISING = words("raising_words")
# Cue words that are a verb's base form, the only ones a "to" of purpose can take.
BASE_CUE_VERBS = words("base_cue_verbs")
# Words of failure before a cue ("ineffective in reducing", "unable to lower").
FAILURE_WORDS = words("failure_words")
# Verbs after which "if" asks a question ("to determine if"), and words after which "that" opens a supposition.
QUESTION_VERBS = words("question_verbs")
SUPPOSING = words("supposing_words")
# "the mechanisms by which X reduces Y": how a result comes about, not the result stated.
MECHANISM_NOUNS = words("mechanism_nouns")
# Every word that can open a question in _unasked: a token holding none is passed over.
QUESTION_OPENERS = words("question_openers")
# Nouns after a capitalized study name ("the RECOVERY trial").
STUDY_NAME_NOUNS = words("study_name_nouns")
# Words opening brackets that say what the outcome before them is ("(a 75% improvement in ...)", "(defined as ...)").
DEFINING_LEADS = words("defining_leads")
# Words opening an aside that says what an outcome consisted of ("AEs, mainly nausea, ...").
SPECIFYING = words("specifying_adverbs")
BARE_FREQUENCY = words("bare_frequency_words")
FREQUENCY_FILLERS = words("bare_frequency_fillers")
BARE_MEASURES = words("bare_measure_names")
# The drugs nearest before a result that may be the ones it is stated for.
MAX_DRUG_CANDIDATES = 12
# "No <events> were observed in either group": the verbs of observing, and the words naming every group.
ABSENCE_VERBS = frozenset(word_groups("absence_verbs"))
ALL_GROUPS = words("all_groups_words")
ONE_PARTICIPANT = words("one_participant_nouns")  # _no_one_had: "no child developed X"
EVENT_VERBS_AFTER_NO_ONE = words("event_verbs_after_no_one")
NOT_PRODUCT_CODES = frozenset(word_list("code_name_letters_not_products"))
# Mentions an arm phrase of the result grammar may not lie within: what was measured, or the study's design.
NOT_ARM_LABELS = frozenset({"OUTCOME", "LAB_MARKER", "STUDY_DESIGN"})
# The doc's cache key for the words it writes before a group noun ("the fatigue group"; :func:`label_names`).
GROUP_LABELS = "arm_group_labels"
# "randomised to <arm> or ..." (:func:`allocated_arms`): the leads, the words ending the arm, its length, determiners.
ALLOCATION_LEADS, ALLOCATION_ENDS, ALLOCATED_ARM_WORDS = words("allocation_leads"), words("allocation_ends"), 8
ALLOCATION_FIRSTS = frozenset(lead.split()[0] for lead in ALLOCATION_LEADS)
ALLOCATION_DETERMINERS = words("allocation_determiners")
ALLOCATION_COMPARATORS = words("allocation_comparator_leads")  # "comparing <routine care> with X": the comparison
# A list of measured things around a drug mention (:func:`listed_with_marker`): the tokens joining its items, how
# far it is read and the doc's cache key for each token's entity label.
LIST_JOINS, MARKER_LIST_REACH, TOKEN_LABELS = words("marker_list_joins"), 12, "token_entity_labels"
LIST_CONJUNCTIONS = words("marker_list_conjunctions")  # a list has one ("<drug>, <marker> (M) rose" is none)
NOT_ARM_LABEL_IDS = frozenset(map(get_string_id, NOT_ARM_LABELS))  # as ``span.label`` holds them
NOT_SIGNIFICANT = re.compile(
    r"\b(?:insignificant(?:ly)?|non-?significant(?:ly)?|not (?:statistically )?significant(?:ly)?|"
    r"did not reach (?:statistical )?significance|failed to reach (?:statistical )?significance)\b", re.I)
# Where the learned classifier may add a result the rules did not see, it must be at least this sure.
CLAIM_THRESHOLD = 0.35
# Sentence roles (the roles model) that report a study's own findings even without a statistic.
# With STUDY_GROUPS: a results sentence that compares a study's groups ("X was similar in both groups",
# "X did not differ between the two schedules").
REPORTED_ROLES = frozenset({"results"})
LARGEST = words("largest_words")
# "did not differ by", "was consistent across": the verbs of an effect that splits by subgroup
SUBGROUP_VERBS = words("subgroup_verbs")
# Words that join two drugs given together ("X plus Y").
COMBINED_WITH = words("combined_with_words")
# "in the infusion group", "in our patients": a sentence about the study's own arms.
OWN_GROUP = re.compile(r"\b(?:in the [\w-]+ (?:group|arm)|in both (?:groups|arms)|our (?:patients|cohort|trial))\b", re.I)
STUDY_GROUPS = re.compile(r"\b(?:groups?|arms?|between|either)\b", re.I)
REPORTED_KINDS = SCORED_KINDS | {"p"}
# A sentence reporting a test (a p-value, an interval, "significantly") states a study's result even
# where the text named no cohort or design before it (trial abstracts often name neither).
RESULT_STATISTICS = re.compile(r"\b[pP]\s*[<=>≤≥]|\bsignificant(?:ly)?\b|95\s*%|\bCI\b|"
                               r"\bby (?:about |roughly |approximately |nearly |around )?\d+(?:\.\d+)?\s*%")
DIGIT = re.compile(r"\d")
# A sentence that asks whether something holds states no result.
OPEN_QUESTION = re.compile(r"^\s*(?:whether\b|it (?:is|remains) (?:unknown|unclear|uncertain|not known) whether\b)", re.I)
# "The effect of higher doses on pain relief was analyzed", "We tested the effectiveness of X for improving Y": what was
# studied (with no result marks, reads_as_result).
_STUDIED = "|".join(sorted(words("studied_verbs")))
EFFECT_STUDIED = re.compile(r"\b(?:effects?|impact|influence) of\b[^.;:]*\b(?:was|were) (?:also |then |further |additionally )?(?:"
                            + _STUDIED + r")\b|\b(?:we|this study|this trial|the study|the trial) (?:" + _STUDIED
                            + r") the (?:effects?|effectiveness|efficacy|impact|influence) of\b", re.I)
EFFECT_STUDIED_LITERALS = ("effect", "efficacy", "impact", "influence")  # one in every match (see may_hold)
# A sentence that states the study's aim ("To test the efficacy of X in ...", "We evaluated the efficacy of X in
# preventing Y in children aged 1-4 years", "an analysis was conducted to assess the effects of X on Y"): what was
# studied, though its ages and doses are figures, unless it reports a test (REPORTED_TEST).
_AIMED = "|".join(sorted(words("aim_verbs")))
# Read as two patterns (:func:`states_aim`): an opening one, tried at the start alone, and a "was conducted to" one,
# searched for only where the text holds one of its verbs.
STUDY_AIM_OPENING = re.compile(r"^\W*(?:to (?:" + _AIMED + r")\b|(?:we|this study|this trial|the study|the trial) (?:"
                               + _STUDIED + r") the (?:effects?|effectiveness|efficacy|impact|influence) of\b)", re.I)
STUDY_AIM_CONDUCTED = re.compile(r"\b(?:was|were) (?:conducted|performed|designed|undertaken|carried out) to (?:" + _AIMED
                                 + r")\b", re.I)
STUDY_AIM_VERBS = ("conducted", "performed", "designed", "undertaken", "carried out")  # one in every match (see may_hold)
# A trial allocating its own patients ("were randomly assigned", "were randomized to").
OWN_ALLOCATION = re.compile(r"\b(?:were|was) (?:randomly )?(?:randomi[sz]ed|assigned|allocated)\b|"
                            r"\brandomly (?:assigned|allocated)\b", re.I)


NAME_WORD = re.compile(r"[a-z0-9]+")


def _content_words(name: str) -> set[str]:
    """The words of a name that are no number and no word of STATISTIC_WORDS ("the rate of X" -> X's words)."""
    return {w for w in NAME_WORD.findall(name.lower()) if any(c.isalpha() for c in w) and w not in STATISTIC_WORDS
            and w not in ("of", "in", "at", "and", "or", "to", "for", "with")}


def _counts_people(name: str) -> bool:
    """ "proportion of patients receiving": a measure of who was in an arm, which names no outcome ("proportion
    of patients who recovered" names it in its relative clause)."""
    words = name.lower().split()
    return len(words) >= 3 and words[0] in BARE_MEASURES and words[1] == "of" and words[2] in PARTICIPANTS \
        and not (len(words) > 4 and words[3] in RELATIVE_CLAUSE_LEADS)


def _names_no_outcome(name: str) -> bool:
    """ "subsequent large trials", "irrespective of dose": a phrase a result construction took that names
    studies (a research noun ends it) or a condition on the result, not a thing measured."""
    words = name.lower().split()
    return bool(words) and (words[-1] in RESEARCH_NOUNS or words[0] in CONDITION_OPENERS)


def _statistics_only(name: str) -> bool:
    """An outcome name made only of words that grade or measure a result ("a sustained reduction", once
    "composite of" is cut from its phrase)."""
    words = [w for w in NAME_WORD.findall(name.lower()) if any(map(str.isalpha, w)) and w not in ("of", "in")]
    return bool(words) and all(w in STATISTIC_WORDS or w in BARE_MEASURES for w in words)


def states_aim(text: str) -> bool:
    """Whether a sentence states the study's aim (STUDY_AIM_OPENING at its start, or STUDY_AIM_CONDUCTED)."""
    return bool(STUDY_AIM_OPENING.match(text)) or may_hold(text, STUDY_AIM_VERBS) and bool(STUDY_AIM_CONDUCTED.search(text))


def may_report_statistics(text: str) -> bool:
    """False only where RESULT_STATISTICS cannot match: it needs a comparison sign, "significant", "95", "CI"
    or a percentage ("by about 20%")."""
    return any(literal in text for literal in ("<", "=", ">", "≤", "≥", "significant", "95", "CI", "%"))


def may_say_not_significant(text: str) -> bool:
    """False only where NOT_SIGNIFICANT cannot match: every wording of it holds "signific" (looked for
    in the lower-cased text where it is ASCII, where str.lower and re.IGNORECASE agree)."""
    return not text.isascii() or "signific" in text.lower()


@dataclass
class SentenceMentions:
    """The entities of one sentence, in text order, sorted by label once (``Span.label_`` is a string-store
    look-up on every read)."""

    all: list[Span] = field(default_factory=list)
    drugs: list[Span] = field(default_factory=list)
    designs: list[Span] = field(default_factory=list)
    counts: list[Span] = field(default_factory=list)  # cohort sizes
    measured: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each outcome and lab marker

    def add(self, ent: Span) -> None:
        self.all.append(ent)
        label = ent.label
        if label == DRUG:
            self.drugs.append(ent)
        elif label == STUDY_DESIGN:
            self.designs.append(ent)
        elif label == COHORT_SIZE:
            self.counts.append(ent)
        elif label in (OUTCOME, LAB_MARKER):
            self.measured.append((ent.start, ent.end))


NO_MENTIONS = SentenceMentions()
CONCENTRATION_BEFORE = re.compile(r"\d+(?:\.\d+)?\s?%\s?$")


def mention_skips(mentions: SentenceMentions, doc_text: str) -> list[tuple[int, int]]:
    """The character ranges of a sentence's mentions, whose numbers are no values; a drug's range takes in
    the concentration written before it ("0.9% saline", "2% lidocaine": no result in percent)."""
    skips = []
    for ent in mentions.all:
        start = ent.start_char
        if ent.label == DRUG and doc_text[start - 1:start] == " " and "%" in doc_text[max(0, start - 3):start]:
            concentration = CONCENTRATION_BEFORE.search(doc_text, max(0, start - 9), start)
            start = concentration.start() if concentration else start
        skips.append((start, ent.end_char))
    return skips


# Designs that pool other studies: named in a sentence with the studies they pooled, they are its design.
POOLING_DESIGNS = ("meta_analysis", "systematic_review")


@dataclass
class StudyBlock:
    """What the text has said so far about the study that the current sentences report on."""

    design: str | None = None
    cohort: int | None = None
    refs: list[str] = field(default_factory=list)
    drugs: list[str] = field(default_factory=list)
    # each drug of ``drugs`` named by a sentence with those given together with it ("X with Y", "X and Y")
    together: dict[str, list[str]] = field(default_factory=dict)
    comparator: str | None = None
    population: str | None = None
    records: list[EvidenceRecord] = field(default_factory=list)
    has_study: bool = False
    study_text: str = ""  # the lower-cased sentences that named its design or cohort, where its arms are named


def sentence_refs(citations: list[Span]) -> list[str]:
    """The reference numbers of a sentence's citations, in order, once each."""
    refs: list[str] = []
    for span in citations:
        refs.extend(r for r in span._.refs if r not in refs)
    return refs


# Sentences that point back to the study just described ("In this cohort, ...", "This report was retrospective").
CONTINUATION = re.compile(
    r"^\s*((in|of|from|among) (this|that|the same|these) (cohort|trial|study|population|analysis|participants|patients)"
    r"|(this|that|these|the) (report|study|trial|analysis|cohort|review|findings|data|results)\b)", re.I)


def is_population_role(doc: Doc, span: Span) -> bool:
    """True where an outcome or marker describes who was studied ("patients requiring ventilation")."""
    return population_role(lower_words(doc), *sentence_bounds(doc), span)


def population_role(lower: list[str], starts: list[int], ends: list[int], span: Span) -> bool:
    """:func:`is_population_role` from the doc's tables (:func:`lower_words`, :func:`sentence_bounds`)."""
    first = max(starts[span.start], span.start - 4)
    window = lower[first: span.start]
    if "," in window:
        window = window[len(window) - window[::-1].index(","):]  # "Among patients on X, <Y> occurred ...": Y is no description
    for i, word in enumerate(window[:-1]):
        if word in POPULATION_HEADS and window[i + 1] in POPULATION_LINKS:
            if _counted(lower, starts[span.start], first + i):
                return False  # "the number of patients with <improved disability>": what is counted, the result
            # "the X group had fewer <falls>": a change the group had is a result, not who they were; so is
            # an event they went on to have ("patients given X developed <Y> less often"), unless a relative
            # clause says who they were ("patients who developed <Y>")
            # so is the patients' own verb that names the outcome ("patients given X <were discharged> earlier")
            return not (window[i + 1] in HAVING and any(w in CUES for w in window[i + 2:])
                        or window[-1] in EVENT_HAVING and window[i + 1] not in RELATIVE_LINKS and i + 2 < len(window)
                        or tuple(lower[span.start:span.end]) in VERB_OUTCOMES and window[i + 1] not in RELATIVE_LINKS)
    if window and window[-1] in ("with", "without") and any(w in POPULATION_HEADS for w in window):
        return True
    if len(window) >= 3 and window[-3] in ("who", "whom") and window[-2] in HAVING and window[-1] in CUES \
            and not _counted(lower, starts[span.start], first + len(window) - 4):
        return True  # "... patients aged 45 to 80 who had increased <cardiovascular risk>": who was enrolled
    if window[-1:] == ["on"] and _described_before(lower, max(starts[span.start], span.start - DESCRIPTION_REACH), span.start - 1):
        return True  # "patients with atrial fibrillation on <dialysis>": a second part of who they were
    end = span.end
    if end + 2 < ends[span.start] and lower[end] == "(" and lower[end + 2] == ")":
        end += 3  # "a fractional exhaled nitric oxide (FeNO) of at least 25 ppb": past its abbreviation
    elif end < ends[span.start] and lower[end] == ")":
        end += 1  # the abbreviation itself
    if end > span.end and THRESHOLD_CHANGES.intersection(window):
        return False  # "a sustained decline in eGFR (eGFR) of at least 50%": the change's threshold, an endpoint
    after = lower[end: min(ends[span.start], end + 3)]
    if after[:3] == ["of", "at", "least"] or (after[:1] in (["≥"], [">"], ["above"])):
        # "patients with X above 8%" describes who was studied; "X above 6 mmol/L was more common with Y"
        # counts an event, the result; so does a threshold with no one to describe before it
        return bool(THRESHOLD_HOLDERS.intersection(window)) or not any(w in CUES for w in lower[span.end: ends[span.start]])
    return False


def _described_before(lower: list[str], start: int, end: int) -> bool:
    """Whether ``lower[start:end]`` holds people described by "with" ("patients with atrial fibrillation") and
    nothing between that and ``end`` closes the description (a comma, a result cue)."""
    for i in range(end - 1, start, -1):
        if lower[i] in (",", ";", ":", "(", ")") or lower[i] in CUES:
            return False
        if lower[i] == "with" and lower[i - 1] in POPULATION_HEADS:
            return True
    return False


def _counted(lower: list[str], sent_start: int, head: int) -> bool:
    """Whether the participant noun at ``head`` is what a share or count noun counts ("the proportion of
    <patients>", "number of <children>")."""
    return head - 2 >= sent_start and lower[head - 1] == "of" and lower[head - 2] in COUNTED_SHARES


def _diminishing_before(tokens: list[str], i: int) -> bool:
    """Whether a comparative of smallness grades the change noun at ``i`` ("smaller mean <increases>")."""
    k = i - 1
    while k >= 0 and tokens[k] in GRADE_FILLERS:
        k -= 1
    return k >= 0 and tokens[k] in DIMINISHING


def _diminished_change(tokens: list[str], i: int) -> int | None:
    """The position of the change noun that the comparative of smallness at ``i`` grades, else None."""
    k = i + 1
    while k < len(tokens) and tokens[k] in GRADE_FILLERS:
        k += 1
    return k if k < len(tokens) and tokens[k] in GRADED_CHANGES else None


def _no_difference_ahead(tokens: list[str], i: int) -> bool:
    """ "no statistically significant difference", "no clear effect": "no" and, within three words, a difference."""
    if tokens[i] != "no":
        return False
    if any(w in ("difference", "differences", "effect", "change") for w in tokens[i + 1: i + 4]):
        return True
    # "no significant effects": a plural only after words that grade it ("no side effects" names harms)
    for k in range(i + 1, min(len(tokens), i + 4)):
        if tokens[k] in ("effects", "changes"):
            return all(w in NO_EFFECTS_MODIFIERS for w in tokens[i + 1:k])
    return False


def _no_event_in_any_group(tokens: list[str], i: int) -> bool:
    """ "No <events> occurred in either group", "no <events> were observed in any of the arms": an absence of
    events stated for every group alike, which states no difference between them. "no" opens the clause,
    a verb of observing follows within twelve words and a phrase naming all groups within six more."""
    if tokens[i] != "no" or i and tokens[i - 1] not in (",", ";", ":", "and", "but", "there", "were", "was"):
        return False
    ahead = tokens[i + 1: i + 13]
    seen = next((j for j, w in enumerate(ahead) if w in ABSENCE_VERBS), None)
    if seen is None:
        return False
    rest = tokens[i + 2 + seen: i + 8 + seen]
    return any(w in ALL_GROUPS for w in rest)


def _no_one_had(tokens: list[str], i: int) -> bool:
    """ "no child developed hypoxia", "no patient required dialysis": no one had the event in any group,
    which states no difference between them; "no" opens the clause."""
    if tokens[i] != "no" or i and tokens[i - 1] not in (",", ";", ":", "and", "but", "whereas", "while"):
        return False
    return tokens[i + 1: i + 2] and tokens[i + 1] in ONE_PARTICIPANT and tokens[i + 2: i + 3] \
        and tokens[i + 2] in EVENT_VERBS_AFTER_NO_ONE


# Every word that can open a cue in find_cues: a token holding none is passed over.
# "The effect on X was negligible": a word that says an effect was too small to count, after an effect noun.
NEGLIGIBLE = words("negligible_words")
STATE_WORDS = words("prevalence_state_words")  # _prevalence
PER_UNIT = words("per_unit_words")  # "each 1 mmol/L reduction in X": see _per_unit_exposure
# "..., whereas B was not": the auxiliary of a denied predicate whose verb is left out
DENIED_AUXILIARIES = words("denied_auxiliaries")
CONTRAST_LEADS = words("contrast_leads")
# "..., yet a larger trial found no reduction": a concessive after a comma opens another finding
CONCESSIVE_AFTER_COMMA = words("concessive_after_comma")
ELLIPTICAL_CHANGE_NOUNS = words("elliptical_change_nouns")
# "no such effect", "no association was observed for Y": a no-difference whose outcome is the last result's
ELLIPTICAL_NO = words("elliptical_no_words")
ELLIPTICAL_ARM_LINKS = words("elliptical_arm_links")
# "..., although a later analysis did not confirm this risk": verbs by which a study denies an earlier one's result.
CONFIRMING_VERBS = words("confirming_verbs")
CONFIRMING_REACH = 3
EFFECT_NOUNS = words("negligible_effect_nouns")
CUE_OPENERS = frozenset(NO_DIFFERENCE_STARTS | set(CUES) | ASSOCIATION | {"association", "associations"} | NEUTRAL_EFFECT
                        | NEGLIGIBLE | set(CUES_BEFORE_THAN))


RESPONDER_NOUNS = words("responder_change_nouns")
THRESHOLD_CHANGES = RESPONDER_NOUNS | GRADED_CHANGES  # population_role: a change noun before a threshold
THRESHOLD_BEFORE = [phrase.split() for phrase in word_list("responder_threshold_before")]
THRESHOLD_AFTER = [phrase.split() for phrase in word_list("responder_threshold_after")]
RESPONDER_LEADS = words("responder_leads")
RESPONDER_LEADS_AFTER_PARTICIPANTS = words("responder_leads_after_participants")
RESPONDER_PASSIVE_VERBS = words("responder_passive_verbs")
PERCENT_WORDS = words("percent_words")
THRESHOLD_NUMBER = re.compile(r"^[≥>]?=?\d+(?:\.\d+)?$")
PASSIVE_REACH = 12  # words from a threshold's noun to the verb of "... was reached by 30% of patients"


def _phrase_ending(tokens: list[str], end: int, phrases: list[list[str]]) -> int:
    """The length of the phrase of ``phrases`` that ends just before ``end`` (0 where none does)."""
    return next((len(p) for p in phrases if len(p) <= end and tokens[end - len(p):end] == p), 0)


def _phrase_starting(tokens: list[str], start: int, phrases: list[list[str]]) -> int:
    """The length of the phrase of ``phrases`` that starts at ``start`` (0 where none does)."""
    return next((len(p) for p in phrases if tokens[start:start + len(p)] == p), 0)


def _percent_at(tokens: list[str], i: int) -> bool:
    return 0 <= i and i + 1 < len(tokens) and bool(THRESHOLD_NUMBER.match(tokens[i])) and tokens[i + 1] in PERCENT_WORDS


def _reached_after(tokens: list[str], noun: int) -> bool:
    """ "... reduction in X was reached by 30% of patients": a passive verb of attaining ahead of the noun."""
    for i in range(noun + 2, min(len(tokens) - 1, noun + PASSIVE_REACH)):
        if tokens[i] in RESPONDER_PASSIVE_VERBS and tokens[i - 1] in BE_FORMS and tokens[i + 1] in ("by", "in"):
            return True
    return False


def _responder_lead(tokens: list[str], i: int) -> bool:
    """ "patients achieving", "participants with": the words before "a 50% reduction" that make it who responded."""
    if i < 0:
        return False
    return tokens[i] in RESPONDER_LEADS or (
        tokens[i] in RESPONDER_LEADS_AFTER_PARTICIPANTS and i > 0 and tokens[i - 1] in PARTICIPANTS)


def _threshold_before(tokens: list[str], noun: int) -> tuple[int, int] | None:
    """ "a ≥50% reduction", "a 50% or greater reduction", "patients achieving a 75% improvement"."""
    end = noun - _phrase_ending(tokens, noun, THRESHOLD_AFTER)
    if not _percent_at(tokens, end - 2):
        return None
    start = end - 2 - _phrase_ending(tokens, end - 2, THRESHOLD_BEFORE)
    qualified = end < noun or start < end - 2 or tokens[end - 2][0] in "≥>"
    if not qualified:
        lead = start - 1 if start > 0 and tokens[start - 1] in ("a", "an") else start
        qualified = _responder_lead(tokens, lead - 1) or _reached_after(tokens, noun)
    return (start, noun + 1) if qualified else None


def _threshold_after(tokens: list[str], noun: int) -> tuple[int, int] | None:
    """ "a reduction of at least 50%", "an improvement ≥ 75%", "a decrease of 50% or more"."""
    at = noun + 1 + (noun + 1 < len(tokens) and tokens[noun + 1] in ("of", "by"))
    number = at + _phrase_starting(tokens, at, THRESHOLD_BEFORE)
    if not _percent_at(tokens, number):
        return None
    end = number + 2 + _phrase_starting(tokens, number + 2, THRESHOLD_AFTER)
    qualified = number > at or end > number + 2 or tokens[number][0] in "≥>"
    return (noun, end) if qualified else None


def _counted_responders(tokens: list[str]) -> list[tuple[int, int]]:
    """ "the number of patients with improved X", "the proportion of children achieving reduced Y": a change word
    within two words after a counted participant noun and its link says who is counted, not which way the
    arms differ."""
    found = []
    for i in range(len(tokens) - 4):
        if tokens[i] in COUNTED_SHARES and tokens[i + 1] == "of" and tokens[i + 2] in PARTICIPANTS \
                and tokens[i + 3] in RESPONDER_LEADS | {"with", "who"}:
            found += [(k, k + 1) for k in range(i + 4, min(len(tokens), i + 6)) if tokens[k] in CUES]
    return found


def responder_thresholds(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) positions in ``tokens`` (lower-cased words) of every percentage threshold that defines
    who responded ("patients with a 50% or greater reduction in X", "a reduction of at least 75% in X was
    reached by ..."). Such a change noun names the endpoint, not the result's direction, and its percentage
    is no result value: the direction comes from the comparison of the arms."""
    found = _counted_responders(tokens) if COUNTED_SHARES.intersection(tokens) else []
    if not RESPONDER_NOUNS.intersection(tokens):
        return found
    for noun, word in enumerate(tokens):
        if word in RESPONDER_NOUNS:
            found.extend(t for t in (_threshold_before(tokens, noun), _threshold_after(tokens, noun)) if t)
    return found


LIST_SEPARATORS = words("list_separators")
# "Secondary outcomes, including A and B, were unaffected": the head noun of such a list stands this near the
# sentence's start (it is the subject)
LISTED_HEAD_REACH = 3
# "remains elevated": verbs after which a change word names a lasting state, unless groups are compared after it.
PERSISTING_VERBS = words("persisting_verbs")
COMPARISON_MARKERS = words("comparison_markers")
STATE_COMPARISON_REACH = 12
# "Longer-term safety is less clear", "less well supported": a degree word grading the evidence, no result cue.
GRADED_CERTAINTY = words("graded_certainty_words")
# "of 45% or less", "65 years or older": the bound words after "or", and how many unit words may stand between the figure
# and "or" ("300 cells per microlitre or more").
THRESHOLD_BOUNDS, THRESHOLD_UNIT_WORDS = words("threshold_bound_words"), 4
POOLED_DESIGN_GAP = 5  # "a meta-analysis of 18 published randomized trials": "of" and a count or two words


def cue_openers(lower: list[str]) -> list[int]:
    """The positions of the doc's words (``lower_words``) that can open a cue (:data:`CUE_OPENERS`), in order."""
    return positions_of(lower, CUE_OPENERS)


def find_cues(sent: Span, negated: set[int], openers: list[int] | None = None,
              named: Sequence[tuple[int, int]] = (),
              thresholds: list[tuple[int, int]] | None = None) -> list[tuple[int, str, bool]]:
    """Return (token index, direction, negated) for every result cue in the sentence; ``openers``: the
    doc's :func:`cue_openers`, where the caller has them; ``named``: the (start, end) of mentions, whose
    words are no cue that a degree word before them would grade ("more falls": "more" is the cue);
    ``thresholds``: the sentence's :func:`responder_thresholds`, where the caller has them."""
    lower = lower_words(sent.doc)
    tokens = lower[sent.start:sent.end]
    if openers is None:
        openers = cue_openers(lower)
    cues = []
    if thresholds is None:
        thresholds = responder_thresholds(tokens)
    for idx in openers[bisect_left(openers, sent.start):bisect_left(openers, sent.end)]:
        i = idx - sent.start
        word = tokens[i]
        if any(start <= i < end for start, end in thresholds):
            continue  # "a 50% or greater reduction in X": who responded, not which way X went
        if tuple(tokens[i:i + 2]) in CUE_WORDS_IN_NAMES:
            continue
        if word in DIMINISHING and _diminished_change(tokens, i) is not None:
            continue  # "smaller <increases>": the noun after it carries the cue
        if word in GRADED_CHANGES and _diminishing_before(tokens, i) and not any(start == idx for start, _ in named):
            cues.append((idx, REVERSED[CUES[word]], idx in negated))  # "smaller increases in X": X went down
            continue
        if word in NO_DIFFERENCE_STARTS and (
                any(tokens[i: i + len(p)] == p for p in NO_DIFFERENCE_PHRASES) or _no_difference_ahead(tokens, i)
                or _no_event_in_any_group(tokens, i) or _no_one_had(tokens, i)):
            cues.append((idx, "no_difference", True))
        elif word in CUES and i and tokens[i - 1] in SAMENESS_WORDS and tokens[i - 1] not in CUES \
                and CUES[word] != "no_difference":
            # "A and B produced equivalent gains in X": equivalence, no difference, with the size word as the cue
            # ("similar reductions", "comparable reductions" stay reductions in each arm: "similar" is a cue of its own
            # where it states no difference)
            cues.append((idx - 1, "no_difference", idx - 1 in negated))
        elif word in CUES and not (word in DEGREE_WORDS and i + 1 < len(tokens) and tokens[i + 1] in CUES
                                   and not any(start == idx + 1 for start, _ in named)):
            cues.append((idx, CUES[word], idx in negated))
        elif word in ASSOCIATION and i + 1 < len(tokens) and tokens[i + 1] in ("with", "to"):
            cues.append((idx, "association", idx in negated))
        elif word in ("association", "associations") and idx in negated:
            cues.append((idx, "no_difference", True))
        elif word in NEUTRAL_EFFECT and idx in negated:
            cues.append((idx, "no_difference", True))
        elif word in NEGLIGIBLE and EFFECT_NOUNS.intersection(tokens[max(0, i - 8): i]):
            cues.append((idx, "no_difference", False))  # like "similar": a size, not a denial
        elif word in CUES_BEFORE_THAN and "than" in tokens[i + 1: i + 1 + THAN_REACH]:
            cues.append((idx, CUES_BEFORE_THAN[word], idx in negated))  # "removed earlier in A than in B"
    return cues


def values_in(doc: Doc, doc_text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[dict]:
    """The typed values reported between two token positions (see :mod:`extractor.values`), leaving
    out numbers inside mentions and citations (``skip``: character ranges). ``doc_text`` is
    ``doc.text``, built once by the caller: spaCy joins the whole doc on every ``doc.text``."""
    if start >= end:
        return []
    strings = doc_strings(doc)
    offset = strings.idx[start]
    text = doc_text[offset:strings.idx[end - 1] + len(strings.words[end - 1])]
    if not digit_outside(text, offset, skip):
        return []  # every value and p-value holds a digit; most clauses have none outside their mentions
    found = []
    values, p_values = find_values_and_p_values(text)
    for begin, finish, value in values + exact_p_values(p_values):
        begin, finish = begin + offset, finish + offset
        if not overlaps(begin, finish, skip):
            found.append((begin, value))
    return [value for _, value in sorted(found, key=lambda item: item[0])]


def digit_outside(text: str, offset: int, skip: list[tuple[int, int]]) -> bool:
    """Whether a digit of ``text`` (which starts at character ``offset`` of the doc) stands outside every
    character range of ``skip``: a value found where none does overlaps a skipped range ("HbA1c", "IL-6")."""
    return any(not overlaps(offset + digit.start(), offset + digit.end(), skip) for digit in DIGIT.finditer(text))


def p_values_in(text: str) -> list[tuple[int, int, dict]]:
    """Exact p-values ("p = 0.41"): ANNOTATION.md puts p-values among a record's values; thresholds
    ("p < 0.001") say only that a result is significant and stay out."""
    return exact_p_values(find_p_values(text))


def exact_p_values(p_values: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    return [(s, e, v) for s, e, v in p_values if v.get("comparator") == "="]


def first_p_not_significant(p_values: list[tuple[int, int, dict]]) -> bool:
    """Whether the first p-value of a result's clause says "not significant" (above 0.05): a later one
    belongs to the next finding listed ("shorter operative time (p = 0.02), fewer narcotics (p = 0.05)")."""
    if not p_values:
        return False
    first = min(p_values, key=lambda found: found[0])[2]
    if first["comparator"] in ("<", "<="):
        return first["value"] > 0.05  # "p < 0.07" bounds a value that may be 0.06
    if first["value"] == 0.05:
        return first["comparator"] in (">", ">=")  # "p = 0.05" sits on the line: the words decide
    return first["value"] > 0.05 and first["comparator"] in ("=", ">", ">=")


def sentence_not_significant(text: str) -> bool:
    """A sentence whose one p-value is 0.05 or more and that claims no significance anywhere ("X was 77%
    in group A and 74% in group B (p = 0.34)"): that p-value tests every result it states."""
    if "signific" in text.lower():
        return False  # worded significance is read by NOT_SIGNIFICANT and the cues
    p_values = find_p_values(text) if DIGIT.search(text) else []
    return len(p_values) == 1 and first_p_not_significant(p_values)


def significant_p(values: list[dict]) -> bool:
    """A p-value below 0.05 among the clause's values ("p = 0.04", "p < 0.001", "p < 0.05")."""
    return any(v["kind"] == "p" and (v["value"] < 0.05 or v["value"] == 0.05 and v.get("comparator") in ("<", "<="))
               for v in values)


RATIO_KINDS = {"hr", "or", "rr", "irr"}
# Differences between arms, whose null value is 0 ("MD -1.3, 95% CI -1.9 to -0.7"; a risk reduction's sign is
# no direction of the outcome, so "arr" and "rrr" stay out).
DIFFERENCE_KINDS = {"md", "smd", "wmd"}


def _null_value(kind: str) -> float | None:
    return 1.0 if kind in RATIO_KINDS else 0.0 if kind in DIFFERENCE_KINDS else None


def _interval_side(value: dict) -> str | None:
    """Where an effect's interval lies against its null value (1 for a ratio, 0 for a difference): "below",
    "above", or None where it holds the null value, has no bounds or is no ratio or difference."""
    null = _null_value(value["kind"])
    low, high = value.get("ci_low"), value.get("ci_high")
    if null is None or low is None or high is None or not low <= value["value"] <= high:
        return None
    return "below" if high < null else "above" if low > null else None


def significant_in(values: list[dict], text: str) -> bool:
    """Whether a clause reports a significant result: a p-value below 0.05 among its values, a p threshold
    in its words ("P < 0.001", which is no value), or a ratio whose interval leaves out 1 ("RR 0.49, 95% CI
    0.27 to 0.88")."""
    if significant_p(values):
        return True
    if any(_interval_side(v) is not None for v in values):
        return True
    return bool(DIGIT.search(text)) and significant_p([v for _, _, v in find_p_values(text)])


def compared_percents(values: list[dict]) -> str | None:
    """ "14.1% vs 21.8%": the direction of the first arm's percentage against the second's (trial
    reports give the intervention arm first)."""
    percents = [v["value"] for v in values if v["kind"] == "percent"]
    if len(percents) < 2 or percents[0] == percents[1]:
        return None
    return "decrease" if percents[0] < percents[1] else "increase"


def compared_pair(values: list[dict]) -> str | None:
    """ "9.5 and 14.7 days (p = 0.005)": with exactly two measured values of one kind, the direction of
    the first (the intervention arm, as trial reports order them) against the second."""
    measured = [v for v in values if v["kind"] in ("percent", "number")]
    if len(measured) != 2 or measured[0]["kind"] != measured[1]["kind"] or measured[0]["value"] == measured[1]["value"]:
        return None
    return "decrease" if measured[0]["value"] < measured[1]["value"] else "increase"


def effect_direction(values: list[dict], outcome: str = "") -> str | None:
    """ "HR 0.79; 95% CI 0.66-0.95", "MD -1.3, 95% CI -1.9 to -0.7": the direction an effect states where its
    interval lies wholly below or above its null value (the first ratio or difference with both bounds); None
    where it has no interval or the interval holds the null value. A survival outcome's ratio is that of the
    event it survives ("overall survival ... (HR 0.69; 0.55-0.86)"): below 1 it improved, above 1 it worsened."""
    effect = next((v for v in values if _null_value(v["kind"]) is not None and v.get("ci_low") is not None
                   and v.get("ci_high") is not None), None)
    side = _interval_side(effect) if effect is not None else None
    if side and effect["kind"] in RATIO_KINDS and "survival" in outcome:
        return {"below": "improve", "above": "worsen"}[side]
    return {"below": "decrease", "above": "increase"}.get(side)


def own_design(named: list[tuple[int, str]], target: Span) -> str | None:
    """Where a sentence names designs of different kinds (``named``: (start, design) in text order), a result
    takes the last one named before it ("observational studies suggested A, but a meta-analysis found no B":
    B's design is the meta-analysis); else None, and the record takes its study block's design."""
    if len({design for _, design in named}) < 2:
        return None
    before = [design for start, design in named if start < target.start]
    return before[-1] if before else None


def cohort_of_mentions(spans: list[Span], norms: SpanNorms) -> int | None:
    """:func:`cohort_of_spans`, each COHORT_SIZE mention's count read from its norm (the mentions stage read it
    from the same text, by the same ``cohort_value``) instead of parsed again."""
    ordered = sorted(spans, key=lambda span: span.start)
    return sentence_cohort(list(zip((norms(span)["value"] for span in ordered), cohort_kinds(ordered))))


def own_cohort(counts: list[Span], target: Span) -> int | None:
    """Where a sentence names studies of different designs ("a meta-analysis of 3,309 patients found A, yet a
    trial of 794 found no B"), the cohort a result takes: the last one named before it (None where none is,
    and the record takes its study block's)."""
    before = [span for span in counts if span.end <= target.start]
    return cohort_of_spans(before[-1:]) if before else None


def respective_values(values: list[dict], drugs: int, clause: str) -> list[list[dict]] | None:
    """ "A and B lowered X (HR 0.47 and 0.67, respectively)": each drug's own value, with the clause's
    p-values, where the clause says "respectively" and gives one value per drug; else None (all share)."""
    if drugs < 2 or "respectively" not in clause.lower():
        return None
    own = [v for v in values if v["kind"] != "p"]
    if len(own) != drugs:
        # "reduced X by about 15% (hazard ratios 0.84 and 0.86, respectively)": the effect measures are each
        # drug's, the figure said of them all is shared
        own = [v for v in values if v["kind"] in EFFECT_KINDS]
        if len(own) != drugs:
            return None
    shared = [v for v in values if not any(v is value for value in own)]
    return [[value, *shared] for value in own]


def share_respective_values(records: list[EvidenceRecord]) -> None:
    """ "stomatitis and neutropenia were less frequent (2% vs 14% and 2% vs 26%, respectively)": outcomes listed
    together, of which only the last took the figures, take them in turn where each gets as many. The run is the
    last record of a drug with values and the records of that drug and direction just before it that have none;
    p-values go one to each outcome where there is one per outcome, else to all."""
    by_drug: dict[str, list[EvidenceRecord]] = {}
    for record in records:
        by_drug.setdefault(record.intervention, []).append(record)
    for own in by_drug.values():
        last = own[-1]
        run = [last]
        for record in reversed(own[:-1]):
            if record.values or record.direction != last.direction or record.outcome == last.outcome:
                break
            run.insert(0, record)
        figures = [v for v in last.values if v["kind"] != "p"]
        p_values = [v for v in last.values if v["kind"] == "p"]
        if len(run) < 2 or not figures or len(figures) % len(run):
            continue
        size = len(figures) // len(run)
        for k, record in enumerate(run):
            own_p = p_values[k:k + 1] if len(p_values) == len(run) else p_values
            record.values = figures[k * size:(k + 1) * size] + own_p


def _direction_for(cue_direction: str, outcome_name: str, cue_word: str, values: list[dict]) -> str | None:
    if cue_direction == "association":
        percents = [v["value"] for v in values if v["unit"] == "%"]
        if len(percents) >= 2:
            return "decrease" if percents[0] < percents[1] else "increase"
        return None
    if cue_word in ("shortened", "shorten", "shortens") and any(k in outcome_name for k in TIME_OUTCOMES):
        return "improve"
    if cue_word in PROLONGING and LENGTHENED_AMOUNTS.intersection(outcome_name.lower().split()):
        return "increase"
    return cue_direction


# What may stand between two drugs named together: "X and Y", "X plus Y", "X combined with Y".
COORDINATING = words("coordinating_words")
# The words between two drugs given as one combination: "X plus Y", "X combined with Y".
COMBINATION_JOINS = [phrase.split() for phrase in word_list("drug_combination_joins")]


def _after_aside(between: list[str]) -> list[str]:
    """The words between two drugs after a bracketed aside that follows the first ("A (HR 0.79) and B"), else all."""
    if between[:1] == ["("] and ")" in between and "(" not in between[1:between.index(")")]:
        return between[between.index(")") + 1:]
    return between


def _coordinated(doc: Doc, drugs: list[Span], anchor: Span) -> list[Span]:
    """The drug nearest before the cue together with drugs joined to it by and/or/commas/plus."""
    lower = lower_words(doc)
    group = [anchor]
    ordered = sorted(drugs, key=lambda s: s.start)
    idx = ordered.index(anchor)
    for direction in (-1, 1):
        j = idx
        while 0 <= j + direction < len(ordered):
            a, b = (ordered[j + direction], ordered[j]) if direction < 0 else (ordered[j], ordered[j + direction])
            between = _after_aside(lower[a.end: b.start])
            if len(between) > 1 and between[-1] in ROUTE_WORDS:
                between = between[:-1]  # "oral ivermectin and <topical> permethrin": the route names the drug's arm
            if between and all(w in COORDINATING for w in between) and len(between) <= 2:
                group.append(ordered[j + direction])
                j += direction
            else:
                break
    return sorted(group, key=lambda s: s.start)


POPULATION = re.compile(
    r"\b((?:(?:critically ill|older|elderly|hospitali[sz]ed|surgical|pregnant|young|adult|obese) )?"
    rf"(?:{'|'.join(word_list('population_phrase_heads'))}) "
    r"(?:with|receiving|requiring|undergoing|admitted|aged|presenting|hospitali[sz]ed|who (?:had|have|were|are|required|needed))"
    r"\b)((?: [^\s,;().\[\]]+){1,10})", re.I)  # a bracketed citation ("[9]") ends it, as a parenthesis does
# Each head followed by the space POPULATION asks for: text without any (in plain ASCII, where
# re.IGNORECASE and str.lower agree) cannot match it, and most sentences are such text.
POPULATION_HEAD_WORDS = tuple(f"{head.lower()} " for head in word_list("population_phrase_heads"))
# A head and the link word after it, as POPULATION asks for them, in lower case: in plain ASCII text
# (lower-cased) a necessary condition of POPULATION that is cheaper than POPULATION itself.
POPULATION_LINKED = re.compile(
    rf"(?:{'|'.join(head.lower() for head in word_list('population_phrase_heads'))}) "
    r"(?:with|receiving|requiring|undergoing|admitted|aged|presenting|hospitali[sz]ed|who (?:had|have|were|are|required|needed))"
    r"\b")
POPULATION_LEAD = 20  # longer than any adjective POPULATION allows before a head, with its space ("critically ill ")
POPULATION_END = re.compile(r"\s+\b(suggested|showed|found|had|was|were|is|are|remains?|appears?|seems?|reduced|"
                            r"increased|and|but|who|that|than|received|underwent|randomi[sz]ed|assigned|allocated|enrolled|"
                            r"completed|did|does|examined|investigated|evaluated|assessed|compared)\b.*$", re.I)


ASSIGNED_BEFORE = re.compile(r"\b(?:assigned|allocated|randomi[sz]ed|enrolled)\b", re.I)
ALLOCATED_TO = re.compile(r"\s+to\b.*$", re.I)
COMPARISON_BEFORE = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?)\s*$", re.I)


def populations_in(sent: Span, text: str | None = None, lowered: str | None = None) -> list[tuple[int, str]]:
    """(character offset, phrase) of every population description in a sentence, such as "patients
    requiring invasive mechanical ventilation"; "patients who received X" names a treatment arm instead.
    ``text``: the sentence's text, and ``lowered`` its lower-cased form, where the caller has them."""
    found = []
    text = span_text(sent) if text is None else text
    lowered = text.lower() if lowered is None else lowered
    start = 0
    if text.isascii():
        linked = any(map(lowered.__contains__, POPULATION_HEAD_WORDS)) and POPULATION_LINKED.search(lowered)
        if not linked:
            return found
        # every match holds a head and its link, the first of which POPULATION_LINKED found, and starts at
        # most POPULATION_LEAD characters before its head (an adjective): no match starts before that
        start = max(0, linked.start() - POPULATION_LEAD)
    match = POPULATION.search(text, start)
    while match:
        tail = POPULATION_END.sub("", match.group(2))
        # the next description may start inside this one's words after its end ("... but not among patients with X")
        following = POPULATION.search(text, match.start(2) + max(1, len(tail)))
        if COMPARISON_BEFORE.search(text, max(0, match.start() - 15), match.start()):
            match = following
            continue  # "... than patients who did not", "compared with patients receiving usual care": the comparator
        if ASSIGNED_BEFORE.search(text, 0, match.start()):
            tail = ALLOCATED_TO.sub("", tail)  # "randomly assigned 320 adults with X to fidaxomicin or ...": the arm
        tail = tail.strip()
        if tail:
            found.append((sent.start_char + match.start(1), f"{match.group(1)} {tail}"))
        match = following
    return found


def population_near(candidates: list[tuple[int, str]], target: Span) -> str | None:
    """The population described closest to a result: right after it ("... mortality among patients
    receiving ventilation"), else the nearest one before it."""
    after = [c for c in candidates if target.end_char <= c[0] <= target.end_char + 40]
    if after:
        return after[0][1]
    before = [c for c in candidates if c[0] < target.start_char]
    return before[-1][1] if before else None


# "the X group", "the Y arm": the nouns after an arm's name that make it a group of the result.
GROUP_NOUNS = words("group_nouns")
# Words between two groups' figures that pair them: "... of the X group and 24% of the Y group".
GROUP_LINKS = words("group_links")
SECOND_GROUP_REACH = 16
# What every arm COMPARATOR_LEAD names holds (lower-case, for ASCII text): a cheap check before it.
COMPARATOR_ARM_WORDS = ("placebo", "care", "control", "no ", "chemotherapy", "observation", "wait", "sham")


# COMPARATOR_LEAD and COMPARATOR_GROUP without re.IGNORECASE, for lower-cased ASCII text: there lower-casing
# keeps every offset and the patterns read the text as the originals read it (and faster).
COMPARATOR_LEAD_LOWER = re.compile(COMPARATOR_LEAD.pattern)
COMPARATOR_GROUP_LOWER = re.compile(COMPARATOR_GROUP.pattern)


def comparator_in(text: str, lowered: str | None = None) -> str | None:
    """The comparator arm a sentence names ("versus placebo", "of the placebo group"); ``lowered``:
    ``text.lower()``, where the caller has it."""
    if text.isascii():
        lowered = text.lower() if lowered is None else lowered
        if not any(map(lowered.__contains__, COMPARATOR_ARM_WORDS)):
            return None
        match = COMPARATOR_LEAD_LOWER.search(lowered) or COMPARATOR_GROUP_LOWER.search(lowered)
        return LEADING_DETERMINERS.sub("", text[match.start(1):match.end(1)]) if match else None
    match = COMPARATOR_LEAD.search(text) or COMPARATOR_GROUP.search(text)
    return LEADING_DETERMINERS.sub("", match.group(1)) if match else None


class RecordBuilder:
    """Builds the records of one document; see the module docstring for the reading strategy."""

    def __init__(self, doc: Doc, mentions: list[Mention] | None = None, ents: tuple[Span, ...] | None = None):
        self.doc = doc
        self.text = doc_text(doc)
        # per-doc tables read instead of Token objects, ``span.sent`` and ``doc._`` in the loops below
        self.words, self.lower, self.idx = token_words(doc), lower_words(doc), token_offsets(doc)
        self.sent_starts, self.sent_ends = sentence_bounds(doc)
        self.cue_openers = cue_openers(self.lower)
        self.question_openers = positions_of(self.lower, QUESTION_OPENERS)
        ents = doc.ents if ents is None else ents  # spaCy builds the tuple anew on every read: read once
        self.norms = SpanNorms(doc, mentions, ents)
        self.role_of = sentence_roles(doc)
        self.claims = doc_extension(doc, "claims") or {}
        flags = ContextFlags.from_doc(doc)
        self.negated = flags.negated
        self.hedged = flags.hedged
        self.blocks: list[StudyBlock] = []
        self._comparator_position: dict[int, bool] = {}
        self._first_named: dict[str, int] | None = None  # each drug name's first mention (_named_by_now)
        self.citations: dict[int, list[Span]] = {}
        for cite in doc.spans.get(CITATIONS_KEY, []):
            start = self.sent_starts[cite.start]
            if cite.start == start and cite.start > 0 and not doc[cite.start - 1].whitespace_:
                start = self.sent_starts[cite.start - 1]  # "shock.22 However": the number ends the sentence before
            self.citations.setdefault(start, []).append(cite)
        self.topic = self._topic_drugs(doc, self.norms, ents)
        self._drug_ending_at = {e.end: e for e in ents if e.label == DRUG}
        first_drug = next((e for e in ents if e.label == DRUG), None)
        self.topic_start = first_drug.start if first_drug is not None else len(doc)
        self.topic_is_class = first_drug is not None and is_class(first_drug)
        if first_drug is not None and self._in_comparator_position(first_drug):
            self.topic = []  # "... compared with saline": what the passage compares against is not its topic
        self._sentence_end = 0
        self.mentions_by_sentence: dict[int, SentenceMentions] = {}
        for ent in ents:
            start = self.sent_starts[ent.start]
            in_sentence = self.mentions_by_sentence.get(start)
            if in_sentence is None:  # made only for a new sentence (not as setdefault's default, for every entity)
                in_sentence = self.mentions_by_sentence[start] = SentenceMentions()
            in_sentence.add(ent)
        self.targets_by_sentence: dict[int, list[Span]] = {}
        # the span groups read below several times, each read once (a SpanGroup makes its Spans on every pass)
        groups = read_groups(doc, LEARNED_KEY, RESULT_PHRASES_KEY)
        for target in outcome_targets(doc, ents, groups):
            self.targets_by_sentence.setdefault(self.sent_starts[target.start], []).append(target)
        self.measured = measured_phrases(doc, ents, groups)
        marker_listed: set[int] = set()  # the start tokens of the drugs listed_with_marker, read once per drug
        if self._drug_ending_at:
            token_labels(doc, ents)  # read by listed_with_marker, from the entities read above
            marker_listed = {e.start for e in self._drug_ending_at.values() if listed_with_marker(doc, e)}
        # the drugs named as arms (not as the thing measured), in text order; entities never overlap,
        # so a start token names one
        arm_drugs = [e for e in ents if e.label == DRUG and not is_measured(doc, e, self.measured, marker_listed)]
        # a substance the text measures in its outcomes again and again is no arm anywhere in it
        substances = measured_names(ents, {e.start for e in arm_drugs}, self.norms.name, self.lower,
                                    grammar().measure_heads, is_class)
        # a drug listed with markers anywhere ("IL-6, CRP and F2-isoprostane were measured") is a marker the tagger
        # took for a drug in every mention ("smaller F2-isoprostane (P < 0.1) and IL-6 than controls")
        substances |= {self.norms.name(e) for e in ents if e.label == DRUG and e.start in marker_listed}
        # so is a drug every participant was given ("All patients received opioid analgesia"): both arms share it
        substances |= background_drugs(doc, arm_drugs, self.norms.name)
        if substances:
            arm_drugs = [e for e in arm_drugs if self.norms.name(e) not in substances]
            self.topic = [name for name in self.topic if name not in substances]
        # a drug the text never names as an arm ("opioid-sparing analgesia") is no topic the claims carry over
        arm_names = {self.norms.name(e) for e in arm_drugs}
        self.topic = [name for name in self.topic if name in arm_names]
        self.arm_drug_starts = {e.start for e in arm_drugs}
        self.arm_drugs = arm_drugs
        arms = treatment_arms(doc, ents, groups)
        self._named_arms = arms  # the candidates of arm_candidates, read where first asked for
        # the arm scorer's first choice where it is a non-drug arm, else the counting rule of main_arm
        compared = compared_arm_names(doc, arms)
        self.main_arm = self._learned_non_drug_arm(arms, arm_drugs, compared) or main_arm(
            doc, arms, self.measured, self.norms, arm_drugs)
        if self.main_arm:
            self.main_arm = self._drug_qualified_by(self.main_arm, arm_drugs) or drug_named_in(
                self.main_arm, arm_drugs, self.norms) or self.main_arm
        # ANNOTATION.md wants a DRUG intervention; a non-drug arm stands in only where it, not a drug,
        # is what the text is about (a trial of a procedure that mentions a drug in passing).
        self.arms = arms if self.main_arm else []

    def _learned_non_drug_arm(self, arms: list[Span], drugs: list[Span], compared: set[str]) -> str | None:
        """The non-drug arm the arm scorer picks (:func:`learned_main_arm`, :meth:`_title_arm_over_background`);
        none where the text names no non-drug arm."""
        if not arms:
            return None
        return learned_main_arm(self.arm_scores, compared) or self._title_arm_over_background(arms, drugs, compared)

    # The candidate arms and their scores are read where first asked for: most texts name no non-drug arm, and
    # there only a carried-over drug class asks for them.
    @cached_property
    def arm_candidates(self) -> dict[tuple[str, str], Candidate] | None:
        """The candidate arms by (kind, name) (:func:`studied_arm_candidates`)."""
        return studied_arm_candidates(self.doc, self.measured, self.norms, self._named_arms, self.arm_drugs)

    @cached_property
    def arm_scores(self) -> dict[tuple[str, str], float] | None:
        """The arm scorer's probability of each candidate arm, by (kind, name) (:func:`studied_arm_scores`)."""
        candidates = self.arm_candidates
        return None if candidates is None else candidate_scores(self.doc, list(candidates.values()))

    def _title_arm_over_background(self, arms: list[Span], drugs: list[Span], compared: set[str]) -> str | None:
        """ "<device> in type 1 diabetes treated with <drug>": where the drug the arm scorer ranks first among
        the drugs is first named, in the title, as what the patients are treated with (:data:`BACKGROUND_LEADS`), the
        non-drug arm the title names (a candidate whose words stand in it, not one named only as the comparison)
        is the one studied; the scorer's best such arm."""
        if not self.arm_scores or not self.sent_starts:
            return None
        ranked = [(p, name) for (kind, name), p in self.arm_scores.items() if kind != "arm"]
        if not ranked:
            return None
        top = max(ranked)[1]
        title_end = self.sent_ends[0]
        first = next((d for d in drugs if self.norms.name(d) == top), None)
        if first is None or first.start >= title_end or not self._after_background_lead(first.start):
            return None
        title = self.lower[:title_end]
        titled = {name for name in map(arm_name, arms) if name not in compared and _contains(title, name.split())}
        scored = [(self.arm_scores.get(("arm", name), 0.0), name) for name in titled]
        return max(scored)[1] if scored else None

    def _after_background_lead(self, start: int) -> bool:
        """Whether a phrase of :data:`BACKGROUND_LEADS` ends right before token ``start`` in its sentence."""
        since = self.sent_starts[start]
        return any(start - len(lead) >= since and self.lower[start - len(lead):start] == lead for lead in BACKGROUND_LEADS)

    def _drug_qualified_by(self, arm: str, drugs: list[Span]) -> str | None:
        """The drug an arm's name qualifies where the text writes it before the drug ("the early arm" of
        "early enoxaparin"): that arm is the drug's."""
        words = arm.lower().split()
        for drug in drugs:
            if drug.start >= len(words) and self.lower[drug.start - len(words): drug.start] == words:
                return self.norms.name(drug)
        return None

    def build(self) -> list[EvidenceRecord]:
        block = StudyBlock()
        self.blocks.append(block)
        self.sents = doc_sentences(self.doc)  # spaCy makes the Span objects anew on every pass over doc.sents
        for sent in self.sents:
            block = self._read_sentence(sent, block)
        records: list[EvidenceRecord] = []
        for blk in self.blocks:
            for record in blk.records:
                if record.design is None:
                    record.design = blk.design
                if record.cohort_size is None:
                    record.cohort_size = blk.cohort
                records.append(record)
        records = directions_as_stated(self._reported_once(merge_restated(records)), self.text)
        records = drop_non_results(drop_definitions(drop_baseline_comparisons(records, self.text), self.text))
        records = drop_future_work(drop_event_tallies(drop_correlations(records, self.text), self.text), self.text)
        # an arm chosen by the long form of its abbreviation keeps the name the text wrote (see arm_name)
        # (not a drug's name: a drug record is named by its lexicon entry)
        written = self.doc.user_data.get(ARM_WRITTEN_NAMES)
        if written:
            drugs = self._drug_first_mentions()
            for record in records:
                if record.intervention in written and record.intervention not in drugs:
                    record.intervention = abbreviation_headed(written[record.intervention], self.doc)
        records = self._dose_arms_by_product(self._arms_without_qualifiers(self._endpoints_by_name(records)))
        return self._without_arm_outcomes(drop_wordier_outcomes(one_per_pair(records, self.text)))

    def _dose_arms_by_product(self, records: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """An arm named by its dose ("the high-dose group", "the high-dose vaccine") takes the name of the one product
        the text named with that dose and more words ("high-dose quadrivalent influenza vaccine" -> "high-dose
        influenza vaccine"): the short name is the reader's reference back to it."""
        products = {self.norms.name(e) for e in self.doc.ents if e.label == DRUG}
        renamed = False
        for record in records:
            short = (record.intervention or "").split()
            if not short or not short[0].endswith("-dose"):
                continue
            fuller = [name for name in products if name.split()[0] == short[0] and set(short) < set(name.split())]
            # the fullest of them ("high-dose vaccine" is the fuller name's own short form)
            fuller = [name for name in fuller if not any(set(name.split()) < set(other.split()) for other in fuller)]
            if len(fuller) == 1:
                record.intervention = fuller[0]
                renamed = True
        # "in the high-dose group" and "with the high-dose vaccine" in one sentence: one claim
        return merge_duplicates(records) if renamed else records

    def _endpoints_by_name(self, records: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """A record whose outcome only names an endpoint's role ("the reduction in the primary composite was of
        similar size with X") takes the name of the composite or endpoint the text defined before it ("reduced
        the composite of cardiovascular death or hospitalization for heart failure"), as a reader resolves it."""
        for record in records:
            role = set((record.outcome or "").lower().replace("-", " ").split())
            if not role or not role <= ENDPOINT_ROLE_WORDS or role.isdisjoint(ENDPOINT_NOUNS) or not record.evidence:
                continue
            named = self._endpoint_defined_before(self.doc.char_span(*record.evidence[0], alignment_mode="expand"),
                                                  role & ENDPOINT_KIND_WORDS)
            if named is not None:
                record.outcome = named
        return records

    def _endpoint_defined_before(self, sent: Span | None, kinds: set[str]) -> str | None:
        """The name of the last outcome before ``sent`` that the text defines as an endpoint: one after "the
        composite of" or after "the primary outcome was" (of the same kind as ``kinds``, "primary" or
        "secondary", where the reference names one)."""
        if sent is None:
            return None
        for ent in reversed([e for e in self.doc.ents if e.label == OUTCOME and e.end <= sent.start]):
            lead = self.lower[max(self.sent_starts[ent.start], ent.start - ENDPOINT_LEAD_REACH):ent.start]
            said = set(lead) & ENDPOINT_KIND_WORDS
            if "composite" in lead and not (said - kinds) or not ENDPOINT_NOUNS.isdisjoint(lead) and said and said <= kinds:
                return self.norms.name(ent)
        return None

    def _arms_without_qualifiers(self, records: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """The records with each non-drug arm named without its leading qualifiers (:func:`without_qualifiers`)."""
        for record in records:
            name = record.intervention
            if name and without_qualifiers(name) != name and name not in self._drug_first_mentions():
                record.intervention = without_qualifiers(name)
        return records

    def _without_arm_outcomes(self, records: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """The records whose outcome is not the name of a treatment arm the text names ("<X> was better than <Y>
        for <Z>" read with X, which the tagger took for an outcome, as what was measured): an arm is no outcome."""
        arms = self._named_arms
        if not arms:
            return records
        names = {arm_name(arm) for arm in arms} | {plain_arm_name(arm) for arm in arms}
        return [record for record in records if (record.outcome or "").lower() not in names]

    def _reported_once(self, records: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """A text laid out as a trial report (records from two results sentences or more) states its claims in
        its results; its title, the background before them and the conclusions after them summarise those
        results or others' work. Their claims are kept only where a results sentence states them too (merged
        into the results record, whose evidence comes first). Outside the results, a sentence the role model
        calls methods is kept where it reads as a result (:func:`reads_as_result`): the model misses some."""
        sents = self.sents
        roles = ["title" if i == 0 and self.role_of(s.start) != "results" else self.role_of(s.start)
                 for i, s in enumerate(sents)]
        starts = [s.start_char for s in sents]
        text = self.text  # each sentence's text read from it (``Span.text`` makes a Token per word)
        at = [bisect_left(starts, r.evidence[0][0] + 1) - 1 if r.evidence else None for r in records]
        results = [i for i in at if i is not None and roles[i] == "results"]
        if len(set(results)) < MIN_RESULT_SENTENCES or sum(1 for cited in self.citations.values() if cited) >= 2:
            if any(self.citations.values()):
                return records  # a text citing others' work (in two sentences: a review) is read whole
            if any(P_VALUE.search(said := text[s.start_char:s.end_char]) or OWN_ALLOCATION.search(said) for s in sents):
                # a trial's abstract (it reports tests or allocates its own patients) whose results the role model
                # does not find: what it says earlier research found is background
                records = [r for r, i in zip(records, at) if not self._earlier_work(r, i)]
                at = [bisect_left(starts, r.evidence[0][0] + 1) - 1 if r.evidence else None for r in records]
            if len(sents) >= TITLED_TEXT_SENTENCES and roles[0] == "title" and not any(map(str.isdigit, text[sents[0].start_char:sents[0].end_char])):
                # an abstract whose results the role model does not find: its title (often run into the first
                # background sentence, "... a randomised trial Few trials have ...") names the topic, not a finding
                return [r for r, i in zip(records, at) if i != 0]
            return records
        first, last = min(results), max(results)

        stated = [r for r, i in zip(records, at) if i is not None and roles[i] == "results"]
        arms = {r.intervention for r in stated}
        outcome_words = {word for r in stated for word in _content_words(r.outcome)}

        def summary(record: EvidenceRecord, i: int | None) -> bool:
            if self._earlier_work(record, i):
                return True  # others' finding, whatever role the model gives its sentence
            if i is None or roles[i] == "results" or first <= i <= last:
                return False
            if roles[i] == "conclusions" and i > last and record.intervention in arms \
                    and not outcome_words & _content_words(record.outcome) and self._own_conclusion(record, sents[i]):
                return False  # a conclusion that states a pair the results did not: a claim of its own
            return roles[i] in ("title", "conclusions") or roles[i] == "background" and i < first \
                or not reads_as_result(text[sents[i].start_char:sents[i].end_char])

        return [r for r, i in zip(records, at) if not summary(r, i)]

    def _earlier_work(self, record: EvidenceRecord, i: int | None) -> bool:
        """Whether a record stands only on sentence ``i`` and that sentence tells what earlier research found
        (:func:`earlier_work`: "previous studies have shown ...", "X has been shown to reduce Y") reporting no test."""
        if i is None or len(record.evidence) != 1:
            return False
        sent = self.sents[i]
        return earlier_work(self.lower[sent.start:sent.end]) and not REPORTED_TEST.search(
            self.text[sent.start_char:sent.end_char])

    def _own_conclusion(self, record: EvidenceRecord, sent: Span) -> bool:
        """Whether a conclusion states its record as a finding of its own: unhedged, with a direction, a verb in
        the past tense ("X improved Y", not "X may improve Y") and the drug named in the sentence itself."""
        if record.hedged or record.direction is None or not self._past_result(sent):
            return False
        words = self.lower[sent.start:sent.end]
        opening = next((i for i, w in enumerate(words[:4]) if w == "in"), None)
        if opening is not None and opening + 1 < len(words) and (words[opening + 1] in POPULATION_HEADS or "with" in
                                                                   words[opening + 1: opening + 6]):
            return False  # "In patients with X, Y improved Z": the summary of the trial, not a finding of its own
        mentions = self.mentions_by_sentence.get(sent.start, NO_MENTIONS)
        return any(self.norms.name(d) == record.intervention for d in mentions.drugs)

    def _new_block(self) -> StudyBlock:
        block = StudyBlock()
        self.blocks.append(block)
        return block

    def _read_sentence(self, sent: Span, block: StudyBlock) -> StudyBlock:
        self._sentence_end = sent.end
        mentions = self.mentions_by_sentence.get(sent.start, NO_MENTIONS)
        # where a sentence names several designs, the last one before its first result is reported on
        # ("a pooled analysis and a network meta-analysis found ...")
        first_target = mentions.measured[0][0] if mentions.measured else sent.end
        named = self._head_designs(mentions)
        before = [design for start, design in named if start < first_target]
        designs = before[-1:] or [design for _, design in named]
        if not mentions.measured:
            # "This meta-analysis identified five randomized controlled trials": the trials are what it pooled
            designs = [d for d in POOLING_DESIGNS if d in {design for _, design in named}][:1] or designs
        counts = mentions.counts
        cohort = cohort_of_mentions(counts, self.norms) if counts else None  # no mention, no cohort size
        refs = sentence_refs(self.citations.get(sent.start, []))
        drugs = [e for e in mentions.drugs if e.start in self.arm_drug_starts]
        text = self.text[sent.start_char:sent.end_char]
        # "These results agree with an earlier trial of 202 patients (18)": a sentence that opens on the study
        # just described but names a design, a count and a citation of its own reports on another study
        continuation = bool(CONTINUATION.match(text)) and not (designs and cohort is not None and refs)

        # a smaller count with no design and no citation of its own is part of the study just described (its arms:
        # "548 patients were assigned to X and 538 to placebo"; a subset), not another study
        part_of_block = cohort is not None and block.cohort is not None and cohort < block.cohort and not designs \
            and not refs
        starts_study = (cohort is not None and cohort != block.cohort and block.cohort is not None
                        and not part_of_block) or (designs and block.design is not None and cohort is not None)
        if not continuation and (starts_study or ((cohort and not part_of_block or designs) and block.records)):
            block = self._new_block()
        elif not continuation and cohort is None and block.cohort is not None and self._other_studies(sent):
            # "Smaller trials had suggested ...": not the cohort just described
            block = self._new_block()
        if designs and block.design is None:
            block.design = designs[0]
        if cohort is not None and block.cohort is None:
            block.cohort = cohort
        if cohort is not None or designs:
            block.has_study = True
            if refs and not block.refs:
                block.refs = refs
        lowered = text.lower()  # read by comparator_in and populations_in
        if cohort is not None or designs:
            block.study_text += lowered + " "
        comparator = comparator_in(text, lowered)
        if comparator and (cohort is not None or designs or not block.comparator):
            block.comparator = comparator
        populations = populations_in(sent, text, lowered)
        if populations and (cohort is not None or designs or not block.population):
            block.population = populations[0][1]

        claims = self._claims(sent, text, mentions, drugs, block, refs, populations)
        elliptical = self._no_such(sent, drugs, claims, block)
        claims += self._other_study_found_none(sent, claims)
        claims += self._later_study_not_confirming(sent, claims)
        claims += elliptical
        if claims:
            claim_drugs = {c.intervention for c in claims}
            # "No such association was seen for Y": a claim that refers back to the last result stays in its study
            if block.drugs and not (claim_drugs & set(block.drugs)) and cohort is None and not designs and not continuation \
                    and len(elliptical) < len(claims):
                study = block
                block = self._new_block()
                if any(drug and drug in study.study_text for drug in claim_drugs):
                    # "assigned to a nerve block with X or a sham block": "lower with the block" is reported on that
                    # trial's people, though the claim is kept apart from X's
                    block.design, block.cohort = study.design, study.cohort
            for record in claims:
                record.refs = record.refs or refs or list(block.refs)
                block.records.append(record)
                if record.intervention not in block.drugs:
                    block.drugs.append(record.intervention)
        arms = [d for d in drugs if not self._in_comparator_position(d)]
        allocated = self._allocated_arm(sent, arms)
        if allocated is not None and not block.records:
            # "were randomly allocated to X or Y": X is the trial's arm, before any drug its background named
            name = self.norms.name(allocated)
            block.drugs[:] = [name] + [d for d in block.drugs if d != name]
        for drug in arms:
            name = self.norms.name(drug)
            if name not in block.drugs:
                block.drugs.append(name)
            if name not in block.together:
                group = self._given_with(drug, arms)
                block.together[name] = list(dict.fromkeys(self.norms.name(d) for d in group))
        return block

    def _indication_or_explained(self, target: Span) -> bool:
        """ "X is used for (prehospital) <agitation>": what a drug is given for (``indication_leads``, at most
        INDICATION_GAP words before the target); "... which may partly explain the excess of <Y>", "the excess <Y> may
        reflect ...": what a finding is offered to explain (``explaining_verbs``), not a result stated."""
        lower, start, end = self.lower, self.sent_starts[target.start], self.sent_ends[target.start]
        for gap in range(INDICATION_GAP + 1):
            lead = target.start - gap - 2
            if lead < start:
                break
            if lower[lead + 1] in INDICATION_LEAD_ENDS and lower[lead: lead + 2] in INDICATION_LEADS:
                return True
            if gap < INDICATION_GAP and (lower[target.start - gap - 1] in CUES or not lower[target.start - gap - 1].isalpha()):
                break
        for i in range(target.start - 1, max(start, target.start - EXPLAINED_REACH) - 1, -1):
            if lower[i] in (",", ";", ":", "(", ")"):
                break
            if lower[i] in EXPLAINING:
                return True
        after = lower[target.end: min(end, target.end + 3)]
        return bool(EXPLAINING.intersection(after))

    def _setting_opener(self, target: Span) -> bool:
        """ "After intracerebral haemorrhage, X reduced ...": a target in a phrase that opens the sentence with a word
        of time (``setting_openers``) and closes at a comma is the setting of the result that follows, not its outcome."""
        lower, start = self.lower, self.sent_starts[target.start]
        if lower[start] not in SETTING_OPENERS or target.start - start > SETTING_REACH:
            return False
        between = lower[start + 1: target.start]
        after = lower[target.end: min(self.sent_ends[target.start], target.end + 2)]
        return not (set(between) & (CUES.keys() | {",", ";", "("})) and after[:1] == [","]

    def _under_condition(self, target: Span) -> bool:
        """ "..., irrespective of dose or baseline 25-hydroxyvitamin D": a name inside a condition on the result."""
        lower, start = self.lower, self.sent_starts[target.start]
        for i in range(target.start - 1, max(start, target.start - 8) - 1, -1):
            if lower[i] in (";", ".", ":") or lower[i] in CUES:
                return False
            if lower[i] in CONDITION_OPENERS and lower[i + 1] == "of":
                return True
        return False

    def _allocated_arm(self, sent: Span, arms: list[Span]) -> Span | None:
        """The first drug a randomization sentence assigns patients to ("were randomly allocated to X or Y",
        "randomized to receive X"), where it names one."""
        lower = self.lower
        for drug in arms:
            lead = lower[max(sent.start, drug.start - 4): drug.start]
            if "to" in lead and ALLOCATED & set(lower[max(sent.start, drug.start - 6): drug.start]):
                return drug
        return None

    def _other_studies(self, sent: Span) -> bool:
        """Whether the sentence speaks of studies other than the one just described ("previous trials found",
        "two smaller studies had suggested"): a plural research noun with a word of other_study_words before it."""
        lower = self.lower
        for i in range(sent.start, sent.end):
            if lower[i] not in OTHER_STUDY_NOUNS:
                continue
            lead = lower[max(sent.start, i - 3):i]
            modifier = next((j for j, word in enumerate(lead) if word in OTHER_STUDY_WORDS), None)
            if modifier is not None and not OTHER_STUDY_COMPARING & set(lead[:modifier]) \
                    and (i - 3 - 1 < sent.start or lower[i - 3 - 1] not in OTHER_STUDY_COMPARING):
                return True
        return False

    @staticmethod
    def _topic_drugs(doc: Doc, norms: SpanNorms, ents: tuple[Span, ...]) -> list[str]:
        """The drugs the passage opens with ("ACE inhibitors and ARBs might worsen ..."), for claims that
        name no drug ("their use", "these drugs"); ``ents``: the doc's entities."""
        drugs = [e for e in ents if e.label == DRUG]
        if not drugs:
            return []
        group = _coordinated(doc, drugs, drugs[0])
        return list(dict.fromkeys(norms.name(d) for d in group))

    def _is_apposition(self, span: Span, drugs: list[Span]) -> bool:
        left = self.lower[max(self.sent_starts[span.start], span.start - 3): span.start]
        return "," in left and bool({"a", "an"} & set(left)) and min(d.end for d in drugs[:2]) <= span.start - 2 \
            and is_class(span) or self._describes_drug_before(span) or self._example_of_class(span)

    def _example_of_class(self, span: Span) -> bool:
        """ "Benzodiazepines such as midazolam increase the risk of Y": a drug named as an example of the class
        before it, which the result is stated for."""
        lead = span.start - 2 - (self.words[span.start - 3: span.start - 2] == [","])
        return lead > 0 and self.lower[span.start - 2: span.start] == ["such", "as"] and lead in self._drug_ending_at \
            and is_class(self._drug_ending_at[lead])

    def _describes_drug_before(self, span: Span) -> bool:
        """ "X, a small interfering RNA given twice yearly, reduced Y", "X, often given with Y to limit nausea, did
        not alter Z": a drug inside an aside opened by ", a" or a participle right after another drug and closed by
        a comma describes that drug, which the result is stated for."""
        start, end = self.sent_starts[span.start], self.sent_ends[span.start]
        opened = next((i for i in range(span.start - 1, max(start, span.start - APPOSITION_REACH) - 1, -1)
                       if self.words[i] in (",", ";") or self.lower[i] in CLAUSE_WORDS), None)
        if opened is None or self.words[opened] != "," or opened not in self._drug_ending_at:
            return False
        lead = opened + 1
        while lead < span.start and self.lower[lead] in ASIDE_ADVERBS:
            lead += 1
        if self.lower[lead] not in ASIDE_OPENERS:
            return False
        return any(self.words[i] == "," for i in range(span.end, min(end, span.end + APPOSITION_REACH)))

    def _after_an_excepted_drug(self, span: Span) -> bool:
        """ "A but not B or C reduced Y": C, joined to a drug that "not" sets against A, is set against A too."""
        if span.start < 2 or self.lower[span.start - 1] not in ("or", "and", ","):
            return False
        before = self._drug_ending_at.get(span.start - 1)
        if before is None:
            return False
        lead = self.lower[max(0, before.start - 2):before.start]
        return lead[-1:] == ["not"] and lead[:1] in (["but"], ["and"]) or self._after_an_excepted_drug(before)

    def _in_comparator_position(self, span: Span) -> bool:
        """Whether the words before the span make it what a result is compared against ("versus X");
        it reads only the words before the span's start, so the answer is kept per start token."""
        known = self._comparator_position.get(span.start)
        if known is None:
            known = self._comparator_position[span.start] = self._comparator_lead(span)
        return known

    def _comparator_lead(self, span: Span) -> bool:
        # "X, but not Y, reduced Z": Y is set against X, not what the result is stated for
        left = self.lower[max(self.sent_starts[span.start], span.start - 3): span.start]
        defined = self._drug_ending_at.get(span.start - 1) if left[-1:] == ["("] else None
        if defined is not None:
            return self._in_comparator_position(defined)  # "versus fresh frozen plasma (FFP)": its short form too
        return bool({"than", "versus", "vs", "vs."} & set(left)) or left[-1:] == ["unlike"] or \
            self._after_compared_with(span) or \
            "not" in left and "receive" in left or left[-1:] == ["as"] and "as" in left[:-1] and left[-2] != "well" or \
            left[-2:] in (["but", "not"], [",", "not"], ["and", "not"]) or self._after_an_excepted_drug(span) or \
            self._ranked_against(span) or \
            self._added_to(span) or \
            self._second_of_between(span) or \
            self._second_group(span) or \
            self._figure_compared(span) or \
            self.is_covariate(span)

    def is_covariate(self, span: Span) -> bool:
        """ "adjusting for riluzole and baseline score", "adjusted for age, BMI and ...": a name in the list after a
        covariate lead (``covariate_leads``), with no cue or clause break between, is what the analysis was adjusted
        for: neither the arm nor what was measured."""
        lower, start = self.lower, self.sent_starts[span.start]
        for i in range(span.start - 1, max(start + 1, span.start - COVARIATE_REACH) - 1, -1):
            if lower[i] in CUES or lower[i] in (";", ".", ":", "(", ")") or lower[i] in BE_FORMS:
                return False
            if lower[i] in COVARIATE_LEAD_ENDS and lower[i - 1: i + 1] in COVARIATE_LEADS:
                return True
        return False

    def _figure_compared(self, span: Span) -> bool:
        """ "in 72% of patients, compared with 65% with X": X is the arm a compared figure belongs to."""
        lower = self.lower
        at = span.start - 1
        if at <= self.sent_starts[span.start] or lower[at] != "with":
            return False
        figure = at - 1
        while figure > self.sent_starts[span.start] and lower[figure] in ("%", "patients", "of", "the"):
            figure -= 1
        return figure - 2 >= self.sent_starts[span.start] and lower[figure][:1].isdigit() \
            and lower[figure - 2: figure] in (["compared", "with"], ["compared", "to"]) or lower[figure - 1] in ("vs", "vs.", "versus")

    def _after_compared_with(self, span: Span) -> bool:
        """ "compared with X", "compared with the X group", "compared with 0.9% saline", "compared with (an) oral X":
        X, after the words and an article, a route or a concentration, is the comparator."""
        at = span.start
        if at > self.sent_starts[at] and self.lower[at - 1] in ROUTE_WORDS:
            at -= 1  # "compared with oral doxycycline": the route names the same arm
        if at > self.sent_starts[at] and self.lower[at - 1] in ARTICLES:
            at -= 1
        elif at - 2 > self.sent_starts[at] and self.lower[at - 1] == "%" and self.lower[at - 2][:1].isdigit():
            at -= 2
        return at - 2 >= self.sent_starts[span.start] and self.lower[at - 1] in COMPARED_WITH_ENDS \
            and self.lower[at - 2: at] in COMPARED_WITH

    def _second_of_between(self, span: Span) -> bool:
        """ "no difference between X and Y": Y is what X was compared with."""
        lead = self.lower[max(self.sent_starts[span.start], span.start - 6): span.start]
        return lead[-1:] == ["and"] and "between" in lead[:-2] and not {",", ";", "."} & set(lead)

    def _second_group(self, span: Span) -> bool:
        """ "14% of the X group and 24% of the Y group": Y, the second group a pair of figures names, is what X
        was compared with."""
        lower, sent_start = self.lower, self.sent_starts[span.start]
        if span.start - 1 <= sent_start or lower[span.start - 1] != "the" or span.end >= self.sent_ends[span.start] \
                or lower[span.end] not in GROUP_NOUNS:
            return False
        between = []
        for i in range(span.start - 2, max(sent_start, span.start - SECOND_GROUP_REACH) - 1, -1):
            if lower[i] in (";", ".") or lower[i] in CLAUSE_WORDS:
                return False
            if lower[i] in GROUP_NOUNS and i - 2 >= sent_start and "the" in lower[max(sent_start, i - 4): i - 1]:
                # the first group's figure comes before it; a figure and a link word lie between the two groups
                return any(w[:1].isdigit() for w in lower[max(sent_start, i - 8): i]) and \
                    any(w[:1].isdigit() for w in between) and bool(GROUP_LINKS & set(between))
            between.append(lower[i])
        return False

    def _ranked_against(self, span: Span) -> bool:
        """ "superior to (weekly injected) X": X is what the intervention was measured against."""
        lead = self.lower[max(self.sent_starts[span.start], span.start - 5): span.start]
        at = len(lead) - 1 - lead[::-1].index("to") if "to" in lead else 0
        return at > 0 and lead[at - 1] in RANKED_AGAINST and not {",", ";", "and"} & set(lead[at:])

    def _added_to(self, span: Span) -> bool:
        """ "adding X to Y", "X added to Y", "addition of X (dose) to intrathecal Y", "X as an adjuvant to
        Y": Y is the background treatment both arms receive."""
        sent_start = self.sent_starts[span.start]
        # "to Y", "to intrathecal Y": up to two modifier words between "to" and the drug
        to = next((i for i in range(span.start - 1, max(sent_start, span.start - 4) - 1, -1)
                   if not self.lower[i].isalpha() or self.lower[i] == "to"), None)
        if to is None or self.lower[to] != "to":
            return False
        return bool(ADDING & set(self._words_before(to, sent_start, ADDED_TO_REACH - 1)))

    def _words_before(self, at: int, since: int, count: int) -> list[str]:
        """Up to ``count`` words before token ``at`` (not before ``since``), parenthesised asides
        ("buprenorphine (60 μg) or ...") left out."""
        out: list[str] = []
        depth, i = 0, at - 1
        while i >= since and len(out) < count:
            word = self.lower[i]
            if word in (")", "]"):
                depth += 1
            elif word in ("(", "["):
                depth = max(0, depth - 1)
            elif depth == 0:
                out.append(word)
            i -= 1
        return out

    def _drug_comparator(self, drugs: list[Span], intervention: str) -> str | None:
        """An active comparator the result's sentence names ("versus midazolam", "more than allopurinol")."""
        for span in drugs:
            if self._in_comparator_position(span) and self.norms.name(span) != intervention:
                return self.norms.name(span)
        return None

    def _claims(self, sent: Span, text: str, mentions: SentenceMentions, drugs: list[Span], block: StudyBlock,
                refs: list[str], populations: list[tuple[int, str]]) -> list[EvidenceRecord]:
        role = self.role_of(sent.start)
        if role in NON_RESULT_ROLES and not stated_as_finding(self.lower[sent.start:sent.end], text):
            return []  # background, aims and methods state no result
        candidates = self.targets_by_sentence.get(sent.start, [])
        if not candidates:
            return []  # nothing measured, no result
        advice = guidance_in(text) and not self._past_result(sent) \
            and not reported_finding(self.lower[sent.start:sent.end], text)
        has_context = bool(block.has_study or refs or role in REPORTED_ROLES and STUDY_GROUPS.search(text)
                           or may_report_statistics(text) and RESULT_STATISTICS.search(text)
                           or reported_finding(self.lower[sent.start:sent.end], text))
        if not has_context and not (drugs and self._past_result(sent)):
            # a general statement ("statins lower LDL-C") is no study's result; a past one naming its drug
            # ("X lowered Y") is
            return []
        describing = [t for t in candidates if population_role(self.lower, self.sent_starts, self.sent_ends, t)]
        targets = [t for t in candidates if t not in describing and not self._joined_to(t, describing)]
        targets = [t for t in targets if not self._specifies(t, targets) and not self._study_name(t)
                   and not self._defines(t, targets) and not self._group_name(t) and not self.is_covariate(t)]
        ends = {t.end: t.start for t in targets}  # read by _list_start, built once for the sentence
        targets = [t for t in targets if not self._example_of_outcome_before(t, targets, ends)]
        if may_hold(text, EFFECT_STUDIED_LITERALS) and EFFECT_STUDIED.search(text) and not reads_as_result(text) \
                or states_aim(text) and not REPORTED_TEST.search(text):
            return []  # "the effect of X on Y was analyzed": what was studied, not what was found
        if OPEN_QUESTION.match(text):
            # "Whether the benefit lasts beyond a year is not known": no result in that clause
            asked_until = self._first_boundary(sent.start, sent.end, coordination=True)
            targets = [t for t in targets if t.start >= asked_until]
        targets = self._unasked(sent, targets)
        if not targets:
            return []
        thresholds = responder_thresholds(self.lower[sent.start:sent.end])
        cues = self._outside_mentions(
            find_cues(sent, self.negated, self.cue_openers, mentions.measured, thresholds), mentions.measured)
        cues = [cue for cue in cues if not self._persisting_state(cue[0]) and not self._grades_certainty(cue[0])
                and not self._bound_of_threshold(cue[0])]
        if not drugs and self._marker_association(sent, cues, targets):
            return []
        skip = mention_skips(mentions, self.text)
        skip += [(c.start_char, c.end_char) for c in self.citations.get(sent.start, [])]
        skip += self._threshold_chars(sent, thresholds)
        designs = self._head_designs(mentions)
        records = []
        for n, target in enumerate(targets):
            if advice and self._advised(target):
                continue  # "a dip in eGFR is expected after starting X and should not prompt ...": advice, no result
            cue = self._governing_cue(target, cues, targets) or self._but_not(target, cues)
            contrasted = self._change_beyond_the_control(cue, cues)
            cue = contrasted or self._respective_cue(target, cue, cues, targets) or cue
            elided = None if cue is not None else self._elided_denial(target, cues)
            cue = cue or elided
            if cue is not None and cue[2] and cue[1] == "improve" and self.lower[cue[0]] in RANKED_AGAINST:
                cue = None  # "was not found to be superior in Y (91 vs 85)": read from its figures alone
            if cue is not None and self._purpose(cue[0]):
                continue  # "ondansetron was used to reduce vomiting": what a drug is for, not what it did
            if cue is not None and not cue[2] and (negated_report(self.lower, cue[0]) or self._ineffective(cue[0])):
                cue = (cue[0], cue[1], True)  # "we did not find that X lowered Y", "X was ineffective in reducing Y"
            anchor = cue[0] if cue and cue[0] < target.start else target.start
            # the words just before the cue, not back past a bracket that closes an earlier finding's figures
            lead = next((i + 1 for i in range(anchor - 1, anchor - 4, -1) if i >= sent.start and self.words[i] in (")", "]")
                         and any(map(str.isdigit, self.words[i - 1]))), anchor - 3)
            window_start = max(sent.start, self._after_own_bracket(targets[n - 1]) if n else sent.start,
                               min(lead, self._share_before(target)))
            later = [t for t in targets[n + 1:] if not self._in_aside_after(target.end, t.start)]
            next_start = later[0].start if later else sent.end
            window_end = self._clause_end(target.end, next_start)
            learned = self._learned_direction(target) if cue is None else None
            if cue is None and learned is None and (target.label_ == "LAB_MARKER" or target.kb_id_ in INSTRUMENT_NAMES):
                continue  # a lab value or a scale's reading alone ("HbA1c above 8%") is a threshold, not a change
            values = [v for v in values_in(self.doc, self.text, window_start, window_end, skip) if v["kind"] in REPORTED_KINDS]
            if elided is not None:
                values = []  # "..., whereas B was not": the figures before it are the first finding's
            if n and values and self._figures_of(targets[n - 1], target, cues):
                # "prolonged overall survival ..., with 6.5-year survival rates of 57% and 43%": the figures of the
                # result just stated, no result of its own
                earlier = self.norms.name(targets[n - 1])
                for record in records:
                    if record.outcome == earlier:
                        record.values.extend(v for v in values if v not in record.values)
                continue
            if cue is None and learned is None and not values:
                continue  # no result
            if cue is not None and self._describes_patients(cue[0], target):
                continue  # "heart failure with reduced ejection fraction", "patients with reduced eGFR": who, no result
            if self._prognostic(target, cues) or cue is not None and (
                    self._by_means(cue[0], target) or self._response_subgroup(cue[0], target, drugs)):
                continue  # a predictor, the means of a result, or a result of the patients who responded
            if cue is not None and not drugs and self._prevalence(cue[0], sent):
                continue  # "troponin was elevated in 28 of 120 patients with sepsis": how common, no drug's result
            if cue is not None and self._per_unit_exposure(cue[0], target):
                continue  # "each 1 mmol/L reduction in LDL-C was associated with fewer events": the exposure
            if self._at_baseline(target) or self._effect_modifier(target):
                continue  # "LDL cholesterol at baseline was lower than in earlier cohorts": who was enrolled, not a result
            if not values and self._bare_frequency(target, cue):
                continue  # "X were uncommon in both groups": how often it occurred, not a drug's effect
            name = self.norms.name(target)
            if name in BARE_MEASURES or self._only_statistics(target) or _statistics_only(name) or _counts_people(name) \
                    or _names_no_outcome(name) or self._under_condition(target) or self._indication_or_explained(target) \
                    or self._setting_opener(target):
                continue  # "lowered the incidence": a measure of something the phrase does not name
            direction, negated = None, False
            if learned is not None:
                clause = self._text(window_start, window_end)
                direction = in_arm_order(compared_percents(values) or compared_pair(values), clause) \
                    or effect_direction(values, name) if significant_in(values, clause) else None
                direction = direction or learned
                # as with a cue word: no difference is negated where the clause denies one ("not significant"),
                # not where it states sameness ("similar in both groups")
                negated = direction == "no_difference" and (
                    not self.negated.isdisjoint(range(window_start, window_end)) or bool(NOT_SIGNIFICANT.search(clause)))
            elif cue is not None:
                idx, cue_direction, cue_negated = cue
                if cue_negated and cue_direction != "no_difference" and self._negation_stops_before(idx):
                    cue_negated = False  # "did not change A and was linked to more B": B's cue is affirmed
                if cue_negated or target.start in self.negated and cue_direction != "association" \
                        and contrasted is None and not self._negation_stops_before(target.start):
                    direction, negated = "no_difference", True
                else:
                    direction = self._effective_in(idx, target)
                    if direction is None and cue_direction != "no_difference" and self.lower[idx] in RANKED_AGAINST:
                        # "superior to X in preventing Y (HR 0.79; 0.66-0.95)", "superior for Y (59% vs 42%)": the
                        # figures say which way Y went; "superior" alone says it went the better way
                        direction = effect_direction(values, name) or in_arm_order(
                            compared_percents(values) or compared_pair(values), self._text(window_start, window_end))
                    if direction is None:
                        direction = _direction_for(cue_direction, name, self.lower[idx], values)
                        if cue_direction == "association":  # read from the clause's percentages
                            direction = in_arm_order(direction, self._text(window_start, window_end))
            elif significant_in(values, clause := self._text(window_start, window_end)):
                # "X was 9.5 and 14.7 days, respectively (p = 0.005)"
                direction = in_arm_order(compared_pair(values), clause)
            if direction is None:
                direction = effect_direction(values, name)  # "superior to X in preventing Y (HR 0.79; 0.66-0.95)"
            if direction in CHANGE_DIRECTIONS and cue is not None and self._changed_alike(cue[0]):
                direction, negated = "no_difference", False  # "improved comparably": no arm did better
            if direction != "no_difference" and (self._not_significant(window_start, window_end, next_start, target.end)
                                                 or self._sentence_not_significant(text, sent, target)
                                                 or direction is not None and self._denied_between_arms(target, targets)
                                                 or cue is not None and direction is not None
                                                 and self._changed_in_each_arm(cue[0], target)):
                direction, negated = "no_difference", True
            interventions = self._beyond_the_control(self._interventions(target, cue, drugs, block), drugs)
            denied = self._denied_by_but_not(target, cue, drugs) if direction not in (None, "no_difference") else []
            interventions = [drug for drug in interventions if drug not in denied]
            hedged = bool(self.hedged & set(range(target.start, target.end))) or (
                cue is not None and cue[0] in self.hedged)
            shares = respective_values(values, len(interventions), self._text(window_start, window_end)) \
                if len(interventions) > 1 and not self._given_together(sent, interventions) else None
            for n_drug, drug in enumerate(interventions):
                if drug == name:
                    continue  # "serum albumin rose" in an albumin trial: the level measured, not a claim about it
                own_direction, own_negated = direction, negated
                comparator = self._drug_comparator(drugs, drug)
                if comparator is None or comparator in denied:
                    comparator = block.comparator  # "A, but not B, reduced X": B is set aside, not compared with
                if shares is not None:
                    values = shares[n_drug]
                    if len(interventions) == 2 and (cue is None or cue[1] == "association" and not negated):
                        # "12% and 18% with A and B, respectively": the two drugs compared with each other; without
                        # a cue only a significant difference of the figures gives a direction (no learned guess);
                        # the direction read for the first (A against B) is the opposite one for the second
                        comparator = interventions[1 - n_drug]
                        if cue is None:
                            own_negated = False
                            clause = self._text(window_start, window_end)
                            own_direction = in_arm_order(compared_pair([v for share in shares for v in share[:1]]),
                                                         clause) if significant_in([v for share in shares for v in share], clause) else None
                        if n_drug == 1:
                            own_direction = OPPOSITE.get(own_direction, own_direction)
                if cue is not None and own_direction in REVERSED and self._against_control(sent, drug, drugs, cue[0]):
                    own_direction = REVERSED[own_direction]  # "X in the placebo group was higher than in the <drug> group"
                design = own_design(designs, target)
                records.append(EvidenceRecord(
                    intervention=drug, outcome=name, comparator=comparator,
                    population=population_near(populations, target) or block.population,
                    direction=own_direction, values=values, hedged=hedged, negated=own_negated,
                    evidence=[(sent.start_char, sent.end_char)], design=design,
                    cohort_size=own_cohort(mentions.counts, target) if design is not None else None,
                    refs=self._own_refs(sent, target) if design is not None else self._nearest_refs(sent, target),
                ))
            for drug in denied:
                design = own_design(designs, target)
                records.append(EvidenceRecord(
                    intervention=drug, outcome=name, population=population_near(populations, target) or block.population,
                    direction="no_difference", hedged=hedged, negated=True, evidence=[(sent.start_char, sent.end_char)],
                    design=design, cohort_size=own_cohort(mentions.counts, target) if design is not None else None,
                    refs=self._nearest_refs(sent, target)))
        if "respectively" in self.lower[sent.start:sent.end]:
            share_respective_values(records)
        return merge_duplicates(records)

    def _after_own_bracket(self, target: Span) -> int:
        """Where the next target's values may start: after the bracket that opens right after ``target``
        ("more hypotension (24% vs 15%) and bradycardia": the figures are the hypotension's alone), or after the
        amount "by" gives it ("reduced malaria by 62% and anaemia by 35%": 62% is the malaria's)."""
        end = self.sent_ends[target.start]
        if target.end + 1 < end and self.lower[target.end] == "by" and self.words[target.end + 1][:1].isdigit():
            after = target.end + 2
            return after + 1 if after < end and self.words[after] == "%" else after
        if target.end >= end or self.words[target.end] not in ("(", "["):
            return target.end
        close = next((i for i in range(target.end + 1, end) if self.words[i] in (")", "]")), None)
        return close + 1 if close is not None else target.end

    def _against_control(self, sent: Span, drug: str, drugs: list[Span], cue_at: int) -> bool:
        """Whether the result's comparison sets a control arm against the intervention ("pain in the placebo
        group was higher than in the <drug> group", "X was lower in the control group compared to the study
        group"): a control arm named before the comparison word after the cue, none after it, an arm after
        it, and no drug named before it as the subject. The cue then states the control's result, and the
        intervention's goes the other way."""
        lower, end = self.lower, self.sent_ends[sent.start]
        lead = next((i for i in range(cue_at + 1, min(end, cue_at + CONTROL_REACH))
                     if lower[i] in COMPARISON_LEADS or lower[i] in ("compared", "relative") and i + 1 < end
                     and lower[i + 1] in ("with", "to")), None)
        if lead is None or self._breaks_clause(cue_at, lead):
            return False
        if any(d.start < lead and not self._in_comparator_position(d) for d in drugs):
            return False  # "X was higher with <drug> than with placebo": the drug's own result
        before = self.text[sent.start_char:self.idx[lead]]
        clause_end = self._first_boundary(lead + 1, end)
        after = self.text[self.idx[lead]:self.idx[clause_end - 1] + len(self.words[clause_end - 1])]
        named_after = any(lead < d.start < clause_end and self.norms.name(d) == drug for d in drugs) or \
            ARM_AFTER.search(after) is not None
        return named_after and CONTROL_ARM.search(before) is not None and CONTROL_WORDS.search(after) is None

    def _head_designs(self, mentions: SentenceMentions) -> list[tuple[int, str]]:
        """(start, design) of the sentence's designs that name a study, in text order: not a trial
        registration, nor the designs of the studies a review pooled ("a meta-analysis of 18 randomized
        trials" is a meta-analysis)."""
        named = []
        previous_end = None
        for span in mentions.designs:
            design = self.norms(span)["design"]
            pooled = previous_end is not None and "of" in self.lower[previous_end:span.start] \
                and span.start - previous_end <= POOLED_DESIGN_GAP
            previous_end = span.end
            if design != "trial_registration" and not pooled:
                named.append((span.start, design))
        return named

    def _persisting_state(self, cue_at: int) -> bool:
        """ "CRP remains elevated in many of them despite statins": a state that lasts, not a change, where
        nothing in the clause after it compares groups ("remained lower in the X group than ...")."""
        if cue_at == 0 or self.lower[cue_at - 1] not in PERSISTING_VERBS:
            return False
        after = self.lower[cue_at + 1: min(self.sent_ends[cue_at], cue_at + 1 + STATE_COMPARISON_REACH)]
        return not COMPARISON_MARKERS.intersection(after)

    def _grades_certainty(self, cue_at: int) -> bool:
        """ "Longer-term safety is less clear", "the benefit is less well established": a degree word before a word of
        how sure the evidence is (``graded_certainty_words``; "well" only before another of them) grades the
        evidence, not an amount of what was measured."""
        if self.lower[cue_at] not in DEGREE_WORDS:
            return False
        end = self.sent_ends[cue_at]
        after = self.lower[cue_at + 1] if cue_at + 1 < end else ""
        if after == "well":
            after = self.lower[cue_at + 2] if cue_at + 2 < end else ""
        return after in GRADED_CERTAINTY and after != "well"

    def _bound_of_threshold(self, cue_at: int) -> bool:
        """ "an ejection fraction of 45% or less", "eosinophils of 300 cells per microlitre or more": a degree word
        after "or" that closes a figure bounds a threshold (who was enrolled, who responded), no change."""
        if cue_at < 2 or self.lower[cue_at - 1] != "or" or self.lower[cue_at] not in THRESHOLD_BOUNDS:
            return False
        start = max(self.sent_starts[cue_at], cue_at - 1 - THRESHOLD_UNIT_WORDS)
        return any(any(map(str.isdigit, word)) for word in self.lower[start:cue_at - 1])

    @staticmethod
    def _threshold_chars(sent: Span, thresholds: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The character ranges of the sentence's responder thresholds (:func:`responder_thresholds`, positions
        in the sentence), whose percentages are no result values."""
        return [(sent[start].idx, sent[end - 1].idx + len(sent[end - 1])) for start, end in thresholds]

    def _past_result(self, sent: Span) -> bool:
        """Whether the sentence states a result in the past tense (:func:`~extractor.findings.past_result`)."""
        openers = self.cue_openers[bisect_left(self.cue_openers, sent.start):bisect_left(self.cue_openers, sent.end)]
        return past_result(self.lower[sent.start:sent.end], {i - sent.start for i in openers})

    @staticmethod
    def _outside_mentions(cues: list[tuple[int, str, bool]], inside: list[tuple[int, int]]) -> list[tuple[int, str, bool]]:
        """The cues that are no word of an outcome or marker mention ("reduced ejection fraction", "elevated liver
        enzymes"; ``inside``: their token ranges): such a word names the thing measured and states no result about another."""
        return [c for c in cues if not any(start <= c[0] < end for start, end in inside)]

    def _no_such(self, sent: Span, drugs: list[Span], claims: list[EvidenceRecord],
                 block: StudyBlock) -> list[EvidenceRecord]:
        """ "...; Y had no such effect": the drug of the clause
        states no difference for the outcomes of the result just stated (in its sentence, else the latest)."""
        lower = self.lower
        found: list[EvidenceRecord] = []
        for i in range(sent.start, sent.end - 1):
            if lower[i] != "no" or lower[i + 1] not in ELLIPTICAL_NO:
                continue
            clause = next((j + 1 for j in range(i - 1, sent.start - 1, -1) if self.words[j] == ";"
                           or lower[j] in CLAUSE_WORDS), sent.start)
            end = self._first_boundary(i, sent.end)
            if any(i < t.start < end for t in self.targets_by_sentence.get(sent.start, [])):
                continue  # "no such increase in X": the outcome is named
            named = [d for d in drugs if clause <= d.start < i and not self._in_comparator_position(d)]
            if not named:
                # "no (such) association was found with Y", "no association was observed for Y": the drug after
                # it, in its clause, names the arm
                clause_end = next((j for j in range(i + 2, sent.end) if self.words[j] == ";"
                                   or lower[j] in CLAUSE_WORDS), sent.end)
                named = [d for d in drugs if i < d.start < clause_end and not self._in_comparator_position(d)
                         and lower[d.start - 1] in ELLIPTICAL_ARM_LINKS and "between" not in lower[i:d.start]]
            earlier = claims or [r for b in self.blocks for r in b.records]
            if not named or not earlier:
                continue
            last = earlier[-1]
            outcomes = list(dict.fromkeys(r.outcome for r in earlier if r.evidence == last.evidence))
            # the clause's own figures ("No association was observed with Y (HR 1.02)")
            clause_end = self._first_boundary(i + 2, sent.end, coordination=True)
            skip = mention_skips(self.mentions_by_sentence.get(sent.start, NO_MENTIONS), self.text)
            values = [v for v in values_in(self.doc, self.text, i, clause_end, skip) if v["kind"] in REPORTED_KINDS]
            for drug in dict.fromkeys(self.norms.name(d) for d in named):
                for outcome in outcomes:
                    if any(r.intervention == drug and r.outcome == outcome for r in earlier):
                        continue
                    found.append(EvidenceRecord(
                        intervention=drug, outcome=outcome, comparator=block.comparator, population=block.population,
                        direction="no_difference", values=list(values), hedged=False, negated=True,
                        evidence=[(sent.start_char, sent.end_char)]))
        if claims:
            # "A lowered X, whereas B did not": B's predicate is left out and denied
            for drug in drugs:
                after = lower[drug.end: min(sent.end, drug.end + 3)]
                lead = lower[max(sent.start, drug.start - 2): drug.start]
                if len(after) == 3 and after[0] in DENIED_AUXILIARIES and after[1] == "not" \
                        and self.words[drug.end + 2] in (".", ",", ";") and CONTRAST_LEADS & set(lead):
                    name = self.norms.name(drug)
                    outcomes = [c.outcome for c in claims if c.evidence == claims[-1].evidence and c.intervention != name
                                and c.direction != "no_difference"]
                    found += [EvidenceRecord(
                        intervention=name, outcome=outcome, comparator=block.comparator, population=block.population,
                        direction="no_difference", values=[], hedged=False, negated=True,
                        evidence=[(sent.start_char, sent.end_char)])
                        for outcome in dict.fromkeys(outcomes) if not any(
                            r.intervention == name and r.outcome == outcome for r in claims + found)]
        return found

    def _other_study_found_none(self, sent: Span, claims: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """ "A meta-analysis found that X reduced Y (3), yet the largest trial, of 794 patients, found no
        reduction (12.0% vs. 11.4%)": a later clause of the sentence in which another study (a design or a cohort
        of its own) states no change, naming no outcome, gives each pair of the sentence's last claim a
        no-difference record with that study's design, cohort and figures."""
        if not claims:
            return []
        lower, found = self.lower, []
        mentions = self.mentions_by_sentence.get(sent.start, NO_MENTIONS)
        targets = self.targets_by_sentence.get(sent.start, [])
        for i in range(sent.start + 1, sent.end - 1):
            if lower[i] != "no" or lower[i + 1] not in ELLIPTICAL_CHANGE_NOUNS:
                continue
            clause = next((j for j in range(i - 1, sent.start, -1) if self.words[j] in (";", ",")
                           and (self.words[j] == ";" or lower[j + 1] in CONCESSIVE_AFTER_COMMA | CLAUSE_WORDS)), None)
            if clause is None:
                continue
            end = self._first_boundary(i + 2, sent.end, coordination=True)
            if lower[i + 2: i + 3] in (["in"], ["of"], ["on"]) or any(t.start == i + 2 for t in targets):
                continue  # "no reduction in Z": the outcome is named, an ordinary result
            designs = [(start, design) for start, design in self._head_designs(mentions) if clause < start < i]
            counts = [c for c in mentions.counts if clause < c.start < i]
            if not designs and not counts:
                continue
            before = {self.norms.name(t) for t in targets if t.start < clause}
            last = [c for c in claims if c.direction != "no_difference" and c.outcome in before]
            skip = mention_skips(mentions, self.text)
            values = [v for v in values_in(self.doc, self.text, i, end, skip) if v["kind"] in REPORTED_KINDS]
            for record in last:
                found.append(EvidenceRecord(
                    intervention=record.intervention, outcome=record.outcome, comparator=record.comparator,
                    population=record.population, direction="no_difference", values=values, hedged=False,
                    negated=True, evidence=list(record.evidence),
                    design=designs[-1][1] if designs else record.design,
                    cohort_size=cohort_of_spans(counts[-1:]) if counts else None,
                    refs=sentence_refs([c for c in self.citations.get(sent.start, []) if c.start > i][:1])))
            break
        return found

    def _later_study_not_confirming(self, sent: Span, claims: list[EvidenceRecord]) -> list[EvidenceRecord]:
        """ "A cohort study raised concern about more X with Y (10), although a later analysis did not confirm this
        risk (11)": a later clause in which research (a research noun as its subject) denies confirming the result
        before it, naming no outcome of its own, gives each pair of the last outcome's claims a no-difference record."""
        lower = self.lower
        targets = self.targets_by_sentence.get(sent.start, [])
        for i in range(sent.start + 2, sent.end - 1):
            if lower[i] not in CONFIRMING_VERBS or not {"not", "never", "failed"} & set(
                    lower[max(sent.start, i - CONFIRMING_REACH):i]):
                continue
            clause = next((j for j in range(i - 1, sent.start, -1) if self.words[j] == ";"
                           or lower[j] in CLAUSE_WORDS or self.words[j] == "," and lower[j + 1] in CONCESSIVE_AFTER_COMMA), None)
            if clause is None or not RESEARCH_NOUNS.intersection(lower[clause:i]):
                continue
            end = self._first_boundary(i + 1, sent.end, coordination=True)
            if any(i < t.start < end for t in targets):
                continue  # "did not confirm a reduction in Z": the outcome is named, an ordinary result
            before = [t for t in targets if t.end <= clause]
            if not before:
                continue
            last = self.norms.name(before[-1])
            refs = sentence_refs([c for c in self.citations.get(sent.start, []) if c.start > i][:1])
            return [EvidenceRecord(
                intervention=record.intervention, outcome=record.outcome, comparator=record.comparator,
                population=record.population, direction="no_difference", values=[], hedged=False, negated=True,
                evidence=list(record.evidence), refs=refs)
                for record in claims if record.outcome == last and record.direction != "no_difference"]
        return []

    def _advised(self, target: Span) -> bool:
        """Whether advice or an expectation (GUIDANCE) is worded in the target's own stretch of its sentence:
        from its start to the first comma or semicolon after the target ("X lowers PSA by 50%, so values should
        be doubled" keeps its result)."""
        start, end = self.sent_starts[target.start], self.sent_ends[target.start]
        stop = next((i for i in range(target.end, end) if self.words[i] in (",", ";")), end)
        return guidance_in(self._text(start, stop))

    def _own_refs(self, sent: Span, target: Span) -> list[str]:
        """Where a sentence reports studies of different designs, a result's references: the first citation
        after it ("A reduced X (3), yet a trial found no Y (4)": X cites 3); none where none follows."""
        after = [c for c in self.citations.get(sent.start, []) if c.start >= target.end]
        return sentence_refs(after[:1])

    def _nearest_refs(self, sent: Span, target: Span) -> list[str]:
        """Where a sentence cites several sources, each after its own result ("X raised A (18) and B (19)"), a
        result's references are the first citation after it (none where the sentence has one citation or none
        follows: the record then takes the sentence's)."""
        citations = self.citations.get(sent.start, [])
        return self._own_refs(sent, target) if len(citations) > 1 else []

    def _prevalence(self, cue_at: int, sent: Span) -> bool:
        """ "<X> was elevated in 28 of 120 patients": a state after a linking verb, counted in the patients, in a
        sentence that compares no groups."""
        lower = self.lower
        if self._crossed_threshold_in_some(cue_at, sent):
            return not (COMPARISON_MARKERS - {"with"}) & set(lower[sent.start:sent.end])
        verb = cue_at - 1
        while verb > sent.start and (lower[verb] in CUE_ADVERBS or lower[verb] == "also"):
            verb -= 1
        if lower[cue_at] not in STATE_WORDS or lower[verb] not in LINKING_VERBS:
            return False
        after = lower[cue_at + 1: min(sent.end, cue_at + 3)]
        if after[:1] != ["in"] or len(after) < 2 or not after[1][:1].isdigit():
            return False
        return not (COMPARISON_MARKERS - {"with"}) & set(lower[sent.start:sent.end])

    def _crossed_threshold_in_some(self, cue_at: int, sent: Span) -> bool:
        """ "<X> fell below 30 mL/min in about one in eight patients": a fall past a threshold, counted in the
        patients (a rise past one, "triglycerides rose above 500 mg/dL in 0.8%", is a harm the drug caused)."""
        lower = self.lower
        after = lower[cue_at + 1: min(sent.end, cue_at + 1 + THRESHOLD_COUNT_REACH)]
        if CUES.get(lower[cue_at]) != "decrease" or after[:1] != ["below"] or len(after) < 2 \
                or not after[1][:1].isdigit() or "in" not in after:
            return False
        counted = after[after.index("in") + 1:][:2]
        return any(word[:1].isdigit() or word in APPROXIMATE_COUNT_WORDS for word in counted)

    def _per_unit_exposure(self, cue_at: int, target: Span) -> bool:
        """ "each 1 mmol/L reduction in X (achieved with Y) was associated with ...": a change per unit that is
        the subject of an association is what the association is measured against, not a result."""
        if cue_at >= target.start or not PER_UNIT & set(self.lower[max(self.sent_starts[cue_at], cue_at - 4): cue_at]):
            return False
        end = self.sent_ends[target.start]
        return bool(ASSOCIATION & set(self.lower[target.end: min(end, target.end + 10)]))

    def _figures_of(self, previous: Span, target: Span, cues: list[tuple[int, str, bool]]) -> bool:
        """Whether the target, after "with" and no cue since the previous target, names that target's measure
        again (the same last word: "overall survival ..., with 6.5-year survival rates of ...")."""
        if self.lower[target.start - 1] != "with" or any(previous.end <= c[0] < target.start for c in cues):
            return False
        head = NAME_WORD.findall(self.norms.name(target).lower())[-1:]
        return bool(head) and head == NAME_WORD.findall(self.norms.name(previous).lower())[-1:]

    def _elided_denial(self, target: Span, cues: list[tuple[int, str, bool]]):
        """ "A was more frequent with X, whereas B was not": B, the subject of a denied predicate left out,
        takes the earlier cue of its sentence, negated."""
        end = self.sent_ends[target.start]
        after = self.lower[target.end: min(end, target.end + 3)]
        if len(after) < 2 or after[0] not in DENIED_AUXILIARIES or after[1] != "not" or (
                len(after) == 3 and self.words[target.end + 2] not in (".", ",", ";", ")")):
            return None
        lead = self.lower[max(self.sent_starts[target.start], target.start - 3): target.start]
        if not (set(lead) & (CLAUSE_WORDS | {"but", "and"})):
            return None
        before = [c for c in cues if c[0] < target.start and not c[2] and c[1] != "association"]
        return (before[-1][0], before[-1][1], True) if before else None

    def _but_not(self, target: Span, cues: list[tuple[int, str, bool]]):
        """ "X improved A but not B": B takes the earlier cue of its sentence, negated."""
        lead = self.lower[max(self.sent_starts[target.start], target.start - 4):target.start]
        if lead[-2:] != ["but", "not"] and lead[-3:-1] != ["but", "not"]:
            return None
        before = [c for c in cues if c[0] < target.start - 2 and not c[2] and c[1] != "association"]
        return (before[-1][0], before[-1][1], True) if before else None

    def _denied_by_but_not(self, target: Span, cue, drugs: list[Span]) -> list[str]:
        """ "Z fell with A but not with B", "A, but not B or C, reduced Z", "A and not B reduced Z": the drugs set
        off by "but not" / "and not" in the clause of the target's cue, for which the sentence denies its result."""
        if cue is None:
            return []
        start, first, last = self.sent_starts[target.start], min(cue[0], target.start), max(cue[0] + 1, target.end)
        denied: list[Span] = []
        for drug in drugs:
            lead = self.lower[max(start, drug.start - 3): drug.start]
            if denied and self.lower[denied[-1].end: drug.start] in (["or"], ["nor"], [","], [",", "or"]):
                denied.append(drug)  # "but not B or C"
                continue
            linked = int(bool(lead) and lead[-1] in ELLIPTICAL_ARM_LINKS)
            if lead[-2 - linked:len(lead) - linked] not in (["but", "not"], ["and", "not"]):
                continue
            but_at = drug.start - 2 - linked
            if but_at > first and self._first_boundary(first, but_at) < but_at:
                continue  # "but not" opens a later clause
            if drug.end < last and self._first_boundary(drug.end, last) < last:
                continue
            denied.append(drug)
        return list(dict.fromkeys(self.norms.name(drug) for drug in denied))

    def _joined_to(self, target: Span, describing: list[Span]) -> bool:
        """ "patients with a raised A (...) or high B": a target joined by "or" / "and" (with at
        most two words of its own) to one that describes the patients describes them too."""
        for before in describing:
            if before.end > target.start or not {"with", "whose", "having", "had"}.intersection(
                    self.lower[max(self.sent_starts[before.start], before.start - 4): before.start]):
                continue
            between = [self.lower[i] for i in self._outside_brackets(before.end, target.start)]
            if between and between[0] in ("or", "and") and len(between) <= 3 and all(w.isalpha() for w in between):
                return True
        return False

    def _prognostic(self, target: Span, cues: list[tuple[int, str, bool]]) -> bool:
        """ "A and B did not predict response": a target that is the subject of a verb of
        prediction (:data:`PROGNOSTIC_VERBS`) is a prognostic factor, not a result."""
        end = min(self.sent_ends[target.start], target.end + 6)
        cue_at = {c[0] for c in cues}
        for i in range(target.end, end):
            if self.words[i] in (",", ";", ":") or i in cue_at:
                return False
            if self.lower[i] in PROGNOSTIC_VERBS:
                return True
        return False

    def _by_means(self, cue_at: int, target: Span) -> bool:
        """ "improve A by blocking X": a target after "by <verb>ing" past the cue is the
        means of the result, not what it changed."""
        if cue_at >= target.start:
            return False
        lead = self.lower[cue_at + 1: target.start]
        return any(w == "by" and lead[i + 1: i + 2] and lead[i + 1].endswith("ing") and lead[i + 1] not in CUE_OPENERS
                   for i, w in enumerate(lead))

    def _response_subgroup(self, cue_at: int, target: Span, drugs: list[Span]) -> bool:
        """ "..., and patients who reached the goal had fewer X": a result of the patients
        who responded, named by what they achieved (not by a drug they received), in a clause with no drug."""
        if cue_at >= target.start:
            return False
        start = self.sent_starts[cue_at]
        # back to the comma that opens the clause, across the commas of a list of outcomes ("had a lower risk of
        # A, a sustained decrease in B or C"): one before a coordinator or a participant noun
        clause = next((i for i in range(cue_at - 1, start - 1, -1) if self.words[i] in (";", ":") or self.words[i] == ","
                       and self.lower[i + 1] in COORDINATORS | POPULATION_HEADS), start)
        if any(clause <= d.start < cue_at for d in drugs):
            return False
        lead = self.lower[clause:cue_at]
        return any(w in POPULATION_HEADS and lead[i + 1: i + 2] in (["who"], ["whose"]) and lead[i + 2: i + 3]
                   and lead[i + 2] not in GROUP_VERBS for i, w in enumerate(lead))

    def _effect_modifier(self, target: Span) -> bool:
        """ "The effect did not differ by baseline X", "benefit was consistent across levels of X": X splits
        the people into subgroups; it is not what the treatment changed."""
        lead = self.lower[max(self.sent_starts[target.start], target.start - 5): target.start]
        if LARGEST.isdisjoint(lead) and SUBGROUP_VERBS.isdisjoint(lead):
            return False  # neither test below can hold (most targets: one look-up per word, in C)
        if any(word in SUBGROUP_VERBS and lead[i + 1: i + 2] in
               (["by"], ["across"], ["according"]) for i, word in enumerate(lead)):
            return True
        # "the benefit was greatest when the X was at least ...": the subgroup where the effect was largest
        return any(word in LARGEST and lead[i + 1: i + 2] in (["when"], ["if"], ["among"]) for i, word in enumerate(lead))

    def _at_baseline(self, target: Span) -> bool:
        """Whether the target is described as it was before treatment ("median X at baseline was lower than
        in earlier cohorts"): a description of the people enrolled, not a result."""
        end = self.sent_ends[target.start]
        after = self.lower[target.end: min(end, target.end + 3)]
        return "baseline" in after and any(after[i:i + 2] == ["at", "baseline"] for i in range(len(after) - 1)) \
            or self._baseline_before_list(target)

    def _baseline_before_list(self, target: Span) -> bool:
        """ "The baseline scores of A, B and C were similar": "baseline" opens the list the target stands in
        and the sentence states the arms alike (a comparison of the people enrolled)."""
        start = self.sent_starts[target.start]
        if SAMENESS_WORDS.isdisjoint(self.lower[target.end: self.sent_ends[target.start]]):
            return False
        first = self._list_start(target, {t.end: t.start for t in self.targets_by_sentence.get(start, [])})
        lead = self.lower[max(start, first - BASELINE_LIST_REACH): first]
        return "baseline" in lead and lead[lead.index("baseline") - 1: lead.index("baseline")] != ["from"]

    def _named_by_frequency(self, target: Span) -> bool:
        """ "... were the most common adverse events": the target names the kind of event a bare
        frequency predicate puts the subject in, not a result of its own."""
        i = target.start - 1
        start = self.sent_starts[target.start]
        if i < start or self.lower[i] not in BARE_FREQUENCY:
            return False
        i -= 1
        while i >= start and self.lower[i] in FREQUENCY_FILLERS:
            i -= 1
        return i >= start and self.lower[i] in LINKING_VERBS

    def _bare_frequency(self, target: Span, cue=None) -> bool:
        """Whether the target is the subject of a bare frequency predicate ("... were common",
        "... was rare in both arms"), with no degree word that would make it a comparison and no result cue
        after it ("... was rare and did not differ from placebo")."""
        end = self.sent_ends[target.start]
        lower = self.lower
        if self._named_by_frequency(target):
            return True
        verb = next((i for i in range(target.end, min(end, target.end + 3)) if lower[i] in LINKING_VERBS), None)
        if verb is None and target.label_ == "LAB_MARKER":
            # "X rises past three times normal were uncommon": a marker's event and its threshold
            verb = next((i for i in range(target.end, min(end, target.end + AFTER_CUE_TOKENS)) if lower[i] in LINKING_VERBS), None)
        if verb is None or any(self.words[i] in (",", ";", ":") for i in range(target.end, verb)):
            return False
        i = verb + 1
        while i < end and lower[i] in FREQUENCY_FILLERS:
            i += 1
        return i < end and lower[i] in BARE_FREQUENCY and (cue is None or cue[0] < i)

    def _marker_association(self, sent: Span, cues: list[tuple[int, str, bool]], targets: list[Span]) -> bool:
        """ "a rise in troponin was linked to more deaths": where the sentence names no drug or arm,
        an association whose exposure is itself a measured quantity is no drug's result."""
        if any(sent.start <= arm.start < sent.end for arm in self.arms):
            return False
        return any(direction == "association" and any(t.end <= idx and not self._breaks_clause(t.end, idx) for t in targets)
                   for idx, direction, _ in cues)

    def _not_significant(self, start: int, end: int, tail_end: int, target_end: int | None = None) -> bool:
        """Whether a result's clause [start, end) says its difference is not significant, by a p-value of
        0.05 or more, or in words there or in a concessive tail up to ``tail_end`` ("..., although not
        significantly", "did not reach significance"). Words that grade a cue after the result's target
        (``target_end``) grade the next finding ("lowered X and did not significantly increase Y"), not this one."""
        tail = self._text(start, tail_end)
        if may_say_not_significant(tail) and any(
                not self._grades_later_cue(start, match.end(), target_end) for match in NOT_SIGNIFICANT.finditer(tail)):
            return True
        text = self._text(start, end)
        return bool(DIGIT.search(text)) and first_p_not_significant(find_p_values(text))

    def _denied_between_arms(self, target: Span, targets: list[Span]) -> bool:
        """Whether a later clause of the target's sentence denies a difference between the arms without naming
        an outcome of its own ("X fell in both groups, but there was no significant difference between the
        groups"): the change is within each arm, and the comparison the study made found none."""
        end = self.sent_ends[target.start]
        for i in range(target.end, end):
            if self.lower[i] in SAMENESS_WORDS and self._like_another_arm(i + 1, end):
                phrase = [self.lower[i]]  # "..., and these changes were similar to those of the placebo group"
            elif self.lower[i] in NO_DIFFERENCE_STARTS:
                phrase = next((p for p in ARM_DENIALS if self.lower[i: i + len(p)] == p), None)
                if phrase is None:
                    continue
            else:
                continue
            clause = self._clause_start_before(target.end, i)
            if clause is None or any(clause <= t.start for t in targets if t.start > target.end):
                return False  # the denial's own clause (or what follows it) names the outcome it is about
            if any(word in RESEARCH_NOUNS for word in self.lower[target.end: i]):
                return False  # "..., but a later meta-analysis found no difference": another study's finding
            after = i + len(phrase)
            if self.lower[after: after + 1] == ["between"]:
                return any(self.lower[j] in GROUP_HEADS for j in range(after + 1, min(end, after + 5)))
            return phrase[0] in SAMENESS_WORDS or self.lower[after: after + 1] in ([], ["was"], ["were"], ["("], ["."])
        return False

    def _like_another_arm(self, start: int, end: int) -> bool:
        """Whether "similar" / "comparable" at ``start - 1`` is set against another arm's figures: "to those
        of the placebo group", "to that in the control arm"."""
        lead = self.lower[start: start + 3]
        if lead[:1] != ["to"] or lead[1:2] not in (["those"], ["that"]) or lead[2:3] not in (["of"], ["in"], ["with"]):
            return False
        return any(self.lower[j] in GROUP_HEADS for j in range(start + 3, min(end, start + 8)))

    def _clause_start_before(self, start: int, at: int) -> int | None:
        """The first token of the last clause that opens in [start, at), or None where none opens there."""
        boundary = None
        while True:
            found = self._first_boundary(start, at, coordination=True)
            if found >= at:
                return boundary
            boundary, start = found, found + 1

    def _changed_in_each_arm(self, cue: int, target: Span) -> bool:
        """Whether the change is stated for every arm alike and set against none ("sRAGE fell in both the
        treatment and placebo groups", "improved in the metformin and pioglitazone arms"): a change within
        each arm, no difference between them."""
        start, end = self.sent_starts[target.start], self.sent_ends[target.start]
        words = self.lower[start:end]
        if EACH_ARM_COMPARISONS.intersection(words):
            return False  # "fell in both groups, more with A than with B"
        for i, word in enumerate(words[:-1]):
            every_arm = word == "both" and (i == 0 or words[i - 1] in ("in", "for", "within", ",", ";")) \
                or word == "in" and "and" in words[i + 1: i + 5]
            if not every_arm:
                continue
            reach = words[i + 1: i + 7]
            heads = [w for w in reach if w in GROUP_HEADS]
            if word == "in" and CONTROL_WORDS.search(" ".join(words[:i] + words[i + 7:])):
                continue  # "unchanged in the placebo group but fell in the A and B groups": set against the control
            if heads and (word == "both" or heads[0] in PLURAL_GROUP_HEADS) and abs(cue - start - i) <= EACH_ARM_REACH \
                    and not self._breaks_clause(min(cue, start + i), max(cue, start + i)):
                return True
        return False

    def _negation_stops_before(self, at: int) -> bool:
        """Whether a second predicate of the same subject ("... and was associated with", "but caused")
        opens between token ``at`` and the nearest negation before it in its sentence: the negation
        belongs to the first predicate and does not reach ``at``."""
        start = self.sent_starts[at]
        trigger = next((i for i in range(at - 1, start - 1, -1) if self.lower[i] in NEGATORS), None)
        if trigger is None:
            return False
        for k in range(trigger + 1, at):
            if self.lower[k] in ("and", "but"):
                verb = next((j for j in range(k + 1, at) if self.lower[j] not in PREDICATE_ADVERBS), None)
                if verb is not None and self.lower[verb] in COORDINATED_PREDICATES:
                    return True
                # "no fall in A and more B": a second cue after the denied one is not denied
                if verb is not None and self.lower[verb] in CUES and any(
                        trigger < i < k and self.lower[i] in CUES for i in range(trigger + 1, k)):
                    return True
        return False

    def _grades_later_cue(self, start: int, offset: int, target_end: int | None) -> bool:
        """Whether the words ending ``offset`` characters into the text from token ``start`` lead straight
        into a cue that stands after ``target_end`` ("not significantly <increase>")."""
        if target_end is None:
            return False
        at = self.idx[start] + offset
        follow = next((i for i in range(start, self._sentence_end) if self.idx[i] >= at), None)
        return follow is not None and follow >= target_end and self.lower[follow] in CUE_OPENERS

    def _sentence_not_significant(self, text: str, sent: Span, target: Span) -> bool:
        """:func:`sentence_not_significant`, unless the p-value stands in a clause of its own apart from the
        target's ("X did not reduce Y (p = 0.44), whereas Z rose"): there it tests that clause's result only."""
        if not sentence_not_significant(text):
            return False
        (begin, _, _), = find_p_values(text)
        at = sent.start_char + begin
        p_token = next((i for i in range(sent.start, sent.end) if self.idx[i] >= at), sent.end - 1)
        low, high = sorted((p_token, target.start))
        if p_token < target.start and any(low < i < high for i in self.cue_openers):
            return False  # "no fall (P=0.5) and more X": the p-value tests the finding before X
        return not self._breaks_clause(low, high)

    def _text(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.words[end - 1])]

    def _learned_direction(self, target: Span) -> str | None:
        """The classifier's direction for a target no rule cue governs, where it is sure a result is stated."""
        decision = self.claims.get(claim_key(target))
        if decision is None or decision["label"] == "none" or decision["probs"][decision["label"]] < CLAIM_THRESHOLD:
            return None
        return decision["label"]

    def _first_boundary(self, start: int, end: int, coordination: bool = False) -> int:
        """The first clause boundary outside parentheses in [start, end), or ``end``.

        No clause runs longer than ``MAX_CLAUSE_TOKENS``: past that a boundary is assumed, which
        keeps the look-ups of a sentence listing hundreds of items linear.
        With ``coordination`` a comma before "and"/"but"/"which" and a "however" count as well,
        which is what separates a drug from a result stated in the next clause.
        """
        if end - start > MAX_CLAUSE_TOKENS:
            return self._first_boundary(start, start + MAX_CLAUSE_TOKENS, coordination)
        words, lower = self.words, self.lower
        depth = 0
        for i in range(start, end):
            word = words[i]
            if word in ("(", "["):
                depth += 1
            elif word in (")", "]"):
                depth = max(0, depth - 1)
            elif depth == 0 and (word == ";" or lower[i] in CLAUSE_WORDS):
                return i
            elif depth == 0 and word == "," and i + 1 < end and lower[i + 1] in CONCESSIVE_AFTER_COMMA:
                return i  # "A reduced X (3), yet a larger trial found ...": another finding
            elif depth == 0 and coordination and (
                    lower[i] == "however" or word == "," and i + 1 < end and lower[i + 1] in COORDINATORS):
                return i
        return end

    def _breaks_clause(self, start: int, end: int) -> bool:
        return self._first_boundary(start, end, coordination=True) < end

    def _in_aside_after(self, end: int, start: int) -> bool:
        """Whether token ``start`` stands inside a bracket opened after token ``end`` ("<X> (measured by <Y>)
        was not different"): an aside about X, whose clause goes on after it."""
        depth = 0
        for word in self.words[end:start]:
            depth += word in ("(", "[")
            depth -= depth > 0 and word in (")", "]")
        return depth > 0

    def _clause_end(self, start: int, limit: int) -> int:
        """Where the clause that starts at ``start`` ends (at the latest ``limit``): values past it
        belong to another finding ("..., although diarrhoea led to discontinuation in 9%")."""
        return self._first_boundary(start, limit)

    def _respective_cue(self, target: Span, cue, cues: list[tuple[int, str, bool]], targets: list[Span]):
        """ "A and B were, respectively, lower and higher with X": where names that share one cue are followed
        by as many coordinated cues and "respectively", the k-th name takes the k-th cue. Returns the target's
        own cue, or None where the sentence does not pair them so."""
        if cue is None or "respectively" not in self.lower[self.sent_starts[target.start]: self.sent_ends[target.start]]:
            return None
        series = [cue]
        by_start = {c[0]: c for c in cues}
        at = cue[0] + 1
        while self.lower[at: at + 1] in ([","], ["and"], ["or"]) or self.lower[at: at + 2] == [",", "and"]:
            at += 2 if self.lower[at: at + 2] == [",", "and"] else 1
            if at not in by_start:
                break
            series.append(by_start[at])
            at += 1
        if len(series) < 2:
            return None
        near = self.lower[max(0, cue[0] - 3): min(len(self.lower), at + 3)]
        if "respectively" not in near:
            return None
        sharing = [t for t in targets if t.end <= cue[0] and self._governing_cue(t, cues, targets) == cue]
        if len(sharing) != len(series) or target not in sharing:
            return None
        return series[sharing.index(target)]

    def _change_beyond_the_control(self, cue, cues: list[tuple[int, str, bool]]):
        """ "CRP was unchanged in the placebo group but fell in the metformin group": a denial stated for the
        control arm, then a contrasted change for the other arms; the change is the result. Returns that
        later cue, or None."""
        if cue is None or cue[1] != "no_difference":
            return None
        end = self.sent_ends[cue[0]]
        after = self.lower[cue[0] + 1: min(end, cue[0] + 8)]
        contrast = next((k for k, word in enumerate(after) if word in CONTRAST_LEADS), None)
        if contrast is None or after[:1] != ["in"] or not CONTROL_WORDS.search(" ".join(after[:contrast])):
            return None
        contrast_at = cue[0] + 1 + contrast
        return next((c for c in cues if contrast_at < c[0] <= contrast_at + 3 and c[1] != "no_difference"), None)

    def _governing_cue(self, target: Span, cues: list[tuple[int, str, bool]], targets: list[Span]):
        """The cue nearest before the target in its clause, else a cue right after it ("HbA1c rose")."""
        before = [c for c in cues if c[0] < target.start]
        for cue in reversed(before):
            if target.start - cue[0] > 25 or self._breaks_clause(cue[0], target.start):
                break
            if self.lower[cue[0]] in LARGEST:
                # "greater body weight and blood pressure reductions": the size word grades the change noun
                # after the names, which gives the direction
                list_end = self._end_of_subject_list(target)
                change = next((c for c in cues if c[0] == list_end), None)
                if change is not None:
                    return change
            if "and" in self.lower[cue[0] + 1: target.start]:
                # "lowered A by 20% and B was higher": B opens a clause with a verb of its own
                own = self._cue_after(target, cues)
                if own is not None and self._subject_of(target, own[0]):
                    return own
            return cue
        return self._cue_after(target, cues)

    def _cue_after(self, target: Span, cues: list[tuple[int, str, bool]]):
        """The cue right after the target that it is the subject of ("HbA1c rose", "X was lower"); words in
        brackets after the target say what it is ("PASI-75 (a 75% improvement in ...) did not differ") and
        neither count nor give the cue."""
        list_end = self._end_of_subject_list(target)
        if list_end < self.sent_ends[target.start] and self.words[list_end] == "," and (
                self._listed_under_head(target) or self._composite_in_apposition(target)):
            # "Secondary outcomes, including A and B, were unaffected", "the primary outcome, a composite of A
            # or B, was reduced": the aside's closing comma
            list_end += 1
        outside = self._outside_brackets(list_end, self.sent_ends[target.start])
        outside = outside[:AFTER_CUE_TOKENS + 1]
        after = [c for c in cues if c[0] in outside]
        if after:
            between = [i for i in outside if i < after[0][0]]
            between = self._without_aside(between, cues)
            # adverbs before the verb ("also significantly increased") do not part it from its subject
            counted = [i for i in between if self.lower[i] not in CUE_ADVERBS]
            near = len(counted) <= 4 or any(self.lower[i] in LINKING_VERBS for i in between[-3:])
            if near and not any(self.words[i] in (",", ";", ":") for i in between) and not self._next_conjunct(
                    between, after[0][0]) and not self._has_object(target, between, after[0][0]):
                return after[0]
        return None

    def _example_of_outcome_before(self, target: Span, targets: list[Span], ends: dict[int, int] | None = None) -> bool:
        """ "Adverse events were more frequent with X (RR 2.4), most commonly A, B and C": A, B and C, listed after
        the result of an outcome whose head names a kind of event, are examples of that outcome, whose result the
        sentence states; an example with figures of its own ("..., mainly diarrhoea (12% vs. 22%)") keeps its record.
        ``ends``: the start of each target by its end, where the caller has built it."""
        start = self._list_start(target, {t.end: t.start for t in targets} if ends is None else ends)
        for link in LIST_LINKS:
            if link[0] != "," or tuple(self.lower[start - len(link): start]) != link:
                continue
            # the outcome named last before the list, in its clause ("adverse events were more frequent with X (...)")
            link_at = start - len(link)
            head = max((t for t in targets if t.end <= link_at), key=lambda t: t.end, default=None)
            if head is None or self.lower[head.end - 1] not in HARM_LIST_HEADS | OUTCOME_LIST_HEADS \
                    or ";" in self.words[head.end:link_at] or head.end == link_at:
                return False  # an aside right after the head ("Adverse events, in particular A and B, were ...") names
                # what the verb after it states (_listed_under_head)
            return not self._own_figures_after(target)
        return False

    def _list_start(self, target: Span, ends: dict[int, int]) -> int:
        """Where the list of names that the target ends begins ("A, B and <C>"); ``ends``: the start of each name by its end."""
        sent_start, start = self.sent_starts[target.start], target.start
        while True:
            position = start
            while position > sent_start and self.lower[position - 1] in LIST_SEPARATORS:
                position -= 1
            if position == start or position not in ends:
                return start
            start = ends[position]

    def _listed_under_head(self, target: Span) -> bool:
        """Whether the target is one of a list of examples that follows, in a comma aside, the subject noun
        that names them ("Secondary outcomes, including A, B and C, were ...", "Adverse events, such as A,
        were ..."): the head opens the sentence, so the verb after the aside is the listed names' verb."""
        sent_start = self.sent_starts[target.start]
        start = self._list_start(target, {t.end: t.start for t in self.targets_by_sentence.get(sent_start, [])})
        for link in LIST_LINKS:
            head = start - len(link) - 1
            if link[0] == "," and head >= sent_start and tuple(self.lower[head + 1: start]) == link:
                return self.lower[head] in HARM_LIST_HEADS | OUTCOME_LIST_HEADS and head - sent_start <= LISTED_HEAD_REACH
        return False

    def _composite_in_apposition(self, target: Span) -> bool:
        """Whether the target is the composite that a comma aside spells out ("the primary outcome, a composite of
        A, B or C, was ..."): the aside opens with a determiner and "composite (outcome) of" right before it."""
        at = target.start - 1
        sent_start = self.sent_starts[target.start]
        if at <= sent_start or self.lower[at] != "of":
            return False
        at -= 1
        while at > sent_start and self.lower[at] in COMPOSITE_WORDS and self.lower[at] != "composite":
            at -= 1
        if self.lower[at] != "composite":
            return False
        at -= 1
        while at > sent_start and self.lower[at] in COMPOSITE_WORDS:
            at -= 1
        return at > sent_start and self.lower[at] in ("a", "an", "the") and self.words[at - 1] == ","

    def _end_of_subject_list(self, target: Span) -> int:
        """Where the list that the target opens ends ("A, B and C were more frequent"): the other names
        and their links are no words between A and the verb it shares with them."""
        starts = {t.start: t.end for t in self.targets_by_sentence.get(self.sent_starts[target.start], [])}
        end = position = target.end
        while True:
            while position < len(self.lower) and self.lower[position] in LIST_SEPARATORS:
                position += 1
            if position > end:
                position = self._past_measure_lead(position)  # "A, the incidence of B and C were ..."
            if position == end or position not in starts:
                return end
            end = position = starts[position]

    def _past_measure_lead(self, position: int) -> int:
        """Past "the incidence of" before a listed name (the words of :data:`OBJECT_LIST_LEADS` and
        :data:`BARE_MEASURES`, ending on "of"), else ``position``."""
        at = position
        while at < len(self.lower) and at - position < 4 and (
                self.lower[at] in OBJECT_LIST_LEADS or self.lower[at] in BARE_MEASURES):
            if self.lower[at] == "of":
                return at + 1
            at += 1
        return position

    def _outside_brackets(self, start: int, end: int) -> list[int]:
        """The positions in [start, end) outside brackets opened after ``start``."""
        found, depth = [], 0
        for i in range(start, end):
            word = self.words[i]
            if word in ("(", "["):
                depth += 1
            elif word in (")", "]"):
                depth = max(0, depth - 1)
            elif not depth:
                found.append(i)
        return found

    def _defines(self, target: Span, targets: list[Span]) -> bool:
        """ "PASI-75 (a 75% improvement in the psoriasis index)": a target inside brackets
        that say what the target before them is, not a result of its own."""
        start = self.sent_starts[target.start]
        opening = next((i for i in range(target.start - 1, max(start, target.start - 8) - 1, -1)
                        if self.words[i] in ("(", ")", "[", "]")), None)
        if opening is None or self.words[opening] not in ("(", "[") or opening + 1 >= target.start:
            return False
        return self.lower[opening + 1] in DEFINING_LEADS and any(t.end == opening for t in targets)

    def _has_object(self, target: Span, between: list[int], cue_at: int) -> bool:
        """ "aiming X at a target with Y raised the risk of Z": an active verb with an outcome of its own right
        after it states a result about that outcome; the target before it is part of its subject."""
        if not self.lower[cue_at].endswith("ed") or any(self.lower[i] in LINKING_OR_JOINING for i in between):
            return False  # "X was increased", "A and raised B": no active verb with the target as its subject
        return any(cue_at < t.start <= cue_at + 4 and not {"and", "or", "but", ",", ";", "in", "by", "from", "to"}.intersection(
            self.lower[cue_at + 1: t.start]) for t in self.targets_by_sentence.get(self.sent_starts[target.start], []))

    def _next_conjunct(self, between: list[int], cue_at: int) -> bool:
        """ "A and a brief elevation of B were frequent": a cue noun with its own object
        after "and" heads the next item of a list, not a result about the item before it."""
        return any(self.lower[i] in ("and", "or") for i in between) and not any(
            self.lower[i] in LINKING_VERBS for i in between) and not self.lower[cue_at].endswith("ed") \
            and self.lower[cue_at + 1: cue_at + 2] in (["of"], ["in"])

    def _subject_of(self, target: Span, cue_at: int) -> bool:
        """Whether a linking verb follows the target straight away ("B was higher", "B were, as planned, lower")."""
        between = self._without_aside(list(range(target.end, cue_at)), [])
        return bool(between) and self.lower[between[0]] in LINKING_VERBS

    def _effective_in(self, cue_at: int, target: Span) -> str | None:
        """ "more effective than Y in preventing <target>": the direction of the verb after "in", turned
        round for "less effective"."""
        if cue_at > 0 and self.lower[cue_at - 1] == "in" and self.lower[cue_at] in EFFECTIVE_IN:
            # the cue is the verb itself ("less effective than Y in lowering <target>")
            lead = self.lower[max(self.sent_starts[cue_at], cue_at - 8):cue_at - 1]
            graded = [i for i in range(len(lead) - 1) if lead[i] in ("more", "less")
                      and lead[i + 1] in ("effective", "efficacious", "successful")]
            if not graded:
                return None
            direction = EFFECTIVE_IN[self.lower[cue_at]]
            return direction if lead[graded[-1]] == "more" else OPPOSITE[direction]
        if self.lower[cue_at] not in ("more", "less") or cue_at + 1 >= target.start:
            return None
        if self.lower[cue_at + 1] not in ("effective", "efficacious", "successful"):
            return None
        window = self.lower[cue_at + 2:target.start]
        if "in" not in window:
            return None
        after_in = window[window.index("in") + 1:]
        verb = after_in[0] if after_in else None
        direction = EFFECTIVE_IN.get(verb)
        if direction is None:
            return None
        return direction if self.lower[cue_at] == "more" else OPPOSITE[direction]

    def _describes_patients(self, cue_at: int, target: Span) -> bool:
        """ "in heart failure with reduced ejection fraction", "patients with impaired renal function": a cue
        right after "with" that follows people or a condition describes who was studied (not a group: "the
        oxytocin subgroup with less need for uterotonics" is a result)."""
        lower = self.lower
        return cue_at < target.start and cue_at >= 2 and lower[cue_at - 1] == "with" and (
            lower[cue_at - 2] in PEOPLE or lower[cue_at - 2] in DESCRIBED_CONDITIONS)

    def _purpose(self, cue_at: int) -> bool:
        """A cue in a "to" infinitive of purpose ("used to reduce", "received X to lower"); after a verb that
        reports or grades a finding ("shown to reduce", "failed to lower", "appeared to improve") it is a result."""
        start = self.sent_starts[cue_at]
        if cue_at - start < 2 or self.lower[cue_at - 1] != "to" or self.lower[cue_at] not in BASE_CUE_VERBS:
            return False  # "led to improvements": "to" before a noun is a preposition
        before_to = self.lower[cue_at - 2]
        return not (before_to in RAISING or before_to in REPORTING_VERBS or before_to in TO_AS_PREPOSITION_AFTER)

    def _ineffective(self, cue_at: int) -> bool:
        """ "ineffective in reducing Y", "unable to lower Y": a word of failure just before the cue."""
        lead = self.lower[max(self.sent_starts[cue_at], cue_at - 3):cue_at]
        return bool(FAILURE_WORDS.intersection(lead))

    def _only_statistics(self, target: Span) -> bool:
        """ "the estimated relative reduction", "a sustained decline", "the benefit": a phrase made only of
        words that grade or measure a result, naming no outcome."""
        words = [w for w in self.lower[target.start:target.end] if any(map(str.isalpha, w))]
        return bool(words) and all(w in STATISTIC_WORDS or w in BARE_MEASURES for w in words)

    def _unasked(self, sent: Span, targets: list[Span]) -> list[Span]:
        """The targets outside a "whether" clause inside the sentence ("studies have examined whether X
        reduces Y", "it remains unclear whether ...", "how", "why", "the mechanisms by which"), an "if" clause after a verb of asking ("to determine
        if X reduces Y") or a supposition ("the hypothesis that X reduces Y"): a question asked states no result."""
        lower = self.lower
        openers = self.question_openers[bisect_left(self.question_openers, sent.start):
                                        bisect_left(self.question_openers, sent.end)]
        asked = [i for i in openers if lower[i] in ("whether", "how", "why") or (
            i > sent.start and (lower[i] == "if" and lower[i - 1] in QUESTION_VERBS
                                or lower[i] == "that" and lower[i - 1] in SUPPOSING)) or (
            i > sent.start + 1 and lower[i] == "which" and lower[i - 1] == "by" and lower[i - 2] in MECHANISM_NOUNS)]
        if not asked:
            return targets
        spans = [(i, self._first_boundary(i + 1, sent.end, coordination=True)) for i in asked]
        return [t for t in targets if not any(a < t.start < b for a, b in spans)]

    def _study_name(self, target: Span) -> bool:
        """ "the RECOVERY trial", "in the HOPE study": a target written in capitals before a study noun
        is the study's name, not an outcome."""
        if target.end >= self.sent_ends[target.start] or self.lower[target.end] not in STUDY_NAME_NOUNS:
            return False
        letters = [c for c in self.text[target.start_char:target.end_char] if c.isalpha()]
        return len(letters) >= 4 and all(map(str.isupper, letters))

    def _share_before(self, target: Span) -> int:
        """Where "12% of (the) patients developed <target>" starts, the share of the patients who went on to have
        the target (the first figure of its pair); else the target's start."""
        i = target.start - 1
        if i < 0 or self.lower[i] not in EVENT_HAVING:
            return target.start
        i -= 1
        if i >= 0 and self.lower[i] in POPULATION_HEADS:
            i -= 1
        if i >= 0 and self.lower[i] == "the":
            i -= 1
        if i < 2 or self.lower[i] != "of" or self.lower[i - 1] != "%" or not self.lower[i - 2][:1].isdigit():
            return target.start
        return max(i - 2, self.sent_starts[target.start])

    def _group_name(self, target: Span) -> bool:
        """ "12.5% of the bicarbonate group": a target between "the" and a group noun names an arm, not what
        was measured."""
        return target.start > self.sent_starts[target.start] and self.lower[target.start - 1] == "the" \
            and target.end < self.sent_ends[target.start] and self.lower[target.end] in GROUP_NOUNS

    def _specifies(self, target: Span, targets: list[Span]) -> bool:
        """ "adverse events, mainly nausea and diarrhoea, were more common": a target inside an aside that
        says what the outcome before it consisted of is that outcome's detail, not a result of its own."""
        start = self.sent_starts[target.start]
        i = target.start - 1
        while i > start and target.start - i <= ASIDE_TOKENS and self.words[i] not in (",", "(", ";"):
            i -= 1
        if i <= start or self.words[i] != "," or self.lower[i + 1] not in SPECIFYING or self._own_figures_after(target):
            return False  # "..., mainly diarrhoea (12.4% vs. 21.8%)": the detail's own result
        return any(t.end == i for t in targets)

    def _changed_alike(self, cue_at: int) -> bool:
        """ "pain scores improved comparably", "X fell similarly in both groups": a change stated as alike in the
        arms (before the verb, "Y similarly reduced X" means "likewise", the change itself)."""
        return cue_at + 1 < self.sent_ends[cue_at] and self.lower[cue_at + 1] in ALIKE_ADVERBS

    def _own_figures_after(self, target: Span) -> bool:
        """Whether a bracket with a figure in it follows the target right away ("diarrhoea (12.4% vs. 21.8%)")."""
        end = self.sent_ends[target.start]
        if target.end >= end or self.words[target.end] not in ("(", "["):
            return False
        close = next((i for i in range(target.end + 1, end) if self.words[i] in (")", "]")), end)
        return any(any(c.isdigit() for c in self.words[i]) for i in range(target.end + 1, close))

    def _without_aside(self, between: list[int], cues: list[tuple[int, str, bool]]) -> list[int]:
        """The positions between a subject and its verb less one aside set off by commas
        ("Nausea, however, was more common", "AEs, mainly nausea, were more frequent", "X were, as
        planned, lower"), where the aside holds no cue of its own."""
        commas = [i for i in between if self.words[i] == ","]
        if len(commas) != 2 or commas[1] - commas[0] > ASIDE_TOKENS:
            return between
        if any(commas[0] < c[0] < commas[1] for c in cues):
            return between
        return [i for i in between if not commas[0] <= i <= commas[1]]

    def _interventions(self, target: Span, cue, drugs: list[Span], block: StudyBlock) -> list[str]:
        """Drugs the result is stated for: named before the cue in the clause, else earlier, else the block's."""
        anchor_at = cue[0] if cue is not None and cue[0] < target.start else target.start
        combined = self._the_combination(target, drugs)
        if combined:
            return combined
        nearest = drugs[max(0, bisect_left([d.end for d in drugs], anchor_at + 1) - MAX_DRUG_CANDIDATES):]
        before = [d for d in nearest if d.end <= anchor_at and not self._in_comparator_position(d)
                  and not self._is_apposition(d, drugs)]
        in_clause = [d for d in before if not self._breaks_clause(d.end, anchor_at)]
        if not in_clause:
            linked = self._linked_by_cue(target, anchor_at, nearest)
            if linked:
                return linked
        if not in_clause:
            after = self._arm_after_in_sentence(target, drugs)
            if after:
                return after
        candidates = in_clause or before
        if candidates:
            anchor = candidates[-1]
            pair = self._pair_of_class(anchor, target, anchor_at) or self._own_arm_over_cited_class(anchor, target)
            if pair:
                return pair
            if is_class(anchor):
                specific = [d for d in candidates if not is_class(d) and self.sent_starts[d.start] == self.sent_starts[anchor.start]
                            and not self._breaks_clause(d.end, anchor.start)]
                anchor = specific[-1] if specific else anchor
            group = _coordinated(self.doc, candidates, anchor)
            if not all(is_class(d) for d in group):
                group = [d for d in group if not is_class(d)]
            if cue is not None and self.lower[cue[0]] in SAMENESS_WORDS and len(group) == 2:
                group = group[:1]
            names: list[str] = []
            for span in group:
                for part in split_combination(span, self.norms):
                    if part not in names:
                        names.append(part)
            # "X plus Y ... compared with Y alone": Y is given in both arms, the result is X's
            compared = {self.norms.name(d) for d in drugs if self._in_comparator_position(d)}
            own = [name for name in names if name not in compared]
            if not own and set(names) <= self._compared_later(drugs, anchor, anchor_at):
                # "X followed by Y reduced Z compared with Y alone": Y is in both arms, the result is X's
                own = [self.norms.name(d) for d in candidates if self.norms.name(d) not in compared
                       and not self._breaks_clause(d.end, anchor.start)][-1:]
            return own or names
        stated = self._stated_arm(target, drugs)
        if stated:
            return [stated]
        receiving = self._drug_after_target(target, drugs)
        if receiving:
            return receiving
        pair = self._pair_named(target, anchor_at, block)
        if pair:
            return pair
        named = self._arm_before(target, anchor_at)
        if named:
            return [named]
        if self.main_arm:
            return [self._unless_compared_against(self.main_arm, target, drugs)]
        if cue is not None and cue[0] < target.start and self._own_subject(cue[0]):
            return []  # "Gelatin increased Y" after a claim about X: a subject the lexicons do not know, not X
        if cue is None:
            start = self.sent_starts[target.start]
            verb = next((i for i in range(target.start - 1, start, -1) if self.lower[i].endswith("ed")
                         and self.lower[i].isalpha()), None)
            # only a verb right after an aside set off by commas ("X, tested in ..., reached"): a word in -ed
            # elsewhere may be an adjective ("the expected effects")
            if verb is not None and self.words[verb - 1] == "," and self._own_subject(verb):
                return []  # "Gelatin, tested in 40 patients, reached healing in 70%": that subject's result
        carried = self._carried_over(block)
        if carried is not None:
            return self._own_arm_over_cited(carried, target) or self._unless_class(carried)
        return [arm_name(self.arms[0])] if self.arms else []

    def _compared_later(self, drugs: list[Span], anchor: Span, anchor_at: int) -> set[str]:
        """Names of the drugs the anchor's sentence compares against after ``anchor_at`` ("... compared with Y alone")."""
        return {self.norms.name(d) for d in drugs if d.start > min(anchor_at, anchor.end) and self._in_comparator_position(d)
                and self.sent_starts[d.start] == self.sent_starts[anchor.start]}

    def _beyond_the_control(self, names: list[str], drugs: list[Span]) -> list[str]:
        """ "7.6% in the clopidogrel-aspirin group and 10.3% in the aspirin group": where the sentence compares
        a hyphenated regimen with one of its drugs alone, the result is the added drug's."""
        compared = {self.norms.name(d) for d in drugs if self._in_comparator_position(d)}
        out = []
        for name in names:
            parts = name.split("-")
            kept = [part for part in parts if part not in compared]
            out.append(kept[0] if len(parts) == 2 and len(kept) == 1 else name)
        return list(dict.fromkeys(out))

    def _linked_by_cue(self, target: Span, cue_at: int, drugs: list[Span]) -> list[str]:
        """ "no association between X and <outcome>", "the link of X with <outcome>": the drug that a cue
        noun before the target links to it, in the same clause."""
        if self.lower[cue_at] not in LINKING_NOUNS or self._breaks_clause(cue_at, target.start):
            return []
        linked = [d for d in drugs if cue_at < d.start and d.end <= target.start
                  and self.lower[d.start - 1] in ("between", "of", "for")]
        return [self.norms.name(linked[0])] if linked else []

    def _carried_over(self, block: StudyBlock) -> list[str] | None:
        """The drugs an earlier claim, the study block or the passage's topic names; None where there are none."""
        if block.records:
            return self._last_group(block.records)
        if block.drugs:
            return block.together.get(block.drugs[0]) or block.drugs[:1]
        earlier = [r for b in self.blocks for r in b.records]
        if earlier:
            return self._last_group(earlier)
        if self.topic and self.topic_start < self._sentence_end:
            return list(self.topic)  # the drugs the passage opened with, named by the end of this sentence
        return None

    def _given_together(self, sent: Span, interventions: list[str]) -> bool:
        """Whether the sentence names the interventions as one combination ("A plus B reduced X by 62% and Y by
        35%, respectively"): "respectively" then pairs the figures with the outcomes, not with the drugs."""
        drugs = [d for d in self.mentions_by_sentence.get(sent.start, NO_MENTIONS).drugs
                 if self.norms.name(d) in interventions]
        return any(self.lower[a.end: b.start] in COMBINATION_JOINS for a, b in zip(drugs, drugs[1:]))

    def _given_with(self, drug: Span, drugs: list[Span]) -> list[Span]:
        """The drug with those given together with it ("X with Y", "X plus Y", "X combined with Y", "X given
        at night with Y"): a result the text states next without naming a drug is stated for each of them.
        A drug the sentence also names as the comparator ("... compared with Y alone") is given in both arms
        and is no intervention."""
        group = [drug]
        for later in drugs:
            if later.start < group[-1].end:
                continue
            between = self.lower[group[-1].end: later.start]
            joined = between in COMBINATION_JOINS or (
                2 <= len(between) <= 5 and between[0] in ADMINISTERED and between[-1] in ("with", "plus")
                and all(w.isalpha() for w in between))
            if not joined:
                break
            group.append(later)
        compared = {self.norms.name(d) for d in self.mentions_by_sentence.get(self.sent_starts[drug.start], NO_MENTIONS).drugs
                    if self._in_comparator_position(d)}
        return [d for d in group if self.norms.name(d) not in compared] or [drug]

    def _own_subject(self, cue_at: int) -> bool:
        """Whether the clause names its own subject before the cue, in words that are no entity and no
        pronoun or generic noun ("Gelatin increased ...", "High-flow oxygen, tested in 900 infants, reduced
        ..."): the result is that subject's, not a drug carried over from an earlier sentence."""
        start = self.sent_starts[cue_at]
        verb_at = cue_at
        while verb_at - 1 > start and self.lower[verb_at - 1].endswith("ly") and self.lower[verb_at - 1].isalpha():
            verb_at -= 1  # "Prone positioning, by contrast, consistently lowers ...": the adverb is no subject
        present = verb_at < cue_at and self.lower[cue_at].endswith("s")
        if not (self.lower[cue_at].endswith("ed") or present) and self.lower[cue_at - 1] not in SUBJECT_AUXILIARIES:
            return False  # the cue is no verb ("Mean reduction in ..."): no subject to read
        segments, current = [], []
        for i in range(start, verb_at):
            if self.words[i] == ",":
                segments.append(current)
                current = []
            else:
                current.append(i)
        segments.append(current)
        subject = segments[-1] if segments[-1] else segments[0] if len(segments) > 2 else []
        while subject and self.lower[subject[-1]] in SUBJECT_AUXILIARIES:
            subject = subject[:-1]
        if subject and self.lower[subject[-1]] in ("but", "and", "yet"):
            # "X lowered A but did not change B": the second verb has the first one's subject
            earlier = self.cue_openers[bisect_left(self.cue_openers, start):bisect_left(self.cue_openers, subject[-1])]
            return bool(earlier) and self._own_subject(earlier[-1])
        subject = [i for i in subject if self.words[i] not in ("-", "/")]  # a hyphenated word is one word
        if not subject or len(subject) > 5 or subject[0] != start and len(segments) == 1:
            return False
        if any(self.lower[i] in GENERIC_SUBJECTS or not self.words[i].replace("-", "").isalpha() for i in subject):
            return False
        # a drug before the cue, or a mention in the subject itself, leaves it no subject of its own; a design or
        # cohort in an aside ("tested in a trial of 900 infants") does not
        mentions = self.mentions_by_sentence.get(start, NO_MENTIONS)
        return not any(start <= e.start < cue_at and (e.label_ == "DRUG" or e.start <= subject[-1] and e.end > subject[0])
                       for e in mentions.all)

    def _pair_named(self, target: Span, anchor_at: int, block: StudyBlock | None = None) -> list[str]:
        """ "Neither agent raised ...", "both drugs lowered ...", "<outcome> was more common with both agents": the
        two drugs of the latest claims; for "with both agents" before any claim, the two drugs the study block named."""
        start = self.sent_starts[target.start]
        words = self.lower[start:anchor_at]
        after = self.lower[target.end: self._clause_end(target.end, self.sent_ends[target.start])]
        # "<outcome> was more common with both agents": the arms the result is stated for, named after it
        drug_pair = any(w == "both" and i and after[i - 1] == "with" and i + 1 < len(after)
                        and after[i + 1] in PAIRED_DRUG_NOUNS for i, w in enumerate(after))
        if not drug_pair and not any(w in ("neither", "both") and i + 1 < len(words) and words[i + 1] not in NOT_A_PAIR
                                     for i, w in enumerate(words)):
            return []
        earlier = [r.intervention for b in self.blocks for r in b.records]  # the current block is among them
        latest = list(dict.fromkeys(reversed(earlier)))[:2]
        if len(latest) < 2 and drug_pair and block is not None and len(block.drugs) == 2:
            return list(block.drugs)
        return latest[::-1] if len(latest) == 2 else []

    def _the_combination(self, target: Span, drugs: list[Span]) -> list[str]:
        """ "... was lower with the combination": the two drugs the sentence or the latest claim gave
        together ("X plus Y"), a record for each."""
        start, end = self.sent_starts[target.start], self.sent_ends[target.start]
        near = self.lower[max(start, target.start - 6): target.start] + self.lower[target.end: min(end, target.end + 6)]
        if "combination" not in near or \
                not any(w == "combination" and i and near[i - 1] in ("the", "this") for i, w in enumerate(near)):
            return []
        given = [d for d in drugs if start <= d.start and d.end <= target.start]
        pairs = [(a, b) for a, b in zip(given, given[1:]) if b.start - a.end == 1 and self.lower[a.end] in COMBINED_WITH]
        if pairs:
            return list(dict.fromkeys(self.norms.name(d) for d in pairs[-1]))
        earlier = [r for b in self.blocks for r in b.records]
        group = self._last_group(earlier) if earlier else []
        return group if len(group) > 1 else []

    def _pair_of_class(self, anchor: Span, target: Span, anchor_at: int) -> list[str]:
        """ "Both vaccines raised ...", "neither agent lowered ...": a class noun after "both" or "neither"
        points back at the two drugs of the latest claims, not at the class."""
        if not is_class(anchor) or anchor.start == 0 or self.lower[anchor.start - 1] not in ("both", "neither"):
            return []
        return self._pair_named(target, anchor_at)

    def _own_arm_over_cited_class(self, anchor: Span, target: Span) -> list[str]:
        """ "Procalcitonin fell faster in the prolonged-infusion group", after a cited trial of the drug's
        class: a sentence without citations about the study's own groups reports on the specific drug the
        passage opened with, not on a class an earlier sentence named."""
        if not is_class(anchor) or anchor.end > self.sent_starts[target.start]:
            return []
        return list(self.topic) if self._own_study_sentence(target) else []

    def _own_arm_over_cited(self, carried: list[str], target: Span) -> list[str]:
        """The drugs of a claim carried over from a cited study do not carry into a sentence about the
        study's own groups: that sentence reports on the specific drug the passage opened with."""
        last = [r for b in self.blocks for r in b.records][-1:]
        if not last or not last[0].refs or set(carried) & set(self.topic):
            return []
        return list(self.topic) if self._own_study_sentence(target) else []

    def _own_study_sentence(self, target: Span) -> bool:
        """A sentence with no citation that speaks of the study's own groups, in a passage that opened
        with a specific drug (not a class)."""
        start, end = self.sent_starts[target.start], self.sent_ends[target.start]
        if self.citations.get(start) or not self.topic or self.topic_is_class:
            return False
        return bool(OWN_GROUP.search(self._text(start, end)))

    def _unless_class(self, names: list[str]) -> list[str]:
        """``names`` carried over from earlier claims, unless they are only a drug class ("antibiotics",
        "chemotherapy") while the arm scorer (extractor.arms) is sure of a specific arm: then that arm."""
        if not self.arm_candidates or any(("class", name) not in self.arm_candidates for name in names):
            return names  # (the candidates' keys are the scores' keys: scored only past this test)
        (kind, name), best = max(self.arm_scores.items(), key=lambda item: item[1])
        if kind == "drug" and not self._named_by_now(name):
            return names  # a drug the text names only after this sentence is not what it speaks of
        return [name] if kind != "class" and best >= STUDIED_ARM_MIN else names

    def _named_by_now(self, name: str) -> bool:
        """Whether a drug of that name is mentioned before the end of the sentence being read."""
        return self._drug_first_mentions().get(name, self._sentence_end) < self._sentence_end

    def _drug_first_mentions(self) -> dict[str, int]:
        """Each drug name of the doc, to the token where it is first mentioned (read once)."""
        if self._first_named is None:
            self._first_named = {}
            for e in self.doc.ents:
                if e.label_ == "DRUG":
                    self._first_named.setdefault(self.norms.name(e), e.start)
        return self._first_named

    def _stated_arm(self, target: Span, drugs: list[Span]) -> str | None:
        """The arm named outside the comparison of the target's sentence ("higher in the infusion group
        than in the bolus group"); see :mod:`extractor.sentence_arms`."""
        start, end = self.sent_starts[target.start], self.sent_ends[target.start]
        named = [(d, self.norms.name(d)) for d in drugs]
        arm = stated_arm(self.lower, start, end, named, lambda name: bool(CONTROL_ARMS.match(name)))
        if not arm:
            return None
        arm = with_long_forms(arm, self.doc[start:end])
        return drug_named_in(arm, self.arm_drugs, self.norms) or arm

    def _unless_compared_against(self, arm: str, target: Span, drugs: list[Span]) -> str:
        """``arm``, unless the target's sentence names it only as what the result is compared against
        ("<X> was lower in the A and B groups than in the <arm> group"): then the arm the scorer ranks next."""
        start, end = self.sent_starts[target.start], self.sent_ends[target.start]
        named = [(d, self.norms.name(d)) for d in drugs]
        labels = sentence_labels(self.lower, start, end, named)
        span = self.doc[start:end]
        compared = {with_long_forms(label.name, span) for label in labels if in_comparison(self.lower, label, start)}
        if arm not in compared or not self.arm_scores:
            return arm
        others = [(p, name) for (kind, name), p in self.arm_scores.items() if kind == "arm" and name != arm
                  and p >= OTHER_ARM_MIN]
        return max(others)[1] if others else arm

    def _arm_before(self, target: Span, anchor_at: int) -> str | None:
        """A learned (non-drug) intervention named before the cue in the target's sentence."""
        sent_start = self.sent_starts[target.start]
        before = [a for a in self.arms if sent_start <= a.start and a.end <= anchor_at
                  and not self._in_comparator_position(a)]
        return arm_name(before[-1]) if before else None

    def _drug_after_target(self, target: Span, drugs: list[Span]) -> list[str]:
        """ "fewer relapses among those who received the drug X", "more fractures among users of X": the drug
        named after the result."""
        # "<outcome>, however, was higher with X": an aside set off by commas right after the target
        # leaves the target the subject of the clause that names the drug
        clause_from = target.end + next((len(aside) for aside in PARENTHETICAL_ASIDES
                                         if self.lower[target.end: target.end + len(aside)] == aside), 0)
        for drug in drugs:
            if drug.start - target.end > MAX_CLAUSE_TOKENS:
                break
            if drug.start < clause_from or self._breaks_clause(clause_from, drug.start):
                continue
            if self._added_to(drug) or self._in_comparator_position(drug):
                continue  # "when added to standard antibiotics": the background the arm was given on; "than after Y"
            lead = set(self.lower[max(target.end, drug.start - 3): drug.start])
            if lead & (RECEIVING | ALLOCATED | EXPOSED) or self._arm_with(drug) or self._given_when(drug):
                return self._respective_names(drug, drugs)
        return []

    def _respective_names(self, drug: Span, drugs: list[Span]) -> list[str]:
        """ "X was 12% and 18% with A and B, respectively": the drug and those coordinated after it, where
        the clause pairs its figures with them by "respectively" (each then takes its own value); else the drug."""
        end = self.sent_ends[drug.start]
        stop = next((i for i in self._outside_brackets(drug.end, end) if self.lower[i] in (";", ":")), end)
        after = [d for d in drugs if d.start >= drug.start and d.end <= stop]
        group = [d for d in _coordinated(self.doc, after, drug) if d.start >= drug.start]
        if "respectively" not in self.lower[drug.end:stop]:
            # "with A and B", "with A (HR 0.79) and B (HR 0.82)": a result stated for several drugs is each
            # one's (ANNOTATION.md); a drug the sentence also names as the comparison is in both arms
            compared = {self.norms.name(d) for d in drugs if self._in_comparator_position(d)}
            group = [d for d in group if not self._in_comparator_position(d) and self.norms.name(d) not in compared]
            return list(dict.fromkeys(self.norms.name(d) for d in group)) or [self.norms.name(drug)]
        return list(dict.fromkeys(self.norms.name(d) for d in group))

    def _given_when(self, drug: Span) -> bool:
        """ "<outcome> changed when X was given": the drug whose giving the result follows."""
        lead = self.lower[max(self.sent_starts[drug.start], drug.start - 2): drug.start]
        tail = self.lower[drug.end: min(self.sent_ends[drug.start], drug.end + 2)]
        return "when" in lead and len(tail) == 2 and tail[0] in ("was", "were") and (tail[1] in ADMINISTERED or tail[1] == "added")

    def _arm_after_in_sentence(self, target: Span, drugs: list[Span]) -> list[str]:
        """ "<outcome> occurred in 70 of 100 children allocated X": the arm the target's own sentence names
        after the result, which outranks a drug of an earlier clause, where the target is the subject of a
        verb of its own ("..., while raised X was more frequent with Y"; not "X reduced Y when given with Z") or
        the drug follows it with "with" ("..., but a review found no reduction in X with Y")."""
        end = self.sent_ends[target.start]
        after = [d for d in drugs if target.end <= d.start and d.end <= end]
        compared = self._first_of_between(target, after)
        if compared is not None:
            return [self.norms.name(compared)]
        found = self._drug_after_target(target, after)
        if found:
            arm = next(d for d in after if self.norms.name(d) == found[0])
        else:  # "<outcome> was more common in the X arms"
            arm = next((d for d in after if d.end < end and self.lower[d.end] in GROUP_NOUNS
                        and self.lower[d.start - 1] == "the" and not self._in_comparator_position(d)), None)
            found = [self.norms.name(arm)] if arm is not None else []
        if not found:
            return []
        # "... found no reduction in mortality with corticosteroids": the arm right after the target's "with"
        right_after = arm.start == target.end + 1 and self._arm_with(arm)
        between = self.lower[target.end: arm.start]
        # "..., whereas anxiety scores rose with bupropion": the target is the subject of the cue verb before "with"
        own_verb = len(between) > 1 and between[-1] == "with" and self.lower[arm.start - 1] == "with" and any(
            w in CUES for w in between[:-1]) and all(w in CUES or w in CUE_ADVERBS or w in DEGREE_WORDS for w in between[:-1])
        return found if right_after or own_verb or SUBJECT_PREDICATES.intersection(between) else []

    def _first_of_between(self, target: Span, after: list[Span]) -> Span | None:
        """ "<outcome> did not differ between X and placebo", "<outcome> was similar between the X and Y groups":
        the first drug of a "between" pair in the target's clause is the arm the result is stated for."""
        for drug in after:
            if drug.start - target.end > MAX_CLAUSE_TOKENS or self._breaks_clause(target.end, drug.start):
                return None
            lead = self.lower[max(target.end, drug.start - 2): drug.start]
            if lead[-1:] == ["between"] or lead == ["between", "the"]:
                return drug
        return None

    def _arm_with(self, drug: Span) -> bool:
        """ "<outcome> was less common with X than with Y": a drug right after "with" is an arm."""
        lead = self.lower[drug.start - 2: drug.start] if drug.start >= 2 else self.lower[: drug.start]
        return (lead[-1:] == ["with"] or lead in (["with", "all"], ["with", "both"]) or self._during_therapy(drug)) \
            and not self._in_comparator_position(drug)

    def _during_therapy(self, drug: Span) -> bool:
        """ "<marker> rose during X treatment", "... on X therapy": the drug of the treatment the change came with."""
        return drug.start > 0 and self.lower[drug.start - 1] in ("during", "on") \
            and drug.end < len(self.lower) and self.lower[drug.end] in THERAPY_NOUNS

    @staticmethod
    def _last_group(records: list[EvidenceRecord]) -> list[str]:
        """The interventions of the most recent claim (several where it was stated for several drugs)."""
        last = records[-1]
        group = [r.intervention for r in records if r.evidence == last.evidence and r.intervention]
        return list(dict.fromkeys(group)) or [last.intervention]


def _contains(words: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` stands in ``words`` as a run of whole words."""
    size = len(phrase)
    return size > 0 and any(words[i:i + size] == phrase for i in range(len(words) - size + 1))


def drug_named_in(arm: str, drugs: list[Span], norms: SpanNorms) -> str | None:
    """The drug an arm's name opens with as "<drug>-induced", "<drug>-enriched" ("morphine-induced
    postconditioning"), or that it names among words of no treatment of their own ("low-dose
    methylprednisolone therapy"): the arm is that drug's, named as the text's drug mentions name it."""
    names = {d.text.lower(): norms.name(d) for d in reversed(drugs)}
    parts = arm.split()
    head, _, carrier = parts[0].partition("-")
    if carrier in DRUG_CARRIERS:
        return names.get(head)
    named = [name for name in map(names.get, parts) if name]
    generic = [part for part in parts if all(piece in NAMES_NO_TREATMENT for piece in part.split("-"))]
    return named[0] if len(parts) > 1 and len(named) == 1 and len(generic) == len(parts) - 1 else None


def treatment_arms(doc: Doc, ents: tuple[Span, ...] | None = None,
                   groups: Mapping[str, Sequence[Span]] | None = None) -> list[Span]:
    """Non-drug treatment arms in text order: learned INTERVENTION spans, then arm phrases of the
    result grammar, then products named by brand or code (:func:`product_arms`), leaving out control
    arms and anything a DRUG mention already covers.
    ``ents``: the doc's entities, and ``groups`` its span groups as lists (:func:`read_groups`), where the
    caller has read them."""
    ents = doc.ents if ents is None else ents
    groups = doc.spans if groups is None else groups
    taken = {i for e in ents if e.label == DRUG for i in range(e.start, e.end)}
    # a grammar arm phrase within a mention of what was measured or of the design ("relapse in severe
    # cases", "a pooled cohort study") names no arm; one that is a whole OUTCOME mention itself is more
    # often an arm the tagger mislabelled ("ginger tea capsules") and is kept
    measures = [(e.start, e.end, e.label_) for e in ents if e.label in NOT_ARM_LABEL_IDS]
    arms = []
    # learned spans, the result grammar's arm phrases, then products no lexicon lists ("XY-123", "Brand®")
    phrases = groups.get(RESULT_PHRASES_KEY, [])
    for found, named in ((groups.get(LEARNED_KEY, []), False), (phrases, False),
                         (product_arms(doc, ents, phrases), True), (allocated_arms(doc), False)):
        for span in found:
            if not named and span.label == INTERVENTION:
                span = before_clause_verb(doc, span)
                if taken.intersection(range(span.start, span.end)):
                    span = untaken_conjunct(doc, span, taken) or span
            if span.label == INTERVENTION and not CONTROL_ARMS.match(span_text(span)) \
                    and not taken.intersection(range(span.start, span.end)) \
                    and (named or is_arm_name(plain_arm_name(span), label_names(doc))) \
                    and not (found is phrases and any(s <= span.start and span.end <= e and (
                        label != "OUTCOME" or e - s > len(span)) for s, e, label in measures)):
                arms.append(span)
                taken.update(range(span.start, span.end))
    return sorted(arms, key=lambda s: s.start)


def untaken_conjunct(doc: Doc, span: Span, taken: set[int]) -> Span | None:
    """ "<conversational hypnosis> and propofol": where a drug mention is one conjunct of an arm phrase
    (:data:`ARM_CONJUNCTIONS`), the first conjunct no mention covers is the non-drug arm, unless it opens with a word
    of one or two letters; None where there is none."""
    lower = lower_words(doc)
    start = span.start
    for i in range(span.start, span.end + 1):
        if i < span.end and lower[i] not in ARM_CONJUNCTIONS:
            continue
        # not "E supplementation" of "vitamin C and E supplementation": a letter left of an elided name
        if start < i and not taken.intersection(range(start, i)) and i - start < len(span) and len(lower[start]) > 2:
            return Span(doc, start, i, label=span.label)
        start = i + 1
    return None


def before_clause_verb(doc: Doc, span: Span) -> Span:
    """An arm phrase cut before a verb that makes it a clause ("<X> resulted in ...", "<CBT> revealed significant
    changes"): the words before the verb name the arm (:func:`extractor.arm_names.clause_verb_at`)."""
    cut = clause_verb_at(lower_words(doc)[span.start:span.end])
    return span if cut is None else Span(doc, span.start, span.start + cut, label=span.label)


def label_names(doc: Doc) -> dict[str, bool]:
    """The words the text writes before "group", "arm" or "condition" ("the fatigue group" -> "fatigue"), up to three
    words back, lower-cased, as the keys of a dict (which the doc's user data can serialize); read once per doc."""
    cached = doc.user_data.get(GROUP_LABELS)
    if cached is None:
        lower = lower_words(doc)
        cached = doc.user_data[GROUP_LABELS] = {" ".join(lower[i - n:i]): True for i, word in enumerate(lower)
                                                if word in GROUP_HEADS for n in range(1, min(3, i) + 1)}
    return cached


def allocated_arms(doc: Doc) -> list[Span]:
    """The first arm a sentence names as allocated ("randomised to <a supervised exercise programme> or usual care",
    "comparing <X> with <Y>"): the words after an allocation lead up to an end word, up to
    :data:`ALLOCATED_ARM_WORDS` words, leading determiners left out, as INTERVENTION spans (checked as every arm
    phrase is, by :func:`treatment_arms`); one led by a comparator word ("routine antenatal care") is left out."""
    lower = lower_words(doc)
    spans = []
    i = 0  # where the next lead may start: after the last arm read
    for at in positions_of(lower, ALLOCATION_FIRSTS):  # the words a lead can open, found in one pass
        if at < i:
            continue
        lead = next((n for n in (3, 2, 1) if " ".join(lower[at:at + n]) in ALLOCATION_LEADS), 0)
        if not lead:
            continue
        start = at + lead
        while start < len(lower) and lower[start] in ALLOCATION_DETERMINERS:
            start += 1
        end = next((j for j in range(start + 1, min(len(lower), start + ALLOCATED_ARM_WORDS + 1))
                    if lower[j] in ALLOCATION_ENDS), None)
        if end is not None and start < end and lower[start] not in ALLOCATION_COMPARATORS:
            spans.append(Span(doc, start, end, label=INTERVENTION))
        i = start
    return spans


def has_digit(text: str) -> bool:
    """``any(map(str.isdigit, text))``; in ASCII text (where only 0-9 are digits) one search in C."""
    return bool(DIGIT.search(text)) if text.isascii() else any(map(str.isdigit, text))


def product_arms(doc: Doc, ents: tuple[Span, ...], phrases: Sequence[Span] | None = None) -> list[Span]:
    """Brand-marked and code-named products (:func:`extractor.arm_names.product_names`) as arm spans;
    ``phrases``: the result grammar's phrases, where the caller has read them."""
    text = doc_text(doc)
    if "®" not in text and "™" not in text and not has_digit(text):
        return []
    spans = []
    tagged = [(e.start_char, e.end_char) for e in ents]
    phrases = doc.spans.get(RESULT_PHRASES_KEY, []) if phrases is None else phrases
    tagged += [(s.start_char, s.end_char) for s in phrases if s.label == OUTCOME]
    measures = [(e.start_char, e.end_char) for e in ents if e.label in NOT_ARM_LABEL_IDS]
    for start, end in product_names(text, tagged, NOT_PRODUCT_CODES, measures):
        span = doc.char_span(start, end, label="INTERVENTION", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def _candidate(found: dict[tuple[str, str], Candidate], kind: str, name: str) -> Candidate:
    """The candidate of that kind and name in ``found``, added where it is new."""
    candidate = found.get((kind, name))
    if candidate is None:
        candidate = found[(kind, name)] = Candidate(name, kind)
    return candidate


def arm_candidates(doc: Doc, measured: set[int], norms: SpanNorms | None = None,
                   arms: list[Span] | None = None, drugs: list[Span] | None = None) -> list[Candidate]:
    """Every name the text gives a possible arm, mentions pooled: drugs (not those named as the thing
    measured) and non-drug arm phrases, in order of first mention. ``norms``, ``arms``
    (:func:`treatment_arms`) and ``drugs`` (the DRUG entities not :func:`is_measured`, in order)
    where the caller has them already."""
    norms = norms or SpanNorms(doc)
    found: dict[tuple[str, str], Candidate] = {}
    for span in arm_drugs(doc, measured) if drugs is None else drugs:
        name, kind = norms.name(span), "class" if is_class(span) else "drug"
        _candidate(found, kind, name).spans.append(span)
    for span in treatment_arms(doc) if arms is None else arms:
        _candidate(found, "arm", arm_name(span)).spans.append(span)
    return sorted(found.values(), key=lambda c: c.spans[0].start)


def studied_arm_scores(doc: Doc, measured: set[int], norms: SpanNorms | None = None,
                       arms: list[Span] | None = None, drugs: list[Span] | None = None
                       ) -> dict[tuple[str, str], float] | None:
    """The arm scorer's probability for each candidate, by (kind, name); None where the doc's pipeline has
    no learned parts (no claim detector ran on it), so a rules-only pipeline is rules-only whatever the
    process's settings say."""
    candidates = studied_arm_candidates(doc, measured, norms, arms, drugs)
    return None if candidates is None else candidate_scores(doc, list(candidates.values()))


def studied_arm_candidates(doc: Doc, measured: set[int], norms: SpanNorms | None = None,
                           arms: list[Span] | None = None, drugs: list[Span] | None = None
                           ) -> dict[tuple[str, str], Candidate] | None:
    """:func:`arm_candidates` by (kind, name), the keys of :func:`studied_arm_scores`; None where that is."""
    if doc_extension(doc, "claims") is None:
        return None
    return {(c.kind, c.name): c for c in arm_candidates(doc, measured, norms, arms, drugs)}


def candidate_scores(doc: Doc, candidates: list[Candidate]) -> dict[tuple[str, str], float]:
    """The arm scorer's probability of each candidate, by (kind, name)."""
    scores = ArmScorer.default().score(doc, candidates)
    return {(c.kind, c.name): p for c, p in zip(candidates, scores)}


def learned_main_arm(scores: dict[tuple[str, str], float] | None, compared: set[str] = frozenset()) -> str | None:
    """The non-drug arm the scorer ranks first, where it is sure enough and ahead of every drug. Where that
    arm is one the text names only as what it compares against (``compared``, :func:`compared_arm_names`),
    the best candidate named otherwise takes its place if it is a non-drug arm of :data:`OTHER_ARM_MIN` or
    more (measured on the Evidence Inference training abstracts and tune split: the comparator of four
    texts gave way to the arm studied, no prompt lost)."""
    if not scores:
        return None
    (kind, name), best = max(scores.items(), key=lambda item: item[1])
    if kind == "arm" and name in compared:
        # the comparator ranked first: the best arm named otherwise where the scorer gives it some weight
        others = [item for item in scores.items() if item[0][1] not in compared]
        if others:
            (other_kind, other), p = max(others, key=lambda item: item[1])
            if other_kind == "arm" and p >= OTHER_ARM_MIN:
                return other
    return name if kind == "arm" and best >= STUDIED_ARM_MIN else None


def compared_arm_names(doc: Doc, arms: list[Span]) -> set[str]:
    """The names of the non-drug arms every mention of which follows a comparison word shortly before it in
    its sentence ("compared with standard counselling", "X versus usual walking"), and arms named as the other
    arm without the addition ("X alone"): the comparator, not the arm studied."""
    lower = lower_words(doc)
    starts = sentence_bounds(doc)[0]
    only_compared: dict[str, bool] = {}
    for span in arms:
        before = lower[max(starts[span.start], span.start - COMPARED_REACH):span.start]
        name = arm_name(span)
        compared = not COMPARED_CONTEXT.isdisjoint(before) or name.rsplit(" ", 1)[-1] in CONTROL_TAILS
        only_compared[name] = only_compared.get(name, True) and compared
    return {name for name, compared in only_compared.items() if compared}


def measured_phrases(doc: Doc, ents: tuple[Span, ...] | None = None,
                     groups: Mapping[str, Sequence[Span]] | None = None) -> set[int]:
    """Tokens of the phrases that result constructions name as measured ("reduced <analgesic requirements>");
    a phrase that is nothing but a drug's name ("<oral zinc> did not shorten ...") is the arm, not a measure.
    ``ents``: the doc's entities, and ``groups`` its span groups as lists (:func:`read_groups`), where the
    caller has read them."""
    drug_spans = [e for e in (doc.ents if ents is None else ents) if e.label == DRUG]
    lower = lower_words(doc)
    # a route before the drug ("<oral> iron", "<adding> bupropion") is part of naming the arm, and a phrase
    # opened by "adding" names an arm whatever follows the drug ("<adding bupropion to an SSRI> did not ...")
    # and so is a therapy noun after it ("<thyroid hormone therapy> does not improve ...", ANNOTATION.md)
    drugs = {i for e in drug_spans for i in range(e.start - (e.start > 0 and lower[e.start - 1] in ARM_LEADS),
                                                   e.end + (e.end < len(lower) and lower[e.end] in THERAPY_NOUNS))}
    # and so is how long it was given ("an <8-day antibiotic course>", "<short-course antibiotics>")
    drugs |= {i for e in drug_spans for i in (e.start - 1, e.end) if 0 <= i < len(lower) and COURSE_WORD.match(lower[i])}
    # "<lenacapavir given every 6 months> was superior": a drug and how it was given is the arm
    dosed = {e.end for e in drug_spans if e.end < len(lower) and lower[e.end] in ADMINISTERED}
    return {i for span in (doc.spans if groups is None else groups).get(RESULT_PHRASES_KEY, []) if span.label == OUTCOME
            and not drugs.issuperset(range(span.start, span.end)) and lower[span.start] not in ADD_ON_LEADS
            and not any(span.start < j < span.end for j in dosed) for i in range(span.start, span.end)}


def is_measured(doc: Doc, drug: Span, measured: set[int], marker_listed: set[int] | None = None) -> bool:
    """A drug named as the thing measured, not as an arm: inside a measured phrase, or before a measure
    noun, alone or coordinated ("melatonin levels", "melatonin and cortisol levels"). ``marker_listed``: the
    start tokens of the doc's drugs :func:`listed_with_marker`, where the caller has read them."""
    lower = lower_words(doc)
    if drug.start in measured:
        return not _exposure_arm(lower, drug.start, drug.end, sentence_bounds(doc))
    if drug.start > 0 and lower[drug.start - 1] in NEED_VERBS:
        return True  # "needed insulin more often for hyperglycaemia": a treatment counted, not the arm
    if drug.start > 1 and lower[drug.start - 1] == "of" and lower[drug.start - 2] in COUNTED_DRUG_HEADS:
        return True  # "the number of analgesics taken per day": the drug use counted, not the arm
    if drug.start in marker_listed if marker_listed is not None else listed_with_marker(doc, drug):
        return True  # "IL-6, CRP, E-selectin and F2-isoprostane were measured": a marker the tagger took for a drug
    heads = grammar().measure_heads
    sent_end = sentence_bounds(doc)[1][drug.start]
    after = lower[drug.end: min(sent_end, drug.end + 3)]
    if after[:1] == ["("] and ")" in after[2:] or after[:1] == [")"] and lower[drug.start - 1] == "(":
        # "<drug> (<its short form>) levels", "<long form> (<drug>) levels": what follows the bracket
        after = lower[drug.end + after.index(")") + 1: min(sent_end, drug.end + after.index(")") + 4)]
    if after[:1] == ["-"] and after[1:2] and after[1] in ATTRIBUTE_COMPOUNDS:
        return True  # "clarithromycin-resistant strains", "TNF inhibitor-naive patients": who or what, not an arm
    if after and after[0] in EXPOSURE_HEADS:
        return not _exposure_arm(lower, drug.start, drug.end, sentence_bounds(doc))
    return bool(after) and (after[0] in heads or len(after) == 3 and after[0] in ("and", "or") and after[2] in heads)


# "All patients received X", "X was given to all participants", "background X": a drug every participant took.
ALL_WORDS = words("given_to_all_quantifiers")
BACKGROUND_WORDS = words("background_drug_words")
GIVEN_TO_ALL_REACH = 8  # words between the quantified people and the drug, either way
# Words that make a drug given to everyone an arm after all ("all patients received X or placebo").
ARM_CHOICE = words("arm_choice_words") | ALLOCATED


def given_to_all(lower: list[str], bounds: tuple[list[int], list[int]], drug: Span) -> bool:
    """Whether the sentence names ``drug`` as what every participant was given, the setting both arms share, not
    an arm: "All patients received opioid analgesia", "X was given to all participants", "background X"."""
    starts, ends = bounds
    sent_start, sent_end = starts[drug.start], ends[drug.start]
    if ARM_CHOICE.intersection(lower[sent_start:sent_end]):
        return False
    before = lower[max(sent_start, drug.start - GIVEN_TO_ALL_REACH): drug.start]
    if BACKGROUND_WORDS.intersection(before[-3:]):
        return True  # "on background metformin", "background therapy with X"
    for k, word in enumerate(before[:-1]):
        if word in ALL_WORDS and before[k + 1] in PEOPLE | GROUP_HEADS and RECEIVING.intersection(before[k + 2:]):
            return True  # "all patients received <X>"
    after = lower[drug.end: min(sent_end, drug.end + GIVEN_TO_ALL_REACH)]
    for k, word in enumerate(after[:-1]):
        if word in ALL_WORDS and after[k + 1] in PEOPLE | GROUP_HEADS and ADMINISTERED.intersection(after[:k]) \
                and "to" in after[:k]:
            return True  # "<X> was given to all patients"
    return False


def background_drugs(doc: Doc, drugs: list[Span], name) -> set[str]:
    """The names of drugs every mention of which :func:`given_to_all` calls given to all participants."""
    lower, bounds = lower_words(doc), sentence_bounds(doc)
    given: dict[str, bool] = {}
    for drug in drugs:
        key = name(drug)
        given[key] = given.get(key, True) and given_to_all(lower, bounds, drug)
    return {key for key, every in given.items() if every}


def token_labels(doc: Doc, ents: tuple[Span, ...] | None = None) -> list[int]:
    """The entity label of every token (0 outside the entities), built once per doc; ``ents``: ``doc.ents``, where
    the caller has read it (spaCy makes every entity's Span anew on each read)."""
    labels = doc.user_data.get(TOKEN_LABELS)
    if labels is None:
        labels = [0] * len(doc)
        for ent in doc.ents if ents is None else ents:
            labels[ent.start:ent.end] = [ent.label] * len(ent)
        doc.user_data[TOKEN_LABELS] = labels
    return labels


def listed_with_marker(doc: Doc, drug: Span) -> bool:
    """Whether a drug mention stands in one coordinated list with a LAB_MARKER mention ("IL-6, CRP, <E-selectin>
    and F2-isoprostane", "<X> (X1) and C-reactive protein"): the list's items are what was measured, one of them
    a marker the tagger took for a drug. The list is read both ways from the drug, over mentions, their
    parenthesized short forms, commas and "and"/"or", up to :data:`MARKER_LIST_REACH` tokens, and must hold an
    "and" or "or" ("treated with <drug>, TSH (thyroid-stimulating hormone) rose" is no list)."""
    labels = token_labels(doc)
    lower = lower_words(doc)
    starts, ends = sentence_bounds(doc)
    marker = joined = False
    for step, edge, stop in ((-1, drug.start - 1, max(starts[drug.start] - 1, drug.start - 1 - MARKER_LIST_REACH)),
                             (1, drug.end, min(ends[drug.start], drug.end + MARKER_LIST_REACH))):
        for i in range(edge, stop, step):
            if not labels[i] and lower[i] not in LIST_JOINS:
                break
            marker = marker or labels[i] == LAB_MARKER
            joined = joined or not labels[i] and lower[i] in LIST_CONJUNCTIONS
    return marker and joined


def _exposure_arm(lower: list[str], start: int, end: int, bounds: tuple[list[int], list[int]]) -> bool:
    """ "after <X> exposure", "<X> exposure was associated with ...": the drug before an exposure noun is the
    arm compared, not a measured amount (as in "<X> exposure rose twofold")."""
    sent_start, sent_end = bounds[0][start], bounds[1][start]
    if end >= sent_end or lower[end] not in EXPOSURE_HEADS:
        return False
    if EXPOSURE_LEADS & set(lower[max(sent_start, start - 3): start]):
        return True
    return bool(ASSOCIATION & set(lower[end + 1: min(sent_end, end + 4)]))


def arm_drugs(doc: Doc, measured: set[int]) -> list[Span]:
    """The DRUG entities named as arms, not as the thing measured (:func:`is_measured`), in text order."""
    return [e for e in doc.ents if e.label == DRUG and not is_measured(doc, e, measured)]


def main_arm(doc: Doc, arms: list[Span], measured: set[int] = frozenset(), norms: SpanNorms | None = None,
             drugs: list[Span] | None = None) -> str | None:
    """The non-drug arm a text is about, where it is named more than twice as often as any drug (a
    mention in the first sentence, usually the title, counts twice); None where a drug is prominent.
    ``drugs``: :func:`arm_drugs`, where the caller has them."""
    if not arms:
        return None
    norms = norms or SpanNorms(doc)
    first = doc_sentences(doc)[0]
    weight: Counter[tuple[bool, str]] = Counter()
    for span in (arm_drugs(doc, measured) if drugs is None else drugs) + arms:
        is_drug = span.label == DRUG
        key = (is_drug, norms.name(span) if is_drug else arm_name(span))
        weight[key] += 2 if span.start < first.end else 1
    (is_drug, name), top = max(weight.items(), key=lambda item: (item[1], item[0][0]))
    top_drug = max((w for (drug, _), w in weight.items() if drug), default=0)
    return None if is_drug or top <= 2 * top_drug else name


def arm_name(span: Span) -> str:
    """An arm phrase's name, lower-cased; a word the text defines as an abbreviation ("the XYZ group" after
    "xylo yellow zinc (XYZ)") is written as its long form, so that the arm's mentions pool as one candidate
    and the arm scorer reads its words. Records keep the name the text wrote (:meth:`RecordBuilder.build`):
    in the Evidence Inference training abstracts read, a question named such an arm by its abbreviation alone
    in three texts and by its long form alone in one, while choosing the arm by the pooled long form
    recovered questions in four more."""
    return with_long_forms(plain_arm_name(span), span)


def with_long_forms(name: str, span: Span) -> str:
    """``name`` (lower-cased words of ``span``) with each word that ``span`` writes as an abbreviation the
    text defines (:func:`defined_long_forms`) replaced by the long form; the doc remembers the name as
    written (``user_data[ARM_WRITTEN_NAMES]``, by the long name) for the records."""
    long_forms = defined_long_forms(span.doc)
    if long_forms:
        written = (word.strip(WORD_EDGES) for word in span_text(span).split())
        defined = {long_forms[word] for word in written if word in long_forms}
        if defined:
            expand = dict(defined)
            written, name = name, " ".join(expand.get(word, word) for word in name.split())
            span.doc.user_data.setdefault(ARM_WRITTEN_NAMES, {}).setdefault(name, written)
    return name


def abbreviation_headed(name: str, doc: Doc) -> str:
    """An arm's written name of several words that ends in an abbreviation the text defines ("brief
    parent-led xyz" after "xylo yellow zinc (XYZ)"), named by that abbreviation alone: the words before it
    qualify the arm the text names by it, and a question names the arm by its abbreviation or long form,
    which the qualifiers would outweigh (Evidence Inference tune split and wide set: three questions
    recovered, none lost)."""
    head = name.rsplit(" ", 1)
    if len(head) == 2 and any(short == head[1] for short, _ in defined_long_forms(doc).values()):
        return head[1]
    return name


def plain_arm_name(span: Span) -> str:
    """An arm phrase's words, lower-cased, without leading determiners, a purpose clause, a schedule or a "<head> of"."""
    return trim_arm_name(ARM_SCHEDULE.sub("", ARM_PURPOSE.sub("", LEADING_DETERMINERS.sub("", span_text(span).lower()))))


def defined_long_forms(doc: Doc) -> dict[str, tuple[str, str]]:
    """The doc's abbreviations with a capital letter ("XYZ", "HbX"), as written, to (short form, long form)
    lower-cased, the long form's determiners cut; read once per doc. A short form the text defines twice,
    differently, is left out."""
    cached = doc.user_data.get(ARM_LONG_FORMS)
    if cached is None:
        found: dict[str, tuple[str, str] | None] = {}
        shorts = doc._.abbreviations if Doc.has_extension("abbreviations") else ()
        for short in shorts or ():
            text = short.text
            if len(text) < 2 or text.islower() or " " in text:
                continue
            pair = (text.lower(), LEADING_DETERMINERS.sub("", short._.long_form.text.lower()))
            found[text] = pair if found.get(text, pair) == pair else None
        cached = doc.user_data[ARM_LONG_FORMS] = {k: v for k, v in found.items() if v}
    return cached


def is_class(span: Span) -> bool:
    return id_type(span.id_) == "class"


@lru_cache(maxsize=4096)
def id_type(ids: str) -> str | None:
    """The ``type`` among a span's encoded ids (:func:`decode_ids`), decoded once per distinct id string."""
    return decode_ids(ids).get("type")


def split_combination(span: Span, norms: SpanNorms | None = None) -> list[str]:
    """A combination named "a/b" yields a record per drug, unless the lexicon marks it as one
    fixed-dose product (its ``type`` is ``fixed_combination``)."""
    name = (norms or SpanNorms(span.doc)).name(span)
    if "/" in name and id_type(span.id_) != "fixed_combination":
        return [part.strip() for part in name.split("/") if part.strip()]
    return [name]


def merge_duplicates(records: list[EvidenceRecord]) -> list[EvidenceRecord]:
    """One record per (intervention, outcome) and sentence: "C-reactive protein (CRP)" is one claim."""
    merged: dict[tuple, EvidenceRecord] = {}
    for record in records:
        key = (record.intervention, record.outcome, tuple(record.evidence), record.design)
        if key not in merged:
            merged[key] = record
            continue
        kept = merged[key]
        for value in record.values:
            if value not in kept.values:
                kept.values.append(value)
        kept.direction = kept.direction or record.direction
    return list(merged.values())


def merge_restated(records: list[EvidenceRecord]) -> list[EvidenceRecord]:
    """One record per result: a claim restated later in the text (an abstract's results and conclusions
    both give it) is merged into the first, keeping its values and evidence. In a text that cites no other
    work (one study's report) a claim restated with another cohort size or design (a subgroup's count, the
    design named in another sentence) is the same claim; where the text cites others, those tell studies apart."""
    cites = any(record.refs for record in records)
    merged: dict[tuple, EvidenceRecord] = {}
    for record in records:
        key = (record.intervention, record.outcome, record.direction) + (
            (record.cohort_size, record.design) if cites else ())
        kept = merged.setdefault(key, record)
        if kept is record:
            continue
        kept.values.extend(v for v in record.values if v not in kept.values)
        kept.evidence.extend(e for e in record.evidence if e not in kept.evidence)
        kept.refs.extend(r for r in record.refs if r not in kept.refs)
    return list(merged.values())


def build_records(doc: Doc, mentions: list[Mention] | None = None,
                  ents: tuple[Span, ...] | None = None) -> list[EvidenceRecord]:
    """Return the evidence records a processed doc supports; ``mentions``, the doc's
    :func:`~extractor.mentions.doc_mentions` where the caller has them, spare normalizing its entities again;
    ``ents``, ``doc.ents`` where the caller has read it."""
    return RecordBuilder(doc, mentions, ents).build()
