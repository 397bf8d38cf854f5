"""Outcomes no lexicon lists, found by the slot they fill in a result statement (components/outcome_slots.py).

Every sentence here was written for the test.
"""

import pytest

from extractor.components.outcome_slots import slot_name


def outcomes(pipeline, text):
    doc = pipeline.nlp(text)
    return {e.text: e.kb_id_ for e in doc.ents if e.label_ == "OUTCOME"}


@pytest.mark.parametrize("text, span", [
    ("Artesunate accelerated clearance of parasitaemia compared with quinine in 300 children.", "clearance of parasitaemia"),
    ("Melatonin improved daytime alertness in older adults.", "daytime alertness"),
    ("The lozenge gave faster throat relief than placebo.", "throat relief"),
    ("Night splints produced fewer morning heel complaints than insoles.", "morning heel complaints"),
    ("The spray did not shorten the duration of nasal congestion (12).", "duration of nasal congestion"),
    ("There was no improvement in grip strength with the supplement.", "grip strength"),
    ("Acupuncture lowered the incidence of wound dehiscence after surgery.", "wound dehiscence"),
    # the subject of a frequency predicate
    ("The gel eased pain, although skin peeling and itching were common (9).", "skin peeling"),
    ("Jaw osteonecrosis has been reported with long-term use of the drug.", "Jaw osteonecrosis"),
    ("Ankle swelling occurred in 12% of the women given the calcium-channel blocker.", "Ankle swelling"),
    # the subject of a harm predicate, a listed name too
    ("Hyperkalaemia was the main safety concern with the new antagonist.", "Hyperkalaemia"),
    ("Somnolence and dry mouth were the commonest adverse effects.", "Somnolence"),
    ("Somnolence and dry mouth were the commonest adverse effects.", "dry mouth"),
    ("Acne, nausea and raised creatine phosphokinase were more frequent with the inhibitor.", "nausea"),
    ("Constipation has been reported more often with the antibody.", "Constipation"),
    # grades sharing one head make one composite
    ("The drug lowered the composite of life-threatening, major or critical-organ bleeding in the trial.",
     "life-threatening, major or critical-organ bleeding"),
    ("Surgery lowered the composite of fatal, disabling or recurrent stroke (4.1% vs 6.2%).",
     "fatal, disabling or recurrent stroke"),
    # the subject of a burden predicate
    ("Postoperative delirium affects up to 40% of older surgical patients.", "Postoperative delirium"),
    ("Relapse remains the main challenge in the care of alcohol dependence.", "Relapse"),
    # a phrase ends at a comparative or a verb; a process keeps what it restores
    ("The drug relieved nocturnal scalp itching faster than the cream did.", "nocturnal scalp itching"),
    ("The observed reduction in mortality warrants confirmation in a larger trial.", "mortality"),
    ("The antagonist did not accelerate recovery of bowel function after surgery.", "recovery of bowel function"),
    # the subject of a comparison between arms, with or without the size of the change
    ("Drain output was 20% lower with the catheter than with the patch.", "Drain output"),
    ("Nasal stuffiness was similar in both groups given the spray.", "Nasal stuffiness"),
    ("Emergency tracheostomy was needed in 7% and 9% of the children given the two sedatives.", "Emergency tracheostomy"),
    # a subject of "did not differ" / "differed", "admission to <place>" kept whole
    ("Hip stiffness improved, and transfer to intensive care did not differ between the arms.", "transfer to intensive care"),
    ("Hand grip fatigue differed between the two splints.", "Hand grip fatigue"),
    # a time frame between the subject and its verb stays out of the span
    ("Bladder emptying over the first 12 hours was 15% faster with the stimulator.", "Bladder emptying"),
    ("Recovery of bowel sounds within 24 hours occurred in 61% of the chewing-gum group.", "Recovery of bowel sounds"),
    # a hyphenated name opening its sentence
    ("Pre-term labour complicates 4% of the pregnancies studied.", "Pre-term labour"),
    # a harm said to be mild
    ("Injection-site soreness was mostly mild with the booster.", "Injection-site soreness"),
    # a time frame opening a listed name; what a report says it assessed
    ("There were no differences in wound infection or 90-day readmissions with the new dressing.", "90-day readmissions"),
    ("Scalp itching was assessed daily by a blinded nurse.", "Scalp itching"),
])
def test_a_phrase_in_an_outcome_slot_is_an_outcome(pipeline, text, span):
    assert span in outcomes(pipeline, text)


def test_the_subject_of_a_frequency_predicate_is_an_outcome(pipeline):
    found = outcomes(pipeline, "Scalp tingling and metallic taste were more common with the new infusion.")
    assert {"Scalp tingling", "metallic taste"} <= set(found)
    found = outcomes(pipeline, "The drug lowered pain by two points, and scalp tingling was transient.")
    assert "scalp tingling" in found


def test_a_list_joined_by_or_is_one_composite_and_by_and_two_outcomes(pipeline):
    found = outcomes(pipeline, "The cream achieved clear or nearly clear nails in 40% of adults.")
    assert "clear or nearly clear nails" in found
    found = outcomes(pipeline, "Yoga gave no improvement in balance confidence and gait speed.")
    assert {"balance confidence", "gait speed"} <= set(found)


@pytest.mark.parametrize("text", [
    "The surgeon reduced the dose of warfarin before the procedure.",
    "A trial enrolled 200 women at risk of preterm labour.",
    "Higher doses were not tolerated by older patients.",
    "The new regimen improved adherence and simplified dosing.",
    "The authors voiced concern about included trials judged at high risk of bias.",
    "Sirolimus-based regimens did not improve kidney function.",
])
def test_slots_that_hold_no_outcome_phrase_add_none(pipeline, text):
    found = outcomes(pipeline, text)
    assert not {"dose", "warfarin", "preterm labour", "doses", "simplified dosing", "concern", "bias",
                "Sirolimus-based regimens"} & set(found)


def test_a_slot_phrase_never_swallows_a_drug_or_a_listed_outcome(pipeline):
    doc = pipeline.nlp("Heparin reduced mortality and ward bed occupancy in the trial.")
    found = {e.text: e.label_ for e in doc.ents}
    assert found.get("Heparin") == "DRUG" and found.get("mortality") == "OUTCOME"
    assert found.get("ward bed occupancy") == "OUTCOME"


def test_slot_names_drop_severity_and_rate_words():
    assert slot_name(["severe", "scalp", "tingling"]) == "scalp tingling"
    assert slot_name(["fatigue", "scores"]) == "fatigue"
    assert slot_name(["behavioural", "problems"]) == "behavioral problems"
    assert slot_name(["rates"]) == "rates"


def test_what_follows_effect_of_is_the_arm_and_rate_in_the_population(pipeline):
    found = outcomes(pipeline, "We studied the effect of cold water immersion on muscle soreness after running.")
    assert "muscle soreness" in found and "cold water immersion" not in found
    found = outcomes(pipeline, "Response rates in hormone-sensitive tumours were lower with the new agent.")
    assert "hormone-sensitive tumours" not in found


def test_a_slot_phrase_ends_before_an_adverb_or_a_participle(pipeline):
    found = outcomes(pipeline, "The spray reduced nasal itching significantly more than saline.")
    assert "nasal itching" in found
    found = outcomes(pipeline, "The secondary end point was the incidence of night cramps recorded in diaries.")
    assert "night cramps" in found


def test_a_list_ending_in_or_after_a_change_verb_is_one_composite(pipeline):
    found = outcomes(pipeline, "The antibiotic increased nausea, skin flushing or taste disturbance (risk ratio 1.4).")
    assert "nausea, skin flushing or taste disturbance" in found


def test_a_qualifier_before_a_listed_outcome_keeps_the_listed_name(pipeline):
    found = outcomes(pipeline, "Severe skin reactions were reported by 3% of those given the anticonvulsant.")
    assert found.get("Severe skin reactions") == "skin reactions"


def test_a_range_of_grades_stays_in_the_outcome_name(pipeline):
    text = "Clopidogrel plus aspirin reduced moderate or severe bleeding compared with aspirin alone in 5,170 patients."
    assert outcomes(pipeline, text).get("moderate or severe bleeding") == "moderate or severe bleeding"
    records = pipeline.extract(text).records
    assert [(r.intervention, r.outcome) for r in records] == [("clopidogrel", "moderate or severe bleeding")]


def test_a_kind_qualifier_stays_in_the_outcome_name(pipeline):
    found = outcomes(pipeline, "Serious skin reactions were reported by 3% of those given the anticonvulsant.")
    assert found.get("Serious skin reactions") == "serious skin reactions"


def test_time_to_and_need_for_lead_into_the_outcome(pipeline):
    found = outcomes(pipeline, "The sedative shortened time to eye opening and lowered the need for rescue sedation.")
    assert "time to eye opening" in found and "rescue sedation" in found
    found = outcomes(pipeline, "The vaccine lowered the risk of shingles and of nerve pain after the rash.")
    assert "nerve pain" in found


def test_adjectives_sharing_a_head_make_one_phrase_and_a_lone_participle_none(pipeline):
    found = outcomes(pipeline, "The supplement increased eccentric and concentric knee strength in older runners.")
    assert "eccentric and concentric knee strength" in found
    assert "accompanied" not in outcomes(pipeline, "Patients given the infusion clearly improved accompanied by relatives.")
    assert "density" not in outcomes(pipeline, "The tablets gave higher density at the hip than placebo.")


def test_more_change_verbs_open_a_slot_and_a_decline_in_a_measure_is_no_outcome(pipeline):
    found = outcomes(pipeline, "The cream alleviated scalp itch and prolonged remission-free intervals in adults.")
    assert {"scalp itch", "remission-free intervals"} <= set(found)
    assert "decline" not in outcomes(pipeline, "The drug slowed the decline in grip strength over two years.")


def test_a_subject_named_as_a_harm_is_an_outcome(pipeline):
    assert "Tendon rupture" in outcomes(pipeline, "Tendon rupture is a known complication of fluoroquinolone use.")
    found = outcomes(pipeline, "Peripheral neuropathy was the most frequent adverse effect of the proteasome inhibitor.")
    assert "Peripheral neuropathy" in found
    found = outcomes(pipeline, "Transient hypotension is a recognised adverse effect of the infusion.")
    assert "hypotension" in found and "Transient hypotension" not in found


def test_endpoints_a_report_defines_are_outcomes(pipeline):
    found = outcomes(pipeline, "The primary outcome was return of bowel function, defined as tolerance of oral diet "
                               "and passage of stool or flatus. Secondary outcomes were rapid sequence "
                               "intubation, admission to critical care, and serious adverse reactions.")
    assert {"return of bowel function", "tolerance of oral diet", "passage of stool or flatus",
            "rapid sequence intubation", "admission to critical care", "serious adverse reactions"} <= set(found)
    assert any(t.startswith("hand grip strength") for t in outcomes(
        pipeline, "The primary endpoint was change in hand grip strength at 12 weeks."))
    found = outcomes(pipeline, "The primary outcome was cessation of all visible signs of tonic clonic activity.")
    assert "cessation" not in found  # an endpoint cut short at "of"


@pytest.mark.parametrize("text, wrong", [
    ("Baseline characteristics were similar in both groups.", "Baseline characteristics"),
    ("Baseline pain scores were similar in the two arms.", "Baseline pain scores"),
    ("The levels of the first and second samples were lower after the infusion.", "first"),
])
def test_what_is_compared_at_baseline_or_of_a_sample_is_no_outcome(pipeline, text, wrong):
    assert wrong not in outcomes(pipeline, text)


def test_what_a_report_assessed_is_no_outcome_where_it_names_a_domain(pipeline):
    assert outcomes(pipeline, "Safety was assessed at each visit, and the primary objective was measured at week 8.") == {}


def test_a_slot_cut_by_the_end_of_the_text_reads_no_further(pipeline):
    assert outcomes(pipeline, "reduced AL") == {}


def test_a_heading_opened_by_an_effect_noun_names_its_outcomes_after_on(pipeline):
    """Issue 8: "Effects of X on <Y>" names what was measured, even one word or written with capitals; it
    states no result, so it makes no record. Sentences written for the test."""
    text = "Effects of Tai Chi Training on Trunk Endurance and Flexibility in Office Workers"
    doc = pipeline.nlp(text)
    assert {e.text for e in doc.ents if e.label_ == "OUTCOME"} >= {"Trunk Endurance", "Flexibility"}
    assert pipeline.extract(text).records == []
    later = pipeline.nlp("In 80 adults, the balance course had an effect on density.")
    assert [e.text for e in later.ents if e.label_ == "OUTCOME"] == []


def test_superior_in_opens_what_the_arms_were_compared_on(pipeline):
    """Issue 8: "was superior in <X>" compares the arms on X (a sentence written for the test)."""
    doc = pipeline.nlp("In 90 adults, the coaching arm was superior in general adherence (p = 0.01) but not in "
                       "sleep latency.")
    assert "general adherence" in {e.text for e in doc.ents if e.label_ == "OUTCOME"}


@pytest.mark.parametrize("text, span", [
    ("Children given the syrup had a shorter needle insertion time than those given water (P = 0.03).",
     "needle insertion time"),
    ("The nerve block duration was longer with the adjuvant than with saline.", "nerve block duration"),
    ("Procedure time was significantly longer (p < 0.01) with sutures.", "Procedure time"),
    ("The patch gave a longer sensory recovery time than the cream.", "sensory recovery time"),
    # a treatment, a period or a baseline trait before the course head: no outcome
    ("The infusion time was longer with the new pump (p = 0.02).", None),
    ("The follow-up duration was longer with the tablet than with the capsule.", None),
    ("Shorter disease duration was associated with a better response to the gel.", None),
    ("A longer follow-up of the cohort given the tablet is needed.", None),
])
def test_a_course_head_closes_an_outcome_after_a_process_only(pipeline, text, span):
    timed = [s for s in outcomes(pipeline, text) if s.lower().endswith(("time", "duration", "follow-up"))]
    assert timed == ([span] if span else [])
