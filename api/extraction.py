"""Runs the pipeline for the API in worker processes, off the event loop, within a time budget.

Extraction is CPU-bound Python, so threads would hold the GIL and a stuck one can never be stopped.
Each text goes to a process of a pebble ProcessPool instead: when the budget runs out or the client
goes away, pebble terminates that worker and starts a fresh one, so the work really stops (the
standard ProcessPoolExecutor can neither cancel a running task nor lose one worker without breaking
the whole pool). Workers are forked from the server after the pipeline is loaded, so they share its
memory and start in milliseconds; each closes the sockets it inherited (client connections, the
listening socket, database connections), since a forked copy of a connection would keep it open
after the server closes it and hide a client's disconnect from the server.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import stat
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Awaitable

from pebble import ProcessExpired, ProcessPool

from extractor.schema import Extraction

_PIPELINE = None  # set in each worker process by _adopt


class ExtractionTimeout(Exception):
    def __init__(self, budget: float):
        super().__init__(f"the extraction took longer than the time budget of {budget:g} s and was stopped; "
                         "send a shorter text")


class ExtractionBusy(Exception):
    def __init__(self, waiting: int):
        super().__init__(f"{waiting} extractions are already waiting for a worker; try again shortly")


class ClientGone(Exception):
    """The client closed the connection before its extraction finished; the work was stopped."""


class ExtractionFailed(Exception):
    def __init__(self):
        super().__init__("the extraction worker stopped unexpectedly; try again")


def _adopt(pipeline, engine) -> None:
    """Worker start-up: keep the inherited pipeline, let go of the server's connections."""
    global _PIPELINE
    _PIPELINE = pipeline
    if engine is not None:
        engine.dispose(close=False)  # forget pooled connections without talking to the database
    _close_inherited_sockets()


def _close_inherited_sockets() -> None:
    """Close this process's copies of every socket (the worker talks to the pool over pipes)."""
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc: leave them
        return
    for fd in descriptors:
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _extract(text: str) -> tuple[Extraction, float]:
    start = time.perf_counter()
    extraction = _PIPELINE.extract(text)
    return extraction, time.perf_counter() - start


class ExtractionPool:
    """A lazily started pool of worker processes; ``extract`` awaits one text's extraction."""

    def __init__(self, pipeline, budget_s: float, workers: int | None = None, max_waiting: int = 32, engine=None):
        self.pipeline = pipeline
        self.budget_s = budget_s
        self.workers = workers or os.cpu_count() or 1
        self.max_waiting = max_waiting
        self.engine = engine
        self.in_flight = 0
        self._pool: ProcessPool | None = None
        self._lock = threading.Lock()

    def _started_pool(self) -> ProcessPool:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPool(max_workers=self.workers, initializer=_adopt,
                                         initargs=(self.pipeline, self.engine),
                                         context=multiprocessing.get_context("fork"))
            return self._pool

    async def extract(self, text: str, stop_when: Awaitable | None = None) -> tuple[Extraction, float]:
        """Return (extraction, seconds of work); stops the work when ``stop_when`` finishes first.

        Raises ExtractionBusy, ExtractionTimeout or ExtractionFailed, and ClientGone when
        ``stop_when`` (the client going away) won the race.
        """
        if self.in_flight >= self.workers + self.max_waiting:
            raise ExtractionBusy(self.in_flight - self.workers)
        self.in_flight += 1
        future = self._started_pool().schedule(_extract, args=(text,), timeout=self.budget_s)
        try:
            return await _first_of(asyncio.wrap_future(future), stop_when)
        except FutureTimeout as error:
            raise ExtractionTimeout(self.budget_s) from error
        except ProcessExpired as error:
            raise ExtractionFailed() from error
        finally:
            self.in_flight -= 1
            future.cancel()  # a no-op when it finished; otherwise pebble terminates the worker

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.stop()
                self._pool.join(timeout=10)
                self._pool = None


async def _first_of(work: asyncio.Future, stop_when: Awaitable | None):
    if stop_when is None:
        return await work
    watcher = asyncio.ensure_future(stop_when)
    try:
        done, _ = await asyncio.wait({work, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
    if work in done:
        return work.result()
    work.cancel()
    raise ClientGone()


async def client_gone(receive) -> None:
    """Finishes when the client disconnects (the body has been read, so nothing else is pending)."""
    while (await receive())["type"] != "http.disconnect":
        pass

