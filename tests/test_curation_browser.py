"""Mention curation and the evidence views in a real headless Chromium (Debian's), driven by Playwright."""

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
TEXT = ("Aspirin reduced stroke in 120 patients (1). <script>alert(1)</script> "
        "Heparin did not change mortality in 80 adults (2).")


def hand_made_document(app) -> int:
    """A document whose mentions and records are built by hand, so the test does not follow the pipeline."""
    from api import store
    from extractor.schema import EvidenceRecord, Extraction, Mention

    def at(word):
        return TEXT.index(word), TEXT.index(word) + len(word)

    first, second = (0, TEXT.index("(1).") + 4), (TEXT.index("Heparin"), len(TEXT))
    mentions = [Mention(*at(w), label, w, {}) for w, label in
                (("Aspirin", "DRUG"), ("stroke", "OUTCOME"), ("Heparin", "DRUG"), ("mortality", "OUTCOME"))]
    records = [
        EvidenceRecord(intervention="aspirin", outcome="stroke", cohort_size=120, design="rct", direction="decrease",
                       values=[{"value": 0.8, "kind": "hr", "ci_low": 0.7, "ci_high": 0.9}], evidence=[first]),
        EvidenceRecord(intervention="heparin", outcome="@SUM(A1) mortality", cohort_size=80, design="cohort",
                       direction="no_difference", evidence=[second]),
    ]
    with app.state.sessions() as session:
        document, _ = store.add_document(session, Extraction(text=TEXT, entities=mentions, records=records),
                                         "=HYPERLINK(\"x\") trial", "pubmed", "PMID:12345")
        return document.id


@pytest.fixture
def server(tmp_path, pipeline):
    from api import store
    from api.db import migrate
    from api.main import create_app

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'curation.db'}"), pipeline)
    migrate(app.state.engine)
    document_id = hand_made_document(app)
    with app.state.sessions() as session:
        key = store.create_key(session, "browser-curator")
    with served(app) as base:
        yield base, key, document_id


def select_text(page, text: str) -> None:
    """Select ``text`` in the passage as a curator's drag would (a DOM Range set from outside the page's CSP)."""
    page.evaluate("""(text) => {
        const passage = document.getElementById('passage');
        const walker = document.createTreeWalker(passage, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(text);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return;
        }
        throw new Error('text not in the passage: ' + text);
    }""", text)


def mark(page, text: str):
    return page.locator("#passage mark.ent", has_text=text)


def test_curator_fixes_mentions_accepts_a_record_and_reads_the_evidence(server):
    from playwright.sync_api import expect, sync_playwright

    base, key, document_id = server
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page, refused, errors = watched_page(browser)
        page.goto(f"{base}/ui/documents/{document_id}")
        page.fill("#api-key", key)
        page.dispatch_event("#api-key", "change")
        assert "<script>alert(1)</script>" in page.locator("#passage").inner_text()  # shown as text
        assert page.locator("h2").inner_text() == '=HYPERLINK("x") trial'
        assert page.locator(".source a").get_attribute("href") == "https://pubmed.ncbi.nlm.nih.gov/12345/"
        rows = page.locator("#records tbody tr")
        assert "@SUM(A1) mortality" in rows.nth(1).inner_text()

        page.click("h2")  # leave the key box, whose keys are its own
        page.keyboard.press("j")  # provenance: the first record's sentence and the mentions it uses
        expect(rows.nth(0)).to_have_class("current")
        expect(mark(page, "Aspirin")).to_have_class("ent label-DRUG in-evidence used")
        expect(mark(page, "Heparin")).to_have_class("ent label-DRUG")
        assert "120 patients (1)." in " ".join(page.locator("#passage .seg.in-evidence").all_inner_texts())

        select_text(page, "120 patients")  # add a mention from the selection, keyboard only
        page.keyboard.press("m")
        expect(page.locator("#mention-form")).to_be_visible()
        expect(page.locator("#mention-text")).to_have_text("120 patients")
        page.keyboard.press("3")
        page.keyboard.press("Enter")
        expect(mark(page, "120 patients")).to_have_attribute("data-label", "COHORT_SIZE")
        expect(page.locator("#message")).to_contain_text("1 pending record(s) flagged")
        expect(rows.nth(0).locator(".review")).to_be_visible()
        expect(rows.nth(0)).to_have_class("current")  # the selection survives the reload

        mark(page, "stroke").click()  # relabel with the mouse, then a key
        expect(page.locator("#mention-form")).to_be_visible()
        page.keyboard.press("2")
        page.click("#mention-save")
        expect(mark(page, "stroke")).to_have_attribute("data-label", "LAB_MARKER")

        mark(page, "Heparin").focus()  # remove with the keyboard
        page.keyboard.press("Enter")
        page.keyboard.press("Delete")
        expect(mark(page, "Heparin")).to_have_count(0)
        expect(rows.nth(1).locator(".review")).to_be_visible()

        rows.nth(0).locator("td").first.click()
        page.keyboard.press("a")
        expect(rows.nth(0).locator(".status")).to_have_text("accepted")
        expect(rows.nth(0).locator(".review")).to_be_hidden()
        page.screenshot(path=str(SHOTS / "curation-mentions.png"), full_page=True)

        page.click("nav a[href='/ui/evidence']")  # the evidence summary draws its chart
        page.fill("input[name=drug]", "aspirin")
        page.fill("input[name=outcome]", "stroke")
        page.click("form.filters button")
        chart = page.locator("#evidence-chart")
        expect(chart).to_be_visible()
        assert chart.locator("g.effect").count() == 1
        box = chart.locator("g.effect rect").bounding_box()
        assert box and box["width"] == pytest.approx(10, abs=1)  # the square is drawn, at its size
        expect(page.locator("#evidence-records tbody tr")).to_have_count(1)
        download = page.request.get(base + page.locator("#download-svg").get_attribute("href"))
        assert download.headers["content-type"].startswith("image/svg+xml") and "<svg" in download.text()
        page.screenshot(path=str(SHOTS / "curation-evidence.png"), full_page=True)

        history = json.load(urllib.request.urlopen(f"{base}/documents/{document_id}"))
        labels = {m["text"]: m["label"] for m in history["mentions"]}
        assert labels == {"Aspirin": "DRUG", "stroke": "LAB_MARKER", "120 patients": "COHORT_SIZE", "mortality": "OUTCOME"}
        assert refused == [] and errors == []
        browser.close()
