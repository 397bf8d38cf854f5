"""Directions of results in trial abstracts as Evidence Inference prompts ask them (sentences written for the tests)."""

from extractor.records import compared_pair
from extractor.values import parse_values

TRIAL = "Methods: In this randomized trial, 60 patients received {a} or {b}. Results: {result}"


def _direction(pipeline, text, outcome_word, drug):
    records = [r for r in pipeline.extract(text).records if outcome_word in r.outcome and r.intervention == drug]
    assert records, pipeline.extract(text).records
    return {r.direction for r in records}


def test_a_test_statistic_does_not_hide_a_compared_pair(pipeline):
    assert compared_pair(parse_values("were 30.0% and 60.0%, respectively (χ2 = 4.12, P < 0.05)")) == "decrease"
    text = ("In this randomized trial, 30 patients received everolimus or capecitabine. The one-year recurrence rates "
            "were 33.3% and 80.0% in patients treated with everolimus and capecitabine, respectively (χ2 = 4.12, "
            "P < 0.05), and the one-year survival rates were 90.0% and 50.0%, respectively (χ2 = 6.31, P < 0.05).")
    assert _direction(pipeline, text, "recurrence", "everolimus") == {"decrease"}


def test_the_patients_a_share_counts_are_no_population(pipeline):
    text = ("In this randomized trial, 80 patients received nerve blocks or placebo. The number of patients with improved "
            "mobility (assessed by the Oswestry Disability Index) was not significantly different in the block group (70% of cases) "
            "compared to the placebo group (66% of cases) at 4 weeks (P = 0.41).")
    records = [r for r in pipeline.extract(text).records if "mobility" in r.outcome]
    assert [r.direction for r in records] == ["no_difference"], pipeline.extract(text).records


def test_a_change_word_that_defines_who_is_counted_is_no_cue():
    from extractor.records import responder_thresholds
    tokens = "the proportion of patients with reduced swelling was higher with x".split()
    assert responder_thresholds(tokens) == [(5, 6)]
    assert responder_thresholds("patients with reduced swelling were older".split()) == []


def test_a_change_in_both_groups_alike_is_no_difference(pipeline):
    text = ("In this randomized trial, 64 adults with chronic neck pain received trazodone or placebo for 12 weeks. "
            "Neck pain scores and sleep quality improved significantly in both groups over the study period (P < 0.01).")
    records = pipeline.extract(text).records
    assert {r.direction for r in records if r.intervention == "trazodone"} == {"no_difference"}, records


def test_a_change_in_both_groups_in_another_clause_leaves_a_comparison(pipeline):
    text = ("In this randomized trial, 300 patients received lisinopril or placebo. Dizziness was more frequent with "
            "lisinopril, but angioedema was rare in both groups.")
    records = [r for r in pipeline.extract(text).records if r.outcome == "dizziness"]
    assert [r.direction for r in records] == ["increase"], pipeline.extract(text).records


def test_a_control_arm_set_against_the_intervention_turns_the_direction(pipeline):
    def direction(result):
        text = "In this randomized trial, 70 patients received ketorolac or placebo. " + result
        return {r.direction for r in pipeline.extract(text).records if r.outcome == "pain"}

    assert direction("Pain scores in the placebo group were significantly higher than in the ketorolac group "
                     "(P<0.01).") == {"decrease"}
    assert direction("Pain scores were higher in the control group than in the ketorolac group (P<0.01).") == {"decrease"}
    assert direction("Pain scores were lower with ketorolac than with placebo (P<0.01).") == {"decrease"}
    assert direction("Pain scores were higher with ketorolac than with placebo (P<0.01).") == {"increase"}


def test_a_control_arm_set_against_a_named_non_drug_arm_turns_the_direction(pipeline):
    text = ("In this randomized trial, 70 women received music therapy or usual care. Anxiety scores were lower in the "
            "control group compared to the music therapy group (P<0.01).")
    assert {r.direction for r in pipeline.extract(text).records if "anxiety" in r.outcome} == {"increase"}


def test_a_change_in_both_groups_then_more_in_one_is_a_comparison(pipeline):
    text = ("In this randomized trial, 90 children received lactulose or mineral oil. Straining and soiling decreased "
            "in both groups (P < 0.001), but more decrease was seen in the lactulose group (P < 0.05).")
    records = [r for r in pipeline.extract(text).records if r.outcome == "soiling"]
    assert records and all(r.direction != "no_difference" for r in records), pipeline.extract(text).records


def test_no_graded_effects_deny_a_result_but_no_side_effects_do_not():
    from extractor.records import _no_difference_ahead
    assert _no_difference_ahead("no systematic effects of the interventions".split(), 0)
    assert _no_difference_ahead("no significant changes in".split(), 0)
    assert not _no_difference_ahead("no side effects of".split(), 0)
    assert not _no_difference_ahead("no main effects or interactions".split(), 0)


def test_no_systematic_effects_for_an_outcome_state_no_difference(pipeline):
    text = ("In this randomized trial, 40 adults received whey protein or maltodextrin for 12 weeks. "
            "No systematic effects of the interventions were found for serum lipids.")
    records = [r for r in pipeline.extract(text).records if "lipids" in r.outcome]
    assert [r.direction for r in records] == ["no_difference"], pipeline.extract(text).records


def test_a_change_noun_graded_by_smallness_states_the_other_way(pipeline):
    text = ("In this randomized trial, 120 patients received finerenone or spironolactone. Finerenone was associated "
            "with significantly smaller mean increases in serum potassium than spironolactone (0.04 and 0.45 mmol/L, "
            "respectively, P < 0.01).")
    records = [r for r in pipeline.extract(text).records if r.outcome == "potassium"]
    assert [r.direction for r in records] == ["decrease"], pipeline.extract(text).records


def test_fewer_falls_stay_a_decrease(pipeline):
    text = "In this randomized trial, 120 adults received exercise or usual care. Exercise led to fewer falls than usual care (P = 0.02)."
    assert {r.direction for r in pipeline.extract(text).records if r.outcome == "falls"} == {"decrease"}


def test_an_outcome_named_control_is_no_control_arm(pipeline):
    text = ("In this randomized trial, 90 adults received coaching or a leaflet. Glycemic control was better in the "
            "coaching group than in the comparison group (P<0.01).")
    directions = {r.direction for r in pipeline.extract(text).records if "glycemic" in r.outcome}
    assert "worsen" not in directions and "decrease" not in directions, pipeline.extract(text).records


def test_a_change_in_both_named_arms_is_no_difference(pipeline):
    text = ("In this randomized trial, 90 adults received atorvastatin or placebo. Serum sRAGE levels decreased in both "
            "the atorvastatin and placebo groups (p < 0.001) from day 0 to day 7.")
    records = [r for r in pipeline.extract(text).records if r.outcome == "srage"]
    assert [r.direction for r in records] == ["no_difference"], pipeline.extract(text).records


def test_a_later_clause_denying_a_difference_between_arms_decides_the_direction(pipeline):
    def direction(result):
        text = "In this randomized trial, 90 adults received metformin or placebo. " + result
        return {r.direction for r in pipeline.extract(text).records if r.outcome == "hemoglobin a1c"}

    assert direction("HbA1c decreased significantly with metformin, but there was no significant difference "
                     "between the groups.") == {"no_difference"}
    assert direction("HbA1c was lower after metformin than after placebo, but no significant differences were "
                     "observed (P > 0.05).") == {"no_difference"}


def test_a_denial_that_names_its_own_outcome_leaves_the_first_result(pipeline):
    text = ("In this randomized trial, 90 adults received metformin or placebo. Metformin lowered HbA1c, but there "
            "was no difference between the groups in body weight.")
    records = pipeline.extract(text).records
    assert {r.direction for r in records if r.outcome == "hemoglobin a1c"} == {"decrease"}, records
    assert {r.direction for r in records if r.outcome == "body weight"} == {"no_difference"}, records


def test_another_study_finding_no_difference_keeps_the_first_claim(pipeline):
    text = ("Intravenous magnesium sulfate was first reported to shorten hospital stay in children with asthma (4), "
            "but a later meta-analysis of 9 trials found no difference (mean difference -0.3 days) (5).")
    directions = [r.direction for r in pipeline.extract(text).records if r.intervention == "magnesium sulfate"]
    assert "improve" in directions or "decrease" in directions, pipeline.extract(text).records


def test_a_size_word_before_listed_names_grades_the_change_noun_after_them(pipeline):
    text = ("In this randomized trial, 90 adults received ertugliflozin or glimepiride. Greater body weight and systolic "
            "blood pressure reductions were observed with ertugliflozin relative to glimepiride.")
    records = pipeline.extract(text).records
    assert {r.outcome: r.direction for r in records} == {"body weight": "decrease", "systolic blood pressure": "decrease"}


def test_a_change_in_each_of_two_named_arms_is_no_difference(pipeline):
    text = ("In this randomized trial, 90 adults received metformin or pioglitazone. Significant improvement was "
            "observed in fasting plasma glucose in the metformin and pioglitazone arms.")
    records = pipeline.extract(text).records
    assert {r.direction for r in records if r.outcome == "fasting plasma glucose"} == {"no_difference"}, records


def test_changes_said_to_match_the_other_arm_are_no_difference(pipeline):
    text = ("In this randomized trial, 90 adults received atorvastatin or placebo. After 8 weeks, triglycerides were "
            "decreased in the atorvastatin group (-34%), and these changes were similar to those of the placebo group.")
    records = pipeline.extract(text).records
    assert {r.direction for r in records if r.outcome == "triglycerides"} == {"no_difference"}, records


def test_no_change_in_the_control_arm_then_a_change_with_the_drug_is_the_change(pipeline):
    def direction(result):
        text = "In this randomized trial, 90 adults received metformin or placebo. " + result
        return {r.direction for r in pipeline.extract(text).records if r.outcome == "hemoglobin a1c"}

    assert direction("HbA1c was unchanged in the placebo group but fell significantly with metformin.") == {"decrease"}
    assert direction("HbA1c levels were unchanged in the placebo group but fell in the lifestyle and metformin "
                     "groups at 1 year.") == {"decrease"}


def test_names_and_cues_paired_by_respectively_take_their_own_cue(pipeline):
    text = ("In this randomized trial, 300 adults received ertugliflozin or glimepiride. The rates of hypoglycemia, "
            "nausea and genital mycotic infection were lower, similar and higher, respectively, with ertugliflozin "
            "than with glimepiride.")
    directions = {r.outcome: r.direction for r in pipeline.extract(text).records}
    assert directions == {"hypoglycemia": "decrease", "nausea": "no_difference",
                          "genital mycotic infection": "increase"}, directions
