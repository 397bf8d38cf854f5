"""The curation page: documents list and a document view with highlighted mentions and its records."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from .. import store
from ..deps import RowId, get_session
from ..schemas import CleanText

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
LABELS = ("DRUG", "LAB_MARKER", "COHORT_SIZE", "OUTCOME", "STUDY_DESIGN")  # colours in static/curation.css


def segments(text: str, mentions) -> list[dict]:
    """Split the text into plain and labelled pieces (escaping is left to the template)."""
    pieces, position = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < position:
            continue
        if mention.start > position:
            pieces.append({"text": text[position:mention.start]})
        pieces.append({"text": text[mention.start:mention.end], "label": mention.label,
                       "norm": ", ".join(f"{k}: {v}" for k, v in (mention.norm or {}).items())})
        position = mention.end
    if position < len(text):
        pieces.append({"text": text[position:]})
    return pieces


@router.get("/", response_class=HTMLResponse)
def index(request: Request, q: Optional[CleanText] = Query(None, max_length=500), session: Session = Depends(get_session)):
    page = store.list_documents(session, 100, 0, None, q)
    return templates.TemplateResponse(request, "index.html", {"documents": page.items, "total": page.total, "q": q or ""})


@router.get("/ui/documents/{document_id}", response_class=HTMLResponse)
def document_view(request: Request, document_id: RowId, session: Session = Depends(get_session)):
    document = store.get_document(session, document_id)
    return templates.TemplateResponse(request, "document.html", {
        "document": document, "segments": segments(document.text, document.mentions), "labels": LABELS})
