from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from extractor.schema import Extraction

from ..errors import LIMITED_ERRORS, EmptyText, TextTooLong
from ..extraction import client_gone
from ..ratelimit import rate_limited
from ..schemas import ExtractRequest

router = APIRouter(tags=["extract"])


def check_text(request: Request, text: str) -> None:
    """Refuse a text over the configured length (413) or with nothing in it (422)."""
    limit = request.app.state.settings.max_text_chars
    if len(text) > limit:
        raise TextTooLong(len(text), limit)
    if not text.strip():
        raise EmptyText()


async def run_pipeline(request: Request, text: str) -> Extraction:
    """Extract in a worker process within the time budget; the work stops if the client goes away."""
    check_text(request, text)
    extraction, seconds = await request.app.state.extraction.extract(text, stop_when=client_gone(request.receive))
    request.app.state.metrics.extraction.observe(seconds)
    return extraction


@router.post("/extract", summary="Extract mentions and records from a text (nothing is stored)",
             responses=LIMITED_ERRORS, dependencies=[Depends(rate_limited)])
async def extract(body: ExtractRequest, request: Request) -> dict:
    return (await run_pipeline(request, body.text)).to_dict()
