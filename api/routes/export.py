from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from typing import Iterator, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from .. import store
from ..deps import get_session, require_curator

router = APIRouter(tags=["export"])
CSV_FIELDS = ["document_id", "record_id", "status", "version", *store.EDITABLE_FIELDS]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def record_dict(record) -> dict:
    return {name: getattr(record, name) for name in store.EDITABLE_FIELDS}


def iso_time(moment: datetime) -> str:
    """An ISO 8601 time in UTC (SQLite hands back naive times, which the store wrote in UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).isoformat()


def curation_mark(change: tuple[str, datetime] | None) -> dict:
    """``curated`` and, where a curator changed the item, who made the last change and when."""
    if change is None:
        return {"curated": False}
    curator, moment = change
    return {"curated": True, "curated_by": curator, "curated_at": iso_time(moment)}


def gold_passage(document, marks: store.CurationMarks) -> dict:
    entities = [{"start": m.start, "end": m.end, "label": m.label, "text": m.text, "norm": m.norm,
                 **curation_mark(marks.mentions.get(m.id))} for m in document.mentions]
    records = [{**record_dict(r), **curation_mark(marks.records.get(r.id))}
               for r in document.records if r.status != "rejected"]
    return {"id": document.external_id or f"doc-{document.id}", "text": document.text,
            **curation_mark(marks.documents.get(document.id)), "entities": entities, "records": records}


def gold_lines(session: Session, curated_only: bool = False) -> Iterator[str]:
    """Documents in the ANNOTATION.md gold format with their mentions (removed ones are gone) and records
    (rejected ones left out); each passage, entity and record says whether a curator made or changed it."""
    marks = store.curation_marks(session)
    for document in store.stream_documents(session, curated_only=curated_only):
        yield json.dumps(gold_passage(document, marks), ensure_ascii=False) + "\n"


def jsonl_lines(session: Session, curated_only: bool = False) -> Iterator[str]:
    for record in store.stream_records(session, curated_only):
        row = {"document_id": record.document_id, "record_id": record.id, "status": record.status,
               "version": record.version, **record_dict(record), "evidence": record.evidence}
        yield json.dumps(row, ensure_ascii=False) + "\n"


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a
    leading single quote (OWASP's advice for CSV injection); other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(record) -> dict:
    row = {"document_id": record.document_id, "record_id": record.id, "status": record.status, "version": record.version}
    for name in store.EDITABLE_FIELDS:
        value = getattr(record, name)
        row[name] = json.dumps(value) if isinstance(value, (list, dict)) else value
    return {name: spreadsheet_safe(value) for name, value in row.items()}


def csv_lines(session: Session, curated_only: bool = False) -> Iterator[str]:
    """The header, then one CSV line per record as it comes from the cursor."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for record in store.stream_records(session, curated_only):
        writer.writerow(csv_row(record))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"description": "The export", "content": {"application/x-ndjson": {}, "text/csv": {}}}},
            summary="Curated data out: records as JSONL or CSV, or documents in the gold format")
def export(format: Literal["jsonl", "csv", "gold"] = Query("jsonl"),
           curated: Literal["all", "only"] = Query("all", description="`only` exports just what a curator touched: "
                                                   "the documents (gold) or the records (jsonl, csv)."),
           session: Session = Depends(get_session), _curator: str = Depends(require_curator)) -> StreamingResponse:
    curated_only = curated == "only"
    if format == "csv":
        return StreamingResponse(csv_lines(session, curated_only), media_type="text/csv",
                                 headers={"Content-Disposition": "attachment; filename=records.csv"})
    lines = gold_lines(session, curated_only) if format == "gold" else jsonl_lines(session, curated_only)
    return StreamingResponse(lines, media_type="application/x-ndjson",
                             headers={"Content-Disposition": f"attachment; filename={format}.jsonl"})
