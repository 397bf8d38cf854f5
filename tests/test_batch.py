"""Batch extraction: readers, the CLI over a folder, resume after a killed run, the Dask engine."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch import completed, repair_tail, run_batch
from extractor.readers import ReadFailure, SourceDocument, list_files, read_folder

PUBMED = """<?xml version="1.0"?>
<PubmedArticleSet>
 <PubmedArticle><MedlineCitation><PMID>900001</PMID><Article>
  <ArticleTitle>Empagliflozin in heart failure</ArticleTitle>
  <Abstract><AbstractText Label="METHODS">A randomized trial of 3,730 patients.</AbstractText>
  <AbstractText Label="RESULTS">Empagliflozin reduced hospitalization for heart failure (13.2% vs. 18.3%).</AbstractText></Abstract>
 </Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>"""


def make_folder(root: Path) -> Path:
    (root / "nested").mkdir(parents=True)
    (root / "one.txt").write_text("In a cohort of 400 patients, aspirin reduced stroke (12.0% vs. 15.1%) (3).\n")
    (root / "nested" / "two.md").write_text("# Note\n\nMetformin lowered HbA1c in 210 patients (4).\n")
    (root / "many.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Warfarin increased major bleeding in 1,200 patients (5)."}) + "\n"
        + json.dumps({"id": "j2", "text": ""}) + "\n" + "{broken\n")
    (root / "pubmed.xml").write_text(PUBMED)
    (root / "bioc.xml").write_text("<collection><document><id>b1</id><passage><text>Hydrocortisone reduced 90-day "
                                   "mortality in 1,310 patients.</text></passage></document></collection>")
    (root / "bioc.json").write_text(json.dumps({"documents": [{"id": "b2", "passages": [
        {"text": "Oseltamivir shortened time to symptom relief in 726 patients."}]}]}))
    (root / "truncated.xml").write_text("<PubmedArticleSet><PubmedArticle>")
    (root / "latin1.txt").write_bytes("Heparin r\xe9duit la mortalit\xe9".encode("latin-1"))
    (root / "figure.png").write_bytes(b"\x89PNG")
    return root


def test_readers_cover_every_format_and_record_failures(tmp_path):
    root = make_folder(tmp_path / "papers")
    items = list(read_folder(root))
    docs = {d.id: d for d in items if isinstance(d, SourceDocument)}
    failures = [f for f in items if isinstance(f, ReadFailure)]
    assert set(docs) == {"one.txt", "nested/two.md", "j1", "PMID:900001", "b1", "b2"}
    assert docs["PMID:900001"].text.startswith("Empagliflozin in heart failure\nMETHODS: A randomized trial")
    reasons = " | ".join(f.reason for f in failures)
    assert "malformed XML" in reasons and "not UTF-8" in reasons and "invalid JSON" in reasons and "non-empty 'text'" in reasons
    _, skipped = list_files(root)
    assert [p.name for p in skipped] == ["figure.png"]


def test_readers_refuse_entity_expansion(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    "<PubmedArticleSet>&b;</PubmedArticleSet>")
    (failure,) = list(read_folder(tmp_path))
    assert isinstance(failure, ReadFailure)


def run_cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "extractor", "batch", *args], capture_output=True, text=True, timeout=timeout)


def test_batch_cli_writes_one_line_per_document_and_errors_apart(tmp_path):
    root = make_folder(tmp_path / "papers")
    out = tmp_path / "evidence.jsonl"
    result = run_cli(str(root), "-o", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(["one.txt", "nested/two.md", "j1", "PMID:900001", "b1", "b2"])
    pubmed = next(line for line in lines if line["id"] == "PMID:900001")
    assert any(e["label"] == "COHORT_SIZE" and e["norm"]["value"] == 3730 for e in pubmed["entities"])
    assert pubmed["source"].endswith("pubmed.xml") and len(pubmed["content_hash"]) == 64
    errors = [json.loads(line) for line in (tmp_path / "evidence.errors.jsonl").read_text().splitlines()]
    assert len(errors) == 4
    assert "documents: 6 extracted" in result.stderr and "figure.png" in result.stderr
    again = run_cli(str(root), "-o", str(out))
    assert again.returncode == 2 and "--resume" in again.stderr


def test_resume_after_sigkill_writes_each_document_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "docs.jsonl").open("w") as handle:
        for i in range(2000):  # enough that the kill lands mid-run even on a fast machine
            handle.write(json.dumps({"id": f"d{i}", "text": f"In a cohort of {100 + i} patients, heparin reduced "
                                                           f"mortality ({i % 40}.5% vs. 30.0%) ({i})."}) + "\n")
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "extractor", "batch", str(corpus), "-o", str(out),
                                "--workers", "1", "--chunk-size", "4"], stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 40):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = out.read_text().count("\n")
    assert 40 <= written < 2000
    with out.open("a") as handle:  # what a kill in the middle of a write leaves behind
        handle.write('{"id": "d999", "source": "torn')
    result = run_cli(str(corpus), "-o", str(out), "--resume", "--workers", "2")
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(ids) == 2000 and len(set(ids)) == 2000
    assert f"{written} already done" in result.stderr


def test_repair_tail_and_completed(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a", "content_hash": "h"}\n{"id": "b", "con')
    repair_tail(path)
    assert path.read_text() == '{"id": "a", "content_hash": "h"}\n'
    assert completed(path) == {("a", "h")}


def test_dask_engine_on_a_local_cluster(tmp_path):
    pytest.importorskip("dask.distributed")
    root = make_folder(tmp_path / "papers")
    out = tmp_path / "dask.jsonl"
    summary = run_batch(root, out, workers=2, engine="dask", chunk_size=2)
    assert summary.documents == 6 and summary.failures == 4
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(ids) == 6 == len(set(ids))
    again = run_batch(root, out, resume=True, workers=2, engine="dask")
    assert again.documents == 0 and again.already_done == 6


def test_batch_store_loads_documents_into_the_curation_store(tmp_path):
    import os

    root = make_folder(tmp_path / "papers")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}"}
    command = [sys.executable, "-m", "extractor", "batch", str(root), "-o", str(tmp_path / "out.jsonl"), "--store",
               "--workers", "1"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    from api import store
    from api.db import make_engine, session_factory

    with session_factory(make_engine(env["DATABASE_URL"]))() as session:
        page = store.list_documents(session, 50, 0, None, None)
        assert page.total == 6
        assert {d.external_id for d in page.items} >= {"PMID:900001", "j1"}


class _FailsOn:
    """A stand-in pipeline whose extraction of one text fails, alone or inside ``pipe``."""

    def __init__(self, pipeline, bad: str):
        self.pipeline, self.bad, self.alone = pipeline, bad, 0

    def extract(self, text):
        self.alone += 1
        if text == self.bad:
            raise ValueError("unreadable")
        return self.pipeline.extract(text)

    def pipe(self, texts):
        for text in texts:
            if text == self.bad:
                raise ValueError("unreadable")
            yield self.pipeline.extract(text)


def test_a_chunk_runs_through_pipe_and_a_bad_document_fails_alone(pipeline, monkeypatch):
    import extractor.batch as batch

    texts = ["Aspirin reduced stroke in 400 patients (12.0% vs. 15.1%).", "BAD", "Metformin lowered HbA1c."]
    chunk = [{"id": str(n), "source": "s", "content_hash": "h", "text": text} for n, text in enumerate(texts)]
    monkeypatch.setattr(batch, "_WORKER_PIPELINE", pipeline)
    whole = batch.extract_chunk([chunk[0], chunk[2]])
    assert [line["records"] for line in whole] == [pipeline.extract(texts[n]).to_dict()["records"] for n in (0, 2)]

    stand_in = _FailsOn(pipeline, "BAD")
    monkeypatch.setattr(batch, "_WORKER_PIPELINE", stand_in)
    lines = batch.extract_chunk(chunk)
    assert [("error" in line) for line in lines] == [False, True, False]
    assert lines[1]["error"] == "ValueError: unreadable" and lines[1]["id"] == "1"
    assert [lines[n]["records"] for n in (0, 2)] == [line["records"] for line in whole]
    assert stand_in.alone == 3  # after the failed pipe, each document alone
