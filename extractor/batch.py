"""Batch extraction over folders: local worker processes or a Dask cluster, resumable, exactly once.

The main process reads documents, skips those already written (by id and content hash), loads the
pipeline once and forks the workers from it, and sends them chunks of plain text; they return plain
dicts (never Docs, whose serialization would dominate). Only the main process writes, one JSON
line per document, flushed line by line; a torn last line from a killed run is cut off on resume.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .readers import ReadFailure, SourceDocument, list_files, read_file

Chunk = list[dict]
_WORKER_PIPELINE = None  # the one pipeline of a worker process, loaded on its first chunk


@dataclass
class BatchSummary:
    documents: int = 0
    already_done: int = 0
    failures: int = 0
    skipped_files: list[str] = field(default_factory=list)
    mentions: Counter = field(default_factory=Counter)
    records: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = self.documents / self.seconds if self.seconds else 0.0
        out = [f"documents: {self.documents} extracted, {self.already_done} already done, {self.failures} failed "
               f"({rate:.1f} documents/s, {self.seconds:.1f} s)",
               "mentions: " + (", ".join(f"{k} {v}" for k, v in sorted(self.mentions.items())) or "none"),
               f"records: {self.records}"]
        if self.skipped_files:
            out.append(f"skipped {len(self.skipped_files)} file(s) of other kinds: " + ", ".join(self.skipped_files[:10])
                       + (" ..." if len(self.skipped_files) > 10 else ""))
        return out


def _pipeline():
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        import extractor

        _WORKER_PIPELINE = extractor.load().warm_up()
    return _WORKER_PIPELINE


def extract_chunk(chunk: Chunk) -> list[dict]:
    """Run the pipeline over a chunk of documents; returns output lines or error lines (plain dicts)."""
    pipeline = _pipeline()
    try:
        # the whole chunk through ``pipe`` (each component runs over a batch, components/batching.py)
        extractions = [extraction.to_dict() for extraction in pipeline.pipe(item["text"] for item in chunk)]
    except Exception:  # noqa: BLE001  (a bad document: each is run alone below, so that only it fails)
        extractions = None
    results = []
    for n, item in enumerate(chunk):
        try:
            extraction = extractions[n] if extractions is not None else pipeline.extract(item["text"]).to_dict()
            results.append({"id": item["id"], "source": item["source"], "content_hash": item["content_hash"],
                            **extraction})
        except Exception as error:  # one bad document must not stop the run
            results.append({"error": f"{type(error).__name__}: {error}", "id": item["id"], "source": item["source"]})
    return results


def repair_tail(path: Path) -> None:
    """Cut a torn last line (a run killed mid-write) so the file holds whole JSON lines only."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return
        position = size
        while position > 0:
            step = min(65536, position)
            handle.seek(position - step)
            block = handle.read(step)
            index = block.rfind(b"\n")
            if index >= 0:
                handle.truncate(position - step + index + 1)
                return
            position -= step
        handle.truncate(0)


def completed(path: Path) -> set[tuple[str, str]]:
    """(id, content hash) of every document already in an output file."""
    done: set[tuple[str, str]] = set()
    if not path.exists():
        return done
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                data = json.loads(line)
                done.add((str(data["id"]), data["content_hash"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                continue
    return done


def estimate_documents(files: list[Path]) -> int:
    """A quick count for the progress bar: lines of JSONL, articles of XML, one per text file."""
    total = 0
    for path in files:
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                total += sum(1 for line in path.open("rb") if line.strip())
            elif suffix == ".xml":
                data = path.read_bytes()
                total += max(1, data.count(b"<PubmedArticle>") + data.count(b"<PubmedArticle ") + data.count(b"<document>"))
            else:
                total += 1
        except OSError:
            total += 1
    return total


class Progress:
    """A tqdm bar on a terminal; plain progress lines every few seconds elsewhere."""

    def __init__(self, total: int, stream=sys.stderr, every: float = 5.0):
        self.total, self.stream, self.every = total, stream, every
        self.count, self.start, self.last = 0, time.perf_counter(), 0.0
        self.bar = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=stream, dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.perf_counter()
        if now - self.last >= self.every:
            self.last = now
            rate = self.count / max(now - self.start, 1e-9)
            eta = (self.total - self.count) / rate if rate and self.total > self.count else 0
            print(f"batch: {self.count}/{self.total} documents, {rate:.1f} documents/s, ETA {eta:.0f} s",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def pending_chunks(root: Path, done: set[tuple[str, str]], summary: BatchSummary, errors: "LineWriter",
                   chunk_size: int, progress: Progress) -> Iterator[Chunk]:
    """Chunks of documents still to extract; read failures go straight to the error file."""
    files, skipped = list_files(root)
    summary.skipped_files = [str(p) for p in skipped]
    chunk: Chunk = []
    seen: set[tuple[str, str]] = set()
    for path in files:
        for item in read_file(path, root):
            if isinstance(item, ReadFailure):
                errors.write({"id": item.id, "source": item.source, "error": item.reason})
                summary.failures += 1
                progress.update()
                continue
            key = (item.id, item.content_hash)
            if key in done or key in seen:
                summary.already_done += 1
                progress.update()
                continue
            seen.add(key)
            chunk.append(_plain(item))
            if len(chunk) >= chunk_size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _plain(item: SourceDocument) -> dict:
    return {"id": item.id, "text": item.text, "source": item.source, "content_hash": item.content_hash}


class LineWriter:
    """Appends JSON lines, flushed one by one and synced to disk every ``sync_every`` lines and on close."""

    def __init__(self, path: Path, sync_every: int = 100):
        self.path = path
        self.handle = None
        self.sync_every = sync_every
        self.pending = 0

    def write(self, data: dict) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("a", encoding="utf-8")
        self.handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.handle.flush()
        self.pending += 1
        if self.pending >= self.sync_every:
            os.fsync(self.handle.fileno())
            self.pending = 0

    def close(self) -> None:
        if self.handle is not None:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()


def run_local(chunks: Iterable[Chunk], workers: int) -> Iterator[list[dict]]:
    """Results chunk by chunk from a pool of worker processes (or in this process for one worker)."""
    if workers <= 1:
        for chunk in chunks:
            yield extract_chunk(chunk)
        return
    # Load (and warm) the pipeline once here and fork the workers from it: they start at once and share
    # its memory, instead of each spending seconds of CPU on its own load while the others want the cores.
    _pipeline()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        in_flight: set[Future] = set()
        for chunk in chunks:
            in_flight.add(pool.submit(extract_chunk, chunk))
            if len(in_flight) >= workers * 2:
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        for future in in_flight:
            yield future.result()


def run_dask(chunks: Iterable[Chunk], workers: int, scheduler: str | None) -> Iterator[list[dict]]:
    """The same work on a Dask cluster: the given scheduler, or a LocalCluster of worker processes."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        iterator = iter(chunks)
        queue = as_completed()
        for chunk in iterator:
            queue.add(client.submit(extract_chunk, chunk, pure=False))
            if queue.count() >= max(1, workers) * 2:
                yield next(queue).result()
        for future in queue:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(root: Path, output: Path, resume: bool = False, workers: int = 1, engine: str = "local",
              scheduler: str | None = None, chunk_size: int = 16,
              on_document: Callable[[dict], None] | None = None) -> BatchSummary:
    """Extract every document under ``root`` into ``output`` (JSON lines); failures go to ``<output>.errors.jsonl``."""
    summary = BatchSummary()
    start = time.perf_counter()
    errors_path = output.with_name(output.name + ".errors.jsonl") if output.suffix != ".jsonl" else \
        output.with_name(output.stem + ".errors.jsonl")
    if resume:
        repair_tail(output)
        repair_tail(errors_path)
    done = completed(output) if resume else set()
    files, _ = list_files(root)
    progress = Progress(estimate_documents(files))
    writer, errors = LineWriter(output), LineWriter(errors_path)
    if not resume:
        errors_path.unlink(missing_ok=True)
    chunks = pending_chunks(root, done, summary, errors, chunk_size, progress)
    results = run_dask(chunks, workers, scheduler) if engine == "dask" else run_local(chunks, workers)
    try:
        for lines in results:
            for line in lines:
                if "error" in line:
                    errors.write(line)
                    summary.failures += 1
                else:
                    writer.write(line)
                    summary.documents += 1
                    summary.mentions.update(e["label"] for e in line["entities"])
                    summary.records += len(line["records"])
                    if on_document is not None:
                        on_document(line)
                progress.update()
    finally:
        writer.close()
        errors.close()
        progress.close()
    summary.seconds = time.perf_counter() - start
    return summary
