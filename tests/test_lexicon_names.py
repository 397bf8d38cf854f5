"""Canonical names in the project's lexicons: a written form is named by its own words unless it is a true
synonym, an abbreviation or a spelling variant of the name (issue 8: records are keyed on these names)."""

import re

import pytest

from extractor.lexicons import DATA_DIR, INSTRUMENTS_FILE, Lexicon, project_entries, read_jsonl
from extractor.lexicons.audit import classify


def _lexicon(label: str) -> Lexicon:
    lexicon = Lexicon(label)
    for term, entry, case_sensitive in project_entries(label):
        lexicon.add(term, entry, case_sensitive)
    return lexicon


@pytest.fixture(scope="module")
def outcomes() -> Lexicon:
    return _lexicon("OUTCOME")


@pytest.mark.parametrize("term, name", [
    # opposites: a success is not named as a failure
    ("cure", "cure"), ("cure rates", "cure rate"), ("treatment success", "treatment success"),
    ("seizure freedom", "seizure freedom"),
    # narrower or different concepts keep their own words
    ("neutropenia", "neutropenia"), ("thrombocytopenia", "thrombocytopenia"), ("septic shock", "septic shock"),
    ("recurrences", "recurrence"), ("myalgia", "myalgia"), ("hip fracture", "hip fracture"),
    ("clinically relevant non-major bleeding", "clinically relevant non-major bleeding"),
    ("sustained virological response", "sustained virologic response"), ("SVR12", "sustained virologic response"),
    ("ongoing pregnancy", "ongoing pregnancy"), ("wound healing", "wound healing"),
    ("six-minute walk", "6-minute walk"), ("response rate", "response rate"),
    ("six-minute walk distance", "6-minute walk distance"),
    ("hospital admissions", "hospital admission"), ("ketoacidosis", "ketoacidosis"),
    ("treatment response", "treatment response"), ("serious adverse reactions", "serious adverse reactions"),
    ("ACR20", "acr20 response"), ("ACR70 responses", "acr70 response"),
    ("hospitalisation for worsening heart failure", "heart failure hospitalization"),
    # true synonyms, spelling variants and abbreviations keep the canonical name
    ("deaths", "mortality"), ("death from any cause", "all-cause mortality"), ("pyrexia", "fever"), ("hypoglycaemia", "hypoglycemia"), ("VTE", "venous thromboembolism"),
    ("pre-eclampsia", "preeclampsia"), ("caesarean section", "cesarean delivery"),
])
def test_outcome_names(outcomes, term, name):
    assert outcomes.get(term).name == name


@pytest.mark.parametrize("term, name", [
    ("SOFA score", "sofa score"), ("APACHE II", "apache ii score"),
    ("systolic blood pressure", "systolic blood pressure"), ("MAP", "mean arterial pressure"),
    ("blood pressure", "blood pressure"), ("HbA1c", "hemoglobin a1c"), ("FPG", "fasting plasma glucose"),
    ("blood glucose", "glucose"), ("albuminuria", "albuminuria"), ("UACR", "urine albumin-to-creatinine ratio"),
])
def test_marker_names(term, name):
    assert _lexicon("LAB_MARKER").get(term).name == name


# Rating scales and questionnaires are OUTCOME (ANNOTATION.md: a LAB_MARKER score is computed from laboratory or
# physiological values); they keep the names records are keyed on.
@pytest.mark.parametrize("term, name", [
    ("MADRS", "madrs score"), ("HAM-D score", "ham-d score"), ("GAD-7", "gad-7 score"),
    ("PANSS total score", "panss score"), ("Beck Depression Inventory", "bdi score"), ("NIHSS", "nihss score"),
    ("Kansas City Cardiomyopathy Questionnaire", "kccq score"), ("EASI", "easi"), ("PP-NRS", "peak pruritus nrs"),
])
def test_rating_scales_are_outcomes_under_their_own_names(outcomes, term, name):
    assert outcomes.get(term).name == name
    assert _lexicon("LAB_MARKER").get(term) is None


def test_no_instrument_is_left_among_the_lab_markers():
    """The written criterion of instruments.jsonl: a written form naming a rating scale, questionnaire or
    inventory is no LAB_MARKER form, and every instrument row says which kind of instrument it is."""
    instrument = re.compile(r"\b(scale|questionnaire|inventory)\b", re.I)
    assert [term for term, _, _ in project_entries("LAB_MARKER") if instrument.search(term)] == []
    kinds = {row["name"]: row.get("kind") for row in read_jsonl(DATA_DIR / INSTRUMENTS_FILE)}
    assert "madrs score" in kinds and "sofa score" not in kinds
    assert set(kinds.values()) == {"clinician-rated scale", "questionnaire"}


@pytest.mark.parametrize("term, name", [
    ("inhaled corticosteroids", "inhaled corticosteroids"), ("ICS", "inhaled corticosteroids"),
    ("glucocorticoids", "corticosteroids"), ("loop diuretics", "loop diuretics"), ("LABAs", "long-acting beta-agonists"),
    ("direct-acting antivirals", "antivirals"), ("β-lactam", "beta-lactams"), ("TXA", "tranexamic acid"),
    ("ado-trastuzumab emtansine", "trastuzumab emtansine"), ("ESAs", "erythropoiesis-stimulating agents"),
    ("probiotic", "probiotics"),
])
def test_drug_class_names(term, name):
    assert _lexicon("DRUG").get(term).name == name


def test_audit_flags_other_concepts_not_abbreviations_or_spellings():
    assert classify("cure", "treatment failure") == "no shared word"
    assert classify("myalgia", "muscle symptoms") == "no shared word"
    assert classify("ALT", "alanine aminotransferase") is None
    assert classify("haemorrhage", "hemorrhage") is None
    assert classify("preterm birth", "birth") == "words added or dropped"


def test_admitted_headings_tag_drugs_the_package_lists_only_under_brand_names():
    """oxytocin, thiamine and cytisine are dictionary headings that no variant of their own names; read
    under their own name they are drugs with the package's identifiers, and a brand name still maps to them."""
    from extractor.lexicons import dictionary_drug_terms, load_admitted_headings, load_stoplist

    admitted = load_admitted_headings()
    assert {"oxytocin", "thiamine", "cytisine"} <= set(admitted)
    terms = {}
    for variant, entry in dictionary_drug_terms(load_stoplist(), admitted=admitted):
        terms.setdefault(variant.lower(), entry)
    assert terms["oxytocin"].name == "oxytocin" and dict(terms["oxytocin"].ids)["drugbank"] == "DB00107"
    assert terms["cytisine"].name == "cytisine"
    without = {v.lower() for v, _ in dictionary_drug_terms(load_stoplist())}
    assert "oxytocin" not in without and "pitocin" in without


def test_admitted_headings_and_new_entries_in_text(pipeline):
    result = pipeline.extract(
        "Women given oxytocin and those given botulinum toxin had less bleeding than those given placebo.")
    names = {m.norm["name"] for m in result.entities if m.label == "DRUG"}
    assert {"oxytocin", "botulinum toxin"} <= names


def test_hypertonic_saline_is_a_drug_and_weekly_albumin_is_given(pipeline):
    result = pipeline.extract("In 136 adults, 3% hypertonic saline lowered intracranial pressure more than mannitol. "
                              "Long-term weekly albumin improved survival, and serum albumin rose.")
    found = [(m.text, m.label) for m in result.entities if m.label in ("DRUG", "LAB_MARKER")]
    assert found == [("hypertonic saline", "DRUG"), ("intracranial pressure", "LAB_MARKER"), ("mannitol", "DRUG"),
                     ("albumin", "DRUG"), ("serum albumin", "LAB_MARKER")]


def test_saline_given_as_placebo_is_no_drug(pipeline):
    result = pipeline.extract("Children were randomized to ondansetron or normal saline; others received isotonic saline.")
    assert [m.text for m in result.entities if m.label == "DRUG"] == ["ondansetron"]


@pytest.mark.parametrize("term, label, name", [
    ("dry mouth", "OUTCOME", "dry mouth"), ("xerostomia", "OUTCOME", "dry mouth"),
    ("virological failure", "OUTCOME", "virologic failure"), ("reoperation", "OUTCOME", "reoperation"),
    ("intraocular pressure", "LAB_MARKER", "intraocular pressure"), ("itch", "OUTCOME", "itch"),
    ("hot flushes", "OUTCOME", "hot flushes"), ("night sweats", "OUTCOME", "night sweats"),
    ("palpitations", "OUTCOME", "palpitations"), ("kidney failure", "OUTCOME", "kidney failure"), ("hypomagnesaemia", "OUTCOME", "hypomagnesemia"),
    ("atypical femoral fractures", "OUTCOME", "atypical femoral fractures"), ("low birth weight", "OUTCOME", "low birth weight"),
    ("reperfusion", "OUTCOME", "reperfusion"), ("haematoma expansion", "OUTCOME", "hematoma expansion"),
    ("delayed cerebral ischaemia", "OUTCOME", "delayed cerebral ischemia"), ("poor outcome", "OUTCOME", "poor outcome"),
    ("favourable neurological outcome", "OUTCOME", "favorable neurological outcome"),
    ("acute limb ischaemia", "OUTCOME", "acute limb ischemia"), ("decompensation", "OUTCOME", "decompensation"),
    ("adverse reactions", "OUTCOME", "adverse reactions"), ("annualized exacerbation rate", "OUTCOME", "annualized exacerbation rate"),
    ("partial response", "OUTCOME", "partial response"), ("variceal rebleeding", "OUTCOME", "variceal rebleeding"),
    ("reintubation", "OUTCOME", "reintubation"),
    ("injection-site pain", "OUTCOME", "injection-site pain"), ("NICU admission", "OUTCOME", "nicu admission"),
    ("post-tonsillectomy haemorrhage", "OUTCOME", "post-tonsillectomy hemorrhage"), ("EDSS", "OUTCOME", "edss score"),
])
def test_common_trial_endpoints_are_tagged(pipeline, term, label, name):
    result = pipeline.extract(f"In a randomized trial of 300 adults, {term} occurred more often with timolol than with placebo.")
    assert [(m.label, m.norm["name"]) for m in result.entities if m.text == term] == [(label, name)]


@pytest.mark.parametrize("text, name", [
    ("Oral iron", "iron"), ("Stimulants", "stimulants"), ("gabapentinoids", "gabapentinoids"),
    ("prostaglandin analogues", "prostaglandin analogues"), ("non-selective beta-blockers", "non-selective beta-blockers"),
    ("thiazide-type diuretics", "thiazide diuretics"), ("andexanet", "andexanet alfa"),
    ("neuromuscular blockade", "neuromuscular blocking agents"),
])
def test_drug_classes_and_route_words_as_annotators_write_them(pipeline, text, name):
    result = pipeline.extract(f"In a trial of 400 adults, {text} reduced mortality compared with placebo.")
    (drug,) = [m for m in result.entities if m.label == "DRUG"]
    assert (drug.text, drug.norm["name"]) == (text.replace("Oral ", ""), name)


@pytest.mark.parametrize("text, name", [
    ("serum gastrin", "gastrin"), ("hepatic venous pressure gradient", "hepatic venous pressure gradient"),
    ("FeNO", "fractional exhaled nitric oxide"), ("faecal calprotectin", "fecal calprotectin"),
    ("VO2max", "peak oxygen uptake"), ("TARC", "tarc"), ("PaO2", "arterial oxygen tension"), ("MMP-9", "matrix metalloproteinase-9"),
    ("homocysteine", "homocysteine"), ("hepcidin", "hepcidin"), ("reticulocyte count", "reticulocyte count"),
    ("IgG", "immunoglobulin g"), ("serum lipase", "lipase"), ("AHI", "apnea-hypopnea index"),
    ("pure-tone average", "pure-tone average"), ("minimal residual disease", "minimal residual disease"),
    ("portal pressure", "portal pressure"), ("haptoglobin", "haptoglobin"), ("base excess", "base excess"),
    ("plasma renin activity", "plasma renin activity"), ("osteocalcin", "osteocalcin"),
    ("cystatin C", "cystatin c"), ("liver stiffness", "liver stiffness"), ("apnoea-hypopnoea index", "apnea-hypopnea index"),
    ("FIB-4", "fib-4"), ("NGAL", "neutrophil gelatinase-associated lipocalin"), ("serum magnesium", "serum magnesium"),
    ("visceral fat", "visceral fat"), ("Ki-67", "ki-67"),
])
def test_common_markers_are_lab_markers(pipeline, text, name):
    result = pipeline.extract(f"In a trial of 300 adults, {text} fell more with vonoprazan than with placebo (P = 0.01).")
    assert [(m.text, m.norm["name"]) for m in result.entities if m.label == "LAB_MARKER"] == [(text, name)]


@pytest.mark.parametrize("text, name", [
    ("atypical antipsychotics", "atypical antipsychotics"), ("alpha-blockers", "alpha-blockers"),
    ("antithyroid drugs", "antithyroid drugs"), ("muscle relaxants", "muscle relaxants"),
])
def test_more_drug_classes(pipeline, text, name):
    result = pipeline.extract(f"In a trial of 300 adults, {text} reduced mortality compared with placebo.")
    assert [(m.text, m.norm["name"]) for m in result.entities if m.label == "DRUG"] == [(text, name)]


@pytest.mark.parametrize("text, name", [
    ("thromboprophylaxis", "thromboprophylaxis"), ("DAPT", "dual antiplatelet therapy"),
    ("antiarrhythmic drugs", "antiarrhythmic drugs"), ("fibrates", "fibrates"), ("triptans", "triptans"),
    ("direct thrombin inhibitors", "direct thrombin inhibitors"), ("antibody-drug conjugates", "antibody-drug conjugates"),
    ("endocrine therapy", "endocrine therapy"), ("EGFR-TKIs", "egfr tyrosine kinase inhibitors"),
    ("TCAs", "tricyclic antidepressants"), ("antiseizure medications", "antiepileptic drugs"),
    ("DMARDs", "disease-modifying antirheumatic drugs"), ("SABA", "short-acting beta-agonists"),
    ("LABA/LAMA", "laba/lama"),
    ("tocolytics", "tocolytics"), ("inotropes", "inotropes"), ("SGLT2i", "sglt2 inhibitors"), ("ARNIs", "sacubitril/valsartan"),
    ("echinocandins", "echinocandins"), ("multivitamins", "multivitamins"), ("efgartigimod", "efgartigimod"),
])
def test_classes_and_abbreviations_reviews_use(pipeline, text, name):
    result = pipeline.extract(f"In a randomized trial of 400 adults, {text} reduced mortality compared with placebo.")
    assert [(m.text, m.norm["name"]) for m in result.entities if m.label == "DRUG"] == [(text, name)]


@pytest.mark.parametrize("text, name", [
    ("antithrombotics", "antithrombotics"), ("vasodilators", "vasodilators"),
    ("alpha-glucosidase inhibitors", "alpha-glucosidase inhibitors"), ("SERMs", "selective estrogen receptor modulators"),
    ("phosphate binders", "phosphate binders"), ("hypomethylating agents", "hypomethylating agents"),
    ("mucolytics", "mucolytics"), ("intranasal corticosteroids", "intranasal corticosteroids"),
    ("topical retinoids", "topical retinoids"), ("antituberculosis drugs", "antituberculosis drugs"),
    ("COVID-19 vaccination", "covid-19 vaccines"), ("HPV vaccine", "hpv vaccines"), ("BNT162b2", "bnt162b2"),
    ("neprilysin inhibitors", "neprilysin inhibitors"), ("loop diuretic", "loop diuretics"),
])
def test_more_classes_vaccines_and_supplements(pipeline, text, name):
    result = pipeline.extract(f"In a randomized trial of 400 adults, {text} reduced mortality compared with placebo.")
    assert [(m.text, m.norm["name"]) for m in result.entities if m.label == "DRUG"] == [(text, name)]


@pytest.mark.parametrize("text, name", [
    ("TNFi", "tnf inhibitors"), ("CCBs", "calcium channel blockers"), ("ACEi", "angiotensin-converting enzyme inhibitors"),
    ("DPP-4 inhibitor", "dpp-4 inhibitors"), ("TZDs", "thiazolidinediones"), ("MTX", "methotrexate"),
    ("5-FU", "fluorouracil"), ("CNIs", "calcineurin inhibitors"), ("AChEIs", "cholinesterase inhibitors"),
])
def test_abbreviations_of_classes_and_drugs(pipeline, text, name):
    result = pipeline.extract(f"In a randomized trial of 400 adults, {text} reduced mortality compared with placebo.")
    assert [(m.text, m.norm["name"]) for m in result.entities if m.label == "DRUG"] == [(text, name)]


# Endpoints and measures of anaesthesia, dentistry, ophthalmology, obstetrics, rehabilitation and rating scales,
# written form -> name; the markers are physiological quantities.
PERIOPERATIVE_AND_SCALE_ENDPOINTS = {
    "sensory block duration": "sensory block duration", "time to first analgesic request": "time to first analgesic request",
    "Bromage score": "bromage score", "QoR-15": "qor-15 score", "5-minute Apgar score": "5-minute apgar score",
    "Apgar score": "apgar score", "clinical attachment level": "clinical attachment level",
    "bleeding on probing": "bleeding on probing", "BCVA": "visual acuity",
    "handgrip strength": "handgrip strength", "energy intake": "energy intake", "ORR": "objective response rate",
    "pain at rest": "pain", "Hospital Anxiety and Depression Scale": "hads score", "Barthel Index": "barthel index",
    "gestational age at delivery": "gestational age at delivery", "ventilator days": "ventilator days",
}
PHYSIOLOGICAL_MARKERS = {"tympanic temperature": "tympanic temperature", "train-of-four ratio": "train-of-four ratio"}


@pytest.mark.parametrize("term, label, name",
                         [(term, "OUTCOME", name) for term, name in PERIOPERATIVE_AND_SCALE_ENDPOINTS.items()]
                         + [(term, "LAB_MARKER", name) for term, name in PHYSIOLOGICAL_MARKERS.items()])
def test_perioperative_dental_obstetric_and_scale_endpoints(pipeline, term, label, name):
    for text in (f"In a randomized trial of 300 adults, {term} differed between timolol and placebo (P = 0.02).",
                 f"We recorded {term} at baseline and at 12 weeks in 96 adults."):
        result = pipeline.extract(text)
        assert [(m.label, m.norm["name"]) for m in result.entities if m.text == term] == [(label, name)]


def test_median_and_cumulative_stay_outside_the_endpoint_span(pipeline):
    result = pipeline.extract("Median overall survival was 14 months with venetoclax and 10 months with placebo; "
                              "cumulative opioid consumption was lower with ketamine (P = 0.01).")
    outcomes = [m.text for m in result.entities if m.label == "OUTCOME"]
    assert outcomes == ["overall survival", "opioid consumption"]


def test_gated_endpoint_abbreviation_is_tagged_where_counted(pipeline):
    result = pipeline.extract("In a randomized trial of 300 adults, CINV occurred less often with olanzapine than with placebo.")
    assert [(m.label, m.norm["name"]) for m in result.entities if m.text == "CINV"] == [
        ("OUTCOME", "chemotherapy-induced nausea and vomiting")]


def test_no_lab_marker_term_is_written_under_two_names():
    from extractor.normalize import lookup_key

    names_of: dict[str, set[str]] = {}
    for entry in read_jsonl(DATA_DIR / "lab_markers.jsonl"):
        for term in entry["terms"]:
            names_of.setdefault(lookup_key(term), set()).add(entry["name"])
    assert {key: names for key, names in names_of.items() if len(names) > 1} == {}


def test_an_outcome_is_named_without_the_word_saying_how_it_was_ascertained(pipeline):
    result = pipeline.extract("In a trial of 300 adults, drug X improved best-corrected visual acuity, lowered "
                              "biopsy-proven acute rejection and reduced subjective sleepiness.")
    names = {m.text: m.norm["name"] for m in result.entities if m.label == "OUTCOME"}
    assert names == {"best-corrected visual acuity": "visual acuity", "biopsy-proven acute rejection": "acute rejection",
                     "subjective sleepiness": "subjective sleepiness"}


def test_days_alive_and_free_of_support_and_adverse_cognitive_events_are_named_as_their_endpoints(pipeline):
    result = pipeline.extract("In a trial of 300 adults, drug X did not increase days alive and free of vasopressors or "
                              "days alive and free of mechanical ventilation, and adverse cognitive events were more common.")
    names = [m.norm["name"] for m in result.entities if m.label == "OUTCOME"]
    assert names == ["vasopressor-free days", "ventilator-free days", "cognitive adverse events"]


def test_cholecalciferol_keeps_its_own_generic_name_beside_vitamin_d(pipeline):
    result = pipeline.extract("In a trial of 2,000 women, cholecalciferol increased falls, whereas vitamin D3 did not.")
    assert [m.norm["name"] for m in result.entities if m.label == "DRUG"] == ["cholecalciferol", "vitamin d"]
