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

PHRASE = "hand grip endurance"
CORRECTED = [
    "Creatine improved hand grip endurance in 40 older women after eight weeks.",
    "In 62 adults with rheumatoid arthritis, tofacitinib increased hand grip endurance compared with placebo.",
    "Compared with usual care, resistance training raised hand grip endurance in 35 nursing home residents.",
    "Hand grip endurance was higher with vitamin D than with placebo in 58 frail men.",
]
UNSEEN = "Beetroot juice improved hand grip endurance in 30 healthy volunteers."


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
