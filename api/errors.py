"""Turns the store's and the boundary's exceptions into JSON errors, in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

import math

from . import store
from .extraction import ClientGone, ExtractionBusy, ExtractionFailed, ExtractionTimeout
from .schemas import ErrorOut, MentionOut, RecordOut

# Every operation may answer with these; documenting them keeps the schema honest for clients
# (and for schemathesis, which checks responses against it).
DOCUMENTED_ERRORS = {
    400: {"model": ErrorOut, "description": "The body is not valid JSON or not UTF-8"},
    401: {"model": ErrorOut, "description": "No API key was sent"},
    403: {"model": ErrorOut, "description": "The API key is unknown or revoked"},
    404: {"model": ErrorOut, "description": "No such document or record"},
    413: {"model": ErrorOut, "description": "The text is longer than the configured limit"},
    422: {"model": ErrorOut, "description": "The request does not match the schema"},
}
# Only the routes that extract or write can answer these.
LIMITED_ERRORS = {
    429: {"model": ErrorOut, "description": "Too many requests from this client address or API key"},
    503: {"model": ErrorOut, "description": "The extraction ran over its time budget, or every worker is busy"},
}
ECHO_LIMIT = 200  # characters of a refused input that an error repeats


class TextTooLong(Exception):
    def __init__(self, length: int, limit: int):
        super().__init__(f"the text has {length} characters; the limit is {limit}")


class EmptyText(Exception):
    pass


class UploadRefused(Exception):
    """An upload that cannot be taken: unknown kind (415), too large (413), or nothing readable in it (422)."""

    def __init__(self, status: int, message: str, detail=None):
        super().__init__(message)
        self.status = status
        self.detail = detail


class RateLimited(Exception):
    def __init__(self, who: str, limit: str, retry_after: int):
        super().__init__(f"too many requests from this {who}; the limit is {limit}")
        self.retry_after = retry_after


def printable(value):
    """A JSON-safe copy of what an error reports: the refused input may hold NaN, infinities,
    lone surrogates or a whole oversized text, none of which may break the error itself."""
    if isinstance(value, dict):
        return {str(k): printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
        return value if len(value) <= ECHO_LIMIT else value[:ECHO_LIMIT] + "…"
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return printable(str(value))


def error(status: int, message: str, detail=None) -> JSONResponse:
    body = {"error": message}
    if detail is not None:
        body["detail"] = printable(jsonable_encoder(detail, custom_encoder={Exception: str, bytes: printable}))
    return JSONResponse(status_code=status, content=body)


def install(app: FastAPI) -> None:
    @app.exception_handler(store.NotFound)
    async def not_found(_: Request, exc: store.NotFound):
        return error(404, str(exc))

    @app.exception_handler(store.StaleVersion)
    async def stale(_: Request, exc: store.StaleVersion):
        current = RecordOut.model_validate(exc.record).model_dump(mode="json")
        return JSONResponse(status_code=409, content={
            "error": f"the record changed since version you read; it is now at version {exc.record.version}",
            "current": current})

    @app.exception_handler(store.StaleMention)
    @app.exception_handler(store.SpanTaken)
    async def mention_conflict(_: Request, exc: store.StaleMention | store.SpanTaken):
        current = MentionOut.model_validate(exc.mention).model_dump(mode="json")
        return JSONResponse(status_code=409, content={"error": str(exc), "current": current})

    @app.exception_handler(store.InvalidSpan)
    async def invalid_span(_: Request, exc: store.InvalidSpan):
        # 409, not 422: the request is well formed; the span does not fit this document's stored text.
        return error(409, str(exc))

    @app.exception_handler(store.Unauthorized)
    async def unauthorized(_: Request, exc: store.Unauthorized):
        return error(401, str(exc))

    @app.exception_handler(store.Forbidden)
    async def forbidden(_: Request, exc: store.Forbidden):
        return error(403, str(exc))

    @app.exception_handler(TextTooLong)
    async def too_long(_: Request, exc: TextTooLong):
        return error(413, str(exc))

    @app.exception_handler(EmptyText)
    async def empty(_: Request, exc: EmptyText):
        return error(422, "the text is empty")

    @app.exception_handler(UploadRefused)
    async def upload_refused(_: Request, exc: UploadRefused):
        return error(exc.status, str(exc), exc.detail)

    @app.exception_handler(RateLimited)
    async def rate_limited(_: Request, exc: RateLimited):
        response = error(429, str(exc))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(ClientGone)
    async def client_gone(_: Request, exc: ClientGone):
        return error(499, "the client closed the connection; its extraction was stopped")  # nobody reads it; /metrics counts it

    @app.exception_handler(ExtractionTimeout)
    @app.exception_handler(ExtractionBusy)
    @app.exception_handler(ExtractionFailed)
    async def unavailable(_: Request, exc: Exception):
        response = error(503, str(exc))
        if isinstance(exc, ExtractionBusy):
            response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError):
        problems = exc.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            return error(400, "the request body is not valid JSON (or not UTF-8)", problems)
        return error(422, "the request does not match the schema", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = error(exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves on this path (FastAPI keeps one route per method)."""
    from starlette.routing import Match

    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"}) if hasattr(route, "methods") else (Match.NONE, None)
        if match != Match.NONE:
            methods.update(route.methods or ())
    return sorted(methods)


class BodySizeLimit:
    """Refuses bodies far over the text limit before they reach the app (413), declared or chunked.

    The limit leaves room for UTF-8 (up to 4 bytes a character) and the JSON around the text;
    the exact character count is checked again after parsing. The body is read here, up to the
    limit, and handed on unchanged: raising from inside the app's own body reading would be
    turned into a 400 by FastAPI.
    """

    def __init__(self, app, max_bytes: int, paths: dict[str, int] | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.paths = paths or {}  # a limit of its own for some paths (file uploads)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        max_bytes = self.paths.get(scope.get("path", ""), self.max_bytes)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            response = error(413, f"the request body has {int(declared)} bytes; the limit is {max_bytes}")
            return await response(scope, receive, send)
        messages, received = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > max_bytes:
                response = error(413, f"the request body is over the limit of {max_bytes} bytes")
                return await response(scope, receive, send)
            if not message.get("more_body", False):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
