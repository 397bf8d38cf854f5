"""Responder endpoints: a percentage threshold on a change ("a 50% or greater reduction in X") says who
responded; the result's direction comes from comparing the arms, and the threshold is no result value.
Passages written for the tests."""

import pytest

from extractor.records import responder_thresholds


def records(pipeline, text):
    return [r.to_dict() for r in pipeline.extract(text).records]


@pytest.mark.parametrize("words, expected", [
    ("patients with a 50 % or greater reduction in x", [(3, 8)]),
    ("a reduction of at least 75 % in x", [(1, 7)]),
    ("relapse ( ≥ 50 % increase in score )", [(2, 6)]),
    ("participants achieving a 90 % improvement in x", [(3, 6)]),
    ("a 40 % decline in x was reached by 20 % of patients", [(1, 4)]),
])
def test_thresholds_that_define_responders(words, expected):
    assert responder_thresholds(words.split()) == expected


@pytest.mark.parametrize("words", [
    "drug a produced a 50 % reduction in x",
    "statins were associated with a 30 % reduction in mortality",
    "a reduction of 30 % in x",
])
def test_a_stated_change_is_no_threshold(words):
    assert responder_thresholds(words.split()) == []


def test_a_threshold_reached_by_more_patients_is_an_increase(pipeline):
    text = ("In a randomized trial of 512 adults with plaque psoriasis, a 90% improvement in the severity index "
            "was reached by 41.5% of patients on risankizumab versus 2.1% on placebo (P < 0.001).")
    (record,) = records(pipeline, text)
    assert record["intervention"] == "risankizumab"
    assert record["direction"] == "increase"
    assert [v["value"] for v in record["values"] if v["kind"] == "percent"] == [41.5, 2.1]


def test_more_patients_with_a_threshold_reduction_is_an_increase(pipeline):
    text = ("In a double-blind trial of 340 adults with episodic migraine, more patients on eptinezumab than on "
            "placebo had a 50% or greater reduction in headache days (52% vs 37%; P < 0.001).")
    (record,) = records(pipeline, text)
    assert record["intervention"] == "eptinezumab"
    assert record["direction"] == "increase"
    assert [v["value"] for v in record["values"] if v["kind"] == "percent"] == [52, 37]


def test_a_stated_percentage_reduction_stays_a_decrease(pipeline):
    text = ("In a randomized trial of 220 children with focal epilepsy, brivaracetam led to a 35% reduction in "
            "seizure frequency compared with placebo (P = 0.002).")
    (record,) = records(pipeline, text)
    assert record["direction"] == "decrease"
    assert 35 in [v["value"] for v in record["values"]]
