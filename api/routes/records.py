from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from .. import store
from ..deps import RowId, get_session, require_curator
from ..errors import LIMITED_ERRORS
from ..ratelimit import rate_limited
from ..schemas import CleanText, ConflictOut, Direction, ErrorOut, HistoryEntry, RecordOut, RecordPage, RecordPatch, Status

router = APIRouter(prefix="/records", tags=["records"])


SortColumn = Literal[store.SORTABLE]  # type: ignore[valid-type]


@router.get("", response_model=RecordPage, summary="List records across the store: filtered, sorted, paged")
def list_records(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000),
                 status: Optional[Status] = None, direction: Optional[Direction] = None,
                 drug: Optional[CleanText] = Query(None, max_length=300, description="Part of the intervention, any case."),
                 outcome: Optional[CleanText] = Query(None, max_length=300, description="Part of the outcome, any case."),
                 intervention: Optional[CleanText] = Query(None, max_length=300, description="The whole intervention, any case."),
                 design: Optional[CleanText] = Query(None, max_length=40),
                 needs_review: Optional[bool] = None,
                 document_id: Optional[int] = Query(None, ge=0, le=2_000_000_000),
                 sort: SortColumn = Query("id"), order: Literal["asc", "desc"] = Query("asc"),
                 session: Session = Depends(get_session)) -> RecordPage:
    page = store.list_records(session, limit, offset, sort, order, status=status, direction=direction, drug=drug,
                              outcome=outcome, intervention=intervention, design=design, needs_review=needs_review,
                              document_id=document_id)
    return RecordPage(items=[RecordOut.model_validate(r) for r in page.items], total=page.total, limit=limit, offset=offset)


@router.get("/{record_id}", response_model=RecordOut, responses={404: {"model": ErrorOut}})
def get_record(record_id: RowId, session: Session = Depends(get_session)) -> RecordOut:
    return RecordOut.model_validate(store.get_record(session, record_id))


@router.patch("/{record_id}", response_model=RecordOut,
              responses={404: {"model": ErrorOut}, 409: {"model": ConflictOut}, 401: {"model": ErrorOut}, 403: {"model": ErrorOut},
                         429: LIMITED_ERRORS[429]},
              summary="Accept, reject or edit a record (names the version it read)", dependencies=[Depends(rate_limited)])
def patch_record(record_id: RowId, body: RecordPatch, session: Session = Depends(get_session),
                 curator: str = Depends(require_curator)) -> RecordOut:
    fields = body.fields.model_dump(exclude_unset=True) if body.fields else {}
    record = store.change_record(session, record_id, body.version, curator, body.status, fields, body.comment)
    return RecordOut.model_validate(record)


@router.get("/{record_id}/history", response_model=list[HistoryEntry], responses={404: {"model": ErrorOut}},
            summary="Every change to a record: who, when, from which value to which")
def history(record_id: RowId, session: Session = Depends(get_session)) -> list[HistoryEntry]:
    return [HistoryEntry.model_validate(e) for e in store.record_history(session, record_id)]
