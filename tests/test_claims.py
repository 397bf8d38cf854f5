"""Claim decisions: the training data never reads dev articles; the trained scorer on sentences we wrote."""

from __future__ import annotations

import pytest

from extractor.claims import CLAIM_LABELS, DEFAULT_WEIGHTS, ClaimInput, ClaimScorer, marked_text
from extractor.learn.claim_data import DataOptions, Example, locate

from .conftest import SHARED

EI_DEV = SHARED / "external" / "evidence-inference" / "dev.jsonl"
needs_weights = pytest.mark.skipif(not (DEFAULT_WEIGHTS / "config.cfg").exists(), reason="no trained claim model")
needs_shared = pytest.mark.skipif(not EI_DEV.exists(), reason="../shared evidence-inference is absent")


def pair(sentence: str, intervention: str | None, outcome: str) -> ClaimInput:
    start = sentence.index(outcome)
    arm = None
    if intervention is not None:
        at = sentence.index(intervention)
        arm = (at, at + len(intervention))
    return ClaimInput(sentence, arm, (start, start + len(outcome)))


def test_marking_replaces_the_pair_by_marker_words():
    item = pair("Drug A reduced pain at 24 h (p = 0.01).", "Drug A", "pain at 24 h")
    assert marked_text(item) == "INTERVENTIONMARK reduced OUTCOMEMARK (p = 0.01)."
    assert marked_text(item, "wrap") == ("INTERVENTIONMARK Drug A INTERVENTIONMARKEND reduced "
                                         "OUTCOMEMARK pain at 24 h OUTCOMEMARKEND (p = 0.01).")


def test_overlapping_intervention_is_not_marked():
    item = ClaimInput("Aspirin use fell.", (0, 7), (0, 11))
    assert marked_text(item) == "OUTCOMEMARK fell."


def test_locate_finds_verbatim_and_reworded_phrases():
    text = "The duration of postoperative ileus was shorter with gum chewing (p = 0.02)."
    assert text[slice(*locate(text, "Duration of postoperative ileus"))] == "duration of postoperative ileus"
    assert text[slice(*locate(text, "postoperative ileus duration"))] == "duration of postoperative ileus"
    assert locate(text, "serum sodium") is None


@needs_shared
def test_training_examples_never_come_from_dev_articles():
    import json

    from extractor.learn.claim_data import all_examples

    dev_ids = {json.loads(line)["id"] for line in EI_DEV.read_text(encoding="utf-8").splitlines() if line.strip()}
    examples = all_examples(DataOptions(wrong_pairs=True))
    sources = {e.source for e in examples}
    assert {"evidence", "abstract-methods", "passage"} <= sources
    assert len(examples) > 2000
    assert not {e.article for e in examples} & dev_ids


@needs_shared
def test_evidence_examples_drop_dev_pmcids_that_are_asked_to_be_excluded():
    import json

    from extractor.learn.claim_data import evidence_examples

    first = json.loads(EI_DEV.read_text(encoding="utf-8").splitlines()[0])["id"]
    kept = evidence_examples(set(), DataOptions())
    assert any(e.article == first for e in kept), "the dev article has evidence rows to drop"
    assert not any(e.article == first for e in evidence_examples({first}, DataOptions()))
    assert all(isinstance(e, Example) for e in kept)


@pytest.fixture(scope="module")
def scorer() -> ClaimScorer:
    return ClaimScorer()


@needs_weights
def test_scorer_directions_on_written_sentences(scorer):
    items = [
        pair("Dexamethasone significantly reduced postoperative nausea compared with placebo (18% vs 34%, p = 0.003).",
             "Dexamethasone", "postoperative nausea"),
        pair("Length of stay did not differ between the ketamine and control groups (p = 0.41).",
             "ketamine", "Length of stay"),
        pair("We hypothesised that the nerve block would reduce postoperative pain.", "nerve block", "postoperative pain"),
        pair("The primary outcome was the incidence of delirium within 7 days.", None, "incidence of delirium"),
    ]
    decisions = scorer.score(items)
    assert [d.label for d in decisions] == ["decrease", "no_difference", "none", "none"]
    for decision in decisions:
        assert set(decision.probs) == set(CLAIM_LABELS)
        assert abs(sum(decision.probs.values()) - 1) < 0.01
        assert decision.probs[decision.label] == max(decision.probs.values())


@needs_weights
def test_scorer_handles_an_empty_batch_and_is_shared(scorer):
    assert scorer.score([]) == []
    assert ClaimScorer.default() is ClaimScorer.default()


@needs_weights
def test_scores_are_the_same_with_the_tokens_in_the_pipeline_vocab(scorer):
    """Tokenized into another vocab (the pipeline's), the same rules give the same tokens and scores."""
    import spacy

    from extractor.learn.predict import tokenizer_on

    pairs = [ClaimInput("Drug A reduced pain (p = 0.01) vs. placebo.", intervention=(0, 6), outcome=(15, 19)),
             ClaimInput("There was no difference in mortality between the groups.", None, (27, 36))]
    vocab = spacy.blank("en").vocab
    with_vocab = scorer.score(pairs, vocab)
    assert [(d.label, d.probs) for d in with_vocab] == [(d.label, d.probs) for d in scorer.score(pairs)]
    from extractor.claims import load_claim_model

    model = load_claim_model(str(DEFAULT_WEIGHTS))
    assert tokenizer_on(vocab, model) is tokenizer_on(vocab, model)
    assert tokenizer_on(vocab, model).vocab is vocab
