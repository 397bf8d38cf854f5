"""Arm phrases that name no arm, and records whose outcome is no measured thing (sentences written for the tests)."""

import pytest

from extractor.arm_names import clause_verb_at, is_arm_name, trim_arm_name
from extractor.record_filters import is_result_outcome


@pytest.mark.parametrize("name", ["yoga", "cognitive behavioural therapy", "early mobilisation",
                                  "3% hypertonic saline", "first test", "i-gel"])
def test_treatment_names_are_arm_names(name):
    assert is_arm_name(name)


@pytest.mark.parametrize("name", ["significant", "substantial within", "two web-based", "one of the four programmes",
                                  "such approaches", "more fluid", "different breathing strategies",
                                  "mg treatment", "0.5-ml dose", "61.2±5.3 years", "new a device", "within", "12", ""])
def test_fragments_are_not_arm_names(name):
    assert not is_arm_name(name)


@pytest.mark.parametrize("name", ["removing", "start", "there were no", "sd 5.1", "type of feedback may",
                                  "including diet advice", "weight loss", "bacterial infections", "delirium"])
def test_verbs_statistics_clause_pieces_and_outcomes_are_not_arm_names(name):
    assert not is_arm_name(name)


@pytest.mark.parametrize("name", ["early dialysis", "restrictive transfusion", "endotracheal intubation",
                                  "weight loss programme", "pain education"])
def test_procedures_listed_as_outcomes_and_programmes_about_an_outcome_stay_arm_names(name):
    assert is_arm_name(name)


@pytest.mark.parametrize("phrase, name", [
    ("adding home blood pressure monitoring", "home blood pressure monitoring"),
    ("group sessions including guided imagery", "guided imagery"), ("providing tailored leaflets", "tailored leaflets"),
])
def test_an_arm_phrase_is_cut_after_a_verb_of_giving(phrase, name):
    assert trim_arm_name(phrase) == name


@pytest.mark.parametrize("phrase, name", [
    ("twice-weekly session of aquatic exercise", "aquatic exercise"), ("effects of acupuncture", "acupuncture"),
    ("single dose of ginger extract", "ginger extract"), ("insert either the laryngeal tube", "laryngeal tube"),
    ("quality of life programme", "quality of life programme"), ("massage", "massage"),
    ("single bout of cold exposure", "cold exposure"), ("12 weeks of aerobic training", "aerobic training"),
])
def test_an_arm_phrase_is_trimmed_to_the_arm_it_names(phrase, name):
    assert trim_arm_name(phrase) == name


@pytest.mark.parametrize("outcome", ["mortality", "quality of life", "hba1c", "length of stay",
                                     "pain scores", "parameters of lung function"])
def test_measured_things_are_result_outcomes(outcome):
    assert is_result_outcome(outcome)


@pytest.mark.parametrize("outcome", ["demographic data", "baseline characteristics", "patient characteristics",
                                     "secondary outcomes", "efficacy variables", "the primary endpoint",
                                     "and lower quartiles", "of the other markers measured", None, ""])
def test_baselines_outcome_classes_and_fragments_are_not(outcome):
    assert not is_result_outcome(outcome)


KNEE_TRIAL = "In a randomised trial of 240 adults with knee pain, "


@pytest.mark.parametrize("text, dropped", [
    (KNEE_TRIAL + "there was no significant difference between the naproxen and placebo groups in demographic data. "
     "Naproxen reduced pain scores compared with placebo (p = 0.01).", "demographic data"),
    (KNEE_TRIAL + "naproxen reduced pain compared with placebo (p = 0.01), with no difference in the secondary "
     "outcomes (p = 0.40).", "secondary outcomes"),
])
def test_a_baseline_comparison_or_a_class_of_outcomes_is_no_result(pipeline, text, dropped):
    pairs = {(r.intervention, r.outcome) for r in pipeline.extract(text).records}
    assert ("naproxen", "pain") in pairs and ("naproxen", dropped) not in pairs


@pytest.mark.parametrize("arms", ["addition of clonidine (75 μg) to intrathecal ropivacaine",
                                  "clonidine as an adjuvant to spinal ropivacaine"])
def test_the_drug_every_arm_receives_is_not_the_intervention(pipeline, arms):
    text = f"In a randomised trial of 120 women, {arms} prolonged the time to first rescue analgesia (p < 0.001)."
    interventions = {r.intervention for r in pipeline.extract(text).records}
    assert "clonidine" in interventions and "ropivacaine" not in interventions


def test_a_directionless_record_restating_a_directed_one_is_dropped():
    from extractor.record_filters import drop_non_results
    from extractor.schema import EvidenceRecord

    directed = EvidenceRecord(intervention="naproxen", outcome="pain scores", direction="decrease", cohort_size=80)
    restated = EvidenceRecord(intervention="naproxen", outcome="pain", direction=None, cohort_size=80)
    other_study = EvidenceRecord(intervention="naproxen", outcome="pain", direction=None, cohort_size=300)
    other_outcome = EvidenceRecord(intervention="naproxen", outcome="sleep quality", direction=None, cohort_size=80)
    kept = drop_non_results([directed, restated, other_study, other_outcome])
    assert kept == [directed, other_study, other_outcome]


@pytest.mark.parametrize("clause", ["in 18% of the controls and in 12% of the ondansetron group",
                                    "in 12% of the ondansetron group and in 18% of the controls"])
def test_a_pair_of_percentages_is_read_in_the_arms_order(pipeline, clause):
    text = f"In a randomised trial of 300 adults, nausea occurred {clause} (P = 0.01)."
    (record,) = pipeline.extract(text).records
    assert (record.intervention, record.outcome, record.direction) == ("ondansetron", "nausea", "decrease")


def test_control_first_needs_the_control_between_the_figures():
    from extractor.arm_order import control_first

    assert control_first("41% with placebo and 29% with the drug")
    assert not control_first("29% with the drug and 41% with placebo")
    assert not control_first("compared with placebo (29% vs 41%)")


@pytest.mark.parametrize("arm, other, result", [
    ("hydrotherapy", "land exercise", "pain scores were lower after hydrotherapy (p = 0.02)"),
    ("yoga", "stretching", "disability was lower with yoga (p = 0.01)"),
])
def test_a_non_drug_arm_after_compared_with_is_the_comparator(pipeline, arm, other, result):
    text = (f"{arm.capitalize()} versus {other} for back pain: a randomised trial of 90 adults. Adults were "
            f"randomised to {arm} or to {other}. Compared with {other}, {result}.")
    assert {r.intervention for r in pipeline.extract(text).records} == {arm}


def test_a_degree_word_before_group_is_no_arm_label():
    from extractor.sentence_arms import group_labels

    lower = "there was a significant group by time interaction in the walking group".split()
    assert [label.name for label in group_labels(lower, 0, len(lower))] == ["walking"]


ZINC_TRIAL = ("Zinc for wound healing after hip surgery: a randomized trial. "
              "Earlier studies indicated that oral zinc can improve wound healing in younger adults. "
              "We randomized 140 older adults to oral zinc or placebo. "
              "Wound infection was less frequent with zinc than with placebo (6% vs 15%, p = 0.03). "
              "Time to wound closure was shorter with zinc (p = 0.01). "
              "Oral zinc lowers postoperative complications in older adults.")


def test_a_trial_report_without_headings_states_its_claims_in_its_results(pipeline):
    found = {(r.intervention, r.outcome) for r in pipeline.extract(ZINC_TRIAL).records}
    assert ("zinc", "wound infection") in found
    # others' findings before the results and the summary after them are no claims of this trial
    assert ("zinc", "wound healing") not in found
    assert ("zinc", "postoperative complications") not in found


@pytest.mark.parametrize("sentence", [
    "No serious adverse events were observed.", "Nausea did not differ between the two groups.",
    "Sleep quality improved significantly with melatonin.", "Pain fell by 2.1 points with massage.",
    "A similar effect on stroke was found."])
def test_sentences_reporting_findings_read_as_results(sentence):
    from extractor.record_filters import reads_as_result

    assert reads_as_result(sentence)


@pytest.mark.parametrize("sentence", [
    "Oral zinc lowers postoperative complications in older adults.",
    "Massage may be a useful addition to usual care for chronic neck pain."])
def test_summaries_do_not_read_as_results(sentence):
    from extractor.record_filters import reads_as_result

    assert not reads_as_result(sentence)


@pytest.mark.parametrize("outcome", ["scores", "the opposite pattern", "third postoperative nights", "each follow",
                                     "several of these measures", "most other variables", "partners", "different",
                                     "complications associated", "the new device resulted"])
def test_fragments_naming_no_measured_thing_are_no_result_outcomes(outcome):
    assert not is_result_outcome(outcome)


@pytest.mark.parametrize("outcome", ["neck pain days", "time to recovery", "pain scores", "immune responses",
                                     "dose of rescue analgesia", "days off work"])
def test_outcomes_with_a_measured_thing_stay(outcome):
    assert is_result_outcome(outcome)


def test_what_an_arm_is_designed_to_do_before_the_results_is_no_claim(pipeline):
    text = ("Zinc after hip surgery: a randomized trial. "
            "Oral zinc is designed to lower wound infection and shorten the time to wound closure. "
            "We randomized 140 older adults to oral zinc or placebo. "
            "Wound infection was less frequent with zinc than with placebo (6% vs 15%, p = 0.03). "
            "Pain scores were lower with zinc (p = 0.01).")
    found = {(r.intervention, r.outcome) for r in pipeline.extract(text).records}
    assert ("zinc", "wound infection") in found and ("zinc", "pain") in found
    assert ("zinc", "time to wound closure") not in found


def test_an_affirmed_significant_difference_is_no_absence_of_effect():
    from extractor.record_filters import directions_as_stated
    from extractor.schema import EvidenceRecord

    def record(sentence):
        return EvidenceRecord(intervention="melatonin", outcome="sleep depth", direction="no_difference",
                              evidence=[(0, len(sentence))])

    affirmed = "Significant differences were found between the groups in sleep depth (P < 0.05)."
    denied = "There were no significant differences between the groups in sleep depth (P = 0.40)."
    (first,) = directions_as_stated([record(affirmed)], affirmed)
    (second,) = directions_as_stated([record(denied)], denied)
    assert first.direction is None and second.direction == "no_difference"


@pytest.mark.parametrize("sentence, direction", [
    ("Sleep improved with melatonin. No dizziness, headache, or daytime sleepiness was observed.", "no_difference"),
    ("No patient had daytime sleepiness; it was less frequent than with placebo.", "decrease"),
    ("Daytime sleepiness was less frequent with melatonin than with placebo.", "decrease"),
])
def test_an_absence_of_events_states_no_difference_for_every_item(sentence, direction):
    from extractor.record_filters import directions_as_stated
    from extractor.schema import EvidenceRecord

    record = EvidenceRecord(intervention="melatonin", outcome="daytime sleepiness", direction="decrease",
                            evidence=[(0, len(sentence))])
    (kept,) = directions_as_stated([record], sentence)
    assert kept.direction == direction


@pytest.mark.parametrize("subject", ["Both groups", "Both treatments"])
def test_a_change_both_groups_made_states_no_difference(pipeline, subject):
    """ "Both groups reduced their body weight": every arm changed alike, so no arm did better."""
    text = (f"In this trial of 120 adults, orlistat was compared with placebo. {subject} reduced body weight from "
            "baseline to 6 months (p < 0.01).")
    (record,) = [r for r in pipeline.extract(text).records if r.outcome == "body weight"]
    assert record.direction == "no_difference"


def test_every_group_words_stand_in_every_match():
    """A sentence is split into clauses for EVERY_GROUP only where it holds one of EVERY_GROUP_LITERALS: each
    wording EVERY_GROUP matches holds one."""
    from extractor.record_filters import EVERY_GROUP, may_name_every_group

    for text in ("Pain improved in both groups.", "Both treatments lowered pain.", "Both the arms gained weight.",
                 "Pain fell in each arm.", "Pain fell regardless of treatment.", "irrespective of allocation",
                 "Pain fell in all three study groups."):
        assert EVERY_GROUP.search(text) and may_name_every_group(text), text
    assert not may_name_every_group("Pain fell with the drug.")


def test_a_name_cut_off_mid_phrase_or_a_lone_verb_form_is_no_outcome():
    for fragment in ("mean duration of", "limit of the", "time to return to", "performed", "observed",
                     "tiredness score likewise", "recent data suggests", "follow-up seems to be rather modest",
                     "physical activity and a decrease", "older people", "terms of changes to haq",
                     "more patients treated", "consistent trends", "sub-saharan africa where the attendance",
                     "throughout the entire", "infants born to mothers", "pilot sample size",
                     "stroke treatment of today may necessitate larger patient"):
        assert not is_result_outcome(fragment), fragment
    for name in ("preparation time for group a", "bleeding", "shivering", "time to extubation", "length of stay",
                 "numbers of reported illness events", "hemodynamic status of infants", "patient-reported outcomes"):
        assert is_result_outcome(name), name


def test_a_sentence_that_defines_an_outcome_or_sets_the_protocol_makes_no_record(pipeline):
    for sentence in ("A 15% fall in FEV1 after mannitol defined a positive test.",
                     "Sedation with dexmedetomidine was titrated to maintain a Ramsay sedation score of 3 or greater.",
                     "The primary outcome was defined as a 0.8% decrease in HbA1c with metformin.",
                     "Our primary outcome was a self-rated impression of change on a 7-point scale ranging from 1 (very "
                     "much worse) to 7 (very much better).",
                     "Secondary end points were the effects on peripheral B cells and ACR50 response rates."):
        text = "In this randomized trial, 120 adults received the study drug or placebo. " + sentence
        assert pipeline.extract(text).records == [], sentence
    # "between day 7 and 14" is a time window, no comparison of the groups
    text = ("In this randomized trial, 120 adults received methotrexate or placebo. Treatment success was defined as a "
            "20% reduction in serum ferritin between day 7 and 14.")
    assert pipeline.extract(text).records == [], text
    text = ("In this randomized trial, 120 adults received metformin or placebo. Response, defined as a 0.8% "
            "decrease in HbA1c, was more frequent with metformin than with placebo (p = 0.01).")
    assert pipeline.extract(text).records, text


@pytest.mark.parametrize("name", ["chest indrawing pneumonia", "central fatigue", "c-reactive protein",
                                  "zylotab revealed significant changes", "group b performed significantly better",
                                  "school-based prevention programmes may be related", "pilot sample size",
                                  "randomized trial comparing mailed kits", "test", "intensive", "diabetes",
                                  "olanzapine-", "days [1–5]", "ancova"])
def test_conditions_markers_clauses_study_words_and_cut_words_are_not_arm_names(name):
    assert not is_arm_name(name)


@pytest.mark.parametrize("name", ["interval hypoxia", "therapeutic hypothermia", "motivational interviewing",
                                  "lifestyle intervention", "intensive therapy", "biofeedback", "first test"])
def test_treatments_the_disease_dictionary_lists_and_words_with_a_noun_stay_arm_names(name):
    assert is_arm_name(name)


def test_a_condition_the_text_writes_as_a_group_label_stays_an_arm_name():
    assert not is_arm_name("fatigue")
    assert is_arm_name("fatigue", frozenset({"fatigue"}))


@pytest.mark.parametrize("words, cut", [(["zylotab", "resulted"], 1), (["cbt", "revealed", "changes"], 1),
                                        (["resulted"], None), (["guided", "imagery"], None)])
def test_an_arm_phrase_is_cut_before_a_verb_that_makes_it_a_clause(words, cut):
    assert clause_verb_at(words) == cut


def test_a_claim_stated_as_a_change_and_as_an_improvement_is_one_record(pipeline):
    text = ("In this randomized trial, 60 adults received liraglutide or placebo. Basal metabolic rate increased with "
            "liraglutide compared with placebo (p = 0.01). Liraglutide improved basal metabolic rate.")
    records = [r for r in pipeline.extract(text).records if r.outcome == "basal metabolic rate"]
    assert [r.direction for r in records] == ["increase"], records
    assert len(records[0].evidence) == 2


def test_definition_and_baseline_wordings_hold_a_literal_the_search_is_skipped_without():
    """The definition and baseline patterns are searched only where a sentence holds one of their literals (in any
    case; a text with characters beyond ASCII is always searched): each wording they match holds one."""
    from extractor.record_filters import BASELINE_STATE, DEFINITION, DEFINITION_LITERALS
    from extractor.values import may_hold

    for text in ("A positive test was DEFINED as a fall of 15%.", "Sedation was titrated to a score of 3.",
                 "Doses were adjusted to maintain a level of 5.", "The main outcome measures were pain and sleep.",
                 "The primary endpoint was the rate of falls.", "The secondary end point was a fall.",
                 "Pain was measured at 6 weeks.", "Sleep was Recorded daily."):
        assert DEFINITION.search(text) and may_hold(text, DEFINITION_LITERALS), text
    for text in ("Pain was similar at baseline.", "The baseline scores were comparable.", "Baseline pain was low."):
        assert BASELINE_STATE.search(text) and may_hold(text, ("baseline",)), text
    assert not may_hold("Pain fell with the drug (p = 0.01).", DEFINITION_LITERALS)
    assert may_hold("Pain fell with the drug — 12 µg daily.", DEFINITION_LITERALS)  # not ASCII: searched


def test_studied_effect_wordings_hold_a_literal():
    """The what-was-studied pattern is searched only where a sentence holds one of its literals: each wording it
    matches holds one."""
    from extractor.records import EFFECT_STUDIED, EFFECT_STUDIED_LITERALS
    from extractor.values import may_hold

    for text in ("The effect of higher doses on pain relief was analyzed.", "The IMPACT of X on Y was examined.",
                 "We tested the effectiveness of X for improving Y.", "This trial evaluated the efficacy of X."):
        assert EFFECT_STUDIED.search(text) and may_hold(text, EFFECT_STUDIED_LITERALS), text
    assert not may_hold("Pain fell with the drug.", EFFECT_STUDIED_LITERALS)


@pytest.mark.parametrize("name", ["primary outcome variable", "other biomarkers", "biomarker concentrations", "main factors",
                                  "interaction term", "much", "estimated effect"])
def test_names_of_classes_of_measures_or_statistics_are_no_outcomes(name):
    assert not is_result_outcome(name)


@pytest.mark.parametrize("name", ["markers of t-cell activation", "primary patency", "treatment failure", "risk factors",
                                  "antinociceptive effect", "creatinine concentration"])
def test_measures_named_with_those_words_stay_outcomes(name):
    assert is_result_outcome(name)


def test_a_class_of_biomarkers_compared_makes_no_record(pipeline):
    text = ("In a trial of 80 adults randomized to simvastatin or placebo, LDL cholesterol fell with simvastatin "
            "(p < 0.001). No significant differences in other biomarkers were observed between the groups.")
    assert [r.outcome for r in pipeline.extract(text).records] == ["ldl cholesterol"]


def test_what_was_known_before_the_study_is_no_finding_of_it():
    from extractor.record_filters import drop_future_work
    from extractor.schema import EvidenceRecord

    text = ("Although the benefit of home visits in reducing neonatal mortality is well established, evidence for home "
            "resuscitation is mixed. Data on the effects of prolonged exercise on salivary lysozyme are very limited. "
            "Neonatal mortality was lower with home visits. Long-term data are sparse, and a cohort study of 6,097 "
            "children suggested an increase in behavioural disorders after steroid exposure (45).")
    ends = [i + 1 for i, c in enumerate(text) if c == "." and (i + 1 == len(text) or text[i + 1] == " ")]
    spans = list(zip([0] + [e + 1 for e in ends[:-1]], ends))

    def record(outcome, sentence):
        return EvidenceRecord(intervention="home visits", outcome=outcome, direction="decrease", evidence=[spans[sentence]])

    kept = drop_future_work([record("neonatal mortality", 0), record("salivary lysozyme", 1),
                             record("neonatal mortality", 2), record("behavioural disorders", 3)], text)
    assert [(r.outcome, r.evidence[0]) for r in kept] == [("neonatal mortality", spans[2]),
                                                          ("behavioural disorders", spans[3])]
