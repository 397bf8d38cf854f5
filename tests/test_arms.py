"""The arm scorer: which candidate arm a trial studies, on abstracts we wrote."""

from __future__ import annotations

import subprocess
import sys

import pytest
from extractor.arm_names import without_qualifiers
from extractor.arms import ArmScorer, Candidate
from extractor.learn.arms import is_studied_arm, top_accuracy
from extractor.records import RecordBuilder, arm_candidates, compared_arm_names, learned_main_arm, measured_phrases

WALKING = ("Supervised walking training for patients on androgen deprivation therapy: a randomized trial. "
           "Men receiving androgen deprivation therapy were randomly assigned to supervised walking training or "
           "usual care. Androgen deprivation therapy continued in both arms. Results: Fatigue scores were "
           "significantly lower in the supervised walking training group (p = 0.01).")
INFUSION = ("Continuous versus intermittent infusion of vancomycin in the intensive care unit: a randomized trial. "
            "Patients were assigned to continuous infusion or intermittent infusion of vancomycin. Results: "
            "Nephrotoxicity was significantly lower with continuous infusion (8% vs 19%, p = 0.03).")

TELEMONITORING = ("Remote glucose telemonitoring in adults with type 2 diabetes treated with insulin: a randomised "
                  "controlled trial. Adults on basal insulin (n = 120) were randomised to remote glucose telemonitoring "
                  "or usual clinic visits for 6 months. Insulin doses were adjusted by the clinic team in both arms. "
                  "HbA1c fell by 0.6% more with remote glucose telemonitoring than with usual clinic visits "
                  "(p = 0.004). Severe hypoglycaemia did not differ between arms (p = 0.52).")
MINDFULNESS = ("Effects of mindfulness training versus sleep hygiene education on insomnia: a randomised trial. "
               "Insomnia severity improved more than with sleep hygiene education (p = 0.01). Daytime fatigue was "
               "lower compared with sleep hygiene education (p = 0.02). Anxiety did not differ versus sleep hygiene "
               "education (p = 0.40).")


def test_a_drug_the_title_names_as_the_patients_treatment_gives_way_to_the_arm_it_names(pipeline):
    builder = RecordBuilder(pipeline.nlp(TELEMONITORING))
    scores = builder.arm_scores
    assert max(scores, key=scores.get) == ("drug", "insulin")  # the scorer alone would take the background drug
    assert builder.main_arm == "remote glucose telemonitoring"
    records = pipeline.extract(TELEMONITORING).records
    assert {r.intervention for r in records} == {"remote glucose telemonitoring"}
    assert ("hemoglobin a1c", "decrease") in {(r.outcome, r.direction) for r in records}


def test_an_arm_named_only_as_the_comparison_is_not_the_main_arm(pipeline):
    doc = pipeline.nlp(MINDFULNESS)
    builder = RecordBuilder(doc)
    scores = builder.arm_scores
    assert max(scores, key=scores.get) == ("arm", "sleep hygiene education")  # ranked first by the scorer
    assert "sleep hygiene education" in compared_arm_names(doc, [s for c in arm_candidates(doc, builder.measured)
                                                                 if c.kind == "arm" for s in c.spans])
    assert builder.main_arm == "mindfulness training"
    assert {r.intervention for r in pipeline.extract(MINDFULNESS).records} == {"mindfulness training"}


def test_a_comparator_gives_way_only_to_an_arm_the_scorer_weighs():
    scores = {("arm", "usual walking"): 0.5, ("arm", "yoga"): 0.25, ("drug", "aspirin"): 0.1}
    assert learned_main_arm(scores, {"usual walking"}) == "yoga"
    assert learned_main_arm(scores, set()) == "usual walking"
    assert learned_main_arm({**scores, ("arm", "yoga"): 0.1}, {"usual walking"}) == "usual walking"
    assert learned_main_arm({**scores, ("drug", "aspirin"): 0.3}, {"usual walking"}) == "usual walking"


def test_a_non_drug_trial_reports_on_its_arm_not_the_drug_every_arm_receives(pipeline):
    walking = {(r.intervention, r.outcome, r.direction) for r in pipeline.extract(WALKING).records}
    infusion = {(r.intervention, r.outcome, r.direction) for r in pipeline.extract(INFUSION).records}
    assert walking == {("supervised walking training", "fatigue", "decrease")}
    assert infusion == {("continuous infusion", "nephrotoxicity", "decrease")}


def test_the_arm_named_in_title_and_methods_ranks_first(pipeline):
    doc = pipeline.nlp(WALKING)
    scores = RecordBuilder(doc).arm_scores
    best = max(scores, key=scores.get)
    assert best == ("arm", "supervised walking training")
    assert 0.0 < scores[("class", "androgen deprivation therapy")] < scores[best] < 1.0


def test_candidates_pool_mentions_by_name(pipeline):
    doc = pipeline.nlp(WALKING)
    candidates = {(c.kind, c.name): len(c.spans) for c in arm_candidates(doc, measured_phrases(doc))}
    assert candidates[("class", "androgen deprivation therapy")] == 3
    assert ("arm", "supervised walking training") in candidates


def test_a_candidate_is_positive_where_it_names_the_doctors_intervention(pipeline):
    doc = pipeline.nlp(WALKING)
    by_name = {c.name: c for c in arm_candidates(doc, measured_phrases(doc))}
    start = WALKING.index("supervised walking training or")
    article = {"spans": [{"role": "intervention", "start": start, "end": start + 27, "text": "supervised walking training"},
                         {"role": "comparator", "start": 0, "end": 0, "text": "usual care"}]}
    assert is_studied_arm(by_name["supervised walking training"], article)
    assert not is_studied_arm(by_name["androgen deprivation therapy"], article)


def test_scorer_probabilities_and_top_accuracy():
    scorer = ArmScorer({"kind=arm": 2.0, "kind=drug": -2.0}, 0.0)
    assert scorer.probability({"kind=arm": 1.0}) > 0.8 > 0.2 > scorer.probability({"kind=drug": 1.0})
    examples = [("a", [{}, {}], [0, 1]), ("b", [{}, {}], [1, 0]), ("c", [{}], [0])]
    assert top_accuracy(examples, [0.2, 0.9, 0.3, 0.6, 0.5]) == 0.5
    assert Candidate("x", "arm").spans == []


def test_train_arms_is_a_command():
    done = subprocess.run([sys.executable, "-m", "extractor", "train", "arms", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "spans.jsonl" in done.stdout


def test_the_builder_s_shortcuts_give_what_the_public_helpers_give(pipeline):
    """The record builder reads the doc's entities, arm drugs and word tables once and passes them on; each
    shortcut must give what the helper computing it from the doc alone gives."""
    from extractor.arms import candidate_features, features_of
    from extractor.components.claim_detector import LEARNED_KEY, outcome_targets
    from extractor.components.result_phrases import RESULT_PHRASES_KEY
    from extractor.components.spans import lower_words, read_groups, sentence_bounds
    from extractor.records import arm_drugs, is_population_role, main_arm, population_role, treatment_arms

    for text in (WALKING, INFUSION):
        doc = pipeline.nlp(text)
        ents, measured = doc.ents, measured_phrases(doc)
        drugs, arms = arm_drugs(doc, measured), treatment_arms(doc)
        assert measured_phrases(doc, ents) == measured and treatment_arms(doc, ents) == arms
        assert outcome_targets(doc, ents) == outcome_targets(doc)
        groups = read_groups(doc, LEARNED_KEY, RESULT_PHRASES_KEY)  # the span groups read once, as lists
        assert measured_phrases(doc, ents, groups) == measured and treatment_arms(doc, ents, groups) == arms
        assert outcome_targets(doc, ents, groups) == outcome_targets(doc)
        candidates = arm_candidates(doc, measured)
        assert [(c.kind, c.name, c.spans) for c in arm_candidates(doc, measured, drugs=drugs)] == \
            [(c.kind, c.name, c.spans) for c in candidates]
        assert main_arm(doc, arms, measured, drugs=drugs) == main_arm(doc, arms, measured)
        sentences = list(doc.sents)
        index = {sent.start: i for i, sent in enumerate(sentences)}
        title = set(lower_words(doc)[sentences[0].start:sentences[0].end])
        total = sum(len(c.spans) for c in candidates)
        order = sorted(range(len(candidates)), key=lambda i: -len(candidates[i].spans))
        ranks = {i: r + 1 for r, i in enumerate(order)}
        assert features_of(doc, candidates) == [candidate_features(doc, c, total, ranks[i], index, title)
                                                for i, c in enumerate(candidates)]
        tables = lower_words(doc), *sentence_bounds(doc)
        assert all(population_role(*tables, t) == is_population_role(doc, t) for t in outcome_targets(doc))


def test_a_rules_only_pipeline_scores_no_arms_whatever_the_settings(pipeline):
    from extractor.pipeline import build_nlp
    from extractor.records import studied_arm_scores

    text = "Patients were randomised to hydrotherapy or land exercise; pain fell more with hydrotherapy (p = 0.01)."
    assert studied_arm_scores(pipeline.nlp(text), set()) is not None
    assert studied_arm_scores(build_nlp(rules_only=True)(text), set()) is None



def test_the_record_builder_scores_its_candidate_arms_only_when_read(pipeline):
    """A text naming no non-drug arm leaves its candidate arms unread and unscored until a rule asks for them;
    read, they are those of studied_arm_candidates and studied_arm_scores."""
    from extractor.records import studied_arm_scores

    doc = pipeline.nlp("Patients were randomised to metformin or placebo. HbA1c fell more with metformin (p = 0.01).")
    builder = RecordBuilder(doc)
    assert "arm_candidates" not in vars(builder) and "arm_scores" not in vars(builder)
    assert set(builder.arm_candidates) == {("drug", "metformin")} and "arm_scores" not in vars(builder)
    assert builder.arm_scores == studied_arm_scores(doc, builder.measured)


MARKER_LIST = ("Quercetin supplementation and inflammation in young adults: a randomised placebo-controlled trial. "
               "Sixty adults were randomised to quercetin 500 mg daily or placebo for eight weeks. Interleukin-6, "
               "C-reactive protein, cardiotrophin-1 (CT-1) and F2-isoprostanes were measured before and after the "
               "intervention. Quercetin lowered interleukin-6 compared with placebo (p = 0.02).")
FATIGUE_GROUP = ("Circuit training and gait in older adults: a randomised trial. Older adults were allocated to a "
                 "fatigue group, who completed a circuit of exercises before gait testing, or a rest group. Gait "
                 "speed fell more in the fatigue group than in the rest group (p = 0.01).")


def test_drugs_listed_with_lab_markers_are_measured_not_arm_candidates(pipeline):
    doc = pipeline.nlp(MARKER_LIST)
    # the entity stage already reads them as lab markers (lab_markers.jsonl, the marker-list rule)
    assert {e.text for e in doc.ents if e.label_ == "LAB_MARKER"} >= {"cardiotrophin-1", "F2-isoprostanes"}
    assert {c.name for c in arm_candidates(doc, measured_phrases(doc))} == {"quercetin"}


def test_a_treatment_given_with_a_marker_but_no_list_stays_an_arm(pipeline):
    text = ("Forty patients were treated with nivolumab, thyroid-stimulating hormone (TSH) rose within eight weeks "
            "in 19% of them.")
    doc = pipeline.nlp(text)
    assert "nivolumab" in {c.name for c in arm_candidates(doc, measured_phrases(doc))}


def test_a_condition_written_as_a_group_label_is_an_arm_candidate(pipeline):
    doc = pipeline.nlp(FATIGUE_GROUP)
    assert "fatigue" in {c.name for c in arm_candidates(doc, measured_phrases(doc))}


def test_the_first_arm_named_after_an_allocation_lead_is_an_arm_phrase(pipeline):
    from extractor.records import allocated_arms
    doc = pipeline.nlp("Older adults (n = 80) were randomised to a supervised stair-climbing programme or usual care "
                       "for 12 weeks. A second study comparing telephone coaching with printed leaflets is planned.")
    assert [span.text for span in allocated_arms(doc)] == ["supervised stair-climbing programme", "telephone coaching"]
    assert "supervised stair-climbing programme" in {c.name for c in arm_candidates(doc, measured_phrases(doc))}


def test_a_non_drug_arm_coordinated_with_a_drug_is_cut_from_the_drug(pipeline):
    from extractor.records import untaken_conjunct

    doc = pipeline.nlp.make_doc("guided imagery and lidocaine for pain during cystoscopy")
    phrase, drug = doc[0:4], {3}
    assert untaken_conjunct(doc, phrase, drug).text == "guided imagery"
    assert untaken_conjunct(doc, doc[2:4], drug) is None  # nothing but the drug and a conjunction
    # an elided name: the letter left of "vitamin C and E supplementation" names no arm of its own
    doc = pipeline.nlp.make_doc("vitamin C and E supplementation")
    assert untaken_conjunct(doc, doc[0:5], {0, 1}) is None


def test_an_arm_phrase_naming_a_drug_beside_a_non_drug_arm_offers_the_non_drug_arm(pipeline):
    text = ("Efficacy of Guided Imagery and Lidocaine in Reducing Pain of Office Cystoscopy. Adults undergoing "
            "cystoscopy were randomly assigned to an experiment group or a control group. Pain scores in the "
            "experiment group were lower than in the control group (p = 0.01).")
    doc = pipeline.nlp(text)
    assert "guided imagery" in {c.name for c in arm_candidates(doc, measured_phrases(doc))}
    assert [r.intervention for r in pipeline.extract(text).records] == ["guided imagery"]


def test_a_drug_counted_as_what_was_measured_is_no_arm(pipeline):
    text = ("Magnesium for chronic neck pain: a randomised trial. Adults were randomised to oral magnesium or placebo. "
            "After 8 weeks there was no significant difference in neck pain intensity, the number of analgesics taken "
            "per day and total range of motion.")
    doc = pipeline.nlp(text)
    assert "analgesics" not in {c.name for c in arm_candidates(doc, measured_phrases(doc))}
    assert "analgesics" not in {r.intervention for r in pipeline.extract(text).records}


def test_a_drug_measured_by_a_head_after_its_bracketed_short_form_is_no_arm(pipeline):
    text = ("Liraglutide versus metformin in early type 2 diabetes: a randomised trial. Sixty adults were randomised "
            "to liraglutide or metformin. Soluble vascular cell adhesion molecule-1 (sVCAM-1) levels were measured. "
            "Fasting insulin increased in the liraglutide group (p = 0.01).")
    doc = pipeline.nlp(text)
    assert {c.name for c in arm_candidates(doc, measured_phrases(doc))} == {"liraglutide", "metformin"}


MARKER_NAMED_AGAIN = ("Resveratrol and inflammation in cyclists: a randomised trial. Forty cyclists were randomised to "
                      "resveratrol or placebo for six weeks. IL-6, CRP and F2-isoprostane were measured before and "
                      "after the intervention. The first group had smaller F2-isoprostane (P < 0.1) and interleukin 6 "
                      "than the control group (P < 0.05).")


def test_a_drug_listed_with_markers_is_no_arm_in_any_of_its_mentions(pipeline):
    # the entity stage reads the substance as a lab marker at every mention (lab_markers.jsonl)
    assert {e.label_ for e in pipeline.nlp(MARKER_NAMED_AGAIN).ents if e.text == "F2-isoprostane"} == {"LAB_MARKER"}
    records = pipeline.extract(MARKER_NAMED_AGAIN).records
    assert {r.intervention for r in records} <= {"resveratrol"}


@pytest.mark.parametrize("name, expected", [
    ("structured multicomponent walking programme", "walking programme"),
    ("individualised and tailored relaxation training", "relaxation training"),
    ("structured walking", "structured walking"),  # two words kept
    ("supervised walking training", "supervised walking training"),  # a word that may tell arms apart
    ("walking programme", "walking programme"),
])
def test_leading_qualifiers_of_an_arm_name_are_cut(name, expected):
    assert without_qualifiers(name) == expected


def test_a_record_names_a_non_drug_arm_without_its_leading_qualifiers(pipeline):
    text = ("Adults with low back pain were randomised to a structured multicomponent walking programme or to usual "
            "care. Pain scores were lower after the structured multicomponent walking programme than after usual care "
            "(p = 0.02).")
    assert [r.intervention for r in pipeline.extract(text).records] == ["walking programme"]
