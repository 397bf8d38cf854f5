"""Each pipeline component on short texts written for the test."""

import pytest


def ents(pipeline, text):
    doc = pipeline.nlp(text)
    return [(e.text, e.label_) for e in doc.ents], doc


def test_pipeline_is_built_from_registered_factories(pipeline):
    names = pipeline.nlp.pipe_names
    for component in ("lexicon_matcher", "outcome_refiner", "cohort_matcher", "design_matcher",
                      "abbreviation_linker", "mention_resolver", "citation_finder", "evidence_context"):
        assert component in names


def test_drugs_from_the_dictionary_package_and_project_classes(pipeline):
    found, doc = ents(pipeline, "Patients received enoxaparin, LMWH or warfarin, and statins were continued.")
    assert ("enoxaparin", "DRUG") in found
    assert ("LMWH", "DRUG") in found
    assert ("warfarin", "DRUG") in found
    assert ("statins", "DRUG") in found
    enoxaparin = next(e for e in doc.ents if e.text == "enoxaparin")
    assert "drugbank:DB01225" in enoxaparin.id_


def test_therapy_words_stay_outside_drug_spans(pipeline):
    found, _ = ents(pipeline, "Heparin therapy was started while anticoagulation continued.")
    assert ("Heparin", "DRUG") in found
    assert ("anticoagulation", "DRUG") in found


def test_lab_markers_with_written_forms(pipeline):
    found, _ = ents(pipeline, "Levels of interleukin (IL)-6, IL-6, C-reactive protein (CRP) and D-dimer fell.")
    assert ("interleukin (IL)-6", "LAB_MARKER") in found
    assert ("IL-6", "LAB_MARKER") in found
    assert ("C-reactive protein", "LAB_MARKER") in found
    assert ("CRP", "LAB_MARKER") in found
    assert ("D-dimer", "LAB_MARKER") in found


def test_lab_markers_written_with_greek_letters(pipeline):
    extraction = pipeline.extract("Serum interleukin-1β and TNFα fell with curcumin, while IFN-γ rose.")
    found = {(m.text, m.norm["name"]) for m in extraction.entities if m.label == "LAB_MARKER"}
    assert {("interleukin-1β", "interleukin-1"), ("TNFα", "tumor necrosis factor"),
            ("IFN-γ", "interferon gamma")} <= {(t.removeprefix("Serum "), n) for t, n in found}


@pytest.mark.parametrize("text, span", [
    ("We enrolled 1,204 participants.", "1,204 participants"),
    ("A cohort (n = 120) was followed.", "n = 120"),
    ("In total two hundred patients consented.", "two hundred patients"),
    ("It included 1,548 surgical patients.", "1,548 surgical patients"),
])
def test_cohort_sizes(pipeline, text, span):
    found, _ = ents(pipeline, text)
    assert (span, "COHORT_SIZE") in found


@pytest.mark.parametrize("text", [
    "A total of 18 clinical trials were registered.", "Patients took 40 mg daily for 10 days.", "Over 6 years of follow-up.",
])
def test_counts_that_are_not_cohorts(pipeline, text):
    found, _ = ents(pipeline, text)
    assert not [f for f in found if f[1] == "COHORT_SIZE"]


def test_bare_arm_count_beside_a_cohort(pipeline):
    found, _ = ents(pipeline, "Of these, 310 patients received placebo, whereas 95 had received the drug.")
    assert ("95", "COHORT_SIZE") in found


@pytest.mark.parametrize("text, span", [
    ("This was a double-blind, placebo-controlled trial.", "double-blind, placebo-controlled trial"),
    ("A retrospective cohort study found this.", "retrospective cohort study"),
    ("The results appeared as a preprint.", "preprint"),
    ("The study did not include a control group.", "did not include a control group"),
    ("A population-based case-control study followed.", "population-based case-control study"),
])
def test_designs(pipeline, text, span):
    found, _ = ents(pipeline, text)
    assert (span, "STUDY_DESIGN") in found


def test_abbreviation_takes_long_form_label_and_norm(pipeline):
    text = "Rates of deep venous thrombosis (DVT) were low; DVT occurred in 2%."
    doc = pipeline.nlp(text)
    assert [e.label_ for e in doc.ents if e.text == "DVT"] == ["OUTCOME", "OUTCOME"]


def test_an_unlisted_long_form_used_as_an_outcome_names_its_short_forms(pipeline):
    text = ("Early graft dysfunction (EGD) follows many liver transplants. In a trial of 220 recipients, "
            "machine perfusion reduced EGD (11% vs. 24%).")
    extraction = pipeline.extract(text)
    names = {(m.text, m.norm["name"]) for m in extraction.entities if m.label == "OUTCOME"}
    assert names == {("Early graft dysfunction", "early graft dysfunction"), ("EGD", "early graft dysfunction")}
    assert {r.outcome for r in extraction.records} <= {"early graft dysfunction"}


def test_an_unlisted_long_form_outside_any_outcome_slot_stays_untagged(pipeline):
    text = "The peak expiratory ratio (PER) was computed for each child; PER was then compared between arms."
    assert not [e for e in pipeline.nlp(text).ents if e.label_ == "OUTCOME"]


def test_timed_outcomes_keep_their_time_frame(pipeline):
    doc = pipeline.nlp("The drug reduced 28-day mortality and in-hospital mortality.")
    names = {e.text: e.kb_id_ for e in doc.ents if e.label_ == "OUTCOME"}
    assert names == {"28-day mortality": "28-day mortality", "in-hospital mortality": "in-hospital mortality"}


def test_a_time_frame_in_words_is_named_in_digits(pipeline):
    found = pipeline.extract("Sixty-day mortality was lower with the drug.").entities
    assert [(m.text, m.norm["name"]) for m in found if m.label == "OUTCOME"] == [("Sixty-day mortality", "60-day mortality")]


def test_disease_names_are_outcomes_only_as_endpoints(pipeline):
    found, _ = ents(pipeline, "In patients with pneumonia, the drug reduced the risk of stroke.")
    assert ("stroke", "OUTCOME") in found
    assert not [f for f in found if f[0] == "pneumonia"]


def test_composite_outcome_is_one_mention(pipeline):
    found, _ = ents(pipeline, "The primary end point was major bleeding or hospitalization.")
    assert ("major bleeding or hospitalization", "OUTCOME") in found


def test_citations(pipeline):
    doc = pipeline.nlp("Mortality fell (12, 14-16) and rose again [5].")
    refs = [span._.refs for span in doc.spans["citations"]]
    assert refs == [["12", "14", "15", "16"], ["5"]]


def test_negation_scope_stops_at_the_clause(pipeline):
    doc = pipeline.nlp("Mortality was 18% compared with 27% for patients who did not receive lithium.")
    flags = {e.text: e._.negated for e in doc.ents}
    assert flags["lithium"] is True
    assert flags["Mortality"] is False


def test_hedging(pipeline):
    doc = pipeline.nlp("These data raise the possibility that aspirin may reduce mortality.")
    assert {e.text: e._.hedged for e in doc.ents if e.text in ("aspirin", "mortality")} == {"aspirin": True, "mortality": True}


def test_processed_docs_stay_serializable(pipeline):
    doc = pipeline.nlp("Aspirin did not reduce stroke in 100 patients (3).")
    restored = type(doc)(pipeline.nlp.vocab).from_bytes(doc.to_bytes())
    assert [e.text for e in restored.ents] == [e.text for e in doc.ents]


def test_rules_pipeline_needs_neither_torch_nor_transformers():
    """With torch and transformers made unimportable (as where the model extra is not installed)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('torch', 'transformers'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import extractor\n"
        "result = extractor.load().extract('Aspirin reduced stroke in 100 patients (3).')\n"
        "print(len(result.entities), len(result.records))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["3", "1"]


def test_mentions_read_negation_and_hedging_as_the_span_extensions_say(pipeline):
    from extractor.mentions import doc_mentions

    doc = pipeline.nlp("Aspirin did not reduce mortality. Heparin may reduce stroke in 40 patients.")
    assert [(m.negated, m.hedged) for m in doc_mentions(doc)] == [
        (bool(e._.negated), bool(e._.hedged)) for e in doc.ents]
    assert any(m.negated for m in doc_mentions(doc)) and any(m.hedged for m in doc_mentions(doc))


def test_hyphen_joined_drugs_are_one_product_mention_and_a_drug_before_treated_its_own(pipeline):
    doc = pipeline.nlp("Patients took dolutegravir-lamivudine daily, and aspirin-treated patients bled more.")
    drugs = [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "DRUG"]
    assert drugs == [("dolutegravir-lamivudine", "dolutegravir-lamivudine"), ("aspirin", "aspirin")]


def test_albumin_is_a_drug_where_it_is_given_and_a_marker_where_it_is_measured(pipeline):
    doc = pipeline.nlp("Albumin did not reduce mortality, although serum albumin rose in the albumin group, "
                       "and low albumin predicted death.")
    labels = [(e.text, e.label_) for e in doc.ents if "lbumin" in e.text]
    assert labels == [("Albumin", "DRUG"), ("serum albumin", "LAB_MARKER"), ("albumin", "DRUG"), ("albumin", "LAB_MARKER")]


def test_eosinophil_count_ige_and_hiv_acquisition_are_tagged(pipeline):
    doc = pipeline.nlp("Mepolizumab lowered blood eosinophil counts and serum IgE, and lenacapavir reduced HIV acquisition.")
    found = {(e.text, e.label_, e.kb_id_) for e in doc.ents if e.label_ in ("LAB_MARKER", "OUTCOME")}
    assert found == {("blood eosinophil counts", "LAB_MARKER", "eosinophil count"), ("serum IgE", "LAB_MARKER", "ige"),
                     ("HIV acquisition", "OUTCOME", "hiv infection")}


def test_bracket_pairs_are_the_matchers_in_its_order(pipeline):
    import random

    from spacy.tokens import Doc

    from extractor.components.abbreviations import BracketPairs, bracket_matcher

    matcher, pairs = bracket_matcher(pipeline.nlp), BracketPairs(pipeline.nlp)
    generator = random.Random(7)
    for _ in range(2000):
        words = [generator.choice(["(", ")", "x", "y", "("]) for _ in range(generator.randint(0, 30))]
        doc = Doc(pipeline.nlp.vocab, words=words)
        assert pairs(doc) == matcher(doc)


def test_lexicon_memo_is_dropped_on_pickling_and_on_new_terms():
    import pickle

    from extractor.lexicons import Entry, Lexicon

    lexicon = Lexicon("DRUG")
    lexicon.add("heparin", Entry("DRUG", "heparin"))
    memo = lexicon.found_keys()
    memo[("heparin", "heparin")] = lexicon.lookup("heparin", "heparin")
    assert "_found" not in pickle.loads(pickle.dumps(lexicon)).__dict__
    lexicon.add("aspirin", Entry("DRUG", "aspirin"))
    assert lexicon.found_keys() == {}


@pytest.mark.parametrize("words, spaces, found", [
    (["in", "vitro", "fertilization", "failed"], [1, 1, 1, 0], [(0, 3, "ivf")]),
    (["rates", "of", "septic", "shocks", "fell"], [1, 1, 1, 1, 0], [(2, 4, "septic shock")]),
    (["septic", "\u2013", "shock", "in", "vitro"], [1, 1, 1, 1, 0], [(0, 3, "septic shock")]),
    (["in", "vitro", "-", "fertilization"], [1, 0, 0, 0], [(0, 4, "ivf")]),
    (["in", "vit", "ro", "fertilization"], [1, 0, 1, 0], [(0, 4, "ivf")]),
    (["in", "the", "septic", "shock"], [1, 1, 1, 0], [(2, 4, "septic shock")]),
    (["AB", "Oedema", "and", "AB", "Oedemas", "and", "ab", "oedema"], [1, 1, 1, 1, 1, 1, 1, 0],
     [(0, 2, "ab edema"), (3, 5, "ab edema")]),
    (["TNF", "alpha", "rose"], [1, 1, 0], [(0, 2, "tnf alpha")]),
])
def test_dictionary_scan_stops_where_no_term_begins_with_two_words(words, spaces, found):
    """The scan skips growing a key whose first two words begin no term, and still finds terms across a
    dash token, a glued word, a plural and case-kept terms whose second word folds its British spelling."""
    import spacy
    from spacy.tokens import Doc

    from extractor.components.lexicon_matcher import find_terms
    from extractor.lexicons import Entry, Lexicon

    lexicon = Lexicon("OUTCOME")
    lexicon.add("in vitro fertilization", Entry("OUTCOME", "ivf"))
    lexicon.add("septic shock", Entry("OUTCOME", "septic shock"))
    lexicon.add("shock", Entry("OUTCOME", "shock"))
    lexicon.add("AB Oedema", Entry("OUTCOME", "ab edema"), case_sensitive=True)
    lexicon.add("TNF alpha", Entry("OUTCOME", "tnf alpha"), case_sensitive=True)
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[bool(s) for s in spaces])
    assert [(start, end, entry.name) for start, end, entry in find_terms(doc, lexicon)] == found


def test_token_table_reads_punctuation_and_spaces_as_the_tokens_do(pipeline):
    """The dictionary scans' token table keeps each lexeme's punctuation and space flags by orth id."""
    from extractor.components.lexicon_matcher import release_token_table, token_keys, token_table

    for text in ["Aspirin (81 mg) lowered stroke \u2013 and\u00a0bleeding ; \n\n rose.", "", "  (", "new-word\tx..."]:
        doc = pipeline.nlp.make_doc(text)
        release_token_table(doc)
        table = token_table(doc)
        assert list(table.skip) == [token.is_punct or token.is_space for token in doc]
        assert [bool(after) for after in table.space_after] == [bool(token.whitespace_) for token in doc]
        assert list(table.folded_term) == [(token_keys(token.text)[0]).strip() for token in doc]


def test_doc_extension_reads_what_doc_underscore_reads(pipeline):
    """``spans.doc_extension`` reads ``doc._`` values from ``doc.user_data`` (set, unset, unknown)."""
    from spacy.tokens import Doc

    from extractor.components.spans import doc_extension

    doc = pipeline.nlp("Aspirin lowered the risk of stroke in 120 patients.")
    for name in ("claims", "sentence_roles", "evidence_context"):
        if Doc.has_extension(name):
            assert doc_extension(doc, name) == getattr(doc._, name)
    Doc.set_extension("speed_probe", default=None, force=True)
    assert doc_extension(doc, "speed_probe") is None
    doc._.speed_probe = {"a": 1}
    assert doc_extension(doc, "speed_probe") == {"a": 1}
    Doc.set_extension("speed_probe_list", default=[], force=True)
    assert doc_extension(doc, "speed_probe_list") == [] and doc._.speed_probe_list is doc_extension(doc, "speed_probe_list")
    Doc.remove_extension("speed_probe")
    Doc.remove_extension("speed_probe_list")


def test_numbered_list_items_are_no_citations():
    from extractor.components.citations import find_citations
    text = "CONCLUSIONS: (1) X did not lower Y; (2) X lowered Z. W fell (3)."
    assert [refs for _, _, refs in find_citations(text)] == [["3"]]
    assert [refs for _, _, refs in find_citations("It fell (1). It rose (2).")] == [["1"], ["2"]]


def test_supplementation_stays_outside_a_drug_span(pipeline):
    doc = pipeline.nlp("Magnesium supplementation lowered cramps, and zinc supplements shortened diarrhoea.")
    assert [e.text for e in doc.ents if e.label_ == "DRUG"] == ["Magnesium", "zinc"]


def test_calcium_alone_stays_a_laboratory_value(pipeline):
    doc = pipeline.nlp("Paricalcitol increased urinary calcium compared with placebo in 60 patients.")
    assert [e.text for e in doc.ents if e.label_ == "DRUG"] == ["Paricalcitol"]


def test_docs_pickle_with_the_kept_spans_left_behind(pipeline):
    """The candidate list and the sentence list kept among a doc's hooks hold Spans, which spaCy does not
    pickle: a pickled doc leaves them behind and reads the same candidates and sentences again."""
    import pickle

    from extractor.components.spans import candidates, doc_sentences

    text = "Aspirin did not reduce stroke in 100 patients (3). Placebo raised pain scores."
    doc = pipeline.nlp.make_doc(text)
    for name, component in pipeline.nlp.pipeline:
        doc = component(doc)
        if name == "entity_patterns":
            break
    copy = pickle.loads(pickle.dumps(doc))
    assert [(s.start, s.end, s.label_, s.kb_id_) for s in candidates(copy)] == \
        [(s.start, s.end, s.label_, s.kb_id_) for s in candidates(doc)] != []
    assert [(s.start, s.end) for s in doc_sentences(copy)] == [(s.start, s.end) for s in doc.sents]
    done = pipeline.nlp(text)
    assert [e.text for e in pickle.loads(pickle.dumps(done)).ents] == [e.text for e in done.ents]


def test_a_substance_added_to_another_treatment_is_the_drug_given(pipeline):
    doc = pipeline.nlp("Albumin added to usual care did not shorten ventilation, although serum albumin rose.")
    labels = [(ent.text, ent.label_) for ent in doc.ents if "lbumin" in ent.text]
    assert labels == [("Albumin", "DRUG"), ("serum albumin", "LAB_MARKER")]
