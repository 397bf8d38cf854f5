"""Results stated per group ("X occurred in 14% of the A group and 24% of the B group"), outcomes named by an
abbreviation defined in the background, control arms and drug synonyms (abstracts written for the tests)."""

import pytest

from extractor.records import CONTROL_ARMS

TRIAL = ("Background: Cardiac surgery-associated acute kidney injury (CSA-AKI) is common and raises mortality. "
         "Methods: In this double-blind trial, 240 adults undergoing valve surgery were randomized to levosimendan "
         "or placebo. Results: {result}")


def _records(pipeline, text):
    return pipeline.extract(text).records


def _values(record):
    return sorted((v["kind"], v["value"]) for v in record.values)


@pytest.mark.parametrize("result", [
    "CSA-AKI occurred in 14.1% of the levosimendan group and 23.7% of the placebo group "
    "(odds ratio 0.53, 95% CI 0.30-0.94; P = 0.03).",
    "CSA-AKI was diagnosed in 14.1% of the levosimendan group and 23.7% of the placebo group "
    "(odds ratio 0.53, 95% CI 0.30-0.94; P = 0.03).",
    "CSA-AKI rates were 14.1% with levosimendan and 23.7% with placebo (odds ratio 0.53, 95% CI 0.30-0.94; P = 0.03).",
])
def test_an_abbreviated_outcome_defined_in_the_background_names_the_result(pipeline, result):
    records = _records(pipeline, TRIAL.format(result=result))
    found = [r for r in records if "kidney injury" in r.outcome]
    assert len(found) == 1, records
    record = found[0]
    assert record.outcome == "cardiac surgery-associated acute kidney injury"
    assert (record.intervention, record.comparator, record.direction) == ("levosimendan", "placebo", "decrease")
    assert _values(record) == [("or", 0.53), ("p", 0.03), ("percent", 14.1), ("percent", 23.7)]
    odds = next(v for v in record.values if v["kind"] == "or")
    assert (odds["ci_low"], odds["ci_high"]) == (0.3, 0.94)


def test_a_listed_outcome_defined_as_an_abbreviation_keeps_its_listed_name(pipeline):
    text = ("Acute kidney injury (AKI) is frequent after coronary angiography. We randomized 300 adults to "
            "sodium bicarbonate or saline hydration. AKI developed in 6.0% of the bicarbonate group and 12.5% of the "
            "saline group (P = 0.02).")
    extraction = pipeline.extract(text)
    uses = [m for m in extraction.entities if m.text == "AKI"]
    assert uses and all(m.label == "OUTCOME" and m.norm["name"] == "acute kidney injury" for m in uses)
    record = next(r for r in extraction.records if r.outcome == "acute kidney injury")
    assert record.direction == "decrease"


def test_a_disease_abbreviation_that_only_describes_the_patients_is_no_outcome(pipeline):
    text = ("Ulcerative colitis (UC) often starts in young adults. We randomized 120 adults with UC to vedolizumab "
            "or placebo. Clinical remission was observed in 31% of the vedolizumab group and 12% of the placebo "
            "group (P < 0.001).")
    extraction = pipeline.extract(text)
    assert not [m for m in extraction.entities if m.text == "UC" and m.label == "OUTCOME"]
    record = next(r for r in extraction.records if r.outcome == "clinical remission")
    assert (record.intervention, record.comparator, record.direction) == ("vedolizumab", "placebo", "increase")


@pytest.mark.parametrize("text, outcome, direction", [
    # a p threshold ("P < 0.001") is no value, but it makes the pair of percentages a significant result
    ("We assigned 1,150 adults with chronic bronchitis to roflumilast or placebo for one year. At least one "
     "exacerbation occurred in 38% of the roflumilast group and 51% of the placebo group (P < 0.001).",
     "exacerbations", "decrease"),
    # so does a ratio whose interval leaves out 1
    ("A total of 640 women were randomized to cephalexin or placebo after vaginal delivery. Surgical site "
     "infection was observed in 2.9% of the cephalexin group and 6.1% of the placebo group (relative risk 0.48; "
     "95% CI 0.25 to 0.91).", "surgical site infection", "decrease"),
])
def test_a_significant_pair_of_group_percentages_gives_the_direction(pipeline, text, outcome, direction):
    record = next(r for r in _records(pipeline, text) if r.outcome == outcome)
    assert record.direction == direction
    assert record.comparator == "placebo"


def test_the_second_group_of_a_pair_is_the_comparator(pipeline):
    text = ("We randomized 210 adults with bipolar depression to lamotrigine or quetiapine added to lithium. "
            "Treatment-emergent mania (TEM) occurred in 4.7% of the lamotrigine group and 14.3% of the quetiapine "
            "group (P = 0.02).")
    records = _records(pipeline, text)
    assert [(r.intervention, r.comparator, r.outcome, r.direction) for r in records] == [
        ("lamotrigine", "quetiapine", "treatment-emergent mania", "decrease")]


def test_a_control_group_named_with_the_result_is_the_comparator(pipeline):
    text = ("Ventilator-associated pneumonia (VAP) remains frequent in intensive care. We randomly assigned 410 "
            "intubated adults to oral care with chlorhexidine or to saline rinses. VAP developed in 9.8% of the "
            "chlorhexidine group and 17.5% of the control group (relative risk 0.56, 95% CI 0.34 to 0.92; P = 0.02).")
    record = next(r for r in _records(pipeline, text) if r.outcome == "ventilator-associated pneumonia")
    assert (record.intervention, record.comparator, record.direction) == ("chlorhexidine", "control", "decrease")


@pytest.mark.parametrize("arm", ["a waiting list control", "a wait-list control", "the waitlist control"])
def test_a_waiting_list_is_the_control_arm(pipeline, arm):
    text = (f"In a randomized trial, 150 adults with panic disorder were assigned to sertraline or {arm}. "
            f"Remission was observed in 41% of the sertraline group and 12% of the control group (P < 0.001).")
    records = _records(pipeline, text)
    assert [(r.intervention, r.outcome, r.direction) for r in records] == [("sertraline", "remission", "increase")]
    assert "list" in records[0].comparator


@pytest.mark.parametrize("name", ["wait-list control", "the waiting list control group", "waitlist", "a wait list"])
def test_waiting_list_arm_names_are_control_arms(name):
    assert CONTROL_ARMS.match(name)


@pytest.mark.parametrize("written, canonical", [
    ("adrenaline", "epinephrine"), ("epinephrine", "epinephrine"), ("salbutamol", "albuterol"),
    ("albuterol", "albuterol"), ("paracetamol", "acetaminophen"), ("acetaminophen", "acetaminophen"),
    ("levosimendan", "levosimendan"),
])
def test_drug_synonyms_share_one_canonical_name(pipeline, written, canonical):
    extraction = pipeline.extract(f"Infants were randomized to nebulised {written} or saline.")
    drugs = [m for m in extraction.entities if m.label == "DRUG"]
    assert [(m.text, m.norm["name"]) for m in drugs] == [(written, canonical)]


def test_angioedema_keeps_its_spelling(pipeline):
    text = ("We randomly assigned 5,100 adults with hypertension to sacubitril-valsartan or enalapril. Angioedema "
            "occurred in 0.5% of the sacubitril-valsartan group and 0.2% of the enalapril group (P = 0.02); "
            "peripheral oedema was reported by 3.1% and 2.9%.")
    extraction = pipeline.extract(text)
    names = {m.text: m.norm["name"] for m in extraction.entities if m.label == "OUTCOME"}
    assert names["Angioedema"] == "angioedema"
    assert names["peripheral oedema"] == "edema"
    record = next(r for r in extraction.records if r.outcome == "angioedema")
    assert (record.intervention, record.comparator, record.direction) == ("sacubitril/valsartan", "enalapril", "increase")


def test_the_placebo_group_named_only_with_the_result_is_the_comparator(pipeline):
    text = ("In 300 adults undergoing hip replacement, tranexamic acid was compared with an inactive infusion. "
            "Transfusion was needed in 8% of the tranexamic acid group and 21% of the placebo group (P < 0.001).")
    records = _records(pipeline, text)
    assert [(r.intervention, r.comparator, r.outcome, r.direction) for r in records] == [
        ("tranexamic acid", "placebo", "transfusion", "decrease")]


AF_TRIAL = ("Background: Postoperative atrial fibrillation (POAF) follows many cardiac operations. Methods: 380 adults "
                "were randomized to amiodarone or placebo. Results: {result}")


@pytest.mark.parametrize("result", [
    "Patients given amiodarone developed POAF less often than those given placebo (14% vs 26%; P = 0.01).",
    "In the amiodarone group, 14% of patients developed POAF, compared with 26% in the placebo group (P = 0.01).",
    "POAF developed in 14% and 26% of patients in the amiodarone and placebo groups, respectively (P = 0.01).",
])
def test_events_the_patients_of_an_arm_went_on_to_have_are_results(pipeline, result):
    records = _records(pipeline, AF_TRIAL.format(result=result))
    assert [(r.intervention, r.comparator, r.outcome, r.direction) for r in records] == [
        ("amiodarone", "placebo", "postoperative atrial fibrillation", "decrease")]
    assert _values(records[0]) == [("p", 0.01), ("percent", 14), ("percent", 26)]


def test_patients_who_developed_an_event_are_a_description(pipeline):
    text = ("We randomized 380 adults to amiodarone or placebo. Patients who developed atrial fibrillation were "
            "older than the others (P = 0.01).")
    assert not [r for r in _records(pipeline, text) if r.outcome == "atrial fibrillation"]


def test_a_qualified_short_form_is_named_with_its_long_form(pipeline):
    text = ("Background: Clostridioides difficile infection (CDI) often returns after antibiotics. Methods: 320 adults "
            "were randomized to fidaxomicin or vancomycin. Results: CDI occurred again within 8 weeks in few patients. "
            "Recurrent CDI occurred in 13% of the fidaxomicin group and 25% of the vancomycin group (P = 0.002).")
    records = _records(pipeline, text)
    record = next(r for r in records if r.outcome.startswith("recurrent"))
    assert record.outcome == "recurrent clostridioides difficile infection"
    assert (record.intervention, record.comparator, record.direction) == ("fidaxomicin", "vancomycin", "decrease")
