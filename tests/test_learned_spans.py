"""The learned span component: boundary trimming, candidate sentences, offsets, and the rules-only switch.

The sentences here are written for these tests; they come from no corpus.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from extractor.components.learned_spans import (
    LEARNED_KEY, is_candidate_sentence, leading_trim, span_lexicon, trailing_trim, trimmed_bounds,
    untargeted_result_sentences,
)
from extractor.components.spans import decode_ids
from extractor.mentions import span_to_mention
from extractor.pipeline import LEARNED_COMPONENTS, build_nlp, pipeline_components, scientific_blank

RULES = span_lexicon().trim

TRIAL_SENTENCES = [
    "Compared with placebo, zoledronate reduced the incidence of vertebral fractures over three years (p < 0.001).",
    "Mean nocturnal awakenings per week were lower with melatonin than with placebo (2.1 vs 3.4, p = 0.02).",
    "The trial enrolled volunteers from four towns in the spring.",
]


def words(text: str) -> list[str]:
    return text.lower().split()


@pytest.mark.parametrize("phrase, dropped", [
    ("the wound infection rate", 1), ("their walking distance", 1), ("patients' pain", 1), ("pain", 0),
])
def test_leading_determiners_and_possessives_are_dropped(phrase, dropped):
    assert leading_trim(words(phrase), RULES) == dropped


@pytest.mark.parametrize("phrase, kept", [
    ("pain at 12 weeks", "pain"),
    ("body weight after 6 months", "body weight"),
    ("hba1c at the end of follow-up", "hba1c"),
    ("fatigue ( vas )", "fatigue"),
    ("systolic blood pressure in mmhg", "systolic blood pressure"),
    ("weight loss during the study", "weight loss during the study"),
    ("time to relapse", "time to relapse"),
])
def test_trailing_time_frames_parentheticals_and_units_are_dropped(phrase, kept):
    tokens = words(phrase)
    assert " ".join(tokens[: len(tokens) - trailing_trim(tokens, RULES)]) == kept


def test_measure_words_are_dropped_only_when_asked():
    tokens = words("the anxiety scores")
    assert trimmed_bounds(tokens, RULES) == (1, 3)
    assert trimmed_bounds(tokens, RULES, drop_measure_words=True) == (1, 2)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(rules_only=False, learned_spans=True)


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(TRIAL_SENTENCES))


def test_rules_only_leaves_the_learned_component_out(nlp):
    assert "learned_spans" in nlp.pipe_names
    assert "learned_spans" not in build_nlp(rules_only=True, learned_spans=True).pipe_names
    assert not LEARNED_COMPONENTS & {name for name, _ in pipeline_components(rules_only=True)}


def test_by_default_the_model_reads_only_tested_results_without_an_outcome_mention():
    config = dict(pipeline_components(rules_only=False, learned_spans=False))["learned_spans"]
    assert config["untargeted_only"] and config["labels"] == ["OUTCOME"]
    nlp = build_nlp(rules_only=False, learned_spans=False)
    text = ("Children were randomly assigned to music or silence during cannulation. "
            "Crying stopped sooner in the music group (p = 0.03). "
            "Pain scores were lower in the music group (p = 0.01).")
    doc = nlp(text)
    sentences = [s.text for s in untargeted_result_sentences(doc)]
    assert sentences == ["Crying stopped sooner in the music group (p = 0.03)."]
    assert all(span.label_ == "OUTCOME" and span.sent.text == sentences[0] for span in doc.spans[LEARNED_KEY])


def test_only_cue_sentences_are_candidates(docs):
    cues = span_lexicon().cues
    assert is_candidate_sentence(next(docs[0].sents), cues)
    assert not is_candidate_sentence(next(docs[2].sents), cues)


def test_the_first_sentence_and_cue_sentences_are_candidates_and_no_other(nlp):
    title = "Melatonin for night waking in toddlers"
    text = f"{title}. The trial enrolled volunteers from four towns in the spring. {TRIAL_SENTENCES[0]}"
    doc = nlp(text)
    sentences = list(doc.sents)
    assert len(sentences) == 3
    candidates = nlp.get_pipe("learned_spans").candidate_sentences(doc)
    assert [s.start for s in candidates] == [sentences[0].start, sentences[2].start]
    assert not [s for s in doc.spans[LEARNED_KEY] if sentences[1].start <= s.start < sentences[1].end]


def test_learned_spans_are_labelled_sourced_and_map_back_exactly(nlp, docs):
    spans = [span for doc in docs for span in doc.spans[LEARNED_KEY]]
    assert spans, "the model finds nothing in trial-style result sentences"
    model = nlp.get_pipe("learned_spans").model
    tokenizer = scientific_blank().tokenizer
    for span in spans:
        assert span.label_ in {"OUTCOME", "INTERVENTION"}
        assert decode_ids(span.id_) == {"source": "model"}
        sentence = span.sent
        tokens = tokenizer(sentence.text)  # the sentence on its own: the model must find the same span there
        alone = model(Doc(model.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens]))
        relative = (span.start_char - sentence.start_char, span.end_char - sentence.start_char, span.label_)
        assert relative in {(e.start_char, e.end_char, e.label_) for e in alone.ents}


def test_an_outcome_no_lexicon_lists_is_found(docs):
    outcomes = [span.text for span in docs[1].spans[LEARNED_KEY] if span.label_ == "OUTCOME"]
    assert any("awakenings" in text for text in outcomes)
    arms = [span.text for doc in docs[:2] for span in doc.spans[LEARNED_KEY] if span.label_ == "INTERVENTION"]
    assert "placebo" in arms


def test_merged_outcomes_overlap_no_rule_entity_and_come_from_the_model(nlp):
    component = nlp.get_pipe("learned_spans")
    component.merge_outcomes = True
    try:
        rules_docs = list(build_nlp(rules_only=True).pipe(TRIAL_SENTENCES))
        merged_docs = list(nlp.pipe(TRIAL_SENTENCES))
    finally:
        component.merge_outcomes = False
    added = []
    for rules_doc, doc in zip(rules_docs, merged_docs):
        rule_ents = {(e.start, e.end, e.label_) for e in rules_doc.ents}
        assert rule_ents <= {(e.start, e.end, e.label_) for e in doc.ents}
        added += [e for e in doc.ents if (e.start, e.end, e.label_) not in rule_ents]
    assert added
    for ent in added:
        mention = span_to_mention(ent)
        assert (mention.label, mention.source) == ("OUTCOME", "model")
        assert ent.text.split()[0].lower() not in RULES.leading_drop


def test_merged_outcomes_name_more_than_a_measure(nlp):
    """A model span that is only a measure ("the annual rate") stays out of the entities; a counted one joins."""
    component = nlp.get_pipe("learned_spans")
    component.merge_outcomes = True
    texts = ["Compared with placebo, zoledronate reduced the annual rate of falls (p < 0.001).", TRIAL_SENTENCES[1]]
    try:
        docs = list(nlp.pipe(texts))
    finally:
        component.merge_outcomes = False
    predicted = [span.text for span in docs[0].spans[LEARNED_KEY] if span.label_ == "OUTCOME"]
    merged = [[e.text for e in doc.ents if span_to_mention(e).source == "model"] for doc in docs]
    assert "annual rate" in predicted and "annual rate" not in merged[0]
    assert any("awakenings" in text for text in merged[1])


@pytest.mark.parametrize("text, phrase, merged", [
    ("The trial enrolled 40 adults with focal epilepsy.", "focal epilepsy", False),
    ("Lamotrigine reduced focal seizures over a year.", "focal seizures", True),
    ("Nocturnal awakenings occurred less often with melatonin.", "Nocturnal awakenings", True),
    ("Yoga improved walking distance in 30 adults.", "walking distance", True),
    ("Yoga shortened markedly recovery time after surgery.", "recovery time", True),
    ("Yoga was offered to adults with walking difficulty.", "walking difficulty", False),
])
def test_a_model_outcome_joins_only_where_the_text_counts_it(text, phrase, merged):
    from spacy.tokens import Span

    from extractor.components.learned_spans import counted_as_endpoint

    doc = build_nlp(rules_only=True)(text)
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase), label="OUTCOME")
    assert counted_as_endpoint(doc, Span(doc, span.start, span.end, label="OUTCOME")) is merged
