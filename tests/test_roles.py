"""Sentence roles: structured-abstract headings decide, the trained textcat decides elsewhere."""

from __future__ import annotations

import pytest

from extractor.components.roles import DEFAULT_WEIGHTS, ROLES, find_headings, sections, sentence_role

needs_weights = pytest.mark.skipif(not (DEFAULT_WEIGHTS / "config.cfg").exists(), reason="no trained role model")


def roles_of(text: str) -> list[tuple[str | None, str]]:
    return [(role, text[start:end].strip()) for start, end, role in sections(text)]


def test_colon_headings_in_title_case_start_sections():
    text = ("Purpose: To compare two analgesic regimens. Methods: Sixty adults were randomized. "
            "Results: Pain was lower with regimen A (p = 0.03). Conclusion: Regimen A is preferable.")
    assert [role for role, _ in roles_of(text)] == ["objective", "methods", "results", "conclusions"]
    assert roles_of(text)[2][1] == "Pain was lower with regimen A (p = 0.03)."


def test_running_in_capitals_after_a_title_start_a_section_mid_sentence():
    text = ("Zinc for reflux symptoms BACKGROUND Reflux is common in adults. METHODS Ninety patients were "
            "randomized. RESULTS Symptom scores fell more with zinc. CONCLUSIONS Zinc may help.")
    found = roles_of(text)
    assert found[0] == (None, "Zinc for reflux symptoms")
    assert [role for role, _ in found[1:]] == ["background", "methods", "results", "conclusions"]


def test_multiword_headings_and_dash_separators():
    text = ("Peptide infusion in men OBJECTIVE—To test whether the peptide raises lipid oxidation. "
            "RESEARCH DESIGN AND METHODS—Twelve men received the infusion. RESULTS—Oxidation rose.")
    assert [role for role, _ in roles_of(text)] == [None, "objective", "methods", "results"]


def test_registration_heading_ends_the_section_without_a_role():
    text = "Methods: We enrolled 20 adults. Results: Weight fell. Trial registration: ISRCTN000000."
    assert [role for role, _ in roles_of(text)] == ["methods", "results", None]


def test_capital_words_outside_a_structured_abstract_are_not_headings():
    assert find_headings("The AIMS score fell from 12 to 8 after treatment. Results were similar.") == []
    assert find_headings("The results of the trial were reported in 2019.") == []


@pytest.fixture(scope="module")
def nlp():
    from extractor.pipeline import build_nlp

    return build_nlp(rules_only=False)


@needs_weights
def test_heading_inside_a_sentence_starts_a_new_sentence_with_that_role(nlp):
    doc = nlp("A trial of zinc in reflux disease METHODS Ninety adults were randomized to zinc or placebo "
              "RESULTS Symptom scores fell more with zinc (p = 0.02).")
    sentences = list(doc.sents)
    assert [s.text.split()[0] for s in sentences][-2:] == ["METHODS", "RESULTS"]
    assert [s._.role for s in sentences][-2:] == ["methods", "results"]


@needs_weights
def test_every_sentence_has_a_role_from_the_doc_dict(nlp):
    doc = nlp("Heart failure is a common cause of admission. Adults were randomized to drug A or placebo. "
              "Readmission was lower with drug A (18% vs 25%, p = 0.01). Drug A should be considered.")
    sentences = list(doc.sents)
    assert len(sentences) == 4
    assert set(doc._.sentence_roles) == {s.start for s in sentences}
    for sent in sentences:
        assert sent._.role in ROLES
        assert sent._.role == sentence_role(sent) == doc._.sentence_roles[sent.start]


@needs_weights
def test_learned_roles_for_an_aim_a_hypothesis_and_a_result(nlp):
    doc = nlp("The aim of this study was to assess whether early mobilisation shortens hospital stay. "
              "We hypothesised that the nerve block would reduce opioid use after surgery. "
              "Opioid use was significantly lower in the block group (12 mg vs 20 mg, p = 0.002).")
    assert [s._.role for s in doc.sents] == ["objective", "objective", "results"]


@needs_weights
def test_a_lone_heading_leaves_the_later_sentences_to_the_model(nlp):
    # one "OBJECTIVE:" heading before the whole abstract (its other headings lost): the result sentence
    # is still a result, not part of the objective
    doc = nlp("Oral zinc for cold sores in adults OBJECTIVE: To assess whether oral zinc shortens cold sore "
              "episodes. Eighty adults were randomized to zinc or placebo for ten days. "
              "Healing time was significantly shorter with zinc than with placebo (4.1 vs 6.3 days, p = 0.003).")
    sentences = list(doc.sents)
    assert sentences[-1]._.role == "results"
    assert sentences[-2]._.role != "objective"


@needs_weights
def test_a_lone_heading_does_not_hide_the_abstracts_results(nlp):
    from extractor.records import build_records

    doc = nlp("Oral zinc for cold sores in adults OBJECTIVE: To assess whether oral zinc shortens cold sore "
              "episodes. Eighty adults were randomized to zinc or placebo for ten days. "
              "Healing time was significantly shorter with zinc than with placebo (4.1 vs 6.3 days, p = 0.003).")
    records = build_records(doc)
    assert [(r.intervention, r.outcome, r.direction) for r in records] == [("zinc", "healing time", "decrease")]


def test_role_defaults_to_results_without_the_component():
    from extractor.pipeline import build_nlp

    doc = build_nlp(rules_only=True)("Mortality fell. Patients were randomized.")
    assert [sentence_role(s) for s in doc.sents] == ["results", "results"]


def test_phrases_grouped_by_first_letter_match_as_the_plain_alternation():
    import re

    from extractor.components.roles import _by_first_letter, _phrase_pattern

    phrases = ["conclusions and relevance", "conclusions", "context", "methods", "main outcome", "aim"]
    grouped = re.compile(f"(?:{_by_first_letter(phrases)})", re.I)
    plain = re.compile("|".join(_phrase_pattern(p) for p in phrases), re.I)
    text = "CONCLUSIONS AND  RELEVANCE: x. Context: y. Main Outcome z. Conclusions, aims, methods."
    assert [m.group(0) for m in grouped.finditer(text)] == [m.group(0) for m in plain.finditer(text)]


def test_letters_that_only_fold_to_a_heading_are_not_headings():
    """'ſ' (long s) and dotted capitals match the headings case-insensitively but lower-case to other
    letters; the scan used to fail with a KeyError on them, which stopped the whole extraction."""
    assert find_headings("Reſults: the drug lowered pain.") == []
    text = "İNTRODUCTION: x. Results: y"
    assert [text[h.start:h.end].strip() for h in find_headings(text)] == ["Results:"]


def test_states_objective_agrees_with_the_cues():
    """The literal check before the cue search never hides a match (sentences written for this test)."""
    from extractor.components.roles import objective_cues, states_objective

    sentences = ["We hypothesized that early dosing would help.", "The aim of this study was to compare two doses.",
                 "This trial was designed to test a new drug.", "Our pilot study sought to measure uptake.",
                 "We set out to find the dose.", "Patients were randomised to two arms.", "The goals were modest.",
                 "Pain fell by 20%.", "WE POSTULATED A LINK", "Hypotheſized that it works", "To test the hypothesis, we ran it."]
    for sentence in sentences:
        assert states_objective(sentence) == (objective_cues().search(sentence) is not None), sentence


def test_lower_cased_scan_matches_the_case_folding_scan():
    """An ASCII text is scanned lower-cased without case folding: the same matches at the same offsets."""
    from extractor.components.roles import _heading_pattern

    text = ("OBJECTIVE: To test x. METHODS We enrolled 40 adults. Results. Pain fell - RESULTS - again; "
            "conclusions: drug-results/methods. Background — none. DESIGN, SETTING, AND PARTICIPANTS: a trial.")
    folded = [m.span() + m.span("sep") for m in _heading_pattern().finditer(text)]
    lowered = [m.span() + m.span("sep") for m in _heading_pattern(True).finditer(text.lower())]
    assert folded == lowered and len(folded) >= 5
