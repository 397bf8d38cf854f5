"""Mention curation: add, relabel or renormalise, and remove a document's mentions, with history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from .. import store
from ..deps import RowId, get_session, require_curator
from ..errors import LIMITED_ERRORS
from ..ratelimit import rate_limited
from ..schemas import (ErrorOut, MentionConflictOut, MentionHistoryEntry, MentionIn, MentionOut, MentionPatch,
                       MentionResult, RecordOut)

router = APIRouter(tags=["mentions"])
WRITE_ERRORS = {404: {"model": ErrorOut}, 409: {"model": MentionConflictOut}, 429: LIMITED_ERRORS[429]}


def result(change: store.MentionChange) -> MentionResult:
    mention = MentionOut.model_validate(change.mention) if change.mention is not None else None
    return MentionResult(mention=mention, flagged_records=[RecordOut.model_validate(r) for r in change.flagged])


@router.post("/documents/{document_id}/mentions", response_model=MentionResult, status_code=201,
             responses=WRITE_ERRORS, dependencies=[Depends(rate_limited)],
             summary="Add a mention to a document (409 when it overlaps one already there)")
def add_mention(document_id: RowId, body: MentionIn, session: Session = Depends(get_session),
                curator: str = Depends(require_curator)) -> MentionResult:
    return result(store.add_mention(session, document_id, body.start, body.end, body.label, body.norm, curator))


@router.get("/mentions/{mention_id}", response_model=MentionOut, responses={404: {"model": ErrorOut}})
def get_mention(mention_id: RowId, session: Session = Depends(get_session)) -> MentionOut:
    return MentionOut.model_validate(store.get_mention(session, mention_id))


@router.patch("/mentions/{mention_id}", response_model=MentionResult, responses=WRITE_ERRORS,
              dependencies=[Depends(rate_limited)],
              summary="Change a mention's label and/or norm (names the version it read)")
def patch_mention(mention_id: RowId, body: MentionPatch, session: Session = Depends(get_session),
                  curator: str = Depends(require_curator)) -> MentionResult:
    fields = body.model_dump(exclude_unset=True, exclude={"version"})
    return result(store.change_mention(session, mention_id, body.version, curator, fields))


@router.delete("/mentions/{mention_id}", response_model=MentionResult, responses=WRITE_ERRORS,
               dependencies=[Depends(rate_limited)], summary="Remove a mention (names the version it read)")
def delete_mention(mention_id: RowId, version: Annotated[int, Query(ge=1, le=2_000_000_000)],
                   session: Session = Depends(get_session), curator: str = Depends(require_curator)) -> MentionResult:
    return result(store.remove_mention(session, mention_id, version, curator))


@router.get("/mentions/{mention_id}/history", response_model=list[MentionHistoryEntry],
            responses={404: {"model": ErrorOut}},
            summary="Every change to a mention, kept after it is removed: who, when, before and after")
def history(mention_id: RowId, session: Session = Depends(get_session)) -> list[MentionHistoryEntry]:
    return [MentionHistoryEntry.model_validate(e) for e in store.mention_history(session, mention_id)]
