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
