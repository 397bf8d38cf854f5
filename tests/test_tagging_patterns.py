"""Tagging rules meant for text nobody tuned on: design boundaries, drug classes written as classes,
lab markers that no lexicon lists. Every sentence here is written for the test."""

import pytest

from extractor.normalize import design_of


def ents(pipeline, text):
    doc = pipeline.nlp(text)
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text, span", [
    ("Efficacy was shown in a 24-week randomized trial of 410 adults.", "randomized trial"),
    ("A 3-year double-blind study followed them.", "double-blind study"),
    ("The two drugs were compared in a head-to-head trial.", "head-to-head trial"),
    ("Two parallel-group trials then enrolled adults.", "parallel-group trials"),
    ("Remission was more frequent in a phase 2 study of 90 adults.", "phase 2 study"),
    ("Liver injury was reported in post-marketing surveillance.", "post-marketing surveillance"),
    ("Benefit was confined to men in a subgroup analysis.", "subgroup analysis"),
    ("The largest single randomized trial enrolled 900 children.", "randomized trial"),
])
def test_design_spans(pipeline, text, span):
    assert (span, "STUDY_DESIGN") in ents(pipeline, text)


def test_design_noun_stays_outside_a_modifier_design(pipeline):
    found = ents(pipeline, "Its open-label design may have biased the pain scores.")
    assert ("open-label", "STUDY_DESIGN") in found


@pytest.mark.parametrize("phrase, design", [
    ("phase 3 study", "rct"), ("open-label", "rct"), ("head-to-head trial", "rct"),
    ("open-label cohort", "cohort"), ("post-marketing surveillance", "other"),
])
def test_design_of_trial_descriptions(phrase, design):
    assert design_of(phrase)["design"] == design
