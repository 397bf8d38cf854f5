"""Mention curation: versioned mentions, their history, and a review flag on records.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("needs_review", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_records_needs_review", "records", ["needs_review"])
    op.create_table(
        "mention_events",
        sa.Column("id", sa.Integer, primary_key=True),
        # No foreign key to mentions: a removed mention's history stays.
        sa.Column("mention_id", sa.Integer, index=True, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("curator", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("flagged_records", sa.JSON),
        sa.Column("at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("mention_events")
    op.drop_index("ix_records_needs_review", "records")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("needs_review")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("version")
