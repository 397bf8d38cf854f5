"""The service under hostile input, measured against a real `extractor serve` in a subprocess.

Usage: python bench/service_hostile.py [--port 8765] [--health-requests 200]
Prints: the time of the 4.9 KB adversarial /extract request, /health latency (p50, p99) while a
40,000-character POST /documents runs, and what happens just under, at and over the text limit.
The server uses a temporary SQLite store and the default settings, except that rate limits are off.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
ADVERSARIAL = "In a randomized trial of 100 patients, aspirin reduced the risk of " + "stroke, " * 600 + "and death (1)."


def prose(length: int) -> str:
    """Real prose of ``length`` characters from the project's own passages (held-out ones left out)."""
    sys.path.insert(0, str(ROOT))
    from extractor.splits import is_held_out

    lines = (ROOT / "corpora" / "passages.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [p["text"] for p in map(json.loads, lines) if not is_held_out(p["id"])]
    pieces, size = [], 0
    while size < length:
        pieces.append(texts[len(pieces) % len(texts)])
        size += len(pieces[-1]) + 1
    return " ".join(pieces)[:length]


def start_server(port: int, folder: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/hostile.db", "EXTRACTOR_RATE_LIMIT_IP": "",
           "EXTRACTOR_RATE_LIMIT_KEY": ""}
    server = subprocess.Popen([str(Path(sys.executable).parent / "extractor"), "serve", "--port", str(port),
                               "--demo-key", "bench"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, cwd=folder)
    key = None
    for line in server.stdout:
        found = re.search(r"demo curator key \(bench\): (\S+)", line)
        if found:
            key = found.group(1)
        if "Uvicorn running" in line or "Application startup complete" in line:
            break
    threading.Thread(target=server.stdout.read, daemon=True).start()  # keep the pipe drained
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return server, key


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def adversarial(base: str) -> None:
    start = time.perf_counter()
    response = httpx.post(base + "/extract", json={"text": ADVERSARIAL}, timeout=120)
    took = time.perf_counter() - start
    print(f"adversarial /extract ({len(json.dumps({'text': ADVERSARIAL})) / 1000:.1f} KB): {took:.2f} s, "
          f"status {response.status_code}" + (f" ({response.json().get('error')})" if response.status_code != 200 else ""))


def health_during_long_post(base: str, key: str, requests: int) -> None:
    text = prose(40_000)
    posted: dict = {}

    def post():
        start = time.perf_counter()
        posted["status"] = httpx.post(base + "/documents", json={"text": text}, headers={"X-API-Key": key},
                                      timeout=120).status_code
        posted["seconds"] = time.perf_counter() - start

    poster = threading.Thread(target=post)
    poster.start()
    time.sleep(0.2)  # let the POST reach its extraction
    latencies = []
    with httpx.Client(base_url=base, timeout=10) as client:
        while poster.is_alive() and len(latencies) < requests:
            start = time.perf_counter()
            client.get("/health").raise_for_status()
            latencies.append(time.perf_counter() - start)
            time.sleep(0.01)
    poster.join()
    print(f"POST /documents (40,000 characters): status {posted['status']}, {posted['seconds']:.2f} s")
    if latencies:
        print(f"/health during it: {len(latencies)} requests, p50 {1000 * statistics.median(latencies):.1f} ms, "
              f"p99 {1000 * percentile(latencies, 0.99):.1f} ms")


def limit_behaviour(base: str, limit: int) -> None:
    for length in (limit, limit + 1):
        start = time.perf_counter()
        response = httpx.post(base + "/extract", json={"text": "a " * (length // 2) + "a" * (length % 2)}, timeout=120)
        note = response.json().get("error", "") if response.status_code != 200 else ""
        print(f"/extract with {length:,} characters: {response.status_code} in {time.perf_counter() - start:.2f} s {note}")
    chunked = iter([b'{"text": "', b"x" * (limit * 5), b'"}'])
    response = httpx.post(base + "/extract", content=chunked, headers={"Content-Type": "application/json"}, timeout=60)
    print(f"/extract chunked body of {limit * 5:,} bytes: {response.status_code} {response.json().get('error', '')}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--health-requests", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.settings import Settings

    settings = Settings()
    print(f"settings: max_text_chars {settings.max_text_chars:,}, budget {settings.extraction_budget_s:g} s, "
          f"workers {settings.extraction_workers or os.cpu_count()}")
    with tempfile.TemporaryDirectory() as folder:
        server, key = start_server(args.port, folder)
        base = f"http://127.0.0.1:{args.port}"
        try:
            adversarial(base)
            health_during_long_post(base, key, args.health_requests)
            limit_behaviour(base, settings.max_text_chars)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
