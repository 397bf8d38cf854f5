"""The curation pages: documents list, a document view (mentions, records, curation) and the records view."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from .. import store
from ..deps import RowId, get_session
from ..schemas import CleanText

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
LABELS = ("DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN")  # colours in static/curation.css


def passage_text(text: str) -> Markup:
    """Escaped text that keeps carriage returns: HTML parsing turns a raw CR into LF, which would
    shift every offset the page computes from a selection after it."""
    return Markup(str(escape(text)).replace("\r", "&#13;"))


templates.env.filters["passage_text"] = passage_text


def source_link(external_id: str | None) -> dict | None:
    """A link to PubMed or PubMed Central for ids the readers keep (PMID:123, a PMC id), else None."""
    if not external_id:
        return None
    pmid = re.fullmatch(r"(?:PMID:?\s*)(\d{1,9})", external_id.strip(), re.IGNORECASE)
    if pmid:
        return {"url": f"https://pubmed.ncbi.nlm.nih.gov/{pmid.group(1)}/", "label": f"PMID {pmid.group(1)}"}
    pmcid = re.fullmatch(r"(?:PMCID:?\s*)?PMC(\d{1,9})", external_id.strip(), re.IGNORECASE)
    if pmcid:
        return {"url": f"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmcid.group(1)}/",
                "label": f"PMC{pmcid.group(1)}"}
    return None


templates.env.globals["source_link"] = source_link


def plain_pieces(text: str, start: int, end: int, cuts: list[int]) -> list[dict]:
    """Unlabelled text from start to end, cut where evidence spans begin or end (so the page can mark them)."""
    points = [start, *(c for c in cuts if start < c < end), end]
    return [{"text": text[a:b], "start": a, "end": b} for a, b in zip(points, points[1:]) if b > a]


def segments(text: str, mentions, cuts: list[int] = ()) -> list[dict]:
    """Split the text into plain and labelled pieces, each with its offsets (escaping is left to the template)."""
    cuts = sorted(set(cuts))
    pieces, position = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < position:
            continue
        pieces += plain_pieces(text, position, mention.start, cuts)
        pieces.append({"text": text[mention.start:mention.end], "start": mention.start, "end": mention.end,
                       "mention": mention, "label": mention.label,
                       "norm": ", ".join(f"{k}: {v}" for k, v in (mention.norm or {}).items()),
                       "norm_json": json.dumps(mention.norm or {}, ensure_ascii=False)})
        position = mention.end
    pieces += plain_pieces(text, position, len(text), cuts)
    return pieces


def evidence_cuts(records) -> list[int]:
    return [offset for record in records for span in record.evidence or [] for offset in (span["start"], span["end"])]


@router.get("/", response_class=HTMLResponse)
def index(request: Request, q: Optional[CleanText] = Query(None, max_length=500), session: Session = Depends(get_session)):
    page = store.list_documents(session, 100, 0, None, q)
    return templates.TemplateResponse(request, "index.html", {"documents": page.items, "total": page.total, "q": q or ""})


@router.get("/ui/documents/{document_id}", response_class=HTMLResponse)
def document_view(request: Request, document_id: RowId, session: Session = Depends(get_session)):
    document = store.get_document(session, document_id)
    used = {record.id: store.mentions_used(record, document.mentions) for record in document.records}
    return templates.TemplateResponse(request, "document.html", {
        "document": document, "segments": segments(document.text, document.mentions, evidence_cuts(document.records)),
        "labels": LABELS, "used": used, "link": source_link(document.external_id)})
