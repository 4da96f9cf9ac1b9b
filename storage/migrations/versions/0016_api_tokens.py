"""api tokens

The REST API (`/api/v1`) authenticates with per-workspace tokens, of which only a
SHA-256 is stored, and remembers the answer to each request made with an
`Idempotency-Key` (unique per workspace), so a retried request stores once.

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-07 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "apitoken",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apitoken")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_apitoken_token_hash")),
    )
    op.create_index(op.f("ix_apitoken_team_id_revoked_at"), "apitoken", ["team_id", "revoked_at"])
    op.create_table(
        "apirequest",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "idempotency_key", name=op.f("pk_apirequest")),
    )
    op.create_index(op.f("ix_apirequest_created_at"), "apirequest", ["created_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_apirequest_created_at"), table_name="apirequest")
    op.drop_table("apirequest")
    op.drop_index(op.f("ix_apitoken_team_id_revoked_at"), table_name="apitoken")
    op.drop_table("apitoken")
