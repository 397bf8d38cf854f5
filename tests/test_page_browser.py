"""The curation page in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

from extractor.settings import Settings

from .conftest import CHROMIUM_ARGS, ROOT, served

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
SHOTS = ROOT / "out"


@pytest.fixture
def server(tmp_path, pipeline):
    from api import store
    from api.db import migrate
    from api.main import create_app

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'page.db'}"), pipeline)
    migrate(app.state.engine)
    text = (ROOT / "examples" / "colchicine.txt").read_text(encoding="utf-8")
    with app.state.sessions() as session:
        key = store.create_key(session, "browser-curator")
        document, _ = store.add_document(session, pipeline.extract(text), "Colchicine <b>review</b>", "demo", None)
    with served(app) as base:
        yield base, key, document.id


def test_curator_accepts_edits_and_reads_history(server):
    from playwright.sync_api import expect, sync_playwright

    base, key, document_id = server
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        refused = []  # anything the Content-Security-Policy blocked would break the page silently
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(base + "/")
        page.fill("#api-key", key)
        page.dispatch_event("#api-key", "change")
        assert page.locator("#documents tbody tr").count() == 1
        assert page.locator("#documents").inner_text().count("<b>review</b>") == 1  # escaped, shown as text
        page.click(f"a[href='/ui/documents/{document_id}']")

        assert page.locator("mark.ent[data-label=DRUG]").count() >= 3
        assert page.locator("mark.ent[data-label=COHORT_SIZE]").first.inner_text().startswith("4,745 patients")
        rows = page.locator("#records tbody tr")
        first, second = rows.nth(0), rows.nth(1)

        first.locator("button.accept").click()
        expect(first.locator(".status")).to_have_text("accepted")  # a locator: the page's CSP forbids eval

        answers = iter(["cohort_size", "4700"])
        page.on("dialog", lambda dialog: dialog.accept(next(answers)))
        second.locator("button.edit").click()
        expect(second.locator(".status")).to_have_text("edited")
        assert second.locator(".f-cohort_size").inner_text() == "4700"

        second.locator("button.show-history").click()
        history = second.locator(".history")
        history.wait_for(state="visible")
        assert "browser-curator edit cohort_size" in history.inner_text()
        page.screenshot(path=str(SHOTS / "curation-page.png"), full_page=True)
        assert refused == []
        browser.close()
