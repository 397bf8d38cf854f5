"""Request dependencies: a database session per request and the curator behind a key."""

from __future__ import annotations

from typing import Annotated, Iterator

from fastapi import Depends, Path, Request
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from . import store

# Row ids are 32-bit in every supported store; larger ones are refused at the boundary (422).
RowId = Annotated[int, Path(ge=0, le=2_147_483_647)]

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="A curator key from `extractor keys create`.")


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


def require_curator(key: str | None = Depends(api_key_header), session: Session = Depends(get_session)) -> str:
    return store.curator_for(session, key)
