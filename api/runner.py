"""The job runner: a task in the service's event loop that works through jobs kept in the store.

It claims one job at a time (api/jobs.py), extracts its items one by one through the same worker
pool as POST /documents (api/extraction.py), and commits each document with its item. It looks for
work every ``job_poll_s`` seconds, and at once when this process created a job. On a clean stop
it ends its leases so the next start resumes at once; after a crash the job is taken up again
when its lease (``job_lease_s``) runs out, by this service's next start or by another process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from contextlib import suppress

from starlette.concurrency import run_in_threadpool

from . import jobs
from .extraction import ExtractionBusy, ExtractionFailed, ExtractionPool, ExtractionTimeout

log = logging.getLogger(__name__)
BUSY_WAIT_S = 0.5  # between tries while every extraction worker is taken


class JobRunner:
    def __init__(self, sessions, extraction: ExtractionPool, settings, metrics=None):
        self.sessions = sessions
        self.extraction = extraction
        self.settings = settings
        self.metrics = metrics
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._task: asyncio.Task | None = None
        self._wake: asyncio.Event | None = None

    @property
    def lease_s(self) -> float:
        # A lease always outlasts one item's extraction, so a live runner never loses its job mid-item.
        return self.settings.job_lease_s + self.settings.extraction_budget_s

    def _store(self, operation, *args):
        """Run one store operation in its own session, off the event loop."""
        def call():
            with self.sessions() as session:
                return operation(session, *args)
        return run_in_threadpool(call)

    def start(self) -> None:
        self._wake = asyncio.Event()
        self._task = asyncio.create_task(self._loop(), name="job-runner")

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._store(jobs.release_jobs, self.owner)

    async def _loop(self) -> None:
        while True:
            try:
                job_id = await self._store(jobs.claim_job, self.owner, self.lease_s)
                if job_id is not None:
                    await self.run_job(job_id)
                    continue
            except Exception:  # the store is away for a moment: the job keeps its state; look again later
                log.exception("the job runner could not reach the store")
            self._wake.clear()
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.settings.job_poll_s)

    async def run_job(self, job_id: int) -> None:
        """Work through a job this runner holds, until nothing is left or it is no longer ours."""
        try:
            while True:
                item = await self._store(jobs.start_item, job_id, self.owner, self.lease_s,
                                         self.settings.job_item_attempts)
                if item is None:
                    return
                await self.run_item(job_id, item)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.exception("job %s stopped", job_id)
            await self._store(jobs.fail_job, job_id, self.owner, f"{type(error).__name__}: {error}")

    async def run_item(self, job_id: int, item) -> None:
        try:
            extraction = await self._extract(job_id, item.text)
        except (ExtractionTimeout, ExtractionFailed) as error:
            await self._store(jobs.finish_item, job_id, item.id, self.owner, None, str(error))
            return
        except (asyncio.CancelledError, OSError):
            raise
        except Exception as error:  # the pipeline itself raised on this text: that document fails, the job goes on
            await self._store(jobs.finish_item, job_id, item.id, self.owner, None, f"{type(error).__name__}: {error}")
            return
        await self._store(jobs.finish_item, job_id, item.id, self.owner, extraction)

    async def _extract(self, job_id: int, text: str):
        while True:
            try:
                extraction, seconds = await self.extraction.extract(text)
            except ExtractionBusy:
                await asyncio.sleep(BUSY_WAIT_S)
                await self._store(jobs.renew_lease, job_id, self.owner, self.lease_s)
                continue
            if self.metrics is not None:
                self.metrics.extraction.observe(seconds)
            return extraction
