"""The trainable tagger with a tiny randomly initialised BERT built here: no download, seconds of CPU."""

from __future__ import annotations

import json
import re

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


torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory):
    """A 2-layer BERT with a word-level vocabulary from the project corpus, saved as a local folder."""
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


def test_training_writes_a_hugging_face_folder(trained):
    out, report = trained
    assert (out / "model.safetensors").exists() and (out / "tokenizer.json").exists()
    assert (out / "README.md").read_text().startswith("# Evidence tagger")
    config = json.loads((out / "config.json").read_text())
    assert config["id2label"]["1"] == "B-DRUG" and len(config["id2label"]) == 11
    assert len(report.epochs) == 2 and report.epochs[1]["loss"] < report.epochs[0]["loss"]
    assert "micro_f1" in report.epochs[0]


def test_saved_model_loads_and_predicts_valid_spans(trained):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from extractor.train import predict_spans

    out, _ = trained
    model = AutoModelForTokenClassification.from_pretrained(str(out))
    tokenizer = AutoTokenizer.from_pretrained(str(out))
    text = "In a randomized trial of 300 patients, aspirin reduced stroke."
    for start, end, label, score in predict_spans(model, tokenizer, [text])[0]:
        assert 0 <= start < end <= len(text) and label in ("DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN")
        assert 0.0 <= score <= 1.0


def test_pipeline_with_model_keeps_rules_and_valid_spans(trained):
    import extractor

    out, _ = trained
    text = "In a randomized trial of 300 patients, aspirin reduced stroke (3). Zorbitol lowered CRP."
    with_model = extractor.load(out)
    assert "transformer_tagger" in with_model.nlp.pipe_names
    result = with_model.extract(text)
    for mention in result.entities:
        assert text[mention.start:mention.end] == mention.text
    rules_only = extractor.load().extract(text)
    rule_spans = {(m.start, m.end, m.label) for m in rules_only.entities}
    assert rule_spans <= {(m.start, m.end, m.label) for m in result.entities}
    assert all(m.source == "model" for m in result.entities if (m.start, m.end, m.label) not in rule_spans)


def test_threshold_one_adds_nothing(trained):
    import spacy  # noqa: F401

    from extractor.pipeline import build_nlp

    out, _ = trained
    nlp = build_nlp(out)
    nlp.get_pipe("transformer_tagger").threshold = 1.01
    doc = nlp("Aspirin reduced stroke in 300 patients.")
    assert all("source:model" not in e.id_ for e in doc.ents)
