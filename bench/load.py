"""Load test of the service on loopback: N concurrent clients POSTing passages to /extract and /documents.

Usage: python bench/load.py [--clients 8] [--requests 200]
Starts the app with uvicorn on a free 127.0.0.1 port and a temporary SQLite store, sends a bounded
number of requests, prints throughput and p50/p99 latency per endpoint, then stops.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(base: str, path: str, bodies: list[dict], clients: int, key: str) -> None:
    latencies: list[float] = []
    errors = 0

    def one(body: dict) -> None:
        nonlocal errors
        start = time.perf_counter()
        response = httpx.post(base + path, json=body, headers={"X-API-Key": key}, timeout=60)
        latencies.append(time.perf_counter() - start)
        if response.status_code >= 400:
            errors += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, bodies))
    elapsed = time.perf_counter() - start
    print(f"{path:<11} {len(bodies)} requests, {clients} clients: {len(bodies) / elapsed:6.1f} req/s, "
          f"p50 {1000 * statistics.median(latencies):6.1f} ms, p99 {1000 * percentile(latencies, 0.99):6.1f} ms, errors {errors}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import uvicorn

    import extractor
    from api import store
    from api.db import migrate
    from api.main import create_app
    from extractor.settings import Settings

    texts = [json.loads(line)["text"] for line in (ROOT / "corpora" / "passages.jsonl").read_text().splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{tmp}/load.db"), extractor.load())
        migrate(app.state.engine)
        with app.state.sessions() as session:
            key = store.create_key(session, "load")
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        extract_bodies = [{"text": texts[i % len(texts)]} for i in range(args.requests)]
        document_bodies = [{"text": f"{texts[i % len(texts)]} [{i}]"} for i in range(args.requests)]
        run(base, "/extract", extract_bodies, args.clients, key)
        run(base, "/documents", document_bodies, args.clients, key)
        server.should_exit = True


if __name__ == "__main__":
    main()
