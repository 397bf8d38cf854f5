"""Alembic environment: runs on the connection the app (or `alembic` with DATABASE_URL) provides."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from api.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")


def run(conn) -> None:
    context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # command-line use: alembic -c api/alembic.ini upgrade head
    url = os.environ.get("DATABASE_URL", "sqlite:///./evidence.db").replace("postgresql://", "postgresql+psycopg://", 1)
    with create_engine(url).begin() as conn:
        run(conn)
