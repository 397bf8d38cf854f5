"""Claims stated in discussion and introduction prose: findings tied to evidence without a numbered citation.

Every sentence here was written for these tests.
"""

import pytest

from extractor.findings import past_result, reported_finding


def keys(pipeline, text):
    return {(r.intervention, r.outcome, r.direction) for r in pipeline.extract(text).records}


# sentence || the record it must give (intervention | outcome | direction); the last three state a past
# result, a finding where a present one may state a general fact
CLAIMS = """
Pioglitazone has been shown to reduce the incidence of stroke in adults with insulin resistance. || pioglitazone | stroke | decrease
Earlier trials found no benefit of hydrocortisone on mortality in septic shock. || hydrocortisone | mortality | no_difference
Several studies have reported that metoprolol reduces atrial fibrillation after cardiac surgery. || metoprolol | atrial fibrillation | decrease
Other investigators did not observe any effect of melatonin on delirium in older inpatients. || melatonin | delirium | no_difference
Famotidine did not improve survival in hospitalized adults (Garcia et al., 2021). || famotidine | survival | no_difference
Nguyen and Patel (2019) reported that enoxaparin reduced thrombosis after knee arthroplasty. || enoxaparin | thrombosis | decrease
In our cohort, we found that clopidogrel increased major bleeding. || clopidogrel | major bleeding | increase
Proton pump inhibitors have been associated with an increased risk of pneumonia. || proton pump inhibitors | pneumonia | increase
Edoxaban was associated with lower rates of major bleeding than warfarin. || edoxaban | major bleeding | decrease
Both verapamil and diltiazem failed to improve survival after myocardial infarction. || verapamil | survival | no_difference
Treatment with baricitinib shortened time to recovery compared with placebo. || baricitinib | time to recovery | improve
The use of methylprednisolone resulted in lower 28-day mortality among ventilated adults. || methylprednisolone | 28-day mortality | decrease
Sacubitril-valsartan reduced the risk of heart failure hospitalization compared with enalapril. || sacubitril/valsartan | heart failure hospitalization | decrease
"""
# The same readings of clause structure: a negated reporting verb, "but not", "neither ... nor".
STRUCTURE = """
Unlike earlier reports, we did not find that tranexamic acid increased the risk of stroke. || tranexamic acid | stroke | no_difference
The addition of obinutuzumab to chemotherapy improved progression-free survival but not overall survival in a phase 3 trial. || obinutuzumab | overall survival | no_difference
The addition of obinutuzumab to chemotherapy improved progression-free survival but not overall survival in a phase 3 trial. || obinutuzumab | progression-free survival | improve
Neither ivermectin nor fluvoxamine reduced hospitalization in outpatients (4). || ivermectin | hospitalization | no_difference
Neither ivermectin nor fluvoxamine reduced hospitalization in outpatients (4). || fluvoxamine | hospitalization | no_difference
Our trial showed that adding baricitinib to standard care did not shorten the time to recovery. || baricitinib | time to recovery | no_difference
Glucocorticoids have been shown to hasten shock reversal in septic shock. || corticosteroids | shock reversal | improve
In our study, patients in the granisetron group had lower pain scores than those in the control group. || granisetron | pain | decrease
Among patients on dabigatran, major bleeding occurred more often than among those on edoxaban (13). || dabigatran | major bleeding | increase
Budesonide and montelukast were ineffective in reducing hospitalization in this population (15). || montelukast | hospitalization | no_difference
Fondaparinux was more effective than enoxaparin in preventing deep vein thrombosis (4). || fondaparinux | deep vein thrombosis | decrease
Candesartan was less effective than amlodipine in lowering blood pressure (5). || candesartan | blood pressure | increase
Earlier cohorts suggested that constraint therapy with memantine may lead to improvements in naming (3). || memantine | naming | improve
"""


def claim_cases(table):
    for line in table.strip().splitlines():
        text, record = line.split(" || ")
        yield text, tuple(record.split(" | "))


@pytest.mark.parametrize("text, expected", list(claim_cases(CLAIMS)) + list(claim_cases(STRUCTURE)))
def test_claim_tied_to_research_makes_a_record(pipeline, text, expected):
    assert expected in keys(pipeline, text)


@pytest.mark.parametrize("text", [
    "Metformin lowers blood glucose and is widely prescribed.",
    "Anticoagulants reduce stroke in atrial fibrillation but increase bleeding.",
    "Beta-blockers are used to reduce heart rate in patients with angina.",
    "Dapagliflozin was developed to lower HbA1c in type 2 diabetes.",
    "Argatroban was stopped when platelet counts decreased below 50,000.",
    "Previous studies have examined whether statins reduce delirium after cardiac surgery.",
    "Several trials asked whether colchicine lowers stroke, with conflicting answers (4).",
    "The trial was designed to test if cilostazol lowers stroke in patients with a transient ischemic attack.",
    "Our trial tested the hypothesis that early vasopressin reduces mortality in septic shock (3).",
    "Further studies are needed to determine if statins reduce delirium after surgery.",
    "In a previous study, granisetron was used to reduce postoperative vomiting in children.",
    "In earlier trials, patients received clopidogrel to lower the risk of stroke (5).",
    "The mechanisms by which statins reduce delirium are not understood, but trial data suggest several pathways.",
    "Earlier studies did not explain how colchicine lowers stroke (6).",
    "We studied 420 adults on metformin, hypothesising that the addition of sitagliptin would lower weight gain (2).",
    "These data support the view that proteinuria lowering with losartan predicts renal benefit [7].",
])
def test_a_general_statement_in_the_present_stays_background(pipeline, text):
    assert keys(pipeline, text) == set()


def test_reported_finding_reads_research_words_and_citations():
    assert reported_finding("a previous study found that".split(), "a previous study found that")
    assert reported_finding("it has been demonstrated that x lowers y".split(), "")
    assert reported_finding("x lowered y".split(), "X lowered Y (Brown 2004).")
    assert not reported_finding("x lowers y in adults".split(), "X lowers Y in adults.")


def test_past_result_needs_a_past_verb_not_an_adjective():
    words = "x was associated with reduced y".split()
    assert past_result(words, {2})
    words = "x is associated with reduced y".split()
    assert not past_result(words, {2, 4})
    words = "x lowered y".split()
    assert past_result(words, {1})


def test_an_aside_between_outcome_and_verb_keeps_the_cue_and_names_no_outcome(pipeline):
    text = ("In a trial of 300 adults, liraglutide lowered body weight (p<0.001) (3). Adverse events, mainly nausea "
            "and vomiting, were more common with liraglutide than with placebo (40% vs. 20%).")
    found = keys(pipeline, text)
    assert ("liraglutide", "adverse events", "increase") in found
    assert not {k for k in found if k[1] in ("nausea", "vomiting", "nausea and vomiting")}


def test_a_drug_and_how_it_was_given_is_the_arm_not_a_measure(pipeline):
    text = ("Daily oral emtricitabine-rilpivirine reduced HIV acquisition by 40% among 2,000 adults in a placebo-controlled "
            "trial (3). Dolutegravir-lamivudine was noninferior for preventing HIV infection in a randomized trial of "
            "5,000 participants [4]. Long-acting injectable lenacapavir given every 6 months was superior to daily "
            "emtricitabine-rilpivirine in a randomized trial of 4,000 participants, lowering HIV incidence by 60% (5).")
    assert ("lenacapavir", "hiv infection", "decrease") in keys(pipeline, text)


def test_a_result_with_its_own_unknown_subject_is_not_carried_to_an_earlier_drug(pipeline):
    text = ("In a randomized trial of 900 adults, cefazolin reduced surgical site infection (4.0% vs. 6.0%; P=0.02) (3). "
            "Chlorhexidine bathing, tested in 1,200 patients, reduced bloodstream infection (5). "
            "Povidine washes lowered pneumonia in a cohort of 400 patients (6).")
    found = keys(pipeline, text)
    assert ("cefazolin", "surgical site infection", "decrease") in found
    assert not {k for k in found if k[1] == "pneumonia"}


def test_the_passage_topic_is_not_carried_back_nor_taken_from_a_comparator(pipeline):
    text = ("Prospective cohorts have related higher fish intake to lower coronary mortality (2). In a randomized "
            "trial of 2,000 adults, icosapent ethyl reduced cardiovascular events (hazard ratio 0.75) (3).")
    assert {k[1] for k in keys(pipeline, text)} == {"cardiovascular events"}
    text = ("Kidney outcomes may depend on fluid choice in critically ill adults. In a cluster-randomized trial of "
            "10,000 patients, buffered solutions reduced major adverse kidney events compared with normal saline "
            "(14.0% vs. 15.0%; P=0.04) (3). Gelatin increased the need for renal-replacement therapy (6).")
    assert keys(pipeline, text) == set()


def test_a_subgroup_description_is_not_an_outcome(pipeline):
    text = ("Terlipressin did not reduce 28-day mortality in a trial of 600 adults (3). In the subgroup with less "
            "severe shock, however, mortality was lower with terlipressin (5).")
    assert not {k for k in keys(pipeline, text) if k[1] == "shock"}


def test_unlike_names_the_comparator(pipeline):
    (record,) = pipeline.extract("Unlike mepivacaine, ropivacaine prolonged the duration of analgesia (7).").records
    assert (record.intervention, record.comparator) == ("ropivacaine", "mepivacaine")


def test_a_study_named_in_capitals_is_not_an_outcome(pipeline):
    text = "A reduction in mortality with tocilizumab was also observed in the RECOVERY trial."
    assert {k[1] for k in keys(pipeline, text)} == {"mortality"}


def test_a_phrase_of_statistics_words_names_no_outcome(pipeline):
    text = ("Daily oral emtricitabine-rilpivirine reduced HIV acquisition by 40% in a placebo-controlled trial of 2,000 "
            "adults (3). Among adherent participants, the estimated relative reduction was 90%.")
    assert {k[1] for k in keys(pipeline, text)} == {"hiv infection"}


def test_superscript_reference_numbers_flattened_into_the_text(pipeline):
    from extractor.components.citations import find_citations

    assert [refs for _, _, refs in find_citations("in older adults.7 However, and in women,8,9 but")] == [["7"], ["8", "9"]]
    assert find_citations("a ratio of 2.5 (n = 12), 95% CI 1.2-3.4, FEV1. Next") == []
    text = ("Nadroparin did not improve survival in hospitalized adults,12,13 and it increased bleeding. "
            "Esmolol reduced heart rate in septic shock.22 However, its effect on mortality is unknown.")
    found = {(r.intervention, r.outcome): (r.direction, r.refs) for r in pipeline.extract(text).records}
    assert found[("nadroparin", "survival")] == ("no_difference", ["12", "13"])
    assert found[("nadroparin", "bleeding")] == ("increase", ["12", "13"])
    assert found[("esmolol", "heart rate")] == ("decrease", ["22"])


def test_a_generic_subject_still_takes_the_drug_of_the_claim_before(pipeline):
    text = ("In a trial of 400 adults, ketorolac reduced pain scores (p=0.01) (3). Pretreatment also lowered "
            "postoperative nausea in that trial (4).")
    assert ("ketorolac", "postoperative nausea", "decrease") in keys(pipeline, text)


def test_a_degree_word_grading_the_evidence_is_no_result(pipeline):
    """ "less clear", "less well supported": how sure the evidence is, not an amount of the outcome."""
    lead = "In a trial of 240 adults, naproxen lowered pain scores (p = 0.01) (4). "
    for tail in ("Its effect on mortality is less clear.", "Longer-term safety is less certain.",
                 "Mortality was less well studied."):
        assert keys(pipeline, lead + tail) == {("naproxen", "pain", "decrease")}
    found = keys(pipeline, "In a trial of 240 adults, naproxen was less well tolerated than placebo, and nausea was "
                           "more frequent with naproxen (4).")
    assert ("naproxen", "nausea", "increase") in found
