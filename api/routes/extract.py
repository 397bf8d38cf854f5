from __future__ import annotations

import time

from fastapi import APIRouter, Depends, Request

from ..deps import get_pipeline
from ..errors import EmptyText, TextTooLong
from ..schemas import ExtractRequest

router = APIRouter(tags=["extract"])


def run_pipeline(request: Request, pipeline, text: str):
    """Check the text against the limits and run the pipeline, timing it for /metrics."""
    limit = request.app.state.settings.max_text_chars
    if len(text) > limit:
        raise TextTooLong(len(text), limit)
    if not text.strip():
        raise EmptyText()
    start = time.perf_counter()
    result = pipeline.extract(text)
    request.app.state.metrics.extraction.observe(time.perf_counter() - start)
    return result


@router.post("/extract", summary="Extract mentions and records from a text (nothing is stored)")
def extract(body: ExtractRequest, request: Request, pipeline=Depends(get_pipeline)) -> dict:
    return run_pipeline(request, pipeline, body.text).to_dict()
