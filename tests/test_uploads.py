"""Uploads and durable jobs through the HTTP API: each format, failures with reasons, restarts, bad input.

Runs on SQLite always and on PostgreSQL when a server answers on 127.0.0.1, like tests/test_api.py.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from sqlalchemy import text as sql

from extractor.settings import Settings

from .conftest import new_key, store_at_revision

SENTENCES = [
    "Atorvastatin lowered LDL cholesterol in 210 adults with diabetes.",
    "In 96 children, amoxicillin shortened fever compared with placebo.",
    "Metformin reduced HbA1c by 0.9% in a cohort of 340 patients.",
    "Warfarin did not change the rate of stroke in 150 elderly adults.",
    "Losartan lowered systolic blood pressure in 88 adults with kidney disease.",
]
PUBMED = b"""<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>31415926</PMID><Article>
<ArticleTitle>Colchicine after myocardial infarction</ArticleTitle>
<Abstract><AbstractText Label="RESULTS">Colchicine reduced ischemic events in 400 patients.</AbstractText></Abstract>
</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"""
BIOC_XML = b"""<?xml version="1.0"?>
<collection><source>PMC</source><document><id>bioc-1</id>
<passage><infon key="type">title</infon><infon key="article-id_pmc">PMC2718281</infon><offset>0</offset>
<text>Heparin in sepsis</text></passage>
<passage><infon key="type">abstract</infon><offset>18</offset>
<text>Heparin lowered mortality in 120 adults with sepsis.</text></passage>
</document></collection>"""
BIOC_JSON = json.dumps({"source": "PubTator", "documents": [{"id": "27182818", "infons": {"article-id_pmid": "27182818"},
                        "passages": [{"offset": 0, "text": "Insulin glargine lowered fasting glucose in 75 adults."}]}]})
HOSTILE = '=HYPERLINK("http://example.invalid") <script>alert(1)</script> Aspirin lowered stroke in 60 adults.'


@pytest.fixture
def app(database_url, pipeline):
    from api.main import create_app

    return create_app(Settings(database_url=database_url, rate_limit_ip="", rate_limit_key="", max_text_chars=2000,
                               max_upload_bytes=50_000, max_upload_documents=20, job_poll_s=0.1), pipeline)


def auth(key):
    return {"X-API-Key": key}


def jsonl(texts, bad_line: str | None = None) -> bytes:
    lines = [json.dumps({"id": f"doc-{i}", "text": t, "title": f"Trial {i}"}) for i, t in enumerate(texts)]
    if bad_line is not None:
        lines.insert(2, bad_line)
    return ("\n".join(lines) + "\n").encode()


def upload(client, key, name, data, **form):
    return client.post("/uploads", files={"file": (name, data)}, data=form, headers=auth(key))


def finished(client, job_id: int, tries: int = 600) -> dict:
    for _ in range(tries):
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end: {job}")


def documents(client) -> list[dict]:
    return client.get("/documents", params={"limit": 200}).json()["items"]


def test_text_file_is_stored_inline(client, key):
    response = upload(client, key, "statin.txt", SENTENCES[0].encode())
    assert response.status_code == 201, response.text
    job = response.json()
    assert (job["status"], job["total"], job["done"], job["failed"], job["filename"]) == ("done", 1, 1, 0, "statin.txt")
    document = client.get(f"/documents/{job['documents'][0]['document_id']}").json()
    assert document["text"] == SENTENCES[0] and document["source"] == "statin.txt"
    assert any(m["label"] == "DRUG" for m in document["mentions"])


def test_jsonl_runs_as_a_job_and_counts_a_bad_line(client, key):
    response = upload(client, key, "trials.jsonl", jsonl(SENTENCES, bad_line='{"id": "broken", "text": '))
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/jobs/{response.json()['id']}"
    assert response.json()["total"] == 6
    job = finished(client, response.json()["id"])
    assert (job["status"], job["done"], job["failed"]) == ("done", 5, 1)
    assert job["failures"] == [{"position": 2, "name": "trials.jsonl:3", "reason": job["failures"][0]["reason"]}]
    assert job["failures"][0]["reason"].startswith("invalid JSON")
    stored = {d["id"]: d for d in documents(client)}
    assert [stored[d["document_id"]]["title"] for d in job["documents"]] == [f"Trial {i}" for i in range(5)]
    assert [stored[d["document_id"]]["external_id"] for d in job["documents"]] == [f"doc-{i}" for i in range(5)]
    listed = client.get("/jobs").json()
    assert listed["total"] == 1 and listed["items"][0]["done"] == 5


def test_same_upload_twice_adds_no_document(client, key):
    first = finished(client, upload(client, key, "a.jsonl", jsonl(SENTENCES)).json()["id"])
    second = finished(client, upload(client, key, "b.jsonl", jsonl(SENTENCES)).json()["id"])
    assert [d["document_id"] for d in second["documents"]] == [d["document_id"] for d in first["documents"]]
    assert {d["created"] for d in second["documents"]} == {False}
    assert len(documents(client)) == 5


def test_pubmed_upload_keeps_the_pmid_and_links_to_it(client, key):
    job = upload(client, key, "pubmed.xml", PUBMED).json()
    document = client.get(f"/documents/{job['documents'][0]['document_id']}").json()
    assert (document["external_id"], document["title"]) == ("PMID:31415926", "Colchicine after myocardial infarction")
    assert "RESULTS: Colchicine reduced ischemic events in 400 patients." in document["text"]
    page = client.get(f"/ui/documents/{document['id']}").text
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/31415926/"' in page


@pytest.mark.parametrize("name, data, external_id, href", [
    ("collection.xml", BIOC_XML, "PMC2718281", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2718281/"),
    ("collection.json", BIOC_JSON.encode(), "PMID:27182818", "https://pubmed.ncbi.nlm.nih.gov/27182818/"),
])
def test_bioc_upload_keeps_article_ids(client, key, name, data, external_id, href):
    response = upload(client, key, name, data)
    assert response.status_code == 201, response.text
    document = client.get(f"/documents/{response.json()['documents'][0]['document_id']}").json()
    assert document["external_id"] == external_id
    assert f'href="{href}"' in client.get(f"/ui/documents/{document['id']}").text


def test_pasted_text_is_one_document_shown_as_text(client, key):
    response = client.post("/uploads", data={"text": HOSTILE, "title": "@SUM(A1) <b>trial</b>"}, headers=auth(key))
    assert response.status_code == 201, response.text
    document_id = response.json()["documents"][0]["document_id"]
    document = client.get(f"/documents/{document_id}").json()
    assert (document["text"], document["title"], document["source"]) == (HOSTILE, "@SUM(A1) <b>trial</b>", "pasted")
    page = client.get(f"/ui/documents/{document_id}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>trial</b>" not in page and "@SUM(A1) &lt;b&gt;trial&lt;/b&gt;" in page
    assert "<script>alert" not in client.get("/").text
    assert client.get("/ui/upload").status_code == 200


@pytest.mark.parametrize("request_kwargs, status, says", [
    ({"files": {"file": ("notes.docx", b"Aspirin.")}}, 415, "must end in one of"),
    ({"files": {"file": ("noname", b"Aspirin.")}}, 415, "must end in one of"),
    ({"files": {"file": ("broken.xml", b"<PubmedArticleSet><PubmedArticle>")}}, 422, "malformed XML"),
    ({"files": {"file": ("other.xml", b"<html><body>hi</body></html>")}}, 422, "unknown XML document type"),
    ({"files": {"file": ("lines.jsonl", b'{"text": ""}\nnot json\n')}}, 422, "no document could be read"),
    ({"files": {"file": ("latin.txt", "caf\u00e9 au lait".encode("latin-1"))}}, 422, "not UTF-8"),
    ({"files": {"file": ("empty.jsonl", b"\n\n")}}, 422, "holds no document"),
    ({"files": {"file": ("big.txt", b"Aspirin. " * 6000)}}, 413, "limit"),
    ({"files": {"file": ("many.jsonl", jsonl(SENTENCES * 5))}}, 413, "the limit is 20"),
    ({"data": {"text": "Aspirin lowered stroke. " * 100}}, 413, "the limit is 2000"),
    ({"data": {"text": "   "}}, 422, "empty"),
    ({"data": {"title": "no text"}}, 422, "send either a file"),
    ({"data": {"text": "Aspirin."}, "files": {"file": ("a.txt", b"Aspirin.")}}, 422, "send either a file"),
])
def test_bad_uploads_get_clear_errors_and_store_nothing(client, key, request_kwargs, status, says):
    response = client.post("/uploads", headers=auth(key), **request_kwargs)
    assert response.status_code == status, response.text
    assert says in response.json()["error"]
    assert client.get("/jobs").json()["total"] == 0 and documents(client) == []


def test_uploads_need_a_curator_key(client):
    assert client.post("/uploads", data={"text": SENTENCES[0]}).status_code == 401
    assert client.post("/uploads", data={"text": SENTENCES[0]}, headers=auth("ek_wrong")).status_code == 403
    assert client.get("/jobs").json()["total"] == 0
    assert client.get("/jobs/12345").status_code == 404


def crash_after_one_item(app, job_id: int) -> None:
    """A runner stores the first document, starts the second, and its process dies (nothing more is written)."""
    from api import jobs

    runner = app.state.jobs

    async def work():
        assert await runner._store(jobs.claim_job, runner.owner, runner.lease_s) == job_id
        first = await runner._store(jobs.start_item, job_id, runner.owner, runner.lease_s, 3)
        await runner.run_item(job_id, first)
        await runner._store(jobs.start_item, job_id, runner.owner, runner.lease_s, 3)

    asyncio.run(work())
    app.state.extraction.close()


@pytest.mark.parametrize("attempts, second_fails", [(3, False), (1, True)])
def test_restart_resumes_a_job_without_duplicates(database_url, pipeline, attempts, second_fails):
    from fastapi.testclient import TestClient

    from api.db import migrate
    from api.main import create_app

    def settings(**extra):
        return Settings(database_url=database_url, rate_limit_ip="", rate_limit_key="", job_poll_s=0.1, **extra)

    before = create_app(settings(), pipeline)
    migrate(before.state.engine)
    key = new_key(before)
    client = TestClient(before)  # no start-up: this service's runner never runs on its own
    response = upload(client, key, "trials.jsonl", jsonl(SENTENCES, bad_line="[1, 2]"))
    job_id = response.json()["id"]
    assert response.status_code == 202 and response.json()["status"] == "queued"
    crash_after_one_item(before, job_id)
    job = client.get(f"/jobs/{job_id}").json()
    assert (job["status"], job["done"], job["failed"], len(documents(client))) == ("running", 1, 1, 1)
    with before.state.engine.begin() as connection:  # the dead process's lease has run out
        connection.execute(sql("UPDATE jobs SET lease_until = created_at"))
    before.state.engine.dispose()

    after = create_app(settings(job_item_attempts=attempts), pipeline)
    with TestClient(after) as restarted:
        job = finished(restarted, job_id)
        stored = documents(restarted)
    assert len(stored) == len({d["id"] for d in stored}) == (4 if second_fails else 5)
    assert (job["status"], job["done"], job["failed"]) == ("done", len(stored), 2 if second_fails else 1)
    assert sorted(d["document_id"] for d in job["documents"]) == sorted(d["id"] for d in stored)
    reasons = {f["name"]: f["reason"] for f in job["failures"]}
    assert reasons["trials.jsonl:3"] == "a line needs a non-empty 'text' string"
    if second_fails:
        assert reasons["doc-1"] == "the service stopped 1 times while extracting this document"


def test_a_claimed_job_is_not_taken_twice_and_a_lost_lease_writes_nothing(app, pipeline):
    from fastapi.testclient import TestClient

    from api import jobs
    from api.db import migrate

    migrate(app.state.engine)
    client = TestClient(app)  # no start-up: the runners below are played by hand
    job_id = upload(client, new_key(app), "trials.jsonl", jsonl(SENTENCES)).json()["id"]

    def step(operation, *args):
        with app.state.sessions() as session:
            return operation(session, *args)

    assert step(jobs.claim_job, "one", 60) == job_id
    assert step(jobs.claim_job, "two", 60) is None  # held under one's lease
    item = step(jobs.start_item, job_id, "one", 60, 3)
    with app.state.engine.begin() as connection:  # one stalls past its lease; two takes the job over
        connection.execute(sql("UPDATE jobs SET lease_until = created_at"))
    assert step(jobs.claim_job, "two", 60) == job_id
    step(jobs.finish_item, job_id, item.id, "one", pipeline.extract(item.text))  # one's late answer is dropped
    job = client.get(f"/jobs/{job_id}").json()
    assert (job["status"], job["done"], len(documents(client))) == ("running", 0, 0)
    step(jobs.release_jobs, "two")  # a clean stop hands the job on at once
    assert step(jobs.claim_job, "three", 60) == job_id


def test_migration_brings_a_store_from_before_jobs(database_url):
    from api.db import migrate

    engine = store_at_revision(database_url, "0002")
    with engine.begin() as connection:
        connection.execute(sql("INSERT INTO documents (id, text, content_hash) VALUES (1, 'Aspirin helped.', 'h')"))
    migrate(engine)
    with engine.begin() as connection:
        assert connection.execute(sql("SELECT count(*) FROM documents")).scalar_one() == 1
        assert connection.execute(sql("SELECT count(*) FROM jobs")).scalar_one() == 0
        assert connection.execute(sql("SELECT count(*) FROM job_items")).scalar_one() == 0
    engine.dispose()
