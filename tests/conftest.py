from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpora" / "dev.jsonl"


@pytest.fixture(scope="session")
def pipeline():
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def seed_passage() -> dict:
    """The seed passage from ../shared (never copied into the project); skips where it is absent."""
    if not DEV.exists():
        pytest.skip("../shared/corpora/dev.jsonl is not beside the project")
    for line in DEV.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        if data["id"] == "seed-heparin-01":
            return data
    pytest.skip("seed-heparin-01 not in the dev file")


def create_postgres_database() -> str | None:
    """A fresh database on the local PostgreSQL server; None where no server answers."""
    try:
        import psycopg

        with psycopg.connect("host=127.0.0.1 dbname=postgres user=postgres", connect_timeout=2, autocommit=True) as conn:
            name = f"evidence_test_{uuid.uuid4().hex[:10]}"
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1/{name}"
    except Exception:
        return None


def drop_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect("host=127.0.0.1 dbname=postgres user=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = create_postgres_database()
    if url is None:
        pytest.skip("no PostgreSQL server on 127.0.0.1")
    yield url
    drop_postgres_database(url)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def store_seed_document(app, text: str = "Aspirin and heparin were compared in 120 patients (1, 2).", records: int = 3):
    """A document with ``records`` hand-made pending records, stored without the pipeline (its output may change)."""
    from api import store
    from extractor.schema import EvidenceRecord, Extraction, Mention

    extraction = Extraction(text=text, entities=[Mention(0, 7, "DRUG", "Aspirin", {"name": "aspirin"})], records=[
        EvidenceRecord(intervention="aspirin", outcome=f"outcome {i}", comparator="heparin", cohort_size=120 + i,
                       design="rct", direction="decrease", values=[{"value": 2.5 + i, "unit": "%", "approx": False}],
                       refs=[str(i + 1)], evidence=[(0, 7)])
        for i in range(records)])
    with app.state.sessions() as session:
        document, _ = store.add_document(session, extraction, "Seed", "seed", None)
        return document.id, [record.id for record in document.records]


def new_key(app) -> str:
    """A fresh curator key in the app's store."""
    from api import store

    with app.state.sessions() as session:
        return store.create_key(session, f"curator-{uuid.uuid4().hex[:6]}")


@pytest.fixture
def client(app):
    """A TestClient (with start-up and shutdown) on the module's ``app`` fixture."""
    from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def key(app, client):
    return new_key(app)


@contextmanager
def served(app):
    """Run ``app`` under uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def store_at_revision(database_url: str, revision: str):
    """An engine on a store migrated only up to ``revision`` (to test that an older store upgrades)."""
    from alembic import command
    from alembic.config import Config

    from api.db import MIGRATIONS, make_engine

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine


def watched_page(browser):
    """A new page, and the lists it fills: messages of a Content-Security-Policy refusal, and script errors."""
    page = browser.new_page()
    refused, errors = [], []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, refused, errors
