"""Lists of outcomes that share one verb: every name in the list is tagged, with its qualifier, and each takes
the list's direction. Passages written for the tests."""

import pytest


def test_qualified_names_later_in_a_list_are_tagged(pipeline):
    text = ("In a randomized trial of 380 adults, major bleeding, fatal bleeding, severe exacerbations and "
            "symptomatic hypotension were more frequent with baricitinib than with placebo (P = 0.01).")
    outcomes = [m.text for m in pipeline.extract(text).entities if m.label == "OUTCOME"]
    assert outcomes == ["major bleeding", "fatal bleeding", "severe exacerbations", "symptomatic hypotension"]


def test_every_name_of_a_subject_list_takes_the_verb_after_the_list(pipeline):
    text = ("In a randomized trial of 380 adults, serious infections, acute kidney injury and grade 3 "
            "neutropenia were more frequent with baricitinib than with placebo (P = 0.01).")
    records = pipeline.extract(text).records
    assert {r.outcome: r.direction for r in records} == {
        "serious infections": "increase", "acute kidney injury": "increase", "neutropenia": "increase"}


def test_a_list_name_with_its_own_verb_keeps_it(pipeline):
    text = ("In a randomized trial of 380 adults, mortality was reduced, and dyspnoea and fatigue were more "
            "frequent with ivabradine than with placebo (P = 0.02).")
    directions = {r.outcome: r.direction for r in pipeline.extract(text).records}
    assert directions.get("mortality") == "decrease"


@pytest.mark.parametrize("text, names", [
    ("In 400 patients given carvedilol, adverse events, most commonly fatigue and hypotension, were reported in "
     "14% and 11% of patients.", {"fatigue", "hypotension"}),
    ("Gastrointestinal adverse events, chiefly nausea and diarrhoea, were the most common effects of semaglutide.",
     {"nausea", "diarrhea"}),
    ("Bradycardia and hypotension were, however, more frequent with dexmedetomidine in 300 patients.",
     {"bradycardia", "hypotension"}),
])
def test_lists_after_a_harm_noun_and_subjects_before_an_aside_are_outcomes(pipeline, text, names):
    found = {m.norm["name"] for m in pipeline.extract(text).entities if m.label == "OUTCOME"}
    assert names <= found


def test_a_composite_with_vascular_death_is_one_outcome(pipeline):
    text = "Clopidogrel reduced the composite of stroke, myocardial infarction or vascular death (8.0% vs. 10.6%)."
    assert [m.text for m in pipeline.extract(text).entities if m.label == "OUTCOME"] == [
        "stroke, myocardial infarction or vascular death"]


def test_a_name_listed_before_an_outcome_that_takes_in_its_qualifiers_joins_it(pipeline):
    text = "In 300 adults, hypoglycemia and genital mycotic infection were lower with ertugliflozin than with glimepiride."
    outcomes = [m.text for m in pipeline.extract(text).entities if m.label == "OUTCOME"]
    assert outcomes == ["hypoglycemia", "genital mycotic infection"]
