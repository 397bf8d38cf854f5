"""The upload page in a real headless Chromium (Debian's), driven by Playwright: a file becomes a job, the
page follows it to the end and links the documents; hostile text stays text."""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from extractor.settings import Settings

from .conftest import CHROMIUM_ARGS, ROOT, served, watched_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
SHOTS = ROOT / "out"
TEXTS = [
    "Rosuvastatin lowered LDL cholesterol in 180 adults.",
    "Azithromycin shortened cough in 64 children compared with placebo.",
    "Empagliflozin reduced hospital admission in 520 adults with heart failure.",
    "Clopidogrel did not change mortality in 230 patients after stenting.",
]
HOSTILE = "<script>alert(1)</script> Aspirin lowered stroke in 60 adults."


@pytest.fixture
def server(tmp_path, pipeline):
    from api import store
    from api.db import migrate
    from api.main import create_app

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'upload.db'}", job_poll_s=0.2), pipeline)
    migrate(app.state.engine)
    with app.state.sessions() as session:
        key = store.create_key(session, "upload-curator")
    with served(app) as base:
        # Start the extraction workers before the browser: a process forked later would hold copies of
        # the pipes to Playwright's driver, which then never sees them close and never exits.
        urllib.request.urlopen(urllib.request.Request(f"{base}/extract", data=b'{"text": "Aspirin."}',
                                                      headers={"Content-Type": "application/json"}))
        yield base, key


def test_curator_uploads_a_jsonl_follows_the_job_and_opens_a_document(server):
    from playwright.sync_api import expect, sync_playwright

    base, key = server
    lines = [json.dumps({"id": f"<b>trial {i}</b>", "text": text}) for i, text in enumerate(TEXTS)]
    lines.insert(1, "{not json")
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page, refused, errors = watched_page(browser)
        page.goto(base)
        page.click("nav a[href='/ui/upload']")
        page.fill("#api-key", key)
        page.dispatch_event("#api-key", "change")
        page.set_input_files("#upload-file", files=[{"name": "trials.jsonl", "mimeType": "application/jsonl",
                                                     "buffer": "\n".join(lines).encode()}])
        page.click("#upload-button")
        expect(page.locator("#job-status")).to_have_text("done", timeout=60_000)
        expect(page.locator("#job-counts")).to_have_text("4 stored, 1 failed, 0 to do, of 5")
        expect(page.locator("#job-progress")).to_have_attribute("value", "5")
        links = page.locator("#job-documents li a")
        expect(links).to_have_count(4)
        assert links.all_inner_texts() == [f"<b>trial {i}</b>" for i in range(4)]  # names shown as text
        expect(page.locator("#job-failures li")).to_have_text(["trials.jsonl:2: invalid JSON: Expecting property name "
                                                               "enclosed in double quotes"])
        page.screenshot(path=str(SHOTS / "upload-job.png"), full_page=True)

        page.fill("#paste-text", HOSTILE)  # pasted text is stored at once and shown as text
        page.fill("#paste-title", "=HYPERLINK(\"x\")")
        page.click("#upload-button")
        expect(page.locator("#job-counts")).to_have_text("1 stored, 0 failed, 0 to do, of 1")
        page.locator("#job-documents li a").first.click()
        expect(page.locator("#passage")).to_contain_text(HOSTILE)
        assert page.locator("h2").inner_text() == '=HYPERLINK("x")'

        page.goto(f"{base}/ui/upload")
        expect(page.locator("#jobs tbody tr td.status-done")).to_have_count(2)  # both jobs listed, newest first
        expect(page.locator("#jobs tbody tr").nth(1)).to_contain_text("trials.jsonl")
        page.click("#upload-button")  # nothing chosen: told so, nothing sent
        expect(page.locator("#message")).to_have_text("Choose a file or paste a text first.")
        page.set_input_files("#upload-file", files=[{"name": "notes.pdf", "mimeType": "application/pdf",
                                                     "buffer": b"%PDF-1.4"}])
        page.click("#upload-button")
        expect(page.locator("#message")).to_contain_text("the name must end in one of")
        assert refused == [] and errors == []
        browser.close()
