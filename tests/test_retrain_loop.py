"""Corrections back into the model, end to end: a curator adds an OUTCOME the pipeline misses on a few
documents through the API, exports the gold file, the span model is retrained on it (small and seeded,
in a subprocess as a user would run it), and the new model finds that outcome in a passage it never saw.

The passages are written for this test; they come from no corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from extractor.settings import Settings

from .conftest import ROOT, new_key

PHRASE = "30-second chair stand count"
CORRECTED = [
    "Creatine improved 30-second chair stand count in 40 older women after eight weeks.",
    "In 62 adults with rheumatoid arthritis, tofacitinib increased 30-second chair stand count compared with placebo.",
    "Compared with usual care, resistance training raised 30-second chair stand count in 35 nursing home residents.",
    "30-second chair stand count was higher with vitamin D than with placebo in 58 frail men.",
]
UNSEEN = "Beetroot juice improved 30-second chair stand count in 30 healthy volunteers."


@pytest.fixture
def app(tmp_path, pipeline):
    from api.main import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", rate_limit_ip="", rate_limit_key="")
    return create_app(settings, pipeline)


def phrase_span(text: str) -> tuple[int, int]:
    start = text.lower().index(PHRASE)
    return start, start + len(PHRASE)


def run_cli(*args: str, **env: str) -> str:
    """``python -m extractor ARGS`` from the project root, as a user runs it; returns its standard output."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    done = subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def learned_outcomes(passage_file, spans_model: str | None = None) -> list[dict]:
    """The OUTCOME entities `extractor extract` gives with the learned span model merged in."""
    env = {"EXTRACTOR_LEARNED_SPANS": "1", "EXTRACTOR_MERGE_LEARNED_OUTCOMES": "1"}
    if spans_model:
        env["EXTRACTOR_SPANS_MODEL"] = spans_model
    result = json.loads(run_cli("extract", str(passage_file), **env))
    return [e for e in result["entities"] if e["label"] == "OUTCOME"]


def test_corrected_outcomes_are_predicted_after_retraining_on_the_export(app, client, tmp_path):
    key = {"X-API-Key": new_key(app)}
    unseen = tmp_path / "unseen.txt"
    unseen.write_text(UNSEEN, encoding="utf-8")
    start, end = phrase_span(UNSEEN)
    assert (start, end) not in {(e["start"], e["end"]) for e in learned_outcomes(unseen)}, \
        "the shipped model already finds the phrase: choose another one for this test"

    for text in CORRECTED:
        document = client.post("/documents", json={"text": text, "source": "loop-test"}, headers=key).json()
        assert not [m for m in document["mentions"] if m["label"] == "OUTCOME" and PHRASE in m["text"].lower()], \
            "the pipeline already tags the phrase: choose another one for this test"
        first, last = phrase_span(text)
        added = client.post(f"/documents/{document['id']}/mentions",
                            json={"start": first, "end": last, "label": "OUTCOME"}, headers=key)
        assert added.status_code == 201, added.text

    export = client.get("/export", params={"format": "gold", "curated": "only"}, headers=key)
    passages = [json.loads(line) for line in export.text.splitlines()]
    assert [p["text"] for p in passages] == CORRECTED and all(p["curated"] for p in passages)
    export_file = tmp_path / "export.jsonl"
    export_file.write_text(export.text, encoding="utf-8")

    model_dir = tmp_path / "spans-model"
    report = json.loads(run_cli("train", "spans", "--gold", str(export_file), "--only-gold", "--max-steps", "100",
                                "--seed", "0", "--output", str(model_dir)).splitlines()[-1])
    assert report["scores"]["data"]["curated_passages"] == len(CORRECTED)

    found = learned_outcomes(unseen, str(model_dir))
    assert (start, end, PHRASE) in {(e["start"], e["end"], e["text"].lower()) for e in found}
    assert all(e.get("source") == "model" for e in found if e["start"] == start)


def gold_line(passage_id: str, text: str, curated: bool | None) -> str:
    start, end = phrase_span(text)
    line = {"id": passage_id, "text": text, "records": [],
            "entities": [{"start": start, "end": end, "label": "OUTCOME", "text": text[start:end], "norm": {}}]}
    if curated is not None:
        line["curated"] = curated
    return json.dumps(line) + "\n"


def test_curated_passages_weigh_more_and_unchecked_export_passages_are_left_out(tmp_path):
    from extractor.learn.span_data import gold_file_passages, held_out_ids, passage_docs, tokenizer_pipeline

    gold = tmp_path / "gold.jsonl"
    held_out = sorted(held_out_ids())[:1]
    gold.write_text(gold_line("curated", CORRECTED[0], True) + gold_line("unchecked", CORRECTED[1], False)
                    + gold_line("hand-made", CORRECTED[2], None)
                    + "".join(gold_line(i, CORRECTED[3], None) for i in held_out), encoding="utf-8")
    passages, counts = gold_file_passages([str(gold)], curated_weight=3)
    assert [(p["id"], copies) for p, copies in passages] == [("curated", 3), ("hand-made", 1)]
    assert counts == {"gold_passages": 2, "curated_passages": 1, "uncurated_left_out": 1,
                      "held_out_left_out": len(held_out)}
    sentences = list(passage_docs(tokenizer_pipeline(rule_outcomes=False), passages, lab_marker_as_outcome=False))
    assert [doc.text for doc in sentences] == [CORRECTED[0]] * 3 + [CORRECTED[2]]
    assert all([(e.text, e.label_) for e in doc.ents] == [(PHRASE, "OUTCOME")] for doc in sentences)


def test_hand_made_gold_passages_are_repeated_gold_weight_times(tmp_path):
    from extractor.learn.span_data import gold_file_passages

    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line("curated", CORRECTED[0], True) + gold_line("unchecked", CORRECTED[1], False)
                    + gold_line("hand-made", CORRECTED[2], None), encoding="utf-8")
    passages, _ = gold_file_passages([str(gold)], curated_weight=3, gold_weight=4)
    assert [(p["id"], copies) for p, copies in passages] == [("curated", 3), ("hand-made", 4)]


def run_failing(*args: str, **env: str) -> str:
    """Run a command that must refuse its input: exit code 2 and one line on standard error."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    done = subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0, done.stderr
    return done.stderr


def test_train_spans_refuses_bad_gold_input_in_one_line(tmp_path):
    out = str(tmp_path / "model")
    unchecked = tmp_path / "unchecked.jsonl"
    unchecked.write_text(gold_line("a", CORRECTED[0], False), encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(gold_line("a", CORRECTED[0], True) + "{not json\n", encoding="utf-8")
    assert "no such file" in run_failing("train", "spans", "--gold", str(tmp_path / "none.jsonl"), "--output", out)
    assert "--output" in run_failing("train", "spans", "--gold", str(unchecked), "--only-gold")
    assert "no passage to train on" in run_failing("train", "spans", "--gold", str(unchecked), "--only-gold",
                                                   "--output", out)
    assert f"{broken}:2" in run_failing("train", "spans", "--gold", str(broken), "--only-gold", "--output", out)
    assert "held-out" in run_failing("train", "spans", "--gold", str(ROOT / "corpora" / "heldout.jsonl"),
                                     "--only-gold", "--output", out)


def test_a_spans_model_folder_that_holds_no_span_model_is_refused(tmp_path):
    passage = tmp_path / "passage.txt"
    passage.write_text(UNSEEN, encoding="utf-8")
    empty = run_failing("extract", str(passage), EXTRACTOR_LEARNED_SPANS="1", EXTRACTOR_SPANS_MODEL=str(tmp_path))
    assert "no trained span model" in empty and "extractor train spans" in empty
    roles = ROOT / "extractor" / "weights" / "roles"
    other = run_failing("extract", str(passage), EXTRACTOR_LEARNED_SPANS="1", EXTRACTOR_SPANS_MODEL=str(roles))
    assert "not a span model" in other


def test_gold_files_join_the_silver_articles_in_the_training_corpus(tmp_path, monkeypatch):
    from spacy.tokens import DocBin

    from extractor.learn import span_data
    from extractor.pipeline import scientific_blank

    text = "Oral iron raised ferritin in anaemic runners."
    start = text.index("ferritin")
    article = {"id": "silver-1", "text": text,
               "spans": [{"start": start, "end": start + 8, "role": "outcome", "text": "ferritin"}]}
    monkeypatch.setattr(span_data, "silver_articles", lambda: [article])
    gold = tmp_path / "export.jsonl"
    gold.write_text(gold_line("doc-1", CORRECTED[1], True), encoding="utf-8")
    options = span_data.DataOptions(validation_share=0.0, include_passages=False, gold_files=(str(gold),),
                                    curated_weight=2)
    sizes = span_data.build_corpora(tmp_path / "corpus", options)
    assert (sizes["train_articles"], sizes["curated_passages"], sizes["train_sentences"]) == (1, 1, 3)
    train = list(DocBin().from_disk(tmp_path / "corpus" / "train.spacy").get_docs(scientific_blank().vocab))
    assert [[(e.text, e.label_) for e in doc.ents] for doc in train] == [
        [("ferritin", "OUTCOME")], [(PHRASE, "OUTCOME")], [(PHRASE, "OUTCOME")]]
