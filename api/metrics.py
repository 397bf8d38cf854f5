"""Prometheus metrics: requests, latencies, extraction time, and store counts read at scrape time."""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily


class StoreCollector:
    def __init__(self, sessions):
        self.sessions = sessions

    def collect(self):
        from . import store

        with self.sessions() as session:
            documents = GaugeMetricFamily("evidence_documents", "Documents in the store")
            documents.add_metric([], store.count_documents(session))
            yield documents
            records = GaugeMetricFamily("evidence_records", "Records in the store by status", labels=["status"])
            counts = store.counts_by_status(session)
            for status in store.STATUSES:
                records.add_metric([status], counts.get(status, 0))
            yield records


class Metrics:
    def __init__(self, sessions):
        self.registry = CollectorRegistry()
        self.requests = Counter("http_requests_total", "HTTP requests", ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("http_request_seconds", "HTTP request latency", ["route"], registry=self.registry)
        self.extraction = Histogram("extraction_seconds", "Time spent in the pipeline per text", registry=self.registry)
        self.registry.register(StoreCollector(sessions))


KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def bounded_labels(scope) -> tuple[str, str]:
    """(method, route) labels from a closed set: invented methods and unmatched paths become "other",
    so no client can grow the number of series."""
    method = scope.get("method", "")
    route = getattr(scope.get("route"), "path", None)
    return (method if method in KNOWN_METHODS else "other"), (route or "other")


class MetricsMiddleware:
    """Counts and times every HTTP request (a plain ASGI middleware: it leaves the body stream alone)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = 500

        async def send_status(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            method, route = bounded_labels(scope)
            metrics: Metrics = scope["app"].state.metrics
            metrics.requests.labels(method, route, str(status)).inc()
            metrics.latency.labels(route).observe(time.perf_counter() - start)
