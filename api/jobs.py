"""Queries and transactions of the jobs table: create, claim, step through items, settle.

Nothing about a job lives only in memory. An upload's documents are written as job items in the
same transaction as the job, before the request answers. A runner claims a job in one write
transaction (FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite), so two processes
never both take it, and holds it under a lease that it renews at each item. Each stored document
is committed together with its item's status and the job's counts, so a stop at any moment leaves
either the whole document and its count or neither; the next runner resumes at the first item
still to do. An item whose extraction was started ``job_item_attempts`` times without finishing
(the service stopped during it each time) is failed with that reason rather than tried forever.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractor.schema import Extraction

from .models import Job, JobItem, utcnow
from .store import Page, begin_write, find_document_by_hash, get_row, new_document

STATUSES = ("queued", "running", "done", "failed")
LISTED_ITEMS = 500  # documents and failures one job's answer lists (the counts cover all)


def create_job(session: Session, curator: str, filename: str | None, items, owner: str | None,
               lease_s: float) -> Job:
    """Store a job with all its items; with ``owner`` it is created already claimed by that runner."""
    begin_write(session)
    now = utcnow()
    job = Job(kind="upload", status="running" if owner else "queued", curator=curator, filename=filename,
              total=len(items), done=0, failed=sum(1 for item in items if item.reason), owner=owner,
              lease_until=now + timedelta(seconds=lease_s) if owner else None, created_at=now, updated_at=now)
    session.add(job)
    session.flush()
    session.add_all(JobItem(job_id=job.id, position=position, status="failed" if item.reason else "todo",
                            name=item.name, title=item.title, source=item.source, external_id=item.external_id,
                            text=item.text, reason=item.reason, attempts=0)
                    for position, item in enumerate(items))
    session.commit()
    return job


def claim_job(session: Session, owner: str, lease_s: float) -> int | None:
    """Take the oldest job that is queued, or running with its lease run out; None when there is none."""
    begin_write(session)
    now = utcnow()
    free = or_(Job.status == "queued",
               and_(Job.status == "running", or_(Job.lease_until.is_(None), Job.lease_until < now)))
    job = session.scalar(select(Job).where(free).order_by(Job.id).limit(1).with_for_update(skip_locked=True))
    if job is None:
        session.rollback()
        return None
    job.status, job.owner, job.lease_until, job.updated_at = "running", owner, now + timedelta(seconds=lease_s), now
    session.commit()
    return job.id


def _owned(session: Session, job_id: int, owner: str) -> Job | None:
    job = session.scalar(select(Job).where(Job.id == job_id).with_for_update()
                         .execution_options(populate_existing=True))
    return job if job is not None and job.status == "running" and job.owner == owner else None


def start_item(session: Session, job_id: int, owner: str, lease_s: float, max_attempts: int) -> JobItem | None:
    """The job's next item to extract, its attempt counted and the lease renewed.

    None when the job has nothing left (it is settled here) or is no longer this runner's.
    """
    while True:
        begin_write(session)
        job = _owned(session, job_id, owner)
        if job is None:
            session.rollback()
            return None
        item = session.scalar(select(JobItem).where(JobItem.job_id == job_id, JobItem.status == "todo")
                              .order_by(JobItem.position).limit(1))
        now = utcnow()
        job.updated_at, job.lease_until = now, now + timedelta(seconds=lease_s)
        if item is None:
            settle(job)
            session.commit()
            return None
        if item.attempts >= max_attempts:
            _fail_item(job, item, f"the service stopped {item.attempts} times while extracting this document")
            session.commit()
            continue
        item.attempts += 1
        session.commit()
        return item


def renew_lease(session: Session, job_id: int, owner: str, lease_s: float) -> bool:
    begin_write(session)
    job = _owned(session, job_id, owner)
    if job is not None:
        job.lease_until = utcnow() + timedelta(seconds=lease_s)
    session.commit()
    return job is not None


def finish_item(session: Session, job_id: int, item_id: int, owner: str, extraction: Extraction | None = None,
                reason: str | None = None) -> None:
    """Store the item's document (or its failure) with the item's status and the job's counts, in one transaction."""
    for _ in range(2):  # a second pass when a concurrent writer stored the same text first
        begin_write(session)
        job = _owned(session, job_id, owner)
        item = session.get(JobItem, item_id)
        if job is None or item is None or item.status != "todo":
            session.rollback()  # taken over by another runner, or already settled
            return
        if extraction is None:
            _fail_item(job, item, reason or "the extraction failed")
        else:
            existing = find_document_by_hash(session, extraction.text)
            document = existing or new_document(extraction, item.title, item.source, item.external_id)
            session.add(document)
            session.flush()
            item.status, item.document_id, item.created, item.text = "done", document.id, existing is None, None
            job.done += 1
        job.updated_at = utcnow()
        try:
            session.commit()
            return
        except IntegrityError:
            session.rollback()


def _fail_item(job: Job, item: JobItem, reason: str) -> None:
    item.status, item.reason = "failed", reason
    job.failed += 1


def settle(job: Job) -> None:
    """Nothing left to do: done, or failed when not one document could be stored."""
    job.owner, job.lease_until = None, None
    if job.done == 0:
        job.status = "failed"
        job.error = job.error or f"all {job.total} document(s) failed; see the failures for each reason"
    else:
        job.status = "done"


def release_jobs(session: Session, owner: str) -> None:
    """On a clean stop: end this runner's leases, so the next start resumes its jobs at once."""
    begin_write(session)
    for job in session.scalars(select(Job).where(Job.status == "running", Job.owner == owner)):
        job.lease_until = None
    session.commit()


def fail_job(session: Session, job_id: int, owner: str, message: str) -> None:
    """Stop a job that cannot go on; what was stored stays, and the message says how far it got."""
    begin_write(session)
    job = _owned(session, job_id, owner)
    if job is not None:
        job.status, job.owner, job.lease_until, job.updated_at = "failed", None, None, utcnow()
        job.error = f"stopped after {job.done + job.failed} of {job.total} document(s): {message}"
    session.commit()


def get_job(session: Session, job_id: int) -> Job:
    return get_row(session, Job, job_id, "job")


def list_jobs(session: Session, limit: int, offset: int) -> Page:
    total = session.scalar(select(func.count()).select_from(Job)) or 0
    items = list(session.scalars(select(Job).order_by(Job.id.desc()).limit(limit).offset(offset)))
    return Page(items, total, limit, offset)


def job_items(session: Session, job_id: int, status: str) -> list[JobItem]:
    return list(session.scalars(select(JobItem).where(JobItem.job_id == job_id, JobItem.status == status)
                                .order_by(JobItem.position).limit(LISTED_ITEMS)))
