"""Records across the store (issue 11): filters, server-side sorting and paging, in the API and on the page;
SQLite always, PostgreSQL when a server answers on 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from extractor.settings import Settings

# (document, intervention, outcome, direction, design, cohort, values)
ROWS = [
    ("PMID:111", "Aspirin", "stroke", "decrease", "rct", 200, [{"value": 0.8, "kind": "hr", "ci_low": 0.7, "ci_high": 0.92}]),
    ("PMID:111", "aspirin", "all-cause mortality", "no_difference", "rct", 200, []),
    ("PMC2222", "low-dose aspirin", "Stroke", "decrease", "cohort", 5000, [{"value": 0.7, "kind": "hr", "ci_low": 0.5, "ci_high": 0.95}]),
    ("PMC2222", "heparin", "stroke", "increase", "cohort", None, []),
    ("doc-3", "ASPIRIN", "recurrent stroke", "no_difference", "rct", 60, [{"value": 1.1, "kind": "hr", "ci_low": 0.8, "ci_high": 1.5}]),
    ("doc-3", "warfarin", "bleeding", "increase", "rct", 60, [{"value": 2.0, "kind": "or", "ci_low": 1.2, "ci_high": 3.1}]),
]


def store_rows(app, rows=ROWS) -> list[int]:
    """Hand-made records, one document per external id (never the pipeline's output); returns record ids in ROWS order."""
    from api import store
    from extractor.schema import EvidenceRecord, Extraction

    ids = []
    for external_id in dict.fromkeys(row[0] for row in rows):
        mine = [row for row in rows if row[0] == external_id]
        text = f"Document {external_id}: " + " ".join(f"{row[1]} and {row[2]}." for row in mine)
        records = [EvidenceRecord(intervention=drug, outcome=outcome, direction=direction, design=design,
                                  cohort_size=cohort, values=values, comparator="placebo")
                   for _, drug, outcome, direction, design, cohort, values in mine]
        with app.state.sessions() as session:
            document, _ = store.add_document(session, Extraction(text=text, entities=[], records=records),
                                             f"About {mine[0][1]}", "pubmed", external_id)
            ids += [record.id for record in document.records]
    return ids


@pytest.fixture
def app(database_url, pipeline):
    from api.main import create_app

    return create_app(Settings(database_url=database_url, rate_limit_ip="", rate_limit_key=""), pipeline)


@pytest.fixture
def ids(app, client):
    return store_rows(app)


def found(client, **params) -> list[int]:
    response = client.get("/records", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_filters_match_as_documented(client, ids):
    assert found(client, drug="aspirin") == [ids[i] for i in (0, 1, 2, 4)]  # anywhere, any case
    assert found(client, outcome="stroke") == [ids[i] for i in (0, 2, 3, 4)]
    assert found(client, drug="aspirin", outcome="stroke", direction="decrease") == [ids[0], ids[2]]
    assert found(client, design="COHORT") == [ids[2], ids[3]]
    assert found(client, intervention="aspirin") == [ids[0], ids[1], ids[4]]  # the whole field
    assert found(client, drug="%") == [] and found(client, drug="_") == []


def test_status_filter_follows_curation(client, key, ids):
    client.patch(f"/records/{ids[3]}", json={"version": 1, "status": "rejected"}, headers={"X-API-Key": key})
    assert found(client, status="rejected") == [ids[3]]
    assert found(client, status="pending", outcome="stroke") == [ids[i] for i in (0, 2, 4)]


def test_sorting_by_any_column_pages_without_overlap(client, ids):
    by_cohort = found(client, sort="cohort_size", order="desc")
    assert by_cohort == [ids[i] for i in (2, 1, 0, 5, 4, 3)]  # ties by id in the same order, null last
    assert found(client, sort="cohort_size") == [ids[i] for i in (4, 5, 0, 1, 2, 3)]
    assert found(client, sort="design") == [ids[i] for i in (2, 3, 0, 1, 4, 5)]
    pages = [client.get("/records", params={"sort": "direction", "order": "desc", "limit": 4, "offset": offset}).json()
             for offset in (0, 4)]
    assert [p["total"] for p in pages] == [6, 6]
    paged = [item["id"] for p in pages for item in p["items"]]
    assert paged == found(client, sort="direction", order="desc") and sorted(paged) == sorted(ids)


@pytest.mark.parametrize("params", [{"sort": "values"}, {"sort": "id; drop table records"}, {"order": "up"},
                                    {"direction": "sideways"}, {"drug": "a\x00b"}, {"status": "maybe"}])
def test_bad_record_queries_are_refused(client, ids, params):
    assert client.get("/records", params=params).status_code == 422
    assert client.get("/ui/records", params=params).status_code == 422


def test_records_page_filters_sorts_and_pages(app, client, ids):
    store_rows(app, [(f"bulk-{i}", "aspirin", f"outcome {i:02d}", "decrease", "rct", i, []) for i in range(55)])
    html = client.get("/ui/records", params={"drug": "aspirin", "outcome": "stroke", "sort": "cohort_size",
                                             "order": "desc"}).text
    rows = re.findall(r'<tr data-id="(\d+)">', html)
    assert rows == [str(ids[i]) for i in (2, 0, 4)]  # cohorts 5000, 200, 60
    assert "https://pubmed.ncbi.nlm.nih.gov/111/" in html and "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2222/" in html
    assert "HR 0.8 (0.7–0.92)" in html
    assert 'class="sort sorted-desc"' in html and "sort=cohort_size&amp;order=asc" in html  # the header link flips order
    first = client.get("/ui/records", params={"drug": "aspirin"}).text
    assert "59 record(s), 1–50 shown" in first and 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/ui/records", params={"drug": "aspirin", "offset": 50}).text
    assert len(re.findall(r'<tr data-id="', second)) == 9 and 'rel="prev"' in second and 'rel="next"' not in second


def test_records_page_shows_hostile_text_as_text(app, client):
    store_rows(app, [("x", "<script>alert(1)</script>", "=1+1", "increase", "rct", 10, []),
                     ("y", "+drug", "@SUM(A1)", "decrease", "rct", 10, []), ("z", "-5", "stroke", "decrease", "rct", 5, [])])
    html = client.get("/ui/records").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for text in ("=1+1", "+drug", "@SUM(A1)", "<td>-5</td>"):
        assert text in html
