"""Latency and throughput of ``python -m extractor serve`` against ``extractor batch --workers 1``.

Usage: python bench/service.py [--requests 120]
Joins consecutive passages of corpora/passages.jsonl and ../shared/corpora/dev.jsonl into texts of 150-300
words (the passages are shorter), starts the service as a subprocess on a free loopback port with a temporary
SQLite store, and prints: one client's /extract p50/p99 latency (on a kept-alive connection, then with a new
connection per request); four clients' documents per second; and, on the same texts, the documents per
second of ``extractor batch --workers 1`` (start-up excluded: the time of an empty batch is subtracted).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import free_port, percentile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpora" / "passages.jsonl", ROOT.parent / "shared" / "corpora" / "dev.jsonl"]


def passages() -> list[str]:
    texts, current = [], []
    for path in SOURCES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    current.append(json.loads(line)["text"])
                    words = len(" ".join(current).split())
                    if words >= 150:
                        if words <= 300:
                            texts.append(" ".join(current))
                        current = []
    return texts


def post_all(base: str, texts: list[str], clients: int, keep_alive: bool = True) -> tuple[list[float], float]:
    """Each client thread keeps one httpx.Client, as a real client would: ``httpx.post`` builds a new
    client (and its TLS context, some 20-40 ms of CPU) per call, which this bench once measured instead
    of the service. Without ``keep_alive`` every request still opens a new connection."""
    latencies: list[float] = []
    local = threading.local()
    limits = httpx.Limits(max_keepalive_connections=None if keep_alive else 0)

    def one(text: str) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=60, limits=limits)
        start = time.perf_counter()
        local.client.post("/extract", json={"text": text}).raise_for_status()
        latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, texts))
    return latencies, time.perf_counter() - start


def batch_seconds(folder: Path, tmp: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "batch", str(folder), "--workers", "1", "-o", str(tmp / f"{folder.name}.jsonl")],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=120)
    args = parser.parse_args()
    pool = passages()
    texts = [pool[i % len(pool)] for i in range(args.requests)]
    print(f"{len(pool)} passages of 150-300 words, {len(texts)} requests")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        env = {**os.environ, "EXTRACTOR_DATABASE_URL": f"sqlite:///{tmp}/bench.db"}
        server = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            started = time.perf_counter()
            while True:
                try:
                    httpx.get(base + "/health", timeout=1).raise_for_status()
                    break
                except httpx.HTTPError:
                    if server.poll() is not None or time.perf_counter() - started > 120:
                        raise SystemExit("the service did not start")
                    time.sleep(0.2)
            print(f"serve: ready after {time.perf_counter() - started:.1f} s")
            post_all(base, texts[:4], 1)  # warm-up
            latencies, _ = post_all(base, texts, 1)
            print(f"1 client:  p50 {1000 * statistics.median(latencies):.0f} ms, p99 {1000 * percentile(latencies, 0.99):.0f} ms")
            latencies, _ = post_all(base, texts, 1, keep_alive=False)
            print(f"1 client, a new connection per request:  p50 {1000 * statistics.median(latencies):.0f} ms, "
                  f"p99 {1000 * percentile(latencies, 0.99):.0f} ms")
            _, elapsed = post_all(base, texts, 4)
            print(f"4 clients: {len(texts) / elapsed:.1f} docs/s")
        finally:
            server.terminate()
            server.wait()
        (tmp / "docs").mkdir()
        (tmp / "empty").mkdir()
        for i, text in enumerate(texts):
            (tmp / "docs" / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        (tmp / "empty" / "one.txt").write_text("Aspirin.", encoding="utf-8")
        overhead = batch_seconds(tmp / "empty", tmp)
        total = batch_seconds(tmp / "docs", tmp)
        print(f"batch --workers 1: {len(texts) / max(total - overhead, 1e-9):.1f} docs/s "
              f"({total:.1f} s, of which {overhead:.1f} s start-up)")


if __name__ == "__main__":
    main()
