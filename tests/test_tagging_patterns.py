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
    ("A network meta-analysis ranked the four inhalers.", "network meta-analysis"),
    ("Two cardiovascular outcome trials tested the drug class.", "cardiovascular outcome trials"),
    ("This randomized, assessor-blinded trial enrolled 80 adults.", "randomized, assessor-blinded trial"),
    ("A single-group study of 30 adults followed.", "single-group study"),
    ("We ran a before-after study in two wards.", "before-after study"),
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


@pytest.mark.parametrize("text, span", [
    ("Patients were switched to BTK inhibitors after relapse.", "BTK inhibitors"),
    ("Most also took a P2X7 inhibitor at night.", "P2X7 inhibitor"),
    ("It was compared with selective vasopressin receptor antagonists in two trials.",
     "selective vasopressin receptor antagonists"),
    ("Renal outcomes improved with non-steroidal aldosterone synthase inhibitors.",
     "non-steroidal aldosterone synthase inhibitors"),
    ("Bone loss was slower with cathepsin K (CatK) inhibitors.", "cathepsin K (CatK) inhibitors"),
    ("Wheeze improved with α1-antagonists in the pilot.", "α1-antagonists"),
    ("Anti-NGF monoclonal antibodies relieved knee pain.", "Anti-NGF monoclonal antibodies"),
])
def test_drug_classes_named_by_their_target(pipeline, text, span):
    assert (span, "DRUG") in ents(pipeline, text)


def test_class_head_without_a_target_is_no_drug(pipeline):
    found = ents(pipeline, "Several potent inhibitors were screened, and patients received them.")
    assert not [f for f in found if f[1] == "DRUG"]


def test_class_walk_stops_at_a_verb(pipeline):
    found = ents(pipeline, "Patients received BTK inhibitors for a year.")
    assert ("BTK inhibitors", "DRUG") in found


def test_vaccine_with_modifiers_and_its_defined_code(pipeline):
    text = ("A recombinant adjuvanted zoster vaccine (RZV-A) was compared with placebo. "
            "Pain was more frequent with RZV-A, and relative vaccine effectiveness was 70%.")
    found = ents(pipeline, text)
    assert ("recombinant adjuvanted zoster vaccine", "DRUG") in found
    assert found.count(("RZV-A", "DRUG")) == 2
    assert not [f for f in found if f[0] == "vaccine"]


def test_vaccine_product_code_is_the_name(pipeline):
    found = ents(pipeline, "A single dose of the ABCpreX2 vaccine lowered infection; ABCpreX2 was well tolerated.")
    assert found.count(("ABCpreX2", "DRUG")) == 2
    assert not [f for f in found if "vaccine" in f[0]]


def test_fixed_combination_written_with_a_slash(pipeline):
    found = ents(pipeline, "Patients on budesonide/formoterol had fewer exacerbations.")
    assert ("budesonide/formoterol", "DRUG") in found


@pytest.mark.parametrize("text, span", [
    ("Serum osteocalcin levels rose after treatment.", "Serum osteocalcin"),
    ("The drug lowered hepcidin levels within a week.", "hepcidin"),
    ("Plasma digoxin concentrations were measured at day 5.", "Plasma digoxin"),
    ("Fasting glucagon fell in both groups.", "Fasting glucagon"),
    ("Anti-spike antibody titres doubled after the booster.", "Anti-spike antibody titres"),
    ("Measles geometric mean titres were similar.", "Measles geometric mean titres"),
    ("Transferrin saturation stayed below 20%.", "Transferrin saturation"),
    ("The ALT/AST ratio fell with treatment.", "ALT/AST ratio"),
    ("Serum soluble growth factor (SGF) fell, and SGF stayed low.", "SGF"),
    ("Cytokines such as interleukin-17 and IL-23 were raised.", "interleukin-17"),
])
def test_lab_markers_by_form(pipeline, text, span):
    assert (span, "LAB_MARKER") in ents(pipeline, text)


@pytest.mark.parametrize("text, span, name", [
    ("Plasma D-dimer doubled within a day.", "Plasma D-dimer", "d-dimer"),
    ("Lipoprotein(a) fell by a quarter with the siRNA.", "Lipoprotein(a)", "lipoprotein(a)"),
    ("Lp(a) fell by a quarter with the siRNA.", "Lp(a)", "lipoprotein(a)"),
    ("The minimum inhibitory concentration of the isolates rose.", "minimum inhibitory concentration",
     "minimum inhibitory concentration"),
    ("Trough concentrations of vancomycin rose.", "Trough concentrations", "trough concentration"),
])
def test_listed_markers_after_a_specimen_word_or_with_brackets(pipeline, text, span, name):
    doc = pipeline.nlp(text)
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "LAB_MARKER"] == [(span, name)]


def test_marker_leaves_levels_and_concentrations_out(pipeline):
    found = ents(pipeline, "Haemoglobin concentrations and glucose levels were stable.")
    assert ("Haemoglobin", "LAB_MARKER") in found
    assert ("glucose", "LAB_MARKER") in found


@pytest.mark.parametrize("text", [
    "The benefit/risk ratio favoured treatment.", "Noise levels on the ward were high.",
    "Urinary tract infections were rare.", "Plasma exchange was used in two patients.",
])
def test_no_lab_marker_without_a_substance(pipeline, text):
    assert not [f for f in ents(pipeline, text) if f[1] == "LAB_MARKER"]


def test_drug_standing_as_a_target_is_no_treatment(pipeline):
    found = ents(pipeline, "Aspirin works by inhibiting prostacyclin synthesis, and iron deficiency was common.")
    assert ("Aspirin", "DRUG") in found
    assert not [f for f in found if f[0] in ("prostacyclin", "iron") and f[1] == "DRUG"]


@pytest.mark.parametrize("text, marker", [
    ("Soluble E-selectin and malondialdehyde fell in the walnut group.", "E-selectin"),
    ("Soluble E-selectin and malondialdehyde fell in the walnut group.", "malondialdehyde"),
    ("After eight weeks, soluble vascular cell adhesion molecule-1 (sVCAM-1) was lower.", "sVCAM-1"),
    ("Peptide YY rose after the high-fibre breakfast.", "Peptide YY"),
])
def test_endogenous_substance_measured_is_a_lab_marker(pipeline, text, marker):
    found = ents(pipeline, text)
    assert (marker, "LAB_MARKER") in found or any(marker in f[0] and f[1] == "LAB_MARKER" for f in found)
    assert not [f for f in found if marker in f[0] and f[1] == "DRUG"]


def test_substance_before_a_class_head_is_no_marker(pipeline):
    found = ents(pipeline, "Adults took a glucagon-like peptide-1 analogue or metformin for a year.")
    assert not [f for f in found if f[1] == "LAB_MARKER"]


def test_substance_before_its_transporter_is_no_treatment(pipeline):
    found = ents(pipeline, "Inhibiting the ileal bile acid (BA) transporter lowered cholesterol; bile acid transport fell.")
    assert not [f for f in found if f[0] in ("bile acid", "BA") and f[1] == "DRUG"]


def test_substance_listed_with_markers_is_measured(pipeline):
    found = ents(pipeline, "Fasting glucose, insulin and C-reactive protein were measured at each visit.")
    assert ("insulin", "LAB_MARKER") in found


@pytest.mark.parametrize("text", [
    "Adults received insulin or placebo; glucose, insulin and C-reactive protein were measured.",
    "Insulin therapy was started in 40 adults; glucose, insulin and C-reactive protein were measured.",
])
def test_substance_the_text_gives_stays_a_drug_in_a_marker_list(pipeline, text):
    found = ents(pipeline, text)
    assert ("insulin", "DRUG") in found


def test_drug_given_in_a_list_of_salts_stays_a_drug(pipeline):
    found = ents(pipeline, "Cows drank monosodium phosphate, disodium phosphate, or magnesium phosphate.")
    assert not [f for f in found if f[0] in ("disodium phosphate", "magnesium phosphate") and f[1] == "LAB_MARKER"]


def test_drug_before_its_short_form_and_levels_is_a_marker(pipeline):
    found = ents(pipeline, "Baseline human chorionic gonadotropin (hCG) levels predicted the outcome.")
    assert not [f for f in found if "chorionic gonadotropin" in f[0] and f[1] == "DRUG"]


def test_drug_name_inside_a_binding_protein_is_no_drug(pipeline):
    found = ents(pipeline, "Heparin binding protein rose in the first day of sepsis.")
    assert ("Heparin", "DRUG") not in found


def test_organ_before_a_dictionary_substance_makes_it_measured(pipeline):
    found = ents(pipeline, "Liver iron fell in both arms, and hepatic iron stayed low.")
    assert ("Liver iron", "LAB_MARKER") in found and ("hepatic iron", "LAB_MARKER") in found


def test_organ_word_alone_makes_no_marker(pipeline):
    assert not [f for f in ents(pipeline, "Liver MRI and hepatic ultrasound were read.") if f[1] == "LAB_MARKER"]


@pytest.mark.parametrize("text, marker", [
    ("Adrenaline, noradrenaline and dopamine values did not differ after surgery.", "dopamine"),
    ("Gingival substance P expression fell after the gel.", "substance P"),
])
def test_dictionary_drug_before_a_measure_noun_is_a_marker(pipeline, text, marker):
    found = ents(pipeline, text)
    assert (marker, "LAB_MARKER") in found


def test_marker_list_is_read_along_its_members(pipeline):
    found = ents(pipeline, "Adrenaline, noradrenaline and dopamine values did not differ after surgery.")
    assert not [f for f in found if f[1] == "DRUG"]


def test_cytokine_given_as_a_drug_stays_a_drug(pipeline):
    found = ents(pipeline, "Patients received interleukin-2 for five days.")
    assert ("interleukin-2", "DRUG") in found


@pytest.mark.parametrize("text", [
    "Pain was rated on a 10-point visual analogue scale.", "Treatment was decided at the clinic level.",
    "Lavage levels of several cytokines were measured.",
])
def test_no_mention_from_scales_settings_or_specimens(pipeline, text):
    assert not [f for f in ents(pipeline, text) if f[1] in ("DRUG", "LAB_MARKER")]


def test_interleukin_given_as_therapy_with_its_short_form(pipeline):
    found = ents(pipeline, "We tested interleukin-2 (IL-2) therapy in 40 adults.")
    assert ("IL-2", "DRUG") in found


def test_measure_inside_a_heart_failure_phenotype_is_no_marker(pipeline):
    found = ents(pipeline, "In heart failure with preserved ejection fraction, patients with reduced ejection fraction "
                           "were excluded.")
    assert found.count(("ejection fraction", "LAB_MARKER")) == 1


def test_uncontrolled_before_a_condition_is_no_design(pipeline):
    assert not [f for f in ents(pipeline, "It is avoided in uncontrolled asthma.") if f[1] == "STUDY_DESIGN"]
    assert ("uncontrolled", "STUDY_DESIGN") in ents(pipeline, "That series was uncontrolled, and bias is likely.")


def test_amount_of_a_drug_used_is_no_drug_mention(pipeline):
    found = ents(pipeline, "Ketamine lowered fentanyl consumption after surgery.")
    assert ("Ketamine", "DRUG") in found
    assert ("fentanyl", "DRUG") not in found


def test_marker_code_defined_in_brackets_at_every_mention(pipeline):
    found = ents(pipeline, "Serum bone growth factor (GFB) fell in both arms, and GFB stayed low at one year.")
    assert found.count(("GFB", "LAB_MARKER")) == 2


def test_usage_words_stay_outside_a_class_name(pipeline):
    found = ents(pipeline, "Most had first-line BTK inhibitors before the trial.")
    assert ("BTK inhibitors", "DRUG") in found


@pytest.mark.parametrize("text, span, design", [
    ("A Mendelian randomization study linked the variant to stroke.", "Mendelian randomization study", "other"),
    ("A non-randomised comparative study followed 80 adults.", "non-randomised comparative study", "other"),
    ("Toxicity was low in a dose-escalation study.", "dose-escalation study", "other"),
    ("A phase IIb study enrolled adults.", "phase IIb study", "rct"),
    ("A stepped-wedge cluster randomised trial covered 12 wards.", "stepped-wedge cluster randomised trial", "rct"),
])
def test_more_design_phrases(pipeline, text, span, design):
    doc = pipeline.nlp(text)
    found = {e.text: e for e in doc.ents if e.label_ == "STUDY_DESIGN"}
    assert span in found
    assert design_of(span)["design"] == design


def test_randomization_alone_is_no_design(pipeline):
    assert not [f for f in ents(pipeline, "After randomization, 40 patients withdrew.") if f[1] == "STUDY_DESIGN"]


@pytest.mark.parametrize("text, drug, tagged", [
    ("Acetylcysteine remains the antidote after paracetamol overdose.", "paracetamol", True),
    ("Rising clarithromycin resistance lowers eradication rates.", "clarithromycin", True),
    ("Buprenorphine is first-line for opioid use disorder.", "opioid", False),
    ("Alcohol withdrawal was treated with lorazepam.", "Alcohol", False),
])
def test_a_drug_named_in_an_overdose_or_resistance_stays_a_drug(pipeline, text, drug, tagged):
    assert ((drug, "DRUG") in ents(pipeline, text)) is tagged


def test_a_listed_product_written_as_its_drugs_joined_by_and_is_one_mention_per_drug(pipeline):
    found = ents(pipeline, "Umeclidinium and vilanterol lowered exacerbations more than tiotropium.")
    assert ("Umeclidinium", "DRUG") in found and ("vilanterol", "DRUG") in found
    assert not [f for f in found if " and " in f[0]]


@pytest.mark.parametrize("text, drugs", [
    ("Inhaled nitric oxide improved oxygenation in 40 neonates.", ["nitric oxide"]),
    ("Balanced crystalloids were compared with 0.9% saline in 900 adults.", ["Balanced crystalloids", "saline"]),
    ("The concentrate corrected the INR faster than plasma did.", ["plasma"]),
    ("Fomepizole was as effective as ethanol in 30 patients.", ["Fomepizole"]),  # no giving or comparing word
    ("Patients received ketamine or saline placebo; plasma concentrations were not measured.", ["ketamine"]),
])
def test_a_stoplisted_substance_is_a_drug_only_where_it_is_given_or_compared(pipeline, text, drugs):
    assert [span for span, label in ents(pipeline, text) if label == "DRUG"] == drugs


@pytest.mark.parametrize("text, markers", [
    ("Dupilumab, which blocks interleukin-4 and interleukin-13 signalling, lowered exacerbations.", []),
    ("Two antibodies act on the interleukin-5 pathway.", []),
    ("Biologics targeting interleukin-17 and interleukin-23 cleared psoriasis.", []),
    ("Tocilizumab lowered IL-6 and interleukin-8 concentrations, and IL-6 production fell.", ["IL-6", "interleukin-8", "IL-6"]),
    ("The drug inhibits thromboxane synthesis.", ["thromboxane"]),
])
def test_an_interleukin_a_drug_acts_on_is_no_measured_marker(pipeline, text, markers):
    assert [span for span, label in ents(pipeline, text) if label == "LAB_MARKER"] == markers


def test_a_listed_heart_failure_phenotype_holds_no_measured_marker(pipeline):
    text = "In heart failure with mildly reduced or preserved ejection fraction, the drug raised ejection fraction."
    assert [e for e in ents(pipeline, text) if e[1] == "LAB_MARKER"] == [("ejection fraction", "LAB_MARKER")]


@pytest.mark.parametrize("text, design", [
    ("Observational data suggest that the drug may increase thrombosis.", ("Observational data", "cohort")),
    ("Real-world data from two registries suggest a benefit.", ("Real-world data", "cohort")),
])
def test_observational_data_name_a_cohort_design(pipeline, text, design):
    doc = pipeline.nlp(text)
    assert [(e.text, design_of(e.text)["design"]) for e in doc.ents if e.label_ == "STUDY_DESIGN"] == [design]
