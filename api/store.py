"""Queries and transactions of the curation store, kept apart from the routes.

Every write happens in one short transaction: a failure leaves the store as it was, and nothing
slow (extraction above all) runs inside one. Transactions that read and then write call
``begin_write`` first, which on SQLite takes the write lock at BEGIN (IMMEDIATE) so that concurrent
writers wait their turn; plain reads begin deferred and never take it. Record edits
use optimistic concurrency: an update names the version it read and only succeeds if the
row still has it (``UPDATE ... WHERE version = :read``), so two curators never overwrite
each other silently.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import delete, func, or_, select, union, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from extractor.schema import RECORD_FIELDS, Extraction

from .models import ApiKey, Document, MentionEvent, MentionRow, RecordEvent, RecordRow, utcnow

EDITABLE_FIELDS = RECORD_FIELDS  # a curator may change every field the pipeline fills
STATUSES = ("pending", "accepted", "rejected", "edited")


class NotFound(LookupError):
    """An id that names nothing in the store."""


class StaleVersion(Exception):
    """A record changed since the client read it."""

    def __init__(self, record: RecordRow):
        super().__init__(f"record {record.id} is at version {record.version}")
        self.record = record


class StaleMention(Exception):
    """A mention changed since the client read it."""

    def __init__(self, mention: MentionRow):
        super().__init__(f"the mention changed since the version you read; it is now at version {mention.version}")
        self.mention = mention


class SpanTaken(Exception):
    """A new mention would overlap one the document already has."""

    def __init__(self, mention: MentionRow):
        super().__init__(f"the span overlaps mention {mention.id} ({mention.label} at {mention.start}-{mention.end}); "
                         "remove or change that one first")
        self.mention = mention


class InvalidSpan(ValueError):
    """Offsets that do not name a span of the document's text a mention can cover."""


class Unauthorized(Exception):
    """No API key was sent."""


class Forbidden(Exception):
    """The API key is unknown or revoked."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def begin_write(session: Session) -> None:
    """End any read transaction and begin one that will write (BEGIN IMMEDIATE on SQLite, see api/db.py)."""
    if session.in_transaction():
        session.rollback()
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def end_read(session: Session) -> None:
    """Close the read transaction so nothing is held while the caller works on something slow."""
    if session.in_transaction():
        session.rollback()


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with the user's own % _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --- API keys -----------------------------------------------------------------------------

def create_key(session: Session, name: str, replace: bool = False) -> str:
    """Create a curator key and return it; only its hash is stored.

    With ``replace`` an existing key of that name is given a new secret (the demo uses this);
    otherwise a second key with the same name is refused.
    """
    key = "ek_" + secrets.token_urlsafe(24)
    begin_write(session)
    existing = session.scalar(select(ApiKey).where(ApiKey.name == name)) if replace else None
    if existing is not None:
        existing.key_hash, existing.revoked_at, existing.created_at = hash_key(key), None, utcnow()
        session.commit()
        return key
    session.add(ApiKey(name=name, key_hash=hash_key(key)))
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise ValueError(f"a key named {name!r} already exists") from error
    return key


def revoke_key(session: Session, name: str) -> None:
    begin_write(session)
    row = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if row is None:
        raise NotFound(f"no key named {name!r}")
    row.revoked_at = utcnow()
    session.commit()


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def curator_for(session: Session, key: str | None) -> str:
    """Return the curator name a key belongs to; raises Unauthorized or Forbidden."""
    if not key:
        raise Unauthorized("send an API key in the X-API-Key header")
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
    if row is None or row.revoked_at is not None:
        raise Forbidden("this API key is unknown or revoked")
    return row.name


# --- documents ------------------------------------------------------------------------------

@dataclass
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int


def find_document_by_hash(session: Session, text: str) -> Document | None:
    return session.scalar(select(Document).where(Document.content_hash == content_hash(text))
                          .options(selectinload(Document.mentions), selectinload(Document.records)))


def add_document(session: Session, extraction: Extraction, title: str | None, source: str | None,
                 external_id: str | None) -> tuple[Document, bool]:
    """Store a document with its mentions and records; returns (document, created).

    The same text posted twice is recognised by its content hash and returned as it is.
    """
    begin_write(session)
    existing = find_document_by_hash(session, extraction.text)
    if existing is not None:
        return existing, False
    document = new_document(extraction, title, source, external_id)
    session.add(document)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # a concurrent writer stored the same text first
        existing = find_document_by_hash(session, extraction.text)
        if existing is None:
            raise
        return existing, False
    return get_document(session, document.id), True


def new_document(extraction: Extraction, title: str | None, source: str | None, external_id: str | None) -> Document:
    """A Document row with its mentions and pending records, not yet added to a session."""
    document = Document(title=title, source=source, external_id=external_id, text=extraction.text,
                        content_hash=content_hash(extraction.text))
    document.mentions = [MentionRow(start=m.start, end=m.end, label=m.label, text=m.text, norm=m.norm, ids=m.ids)
                         for m in extraction.entities]
    document.records = [
        RecordRow(**{name: getattr(r, name) for name in EDITABLE_FIELDS},
                  evidence=[{"start": s, "end": e} for s, e in r.evidence], status="pending", version=1)
        for r in extraction.records
    ]
    return document


def get_document(session: Session, document_id: int) -> Document:
    document = session.scalar(select(Document).where(Document.id == document_id)
                              .options(selectinload(Document.mentions), selectinload(Document.records)))
    if document is None:
        raise NotFound(f"no document with id {document_id}")
    return document


def documents_by_id(session: Session, ids: set[int]) -> dict[int, Document]:
    if not ids:
        return {}
    return {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))}


def list_documents(session: Session, limit: int, offset: int, source: str | None, q: str | None) -> Page:
    query = select(Document)
    if source:
        query = query.where(Document.source == source)
    if q:
        pattern = like_pattern(q)
        query = query.where(or_(Document.text.ilike(pattern, escape="\\"), Document.title.ilike(pattern, escape="\\")))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = list(session.scalars(query.order_by(Document.id.desc()).limit(limit).offset(offset)
                                 .options(selectinload(Document.records))))
    return Page(items, total, limit, offset)


# --- records --------------------------------------------------------------------------------

SORTABLE = ("id", "document_id", "intervention", "comparator", "outcome", "population", "cohort_size", "design",
            "direction", "status", "needs_review", "version", "updated_at")


def filter_records(query, filters: dict[str, Any]):
    """``drug`` and ``outcome`` match anywhere in the field, ignoring case; the others match exactly."""
    for name in ("status", "direction", "document_id", "needs_review"):
        if filters.get(name) is not None:
            query = query.where(getattr(RecordRow, name) == filters[name])
    for name in ("intervention", "design"):
        if filters.get(name):
            query = query.where(func.lower(getattr(RecordRow, name)) == filters[name].lower())
    for name, column in (("drug", RecordRow.intervention), ("outcome", RecordRow.outcome)):
        if filters.get(name):
            query = query.where(column.ilike(like_pattern(filters[name]), escape="\\"))
    return query


def list_records(session: Session, limit: int, offset: int, sort: str = "id", order: str = "asc",
                 **filters: Any) -> Page:
    """One page of records, filtered, sorted by a whitelisted column (then by id, so pages never overlap)."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort by {sort!r}")
    query = filter_records(select(RecordRow), filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    column = getattr(RecordRow, sort)
    ordering = column.desc().nulls_last() if order == "desc" else column.asc().nulls_last()
    tie = RecordRow.id.desc() if order == "desc" else RecordRow.id.asc()
    items = list(session.scalars(query.order_by(ordering, tie).limit(limit).offset(offset)))
    return Page(items, total, limit, offset)


def get_row(session: Session, model, row_id: int, what: str):
    """The ``model`` row with that primary key; NotFound names ``what`` was asked for."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"no {what} with id {row_id}")
    return row


def get_record(session: Session, record_id: int) -> RecordRow:
    return get_row(session, RecordRow, record_id, "record")


def change_record(session: Session, record_id: int, version: int, curator: str, status: str | None,
                  fields: dict[str, Any], comment: str | None) -> RecordRow:
    """Apply a curator's decision or edit; raises StaleVersion when ``version`` is not the current one.

    A PATCH that changes nothing and says nothing (no comment) writes nothing and adds no history.
    """
    begin_write(session)
    record = get_record(session, record_id)
    if record.version != version:
        raise StaleVersion(record)
    changes = {name: [getattr(record, name), value] for name, value in fields.items()
               if getattr(record, name) != value}
    edited = bool(changes)
    if record.needs_review and (status or fields):
        changes["needs_review"] = [True, False]  # a curator's decision settles the review
    if status == "rejected":
        new_status = "rejected"
    elif edited:
        new_status = "edited"  # a corrected record, whether or not it was also marked accepted
    else:
        new_status = status or record.status
    if new_status != record.status:
        changes["status"] = [record.status, new_status]
    if not changes and not comment:
        session.rollback()
        return get_record(session, record_id)
    values = {name: new for name, (_, new) in changes.items()}
    values.update(version=version + 1, updated_at=utcnow())
    result = session.execute(
        update(RecordRow).where(RecordRow.id == record_id, RecordRow.version == version).values(**values)
    )
    if result.rowcount != 1:
        session.rollback()
        raise StaleVersion(get_record(session, record_id))
    action = "edit" if edited else (status or "comment")
    session.add(RecordEvent(record_id=record_id, curator=curator, action=action, changes=changes,
                            comment=comment, version=version + 1))
    session.commit()
    session.expire_all()
    return get_record(session, record_id)


def record_history(session: Session, record_id: int) -> list[RecordEvent]:
    get_record(session, record_id)
    return list(session.scalars(select(RecordEvent).where(RecordEvent.record_id == record_id).order_by(RecordEvent.id)))


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(RecordRow.status, func.count()).group_by(RecordRow.status)).all()
    return {status: count for status, count in rows}


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0


STREAM_BATCH = 100  # rows fetched per round trip when an export streams from a server-side cursor


def _record_curation():
    """(record id, document id, curator, time) of the record changes a curator made, in order; a
    ``needs_review`` flag is the store's doing, not a curator's."""
    return (select(RecordEvent.record_id, RecordRow.document_id, RecordEvent.curator, RecordEvent.at)
            .join(RecordRow, RecordEvent.record_id == RecordRow.id)
            .where(RecordEvent.action != "needs_review").order_by(RecordEvent.id))


def _mention_curation():
    """(mention id, document id, curator, time) of every mention change, in order (removals included)."""
    return select(MentionEvent.mention_id, MentionEvent.document_id, MentionEvent.curator,
                  MentionEvent.at).order_by(MentionEvent.id)


def stream_documents(session: Session, curated_only: bool = False) -> Iterable[Document]:
    """Every document (with ``curated_only``, every one a curator touched) with its mentions and records,
    in id order, fetched in batches from a server-side cursor."""
    query = select(Document)
    if curated_only:
        touched = union(_mention_curation().with_only_columns(MentionEvent.document_id).order_by(None),
                        _record_curation().with_only_columns(RecordRow.document_id).order_by(None))
        query = query.where(Document.id.in_(select(touched.subquery().c[0])))
    query = (query.order_by(Document.id).options(selectinload(Document.mentions), selectinload(Document.records))
             .execution_options(yield_per=STREAM_BATCH))
    yield from session.scalars(query)


@dataclass
class CurationMarks:
    """The last curator change, as (curator, time), per mention id, per record id and per document id
    (a document's is the latest change to any of its mentions or records, removed mentions included)."""

    mentions: dict[int, tuple[str, Any]]
    records: dict[int, tuple[str, Any]]
    documents: dict[int, tuple[str, Any]]


def curation_marks(session: Session) -> CurationMarks:
    """Read from the two history tables, one query each (curation is human-sized, so this fits in memory)."""
    mention_rows = session.execute(_mention_curation()).all()
    record_rows = session.execute(_record_curation()).all()
    by_time = sorted([*mention_rows, *record_rows], key=lambda row: row[3])
    return CurationMarks(mentions={row[0]: (row[2], row[3]) for row in mention_rows},
                         records={row[0]: (row[2], row[3]) for row in record_rows},
                         documents={row[1]: (row[2], row[3]) for row in by_time})


def stream_records(session: Session, curated_only: bool = False) -> Iterable[RecordRow]:
    """Every record (with ``curated_only``, every one a curator changed) in (document, id) order,
    fetched in batches from a server-side cursor."""
    query = select(RecordRow)
    if curated_only:
        query = query.where(RecordRow.id.in_(_record_curation().with_only_columns(RecordEvent.record_id).order_by(None)))
    query = query.order_by(RecordRow.document_id, RecordRow.id).execution_options(yield_per=STREAM_BATCH)
    yield from session.scalars(query)


# --- mentions ---------------------------------------------------------------------------------
#
# Records are never re-derived from edited mentions: a record is a curator's unit of work, and
# re-running the pipeline's record builder on hand-edited mentions could silently replace what a
# curator accepted. Instead, a pending record whose evidence overlaps the changed span is flagged
# ``needs_review`` (its version goes up, with a history entry); accepted, edited and rejected
# records are left exactly as they are.

def mention_state(mention: MentionRow) -> dict:
    return {"start": mention.start, "end": mention.end, "label": mention.label, "text": mention.text,
            "norm": mention.norm or {}}


def overlaps(evidence: list[dict], start: int, end: int) -> bool:
    return any(span["start"] < end and start < span["end"] for span in evidence or [])


def mentions_used(record: RecordRow, mentions: Iterable[MentionRow]) -> list[int]:
    """The mentions a record is built from: those inside its evidence sentences."""
    return [m.id for m in mentions if overlaps(record.evidence, m.start, m.end)]


def get_mention(session: Session, mention_id: int) -> MentionRow:
    return get_row(session, MentionRow, mention_id, "mention")


def check_span(text: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(text):
        raise InvalidSpan(f"the span {start}-{end} is not inside the text (0-{len(text)}) or is empty")
    covered = text[start:end]
    if covered != covered.strip():
        raise InvalidSpan(f"the span {start}-{end} starts or ends with white space: {covered!r}")


def flag_dependent_records(session: Session, document_id: int, start: int, end: int, curator: str,
                           reason: str) -> list[int]:
    """Mark the pending records that rest on [start, end) as needing review; returns their ids.

    The rows are locked (FOR UPDATE on PostgreSQL; SQLite's write lock is already held), so a curator's
    concurrent PATCH of one of them gets 409 rather than overwriting the flag.
    """
    pending = session.scalars(select(RecordRow).where(RecordRow.document_id == document_id,
                                                      RecordRow.status == "pending")
                              .order_by(RecordRow.id).with_for_update())
    flagged = []
    for record in pending:
        if record.needs_review or not overlaps(record.evidence, start, end):
            continue
        record.needs_review, record.version, record.updated_at = True, record.version + 1, utcnow()
        session.add(RecordEvent(record_id=record.id, curator=curator, action="needs_review",
                                changes={"needs_review": [False, True]}, comment=reason, version=record.version))
        flagged.append(record.id)
    return flagged


@dataclass
class MentionChange:
    mention: MentionRow | None
    flagged: list[RecordRow]


def _finish(session: Session, mention_id: int | None, flagged: list[int]) -> MentionChange:
    session.commit()
    session.expire_all()
    mention = session.get(MentionRow, mention_id) if mention_id is not None else None
    records = list(session.scalars(select(RecordRow).where(RecordRow.id.in_(flagged)).order_by(RecordRow.id))) if flagged else []
    return MentionChange(mention, records)


def add_mention(session: Session, document_id: int, start: int, end: int, label: str, norm: dict,
                curator: str) -> MentionChange:
    """Add a curator's mention; its text is the document's own. Raises InvalidSpan, SpanTaken."""
    begin_write(session)
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update())
    if document is None:
        raise NotFound(f"no document with id {document_id}")
    check_span(document.text, start, end)
    taken = session.scalar(select(MentionRow).where(MentionRow.document_id == document_id, MentionRow.start < end,
                                                    MentionRow.end > start).order_by(MentionRow.start).limit(1))
    if taken is not None:
        raise SpanTaken(taken)
    mention = MentionRow(document_id=document_id, start=start, end=end, label=label, text=document.text[start:end],
                         norm=norm, ids={}, version=1)
    session.add(mention)
    session.flush()
    flagged = flag_dependent_records(session, document_id, start, end, curator,
                                     f"mention {mention.id} added: {label} {mention.text!r}")
    session.add(MentionEvent(mention_id=mention.id, document_id=document_id, curator=curator, action="add",
                             before=None, after=mention_state(mention), version=1, flagged_records=flagged))
    return _finish(session, mention.id, flagged)


def change_mention(session: Session, mention_id: int, version: int, curator: str, fields: dict) -> MentionChange:
    """Change a mention's label and/or norm; raises StaleMention when ``version`` is old.

    A change that changes nothing writes nothing.
    """
    begin_write(session)
    mention = get_mention(session, mention_id)
    if mention.version != version:
        raise StaleMention(mention)
    changes = {name: value for name, value in fields.items() if getattr(mention, name) != value}
    if not changes:
        session.rollback()
        return MentionChange(get_mention(session, mention_id), [])
    before = mention_state(mention)
    result = session.execute(update(MentionRow).where(MentionRow.id == mention_id, MentionRow.version == version)
                             .values(**changes, version=version + 1))
    if result.rowcount != 1:
        session.rollback()
        raise StaleMention(get_mention(session, mention_id))
    after = {**before, **changes}
    said = "; ".join(f"{name} {before[name]!r} -> {value!r}" for name, value in changes.items())
    flagged = flag_dependent_records(session, mention.document_id, mention.start, mention.end, curator,
                                     f"mention {mention_id} changed: {said}")
    session.add(MentionEvent(mention_id=mention_id, document_id=mention.document_id, curator=curator, action="edit",
                             before=before, after=after, version=version + 1, flagged_records=flagged))
    return _finish(session, mention_id, flagged)


def remove_mention(session: Session, mention_id: int, version: int, curator: str) -> MentionChange:
    """Remove a mention (its history stays); raises StaleMention when ``version`` is old."""
    begin_write(session)
    mention = get_mention(session, mention_id)
    if mention.version != version:
        raise StaleMention(mention)
    before, document_id = mention_state(mention), mention.document_id
    result = session.execute(delete(MentionRow).where(MentionRow.id == mention_id, MentionRow.version == version))
    if result.rowcount != 1:
        session.rollback()
        raise StaleMention(get_mention(session, mention_id))
    flagged = flag_dependent_records(session, document_id, before["start"], before["end"], curator,
                                     f"mention {mention_id} removed: {before['label']} {before['text']!r}")
    session.add(MentionEvent(mention_id=mention_id, document_id=document_id, curator=curator, action="remove",
                             before=before, after=None, version=version + 1, flagged_records=flagged))
    return _finish(session, None, flagged)


def mention_history(session: Session, mention_id: int) -> list[MentionEvent]:
    events = list(session.scalars(select(MentionEvent).where(MentionEvent.mention_id == mention_id)
                                  .order_by(MentionEvent.id)))
    if not events:
        get_mention(session, mention_id)  # 404 for an id that never was
    return events
