"""The trainable tagger with a tiny randomly initialised BERT built here: no download, seconds of CPU.

The alignment tests need nothing beyond the project; the others need the model extra and skip one by one without it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil

import pytest

from extractor.alignment import spans_to_tags, tag_names, tags_to_spans

from .conftest import ROOT


def test_tag_names():
    assert tag_names(["DRUG"]) == ["O", "B-DRUG", "I-DRUG"]


def test_spans_to_tags_and_back():
    text = "low-molecular-weight heparin reduced VTE"
    offsets = [(0, 0), (0, 3), (3, 4), (4, 13), (13, 14), (14, 20), (21, 28), (29, 36), (37, 40), (0, 0)]
    spans = [(0, 28, "DRUG"), (37, 40, "OUTCOME")]
    tags = spans_to_tags(offsets, spans)
    assert tags == [None, "B-DRUG", "I-DRUG", "I-DRUG", "I-DRUG", "I-DRUG", "I-DRUG", "O", "B-OUTCOME", None]
    assert [(s, e, l) for s, e, l, _ in tags_to_spans(offsets, tags)] == spans
    assert text[0:28] == "low-molecular-weight heparin"


def test_adjacent_spans_of_one_label_stay_apart():
    offsets = [(0, 7), (8, 15)]
    tags = spans_to_tags(offsets, [(0, 7, "DRUG"), (8, 15, "DRUG")])
    assert tags == ["B-DRUG", "B-DRUG"]
    assert len(tags_to_spans(offsets, tags)) == 2


def test_stray_inside_tag_opens_a_span_and_scores_average():
    spans = tags_to_spans([(0, 3), (4, 8), (9, 12)], ["O", "I-DRUG", "I-DRUG"], [0.1, 0.8, 0.6])
    assert spans == [(4, 12, "DRUG", pytest.approx(0.7))]


needs_model_extra = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("torch", "transformers")),
    reason="the model extra (torch, transformers) is not installed",
)
LABELS = ("DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN")


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory):
    """A 2-layer BERT with a word-level vocabulary from the project corpus, saved as a local folder."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    texts = [json.loads(line)["text"] for line in (ROOT / "corpora" / "passages.jsonl").read_text().splitlines()]
    words = sorted({w for t in texts for w in re.findall(r"[a-z]+|\d|[^\sa-z\d]", t.lower())})
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    config = BertConfig(vocab_size=len(words) + 5, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    torch.manual_seed(0)
    BertForTokenClassification(config).save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def trained(tiny_base, tmp_path_factory):
    from extractor.evaluate import read_gold
    from extractor.train import train

    passages = list(read_gold(ROOT / "corpora" / "passages.jsonl"))
    out = tmp_path_factory.mktemp("tagger")
    report = train(passages[:30], passages[30:36], tiny_base, out, epochs=2, batch_size=8, learning_rate=1e-3,
                   log=lambda _: None)
    return out, report


@pytest.fixture(scope="module")
def eager(trained, tmp_path_factory):
    """The trained tagger with its B-OUTCOME bias raised so far that every word piece opens an OUTCOME span."""
    from transformers import AutoModelForTokenClassification

    out, _ = trained
    folder = tmp_path_factory.mktemp("eager-tagger")
    shutil.copytree(out, folder, dirs_exist_ok=True)
    model = AutoModelForTokenClassification.from_pretrained(str(out))
    b_outcome = model.config.label2id["B-OUTCOME"]
    model.classifier.bias.data[b_outcome] += 100.0
    model.save_pretrained(str(folder))
    return folder


def load_model(folder):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    return AutoModelForTokenClassification.from_pretrained(str(folder)), AutoTokenizer.from_pretrained(str(folder))


@needs_model_extra
def test_training_writes_a_hugging_face_folder(trained):
    out, report = trained
    assert (out / "model.safetensors").exists() and (out / "tokenizer.json").exists()
    assert (out / "README.md").read_text().startswith("# Evidence tagger")
    config = json.loads((out / "config.json").read_text())
    assert config["id2label"]["1"] == "B-DRUG" and len(config["id2label"]) == 11
    assert len(report.epochs) == 2 and report.epochs[1]["loss"] < report.epochs[0]["loss"]
    assert "micro_f1" in report.epochs[0]


def assert_valid_spans(spans, text):
    for start, end, label, score in spans:
        assert 0 <= start < end <= len(text) and label in LABELS
        assert 0.0 <= score <= 1.0


@needs_model_extra
def test_saved_model_loads_and_predicts_valid_spans(trained, eager):
    from extractor.train import predict_spans

    text = "In a randomized trial of 300 patients, aspirin reduced stroke."
    found = predict_spans(*load_model(trained[0]), [text, text])
    assert len(found) == 2 and found[0] == found[1]
    assert_valid_spans(found[0], text)
    # the eager copy predicts for certain: one OUTCOME span per word or punctuation mark, each on its own text
    spans = predict_spans(*load_model(eager), [text])[0]
    assert [text[start:end] for start, end, _, _ in spans] == re.findall(r"\w+|[^\w\s]", text)
    assert {label for _, _, label, _ in spans} == {"OUTCOME"}
    assert_valid_spans(spans, text)


@needs_model_extra
def test_pipeline_with_model_keeps_rules_and_valid_spans(eager):
    import extractor

    text = "In a randomized trial of 300 patients, aspirin reduced stroke (3). Zorbitol lowered CRP."
    with_model = extractor.load(eager)
    assert "transformer_tagger" in with_model.nlp.pipe_names
    result = with_model.extract(text)
    for mention in result.entities:
        assert text[mention.start:mention.end] == mention.text
    rules_only = extractor.load().extract(text)
    rule_spans = {(m.start, m.end, m.label) for m in rules_only.entities}
    assert rule_spans and rule_spans <= {(m.start, m.end, m.label) for m in result.entities}
    added = [m for m in result.entities if (m.start, m.end, m.label) not in rule_spans]
    assert added, "the eager model found nothing beside the rules"
    assert {m.source for m in added} == {"model"}


@needs_model_extra
def test_threshold_one_adds_nothing(eager):
    from extractor.pipeline import build_nlp

    text = "Aspirin reduced stroke in 300 patients."
    nlp = build_nlp(eager)
    assert any("source:model" in e.id_ for e in nlp(text).ents)
    nlp.get_pipe("transformer_tagger").threshold = 1.01
    with_threshold = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    assert with_threshold == [(e.start_char, e.end_char, e.label_) for e in build_nlp()(text).ents]
