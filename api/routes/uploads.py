"""Uploads (a file or pasted text) and the jobs that store them."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from .. import jobs
from ..deps import RowId, get_session, require_curator
from ..errors import LIMITED_ERRORS, UploadRefused
from ..ratelimit import rate_limited
from ..schemas import ErrorOut, JobOut, JobPage, JobSummary
from ..uploads import clean, pasted, read_upload, safe_filename

router = APIRouter(tags=["uploads"])


def job_out(session: Session, job_id: int) -> JobOut:
    session.expire_all()  # the runner wrote through sessions of its own
    job = jobs.get_job(session, job_id)
    out = JobOut.model_validate({**JobSummary.model_validate(job).model_dump(),
                                 "documents": jobs.job_items(session, job_id, "done"),
                                 "failures": jobs.job_items(session, job_id, "failed")})
    session.rollback()  # end the read
    return out


async def read_request(request: Request, file: Optional[UploadFile], text: Optional[str], title: Optional[str],
                       source: Optional[str]):
    """(file name or None, items) from the form; refuses what cannot be read before anything is stored."""
    settings = request.app.state.settings
    if (file is None) == (text is None):
        raise UploadRefused(422, "send either a file (field 'file') or a pasted text (field 'text')")
    if file is None:
        return None, pasted(text, clean(title, 500), clean(source, 200), settings.max_text_chars)
    name = safe_filename(file.filename)
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise UploadRefused(413, f"the file is over the limit of {settings.max_upload_bytes} bytes")
    items = await run_in_threadpool(read_upload, data, name, clean(source, 200), settings.max_text_chars,
                                    settings.max_upload_documents)
    return name, items


@router.post("/uploads", response_model=JobOut, status_code=201,
             summary="Upload a file (.txt .md .jsonl, PubMed XML, BioC XML or JSON) or pasted text",
             description="Small uploads are stored before the answer (201, the job done). Larger ones become a "
                         "job in the store (202, Location: /jobs/{id}) that the service works through, across "
                         "restarts. A .jsonl line or article that cannot be read is a failed item with its reason.",
             responses={202: {"model": JobOut, "description": "Accepted as a job; follow it at GET /jobs/{id}"},
                        415: {"model": ErrorOut, "description": "A file of a kind the readers do not know"},
                        **LIMITED_ERRORS},
             dependencies=[Depends(rate_limited)])
async def upload(request: Request, response: Response,
                 file: Optional[UploadFile] = File(None, description="The file; its name's ending says its kind."),
                 text: Optional[str] = Form(None, description="Pasted text: one document."),
                 title: Optional[str] = Form(None, description="Title of the pasted text."),
                 source: Optional[str] = Form(None, description="Source to record (default: the file's name)."),
                 session: Session = Depends(get_session), curator: str = Depends(require_curator)) -> JobOut:
    settings, runner = request.app.state.settings, request.app.state.jobs
    filename, items = await read_request(request, file, text, title, source)
    readable = sum(1 for item in items if item.reason is None)
    inline = readable <= settings.upload_inline_documents
    job = await run_in_threadpool(jobs.create_job, session, curator, filename, items,
                                  runner.owner if inline else None, runner.lease_s)
    if inline:
        await runner.run_job(job.id)
    else:
        runner.wake()
    out = await run_in_threadpool(job_out, session, job.id)
    if out.status not in ("done", "failed"):
        response.status_code = 202
        response.headers["Location"] = f"/jobs/{job.id}"
    return out


@router.get("/jobs", response_model=JobPage, summary="List jobs, newest first")
def list_jobs(limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0, le=10_000_000),
              session: Session = Depends(get_session)) -> JobPage:
    page = jobs.list_jobs(session, limit, offset)
    return JobPage(items=[JobSummary.model_validate(job) for job in page.items], total=page.total, limit=limit,
                   offset=offset)


@router.get("/jobs/{job_id}", response_model=JobOut, summary="A job: status, counts, stored documents and failures")
def get_job(job_id: RowId, session: Session = Depends(get_session)) -> JobOut:
    return job_out(session, job_id)
