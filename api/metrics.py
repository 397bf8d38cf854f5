"""Prometheus metrics: requests, latencies, extraction time, and store counts read at scrape time."""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from starlette.middleware.base import BaseHTTPMiddleware


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


class MetricsMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        start = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            route = request.scope.get("route")
            path = getattr(route, "path", "unmatched")
            metrics: Metrics = request.app.state.metrics
            metrics.requests.labels(request.method, path, str(status)).inc()
            metrics.latency.labels(path).observe(time.perf_counter() - start)
