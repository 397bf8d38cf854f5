"""Mention curation through the API (issue 11): add, change, remove, history, review flags, races.

Runs on SQLite always and on PostgreSQL when a server answers on 127.0.0.1, like tests/test_api.py.
"""

from __future__ import annotations

import json
import threading

import pytest

from extractor.settings import Settings

TEXT = "Aspirin reduced stroke in 120 patients. Heparin did not change mortality in 80 adults."
FIRST = (0, TEXT.index(".") + 1)
SECOND = (TEXT.index("Heparin"), len(TEXT))
RECORD_FIELDS = ("intervention", "outcome", "comparator", "cohort_size", "design", "direction", "values", "refs")


@pytest.fixture
def app(database_url, pipeline):
    from api.main import create_app

    return create_app(Settings(database_url=database_url, rate_limit_ip="", rate_limit_key=""), pipeline)


def span(word: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(word, after)
    return start, start + len(word)


def store_document(app):
    """Two sentences, four mentions and three pending records built by hand (the pipeline's output may change):
    records 0 and 2 rest on the first sentence, record 1 on the second."""
    from api import store
    from extractor.schema import EvidenceRecord, Extraction, Mention

    mentions = [Mention(*span(word), label, word, norm) for word, label, norm in (
        ("Aspirin", "DRUG", {"name": "aspirin"}), ("stroke", "OUTCOME", {}),
        ("Heparin", "DRUG", {"name": "heparin"}), ("mortality", "OUTCOME", {}))]
    records = [EvidenceRecord(intervention=drug, outcome=outcome, cohort_size=n, design="rct", direction=direction,
                              evidence=[evidence])
               for drug, outcome, n, direction, evidence in (
                   ("aspirin", "stroke", 120, "decrease", FIRST), ("heparin", "mortality", 80, "no_difference", SECOND),
                   ("aspirin", "stroke", 120, "decrease", FIRST))]
    with app.state.sessions() as session:
        document, _ = store.add_document(session, Extraction(text=TEXT, entities=mentions, records=records),
                                         "Two sentences", "test", None)
        return document.id


@pytest.fixture
def document(app, client):
    return client.get(f"/documents/{store_document(app)}").json()


def auth(key):
    return {"X-API-Key": key}


def mention_id(document, word):
    return next(m["id"] for m in document["mentions"] if m["text"] == word)


def test_document_mentions_carry_ids_and_versions(document):
    assert [(m["text"], m["version"], m["document_id"]) for m in document["mentions"]] == [
        (w, 1, document["id"]) for w in ("Aspirin", "stroke", "Heparin", "mortality")]
    assert len({m["id"] for m in document["mentions"]}) == 4
    assert [r["needs_review"] for r in document["records"]] == [False] * 3


def test_add_mention_takes_text_from_document_and_flags_only_pending_dependents(client, key, document):
    first, second, accepted = document["records"]
    assert client.patch(f"/records/{accepted['id']}", json={"version": 1, "status": "accepted"},
                        headers=auth(key)).status_code == 200
    start, end = span("120 patients")
    response = client.post(f"/documents/{document['id']}/mentions",
                           json={"start": start, "end": end, "label": "COHORT_SIZE", "norm": {"value": 120}},
                           headers=auth(key))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["mention"]["text"] == "120 patients" and body["mention"]["version"] == 1
    assert body["mention"]["norm"] == {"value": 120}
    assert [r["id"] for r in body["flagged_records"]] == [first["id"]]

    flagged = client.get(f"/records/{first['id']}").json()
    assert flagged["needs_review"] is True and flagged["version"] == 2 and flagged["status"] == "pending"
    assert {name: flagged[name] for name in RECORD_FIELDS} == {name: first[name] for name in RECORD_FIELDS}
    assert client.get(f"/records/{second['id']}").json()["version"] == 1  # other sentence
    kept = client.get(f"/records/{accepted['id']}").json()
    assert kept["status"] == "accepted" and kept["version"] == 2 and kept["needs_review"] is False

    events = client.get(f"/records/{first['id']}/history").json()
    assert [e["action"] for e in events] == ["needs_review"]
    assert "120 patients" in events[0]["comment"] and events[0]["curator"].startswith("curator-")
    history = client.get(f"/mentions/{body['mention']['id']}/history").json()
    assert [(h["action"], h["before"], h["after"]["text"], h["flagged_records"]) for h in history] == [
        ("add", None, "120 patients", [first["id"]])]
    stored = client.get(f"/documents/{document['id']}").json()["mentions"]
    assert [m["text"] for m in stored] == ["Aspirin", "stroke", "120 patients", "Heparin", "mortality"]


@pytest.mark.parametrize("body, status", [
    ({"start": 0, "end": len(TEXT) + 1, "label": "DRUG"}, 409),  # well formed, but not a span of this text
    ({"start": 5, "end": 5, "label": "DRUG"}, 409),
    ({"start": 7, "end": 15, "label": "OUTCOME"}, 409),  # " reduced": starts with a space
    ({"start": 8, "end": 15, "label": "DISEASE"}, 422),
    ({"start": 8, "end": 15, "label": "OUTCOME", "norm": None}, 422),
    ({"start": 8, "end": 15, "label": "OUTCOME", "norm": {"name": "a\x00b"}}, 422),
    ({"start": 8, "end": 15, "label": "OUTCOME", "norm": {"name": ["nested"]}}, 422),
    ({"start": 8, "end": 15, "label": "OUTCOME", "text": "reduced"}, 422),
    ({"start": 3, "end": 15, "label": "OUTCOME"}, 409),  # overlaps "Aspirin"
])
def test_bad_new_mentions_are_refused_and_change_nothing(client, key, document, body, status):
    response = client.post(f"/documents/{document['id']}/mentions", json=body, headers=auth(key))
    assert response.status_code == status, response.text
    if body["start"] == 3:
        assert response.json()["current"]["text"] == "Aspirin"
    after = client.get(f"/documents/{document['id']}").json()
    assert len(after["mentions"]) == 4 and [r["version"] for r in after["records"]] == [1, 1, 1]


def test_mention_writes_need_a_key_and_a_known_id(client, key, document):
    first = mention_id(document, "stroke")
    new = {"start": 8, "end": 15, "label": "OUTCOME"}
    assert client.post(f"/documents/{document['id']}/mentions", json=new).status_code == 401
    assert client.post(f"/documents/{document['id']}/mentions", json=new, headers=auth("wrong")).status_code == 403
    assert client.post("/documents/999999/mentions", json=new, headers=auth(key)).status_code == 404
    assert client.patch("/mentions/999999", json={"version": 1, "label": "DRUG"}, headers=auth(key)).status_code == 404
    assert client.delete("/mentions/999999", params={"version": 1}, headers=auth(key)).status_code == 404
    assert client.get("/mentions/999999/history").status_code == 404
    assert client.patch(f"/mentions/{first}", json={"version": 1, "label": "DRUG"}).status_code == 401
    assert client.delete(f"/mentions/{first}", headers=auth(key)).status_code == 422  # no version
    assert client.patch(f"/mentions/{first}", json={"version": "1", "label": "DRUG"}, headers=auth(key)).status_code == 422
    assert client.get(f"/mentions/{first}").json()["version"] == 1
    assert client.get(f"/mentions/{first}/history").json() == []


def test_change_label_and_norm_with_versions_and_history(client, key, document):
    stroke = mention_id(document, "stroke")
    first, second, third = document["records"]
    changed = client.patch(f"/mentions/{stroke}", json={"version": 1, "label": "LAB_MARKER"}, headers=auth(key))
    assert changed.status_code == 200
    assert changed.json()["mention"]["label"] == "LAB_MARKER" and changed.json()["mention"]["version"] == 2
    assert [r["id"] for r in changed.json()["flagged_records"]] == [first["id"], third["id"]]

    stale = client.patch(f"/mentions/{stroke}", json={"version": 1, "label": "OUTCOME"}, headers=auth(key))
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    assert stale.json()["current"]["label"] == "LAB_MARKER"

    renormed = client.patch(f"/mentions/{stroke}", json={"version": 2, "label": "OUTCOME", "norm": {"name": "stroke"}},
                            headers=auth(key)).json()
    assert renormed["mention"]["version"] == 3 and renormed["flagged_records"] == []  # already flagged
    same = client.patch(f"/mentions/{stroke}", json={"version": 3, "norm": {"name": "stroke"}}, headers=auth(key))
    assert same.status_code == 200 and same.json()["mention"]["version"] == 3  # nothing changed, nothing written

    history = client.get(f"/mentions/{stroke}/history").json()
    assert [(h["action"], h["version"]) for h in history] == [("edit", 2), ("edit", 3)]
    assert history[0]["before"]["label"] == "OUTCOME" and history[0]["after"]["label"] == "LAB_MARKER"
    assert history[1]["before"]["norm"] == {} and history[1]["after"]["norm"] == {"name": "stroke"}
    assert client.get(f"/records/{second['id']}").json()["version"] == 1
    assert len(client.get(f"/records/{first['id']}/history").json()) == 1


def test_remove_keeps_history_and_a_decision_clears_the_flag(client, key, document):
    heparin = mention_id(document, "Heparin")
    record = document["records"][1]
    assert client.delete(f"/mentions/{heparin}", params={"version": 2}, headers=auth(key)).status_code == 409
    removed = client.delete(f"/mentions/{heparin}", params={"version": 1}, headers=auth(key))
    assert removed.status_code == 200 and removed.json()["mention"] is None
    assert [r["id"] for r in removed.json()["flagged_records"]] == [record["id"]]
    assert client.get(f"/mentions/{heparin}").status_code == 404
    assert client.delete(f"/mentions/{heparin}", params={"version": 2}, headers=auth(key)).status_code == 404
    history = client.get(f"/mentions/{heparin}/history").json()
    assert [(h["action"], h["before"]["text"], h["after"]) for h in history] == [("remove", "Heparin", None)]
    assert "Heparin" not in [m["text"] for m in client.get(f"/documents/{document['id']}").json()["mentions"]]

    flagged = client.get(f"/records/{record['id']}").json()
    assert flagged["needs_review"] is True
    assert client.patch(f"/records/{record['id']}", json={"version": 1, "status": "accepted"},
                        headers=auth(key)).status_code == 409  # the flag moved the version on
    accepted = client.patch(f"/records/{record['id']}", json={"version": flagged["version"], "status": "accepted"},
                            headers=auth(key)).json()
    assert accepted["needs_review"] is False and accepted["status"] == "accepted"
    assert client.get(f"/records/{record['id']}/history").json()[-1]["changes"] == {
        "needs_review": [True, False], "status": ["pending", "accepted"]}


def test_eight_curators_race_on_one_mention_version(client, key, document):
    stroke = mention_id(document, "stroke")
    labels = ["DRUG", "LAB_MARKER", "COHORT_SIZE", "STUDY_DESIGN"] * 2
    statuses = []

    def relabel(label):
        statuses.append(client.patch(f"/mentions/{stroke}", json={"version": 1, "label": label},
                                     headers=auth(key)).status_code)

    threads = [threading.Thread(target=relabel, args=(label,)) for label in labels]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * 7
    history = client.get(f"/mentions/{stroke}/history").json()
    assert len(history) == 1 and history[0]["version"] == 2
    current = client.get(f"/mentions/{stroke}").json()
    assert current["version"] == 2 and current["label"] == history[0]["after"]["label"]
    flagged = [client.get(f"/records/{r['id']}").json() for r in (document["records"][0], document["records"][2])]
    assert [(r["version"], len(client.get(f"/records/{r['id']}/history").json())) for r in flagged] == [(2, 1), (2, 1)]


def test_gold_export_carries_curated_mentions(client, key, document):
    import json

    stroke = mention_id(document, "stroke")
    client.patch(f"/mentions/{stroke}", json={"version": 1, "norm": {"name": "cerebral stroke"}}, headers=auth(key))
    client.delete(f"/mentions/{mention_id(document, 'Heparin')}", params={"version": 1}, headers=auth(key))
    start, end = span("adults")
    client.post(f"/documents/{document['id']}/mentions", json={"start": start, "end": end, "label": "OUTCOME"},
                headers=auth(key))
    gold = json.loads(client.get("/export", params={"format": "gold"}, headers=auth(key)).text.splitlines()[0])
    assert [(e["text"], e["label"]) for e in gold["entities"]] == [
        ("Aspirin", "DRUG"), ("stroke", "OUTCOME"), ("mortality", "OUTCOME"), ("adults", "OUTCOME")]
    assert gold["entities"][1]["norm"] == {"name": "cerebral stroke"}
    for entity in gold["entities"]:
        assert TEXT[entity["start"]:entity["end"]] == entity["text"]


def export_gold(client, key, **params) -> list[dict]:
    import json

    response = client.get("/export", params={"format": "gold", **params}, headers=auth(key))
    assert response.status_code == 200, response.text
    return [json.loads(line) for line in response.text.splitlines()]


def test_gold_export_marks_what_a_curator_made_or_changed(app, client, key, document):
    from tests.conftest import store_seed_document

    untouched, _ = store_seed_document(app)
    stroke = mention_id(document, "stroke")
    client.patch(f"/mentions/{stroke}", json={"version": 1, "label": "LAB_MARKER"}, headers=auth(key))
    client.delete(f"/mentions/{mention_id(document, 'Heparin')}", params={"version": 1}, headers=auth(key))
    accepted, flagged_only, rejected = document["records"]
    client.patch(f"/records/{accepted['id']}", json={"version": 2, "status": "accepted"}, headers=auth(key))
    client.patch(f"/records/{rejected['id']}", json={"version": 2, "status": "rejected"}, headers=auth(key))
    curator = client.get(f"/mentions/{stroke}/history").json()[0]["curator"]

    curated, plain = export_gold(client, key)
    assert (curated["curated"], curated["curated_by"]) == (True, curator)
    assert curated["curated_at"].endswith("+00:00")
    marks = {e["text"]: (e["label"], e["curated"], e.get("curated_by")) for e in curated["entities"]}
    assert marks == {"Aspirin": ("DRUG", False, None), "stroke": ("LAB_MARKER", True, curator),
                     "mortality": ("OUTCOME", False, None)}
    # The second-sentence record was only flagged by the removal (the store's doing, not a curator's).
    assert [(r["outcome"], r["curated"]) for r in curated["records"]] == [("stroke", True), ("mortality", False)]
    assert plain["id"] == f"doc-{untouched}" and plain["curated"] is False and "curated_by" not in plain
    assert not any(item["curated"] for item in plain["entities"] + plain["records"])


def test_gold_export_of_curated_documents_only(app, client, key, document):
    from tests.conftest import store_seed_document

    store_seed_document(app)
    assert export_gold(client, key, curated="only") == []
    start, end = span("adults")
    client.post(f"/documents/{document['id']}/mentions", json={"start": start, "end": end, "label": "OUTCOME"},
                headers=auth(key))
    only = export_gold(client, key, curated="only")
    assert [p["id"] for p in only] == [f"doc-{document['id']}"]
    assert [e["text"] for e in only[0]["entities"] if e["curated"]] == ["adults"]
    # The record exports take the same switch: only records a curator changed (none yet).
    for format in ("csv", "jsonl"):
        records = client.get("/export", params={"format": format, "curated": "only"}, headers=auth(key))
        assert records.status_code == 200 and len(records.text.splitlines()) == (1 if format == "csv" else 0)
    accepted = document["records"][0]
    client.patch(f"/records/{accepted['id']}", json={"version": accepted["version"], "status": "accepted"},
                 headers=auth(key))
    rows = client.get("/export", params={"format": "jsonl", "curated": "only"}, headers=auth(key)).text.splitlines()
    assert [json.loads(row)["record_id"] for row in rows] == [accepted["id"]]


def test_gold_export_with_its_marks_is_read_by_the_evaluator(client, key, document, tmp_path):
    from extractor.evaluate import evaluate, read_gold

    client.delete(f"/mentions/{mention_id(document, 'Heparin')}", params={"version": 1}, headers=auth(key))
    path = tmp_path / "export.jsonl"
    path.write_text(client.get("/export", params={"format": "gold"}, headers=auth(key)).text, encoding="utf-8")
    [passage] = read_gold(path)
    assert [m.text for m in passage.entities] == ["Aspirin", "stroke", "mortality"]
    assert evaluate([passage], [passage])["entities"]["strict"]["micro"]["f1"] == 1.0


def test_migration_keeps_a_store_made_before_mention_curation(database_url):
    from sqlalchemy import text

    from api.db import migrate

    from .conftest import store_at_revision

    engine = store_at_revision(database_url, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO documents (id, text, content_hash) VALUES (1, 'Aspirin helped.', 'h')"))
        connection.execute(text('INSERT INTO mentions (id, document_id, start, "end", label, text) '
                                "VALUES (1, 1, 0, 7, 'DRUG', 'Aspirin')"))
        connection.execute(text("INSERT INTO records (id, document_id, status, version) VALUES (1, 1, 'accepted', 3)"))
    migrate(engine)
    with engine.begin() as connection:
        assert connection.execute(text("SELECT version FROM mentions")).scalar_one() == 1
        assert connection.execute(text("SELECT needs_review, version FROM records")).one() == (False, 3)
        assert connection.execute(text("SELECT count(*) FROM mention_events")).scalar_one() == 0
    engine.dispose()
