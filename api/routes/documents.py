from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from .. import store
from ..deps import RowId, get_session, require_curator
from ..errors import LIMITED_ERRORS
from ..ratelimit import rate_limited
from ..schemas import CleanText, DocumentIn, DocumentOut, DocumentPage, DocumentSummary
from .extract import check_text, run_pipeline

router = APIRouter(prefix="/documents", tags=["documents"])


def document_out(document, created: bool = True) -> DocumentOut:
    out = DocumentOut.model_validate(document)
    out.created = created
    return out


def stored_before(session: Session, text: str) -> Optional[DocumentOut]:
    """The document already stored with this text, if any; ends the read either way."""
    existing = store.find_document_by_hash(session, text)
    out = document_out(existing, created=False) if existing is not None else None
    store.end_read(session)
    return out


@router.post("", response_model=DocumentOut, status_code=201, summary="Store a document and its extraction",
             responses={200: {"model": DocumentOut, "description": "The same text was stored before; that document"},
                        **LIMITED_ERRORS},
             dependencies=[Depends(rate_limited)])
async def create_document(body: DocumentIn, request: Request, response: Response,
                          session: Session = Depends(get_session), _curator: str = Depends(require_curator)) -> DocumentOut:
    check_text(request, body.text)
    existing = await run_in_threadpool(stored_before, session, body.text)
    if existing is not None:
        response.status_code = 200
        return existing
    # No transaction is open while the pipeline runs; the write below is one short transaction.
    extraction = await run_pipeline(request, body.text)
    document, created = await run_in_threadpool(store.add_document, session, extraction, body.title, body.source,
                                                body.external_id)
    if not created:
        response.status_code = 200
    return await run_in_threadpool(document_out, document, created)


@router.get("", response_model=DocumentPage, summary="List documents")
def list_documents(limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0, le=10_000_000),
                   source: Optional[CleanText] = Query(None, max_length=200),
                   q: Optional[CleanText] = Query(None, max_length=500),
                   session: Session = Depends(get_session)) -> DocumentPage:
    page = store.list_documents(session, limit, offset, source, q)
    items = [DocumentSummary(id=d.id, title=d.title, source=d.source, external_id=d.external_id,
                             created_at=d.created_at, record_count=len(d.records)) for d in page.items]
    return DocumentPage(items=items, total=page.total, limit=limit, offset=offset)


@router.get("/{document_id}", response_model=DocumentOut, summary="One document with its mentions and records")
def get_document(document_id: RowId, session: Session = Depends(get_session)) -> DocumentOut:
    return document_out(store.get_document(session, document_id))
