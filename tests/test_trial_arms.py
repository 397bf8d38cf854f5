"""Trial abstracts whose arm is a product no lexicon lists, whose drug is the thing measured, or whose
results restate a pair or compare the groups at baseline (texts written for the tests)."""

import pytest

from extractor.arm_names import is_arm_name, product_names
from extractor.record_filters import drop_baseline_comparisons, one_per_pair
from extractor.schema import EvidenceRecord

NO_CODES = frozenset({"SF", "HER"})


def _names(text, taken=()):
    return [text[s:e] for s, e in product_names(text, list(taken), NO_CODES)]


def test_a_brand_marked_product_is_a_candidate_arm():
    assert _names("Children were treated with Dentiflex® gel or with a drill.") == ["Dentiflex"]


def test_a_code_name_named_twice_is_a_candidate_arm():
    text = "QX 71-204 was given daily. Pain fell with QX 71-204 (p = 0.01)."
    assert _names(text) == ["QX 71-204", "QX 71-204"]


@pytest.mark.parametrize("text", [
    "Pain fell with QX 71-204 (p = 0.01).",  # named once
    "SF-36 scores rose. SF-36 was given at each visit.",  # a questionnaire
    "Results of the ABC 4410 trial were analysed. ABC 4410 enrolled 300 women.",  # a study
    "Laxity was measured with a ZQ-500 device. ZQ-500 results did not differ.",  # a measuring device
])
def test_codes_named_once_or_naming_measures_or_studies_are_no_arm(text):
    assert _names(text) == []


@pytest.mark.parametrize("text", [
    "Serum levels of KRB7 rose. KRB7 did not differ between the arms.",  # "levels of <code>"
    "KRB7 activity fell with the drug. KRB7 was measured weekly.",  # "<code> activity"
])
def test_codes_named_as_what_was_measured_are_no_arm(text):
    assert _names(text) == []


def test_the_abbreviation_of_a_measured_mention_is_no_arm():
    text = "Venous oxygen saturation (XvO2) was recorded. XvO2 fell with the drug."
    start = text.index("oxygen saturation")
    assert _names(text) == ["XvO2", "XvO2"]
    assert [text[s:e] for s, e in product_names(text, [], NO_CODES, [(start, start + 17)])] == []


def test_a_code_inside_a_tagged_mention_is_no_arm():
    text = "Mean QRS-12 scores fell. QRS-12 was lower with the drug."
    start = text.index("QRS-12 scores")
    assert _names(text, [(start, start + len("QRS-12 scores"))]) == []


def test_a_product_named_by_code_becomes_the_intervention(pipeline):
    text = ("QX 71-204 for chronic cough: a randomised placebo-controlled trial. "
            "Sixty adults with chronic cough received QX 71-204 or placebo for 8 weeks. "
            "Cough frequency was lower with QX 71-204 than with placebo (p = 0.02). "
            "Quality of life did not differ between the groups (p = 0.45).")
    interventions = {r.intervention for r in pipeline.extract(text).records}
    assert interventions == {"qx 71-204"}


def test_a_hormone_the_trial_measures_is_not_its_intervention(pipeline):
    text = ("Melatonin after one night without sleep in healthy men. "
            "Sixteen men spent one night awake and one night asleep in random order. "
            "Concentrations of melatonin were higher after the night awake (p = 0.01). "
            "Plasma melatonin concentrations did not differ in the morning (p = 0.40). "
            "Hunger was greater after the night awake (p = 0.02). "
            "Melatonin may explain the change in appetite.")
    assert "melatonin" not in {r.intervention for r in pipeline.extract(text).records}


def test_a_drug_named_as_an_arm_more_often_than_measured_stays_an_arm(pipeline):
    text = ("Melatonin for sleep after surgery: a randomised trial of 80 adults. "
            "Adults received melatonin or placebo each night. "
            "Sleep quality was better with melatonin than with placebo (p = 0.01). "
            "Plasma melatonin concentrations were higher with melatonin (p < 0.001). "
            "Melatonin reduced delirium compared with placebo (p = 0.03).")
    assert "melatonin" in {r.intervention for r in pipeline.extract(text).records}


def _record(direction, start, end, outcome="pain"):
    return EvidenceRecord(intervention="naproxen", outcome=outcome, direction=direction, cohort_size=80,
                          evidence=[(start, end)])


def test_a_no_difference_at_baseline_is_no_result():
    text = "Pain scores were similar at baseline. Pain scores were lower with naproxen at week 6 (p = 0.01)."
    first, second = text.index("Pain"), text.index("Pain", 5)
    records = [_record("no_difference", first, second - 1), _record("decrease", second, len(text))]
    assert drop_baseline_comparisons(records, text) == records[1:]


def test_a_change_from_baseline_is_still_a_result():
    text = "The change in pain from baseline did not differ between the groups (p = 0.40)."
    records = [_record("no_difference", 0, len(text))]
    assert drop_baseline_comparisons(records, text) == records


def test_the_last_statement_of_a_pair_is_kept():
    within, between = _record("decrease", 0, 10), _record("no_difference", 20, 30)
    other = _record("increase", 40, 50, outcome="sleep quality")
    assert one_per_pair([within, other, between]) == [other, between]


def test_pairs_of_different_studies_are_all_kept():
    first, second = _record("decrease", 0, 10), _record("no_difference", 20, 30)
    second.cohort_size = 400
    assert one_per_pair([first, second]) == [first, second]


def test_an_earlier_comparison_of_the_groups_is_kept_beside_a_later_one():
    text = ("More patients had pain relief with naproxen than with placebo (p = 0.01). "
            "Time to pain relief was shorter with naproxen than with placebo (p = 0.02).")
    cut = text.index("Time")
    first, second = _record("increase", 0, cut - 1), _record("decrease", cut, len(text))
    assert one_per_pair([first, second], text) == [first, second]


def test_an_earlier_change_within_the_groups_gives_way_to_the_comparison():
    text = ("Pain fell in both groups (p < 0.001). "
            "Pain did not differ between the naproxen and placebo groups at week 6 (p = 0.40).")
    cut = text.index("Pain did")
    within, between = _record("decrease", 0, cut - 1), _record("no_difference", cut, len(text))
    assert one_per_pair([within, between], text) == [between]


@pytest.mark.parametrize("sentence", ["No wound infection occurred in either group.",
                                      "There were no wound infections observed in any of the groups."])
def test_no_event_in_any_group_states_no_difference(pipeline, sentence):
    text = ("In a randomised trial of 90 adults, naproxen reduced pain compared with placebo (p = 0.01). "
            + sentence)
    found = {(r.intervention, r.outcome.rstrip("s"), r.direction) for r in pipeline.extract(text).records}
    assert ("naproxen", "wound infection", "no_difference") in found


def test_no_event_in_one_patient_is_no_group_result(pipeline):
    text = ("In a randomised trial of 90 adults, naproxen reduced pain compared with placebo (p = 0.01). "
            "No wound infection was seen after the first week.")
    outcomes = {r.outcome for r in pipeline.extract(text).records}
    assert outcomes == {"pain"}


@pytest.mark.parametrize("name", ["combination therapy", "low dose", "surgical", "the active drug group",
                                  "non-surgical management", "non-pharmacological care"])
def test_phrases_naming_no_particular_treatment_are_no_arm_names(name):
    assert not is_arm_name(name)


@pytest.mark.parametrize("name", ["but only", "and compared", "retrospective", "stratified randomisation", "pooled",
                                  "single", "laminated", "community nurses", "eligible beneficiaries",
                                  "twelve kindergartens schools"])
def test_design_words_fragments_and_people_are_no_arm_names(name):
    assert not is_arm_name(name)


@pytest.mark.parametrize("name", ["flaxseed", "nurse-led follow-up", "single-dose oral iron", "tailored leaflets"])
def test_treatments_near_those_words_stay_arm_names(name):
    assert is_arm_name(name)


@pytest.mark.parametrize("name", ["double dose", "hydrotherapy", "combined spinal-epidural", "surgical stapling"])
def test_named_treatments_stay_arm_names(name):
    assert is_arm_name(name)


def test_the_treatment_a_title_names_a_trial_of_is_the_arm(pipeline):
    text = ("A trial of early mobilisation after hip fracture in older adults. "
            "Delirium was less frequent in the first week (12% vs 20%, p = 0.03).")
    found = {(r.intervention, r.outcome) for r in pipeline.extract(text).records}
    assert found == {("early mobilisation", "delirium")}


def test_a_trial_of_its_participants_names_no_arm(pipeline):
    from extractor.records import treatment_arms

    doc = pipeline.nlp("In a randomised trial of 120 women with migraine, headache days were fewer (p = 0.01).")
    assert treatment_arms(doc) == []


def test_an_arm_phrase_inside_a_measured_mention_is_no_arm(pipeline):
    from extractor.components.result_phrases import RESULT_PHRASES_KEY
    from extractor.records import treatment_arms

    doc = pipeline.nlp("Changes in dominant groups of the gut flora did not differ between the groups.")
    assert [s.text for s in doc.spans[RESULT_PHRASES_KEY] if s.label_ == "INTERVENTION"] == ["dominant"]
    assert [e.label_ for e in doc.ents if e.text.startswith("dominant")] == ["OUTCOME"]
    assert treatment_arms(doc) == []


def test_what_participants_consumed_is_the_arm(pipeline):
    text = ("Forty adults were randomised to capsules or placebo for 12 weeks. "
            "Adults consuming velora leaf powder had lower fasting glucose than those given placebo (p = 0.02).")
    assert {r.intervention for r in pipeline.extract(text).records} == {"velora leaf powder"}


def test_a_wordier_name_of_the_same_result_is_dropped():
    from extractor.record_filters import drop_wordier_outcomes

    short = _record("decrease", 0, 10, outcome="malaria")
    wordy = _record("decrease", 0, 10, outcome="clinical malaria")
    other_direction = _record("increase", 20, 30, outcome="severe malaria")
    assert drop_wordier_outcomes([wordy, short, other_direction]) == [short, other_direction]


def test_an_arm_and_its_abbreviation_are_one_candidate_named_as_the_results_write_it(pipeline):
    from extractor.records import arm_candidates, measured_phrases

    text = ("Guided breathing retraining (GBR) for adults with asthma: a randomised trial. "
            "Ninety adults were randomised to guided breathing retraining or usual care for 12 weeks. "
            "Asthma control scores were better in the GBR group than with usual care (p = 0.01). "
            "Exacerbations were fewer with GBR than with usual care (p = 0.04).")
    doc = pipeline.nlp(text)
    candidates = [(c.name, [s.text for s in c.spans]) for c in arm_candidates(doc, measured_phrases(doc))]
    assert candidates == [("guided breathing retraining", ["guided breathing retraining", "GBR"])]
    assert {r.intervention for r in pipeline.extract(text).records} == {"gbr"}


def test_a_lower_case_word_spelled_like_an_abbreviation_keeps_its_name(pipeline):
    from extractor.records import arm_name, treatment_arms

    doc = pipeline.nlp("Sleep hygiene education (SHE) was the control. "
                       "Pain was lower after she received the warm pack (p = 0.01).")
    assert all("sleep hygiene" not in arm_name(span) for span in treatment_arms(doc)
               if "she" in span.text.split())


def test_an_arm_named_after_the_drug_that_induces_it_is_the_drug(pipeline):
    text = ("Effect of ketamine-induced preconditioning in knee surgery. Sixty adults were randomized to "
            "ketamine-induced preconditioning or to a control group. Ketamine (0.2 mg/kg) was injected before the "
            "tourniquet was inflated. Ketamine-induced preconditioning reduced postoperative troponin release "
            "compared with the control group (p < 0.01).")
    assert {r.intervention for r in pipeline.extract(text).records} == {"ketamine"}


@pytest.mark.parametrize("arm, expected", [
    ("ketamine-induced preconditioning", "ketamine"),
    ("ketamine-enriched diet", "ketamine"),
    ("ketamine-free anaesthesia", None),  # without the drug: no arm of it
    ("ketamine therapy", "ketamine"),
    ("low-dose ketamine therapy", "ketamine"),
    ("early ketamine", None),
    ("ketamine and hypnosis", None),  # a word that names a treatment of its own
    ("ketamine", None),  # the drug itself: nothing to rename
])
def test_drug_named_in_an_arm_name(arm, expected):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from extractor.records import drug_named_in

    doc = Doc(Vocab(), words=["ketamine", "was", "given"])
    drug = doc[0:1]
    norms = type("Norms", (), {"name": staticmethod(lambda span: span.text.lower())})()
    assert drug_named_in(arm, [drug], norms) == expected


def test_an_arm_abbreviated_from_a_drug_and_words_of_no_treatment_is_the_drug(pipeline):
    text = ("Low-dose prednisolone therapy (LPT) in adults with sepsis: a pilot randomized trial. Sixty adults were "
            "randomized to LPT or placebo. Prednisolone was given for 7 days. Serum lactate levels decreased in the "
            "LPT group compared with the placebo group (p = 0.01).")
    assert [r.intervention for r in pipeline.extract(text).records] == ["prednisolone"]


@pytest.mark.parametrize("text", [
    "Scores were 12.1 (SD 5,75) with coaching and 10.4 (SD 5,14) with leaflets; at one year 11.0 (SD 5,75).",
    "TAG-64 and TAG-58 were higher with the new protocol. TAG-64 correlated with the pregnancy rate.",
])
def test_statistics_and_lipid_species_written_like_codes_are_no_arm(text):
    from extractor.records import NOT_PRODUCT_CODES

    assert [text[s:e] for s, e in product_names(text, [], NOT_PRODUCT_CODES)] == []


def test_an_arm_written_as_qualifiers_before_a_defined_abbreviation_is_named_by_the_abbreviation(pipeline):
    text = ("Cognitive relaxation training (CRT) may help anxious children. Children with anxiety were randomised to "
            "brief parent-led CRT or to a waiting list. Anxiety scores were lower after brief parent-led CRT than "
            "after the waiting list (p = 0.01).")
    assert [r.intervention for r in pipeline.extract(text).records] == ["crt"]
