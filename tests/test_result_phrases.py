"""Outcome and arm phrases named by the grammar of result statements (sentences written for the tests)."""

import pytest

from extractor.components.result_phrases import RESULT_PHRASES_KEY


def phrases(pipeline, text, label):
    doc = pipeline.nlp(text)
    return [span.text for span in doc.spans[RESULT_PHRASES_KEY] if span.label_ == label]


@pytest.mark.parametrize("text, expected", [
    ("The duration of sensory block in the ropivacaine group was significantly longer than in the saline group.",
     "duration of sensory block"),
    ("There was no significant difference in wound dehiscence between the two groups (p = 0.52).",
     "wound dehiscence"),
    ("Early feeding significantly reduced the time to first flatus compared with delayed feeding.",
     "time to first flatus"),
    ("Handgrip strength did not differ between arms.", "Handgrip strength"),
    ("The yoga group had lower anxiety scores at week 8.", "anxiety scores"),
    ("The duration of sedation in the propofol group (41 ± 9 min) was shorter than in the midazolam group.",
     "duration of sedation"),
    ("There was no difference between the two groups regarding the onset of motor block.", "onset of motor block"),
    ("The time to first mobilisation in the brace group was 3.1 days versus 4.8 days with casting (p = 0.01).",
     "time to first mobilisation"),
])
def test_outcome_phrases(pipeline, text, expected):
    assert expected in phrases(pipeline, text, "OUTCOME")


def test_groups_and_determiners_stay_out_of_outcome_phrases(pipeline):
    found = phrases(pipeline, "The rate of readmission in the telemonitoring group was lower than in controls.", "OUTCOME")
    assert found == ["readmission"]  # the measure noun stays out, as the annotators write it
    assert phrases(pipeline, "Both groups were similar at baseline.", "OUTCOME") == []


def test_arm_phrases(pipeline):
    text = ("Patients were randomized to early mobilisation or bed rest, and the early mobilisation group "
            "had shorter hospital stays.")
    arms = phrases(pipeline, text, "INTERVENTION")
    assert "early mobilisation" in arms
    assert all("group" not in arm for arm in arms)


def test_drugless_trial_gets_a_record_for_its_arm(pipeline):
    text = ("In a randomized trial of 180 adults (3), the rate of falls in the tai chi group was significantly "
            "lower than in the stretching group.")
    records = pipeline.extract(text).records
    assert [(r.intervention, r.outcome, r.direction) for r in records] == [("tai chi", "falls", "decrease")]


def test_adverbs_are_not_outcomes(pipeline):
    found = phrases(pipeline, "Nausea was reported more often with tramadol, and rash was seen less frequently.", "OUTCOME")
    assert not {"often", "frequently"} & set(found)


@pytest.mark.parametrize("text, expected", [
    ("The time to first ambulation in groups A and B was 12.1±2.3 hours and 15.4±3.0 hours, respectively (p=0.01).",
     "time to first ambulation"),
    ("The length of the dressing change among both arms was 14.5% longer with foam.", "length of the dressing change"),
])
def test_subject_of_a_value_written_as_one_token_and_measured_in_named_groups(pipeline, text, expected):
    assert expected in phrases(pipeline, text, "OUTCOME")


def test_phrase_cut_short_before_a_drug_it_names_is_still_an_outcome_candidate(pipeline):
    from extractor.components.claim_detector import outcome_targets

    doc = pipeline.nlp("The number of rescue doses of ketorolac was similar in the two groups (p = 0.4).")
    assert [t.text for t in outcome_targets(doc)] == ["number of rescue doses"]
    # the rescue drug is what was counted, no arm: the result is the arms' (a text naming none makes no record)
    records = pipeline.extract("In a trial of 80 adults given dexmedetomidine or placebo, the number of rescue doses of "
                               "ketorolac was similar in the two groups (p = 0.4).").records
    assert [(r.intervention, r.outcome, r.direction) for r in records] == [
        ("dexmedetomidine", "number of rescue doses", "no_difference")]
    # a phrase that runs into an outcome mention adds nothing: the mention stands for it
    doc = pipeline.nlp("The rate of postoperative nausea in the two groups was similar (p = 0.4).")
    assert [t.text for t in outcome_targets(doc)] == ["postoperative nausea"]


@pytest.mark.parametrize("text, expected", [
    ("A larger number of viable embryos were transferred in the long protocol group (p = 0.03).",
     "number of viable embryos"),
    ("The sealer group showed significantly less leakage than the gutta-percha group (p < 0.05).", "leakage"),
    ("Grip strength did not show any significant change between the two arms.", "Grip strength"),
])
def test_graded_quantities_and_unshown_changes_name_outcomes(pipeline, text, expected):
    assert expected in phrases(pipeline, text, "OUTCOME")


@pytest.mark.parametrize("text", [
    "Headaches may have been more common with the patch, which needs further study.",
    "Bruising was more frequent in the heparin group.",
    "Nurses found the pump more convenient than the syringe driver.",
])
def test_a_comparative_used_as_a_predicate_names_no_outcome(pipeline, text):
    found = phrases(pipeline, text, "OUTCOME")
    assert not {"common", "frequent", "convenient"} & set(found)


def test_a_denied_list_gives_each_item_and_stops_at_its_end(pipeline):
    text = ("There were no significant differences in wound pain, scar width (4.1 vs 4.3 mm), or patient "
            "satisfaction between the two groups, even in smokers.")
    found = phrases(pipeline, text, "OUTCOME")
    assert {"wound pain", "scar width", "patient satisfaction"} <= set(found)
    assert not any("smokers" in phrase for phrase in found)
    # a stated change lists no items: only the first phrase
    found = phrases(pipeline, "There was a greater reduction in wound pain, scar width and itching with the gel.", "OUTCOME")
    assert "wound pain" in found and "scar width" not in found


def test_a_comparative_that_dates_names_an_outcome_only_before_than(pipeline):
    found = phrases(pipeline, "Drain removal in the sealant group was earlier than in the suture group (P = 0.02).",
                    "OUTCOME")
    assert "Drain removal" in found
    found = phrases(pipeline, "Oxygen was given for 20 minutes or until saturation recovered, whichever was earlier.",
                    "OUTCOME")
    assert found == []


def test_the_groups_not_differing_in_a_list_name_each_item(pipeline):
    found = phrases(pipeline, "The two arms did not differ significantly in operating time, drain output or "
                              "length of hospital stay.", "OUTCOME")
    assert {"operating time", "drain output", "length of hospital stay"} <= set(found)
    found = phrases(pipeline, "The groups did not differ with regard to wound healing time (P = 0.3).", "OUTCOME")
    assert "wound healing time" in found


def test_a_difference_with_respect_to_a_measure_names_it(pipeline):
    found = phrases(pipeline, "There were no significant differences with respect to cannulation time (P = 0.6).",
                    "OUTCOME")
    assert "cannulation time" in found


def test_a_change_noun_alone_is_no_outcome(pipeline):
    found = phrases(pipeline, "There was no significant change in joint pain or decrease in swelling (p = 0.4).", "OUTCOME")
    assert "joint pain" in found and "decrease" not in found


def test_one_word_that_names_no_outcome_is_no_result_phrase():
    from extractor.components.result_phrases import _names_nothing_measured

    assert all(_names_nothing_measured(w) for w in ("more", "physical", "studies", "age", "incidentally", "scores"))
    assert not any(_names_nothing_measured(w) for w in ("survival", "pain", "anaemia", "withdrawal", "delirium"))


@pytest.mark.parametrize("text, expected", [
    ("The mean number of weekly naps increased in the yoga group (6.8 vs 5.8, p < 0.001).",
     "number of weekly naps"),
    ("Handgrip endurance significantly improved only in the training group (p = 0.01).", "Handgrip endurance"),
    ("Resting heart rate fell more in the walking group (p = 0.03).", "Resting heart rate"),
    ("The frequency of night waking decreased significantly following melatonin intake compared to placebo (P=0.01).",
     "night waking"),
])
def test_the_subject_of_a_change_verb_without_object_is_an_outcome(pipeline, text, expected):
    assert expected in phrases(pipeline, text, "OUTCOME")


def test_the_subject_of_a_change_verb_stops_at_the_verb(pipeline):
    found = phrases(pipeline, "Body weight fell in the diet group, whereas peak oxygen uptake rose in the exercise group.",
                    "OUTCOME")
    assert "peak oxygen uptake" in found
    assert not any("rose" in phrase for phrase in found)


@pytest.mark.parametrize("text", [
    "Patients who walked daily increased their walking distance.",  # the verb has an object
    "Scores increased from 12 to 15 points over the year.",  # a change over time, not a comparison
    "Scores increased (p = 0.04).",  # no group or comparison named
    "The dose was increased in 12 patients.",  # a passive after a be verb
    "Scores improved after 8 weeks in both groups.",  # a change over time, compared with nothing
])
def test_a_change_verb_with_an_object_or_a_time_course_names_no_subject(pipeline, text):
    found = phrases(pipeline, text, "OUTCOME")
    assert "Patients who walked daily" not in found and "Scores" not in found and "dose" not in found


def test_a_change_verb_with_an_object_before_a_comparison_names_no_subject(pipeline):
    found = phrases(pipeline, "The new tube significantly reduced failed attempts compared to the standard tube.", "OUTCOME")
    assert not any("tube" in phrase for phrase in found)


def test_a_result_whose_outcome_is_the_subject_of_a_change_verb_gets_a_record(pipeline):
    text = ("In a randomized trial of 80 adults, walking was compared with stretching. "
            "Mean shuttle distance increased in the walking group (p = 0.01).")
    records = pipeline.extract(text).records
    assert [(r.intervention, r.outcome, r.direction) for r in records] == [("walking", "shuttle distance", "increase")]


def test_an_arm_name_may_open_on_group(pipeline):
    assert "group music therapy" in phrases(pipeline, "We studied the effect of group music therapy on anxiety.",
                                            "INTERVENTION")
    found = phrases(pipeline, "Patients were randomized to group A or to group B.", "INTERVENTION")
    assert not any(phrase.lower().startswith("group") for phrase in found)


def test_a_bracketed_test_between_the_verb_and_the_comparative_keeps_the_subject(pipeline):
    text = "Mean recovery indexes were significantly (P = 0.001) higher in the yoga group than in the stretching group."
    assert "recovery indexes" in phrases(pipeline, text, "OUTCOME")


def test_a_single_word_left_after_a_bracket_is_no_subject_of_a_change_verb(pipeline):
    text = ("Intact cells fell in the cooled group, while late necrotic (dye positive) cells increased "
            "in the warm group.")
    found = phrases(pipeline, text, "OUTCOME")
    assert "cells" not in found and "Intact cells" in found


@pytest.mark.parametrize("text, expected", [
    ("Eltrombopag reduced the need for splenectomy (9% vs 24%).", "splenectomy"),
    ("The annual risk of stroke was lower with apixaban (1.3% vs 1.6%).", "stroke"),
    ("The number of weekly naps increased in the yoga group (6.8 vs 5.8, p < 0.001).", "number of weekly naps"),
])
def test_need_and_rate_words_stay_out_of_outcome_phrases_counts_stay_in(pipeline, text, expected):
    assert expected in phrases(pipeline, text, "OUTCOME")


def test_a_raised_possibility_is_no_outcome(pipeline):
    text = "Cohort studies have raised the possibility that incretin drugs increase the risk of cholecystitis (5)."
    assert "possibility" not in phrases(pipeline, text, "OUTCOME")


def test_a_count_of_people_runs_through_the_clause_naming_what_happened_to_them(pipeline):
    text = "The percentage of children who needed a second operation was lower in the laser group (P = 0.03)."
    assert "percentage of children who needed a second operation" in phrases(pipeline, text, "OUTCOME")
    text = "The percentage of children who received the laser was lower in the second year (P = 0.03)."
    assert not any("who received" in phrase for phrase in phrases(pipeline, text, "OUTCOME"))


def test_the_arm_before_compared_is_named_after_a_preposition_of_what_was_done(pipeline):
    text = "Heart rate recovery was greater after the cycling test compared to the walking test (P < 0.001)."
    assert {"cycling test", "walking test"} <= set(phrases(pipeline, text, "INTERVENTION"))
    text = "Oxygen uptake was lower in every session compared with the walking test (P < 0.001)."
    assert phrases(pipeline, text, "INTERVENTION") == ["walking test"]


def test_a_measure_of_the_treatment_given_is_an_outcome_though_treatment_alone_is_none(pipeline):
    text = "There was no significant difference in the preference of treatment between the groups (P = 0.12)."
    assert "preference of treatment" in phrases(pipeline, text, "OUTCOME")
    text = "There was no significant difference in the treatment between the groups (P = 0.12)."
    assert "treatment" not in phrases(pipeline, text, "OUTCOME")


def test_the_people_a_measure_belongs_to_are_no_part_of_it_after_a_change_noun(pipeline):
    text = "No significant differences were found between the two regarding patients’ overall comfort (P > 0.05)."
    assert "comfort" in phrases(pipeline, text, "OUTCOME")


def test_a_measure_added_by_as_well_as_after_a_result_is_an_outcome_but_a_dose_is_not(pipeline):
    text = ("Time to first flatus was earlier in the acupuncture group than in the control group (3.2 vs 4.1 d, "
            "P = 0.04), as well as the time to solid food (5.0 vs 5.8 d, P = 0.03).")
    assert "time to solid food" in phrases(pipeline, text, "OUTCOME")
    text = "Pain was lower with low dose ketamine (P = 0.04), as well as high dose ketamine (P = 0.03)."
    assert not any("high dose" in phrase for phrase in phrases(pipeline, text, "OUTCOME"))


def test_a_treatment_course_compared_with_another_is_no_outcome(pipeline):
    text = "The 4-week course was worse than the 8-week course of ribavirin."
    assert not any("course" in phrase for phrase in phrases(pipeline, text, "OUTCOME"))


def test_each_outcome_listed_with_its_own_amount_after_an_object_verb_is_a_phrase(pipeline):
    text = "Zinc reduced diarrhoea by 20% and pneumonia by 15%."
    assert {"diarrhoea", "pneumonia"} <= set(phrases(pipeline, text, "OUTCOME"))
