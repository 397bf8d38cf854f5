"""The curation pages: documents list, a document view (mentions, records, curation) and the records view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from .. import evidence, jobs, store
from ..deps import RowId, get_session
from ..links import source_link
from ..schemas import CleanText

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
LABELS = ("DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN")  # colours in static/curation.css


def passage_text(text: str) -> Markup:
    """Escaped text that keeps carriage returns: HTML parsing turns a raw CR into LF, which would
    shift every offset the page computes from a selection after it."""
    return Markup(str(escape(text)).replace("\r", "&#13;"))


templates.env.filters["passage_text"] = passage_text
templates.env.globals["source_link"] = source_link


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


RECORD_COLUMNS = ("id", "document_id", "intervention", "comparator", "outcome", "cohort_size", "design", "direction",
                  "status", "updated_at")
DIRECTIONS = ("decrease", "increase", "no_difference", "improve", "worsen")
STATUSES = ("pending", "accepted", "rejected", "edited")
PAGE_SIZE = 50


def link_with(path: str, params: dict, **changes) -> str:
    """``path`` with the current filters, some of them changed (empty values left out)."""
    merged = {name: value for name, value in {**params, **changes}.items() if value not in (None, "")}
    return f"{path}?{urlencode(merged)}" if merged else path


@router.get("/ui/records", response_class=HTMLResponse)
def records_view(request: Request, drug: Optional[CleanText] = Query(None, max_length=300),
                 outcome: Optional[CleanText] = Query(None, max_length=300),
                 direction: Optional[Literal[DIRECTIONS]] = None,  # type: ignore[valid-type]
                 status: Optional[Literal[STATUSES]] = None,  # type: ignore[valid-type]
                 design: Optional[CleanText] = Query(None, max_length=40),
                 sort: Literal[RECORD_COLUMNS] = "id", order: Literal["asc", "desc"] = "asc",  # type: ignore[valid-type]
                 offset: int = Query(0, ge=0, le=10_000_000), session: Session = Depends(get_session)):
    filters = {"drug": drug, "outcome": outcome, "direction": direction, "status": status, "design": design}
    page = store.list_records(session, PAGE_SIZE, offset, sort, order, **filters)
    params = {**filters, "sort": sort, "order": order}
    documents = store.documents_by_id(session, {r.document_id for r in page.items})
    return templates.TemplateResponse(request, "records.html", {
        "page": page, "filters": filters, "sort": sort, "order": order, "columns": RECORD_COLUMNS,
        "directions": DIRECTIONS, "statuses": STATUSES, "documents": documents,
        "sort_link": lambda column: link_with("/ui/records", params, sort=column,
                                              order="desc" if sort == column and order == "asc" else "asc", offset=None),
        "previous": link_with("/ui/records", params, offset=max(0, offset - PAGE_SIZE)) if offset > 0 else None,
        "next": link_with("/ui/records", params, offset=offset + PAGE_SIZE) if offset + PAGE_SIZE < page.total else None,
        "evidence_link": link_with("/ui/evidence", {"drug": drug, "outcome": outcome}) if drug and outcome else None})


@router.get("/ui/evidence", response_class=HTMLResponse)
def evidence_view(request: Request, drug: Optional[CleanText] = Query(None, max_length=300),
                  outcome: Optional[CleanText] = Query(None, max_length=300), session: Session = Depends(get_session)):
    summary = evidence.summarize(session, drug, outcome) if drug and drug.strip() and outcome and outcome.strip() else None
    return templates.TemplateResponse(request, "evidence.html", {
        "drug": drug or "", "outcome": outcome or "", "summary": summary,
        "chart": Markup(evidence.chart_svg(summary)) if summary else None,  # built from escaped pieces
        "download": link_with("/evidence.svg", {"drug": drug, "outcome": outcome}),
        "records_link": link_with("/ui/records", {"drug": drug, "outcome": outcome})})


@router.get("/ui/upload", response_class=HTMLResponse)
def upload_view(request: Request, session: Session = Depends(get_session)):
    return templates.TemplateResponse(request, "upload.html", {"jobs": jobs.list_jobs(session, 20, 0).items})
