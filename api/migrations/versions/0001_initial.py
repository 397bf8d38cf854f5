"""Initial schema: documents, mentions, records, record events, API keys.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(500)),
        sa.Column("source", sa.String(200), index=True),
        sa.Column("external_id", sa.String(200), index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("label", sa.String(40), index=True, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("norm", sa.JSON),
        sa.Column("ids", sa.JSON),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("intervention", sa.String(300), index=True),
        sa.Column("comparator", sa.String(500)),
        sa.Column("outcome", sa.String(300), index=True),
        sa.Column("population", sa.String(500)),
        sa.Column("cohort_size", sa.Integer),
        sa.Column("design", sa.String(40), index=True),
        sa.Column("direction", sa.String(40)),
        sa.Column("values", sa.JSON),
        sa.Column("hedged", sa.Boolean),
        sa.Column("negated", sa.Boolean),
        sa.Column("refs", sa.JSON),
        sa.Column("evidence", sa.JSON),
        sa.Column("status", sa.String(20), index=True, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "record_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("curator", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("changes", sa.JSON),
        sa.Column("comment", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("name", name="uq_api_keys_name"),
    )


def downgrade() -> None:
    for table in ("api_keys", "record_events", "records", "mentions", "documents"):
        op.drop_table(table)
