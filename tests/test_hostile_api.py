"""The service under hostile and heavy input (issue 9): each test names the defect it guards against."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from extractor.settings import Settings

from .conftest import ROOT, free_port, new_key, store_seed_document

EXAMPLE = (ROOT / "examples" / "colchicine.txt").read_text(encoding="utf-8")
SLOW = "SLOW "  # texts starting with this make SlowPipeline take its time


class SlowPipeline:
    """The real pipeline behind a deliberate delay for texts starting with SLOW, leaving marker files
    so a test can tell whether a worker's work ran to its end or was stopped."""

    def __init__(self, real, delay: float, folder: Path):
        self.real, self.delay, self.folder = real, delay, folder

    def extract(self, text: str):
        if text.startswith(SLOW):
            (self.folder / "started").touch()
            time.sleep(self.delay)
            (self.folder / "finished").touch()
        return self.real.extract(text)

    def warm_up(self) -> None:
        self.real.warm_up()


def prose(length: int) -> str:
    """Real prose of about ``length`` characters from the project's own passages (held-out ones left out)."""
    from extractor.splits import is_held_out

    passages = [json.loads(line) for line in (ROOT / "corpora" / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [p["text"] for p in passages if not is_held_out(p["id"])]
    pieces, size = [], 0
    while size < length:
        pieces.append(texts[len(pieces) % len(texts)])
        size += len(pieces[-1]) + 1
    return " ".join(pieces)[:length]


def make_app(database_url: str, pipeline, **settings):
    from api.main import create_app

    options = {"max_text_chars": 5000, "rate_limit_ip": "", "rate_limit_key": "", **settings}
    return create_app(Settings(database_url=database_url, **options), pipeline)


@pytest.fixture
def app(database_url, pipeline):
    return make_app(database_url, pipeline)


@pytest.fixture
def document(app, client):
    document_id, _ = store_seed_document(app)
    return client.get(f"/documents/{document_id}").json()


def patch(client, key, record_id, body):
    return client.patch(f"/records/{record_id}", json=body, headers={"X-API-Key": key})


# --- size limits ------------------------------------------------------------------------------

def test_text_over_the_limit_is_413_with_the_numbers(client, key):
    for path, headers in (("/extract", {}), ("/documents", {"X-API-Key": key})):
        response = client.post(path, json={"text": "a" * 5001}, headers=headers)
        assert response.status_code == 413
        assert response.json()["error"] == "the text has 5001 characters; the limit is 5000"


def test_oversized_chunked_body_is_413_not_400(client):
    chunks = iter([b'{"text": "', b"x" * 200_000, b'"}'])  # no Content-Length: sent chunked
    response = client.post("/extract", content=chunks, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "limit" in response.json()["error"]


# --- extraction in a worker, within a budget ---------------------------------------------------

@pytest.fixture
def slow_app(tmp_path, pipeline):
    return make_app(f"sqlite:///{tmp_path / 'slow.db'}", SlowPipeline(pipeline, 4.0, tmp_path),
                    extraction_budget_s=1.0, max_text_chars=50_000)


def test_extraction_over_budget_is_stopped_with_503(slow_app, tmp_path):
    with TestClient(slow_app) as client:
        start = time.monotonic()
        response = client.post("/extract", json={"text": SLOW + EXAMPLE})
        assert response.status_code == 503 and "time budget of 1 s" in response.json()["error"]
        assert time.monotonic() - start < 3.5
        time.sleep(max(0.0, start + 5.0 - time.monotonic()))
        assert (tmp_path / "started").exists() and not (tmp_path / "finished").exists()  # the worker was stopped
        assert client.post("/extract", json={"text": EXAMPLE}).status_code == 200  # a fresh worker took over


def serve(app):
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, port


def test_work_stops_when_the_client_goes_away(tmp_path, pipeline):
    app = make_app(f"sqlite:///{tmp_path / 'gone.db'}", SlowPipeline(pipeline, 3.0, tmp_path), extraction_budget_s=60)
    server, thread, port = serve(app)
    try:
        body = json.dumps({"text": SLOW + EXAMPLE}).encode()
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            for _ in range(100):
                if (tmp_path / "started").exists():
                    break
                time.sleep(0.05)
        time.sleep(4.0)  # past the delay: a worker left running would have finished by now
        assert (tmp_path / "started").exists() and not (tmp_path / "finished").exists()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_long_post_locks_nobody_out(database_url, tmp_path, pipeline):
    """A 40,000-character POST /documents in flight (its extraction held for 3 s); 20 reads and a PATCH
    meanwhile all answer while it runs. A lock held during extraction would make each wait the 3 s; the
    bound below is 2.5 s rather than 1 s because 21 threads on a loaded 2-core CI machine have been seen
    at 1.004 s. The latency itself is measured by bench/service_hostile.py (p99 57 ms), not here."""
    app = make_app(database_url, SlowPipeline(pipeline, 3.0, tmp_path), max_text_chars=50_000, extraction_budget_s=60)
    with TestClient(app) as client:
        key = new_key(app)
        document_id, record_ids = store_seed_document(app)
        record = {"id": record_ids[0]}
        long_text = SLOW + prose(40_000 - len(SLOW))
        posted = {}

        def post_long():
            posted["response"] = client.post("/documents", json={"text": long_text}, headers={"X-API-Key": key})
            posted["at"] = time.monotonic()

        poster = threading.Thread(target=post_long)
        poster.start()
        while not (tmp_path / "started").exists():
            time.sleep(0.02)

        reads = ["/health", "/documents", f"/documents/{document_id}", "/records", f"/records/{record['id']}"] * 4
        timings: list[tuple[int, float, float]] = []

        def timed(call):
            start = time.monotonic()
            response = call()
            timings.append((response.status_code, time.monotonic() - start, time.monotonic()))

        calls = [lambda path=path: client.get(path) for path in reads]
        calls.append(lambda: patch(client, key, record["id"], {"version": 1, "status": "accepted"}))
        workers = [threading.Thread(target=timed, args=(call,)) for call in calls]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        poster.join()

    assert len(timings) == 21
    assert [status for status, _, _ in timings] == [200] * 21
    assert max(seconds for _, seconds, _ in timings) < 2.5
    assert max(done for _, _, done in timings) < posted["at"]  # all answered while the POST was in flight
    assert posted["response"].status_code == 201 and len(posted["response"].json()["text"]) == 40_000


# --- validation before anything is written ----------------------------------------------------

@pytest.mark.parametrize("field", ["hedged", "negated", "values", "refs"])
def test_null_for_a_non_nullable_field_is_refused(client, key, document, field):
    record = document["records"][0]
    response = patch(client, key, record["id"], {"version": 1, "fields": {field: None}})
    assert response.status_code == 422
    assert client.get(f"/records/{record['id']}").json()["version"] == 1
    assert client.get(f"/documents/{document['id']}").status_code == 200


@pytest.mark.parametrize("fields", [{"hedged": "yes"}, {"negated": 1}, {"values": "5%"}, {"refs": "3"}])
def test_patch_fields_are_typed(client, key, document, fields):
    assert patch(client, key, document["records"][0]["id"], {"version": 1, "fields": fields}).status_code == 422


def test_typed_fields_are_saved(client, key, document):
    record = document["records"][0]
    body = {"version": 1, "fields": {"hedged": True, "refs": ["4"], "values": [{"value": 2.5, "unit": "%"}]}}
    saved = patch(client, key, record["id"], body).json()
    assert saved["hedged"] is True and saved["refs"] == ["4"] and saved["values"][0]["value"] == 2.5


@pytest.mark.parametrize("version", ["1", True, 1.5])
def test_version_must_be_an_integer(client, key, document, version):
    record = document["records"][0]
    assert patch(client, key, record["id"], {"version": version, "status": "accepted"}).status_code == 422
    assert client.get(f"/records/{record['id']}").json()["status"] == "pending"


def test_patch_that_changes_nothing_adds_no_history(client, key, document):
    record = document["records"][0]
    for body in ({"version": 1}, {"version": 1, "fields": {"outcome": record["outcome"]}}):
        answer = patch(client, key, record["id"], body)
        assert answer.status_code == 200 and answer.json()["version"] == 1
    assert client.get(f"/records/{record['id']}/history").json() == []


@pytest.mark.parametrize("raw", [b'{"text": NaN}', b'{"text": Infinity}', b'{"text": 1e999}', b'{"text": "\\ud800"}',
                                 b'{"text": "ok", "extra": NaN}'])
def test_error_handlers_survive_the_input_they_report(client, raw):
    response = client.post("/extract", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and response.json()["error"]


def send(client, method, path, body, key=None):
    """A JSON request written with ASCII escapes, so that lone surrogates reach the server as sent."""
    headers = {"Content-Type": "application/json", **({"X-API-Key": key} if key else {})}
    return client.request(method, path, content=json.dumps(body), headers=headers)


def test_nul_and_lone_surrogates_are_refused_everywhere(client, key, document):
    record = document["records"][0]
    for bad in ("a\x00b", "a\ud800b"):
        assert send(client, "POST", "/extract", {"text": bad}).status_code == 422
        for body in ({"text": bad}, {"text": "Aspirin helped.", "title": bad}):
            assert send(client, "POST", "/documents", body, key).status_code == 422
        assert send(client, "PATCH", f"/records/{record['id']}", {"version": 1, "comment": bad}, key).status_code == 422
    for path, name in (("/documents", "q"), ("/documents", "source"), ("/records", "intervention"), ("/", "q")):
        assert client.get(path, params={name: "a\x00b"}).status_code == 422
    assert client.get("/documents").json()["total"] == 1
    assert client.get(f"/records/{record['id']}/history").json() == []


def test_like_wildcards_are_taken_literally(client, key):
    for text in ("Aspirin lowered stroke by 50% in 100 patients (1).", "Heparin reduced clotting in 80 patients (2)."):
        client.post("/documents", json={"text": text}, headers={"X-API-Key": key})
    assert client.get("/documents", params={"q": "%"}).json()["total"] == 1
    assert client.get("/documents", params={"q": "_"}).json()["total"] == 0
    assert client.get("/documents", params={"q": "lowered"}).json()["total"] == 1


# --- exports ------------------------------------------------------------------------------------

def test_csv_cells_cannot_become_formulas(client, key, document):
    record = document["records"][0]
    fields = {"outcome": '=HYPERLINK("http://example.invalid","x")', "intervention": "+1+1", "comparator": "-2+3",
              "population": "@SUM(A1)"}
    assert patch(client, key, record["id"], {"version": 1, "fields": fields}).status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get("/export", params={"format": "csv"}, headers={"X-API-Key": key}).text)))
    exported = next(row for row in rows if row["record_id"] == str(record["id"]))
    for name, value in fields.items():
        assert exported[name] == "'" + value


@pytest.mark.parametrize("cell, safe", [("\tcmd", "'\tcmd"), ("\r=1", "'\r=1"), ("a=1", "a=1"), (5, 5), (None, None)])
def test_spreadsheet_safe(cell, safe):
    from api.routes.export import spreadsheet_safe

    assert spreadsheet_safe(cell) == safe


def test_csv_streams_row_by_row(app, document):
    from api.routes.export import csv_lines

    assert len(document["records"]) == 3
    with app.state.sessions() as session:
        chunks = csv_lines(session)
        first = next(chunks)
        assert len(first.splitlines()) == 2  # the header and one record, not the whole file
        assert sum(len(chunk.splitlines()) for chunk in chunks) == 2


# --- operations hygiene -------------------------------------------------------------------------

def test_metric_labels_are_bounded(client):
    for i in range(30):
        client.request(f"INVENTED{i}", "/health")
        client.get(f"/no-such-path-{i}")
    text = client.get("/metrics").text
    assert "INVENTED" not in text and "no-such-path" not in text
    assert 'method="other"' in text and 'route="other"' in text


def test_docs_are_served_offline(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        urls = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert urls and all(url.startswith("/static-docs/") for url in urls), urls
        for url in urls:
            assert client.get(url).status_code == 200
        assert not re.search(r"https?://", html)  # nothing fetched from elsewhere


def test_pages_carry_security_headers_and_no_inline_code(client, document):
    for path in ("/", f"/ui/documents/{document['id']}", "/docs", "/health"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe-eval" not in policy
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
    for path in ("/", f"/ui/documents/{document['id']}"):
        html = client.get(path).text
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts and all('src="/static/' in tag for tag in scripts)  # the page CSP allows no inline script
        assert "<style" not in html and "style=" not in html
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
            assert client.get(asset).status_code == 200


def test_rate_limit_per_address(tmp_path, pipeline):
    app = make_app(f"sqlite:///{tmp_path / 'limit.db'}", pipeline, rate_limit_ip="3/minute")
    with TestClient(app) as client:
        statuses = [client.post("/extract", json={"text": "Aspirin helped."}).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = client.post("/extract", json={"text": "Aspirin helped."})
        assert "limit is 3 per 1 minute" in refused.json()["error"] and int(refused.headers["Retry-After"]) >= 1
        assert client.get("/health").status_code == 200  # reads are not limited


def test_rate_limit_per_key(tmp_path, pipeline):
    app = make_app(f"sqlite:///{tmp_path / 'limit.db'}", pipeline, rate_limit_key="2/minute")
    with TestClient(app) as client:
        first, second = new_key(app), new_key(app)
        texts = [f"Aspirin reduced stroke in {100 + i} patients ({i})." for i in range(4)]
        statuses = [client.post("/documents", json={"text": t}, headers={"X-API-Key": first}).status_code for t in texts[:3]]
        assert statuses == [201, 201, 429]
        assert client.post("/documents", json={"text": texts[3]}, headers={"X-API-Key": second}).status_code == 201
