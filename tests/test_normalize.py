import pytest

from extractor.normalize import (
    Value, american_spelling, cohort_value, design_of, lookup_key, outcome_name_form, parse_number, parse_value,
    words_to_number,
)


@pytest.mark.parametrize("text, expected", [
    ("2,773", 2773), ("449", 449), ("1.5", 1.5), ("two hundred", 200), ("twenty-five", 25),
    ("one thousand two hundred and four", 1204), ("~20", 20), ("about 3", 3), ("12 508", 12508), ("n/a", None),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_parse_number_keeps_integers_integral():
    assert isinstance(parse_number("2,773"), int)
    assert isinstance(parse_number("29.1"), float)


@pytest.mark.parametrize("text, expected", [
    ("~20%", Value(20, "%", True)), ("29.1%", Value(29.1, "%", False)), ("0.64", Value(0.64, None, False)),
    ("approximately 9%", Value(9, "%", True)),
])
def test_parse_value(text, expected):
    assert parse_value(text) == expected


def test_parse_value_rejects_words():
    assert parse_value("mortality") is None


@pytest.mark.parametrize("text, expected", [
    ("2,773 patients", 2773), ("n = 120", 120), ("99", 99), ("two hundred patients", 200), ("1,548 surgical patients", 1548),
    ("n=620", 620), ("N=1,204", 1204), ("Seventeen consecutive patients", 17), ("Twenty-four patients", 24),
    ("One hundred and twelve adults", 112), ("forty-two hundred patients", 4200), ("and patients", None),
])
def test_cohort_value(text, expected):
    assert cohort_value(text) == expected


def test_words_to_number_rejects_other_words():
    assert words_to_number("several") is None


def test_lookup_key_folds_accents():
    assert lookup_key("Sjögren syndrome") == lookup_key("Sjogren syndrome") == "sjogren syndrome"


def test_lookup_key_folds_case_hyphens_and_spelling():
    assert lookup_key("Low-molecular-weight heparin") == lookup_key("low molecular weight heparin")
    assert lookup_key("Intracranial Haemorrhage") == "intracranial hemorrhage"
    assert lookup_key("CRP", lowercase=False) == "CRP"


def test_lookup_key_spells_out_greek_letters():
    assert lookup_key("interleukin-1β") == lookup_key("Interleukin-1 beta") == "interleukin 1 beta"
    assert lookup_key("TNFα") == lookup_key("TNF-alpha") == "tnf alpha"
    assert lookup_key("IFN-γ", lowercase=False) == "IFN gamma"
    assert lookup_key("5 μg") == "5 μg"  # mu writes a unit, not a name


def test_american_spelling():
    assert american_spelling("Hypoglycaemia") == "hypoglycemia"
    assert american_spelling("tumour") == "tumor"
    assert american_spelling("Ischaemic attacks") == "ischemic attacks"
    assert american_spelling("anaemic patients") == "anemic patients"
    assert american_spelling("caesarean section") == "cesarean section"
    assert american_spelling("risky behaviours") == "risky behaviors"
    assert american_spelling("Neutralising antibody titres") == "neutralizing antibody titers"
    assert american_spelling("Peripheral oedema and lymphoedema") == "peripheral edema and lymphedema"
    assert american_spelling("Angioedema") == "angioedema"  # spelt so on both sides of the Atlantic


@pytest.mark.parametrize("phrase, design", [
    ("randomized controlled trial", "rct"), ("double-blind, placebo-controlled trial", "rct"),
    ("retrospective cohort study", "cohort"), ("meta-analysis", "meta_analysis"), ("Cochrane review", "systematic_review"),
    ("population-based case-control study", "case_control"), ("case series", "case_series"), ("preprint", "preprint"),
    ("did not include a control group", "uncontrolled"), ("post hoc analysis", "other"), ("cross-sectional survey", "cross_sectional"),
])
def test_design_of(phrase, design):
    assert design_of(phrase)["design"] == design


def test_design_of_says_retrospective_only_where_stated():
    assert design_of("retrospective report") == {"design": "cohort", "retrospective": True}
    assert design_of("prospective cohort") == {"design": "cohort", "retrospective": False}
    assert "retrospective" not in design_of("randomized trial")


def test_outcome_phrase_name_drops_the_endpoint_role():
    from extractor.normalize import outcome_phrase_name

    assert outcome_phrase_name("primary composite of death or dialysis") == "death or dialysis"
    assert outcome_phrase_name("secondary end point of pain relief") == "pain relief"
    assert outcome_phrase_name("rate of clinical pregnancy") == "rate of clinical pregnancy"


def test_spelling_gate_leaves_the_substitutions_as_they_were():
    from extractor.normalize import _SPELLING, _fold_spelling

    def sequential(text):
        for pattern, repl in _SPELLING:
            text = pattern.sub(repl, text)
        return text

    for text in ["haemorrhage", "anaemia", "oedema", "diarrhoea", "tumour", "centre", "randomisation",
                 "randomised", "analysing", "this", "oestrogen", "paediatric", "gynaecology", "anaesthesia",
                 "oesophagitis", "fibre", "litre", "haemolysed", "paedoedema", "angioedema", "is ised", "heart failure", ""]:
        assert _fold_spelling(text) == sequential(text)


def test_time_frame_digits():
    from extractor.normalize import time_frame_digits
    assert time_frame_digits("six-minute walk distance") == "6-minute walk distance"
    assert time_frame_digits("twenty-four-hour urine output") == "24-hour urine output"
    assert time_frame_digits("one or two falls") == "one or two falls"
    assert time_frame_digits("30-day readmission") == "30-day readmission"


@pytest.mark.parametrize("name, expected", [
    ("hospitalization for pneumonia or influenza", "pneumonia or influenza hospitalization"),
    ("hospitalizations for heart failure", "heart failure hospitalization"),
    ("admission to the intensive care unit", "intensive care unit admission"),
    ("guillain\u2013barr\u00e9 syndrome", "guillain-barre syndrome"),
    ("hospitalization for any cause", "hospitalization for any cause"),  # all-cause naming is the outcome rules' job
    ("admission to hospital for sepsis", "admission to hospital for sepsis"),  # two causes: left as written
    ("readmission within 30 days", "readmission within 30 days"),
])
def test_outcome_name_form(name, expected):
    assert outcome_name_form(name) == expected


def test_care_event_named_after_its_cause_on_a_record(pipeline):
    text = ("In this randomized trial of 640 adults, hospitalisation for pneumonia occurred in 4.1% of the roflumilast "
            "group and 8.3% of the placebo group (p = 0.01).")
    records = pipeline.extract(text).records
    assert [(r.intervention, r.outcome, r.direction) for r in records] == [
        ("roflumilast", "pneumonia hospitalization", "decrease")]


@pytest.mark.parametrize("name, expected", [
    ("serum cgrp", "cgrp"), ("plasma lidocaine concentrations", "lidocaine concentration"),
    ("blood glucose", "glucose"), ("blood pressure", "blood pressure"), ("eosinophil counts", "eosinophil count"),
    ("serum", "serum"),
])
def test_unlisted_marker_names(name, expected):
    from extractor.components.entity_patterns import marker_name

    assert marker_name(name) == expected


def test_unlisted_marker_named_without_its_specimen(pipeline):
    extraction = pipeline.extract("Serum CGRP fell with erenumab but not with placebo (p = 0.02).")
    assert [(m.text, m.norm["name"]) for m in extraction.entities if m.label == "LAB_MARKER"] == [("Serum CGRP", "cgrp")]


@pytest.mark.parametrize("name, text, expected", [
    ("renal replacement therapy", "Renal-replacement therapy", "renal-replacement therapy"),
    ("preterm preeclampsia", "preterm pre-eclampsia", "preterm pre-eclampsia"),
    ("guillain-barre syndrome", "Guillain\u2013Barr\u00e9 syndrome", "guillain-barre syndrome"),
    ("anemia", "anaemia", "anemia"),  # a spelling is the lexicon's to choose
    ("low-molecular-weight heparin", "LMWH", "low-molecular-weight heparin"),
    ("mortality", "", "mortality"),
    ("beta-lactams", "β-lactams", "beta-lactams"),  # a Greek letter is a spelling: the lexicon's name stays
])
def test_written_form(name, text, expected):
    from extractor.normalize import written_form

    assert written_form(name, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bruton tyrosine kinase (BTK) inhibitors", "btk inhibitors"),
    ("complement-fixation (CF) titres", "cf titres"),
    ("interleukin (IL)-2", "interleukin (il)-2"),  # the bracket joined to a number: no inner definition
    ("calcium channel blockers (CCBs)", "calcium channel blockers (ccbs)"),
    ("(ABC) inhibitors", "(abc) inhibitors"),
])
def test_inner_short_form_name(text, expected):
    from extractor.normalize import inner_short_form_name

    assert inner_short_form_name(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("il-13", "interleukin-13"), ("il2", "interleukin-2"), ("interleukin 5", "interleukin-5"),
    ("il-17a", "interleukin-17a"), ("ilx", "ilx"), ("il-6 receptor", "il-6 receptor"),
])
def test_cytokine_name(name, expected):
    from extractor.normalize import cytokine_name

    assert cytokine_name(name) == expected


def test_names_follow_the_annotation_conventions(pipeline):
    text = ("In 412 adults, tyrosine kinase (BTK) inhibition lowered the relapse rate compared with placebo (p = 0.01). "
            "Complement-fixation (CF) geometric mean titres and serum IL-13 rose with drug therapy. "
            "Renal-replacement therapy was less frequent with balanced crystalloids than with saline (4.1% vs 6.3%).")
    names = {m.text: m.norm["name"] for m in pipeline.extract(text).entities if "name" in m.norm}
    assert names["tyrosine kinase (BTK) inhibition"] == "btk inhibitors"
    assert names["Complement-fixation (CF) geometric mean titres"] == "cf titer"
    assert names["IL-13"] == "interleukin-13"
    assert names["Renal-replacement therapy"] == "renal-replacement therapy"


def test_vaccine_named_without_its_formulation(pipeline):
    text = ("Adults given a high-dose trivalent inactivated influenza vaccine had fewer hospital stays than those "
            "given the standard vaccine (2.1% vs 3.4%).")
    names = [m.norm["name"] for m in pipeline.extract(text).entities if m.label == "DRUG"]
    assert "high-dose influenza vaccine" in names


def test_anion_form_of_an_acid_is_its_written_name():
    from extractor.normalize import written_form
    assert written_form("valproic acid", "Sodium valproate") == "valproate"
    assert written_form("zoledronic acid", "zoledronate") == "zoledronate"
    assert written_form("valproic acid", "valproic acid") == "valproic acid"
    assert written_form("tranexamic acid", "TXA") == "tranexamic acid"
