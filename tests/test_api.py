"""The HTTP API over a real store: SQLite always, PostgreSQL when a server answers on 127.0.0.1."""

from __future__ import annotations

import threading

import pytest

from extractor.settings import Settings

from .conftest import ROOT

EXAMPLE = (ROOT / "examples" / "colchicine.txt").read_text(encoding="utf-8")


@pytest.fixture
def app(database_url, pipeline):
    from api.main import create_app

    return create_app(Settings(database_url=database_url, max_text_chars=5000), pipeline)


def headers(key):
    return {"X-API-Key": key}


def post_example(client, key, text=EXAMPLE, **extra):
    response = client.post("/documents", json={"text": text, "title": "Colchicine", "source": "test", **extra},
                           headers=headers(key))
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_health_docs_and_openapi(client):
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/docs").status_code == 200
    assert "/records/{record_id}" in client.get("/openapi.json").json()["paths"]


def test_extract_returns_gold_format_without_storing(client, key):
    response = client.post("/extract", json={"text": EXAMPLE})
    assert response.status_code == 200
    body = response.json()
    assert {e["label"] for e in body["entities"]} >= {"DRUG", "COHORT_SIZE"}
    assert body["records"]
    assert client.get("/documents").json()["total"] == 0


def test_documents_are_stored_once_by_content(client, key):
    first = post_example(client, key, external_id="PMID:1")
    assert first["created"] is True and first["records"] and first["mentions"]
    again = client.post("/documents", json={"text": EXAMPLE}, headers=headers(key))
    assert again.status_code == 200 and again.json()["id"] == first["id"] and again.json()["created"] is False
    listing = client.get("/documents", params={"q": "colchicine"}).json()
    assert listing["total"] == 1 and listing["items"][0]["record_count"] == len(first["records"])
    assert client.get("/documents", params={"source": "elsewhere"}).json()["total"] == 0
    assert client.get(f"/documents/{first['id']}").json()["text"] == EXAMPLE


def test_stored_mentions_and_records_carry_the_pipeline_fields(client, key, pipeline):
    from extractor.schema import RECORD_FIELDS, Mention, stored_fields

    stored = post_example(client, key)
    extracted = pipeline.extract(EXAMPLE)
    mention = stored["mentions"][0]
    assert set(mention) == {"id", "document_id", "version", *stored_fields(Mention)}
    assert {k: mention[k] for k in ("start", "end", "label", "text", "norm")} == \
        {k: v for k, v in extracted.entities[0].to_dict().items() if k in ("start", "end", "label", "text", "norm")}
    assert set(RECORD_FIELDS) | {"evidence"} <= set(stored["records"][0])
    assert set(client.get("/openapi.json").json()["components"]["schemas"]["RecordFields"]["properties"]) == \
        set(RECORD_FIELDS)


def test_records_filter_patch_history_and_conflict(client, key):
    document = post_example(client, key)
    records = client.get("/records", params={"document_id": document["id"], "status": "pending"}).json()
    assert records["total"] == len(document["records"])
    record = records["items"][0]

    accepted = client.patch(f"/records/{record['id']}", json={"version": 1, "status": "accepted", "comment": "checked"},
                            headers=headers(key))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted" and accepted.json()["version"] == 2

    stale = client.patch(f"/records/{record['id']}", json={"version": 1, "status": "rejected"}, headers=headers(key))
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2

    edited = client.patch(f"/records/{record['id']}", json={"version": 2, "fields": {"cohort_size": 4700, "direction": "decrease"}},
                          headers=headers(key))
    assert edited.status_code == 200 and edited.json()["status"] == "edited" and edited.json()["cohort_size"] == 4700

    history = client.get(f"/records/{record['id']}/history").json()
    assert [h["action"] for h in history] == ["accepted", "edit"]
    assert history[0]["comment"] == "checked" and history[0]["curator"].startswith("curator-")
    assert history[1]["changes"]["cohort_size"] == [record["cohort_size"], 4700]
    assert client.get("/records", params={"status": "edited"}).json()["total"] == 1


def test_status_rules_for_edits(client, key):
    document = post_example(client, key)
    first, second = document["records"][0]["id"], document["records"][1]["id"]
    both = client.patch(f"/records/{first}", json={"version": 1, "status": "accepted", "fields": {"population": "adults"}},
                        headers=headers(key)).json()
    assert both["status"] == "edited" and both["population"] == "adults"
    rejected = client.patch(f"/records/{second}", json={"version": 1, "status": "rejected", "fields": {"population": "x"}},
                            headers=headers(key)).json()
    assert rejected["status"] == "rejected"
    unchanged = client.patch(f"/records/{first}", json={"version": 2, "fields": {"population": "adults"}, "comment": "same"},
                             headers=headers(key)).json()
    assert unchanged["status"] == "edited" and unchanged["version"] == 3
    assert client.get(f"/records/{first}/history").json()[-1]["changes"] == {}


def test_two_curators_on_one_version_one_wins(client, key):
    document = post_example(client, key)
    record_id = document["records"][0]["id"]
    results = []

    def decide(status):
        results.append(client.patch(f"/records/{record_id}", json={"version": 1, "status": status}, headers=headers(key)).status_code)

    threads = [threading.Thread(target=decide, args=(s,)) for s in ("accepted", "rejected") * 4]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] + [409] * 7
    assert len(client.get(f"/records/{record_id}/history").json()) == 1
    assert client.get(f"/records/{record_id}").json()["version"] == 2


def test_parallel_writers_lose_nothing(client, key):
    texts = [f"In a cohort of {100 + i} patients, aspirin reduced stroke ({i + 1})." for i in range(20)]
    statuses = []

    def write(text):
        statuses.append(client.post("/documents", json={"text": text}, headers=headers(key)).status_code)

    threads = [threading.Thread(target=write, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(201) == 20
    assert client.get("/documents").json()["total"] == 20


def test_export_formats(client, key, tmp_path):
    document = post_example(client, key)
    first = document["records"][0]
    client.patch(f"/records/{first['id']}", json={"version": 1, "status": "rejected"}, headers=headers(key))
    assert client.get("/export").status_code == 401
    jsonl = client.get("/export", params={"format": "jsonl"}, headers=headers(key)).text.strip().splitlines()
    assert len(jsonl) == len(document["records"])
    csv_text = client.get("/export", params={"format": "csv"}, headers=headers(key)).text
    assert csv_text.splitlines()[0].startswith("document_id,record_id,status")
    import json

    gold_text = client.get("/export", params={"format": "gold"}, headers=headers(key)).text
    gold = [json.loads(line) for line in gold_text.splitlines()]
    from extractor.evaluate import read_gold

    exported = tmp_path / "curated.jsonl"
    exported.write_text(gold_text)
    assert [p.text for p in read_gold(exported)] == [EXAMPLE]  # valid input to evaluate and train
    assert gold[0]["text"] == EXAMPLE
    assert len(gold[0]["records"]) == len(document["records"]) - 1
    for entity in gold[0]["entities"]:
        assert gold[0]["text"][entity["start"]:entity["end"]] == entity["text"]


def test_metrics(client, key):
    post_example(client, key)
    text = client.get("/metrics").text
    assert "http_requests_total" in text and "extraction_seconds_count" in text
    assert 'evidence_records{status="pending"}' in text and "evidence_documents 1.0" in text


@pytest.mark.parametrize("kwargs, status", [
    ({"json": {"text": ""}}, 422),
    ({"json": {"text": "x" * 5001}}, 413),
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
    ({"content": b'{"text": "\xff\xfe"}', "headers": {"Content-Type": "application/json"}}, 400),
    ({"json": {"text": 12}}, 422),
    ({"json": {"txt": "heparin"}}, 422),
])
def test_bad_extract_input_gets_clear_errors(client, kwargs, status):
    response = client.post("/extract", **kwargs)
    assert response.status_code == status
    assert "error" in response.json()


def test_bad_writes_change_nothing(client, key):
    document = post_example(client, key)
    record = document["records"][0]
    assert client.post("/documents", json={"text": "new text"}).status_code == 401
    assert client.post("/documents", json={"text": "new text"}, headers=headers("wrong")).status_code == 403
    assert client.post("/documents", json={"text": "x" * 6000}, headers=headers(key)).status_code == 413
    assert client.get("/documents/999999").status_code == 404
    assert client.patch("/records/999999", json={"version": 1}, headers=headers(key)).status_code == 404
    assert client.patch(f"/records/{record['id']}", json={"version": 1, "fields": {"cohort_size": "many"}},
                        headers=headers(key)).status_code == 422
    assert client.patch(f"/records/{record['id']}", json={"version": 1, "fields": {"design": "anecdote"}},
                        headers=headers(key)).status_code == 422
    assert client.patch(f"/records/{record['id']}", json={"version": 1, "status": "accepted"}).status_code == 401
    assert client.get("/documents").json()["total"] == 1
    assert client.get(f"/records/{record['id']}").json()["version"] == 1
    assert client.get(f"/records/{record['id']}/history").json() == []


def test_huge_bodies_are_refused_before_parsing(client):
    response = client.post("/extract", content=b'{"text": "' + b"x" * 100_000 + b'"}',
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "limit" in response.json()["error"]


def test_revoked_key_is_refused(app, client, key):
    from api import store

    with app.state.sessions() as session:
        name = store.list_keys(session)[0].name
        store.revoke_key(session, name)
    assert client.post("/documents", json={"text": EXAMPLE}, headers=headers(key)).status_code == 403


def test_page_escapes_document_text(client, key):
    document = post_example(client, key, text="<script>alert(1)</script> Heparin reduced mortality in 40 patients (2).")
    page = client.get(f"/ui/documents/{document['id']}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert client.get("/").status_code == 200


def test_stored_values_keep_their_units(client, key):
    text = ("In a randomized trial of 300 adults with hyperkalaemia, potassium fell by 0.55 mmol/L with patiromer "
            "and by 0.10 mmol/L with placebo (P<0.001).")
    document = post_example(client, key, text=text)
    units = [v["unit"] for r in document["records"] for v in r["values"] if v["kind"] == "number"]
    assert units == ["mmol/L", "mmol/L"]
