"""Evidence records assembled from passages written for the tests."""

import pytest


def records(pipeline, text):
    return [r.to_dict() for r in pipeline.extract(text).records]


def test_result_with_values_refs_and_study_context(pipeline):
    text = ("In a randomized controlled trial of 812 adults with asthma, montelukast reduced exacerbations "
            "compared with placebo (12.0% vs. 18.4%; hazard ratio 0.66, 95% CI 0.51-0.85) (7).")
    (record,) = records(pipeline, text)
    assert record["intervention"] == "montelukast"
    assert record["outcome"] == "exacerbations"
    assert record["direction"] == "decrease"
    assert record["cohort_size"] == 812
    assert record["design"] == "rct"
    assert [v["value"] for v in record["values"]] == [12.0, 18.4, 0.66]
    assert record["refs"] == ["7"]
    assert record["comparator"] == "placebo"
    assert record["negated"] is False and record["hedged"] is False
    start, end = record["evidence"][0]["start"], record["evidence"][0]["end"]
    assert "montelukast reduced" in text[start:end]


def test_next_sentence_links_back_to_its_cohort(pipeline):
    text = ("A retrospective cohort study evaluated 1,120 patients with heart failure (4). "
            "In this cohort, spironolactone was associated with a 30-day mortality of 8.2% compared with 11.5%.")
    (record,) = records(pipeline, text)
    assert record["intervention"] == "spironolactone"
    assert record["outcome"] == "30-day mortality"
    assert record["cohort_size"] == 1120
    assert record["design"] == "cohort"
    assert record["direction"] == "decrease"
    assert record["refs"] == ["4"]


def test_negated_result(pipeline):
    text = "In a double-blind trial of 300 patients, sertraline did not reduce relapse (21)."
    (record,) = records(pipeline, text)
    assert record["negated"] is True
    assert record["direction"] == "no_difference"


def test_hedged_result(pipeline):
    text = "A meta-analysis of 2,400 participants suggested that lithium may lower suicide attempts (9)."
    (record,) = records(pipeline, text)
    assert record["hedged"] is True
    assert record["design"] == "meta_analysis"


def test_one_record_per_drug_stated_together(pipeline):
    text = "In a cohort of 5,000 patients, atorvastatin and rosuvastatin lowered major adverse cardiovascular events (3)."
    assert sorted(r["intervention"] for r in records(pipeline, text)) == ["atorvastatin", "rosuvastatin"]


def test_general_statements_make_no_record(pipeline):
    assert records(pipeline, "Statins lower LDL cholesterol and are widely prescribed.") == []


def test_mentions_without_a_result_make_no_record(pipeline):
    assert records(pipeline, "A trial of 200 patients compared insulin glargine with insulin degludec (3).") == []


def test_sentence_naming_two_studies_reports_on_the_last(pipeline):
    text = ("Apixaban was approved after a randomized trial in 900 patients, and a meta-analysis of six trials "
            "including 7,200 patients confirmed fewer strokes with apixaban (5).")
    (record,) = [r for r in records(pipeline, text) if r["outcome"] == "stroke"]
    assert record["cohort_size"] == 7200 and record["design"] == "meta_analysis"


def test_arms_listed_together_are_summed(pipeline):
    text = ("In a randomized trial, 310 patients were assigned to empagliflozin and 305 patients to placebo (2). "
            "Empagliflozin reduced hospitalization for heart failure (8.1% vs. 11.2%).")
    (record,) = records(pipeline, text)
    assert record["cohort_size"] == 615 and record["refs"] == ["2"]


def test_dose_words_stay_outside_drug_spans(pipeline):
    doc = pipeline.nlp("Low-dose aspirin was continued.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("aspirin", "aspirin")]


def test_population_is_the_description_nearest_the_result(pipeline):
    text = ("In a trial of 3,150 patients (14), hydrocortisone reduced 90-day mortality among patients requiring "
            "vasopressor support but did not reduce mortality among patients with mild pneumonia.")
    populations = {r["outcome"]: r["population"] for r in records(pipeline, text)}
    assert populations == {"90-day mortality": "patients requiring vasopressor support",
                           "mortality": "patients with mild pneumonia"}


def test_values_keep_their_measure_interval_and_exact_p_value(pipeline):
    text = ("In a randomized trial of 1,480 adults (6), rivaroxaban reduced recurrent thrombosis "
            "(risk ratio 0.81, 95% CI 0.65-1.00; p = 0.048).")
    (record,) = records(pipeline, text)
    ratio, p_value = record["values"]
    assert ratio == {"value": 0.81, "unit": None, "approx": False, "kind": "rr",
                     "ci_low": 0.65, "ci_high": 1.0, "ci_level": 95}
    assert p_value["value"] == 0.048 and p_value["kind"] == "p" and p_value["comparator"] == "="


def test_p_value_thresholds_are_not_values(pipeline):
    text = "In a trial of 420 patients (2), budesonide lowered exacerbations (18% vs 31%, p < 0.001)."
    (record,) = records(pipeline, text)
    assert [(v["value"], v["kind"]) for v in record["values"]] == [(18, "percent"), (31, "percent")]


def test_restated_result_makes_one_record(pipeline):
    text = ("In a randomized trial of 600 patients (4), apixaban reduced stroke (2.1% vs 3.4%). "
            "In this trial, apixaban reduced stroke.")
    (record,) = records(pipeline, text)
    assert len(record["evidence"]) == 2


def test_a_difference_stated_as_not_significant_is_no_difference(pipeline):
    for text in ("In a randomized trial of 210 patients (5), delirium was more frequent with haloperidol, "
                 "although not significantly.",
                 "In a randomized trial of 210 patients (5), haloperidol increased delirium (14% vs 11%, p = 0.38)."):
        (record,) = records(pipeline, text)
        assert (record["intervention"], record["direction"], record["negated"]) == ("haloperidol", "no_difference", True)


def test_a_procedure_trial_reports_on_its_main_arm(pipeline):
    text = ("Acupressure versus sham acupressure for nausea after cesarean delivery. "
            "In this randomized trial of 160 women (8), acupressure was applied before surgery, and "
            "ondansetron was given on request. The incidence of nausea in the acupressure group was "
            "significantly lower than in the sham group (18% vs 39%).")
    found = {(r.intervention, r.direction) for r in pipeline.extract(text).records}
    assert ("acupressure", "decrease") in found
    assert not any(intervention == "ondansetron" for intervention, _ in found)


def test_a_drug_trial_keeps_drug_interventions(pipeline):
    text = ("In a randomized trial of 300 patients (2), the insulin group had lower glucose variability "
            "than the standard care group; insulin reduced hypoglycaemia (4% vs 9%).")
    assert {r.intervention for r in pipeline.extract(text).records} == {"insulin"}


def test_a_structured_trial_abstract_without_drugs(pipeline):
    text = ("Methods: We randomly assigned 300 adults (N=300) to supervised exercise (n=150) or usual care "
            "(n=150). Results: Falls occurred in 11.3% vs 19.6% (rate ratio 0.58, 95% CI 0.36-0.92; p = 0.02). "
            "There was no significant difference in hip fracture between the groups (p = 0.47).")
    found = {(r.intervention, r.outcome): (r.direction, r.cohort_size) for r in pipeline.extract(text).records}
    assert found[("supervised exercise", "falls")] == ("decrease", 300)
    assert found[("supervised exercise", "hip fracture")] == ("no_difference", 300)


def test_a_tested_result_needs_no_named_cohort_or_design(pipeline):
    text = ("Patients were assigned to oral ketorolac or oral ibuprofen after tonsillectomy. "
            "Postoperative pain scores were significantly lower with ketorolac than with ibuprofen (p = 0.01).")
    found = {(r.intervention, r.outcome, r.direction) for r in pipeline.extract(text).records}
    assert ("ketorolac", "postoperative pain", "decrease") in found


def test_a_drug_named_as_the_thing_measured_is_no_arm(pipeline):
    mobilisation = ("A randomized trial of 80 patients compared early mobilisation with usual care. Postoperative "
                    "analgesic requirements and pain scores were significantly lower in the early mobilisation group "
                    "(p = 0.01).")
    masks = ("Eye masks and melatonin levels in intensive care: a randomized trial of 60 patients. Nocturnal "
             "melatonin levels rose, and perceived sleep quality was significantly better in the eye mask group "
             "(p = 0.02).")
    assert {r.intervention for r in pipeline.extract(mobilisation).records} == {"early mobilisation"}
    assert {r.intervention for r in pipeline.extract(masks).records} == {"eye mask"}


def test_trial_report_wordings_of_direction(pipeline):
    text = ("In a randomized trial of 120 adults with type 2 diabetes, pioglitazone was compared with placebo. "
            "Fasting glucose was more reduced in the pioglitazone group (p < 0.001). "
            "Time to discharge in the pioglitazone group was significantly shorter than in the placebo group (p = 0.03). "
            "The rate of hypoglycaemia in the pioglitazone group was higher than with placebo (p = 0.04).")
    found = {r.outcome: r.direction for r in pipeline.extract(text).records}
    assert found == {"fasting glucose": "decrease", "time to discharge": "decrease", "hypoglycemia": "increase"}


@pytest.mark.parametrize("text, expected", [
    ("In a trial of 300 adults, rivaroxaban reduced recurrent thrombosis more than aspirin (p = 0.01).",
     ("rivaroxaban", "aspirin")),
    ("Clonidine did not reduce agitation scores versus haloperidol in 64 adults (p = 0.38).",
     ("clonidine", "haloperidol")),
    ("In 120 children, ibuprofen shortened the duration of fever compared with placebo (p = 0.03).",
     ("ibuprofen", "placebo")),
    ("A cohort study of 900 patients found no difference in mortality between apixaban and warfarin (22).",
     ("apixaban", "warfarin")),
])
def test_an_active_comparator_named_in_the_result_is_kept(pipeline, text, expected):
    assert expected in {(r["intervention"], r["comparator"]) for r in records(pipeline, text)}


@pytest.mark.parametrize("text", [
    "Mortality was lower (p<0.05).", "a significantly shorter stay", "95 % CI", "CI 0.2-0.4", "no test here",
    "lowers LDL cholesterol by about 20%",
])
def test_quick_statistics_check_never_hides_a_statistics_match(text):
    from extractor.records import RESULT_STATISTICS, may_report_statistics

    assert may_report_statistics(text) or not RESULT_STATISTICS.search(text)


@pytest.mark.parametrize("text, arm", [
    ("drug A versus placebo", "placebo"), ("compared with USUAL CARE", "USUAL CARE"),
    ("better than no treatment.", "no treatment"), ("with docetaxel chemotherapy", "docetaxel chemotherapy"),
    ("compared with drug B", None),
])
def test_comparator_in_finds_named_control_arms(text, arm):
    from extractor.records import comparator_in

    assert comparator_in(text) == arm


def test_hyphenated_product_is_one_intervention(pipeline):
    text = "In a trial of 480 adults with hepatitis C, elbasvir-grazoprevir improved cure rates (12)."
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert {i for i, _ in found} == {"elbasvir-grazoprevir"}


def test_hyphenated_product_keeps_the_salt_of_its_first_drug(pipeline):
    text = "In a trial of 400 adults, daily abacavir sulfate-lamivudine lowered viral load more than placebo (3)."
    (record,) = records(pipeline, text)
    assert record["intervention"] == "abacavir sulfate-lamivudine"


def test_salt_form_is_named_by_its_drug(pipeline):
    text = "In a randomized trial of 610 women, cyproterone acetate lowered acne scores (odds ratio 0.7) (8)."
    (record,) = records(pipeline, text)
    assert record["intervention"] == "cyproterone"


def test_drug_in_as_good_as_comparison_is_the_comparator(pipeline):
    text = ("Among 520 adults in a randomized trial, zanamivir proved as good as oseltamivir for symptom relief "
            "yet reduced hospitalisation (4).")
    found = {r["intervention"] for r in records(pipeline, text)}
    assert found == {"zanamivir"}


def test_background_drug_of_an_add_on_trial_is_not_the_intervention(pipeline):
    text = ("In a trial of 640 adults with asthma, adding tiotropium to salmeterol reduced exacerbations, "
            "and tiotropium did not increase pneumonia (7).")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert found == {("tiotropium", "exacerbations"), ("tiotropium", "pneumonia")}


def test_drug_as_subject_of_a_negated_result_is_the_intervention(pipeline):
    text = ("In 900 children with diarrhoea, racecadotril shortened the duration of diarrhoea (25). "
            "Oral zinc did not shorten hospital stay in a later trial of 400 children [27].")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("zinc", "length of stay") in found
    assert ("racecadotril", "length of stay") not in found


def test_marker_associated_with_an_outcome_is_no_drug_result(pipeline):
    text = ("In a trial of 1,100 patients, ticagrelor reduced myocardial infarction (odds ratio 0.8) (18). "
            "In a secondary analysis, a rise in troponin was associated with higher mortality (20).")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert found == {("ticagrelor", "myocardial infarction")}


def test_neither_drug_gives_a_record_for_each_of_the_two(pipeline):
    text = ("In a trial of 9,000 patients, inclisiran reduced LDL cholesterol by 50% (3). Bempedoic acid, tested in "
            "14,000 patients, lowered major adverse cardiovascular events by 13% [4]. Neither drug increased liver enzymes.")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert {("inclisiran", "liver enzymes"), ("bempedoic acid", "liver enzymes")} <= found


def test_both_groups_is_not_a_pair_of_drugs(pipeline):
    text = ("In 500 patients, inclisiran reduced LDL cholesterol by 50% (3). Atorvastatin lowered it by 40% [4]. "
            "In the first trial, myalgia was similar in both groups (2% vs. 2%).")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("inclisiran", "muscle symptoms") not in found or ("atorvastatin", "muscle symptoms") not in found


def test_drug_after_with_is_the_arm_of_a_result_stated_first(pipeline):
    text = ("In a trial of 600 adults, sertraline reduced anxiety (12). In a second trial of 700 "
            "patients, treatment discontinuation was less common with bupropion than with mirtazapine (4% vs. 21%) (16).")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("bupropion", "treatment discontinuation") in found
    assert ("sertraline", "treatment discontinuation") not in found


def test_no_record_of_a_drug_on_its_own_level(pipeline):
    text = ("In 900 patients with cirrhosis, albumin did not reduce mortality (37). "
            "Serum albumin rose in the albumin group.")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("albumin", "mortality") in found
    assert ("albumin", "albumin") not in found


def test_drug_a_result_is_superior_to_is_the_comparator(pipeline):
    text = ("Across 3,000 adults in a randomized trial, oral apixaban proved superior to weekly injected enoxaparin, "
            "reducing mortality by a third (5).")
    found = {r["intervention"] for r in records(pipeline, text)}
    assert found == {"apixaban"}


def test_symptom_scores_are_named_in_the_singular(pipeline):
    text = "In a trial of 300 children, nebulised budesonide improved symptom scores by day five (8)."
    assert {r["outcome"] for r in records(pipeline, text)} == {"symptom score"}


def test_open_question_clause_states_no_result(pipeline):
    text = ("In a trial of 500 women, pertuzumab prolonged progression-free survival (hazard ratio 0.6) (22). "
            "Whether pertuzumab also improves overall survival is not known, and a pooled "
            "analysis of 2,000 women found that pertuzumab increased diarrhoea (23).")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("pertuzumab", "overall survival") not in found
    assert ("pertuzumab", "diarrhea") in found


def test_as_well_as_joins_drugs_rather_than_comparing_them(pipeline):
    text = "In a trial of 90 patients, zanamivir as well as oseltamivir reduced hospitalisation (6)."
    found = {r["intervention"] for r in records(pipeline, text)}
    assert "oseltamivir" in found


def test_quantified_change_is_a_result_without_a_named_study(pipeline):
    text = "Ezetimibe reduces LDL cholesterol by about 20% in adults with diabetes."
    found = {(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)}
    assert found == {("ezetimibe", "ldl cholesterol", "decrease")}


def test_general_statement_without_a_figure_is_no_result(pipeline):
    assert records(pipeline, "Ezetimibe reduces LDL cholesterol in adults with diabetes.") == []


def test_a_trend_or_a_concern_is_not_an_outcome(pipeline):
    text = ("In 1,100 patients, rivaroxaban reduced stroke (25). Edoxaban, studied in 900 "
            "patients, had a comparable trend (26), and a cohort study of 5,000 patients raised concern about arrhythmias (27).")
    assert {r["outcome"] for r in records(pipeline, text)} & {"trend", "similar trend", "concern about arrhythmias"} == set()


def test_cues_read_from_the_openers_equal_a_token_by_token_scan(pipeline):
    from extractor.components.context import ContextFlags
    from extractor.records import find_cues

    text = ("No significant difference was found in pain. Mortality was more reduced with drug A than with B, "
            "and less improved with C. Anxiety was not associated with sleep; the drug did not affect length of stay. "
            "There was no association between dose and rash, and no clear effect on relapse. Nausea increased")
    doc = pipeline.nlp(text)
    negated = ContextFlags.from_doc(doc).negated
    found = [find_cues(sent, negated) for sent in doc.sents]
    every_token = list(range(len(doc)))  # as openers: the token-by-token scan find_cues made before
    assert found == [find_cues(sent, negated, every_token) for sent in doc.sents]
    assert sum(map(len, found)) >= 6


def test_a_bare_frequency_statement_is_no_drug_result(pipeline):
    text = ("In a randomized trial of 310 adults, lithium lowered suicide attempts (2% vs 6%) (4). "
            "Tremor and elevation of serum creatinine were common in both groups.")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("lithium", "suicide attempt")]


def test_a_frequency_compared_between_arms_is_a_result(pipeline):
    text = ("In a randomized trial of 310 adults, lithium lowered suicide attempts (2% vs 6%) (4). "
            "Hypothyroidism was more common with lithium.")
    assert ("lithium", "hypothyroidism") in [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]


def test_a_result_phrase_naming_only_a_measure_makes_no_record(pipeline):
    text = ("In a randomized trial of 410 adults, adding aprepitant to granisetron lowered the incidence "
            "compared with granisetron alone (5).")
    assert [r["outcome"] for r in records(pipeline, text)] == []


def test_results_sentence_comparing_groups_is_a_result_without_a_statistic(pipeline):
    text = ("Background: Anaemia is common after surgery. Results: Serum ferritin rose with iron sucrose. "
            "Fatigue scores were similar in both groups.")
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("iron sucrose", "fatigue", "no_difference")]
    # the same sentence naming no study groups stays a statement, not a result
    text = text.replace("in both groups", "after surgery")
    assert records(pipeline, text) == []


def test_a_lone_p_value_of_a_sentence_tests_every_result_it_states():
    from extractor.records import sentence_not_significant

    assert sentence_not_significant("Healing was 61% with foam and 58% with gauze at week 4 (p = 0.52).")
    assert not sentence_not_significant("Healing was 61% with foam and 48% with gauze (p = 0.02).")
    # two p-values belong to two findings; worded significance is read elsewhere
    assert not sentence_not_significant("Healing (p = 0.52) and pain (p = 0.01) were recorded weekly.")
    assert not sentence_not_significant("Healing was significantly faster with foam (61% vs 58%, p = 0.52).")


def test_two_values_and_a_significant_p_give_the_direction_of_the_first_arm():
    from extractor.records import compared_pair, significant_p

    def number(value):
        return {"value": value, "unit": None, "approx": False, "kind": "number"}

    assert compared_pair([number(3.2), number(5.9)]) == "decrease"
    assert compared_pair([number(7.5), number(5.9)]) == "increase"
    assert compared_pair([number(3.2), number(5.9), number(4.1)]) is None  # which two are compared is unclear
    assert significant_p([{"value": 0.05, "unit": None, "approx": False, "kind": "p", "comparator": "<"}])
    assert not significant_p([{"value": 0.05, "unit": None, "approx": False, "kind": "p", "comparator": "="}])


def test_lesser_is_a_decrease_cue(pipeline):
    text = ("In a randomized trial of 90 adults, a lesser number of women in the povidone-iodine group developed "
            "wound infection than in the saline group.")
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("povidone-iodine", "wound infection", "decrease")]


def test_a_change_a_group_had_is_a_result_not_its_description(pipeline):
    text = ("In a randomized trial of 120 adults, the telemonitoring group had significantly fewer emergency "
            "department visits than the usual care group (8 vs 19, p = 0.02).")
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("telemonitoring", "emergency department visits", "decrease")]
    # "patients with elevated troponin" still describes who was treated
    text = ("In a randomized trial of 120 adults, patients with elevated troponin who received enoxaparin had "
            "lower mortality (p = 0.02).")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("enoxaparin", "mortality")]


def test_a_trial_report_states_its_claims_in_its_results(pipeline):
    text = ("Oral zinc improves wound healing after hip surgery: a randomized trial. "
            "Methods: We randomized 140 adults to oral zinc or placebo. "
            "Results: Wound infection was less frequent with zinc than with placebo (6% vs 15%, p = 0.03). "
            "Time to wound closure was shorter with zinc (p = 0.01). "
            "Conclusions: Oral zinc reduces postoperative complications.")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert ("zinc", "wound infection") in found
    # the title's and the conclusions' summaries are no claims of their own
    assert ("zinc", "postoperative complications") not in found
    assert all(outcome != "ulcer healing" for _, outcome in found)
    # with a single result, nothing marks the text as a trial report: its other claims stay
    single = text.replace("Time to wound closure was shorter with zinc (p = 0.01). ", "")
    assert ("zinc", "postoperative complications") in [(r["intervention"], r["outcome"]) for r in records(pipeline, single)]


def test_results_sentence_comparing_conditions_is_a_result_without_a_statistic(pipeline):
    text = ("Background: Anaemia is common after surgery. Results: Serum ferritin rose with iron sucrose. "
            "Fatigue scores did not differ between the two infusion schedules.")
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("iron sucrose", "fatigue", "no_difference")]


def test_a_group_allocated_a_drug_after_the_result_is_its_arm(pipeline):
    text = ("Background: Ondansetron is the usual antiemetic after surgery. Methods: We randomised 300 adults to "
            "intravenous dexamethasone or ondansetron. Results: Postoperative vomiting occurred in 20 of 150 "
            "patients (13%) allocated dexamethasone and 31 of 150 (21%) allocated ondansetron (p = 0.09).")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [
        ("dexamethasone", "postoperative vomiting")]


def test_the_arm_after_a_result_outranks_a_drug_of_an_earlier_clause(pipeline):
    text = ("Headache was more common with sumatriptan (12% vs 5%), whereas dizziness and raised serum "
            "aminotransferases were more frequent with topiramate.")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert ("topiramate", "serum aminotransferases") in found
    assert ("sumatriptan", "serum aminotransferases") not in found


@pytest.mark.parametrize("tail", ["when added to dexamethasone", "when given with dexamethasone"])
def test_the_subject_of_a_result_keeps_it_over_a_background_drug(pipeline, tail):
    text = ("In a randomized trial of 400 patients, tocilizumab, which blocks the interleukin-6 receptor, "
            f"reduced mortality (21% vs 29%) {tail}.")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert ("tocilizumab", "mortality") in found
    assert ("dexamethasone", "mortality") not in found


def test_both_with_a_class_noun_points_back_at_the_two_drugs(pipeline):
    text = ("In a trial of 30,000 adults, the adjuvanted zoster vaccine reduced herpes zoster by 90% (5). "
            "The live attenuated zoster vaccine reduced herpes zoster by 51% (6). "
            "Both vaccines increased antibody titres about fivefold at one month.")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert ("adjuvanted zoster vaccine", "antibody titer") in found
    assert ("live attenuated zoster vaccine", "antibody titer") in found
    assert all(drug != "vaccines" for drug, _ in found)


def test_a_measure_at_baseline_is_no_result(pipeline):
    text = ("In our trial of 900 patients, dapagliflozin lowered hospitalization for heart failure (hazard ratio "
            "0.74). Most patients also received beta-blockers, and median NT-proBNP at baseline was higher than "
            "in earlier cohorts.")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert found == [("dapagliflozin", "heart failure hospitalization")]


def test_a_cited_class_result_does_not_carry_into_the_studys_own_groups(pipeline):
    text = ("This is the first trial to compare continuous with intermittent infusion of meropenem in children "
            "with febrile neutropenia. Continuous infusion did not significantly shorten fever (4.1 vs. 4.6 days). "
            "Theory predicts that beta-lactams should work better when infused continuously, and a later trial of "
            "continuous beta-lactam infusion in 5,000 adults with sepsis found a small reduction in mortality [12]. "
            "Our findings therefore suggest a modest benefit at most. Interestingly, C-reactive protein fell more "
            "quickly in the continuous-infusion group, and seizures were no more common.")
    by_outcome = {r["outcome"]: r["intervention"] for r in records(pipeline, text)}
    assert by_outcome == {"mortality": "beta-lactams", "c-reactive protein": "meropenem", "seizures": "meropenem"}


@pytest.mark.parametrize("frequency", ["the commonest", "the most common"])
def test_saying_which_events_were_commonest_is_no_result(pipeline, frequency):
    text = ("In a trial of 300 adults with chronic pain, tapentadol lowered pain scores (p = 0.01). "
            f"Nausea and transient rises in heart rate were {frequency} adverse events.")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("tapentadol", "pain")]


def test_a_subgroup_variable_the_effect_did_not_differ_by_is_no_outcome(pipeline):
    text = ("In a trial of 600 adults with gout, febuxostat lowered serum urate more than allopurinol (p < 0.001). "
            "The treatment effect did not differ by baseline serum creatinine.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"uric acid"}


def test_a_result_with_the_combination_goes_to_both_drugs_given_together(pipeline):
    text = ("In a one-year trial of 500 adults with psoriatic arthritis, etanercept plus methotrexate produced "
            "more responses (65%) than methotrexate alone (41%) or etanercept monotherapy (38%), and enthesitis "
            "was less frequent with the combination [4].")
    found = {(r["intervention"], r["direction"]) for r in records(pipeline, text) if r["outcome"] == "enthesitis"}
    assert found == {("etanercept", "decrease"), ("methotrexate", "decrease")}


def test_a_negligible_effect_is_no_difference_but_a_negligible_level_is_not(pipeline):
    text = ("In a trial of 2,000 women, calcium supplements reduced preterm birth from 9% to 6% [2]. "
            "The effect on stillbirth, however, was negligible.")
    found = {r["outcome"]: (r["direction"], r["negated"]) for r in records(pipeline, text)}
    assert found["stillbirth"] == ("no_difference", False)
    level = "In a trial of 90 adults, nightly gabapentin reduced itch, which was negligible after six weeks."
    assert all(r["direction"] != "no_difference" for r in records(pipeline, level))


def test_a_result_stated_for_the_class_arms_keeps_the_class(pipeline):
    text = ("In a 52-week trial of 8,000 patients, adding budesonide to formoterol lowered the rate of severe "
            "exacerbations (rate ratio 0.80) [5]; pneumonia was more common in the inhaled corticosteroid arms "
            "(7% vs. 4%) [5,6].")
    by_outcome = {r["outcome"]: r["intervention"] for r in records(pipeline, text)}
    assert by_outcome["pneumonia"] == "inhaled corticosteroids"
    assert "budesonide" in by_outcome.values()


def test_the_subgroup_where_a_benefit_was_greatest_is_no_outcome(pipeline):
    text = ("In a trial of 4,000 adults, semaglutide lowered body weight by 12% [3]; the benefit was greatest "
            "when fasting glucose was above 7 mmol/L.")
    assert [r["outcome"] for r in records(pipeline, text)] == ["body weight"]


@pytest.mark.parametrize("word", ["non-inferior", "noninferior"])
def test_non_inferior_without_statistics_is_no_difference(pipeline, word):
    text = f"In two trials of 1,100 adults, fidaxomicin was {word} to vancomycin for clinical cure [4]."
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("fidaxomicin", "clinical cure", "no_difference")]


def test_a_cue_word_inside_an_outcome_name_states_no_result_for_another(pipeline):
    text = ("In a trial of 240 adolescents, atomoxetine improved attention scores (4). "
            "Headache and decreased appetite were more common.")
    directions = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert directions["headache"] == "increase"


def test_not_significantly_before_a_later_cue_grades_that_later_finding(pipeline):
    text = ("In a randomised trial of 4,100 patients, apixaban lowered recurrent venous thromboembolism "
            "(2.3% vs. 2.7%; hazard ratio 0.84, 95% CI 0.60-0.98) and did not significantly increase "
            "major bleeding [3].")
    directions = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert directions == {"venous thromboembolism": "decrease", "major bleeding": "no_difference"}


def test_a_p_value_in_another_clause_does_not_test_the_result(pipeline):
    text = ("In a trial of 350 adults, vitamin D3 did not reduce the time to a first fracture "
            "(hazard ratio 1.08; P=0.44), although serum 25-hydroxyvitamin D rose markedly (21).")
    directions = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert directions["25-hydroxyvitamin d"] == "increase"


def test_a_negation_does_not_reach_a_second_predicate(pipeline):
    text = ("A multicentre trial in hip surgery found that clonidine had no effect on delirium "
            "and was associated with more frequent bradycardia [9].")
    directions = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert directions == {"delirium": "no_difference", "bradycardia": "increase"}
    text = "In a trial of 180 adults, tapentadol did not reduce pain and was not associated with more vomiting."
    assert {r["outcome"]: r["direction"] for r in records(pipeline, text)} == {
        "pain": "no_difference", "vomiting": "no_difference"}


def test_drugs_combined_with_each_other_share_a_result(pipeline):
    text = ("Thirty children in an uncontrolled pilot study received budesonide combined with azithromycin, "
            "and their cough scores appeared to fall within a week (2).")
    assert sorted(r["intervention"] for r in records(pipeline, text)) == ["azithromycin", "budesonide"]


def test_a_result_after_a_combination_is_stated_for_each_drug_given(pipeline):
    text = ("Oral ibuprofen taken as required with paracetamol was compared with scheduled dosing in a "
            "randomized trial of 310 adults after dental surgery (5). Rescue medication use was lower with the "
            "as-required regimen (rate ratio 0.70), and pain was similar.")
    pairs = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert {("ibuprofen", "pain"), ("acetaminophen", "pain")} <= pairs


def test_a_drug_given_in_both_arms_is_no_intervention_of_the_combination(pipeline):
    text = ("Bupropion combined with naltrexone was compared with naltrexone alone in a trial of 260 adults (6). "
            "Weight loss at 6 months was greater with the combination (7.1% vs. 3.4%).")
    assert {r["intervention"] for r in records(pipeline, text)} == {"bupropion"}


def test_an_outcome_with_a_verb_of_its_own_after_and_takes_that_verb(pipeline):
    text = ("In a randomised trial of 420 liver recipients, everolimus reduced graft loss by 20% and mean eGFR "
            "was higher (61 vs. 52 mL/min) (14).")
    directions = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert directions == {"graft loss": "decrease", "egfr": "increase"}


def test_an_arm_named_by_a_word_before_its_drug_is_that_drug_and_asides_do_not_part_subject_and_verb(pipeline):
    text = ("In an open-label trial of 900 patients on dialysis, early ferric citrate lowered the composite of death "
            "or stroke (hazard ratio 0.80) [2]. Serum ferritin and transferrin saturation were, as planned, "
            "higher in the early arm.")
    found = {(r["intervention"], r["outcome"]): r["direction"] for r in records(pipeline, text)}
    assert found[("ferric citrate", "ferritin")] == "increase"
    assert found[("ferric citrate", "transferrin saturation")] == "increase"


def test_brackets_saying_what_an_outcome_is_give_it_no_cue_and_no_record(pipeline):
    text = ("In this head-to-head trial of 640 adults, secukinumab cleared skin sooner than ustekinumab. At week 52 "
            "the proportion reaching PASI-75 (a 75% improvement in the Psoriasis Area and Severity Index) did not "
            "differ significantly between the two drugs.")
    found = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert found.get("pasi-75") == "no_difference"
    assert not any("severity index" in outcome for outcome in found)


def test_a_non_drug_subject_with_a_study_aside_keeps_its_results_from_an_earlier_drug(pipeline):
    text = ("Ipratropium improved peak flow in a Cochrane review that included 1,200 children (3). "
            "Low-flow humidified oxygen, tested in a multicentre randomized trial of 800 children, reduced "
            "intensive care admission (9% vs. 15%) but did not shorten the duration of hospital stay (4).")
    assert all(r["intervention"] != "ipratropium" or r["outcome"] == "peak flow" for r in records(pipeline, text))


def test_a_class_result_is_not_handed_to_a_drug_named_only_later(pipeline):
    text = ("In a cluster-randomized trial of 9,400 patients, balanced crystalloids reduced acute kidney injury "
            "compared with saline (12.1% vs. 13.6%; P=0.03) (8). In-hospital mortality did not differ "
            "significantly (9.1% vs. 9.6%). Two later trials found no difference in 90-day mortality [9,10]. "
            "Hydroxyethyl starch increased the need for dialysis in a randomized trial of 800 patients with "
            "sepsis, despite lower fluid requirements in the starch group (11).")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("balanced crystalloids", "in-hospital mortality") in found
    assert not {("hydroxyethyl starch", "in-hospital mortality"), ("hydroxyethyl starch", "90-day mortality")} & found


def test_a_result_that_follows_when_a_drug_was_added_is_that_drugs(pipeline):
    text = ("A retrospective review of three hundred patients with heart failure found that continuing digoxin "
            "was not associated with hospital admission. NT-proBNP fell by a median of 30% when sacubitril "
            "was added in patients whose NT-proBNP exceeded 600 pg/mL.")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("digoxin", "nt-probnp") not in found
    assert any(intervention == "sacubitril" for intervention, _ in found)


def test_a_marker_over_a_threshold_is_a_result_where_it_describes_no_one(pipeline):
    text = ("In a randomised trial of 2,000 patients, spironolactone lowered blood pressure by 9 mmHg. Safety was "
            "the chief worry: serum potassium above 6.0 mmol/L was more common with spironolactone (8.2%) than "
            "with placebo (2.1%).")
    found = {(r["intervention"], r["outcome"]): r["direction"] for r in records(pipeline, text)}
    assert found[("spironolactone", "potassium")] == "increase"
    text = "In a trial of 260 patients with LDL cholesterol above 4 mmol/L, ezetimibe reduced body weight."
    assert "ldl cholesterol" not in {r["outcome"] for r in records(pipeline, text)}


def test_how_often_a_marker_rose_past_a_threshold_is_no_result(pipeline):
    text = ("In a prospective cohort of 8,000 participants, fibrate use was not associated with pancreatitis (2). "
            "Myalgia was reported by 3.0% of participants, and alanine aminotransferase rises above three times "
            "the upper limit of normal were uncommon.")
    assert "alanine aminotransferase" not in {r["outcome"] for r in records(pipeline, text)}


def test_a_change_noun_after_and_heads_the_next_list_item(pipeline):
    text = ("In a randomized trial of 300 adults, intravenous ketamine reduced suicidal ideation (12). "
            "Nausea and a brief elevation of heart rate were frequent and may limit its use.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"suicidal ideation"}


def test_a_marker_that_predicts_is_no_result(pipeline):
    text = ("A placebo-controlled trial of 400 children showed that azithromycin halved wheezing episodes "
            "(12.0% vs. 25.0%) (5). Procalcitonin and interleukin-6 did not predict who responded.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"wheezing"}


def test_the_result_of_patients_who_responded_is_no_drug_result(pipeline):
    text = ("In a secondary analysis of a randomised trial, dapagliflozin lowered the urine albumin-to-creatinine "
            "ratio by 25% within 6 months, and patients who reached the target had a lower later risk of "
            "dialysis or renal death.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"urine albumin-to-creatinine ratio"}


def test_the_means_of_a_result_is_not_what_it_changed(pipeline):
    text = ("In a multicentre trial of 1,200 women, heparin is believed to improve implantation by blocking "
            "thrombin generation, and reduced miscarriage from 20% to 14%.")
    assert "thrombin" not in {r["outcome"] for r in records(pipeline, text)}


def test_the_subject_of_a_verb_with_an_outcome_of_its_own_is_no_result(pipeline):
    text = ("Hypertension has been treated with beta blockers, but targeting a systolic blood pressure below 120 "
            "mmHg with chlorthalidone increased the risk of syncope (hazard ratio 1.70) in a trial of 3,000 patients [4].")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert found == {("chlorthalidone", "syncope")}
    text = "In a trial of 120 adults with arthritis, celecoxib was given twice daily. Pain decreased and physical functioning improved."
    assert {r["outcome"] for r in records(pipeline, text)} >= {"pain"}


def test_a_second_cue_after_a_denied_one_is_affirmed_and_keeps_its_own_figures(pipeline):
    text = ("A meta-analysis of 12 randomized trials reported that perioperative haloperidol reduced delirium (2), "
            "yet the largest single trial, which enrolled 600 hip fracture patients, found no reduction "
            "(15.0% vs. 14.2%; P=0.61) and more QT prolongation (3).")
    found = {r["outcome"]: r for r in records(pipeline, text)}
    assert found["delirium"]["direction"] == "no_difference"
    (prolongation,) = [r for outcome, r in found.items() if "qt" in outcome]
    assert prolongation["direction"] == "increase" and prolongation["values"] == []


def test_a_drug_also_named_as_the_comparator_is_no_intervention_of_the_sentence(pipeline):
    text = ("In a phase 3 trial with 900 patients, pembrolizumab plus chemotherapy and pembrolizumab alone both "
            "prolonged overall survival compared with chemotherapy alone (34). Grade 3 or 4 adverse events were, "
            "however, much more frequent with the combination (59% vs. 28%).")
    found = {(r["intervention"], r["outcome"]): r["direction"] for r in records(pipeline, text)}
    assert found == {("pembrolizumab", "overall survival"): "improve", ("pembrolizumab", "adverse events"): "increase"}


def test_a_marker_joined_to_a_description_of_the_patients_describes_them_too(pipeline):
    text = ("In a retrospective cohort of 600 patients (12), patients with a raised troponin (above the 99th "
            "percentile) or high lactate levels who received early norepinephrine had 15% lower mortality than "
            "patients who did not.")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("norepinephrine", "mortality")]


def test_an_outcome_name_made_of_statistic_words_is_no_outcome(pipeline):
    text = ("In a double-blind trial of 3,000 participants, canagliflozin reduced the composite of a sustained "
            "reduction in estimated glomerular filtration rate, dialysis or renal death (hazard ratio 0.70).")
    assert not any(outcome.startswith("a sustained") for outcome in {r["outcome"] for r in records(pipeline, text)})


def test_a_non_drug_subject_before_an_aside_keeps_a_result_stated_without_a_cue(pipeline):
    text = ("In contrast, clindamycin produced lower cure rates than linezolid in severe infection [4,5]. "
            "Maggot debridement therapy, evaluated in a single-centre case series of 30 patients, achieved "
            "healing in 24 (80%), but this study had no comparison group (6).")
    assert {r["intervention"] for r in records(pipeline, text)} <= {"clindamycin"}


def test_no_such_effect_states_no_difference_for_the_outcome_just_reported(pipeline):
    text = ("In a national cohort of 700,000 children, prenatal exposure to topiramate was associated with a higher "
            "risk of cleft palate (adjusted odds ratio 2.4) (8). Exposure to levetiracetam showed no such increase.")
    found = {(r["intervention"], r["outcome"]): r["direction"] for r in records(pipeline, text)}
    assert found[("topiramate", "cleft palate")] == "increase"
    assert found[("levetiracetam", "cleft palate")] == "no_difference"
    text = ("A national cohort of 40,000 adults found that clozapine use was associated with lower suicide "
            "(hazard ratio 0.60) (3); olanzapine showed no such association.")
    found = {(r["intervention"], r["outcome"]): r["direction"] for r in records(pipeline, text)}
    assert found[("olanzapine", "suicide")] == "no_difference"


def test_a_stated_rise_at_p_equal_to_the_threshold_keeps_its_direction(pipeline):
    text = ("In a randomized trial of 310 adults, bradycardia was more frequent with dexmedetomidine than with "
            "placebo (7.1% vs 2.0%, P = 0.05).")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["outcome"], record["direction"]) == ("dexmedetomidine", "bradycardia", "increase")


def test_earlier_before_than_states_a_decrease(pipeline):
    text = ("Patients were randomized to ketorolac or placebo. Time to catheter removal in the ketorolac group was "
            "earlier than in the placebo group (2.1 vs 2.9 d, P = 0.03).")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["outcome"], record["direction"]) == (
        "ketorolac", "time to catheter removal", "decrease")


def test_earlier_that_dates_something_states_no_result(pipeline):
    text = ("Patients were randomized to ketorolac or placebo. Pain was scored at 6 hours or at discharge, whichever "
            "came earlier, as reported earlier for this ward.")
    assert records(pipeline, text) == []


def test_a_result_takes_the_design_named_in_its_own_clause(pipeline):
    text = ("Earlier cohort studies had suggested that prednisolone might shorten recovery, but a meta-analysis of "
            "11 trials (n=2,040) found no reduction in mortality with corticosteroids (risk ratio 0.91, 95% CI "
            "0.77-1.08) (5).")
    by_outcome = {r["outcome"]: r for r in records(pipeline, text)}
    assert by_outcome["mortality"]["design"] == "meta_analysis"
    assert by_outcome["mortality"]["intervention"] == "corticosteroids"
    assert by_outcome["mortality"]["direction"] == "no_difference"


def test_a_review_of_trials_has_the_review_design(pipeline):
    text = ("A meta-analysis of 14 randomized trials found that aprepitant reduced vomiting compared with placebo "
            "(risk ratio 0.62, 95% CI 0.51-0.75) (9).")
    (record,) = records(pipeline, text)
    assert record["design"] == "meta_analysis"


def test_the_drug_an_observational_group_used_is_the_intervention(pipeline):
    text = ("Statins are widely used. A case-control study found a higher risk of tendon rupture among users of "
            "levofloxacin (odds ratio 1.9; 95% CI 1.4-2.6) (3).")
    (record,) = records(pipeline, text)
    assert record["intervention"] == "levofloxacin"
    assert record["outcome"] == "tendon rupture"


def test_no_association_is_no_outcome(pipeline):
    text = ("In a cohort of 9,000 adults, metformin was linked to lower mortality (hazard ratio 0.8), whereas no "
            "association was observed for sulfonylureas (4).")
    outcomes = [m.text for m in pipeline.extract(text).entities if m.label == "OUTCOME"]
    assert outcomes == ["mortality"]


def test_a_drug_after_the_outcome_is_the_exposure(pipeline):
    text = ("A self-controlled case series of 1,400 patients found no excess of uveitis after moxifloxacin "
            "(incidence rate ratio 1.08; 95% CI 0.84-1.39) (6).")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["outcome"], record["direction"]) == ("moxifloxacin", "uveitis", "no_difference")


def test_associated_with_more_events_is_an_increase(pipeline):
    text = "In a retrospective cohort of 1,340 older adults, zopiclone was associated with more falls (12)."
    (record,) = records(pipeline, text)
    assert (record["outcome"], record["direction"]) == ("falls", "increase")


def test_an_outcome_word_inside_the_name_of_a_database_is_no_outcome(pipeline):
    text = ("A disproportionality analysis of the Vaccine Adverse Event Reporting System found 40 reports of "
            "myocarditis after vaccination.")
    outcomes = [m.text for m in pipeline.extract(text).entities if m.label == "OUTCOME"]
    assert "Adverse Event" not in outcomes


def test_neither_more_nor_less_states_no_difference(pipeline):
    text = ("In a randomized trial of 260 adults, delirium was neither more nor less frequent with melatonin than "
            "with placebo.")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["outcome"], record["direction"]) == ("melatonin", "delirium", "no_difference")


def test_a_drug_set_aside_by_but_not_is_not_the_intervention(pipeline):
    text = ("A meta-analysis of 30 trials (n=52,000) found that GLP-1 receptor agonists, but not DPP-4 inhibitors, "
            "reduced stroke (RR 0.84).")
    found = {(r["intervention"], r["outcome"], r["direction"], r["negated"]) for r in records(pipeline, text)}
    # the drug set aside takes the result denied (ANNOTATION.md: a stated absence of effect), never the one stated
    assert found == {("glp-1 receptor agonists", "stroke", "decrease", False),
                     ("dpp-4 inhibitors", "stroke", "no_difference", True)}


def test_respectively_gives_each_drug_its_own_value(pipeline):
    text = ("In a registry of 21,000 patients, dabigatran and apixaban were both associated with fewer "
            "intracranial haemorrhages than warfarin (HR 0.41 and 0.58, respectively).")
    values = {r["intervention"]: [v["value"] for v in r["values"]] for r in records(pipeline, text)}
    assert values == {"dabigatran": [0.41], "apixaban": [0.58]}


def test_adverbs_between_a_subject_and_its_change_verb_do_not_part_them(pipeline):
    text = ("Efficacy of QX-4410 vs salmeterol in COPD: a randomized study. Patients (n = 300) were randomized to "
            "QX-4410, salmeterol or placebo. All QX-4410 doses significantly increased peak FEV1 versus placebo "
            "(100 ml). Forced vital capacity (FVC) at peak bronchodilation also significantly increased with QX-4410 "
            "versus placebo (150 ml).")
    records = pipeline.extract(text).records
    assert ("qx-4410", "forced vital capacity", "increase") in [(r.intervention, r.outcome, r.direction) for r in records]


@pytest.mark.parametrize("result, outcome, direction", [
    ("The needle-free group had a significantly shorter mean operative time (p = 0.02) and quicker return to work "
     "(p = 0.03) when compared with the standard group.", "return to work", "improve"),
    ("Patients in the needle-free group had significantly poorer exercise tolerance than those in the standard "
     "group (p < 0.05).", "exercise capacity", "decrease"),
])
def test_quicker_and_poorer_state_results(pipeline, result, outcome, direction):
    text = "In a randomized trial of 36 adults, needle-free surgery was compared with standard surgery. " + result
    found = [(r.outcome, r.direction) for r in pipeline.extract(text).records]
    assert (outcome, direction) in found


def test_a_claim_restated_with_another_count_in_one_study_is_one_record(pipeline):
    text = ("In a randomized trial of 120 adults, yoga was compared with stretching. Yoga significantly reduced "
            "fatigue scores compared with stretching (p < 0.01). In the 40 adults older than 60 years, yoga "
            "also reduced fatigue scores compared with stretching (p = 0.03).")
    records = [r for r in pipeline.extract(text).records if r.outcome == "fatigue"]
    assert len(records) == 1 and len(records[0].evidence) == 2


def test_a_lasting_state_is_no_result(pipeline):
    text = ("Ezetimibe has been suggested for such patients, because LDL cholesterol remains elevated in many of "
            "them despite statins.")
    assert records(pipeline, text) == []


def test_a_state_compared_between_groups_is_a_result(pipeline):
    text = "In a randomized trial of 410 adults, LDL cholesterol remained lower with inclisiran than with placebo (P<0.001)."
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["direction"]) == ("inclisiran", "decrease")


def test_respective_rates_give_each_drug_its_own_record(pipeline):
    text = ("In a randomized trial of 420 patients with atrial fibrillation, rates of major bleeding were 12% and "
            "18% with apixaban and warfarin, respectively.")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert set(found) == {"apixaban", "warfarin"}
    assert [v["value"] for v in found["apixaban"]["values"]] == [12]
    assert [v["value"] for v in found["warfarin"]["values"]] == [18]
    assert found["apixaban"]["comparator"] == "warfarin" and found["warfarin"]["comparator"] == "apixaban"


def test_respective_rates_compared_give_opposite_directions(pipeline):
    text = ("In a cohort of 900 adults, the incidence of hypoglycaemia was 4.1% and 9.6% among patients receiving "
            "sitagliptin and glipizide, respectively (p = 0.002).")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert found["sitagliptin"]["direction"] == "decrease"
    assert found["glipizide"]["direction"] == "increase"


def test_respective_ratios_against_placebo_keep_the_cue_direction(pipeline):
    text = ("In a trial of 500 patients, canagliflozin and dapagliflozin lowered HbA1c compared with placebo "
            "(HR 0.47 and 0.67, respectively).")
    assert {r["direction"] for r in records(pipeline, text)} == {"decrease"}


def test_no_association_for_a_drug_takes_the_last_outcome(pipeline):
    text = ("In a cohort study of 3,100 women, metformin use was associated with a lower risk of preeclampsia. "
            "No association was observed for insulin.")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert found["insulin"]["outcome"] == "preeclampsia"
    assert found["insulin"]["direction"] == "no_difference"
    assert found["insulin"]["cohort_size"] == 3100


def test_no_such_association_with_a_later_drug(pipeline):
    text = ("Statin use was associated with reduced mortality in a cohort of 1,500 patients, but no such "
            "association was found with aspirin.")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert found["aspirin"]["outcome"] == "mortality"
    assert found["aspirin"]["direction"] == "no_difference"


def test_no_association_between_a_dose_and_an_outcome_names_no_earlier_outcome(pipeline):
    text = ("In a cohort of 800 patients, furosemide was associated with less oedema. There were no associations "
            "between the dose of furosemide and renal recovery.")
    assert all(r["outcome"] != "edema" or r["direction"] != "no_difference" for r in records(pipeline, text))


def test_a_drug_before_exposure_after_after_is_the_arm(pipeline):
    text = "Congenital malformations were more frequent after valproate exposure than after lamotrigine exposure."
    (record,) = records(pipeline, text)
    assert record["intervention"] == "valproate"
    assert record["comparator"] == "lamotrigine"
    assert record["direction"] == "increase"


def test_other_trials_take_no_cohort_of_the_study_described(pipeline):
    text = ("In a trial of 300 children, zinc shortened diarrhoea duration. Previous trials found that zinc "
            "reduced stool output.")
    found = {r["outcome"]: r for r in records(pipeline, text)}
    assert found["diarrhea duration"]["cohort_size"] == 300
    assert found["stool output"]["cohort_size"] is None


def test_own_result_consistent_with_previous_studies_keeps_its_cohort(pipeline):
    text = ("In a trial of 2,000 adults, ramipril lowered blood pressure. Consistent with previous studies, cough "
            "was more frequent in the ramipril group (9% vs 3%).")
    found = {r["outcome"]: r for r in records(pipeline, text)}
    assert found["cough"]["cohort_size"] == 2000


SEPSIS_REPORT = ("BACKGROUND: Septic shock carries a high mortality. METHODS: We randomized 300 adults with septic "
                 "shock to vitamin C or placebo. RESULTS: Vitamin C did not reduce 28-day mortality (30% vs 31%, "
                 "p = 0.8). Vitamin C lowered lactate levels at 24 hours (2.1 vs 2.9 mmol/L, p = 0.01). CONCLUSIONS: ")


def test_a_conclusion_stating_a_new_pair_is_kept(pipeline):
    text = SEPSIS_REPORT + "(1) Vitamin C did not reduce 28-day mortality; (2) vitamin C reduced acute kidney injury."
    found = records(pipeline, text)
    assert sorted(r["outcome"] for r in found) == ["28-day mortality", "acute kidney injury", "lactate"]
    assert all(r["refs"] == [] for r in found)  # "(1)", "(2)" number the conclusions, they cite nothing


def test_a_hedged_conclusion_is_no_claim_of_its_own(pipeline):
    text = SEPSIS_REPORT + "Vitamin C may reduce acute kidney injury."
    assert "acute kidney injury" not in {r["outcome"] for r in records(pipeline, text)}


def test_a_period_before_a_count_stays_in_the_outcome_name(pipeline):
    text = "In a trial of 600 adults, topiramate reduced monthly headache days compared with placebo (p < 0.001)."
    (record,) = records(pipeline, text)
    assert record["outcome"] == "monthly headache days"


def test_an_acid_written_as_its_anion_keeps_the_written_name(pipeline):
    text = "In a cohort of 2,100 women, valproate was associated with more neural tube defects (OR 3.2)."
    assert {r["intervention"] for r in records(pipeline, text)} == {"valproate"}


def test_a_later_study_finding_no_change_gets_its_own_record(pipeline):
    text = ("A meta-analysis of 12 randomized trials (2,100 patients) reported that melatonin reduced delirium "
            "(odds ratio 0.61) (3), yet the largest single randomized trial, which enrolled 640 surgical patients, "
            "found no reduction (14.0% vs. 13.2%; P=0.71) and more drowsiness (4).")
    found = {(r["outcome"], r["direction"]): r for r in records(pipeline, text)}
    assert found[("delirium", "decrease")]["cohort_size"] == 2100
    assert found[("delirium", "decrease")]["design"] == "meta_analysis"
    assert found[("delirium", "no_difference")]["cohort_size"] == 640
    assert found[("delirium", "no_difference")]["design"] == "rct"
    assert ("drowsiness", "no_difference") not in found
    assert found[("delirium", "decrease")]["refs"] == ["3"]
    assert found[("delirium", "no_difference")]["refs"] == ["4"]


def test_calcium_supplementation_is_a_drug_arm(pipeline):
    text = ("In a trial of 900 women, aspirin reduced preterm preeclampsia (1.6% vs 4.3%). Calcium "
            "supplementation may reduce preeclampsia in women with low dietary intake [20-22].")
    found = {r["outcome"]: r["intervention"] for r in records(pipeline, text)}
    assert found["preeclampsia"] == "calcium"


def test_an_elided_denied_predicate_states_no_difference(pipeline):
    text = ("In a trial of 500 adults, nausea was more common with liraglutide than with placebo (20% vs 6%), "
            "but pancreatitis was not.")
    found = {r["outcome"]: r for r in records(pipeline, text)}
    assert found["nausea"]["direction"] == "increase"
    assert found["pancreatitis"]["direction"] == "no_difference"
    assert found["pancreatitis"]["intervention"] == "liraglutide"
    assert found["pancreatitis"]["values"] == []


def test_a_rate_of_decline_names_no_outcome_of_its_own(pipeline):
    text = ("In a trial of 900 patients, roflumilast improved FEV1 by 48 mL, whereas N-acetylcysteine did not alter "
            "the rate of decline in FEV1.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"fev1"}


def test_a_responder_subgroup_result_reaches_across_its_outcome_list(pipeline):
    text = ("In a trial of 500 patients, semaglutide reduced albuminuria by 28%, and patients who achieved a 30% "
            "reduction had a lower risk of kidney failure, a sustained decrease in eGFR of at least 50% or renal death.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"albuminuria"}


def test_respective_rates_without_a_test_give_no_direction(pipeline):
    text = ("In a trial of 420 patients, major bleeding occurred in 12% and 18% of the dabigatran and warfarin "
            "groups, respectively.")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert {r["direction"] for r in found.values()} == {None}
    assert not any(r["negated"] for r in found.values())


def test_respective_rates_of_an_association_compare_the_two_drugs(pipeline):
    text = ("In a cohort of 4,200 patients, rivaroxaban and warfarin were associated with major bleeding rates of "
            "2.1% and 3.1% per year, respectively.")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert found["rivaroxaban"]["direction"] == "decrease" and found["rivaroxaban"]["comparator"] == "warfarin"
    assert found["warfarin"]["direction"] == "increase"


def test_a_drug_whose_predicate_is_left_out_and_denied_states_no_difference(pipeline):
    text = "In a trial of 600 patients, dexamethasone reduced mortality, but hydrocortisone did not."
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert found["hydrocortisone"]["outcome"] == "mortality"
    assert found["hydrocortisone"]["direction"] == "no_difference"
    assert found["dexamethasone"]["direction"] == "decrease"


def test_a_drug_the_patients_needed_is_no_arm(pipeline):
    text = ("In a double-blind trial of 800 patients, fludrocortisone reduced 28-day mortality (11.9% vs 16.2%). "
            "Patients given fludrocortisone needed insulin more often for hyperglycaemia.")
    found = {r["outcome"]: r["intervention"] for r in records(pipeline, text)}
    assert found["hyperglycemia"] == "fludrocortisone"


def test_advice_and_expectation_state_no_result(pipeline):
    text = ("In a trial of 4,000 patients, canagliflozin reduced kidney failure (HR 0.70). An early dip in eGFR is "
            "expected after starting canagliflozin and should not prompt discontinuation.")
    assert "egfr" not in {r["outcome"] for r in records(pipeline, text)}


def test_a_finding_reported_beside_advice_is_kept(pipeline):
    text = ("Our results should be read alongside a meta-analysis of 9,000 patients suggesting that colchicine may "
            "reduce stroke (11).")
    assert {(r["intervention"], r["outcome"]) for r in records(pipeline, text)} == {("colchicine", "stroke")}


def test_figures_after_with_belong_to_the_result_just_stated(pipeline):
    text = ("In a phase 3 trial of 700 patients, pembrolizumab prolonged overall survival compared with docetaxel, "
            "with 5-year survival rates of 23% and 13% (8).")
    (record,) = records(pipeline, text)
    assert record["outcome"] == "overall survival"
    assert [v["value"] for v in record["values"]] == [23, 13]


def test_a_proportion_of_patients_names_no_outcome(pipeline):
    text = ("In two phase 3 trials involving 1,200 adults, a higher proportion of patients receiving tralokinumab "
            "achieved clear skin at week 16 than those receiving placebo (25% vs. 9%; P<0.001) (9).")
    assert all(not r["outcome"].startswith("proportion") for r in records(pipeline, text))


def test_a_change_per_unit_associated_with_an_outcome_is_the_exposure(pipeline):
    text = ("In a cohort of 9,000 participants, each 10 mmHg reduction in systolic blood pressure achieved with "
            "amlodipine was associated with a 20% relative reduction in stroke (4).")
    assert {r["outcome"] for r in records(pipeline, text)} == {"stroke"}


def test_a_state_counted_in_patients_without_groups_is_no_drug_result(pipeline):
    text = ("In a trial of 900 patients with myocardial infarction, prasugrel reduced 30-day mortality (4). Troponin "
            "concentrations were also elevated in 28 of 120 patients with sepsis without any coronary event.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"30-day mortality"}


def test_a_state_counted_per_group_is_a_result(pipeline):
    text = ("In a trial of 900 patients, prasugrel reduced 30-day mortality (4). Troponin was elevated in 12 patients "
            "in the prasugrel group and 4 in the placebo group.")
    assert "troponin" in {r["outcome"] for r in records(pipeline, text)}


def test_an_elliptical_no_difference_keeps_its_own_figures(pipeline):
    text = ("In a cohort of 8,000 adults, PPI use was associated with more fractures (HR 1.3). No association was "
            "observed with H2-receptor antagonists (HR 1.02).")
    found = {r["intervention"]: r for r in records(pipeline, text)}
    assert [v["value"] for v in found["h2-receptor antagonists"]["values"]] == [1.02]


def test_advice_in_a_later_clause_leaves_the_result(pipeline):
    text = ("In a trial of 3,000 men, doxazosin reduced progression (4). Dutasteride lowers prostate-specific "
            "antigen by roughly 50%, so measured values should be doubled.")
    assert ("dutasteride", "prostate-specific antigen") in {(r["intervention"], r["outcome"])
                                                           for r in records(pipeline, text)}


def test_a_conclusion_summarising_the_trial_population_is_no_claim_of_its_own(pipeline):
    text = SEPSIS_REPORT + "In adults with septic shock, vitamin C reduced acute kidney injury."
    assert "acute kidney injury" not in {r["outcome"] for r in records(pipeline, text)}


def test_an_association_names_the_drug_it_links_not_an_earlier_class(pipeline):
    text = ("Macrolides are prescribed widely. A nested case-control study found no association between "
            "clarithromycin and sudden cardiac death (OR 1.06; 0.91-1.24) [7].")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["outcome"], record["direction"]) == (
        "clarithromycin", "sudden cardiac death", "no_difference")


def test_an_effect_whose_interval_excludes_its_null_value_gives_the_direction_no_word_gives():
    from extractor.records import effect_direction

    hr = {"kind": "hr", "value": 0.79, "ci_low": 0.66, "ci_high": 0.95}
    assert effect_direction([hr]) == "decrease"
    assert effect_direction([{**hr, "value": 1.4, "ci_low": 1.1, "ci_high": 1.8}]) == "increase"
    assert effect_direction([{**hr, "ci_high": 1.02}]) is None
    assert effect_direction([{"kind": "hr", "value": 0.79}]) is None
    md = {"kind": "md", "value": -2.0, "ci_low": -3.0, "ci_high": -1.0}
    assert effect_direction([md]) == "decrease"
    assert effect_direction([{**md, "ci_high": 0.5}]) is None
    assert effect_direction([{"kind": "arr", "value": 5.0, "ci_low": 2.0, "ci_high": 8.0}]) is None


def test_superior_in_preventing_reads_its_direction_from_the_ratio(pipeline):
    text = "Edoxaban was superior to warfarin in preventing stroke or systemic embolism (HR 0.81; 95% CI 0.68-0.97)."
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["direction"]) == ("edoxaban", "decrease")


def test_figures_in_a_bracket_after_one_listed_outcome_are_its_own(pipeline):
    text = "In 410 randomized adults, clonidine was associated with more hypotension (31% vs 12%, P<0.001) and dry mouth."
    values = {r["outcome"]: [v["value"] for v in r["values"]] for r in records(pipeline, text)}
    assert values["hypotension"][:2] == [31, 12] and values["dry mouth"] == []


def test_a_drug_given_in_both_arms_is_not_the_result_of_a_sequence(pipeline):
    text = ("In a trial of 2,046 women, teriparatide for 24 months followed by denosumab reduced hip fractures "
            "compared with denosumab alone (1.1% vs. 2.9%).")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["direction"]) == ("teriparatide", "decrease")


def test_days_alive_without_events_is_one_outcome(pipeline):
    text = "A trial of 566 adults found no difference in days alive without delirium or coma between quetiapine and placebo."
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [
        ("quetiapine", "days alive without delirium or coma")]


def test_the_arm_named_after_the_result_outranks_drugs_of_earlier_sentences(pipeline):
    text = ("Chemotherapy with epirubicin carries a risk of febrile neutropenia. In this phase 3 trial, 300 women were "
            "randomly assigned to lipegfilgrastim (n = 150) or no prophylaxis (n = 150). Febrile neutropenia occurred "
            "in 6.0% of the lipegfilgrastim group and 21.3% of the control group (odds ratio 0.24, 95% CI 0.11-0.50).")
    assert [(r["intervention"], r["direction"]) for r in records(pipeline, text)] == [("lipegfilgrastim", "decrease")]


@pytest.mark.parametrize("second, arm", [
    ("Serious infections did not differ between adalimumab and placebo (risk ratio 1.12, 95% CI 0.85-1.48).",
     "adalimumab"),
    ("Major bleeding was similar between the warfarin and aspirin groups.", "warfarin"),
])
def test_the_first_drug_of_a_between_pair_outranks_drugs_of_earlier_sentences(pipeline, second, arm):
    text = "Nausea was more common with sotorasib than with docetaxel (12). " + second
    found = [(r["intervention"], r["direction"]) for r in records(pipeline, text)]
    assert found == [("sotorasib", "increase"), (arm, "no_difference")]


def test_a_hyphenated_regimen_against_one_of_its_drugs_is_the_added_drugs_result(pipeline):
    text = ("In 2,100 patients, stroke occurred in 6.9% of the ticagrelor-aspirin group and 9.2% of the aspirin group "
            "(hazard ratio 0.75; 95% CI 0.61 to 0.93).")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("ticagrelor", "stroke")]


def test_the_need_for_a_procedure_names_the_procedure(pipeline):
    text = "In a trial of 225 adults, eltrombopag reduced the need for splenectomy (9% vs 24%)."
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("eltrombopag", "splenectomy")]


def test_a_review_citing_other_work_keeps_claims_outside_its_result_sentences(pipeline, monkeypatch):
    """Where the role model reads a review's later sentences as results, the claims of its first sentences are
    no trial report's background: a text citing others' work in two sentences keeps them."""
    from extractor import records as module

    def roles(doc):
        first = next(iter(doc.sents)).start
        return lambda start: "background" if start == first else "results"

    monkeypatch.setattr(module, "sentence_roles", roles)
    text = ("Early vasopressin reduced 28-day mortality in a trial of 409 patients (hazard ratio 0.71) (2). "
            "Prone positioning with dexmedetomidine lowered mortality in 466 adults (3). Inhaled epoprostenol "
            "improved oxygenation in 60 patients (4).")
    assert ("vasopressin", "28-day mortality") in {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}


def test_a_subject_of_its_own_before_an_adverb_and_a_present_verb_takes_no_earlier_drug(pipeline):
    text = ("Cisatracurium reduced 90-day mortality in a trial of 340 patients (2). Prone positioning, by contrast, "
            "consistently lowers mortality (3).")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("cisatracurium", "90-day mortality")]


def test_a_drug_after_a_compared_figure_and_its_short_form_are_the_comparator(pipeline):
    text = ("In this trial of 214 patients, prothrombin complex concentrate achieved haemostasis in 72% of patients, "
            "compared with 65% with fresh frozen plasma (FFP), and lowered the international normalized ratio more "
            "rapidly.")
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert ("prothrombin complex concentrate", "international normalized ratio") in found
    assert not any(drug == "fresh frozen plasma" for drug, _ in found)


def test_with_all_before_a_drug_class_names_the_arm(pipeline):
    text = ("Faricimab was noninferior to aflibercept for visual acuity in two trials of 1,329 patients. "
            "Central subfield thickness fell with all anti-VEGF agents.")
    found = [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)]
    assert ("anti-vegf agents", "central subfield thickness", "decrease") in found
    assert ("faricimab", "central subfield thickness", "decrease") not in found


@pytest.mark.parametrize("name", ["4F-PCC", "four-factor PCC"])
def test_short_forms_of_prothrombin_complex_concentrate_are_named_by_it(pipeline, name):
    text = f"Fluid overload was less frequent with {name} than with plasma in 200 patients (4.9% vs. 12.8%)."
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert found == [("prothrombin complex concentrate", "fluid overload")]


@pytest.mark.parametrize("text, intervention, comparator", [
    ("Ticagrelor was most effective compared with the clopidogrel 600 mg subgroup, with fewer stent thromboses "
     "(2.1 vs. 4.3%, p = 0.01).", "ticagrelor", "clopidogrel"),
    ("Sertraline was better tolerated relative to the paroxetine arm with fewer withdrawal symptoms (p = 0.03).",
     "sertraline", "paroxetine"),
])
def test_drug_after_compared_with_and_an_article_is_the_comparator(pipeline, text, intervention, comparator):
    """ "X ... compared with the Y subgroup, with fewer Z": the result is X's, Y is what it was compared with."""
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["comparator"]) == (intervention, comparator)


def test_drug_after_than_after_is_not_the_arm_of_the_result(pipeline):
    """ "lower after X than after Y": Y, named after "than", is the comparator even where "after" reads as an exposure."""
    text = ("Patients were randomized to XR-17 or ondansetron. Postoperative nausea was significantly lower after XR-17 "
            "than after ondansetron (12% vs 31%, p < 0.001). XR-17 was well tolerated.")
    (record,) = records(pipeline, text)
    assert (record["intervention"], record["comparator"], record["direction"]) == ("xr-17", "ondansetron", "decrease")
    text = "Postoperative nausea was significantly lower after acupressure than after ondansetron (12% vs 31%, p < 0.001)."
    assert all(r["intervention"] != "ondansetron" for r in records(pipeline, text))


def test_a_composite_and_its_component_in_one_sentence_are_two_records(pipeline):
    text = ("SGLT2 inhibitors reduced the composite of cardiovascular death or hospitalization for heart failure "
            "(hazard ratio 0.81; 95% CI 0.74-0.88), an effect driven mainly by fewer hospitalizations for heart "
            "failure (HR 0.74; 95% CI 0.66-0.83) in 15,104 participants.")
    found = {(r["outcome"], tuple(v["value"] for v in r["values"])) for r in records(pipeline, text)}
    assert found == {("cardiovascular death or heart failure hospitalization", (0.81,)),
                     ("heart failure hospitalization", (0.74,))}


def test_a_cue_after_a_condition_and_with_describes_the_patients(pipeline):
    text = ("The gliflozins were first evaluated in heart failure with reduced ejection fraction, and the first of "
            "them lowered mortality in 4,744 patients with impaired renal function; dapagliflozin lowered mortality.")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert ("dapagliflozin", "mortality") in found
    assert not [pair for pair in found if pair[1] in ("ejection fraction", "left ventricular ejection fraction",
                                                      "renal function")]


def test_the_arm_patients_were_allocated_to_outranks_a_class_the_background_named(pipeline):
    text = ("BACKGROUND: Systemic corticosteroids are the standard treatment for sudden hearing loss. Intratympanic "
            "steroid injection delivers higher concentrations. METHODS: We performed a noninferiority randomised trial "
            "at 14 centres. Adults were randomly allocated to intratympanic dexamethasone or oral prednisolone. "
            "RESULTS: Of 250 participants, 121 received dexamethasone. Tinnitus handicap did not differ between groups.")
    found = [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)]
    assert found == [("dexamethasone", "tinnitus handicap", "no_difference")]


@pytest.mark.parametrize("text, kept", [
    ("Vitamin D reduced falls by 19% in 2,426 participants. Subsequent large trials were less encouraging.",
     [("vitamin d", "falls")]),
    ("A review of 30 trials with 18,935 participants found no effect of vitamin D on hip fracture, irrespective of "
     "dose or baseline serum 25-hydroxyvitamin D concentration.", [("vitamin d", "hip fracture")]),
])
def test_studies_and_conditions_on_a_result_are_no_outcomes(pipeline, text, kept):
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == kept


def test_drug_classes_of_deprescribing_and_sleep_trials(pipeline):
    text = ("Withdrawal of psychotropics reduced the rate of falls by 66% in a small randomised trial of 93 "
            "participants; deprescribing of fall-risk-increasing drugs and Z-drugs lowered falls.")
    assert [r["intervention"] for r in records(pipeline, text)] == ["psychotropics", "fall-risk-increasing drugs", "z-drugs"]


def test_a_drug_and_its_therapy_noun_is_the_arm_not_the_thing_measured(pipeline):
    text = ("In 692 adults, levothyroxine provided no benefit for tiredness. A meta-analysis of 21 trials suggested "
            "that thyroid hormone therapy does not improve quality of life.")
    found = [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)]
    assert found == [("levothyroxine", "tiredness", "no_difference"), ("thyroid hormone", "quality of life", "no_difference")]



@pytest.mark.parametrize("text, kept, dropped", [
    # an aside set off by commas after the outcome: the drug after it is still in the outcome's clause
    ("In a randomized trial, canagliflozin achieved higher rates of remission than sitagliptin (30% vs. 21%). "
     "Weight loss, however, was numerically greater with sitagliptin (20.7% vs. 13.5%).",
     ("sitagliptin", "weight loss"), ("canagliflozin", "weight loss")),
    # a drug given in both arms ("X followed by Y ... compared with Y alone") is not the arm of a later clause
    ("Ergocalciferol followed by doxycycline lowered new fractures by 46% compared with doxycycline alone "
     "in a trial of 400 women, although serious infections were numerically more frequent (2.6% vs. 1.8%).",
     ("ergocalciferol", "serious infection"), ("doxycycline", "serious infection")),
])
def test_the_arm_of_a_result_after_an_aside_or_a_shared_drug(pipeline, text, kept, dropped):
    found = {(r["intervention"], r["outcome"]) for r in records(pipeline, text)}
    assert kept in found and dropped not in found


@pytest.mark.parametrize("text, expected", [
    ("In a trial of 300 women, ergocalciferol increased the rate of falls (rate ratio 1.15) and of fractures "
     "(rate ratio 1.26).", {("falls", (1.15,)), ("fractures", (1.26,))}),
    ("In a trial of 300 women, ergocalciferol increased the incidence of delirium and of fractures.",
     {("delirium", ()), ("fractures", ())}),
])
def test_a_repeated_preposition_lists_an_outcome_with_its_head_left_out(pipeline, text, expected):
    found = {(r["outcome"], tuple(v["value"] for v in r["values"])) for r in records(pipeline, text)}
    assert expected <= found


@pytest.mark.parametrize("text, expected", [
    # a list of examples after the subject noun that names outcomes: each listed name takes the verb after it
    ("In a randomized trial of 600 adults, sertraline reduced fatigue compared with placebo. Secondary outcomes, "
     "including grip endurance, verbal fluency and dizziness, were unaffected.",
     {("grip endurance", "no_difference"), ("verbal fluency", "no_difference"), ("dizziness", "no_difference")}),
    ("In a randomized trial of 600 adults, sertraline reduced fatigue compared with placebo. Secondary outcomes, "
     "including dizziness and headache, did not differ.",
     {("dizziness", "no_difference"), ("headache", "no_difference")}),
    # "unaffected" and "unaltered" state no change, as "unchanged" does
    ("In a randomized trial of 600 adults, sertraline reduced fatigue compared with placebo. Blood pressure was "
     "unaltered.", {("blood pressure", "no_difference")}),
])
def test_outcomes_listed_under_a_subject_noun_share_its_verb(pipeline, text, expected):
    found = {(r["outcome"], r["direction"]) for r in records(pipeline, text) if r["intervention"] == "sertraline"}
    assert expected <= found


@pytest.mark.parametrize("text, expected, absent", [
    # no one had the event: no difference between the groups, and the participant noun is no outcome
    ("In a randomized trial of 90 children, ketamine reduced pain compared with fentanyl; no child developed "
     "hypoxia.", {("hypoxia", "no_difference")}, {"child"}),
    ("In a randomized trial of 90 adults, ketamine reduced pain compared with fentanyl, and no patient required "
     "dialysis.", {("dialysis", "no_difference")}, {"patient"}),
    ("In a randomized trial of 90 children, ketamine reduced pain compared with fentanyl. Parent and patient "
     "satisfaction did not differ.", {("patient satisfaction", "no_difference")}, {"parent"}),
])
def test_no_participant_had_the_event(pipeline, text, expected, absent):
    found = {(r["outcome"], r["direction"]) for r in records(pipeline, text)}
    assert expected <= found
    assert not absent & {outcome for outcome, _ in found}


@pytest.mark.parametrize("text, expected", [
    # "reduced A by 50% to 70% and B by 30% to 40%": the amount after the first item does not end the list
    ("In a review of 34 trials, ergocalciferol reduced new vertebral fractures by 50% to 70% and hip fractures by "
     "30% to 40% relative to placebo.", {"vertebral fractures", "hip fractures"}),
    # "in particular" opens a list of examples as "including" does
    ("In a trial of 700 adults, sertraline reduced fatigue. Serious adverse events, in particular pulmonary oedema "
     "and fluid overload, were more common in the sertraline group (6.3% vs. 2.0%).",
     {"pulmonary edema", "fluid overload"}),
    # "even" ends the outcome phrase
    ("In a trial of 700 adults, sertraline reduced exacerbations even in patients with low eosinophil counts.",
     {"exacerbations"}),
])
def test_list_items_after_an_amount_or_an_aside_and_a_phrase_ended_by_even(pipeline, text, expected):
    assert expected <= {r["outcome"] for r in records(pipeline, text)}


def test_no_difference_after_with_is_no_comparator(pipeline):
    text = ("In this randomised trial, 160 women received meperidine or saline. Core temperature fell in both groups, "
            "with no significant difference between the groups.")
    records = pipeline.extract(text).records
    assert records and all(r.comparator != "no significant difference" for r in records), records
    text = "In 120 adults, heparin reduced venous thromboembolism compared with no prophylaxis."
    assert [r.comparator for r in pipeline.extract(text).records] == ["no prophylaxis"]


@pytest.mark.parametrize("text, outcome, direction", [
    ("Montelukast significantly inhibited nasal congestion compared with placebo.", "nasal congestion", "decrease"),
    ("Montelukast suppressed nasal congestion compared with placebo.", "nasal congestion", "decrease"),
    ("Montelukast alleviated nasal congestion compared with placebo.", "nasal congestion", "decrease"),
    ("Montelukast aggravated nasal congestion compared with placebo.", "nasal congestion", "worsen"),
    ("Montelukast ameliorated nasal congestion compared with placebo.", "nasal congestion", "improve"),
    ("Montelukast attenuated the rise in blood pressure compared with placebo.", "blood pressure", "decrease"),
    ("Dapagliflozin slowed the decline in eGFR compared with placebo.", "egfr", "increase"),
    ("Ketamine led to lower pain scores than placebo.", "pain", "decrease"),
    ("Infliximab produced the highest odds of clinical remission.", "clinical remission", "increase"),
    ("Pain was relieved with ketamine.", "pain", "decrease"),
    ("Delirium developed less often with ketamine.", "delirium", "decrease"),
    ("Fewer patients required rescue analgesia with ketamine.", "rescue analgesia", "decrease"),
    ("Ketamine was effective in preventing delirium.", "delirium", "decrease"),
    ("Ketamine failed to prevent delirium.", "delirium", "no_difference"),
    ("Ketamine protected against delirium.", "delirium", "decrease"),
    ("For pain, the mean difference between ketamine and placebo was -1.3 (95% CI -1.9 to -0.7).", "pain", "decrease"),
    ("For pain, the mean difference between ketamine and placebo was -0.3 (95% CI -0.9 to 0.4).", "pain",
     "no_difference"),
    ("Ketamine was non-inferior to morphine for postoperative pain.", "postoperative pain", "no_difference"),
])
def test_result_verbs_and_verbs_that_shrink_a_change(pipeline, text, outcome, direction):
    found = [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)]
    assert len(found) == 1 and found[0][1:] == (outcome, direction)


@pytest.mark.parametrize("text", [
    "Patients on statins have fewer strokes.",
    "Patients who develop delirium have higher mortality.",
    "Dexamethasone was given to prevent nausea.",
    "Patients have often reported less pain with ketamine.",
])
def test_general_statements_and_purposes_make_no_record(pipeline, text):
    assert records(pipeline, text) == []


def test_enhanced_recovery_names_a_programme_not_a_result(pipeline):
    text = "Intravenous lidocaine is used within enhanced recovery pathways after colorectal surgery."
    assert records(pipeline, text) == []


@pytest.mark.parametrize("text, drug, excepted", [
    ("Apixaban but not rivaroxaban reduced major bleeding.", "apixaban", ["rivaroxaban"]),
    ("Apixaban but not rivaroxaban or dabigatran reduced major bleeding.", "apixaban", ["rivaroxaban", "dabigatran"]),
    ("Ketamine and not morphine reduced pain scores.", "ketamine", ["morphine"]),
])
def test_a_drug_excepted_by_but_not_leaves_the_result_to_the_other(pipeline, text, drug, excepted):
    found = records(pipeline, text)
    # the excepted drugs take the result denied (ANNOTATION.md: a stated absence of effect)
    assert [(r["intervention"], r["direction"], r["negated"]) for r in found] == [(drug, "decrease", False)] + [
        (name, "no_difference", True) for name in excepted]


def test_two_figures_of_a_significant_result_give_its_direction_over_the_learned_guess(pipeline):
    text = "Mean pain scores were 2.1 and 3.4 in the ketamine and control groups, respectively (P < 0.001)."
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("ketamine", "pain", "decrease")]


@pytest.mark.parametrize("text, negated", [
    ("Nausea was similar in the ketamine and placebo groups.", False),
    ("Ketamine was non-inferior to morphine for postoperative pain.", False),
    ("Nausea did not differ between the ketamine and placebo groups.", True),
])
def test_sameness_stated_without_a_negation_is_no_negated_claim(pipeline, text, negated):
    found = records(pipeline, text)
    assert [(r["direction"], r["negated"]) for r in found] == [("no_difference", negated)]


def test_a_threshold_that_says_who_was_enrolled_makes_no_record(pipeline):
    """ "an ejection fraction of 40% or less", "a FeNO of at least 30 ppb": who was enrolled or who benefited
    most, not a change the drug made; a threshold of a change ("a decline in eGFR (eGFR) of at least 40%") is an
    endpoint and stays."""
    text = ("We randomly assigned 820 adults with cardiomyopathy, a left ventricular ejection fraction (LVEF) of 40% "
            "or less and anaemia to receive iron sucrose or placebo.")
    assert records(pipeline, text) == []
    text = ("Mepolizumab lowered the exacerbation rate by 38% in a trial of 900 patients, with greater benefit in "
            "those with a fractional exhaled nitric oxide (FeNO) of at least 30 ppb [4].")
    assert {(r["intervention"], r["outcome"]) for r in records(pipeline, text)} == {("mepolizumab", "exacerbations")}
    text = ("In a trial of 2,100 adults, canagliflozin reduced a sustained decline in estimated glomerular filtration "
            "rate (eGFR) of at least 40% (hazard ratio 0.66) (8).")
    assert [r["outcome"] for r in records(pipeline, text)] == ["egfr"]


def test_a_covariate_or_a_contrasted_drug_is_not_the_result(pipeline):
    """ "adjusted for age, BMI and ...": covariates, neither outcome nor arm; "in contrast to X, Y raised Z": Z is Y's.
    "The effect of X on Y was analyzed" says what was studied."""
    text = ("In a trial of 120 women, ibuprofen lowered pain scores at 2 hours (p = 0.01). There was no significant "
            "difference in overall pain scores between the two treatment groups adjusted for age, BMI, analgesia used "
            "and baseline pain score.")
    assert [r["outcome"] for r in records(pipeline, text)] == ["pain"]
    text = ("This randomized trial enrolled adults with type 2 diabetes. We tested the effectiveness of telephone coaching "
            "with metformin for improving fatigue, anxiety and quality of life in adults with diabetes.")
    assert records(pipeline, text) == []
    text = "In contrast to caffeine, modafinil increased subjective anxiety in 40 volunteers (p = 0.01)."
    assert {r["intervention"] for r in records(pipeline, text)} == {"modafinil"}
    text = ("In 90 women, ibuprofen lowered pain scores (p = 0.01). Also, the effect of higher doses of ibuprofen on "
            "pain relief was analyzed.")
    assert [r["outcome"] for r in records(pipeline, text)] == ["pain"]


def test_the_title_of_an_abstract_run_into_its_background_states_no_finding(pipeline):
    """An abstract whose results the role model does not find: its first sentence, without figures (the title,
    often run into the first background sentence), names the topic and what is known, not this study's finding."""
    title = "A pilot trial of nasal irrigation in older adults with chronic sinusitis"
    background = ("Older adults with chronic sinusitis tend to have increased rates of bacterial exacerbations and "
                  "reduced quality of life.")
    rest = ["We randomized 60 adults to saline irrigation or usual care for 12 weeks.",
            "Symptom scores improved with irrigation compared with usual care (p = 0.02).", "Irrigation was well tolerated."]
    outcomes = {r["outcome"] for r in records(pipeline, " ".join([title, background] + rest))}
    assert not outcomes & {"bacterial exacerbations", "quality of life"}


def test_a_condition_after_on_in_a_description_of_patients_is_who_was_studied(pipeline):
    text = ("In a retrospective cohort study of 4,200 patients with heart failure on dialysis, apixaban was "
            "associated with less major bleeding than warfarin (hazard ratio 0.70) (12).")
    assert [r["outcome"] for r in records(pipeline, text)] == ["major bleeding"]


def test_an_indication_or_a_thing_explained_is_no_result(pipeline):
    """ "used for <agitation>": what the drug is given for; "may explain the excess of <Y>": an explanation offered."""
    text = "Droperidol is increasingly used for acute agitation but may increase the need for airway support (odds ratio 1.7) [3]."
    assert [r["outcome"] for r in records(pipeline, text)] == ["airway support"]
    text = "Midazolam is often given for procedural anxiety and may increase the risk of hypoxia (odds ratio 1.9) [2]."
    assert [r["outcome"] for r in records(pipeline, text)] == ["hypoxia"]
    text = ("In a trial of 3,000 adults, triglycerides rose with olanzapine (p = 0.01), which may partly explain the "
            "excess of cardiovascular events [9].")
    assert "cardiovascular events" not in {r["outcome"] for r in records(pipeline, text)}


def test_an_outcome_in_an_opening_phrase_of_time_is_the_setting(pipeline):
    text = ("Tenecteplase improved reperfusion in a trial of 800 patients (3). After intracerebral hemorrhage, "
            "aminocaproic acid reduced early hematoma growth (odds ratio 0.80) but did not improve functional status "
            "at 90 days in a trial of 1,200 patients (4).")
    assert "intracerebral hemorrhage" not in {r["outcome"] for r in records(pipeline, text)}


def test_a_relative_clause_saying_who_was_enrolled_is_no_result(pipeline):
    text = ("This randomized open study of lisinopril included adults of both sexes aged 50 to 75 years who had "
            "increased cardiovascular risk. Blood pressure fell more with lisinopril than with usual care (p = 0.01).")
    assert "cardiovascular risk" not in {r["outcome"] for r in records(pipeline, text)}


def test_a_clause_whose_digits_all_stand_in_skipped_mentions_has_no_values():
    import spacy

    from extractor.records import digit_outside, values_in

    doc = spacy.blank("en")("IL-6 and HbA1c fell by 12% with X.")
    text = doc.text
    skip = [(0, 4), (9, 14)]  # "IL-6", "HbA1c"
    assert digit_outside(text, 0, skip) and not digit_outside(text[:20], 0, skip)
    assert values_in(doc, text, 0, 4, skip) == []  # the first words: digits in the mentions only
    assert [v["value"] for v in values_in(doc, text, 0, len(doc), skip)] == [12]


@pytest.mark.parametrize("text, negated", [
    ("Rates of nausea were 12% with ketamine and 13% with placebo (p = 0.71).", False),
    ("Rates of nausea were 12% with ketamine and 13% with placebo, a difference that was not significant.", True),
])
def test_a_no_difference_read_from_figures_is_negated_only_where_the_text_denies_one(pipeline, text, negated):
    found = records(pipeline, text)
    assert [(r["direction"], r["negated"]) for r in found] == [("no_difference", negated)]


def test_arm_counts_of_a_trial_stay_in_its_study_and_keep_its_design(pipeline):
    text = ("METHODS: In this double-blind, placebo-controlled trial, we randomly assigned 840 adults with gout to "
            "febuxostat or placebo. RESULTS: A total of 421 patients were assigned to febuxostat and 419 to placebo. "
            "Febuxostat reduced gout flares compared with placebo (12% vs 25%; P < 0.001).")
    found = [(r["intervention"], r["outcome"], r["design"], r["cohort_size"]) for r in records(pipeline, text)]
    assert found == [("febuxostat", "gout flares", "rct", 840)]


def test_a_meta_analysis_named_with_the_trials_it_pooled_is_the_design(pipeline):
    text = ("This meta-analysis pooled six randomized controlled trials enrolling 9,120 adults [4-9]. "
            "Compared with placebo, finerenone reduced hyperkalaemia-free survival events (HR 0.82; 95% CI 0.71-0.95).")
    assert {r["design"] for r in records(pipeline, text)} == {"meta_analysis"}


def test_each_result_of_a_sentence_citing_several_sources_takes_the_citation_after_it(pipeline):
    text = "Eltrombopag raised the risk of thrombosis (18) and lowered bleeding events (19)."
    found = {r["outcome"]: r["refs"] for r in records(pipeline, text)}
    assert found == {"thrombosis": ["18"], "bleeding": ["19"]}


def test_each_drug_takes_its_own_estimate_given_respectively_and_shares_the_rest(pipeline):
    text = ("In two trials, evolocumab and alirocumab reduced major adverse cardiovascular events by about 15% "
            "(hazard ratios 0.84 and 0.86, respectively) (22,23).")
    found = {r["intervention"]: sorted(v["value"] for v in r["values"]) for r in records(pipeline, text)}
    assert found == {"evolocumab": [0.84, 15], "alirocumab": [0.86, 15]}


def test_a_result_joined_after_a_denied_one_is_stated_not_denied(pipeline):
    text = ("A cohort of 2,100 older adults found no difference in cardiovascular events and more hypokalaemia "
            "with chlorthalidone (7).")
    found = {r["outcome"]: (r["direction"], r["negated"]) for r in records(pipeline, text)}
    assert found == {"cardiovascular events": ("no_difference", True), "hypokalemia": ("increase", False)}


def test_a_survival_ratio_below_one_is_an_improvement_and_a_modal_predicate_is_not_denied(pipeline):
    text = ("Median overall survival was 24.7 months with azacitidine and 14.8 months with placebo "
            "(hazard ratio 0.69; 95% CI 0.55-0.86; P<0.001).")
    assert [(r["outcome"], r["direction"]) for r in records(pipeline, text)] == [("overall survival", "improve")]
    text = "Gabapentinoids have not reduced opioid consumption in trials and may increase sedation (16)."
    found = {r["outcome"]: r["direction"] for r in records(pipeline, text)}
    assert found == {"opioid consumption": "no_difference", "sedation": "increase"}


def test_a_population_stops_before_the_verb_of_what_it_received(pipeline):
    text = ("In this randomised trial, 160 adults undergoing knee replacement received dexamethasone or placebo. "
            "Dexamethasone reduced postoperative nausea (14% vs 31%; p = 0.01).")
    assert {r["population"] for r in records(pipeline, text)} == {"adults undergoing knee replacement"}


def test_the_people_of_a_control_arm_name_the_comparator_not_the_population(pipeline):
    text = "Patients given ondansetron had less nausea than those given placebo (12% vs 30%, p=0.01)."
    assert [(r["intervention"], r["comparator"]) for r in records(pipeline, text)] == [("ondansetron", "placebo")]
    text = ("Mortality was lower in patients treated with dexamethasone compared with patients receiving usual care "
            "(22% vs 26%).")
    [record] = records(pipeline, text)
    assert (record["comparator"], record["population"]) == ("usual care", None)


def test_a_concentration_before_a_drug_is_no_value_and_keeps_the_comparator(pipeline):
    text = "In 900 adults, balanced crystalloids reduced kidney events compared with 0.9% saline (14.3% vs. 15.4%)."
    [record] = records(pipeline, text)
    assert record["comparator"] == "saline"
    assert [v["value"] for v in record["values"]] == [14.3, 15.4]
    text = "In 120 women, 2% lidocaine gel reduced pain during insertion compared with placebo (mean 3.1 vs 4.6)."
    assert [[v["value"] for v in r["values"]] for r in records(pipeline, text)] == [[3.1, 4.6]]


def test_later_research_that_did_not_confirm_a_result_denies_it(pipeline):
    text = ("Observational studies have suggested that statins increase the risk of diabetes (5), "
            "but randomized trials have not confirmed an excess (6).")
    found = {(r["direction"], r["negated"], tuple(r["refs"])) for r in records(pipeline, text)
             if (r["intervention"], r["outcome"]) == ("statins", "diabetes")}
    assert found == {("increase", False, ("5",)), ("no_difference", True, ("6",))}
    text = "In a trial of 300 adults, apixaban reduced stroke, and the investigators confirmed this benefit in a second trial."
    assert [(r["outcome"], r["direction"]) for r in records(pipeline, text)] == [("stroke", "decrease")]


def test_a_drug_set_off_by_but_not_takes_the_result_denied(pipeline):
    text = "In a trial of 200 adults, LDL cholesterol fell with atorvastatin but not with ezetimibe."
    found = {r["intervention"]: (r["direction"], r["negated"]) for r in records(pipeline, text)}
    assert found == {"atorvastatin": ("decrease", False), "ezetimibe": ("no_difference", True)}
    text = "In a trial of 200 adults, atorvastatin, but not pravastatin, reduced LDL cholesterol (12)."
    found = {r["intervention"]: (r["direction"], r["negated"]) for r in records(pipeline, text)}
    assert found == {"atorvastatin": ("decrease", False), "pravastatin": ("no_difference", True)}
    text = "Body weight fell with exercise but not with metformin in a trial of 200 adults."
    found = {r["intervention"]: (r["direction"], r["negated"]) for r in records(pipeline, text)}
    assert found == {"metformin": ("no_difference", True)}



@pytest.mark.parametrize("text, field, expected", [
    # a prolonged ECG interval is an amount that rose; prolonged survival is a benefit
    ("In a trial of 200 adults, ondansetron prolonged the QTc interval and nivolumab prolonged overall survival.",
     "direction", {"qtc interval": "increase", "overall survival": "improve"}),
    # a change during a named drug's treatment is that drug's result, not the earlier claim's drug
    ("In a trial of 300 adults, omeprazole raised eradication rates. "
     "Diarrhoea was frequent, and serum gastrin rose during vonoprazan treatment.",
     "intervention", {"eradication": "omeprazole", "gastrin": "vonoprazan"}),
])
def test_prolonged_intervals_and_changes_during_a_named_treatment(pipeline, text, field, expected):
    assert {r["outcome"]: r[field] for r in records(pipeline, text)} == expected


def test_a_drug_in_an_aside_describing_the_drug_before_it_is_not_the_intervention(pipeline):
    text = ("Tirzepatide, a dual glucose-dependent insulinotropic polypeptide (GIP) and GLP-1 receptor agonist, "
            "produced greater reductions in HbA1c than semaglutide in a trial of 1,862 patients (9).")
    assert [(r["intervention"], r["outcome"]) for r in records(pipeline, text)] == [("tirzepatide", "hemoglobin a1c")]
    text = ("Inclisiran, a small interfering RNA given twice yearly, lowered LDL-C by about 50% in trials of "
            "3,660 participants (26). Lipoprotein(a) fell by 25% as well.")
    assert {r["intervention"] for r in records(pipeline, text)} == {"inclisiran"}


@pytest.mark.parametrize("text, drug", [
    ("In a trial of 300 adults, piperacillin-tazobactam reduced mortality (5). "
     "For pneumonia, an 8-day antibiotic course did not increase recurrent infections (75).", "antibiotics"),
    ("In a trial of 300 children, amoxicillin for 5 days was noninferior to 10 days. Three other trials in which "
     "short-course antibiotics did not increase treatment failure agree [15-17].", "antibiotics"),
])
def test_a_drug_named_with_how_long_it_was_given_is_the_arm_not_a_measure(pipeline, text, drug):
    found = {r["intervention"] for r in records(pipeline, text) if r["direction"] == "no_difference"}
    assert found == {drug}


@pytest.mark.parametrize("text", [
    "Apixaban (HR 0.79) and rivaroxaban (HR 0.82) reduced stroke in two trials [9,11].",
    "The reduction in stroke was of similar size with apixaban (two trials, 6,532 patients; HR 0.79) and "
    "rivaroxaban (three trials, 8,572 patients; HR 0.82) [9,11].",
])
def test_drugs_coordinated_across_their_own_bracketed_figures_each_take_the_result(pipeline, text):
    assert [r["intervention"] for r in records(pipeline, text)] == ["apixaban", "rivaroxaban"]


def _sentence_record(text, sentence, intervention="ropinirole", outcome="pain", direction="decrease"):
    from extractor.schema import EvidenceRecord

    start = text.index(sentence)
    return EvidenceRecord(intervention=intervention, outcome=outcome, direction=direction,
                          evidence=[(start, start + len(sentence))])


def test_earlier_research_is_told_from_the_trials_own_finding():
    from extractor.findings import earlier_work

    def lower(text):
        return text.lower().replace(",", " ,").replace(".", " .").split()

    assert earlier_work(lower("Several previous studies have suggested that ropinirole eases leg discomfort."))
    assert earlier_work(lower("Dopamine agonists have been shown to reduce leg discomfort."))
    assert earlier_work(lower("It is reported that ropinirole might shorten sleep latency."))
    assert not earlier_work(lower("In line with previous studies, ropinirole reduced leg discomfort."))
    assert not earlier_work(lower("We found that ropinirole reduced leg discomfort."))
    assert not earlier_work(lower("Ropinirole was shown to reduce leg discomfort in this trial."))


def test_a_trial_report_keeps_no_record_of_the_earlier_work_it_cites(pipeline):
    text = ("Melatonin and delirium after hip surgery. Previous studies have shown melatonin to lower delirium, "
            "reduce agitation, and improve sleep quality. We randomised 90 patients to melatonin or placebo for 4 days. "
            "Melatonin reduced delirium compared with placebo (p = 0.01). Agitation episodes were fewer with "
            "melatonin (p = 0.03). Length of stay was shorter with melatonin than placebo (p = 0.02).")
    outcomes = {r["outcome"] for r in records(pipeline, text)}
    assert {"delirium", "agitation", "length of stay"} <= outcomes  # agitation: restated by the results
    assert "sleep quality" not in outcomes


def test_a_correlation_between_measures_is_no_arms_result():
    from extractor.record_filters import drop_correlations

    text = ("Serum ferritin correlated with fatigue scores (r = 0.41, p = 0.02). "
            "Ferritin correlated with fatigue only in the ropinirole group (r = 0.52). "
            "Ropinirole reduced pain (p = 0.01).")
    first, second, third = (_sentence_record(text, s.strip() + ".") for s in text.split(".")[:3])
    assert drop_correlations([first, second, third], text) == [second, third]


def test_a_call_for_further_studies_is_no_result():
    from extractor.record_filters import drop_future_work

    text = ("Larger studies of ropinirole with longer follow-up are needed to confirm the reduction in pain. "
            "Ropinirole reduced pain more than placebo.")
    call, result = (_sentence_record(text, s.strip() + ".") for s in text.split(".")[:2])
    assert drop_future_work([call, result], text) == [result]


def test_a_sentence_stating_the_aim_gives_no_record_though_it_holds_figures(pipeline):
    text = ("We evaluated the efficacy of adding zinc to oral rehydration salts in preventing diarrhoea and "
            "pneumonia in 600 children aged 1-5 years. To test the effect of zinc on appetite, intake was "
            "recorded daily for 14 days. Zinc reduced diarrhoea compared with placebo (8% vs 15%, p = 0.01).")
    found = [(r["outcome"], r["evidence"][0]["start"]) for r in records(pipeline, text)]
    assert all(start >= text.index("Zinc reduced") for _, start in found)
    assert "diarrhea" in {outcome for outcome, _ in found}


def test_a_stated_power_is_no_result():
    from extractor.record_filters import drop_definitions

    text = ("The trial was powered to detect a 10% difference in pain relief between the arms. "
            "Ropinirole reduced pain more than placebo (p = 0.02).")
    power = _sentence_record(text, "The trial was powered to detect a 10% difference in pain relief between the arms.")
    result = _sentence_record(text, "Ropinirole reduced pain more than placebo (p = 0.02).")
    assert drop_definitions([power, result], text) == [result]


def test_what_a_group_received_and_what_the_endpoints_comprised_are_no_results():
    from extractor.record_filters import drop_definitions

    text = ("The ropinirole group also received sleep hygiene advice, including reduction of caffeine intake. "
            "Secondary endpoints comprised the assessment of daytime sleepiness and quality of life. "
            "This subgroup comprised only 40 patients, and ropinirole reduced pain in it.")
    given, endpoints, result = (_sentence_record(text, s.strip() + ".") for s in text.split(".")[:3])
    assert drop_definitions([given, endpoints, result], text) == [result]


def test_an_outcome_listed_with_the_patient_characteristics_is_no_result():
    from extractor.record_filters import drop_baseline_comparisons

    text = ("There were no differences in patient characteristics and operative details between the groups. "
            "Pain did not differ between the groups at week 6.")
    listed, result = (_sentence_record(text, s.strip() + ".", direction="no_difference") for s in text.split(".")[:2])
    assert drop_baseline_comparisons([listed, result], text) == [result]


def test_pieces_of_the_clause_around_a_name_are_no_outcomes():
    from extractor.record_filters import is_result_outcome

    for piece in ("the studied variables", "either group", "the steps", "one of them further", "they",
                  "relevant to them and others", "three weekly sessions investigated", "means -1.2%"):
        assert not is_result_outcome(piece), piece
    for name in ("response rate", "mean arterial pressure", "vascular function", "group b streptococcus colonisation"):
        assert is_result_outcome(name), name


def test_a_count_of_people_names_its_outcome_in_the_clause_after_them(pipeline):
    text = ("Ninety adults were randomized to ketorolac or placebo. The proportion of patients who recovered was higher "
            "in the ketorolac group (80% vs 60%, P = 0.02).")
    found = {(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)}
    assert found == {("ketorolac", "proportion of patients who recovered", "increase")}
    text = ("Ninety adults were randomized to ketorolac or placebo. The proportion of patients who received ketorolac "
            "was higher in the first centre (80% vs 60%, P = 0.02).")
    assert not records(pipeline, text)


@pytest.mark.parametrize("result, outcome", [
    ("There was no difference between groups in the number of analgesics taken per day.",
     "number of analgesics taken per day"),
    ("The number of patients who required antiemetics was lower with ketorolac (P = 0.01).",
     "number of patients who required antiemetics"),
])
def test_a_drug_whose_use_is_counted_stays_in_the_outcome(pipeline, result, outcome):
    text = "Ninety adults were randomized to ketorolac or placebo. " + result
    assert [r["outcome"] for r in records(pipeline, text)] == [outcome]


def test_a_result_compared_to_another_procedure_is_stated_for_the_one_before_compared(pipeline):
    text = ("Twenty men performed a cycling test and a walking test in random order. Heart rate recovery was greater "
            "after the cycling test compared to the walking test (P < 0.001).")
    found = {(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)}
    assert found == {("cycling test", "heart rate recovery", "increase")}


def test_a_record_whose_outcome_names_an_arm_of_the_text_is_dropped(pipeline):
    from extractor.records import RecordBuilder
    from extractor.schema import EvidenceRecord

    text = ("Seventy infants were randomized to the MR850 group or the PMH7000 group after weaning. "
            "The PMH7000 group had fewer days on oxygen than the MR850 group (P = 0.04).")
    builder = RecordBuilder(pipeline.nlp(text))
    found = [EvidenceRecord(intervention="pmh7000", outcome="mr850"),
             EvidenceRecord(intervention="pmh7000", outcome="days on oxygen")]
    assert [r.outcome for r in builder._without_arm_outcomes(found)] == ["days on oxygen"]


def test_an_outcome_listed_with_the_mean_age_is_a_baseline_and_a_run_on_sentence_is_read_in_parts():
    from extractor.record_filters import drop_baseline_comparisons

    text = ("The groups did not differ in mean age, parity and body mass index. "
            "Mean age was 61 years. Pain did not differ between the groups at week 6.")
    listed = _sentence_record(text, "The groups did not differ in mean age, parity and body mass index.",
                              outcome="body mass index", direction="no_difference")
    run_on = _sentence_record(text, "Mean age was 61 years. Pain did not differ between the groups at week 6.",
                              outcome="pain", direction="no_difference")
    assert drop_baseline_comparisons([listed, run_on], text) == [run_on]


def test_a_result_compared_with_other_studies_is_no_finding_of_the_trial():
    from extractor.findings import earlier_work

    assert earlier_work("the rate of nausea was higher than in other studies .".split())
    assert not earlier_work("the rate of nausea was higher than with placebo .".split())


def test_a_call_for_further_work_drops_only_the_clause_it_is_in():
    from extractor.record_filters import drop_future_work

    text = ("Ropinirole shows promise in improving sleep quality, however further development of the dosing "
            "schedule is needed to reduce nausea.")
    kept = _sentence_record(text, text, outcome="sleep quality", direction="improve")
    called = _sentence_record(text, text, outcome="nausea", direction="decrease")
    assert drop_future_work([kept, called], text) == [kept]


@pytest.mark.parametrize("text, expected", [
    ("Across trials, genital mycotic infections were more frequent with SGLT2 inhibitors (risk ratio 2.87) [12,13], "
     "whereas diabetic ketoacidosis was rare and did not differ from placebo [12-16].",
     {"genital mycotic infection": "increase", "diabetic ketoacidosis": "no_difference"}),
    ("In this trial of 400 adults given zoledronate or placebo, serious adverse events were balanced between groups.",
     {"serious adverse events": "no_difference"}),
    ("In a trial of 400 adults, balanced crystalloids reduced acute kidney injury (12).",
     {"acute kidney injury": "decrease"}),
    ("In a trial of 300 adults, atorvastatin reduced stroke, and creatine kinase elevations above 10 times the "
     "upper limit of normal were rare.", {"stroke": "decrease"}),
])
def test_a_rare_event_with_a_result_after_it_and_events_balanced_between_groups(pipeline, text, expected):
    assert {r["outcome"]: r["direction"] for r in records(pipeline, text)} == expected


@pytest.mark.parametrize("text, expected", [
    ("In a trial of 300 adults, apixaban reduced stroke (5). "
     "Creatinine clearance fell below 30 mL/min in about one in eight patients during follow-up.",
     {("apixaban", "stroke")}),
    ("In a trial of 300 adults, isotretinoin reduced acne lesions by 70%. "
     "Triglycerides rose above 500 mg/dL in 0.8% of 1,863 patients (7).",
     {("isotretinoin", "acne lesions"), ("isotretinoin", "triglycerides")}),
])
def test_a_fall_below_a_threshold_counted_in_the_patients_is_how_common_not_a_result(pipeline, text, expected):
    assert {(r["intervention"], r["outcome"]) for r in records(pipeline, text)} == expected


def test_examples_listed_after_the_result_of_an_event_outcome_are_not_results_of_their_own(pipeline):
    text = ("In a trial of 300 children, adverse events were more frequent with ketamine (relative risk 2.4), "
            "most commonly dizziness, dysphoria and bad taste.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"adverse events"}


def test_an_example_of_an_outcome_with_its_own_figures_is_a_result_of_its_own(pipeline):
    text = ("In a trial of 300 children, the short course of amoxicillin was associated with fewer adverse events, "
            "mainly diarrhoea (12.4% vs. 21.8%).")
    found = {r["outcome"]: sorted(v["value"] for v in r["values"]) for r in records(pipeline, text)}
    assert found == {"adverse events": [], "diarrhea": [12.4, 21.8]}
    text = "In a trial of 300 adults, adverse events, mainly nausea and diarrhoea, were more common with ketamine."
    assert {r["outcome"] for r in records(pipeline, text)} == {"adverse events"}


@pytest.mark.parametrize("text, expected", [
    ("In a trial of 400 adults given tofacitinib or adalimumab, pain scores improved comparably.",
     {("tofacitinib", "no_difference"), ("adalimumab", "no_difference")}),
    ("In a trial of 400 adults, tofacitinib reduced pain. Adalimumab similarly reduced pain in a second trial of "
     "300 adults (4).", {("tofacitinib", "decrease"), ("adalimumab", "decrease")}),
])
def test_a_change_stated_as_alike_in_the_arms_is_no_difference(pipeline, text, expected):
    assert {(r["intervention"], r["direction"]) for r in records(pipeline, text)} == expected


def test_a_sentence_opening_on_the_results_that_names_another_study_of_its_own_is_that_study(pipeline):
    text = ("In this randomized trial of 214 patients, andexanet lowered anti-factor Xa activity more rapidly than "
            "usual care. These results are consistent with an earlier randomized trial of 202 patients in which "
            "andexanet lowered anti-factor Xa activity faster than plasma (62% vs. 10%) (18).")
    found = sorted((r["cohort_size"], tuple(r["refs"])) for r in records(pipeline, text))
    assert found == [(202, ("18",)), (214, ())]


def test_a_population_stops_before_the_verb_of_the_sentence(pipeline):
    text = ("Whether the drug helps patients hospitalised for acute heart failure remains uncertain; a pilot study "
            "of 80 patients suggested fewer readmissions with empagliflozin (23).")
    assert [r["population"] for r in records(pipeline, text)] == ["patients hospitalised for acute heart failure"]


def _found(pipeline, text):
    return {(r["intervention"], r["outcome"], r["direction"], r["negated"]) for r in records(pipeline, text)}


def test_each_outcome_of_a_list_takes_the_shared_result(pipeline):
    # every name of an outcome list shares the verb that closes it, "the incidence of" before one or not
    text = "Pain scores, the incidence of adverse events and nausea were comparable between the ketamine and placebo groups."
    assert _found(pipeline, text) == {("ketamine", "pain", "no_difference", False),
                                      ("ketamine", "adverse events", "no_difference", False),
                                      ("ketamine", "nausea", "no_difference", False)}


def test_a_second_clause_after_a_comma_and_is_not_an_object_of_the_first(pipeline):
    text = ("In a cohort of 200 patients, continuing metformin was not associated with lactic acidosis, and serum "
            "creatinine remained stable over 24 months.")
    assert {r["outcome"] for r in records(pipeline, text)} == {"lactic acidosis"}


@pytest.mark.parametrize("text, expected", [
    ("In a trial of 90 adults, patients in the lidocaine group were discharged earlier than those in the placebo "
     "group.", ("lidocaine", "discharge", "decrease", False)),
    ("In a trial of 90 adults, more patients in the ketamine group were pain-free at 2 hours than in the placebo "
     "group.", ("ketamine", "pain freedom", "increase", False)),
    ("In a trial of 90 adults, patients in the acupuncture group returned to work sooner than controls.",
     ("acupuncture", "return to work", "decrease", False)),
])
def test_the_patients_own_verbs_name_outcomes(pipeline, text, expected):
    assert _found(pipeline, text) == {expected}


def test_a_verb_outcome_needs_a_comparison(pipeline):
    text = "In a trial of 90 adults, patients were discharged home after surgery."
    assert [e.label for e in pipeline.extract(text).entities if e.label == "OUTCOME"] == []


def test_a_baseline_list_stated_alike_is_no_result(pipeline):
    text = "In a trial of 80 women, baseline depression, anxiety and stress were similar in the ketamine and placebo groups."
    assert records(pipeline, text) == []


def test_a_drug_set_aside_by_but_not_is_no_comparator(pipeline):
    text = "In a trial of 120 adults, ketamine, but not lidocaine, reduced opioid consumption."
    found = {r["intervention"]: (r["comparator"], r["direction"], r["negated"]) for r in records(pipeline, text)}
    assert found == {"ketamine": (None, "decrease", False), "lidocaine": (None, "no_difference", True)}


def test_a_result_for_an_arm_the_trial_sentence_named_keeps_that_trial_cohort_and_design(pipeline):
    text = ("In this double-blind trial, 180 women were randomly assigned to a quadratus lumborum block with ropivacaine "
            "(n = 90) or a sham block with saline (n = 90). Morphine consumption was lower with the block "
            "(median 12 mg vs 21 mg; P < 0.001).")
    [record] = records(pipeline, text)
    assert (record["outcome"], record["cohort_size"], record["design"]) == ("morphine consumption", 180, "rct")


def test_a_population_after_an_assignment_verb_stops_before_the_arm_it_was_assigned_to(pipeline):
    text = ("We randomly assigned 320 adults with a first recurrence to fidaxomicin (n = 161) or vancomycin (n = 159). "
            "Recurrence was less frequent with fidaxomicin (19% vs 35%).")
    assert [r["population"] for r in records(pipeline, text)] == ["adults with a first recurrence"]
    text = ("In this trial, 180 women with up to three prior births were randomized to oxytocin or carbetocin. "
            "Carbetocin reduced postpartum haemorrhage (4% vs 9%).")
    assert [r["population"] for r in records(pipeline, text)] == ["women with up to three prior births"]


def test_a_drug_in_an_aside_on_how_the_subject_is_given_is_not_the_intervention(pipeline):
    text = ("Dexamethasone, often given with ondansetron to limit nausea, did not alter pain scores in a pooled "
            "analysis of 9 trials.")
    assert [(r["intervention"], r["direction"]) for r in records(pipeline, text)] == [("dexamethasone", "no_difference")]


def test_a_past_result_verb_after_an_aside_is_the_subject_s_result(pipeline):
    text = "Semaglutide, a GLP-1 receptor agonist, reduced mortality compared with placebo."
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("semaglutide", "mortality", "decrease")]


def test_a_long_population_is_kept_whole_and_stops_before_the_next_verb(pipeline):
    text = ("In this trial, 412 adults aged 65 years or older undergoing elective coronary artery bypass grafting were "
            "randomly assigned to melatonin or placebo. Delirium occurred in 18% with melatonin and 20% with placebo "
            "(P = 0.71).")
    assert [r["population"] for r in records(pipeline, text)] == [
        "adults aged 65 years or older undergoing elective coronary artery bypass grafting"]
    text = "Patients with gout examined whether colchicine lowers flares; colchicine reduced flares in 120 patients."
    assert all(r["population"] in (None, "Patients with gout") for r in records(pipeline, text))


def test_outcomes_listed_together_take_their_figures_in_turn_where_the_sentence_says_respectively(pipeline):
    text = ("In a trial of 600 adults, stomatitis and neutropenia were less frequent with capecitabine "
            "(2% vs 14% and 2% vs 26%, respectively).")
    found = {r["outcome"]: [v["value"] for v in r["values"]] for r in records(pipeline, text)}
    assert found == {"stomatitis": [2, 14], "neutropenia": [2, 26]}


def test_adding_a_drug_names_the_arm_even_after_another_drug_s_result(pipeline):
    text = ("Aripiprazole improved remission rates compared with placebo in three trials (n = 1,092). By contrast, "
            "adding bupropion to an SSRI did not increase remission in a trial of 1,522 veterans.")
    found = [(r["intervention"], r["direction"]) for r in records(pipeline, text)]
    assert found == [("aripiprazole", "improve"), ("bupropion", "no_difference")]



TRIAL = "We randomized 120 adults with migraine to methanesulfonyl fluoride or placebo. "


@pytest.mark.parametrize("rest, outcomes", [
    ("Pain fell more with methanesulfonyl fluoride than placebo (p = 0.01). The most frequent adverse events were "
     "headache (27%), nausea (11%) and diarrhoea (8%).", {"pain"}),
    ("The most frequent adverse events were headache (27% vs 12%) and nausea (11% vs 4%) with methanesulfonyl "
     "fluoride and placebo.", {"adverse events", "headache", "nausea"}),
])
def test_a_tally_of_the_most_frequent_events_makes_no_record(pipeline, rest, outcomes):
    assert {r["outcome"] for r in records(pipeline, TRIAL + rest)} == outcomes


def test_an_endpoint_named_by_its_role_takes_the_name_of_the_composite_defined_before_it(pipeline):
    text = ("A meta-analysis of four trials with 9,800 patients found that finerenone reduced the composite of "
            "cardiovascular death or hospitalization for heart failure (hazard ratio 0.84) [3]. The reduction in the "
            "primary composite was larger with the higher dose (hazard ratio 0.78) [4].")
    outcomes = [(r["outcome"], [v["value"] for v in r["values"]]) for r in records(pipeline, text)]
    assert outcomes == [("cardiovascular death or heart failure hospitalization", [0.84]),
                        ("cardiovascular death or heart failure hospitalization", [0.78])]


def test_equivalent_gains_of_two_drugs_state_no_difference_between_them(pipeline):
    text = "In a trial of 300 adults, bevacizumab and ranibizumab produced equivalent gains in visual acuity [1]."
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [
        ("bevacizumab", "visual acuity", "no_difference")]
    text = "Galcanezumab and fremanezumab produced similar reductions in monthly migraine days in separate trials [1,2]."
    assert {(r["intervention"], r["direction"]) for r in records(pipeline, text)} == {
        ("galcanezumab", "decrease"), ("fremanezumab", "decrease")}


def test_an_arm_named_by_its_dose_takes_the_name_of_the_product_given_at_that_dose(pipeline):
    text = ("Adults were assigned to high-dose quadrivalent influenza vaccine or standard-dose vaccine in an open-label "
            "randomized trial of 3,000 adults. All-cause death was lower in the high-dose group (0.9% vs. 1.2%), and "
            "injection-site pain was more common with the high-dose vaccine (29.4% vs. 18.1%).")
    found = [(r["intervention"], r["outcome"]) for r in records(pipeline, text)]
    assert found == [("high-dose influenza vaccine", "all-cause mortality"),
                     ("high-dose influenza vaccine", "injection-site pain")]


def test_no_record_is_named_by_a_change_word_alone_or_by_what_a_change_is_put_down_to(pipeline):
    weight = ("We randomly assigned 120 adults with heart failure to tolvaptan plus diuretics or diuretics alone. In the "
              "combination and diuretic groups, the average decrease in body weight from baseline was 3.2 kg "
              "(P < 0.001) and 1.8 kg (P = 0.01), respectively.")
    attributed = ("In a trial of 200 adults, both groups showed improvements in pain scores with exercise, although "
                  "such improvements might be attributable in part to a placebo effect.")
    outcomes = {text: [r["outcome"] for r in records(pipeline, text)] for text in (weight, attributed)}
    assert outcomes[weight] == ["body weight"]
    assert not any("placebo effect" in (name or "") for name in outcomes[attributed])


def test_a_result_of_a_class_named_with_an_example_drug_is_the_class_s(pipeline):
    for text in ("Statins such as atorvastatin reduced the risk of stroke in a trial of 200 patients [2].",
                 "In a trial of 300 adults, anticoagulants, such as apixaban, reduced stroke [1]."):
        assert [r["intervention"] for r in records(pipeline, text)] in (["statins"], ["anticoagulants"])


def test_the_verb_outcome_of_patients_given_a_drug_is_their_result(pipeline):
    # "patients given X <were discharged> earlier": the patients' own verb is what happened, not who they were
    text = "Patients given dexmedetomidine were discharged earlier than those given placebo."
    assert _found(pipeline, text) == {("dexmedetomidine", "discharge", "decrease", False)}
    text = "Patients treated with remdesivir recovered faster than those given placebo."
    assert _found(pipeline, text) == {("remdesivir", "recovery", "improve", False)}
    text = "Patients given amoxicillin relapsed less often than those given placebo."
    assert _found(pipeline, text) == {("amoxicillin", "relapse", "decrease", False)}
    text = "Patients given dapagliflozin were hospitalized less often than those given placebo."
    assert _found(pipeline, text) == {("dapagliflozin", "hospitalization", "decrease", False)}


def test_a_result_with_two_drugs_after_the_outcome_is_each_drugs(pipeline):
    # ANNOTATION.md: a result stated for several drugs at once gives one record per drug
    text = "Vomiting was more frequent with ondansetron and droperidol than with placebo."
    assert _found(pipeline, text) == {("ondansetron", "vomiting", "increase", False),
                                      ("droperidol", "vomiting", "increase", False)}
    # a drug also named as the comparison is in both arms: the result is the added drug's
    text = "Bleeding was more frequent with aspirin and clopidogrel than with aspirin alone."
    assert _found(pipeline, text) == {("clopidogrel", "bleeding", "increase", False)}


def test_a_composite_spelt_out_in_an_aside_takes_the_verb_after_the_aside(pipeline):
    text = ("In a trial of 4000 adults, the primary outcome, a composite of cardiovascular death, myocardial infarction "
            "(MI) or stroke, was reduced with ticagrelor.")
    assert _found(pipeline, text) == {
        ("ticagrelor", "cardiovascular death, myocardial infarction or stroke", "decrease", False)}


@pytest.mark.parametrize("text", [
    # a drug every participant was given is the setting both arms share, not an arm
    "All patients received standard opioid analgesia. Pain scores were lower in the intervention group than in the "
    "control group.",
    # a treatment that spares a drug is not that drug
    "Opioid-sparing analgesia reduced length of stay compared with conventional care.",
    "In this trial, opioid-sparing multimodal analgesia reduced postoperative nausea and vomiting.",
])
def test_a_drug_given_to_all_or_spared_is_no_intervention(pipeline, text):
    assert "opioids" not in {r["intervention"] for r in records(pipeline, text)}


def test_a_drug_all_patients_received_as_one_of_two_arms_is_still_an_arm(pipeline):
    text = "All patients received either ketamine or placebo. Pain was lower with ketamine."
    assert _found(pipeline, text) == {("ketamine", "pain", "decrease", False)}


def test_a_result_with_both_agents_is_each_arm_drugs(pipeline):
    # ANNOTATION.md: a result stated for several drugs at once gives one record per drug
    text = ("In this trial, 300 adults were randomized to ondansetron, metoclopramide or placebo. Nausea was more "
            "common with both agents than with placebo.")
    assert _found(pipeline, text) == {("ondansetron", "nausea", "increase", False),
                                      ("metoclopramide", "nausea", "increase", False)}


def test_an_irregular_past_result_verb_states_a_result(pipeline):
    # "fell" is as past as "lowered": a bare sentence naming its drug reports a result
    text = "Anxiety scores fell more with escitalopram than with placebo."
    assert _found(pipeline, text) == {("escitalopram", "anxiety", "decrease", False)}


def test_an_outcome_whose_own_verb_names_the_drug_after_it_is_that_drugs(pipeline):
    # "..., whereas <anxiety scores> rose with bupropion": not the drug of the clause before "whereas"
    text = ("In this trial, 280 adults were randomized to aripiprazole or bupropion. Akathisia was more frequent with "
            "aripiprazole, whereas anxiety scores rose with bupropion.")
    assert {(r["intervention"], r["outcome"]) for r in records(pipeline, text)} == {
        ("aripiprazole", "akathisia"), ("bupropion", "anxiety")}


def test_a_route_before_the_compared_drug_keeps_it_the_comparator(pipeline):
    text = ("Isotretinoin improved acne severity compared with oral doxycycline and was not associated with "
            "depression.")
    found = {(r["intervention"], r["outcome"], r["comparator"]) for r in records(pipeline, text)}
    assert found == {("isotretinoin", "acne", "doxycycline"), ("isotretinoin", "depression", "doxycycline")}


def test_a_no_treatment_arm_ends_before_the_preposition_after_it(pipeline):
    text = ("Emicizumab reduced the annualised bleeding rate by 87% compared with no prophylaxis in patients with "
            "haemophilia A.")
    assert [r["comparator"] for r in records(pipeline, text)] == ["no prophylaxis"]


def test_a_bracketed_citation_is_not_part_of_the_population(pipeline):
    text = "Emicizumab reduced the annualised bleeding rate by 87% in patients with haemophilia A [9]."
    assert [(r["population"], r["refs"]) for r in records(pipeline, text)] == [("patients with haemophilia A", ["9"])]


@pytest.mark.parametrize("text, expected", [
    ("Secukinumab was superior to etanercept in achieving clinical remission.",
     ("secukinumab", "clinical remission", "improve")),
    ("Secukinumab was superior to etanercept for PASI 90 at week 12 (59% vs 42%).",
     ("secukinumab", "pasi 90", "increase")),
])
def test_superior_to_a_comparator_states_a_result(pipeline, text, expected):
    assert [(r["intervention"], r["outcome"], r["direction"]) for r in records(pipeline, text)] == [expected]


def test_respectively_after_a_combination_pairs_the_figures_with_the_outcomes(pipeline):
    text = "Sulfadoxine-pyrimethamine plus amodiaquine reduced clinical malaria and anaemia by 62% and 35%, respectively."
    found = {(r["intervention"], r["outcome"]): [v["value"] for v in r["values"]] for r in records(pipeline, text)}
    assert found == {("sulfadoxine-pyrimethamine", "clinical malaria"): [62], ("amodiaquine", "clinical malaria"): [62],
                     ("sulfadoxine-pyrimethamine", "anemia"): [35], ("amodiaquine", "anemia"): [35]}


def test_an_amount_given_by_by_belongs_to_the_outcome_before_it(pipeline):
    text = "Amodiaquine reduced clinical malaria by 62% and hospital admission by 35%."
    found = {r["outcome"]: [v["value"] for v in r["values"]] for r in records(pipeline, text)}
    assert found == {"clinical malaria": [62], "hospital admission": [35]}


def test_a_route_before_the_second_of_two_listed_drugs_keeps_them_coordinated(pipeline):
    text = "Oral ivermectin and topical permethrin reduced itch."
    assert [r["intervention"] for r in records(pipeline, text)] == ["ivermectin", "permethrin"]
    text = "Oral ivermectin and topical permethrin achieved similar cure rates (92% and 89%, respectively)."
    assert [r["intervention"] for r in records(pipeline, text)] == ["ivermectin"]
