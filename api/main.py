"""The app factory: settings, store, pipeline, routers, error handlers and metrics in one place."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from extractor.settings import Settings, get_settings

from . import errors, security
from .db import make_engine, migrate, session_factory
from .errors import BodySizeLimit
from .extraction import ExtractionPool
from .metrics import Metrics, MetricsMiddleware
from .ratelimit import RateLimits
from .routes import documents, evidence, export, extract, health, mentions, page, records, uploads
from .runner import JobRunner


def create_app(settings: Settings | None = None, pipeline=None) -> FastAPI:
    """Build the service. ``pipeline`` may be passed in (tests share one); otherwise it loads at start-up."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        migrate(engine)
        if app.state.extraction.pipeline is None:
            import extractor

            app.state.extraction.pipeline = extractor.load(settings.model_path)
        app.state.extraction.pipeline.warm_up()  # before any extraction worker is forked from this process
        app.state.jobs.start()  # resumes jobs a stopped service left running (api/runner.py)
        yield
        await app.state.jobs.stop()
        app.state.extraction.close()
        engine.dispose()

    app = FastAPI(title="Evidence extractor", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Tag biomedical prose, store evidence records and curate them.",
                  responses=errors.DOCUMENTED_ERRORS)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.extraction = ExtractionPool(pipeline, settings.extraction_budget_s, settings.extraction_workers,
                                          settings.extraction_queue, engine)
    app.state.rate_limits = RateLimits(settings.rate_limit_ip, settings.rate_limit_key)
    app.state.metrics = Metrics(app.state.sessions)
    app.state.jobs = JobRunner(app.state.sessions, app.state.extraction, settings, app.state.metrics)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_text_chars * 4 + 64 * 1024,
                       paths={"/uploads": max(settings.max_upload_bytes, settings.max_text_chars * 4) + 64 * 1024})
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(security.SecurityHeaders)
    errors.install(app)
    security.install(app)
    for module in (extract, documents, mentions, records, evidence, export, health, page, uploads):
        app.include_router(module.router)
    return app


def __getattr__(name: str):
    # `uvicorn api.main:app` builds the app lazily, so importing this module stays cheap.
    if name == "app":
        return create_app()
    raise AttributeError(name)
