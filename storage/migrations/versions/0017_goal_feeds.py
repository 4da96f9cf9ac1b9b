"""goal feeds

A goal can follow a CSV URL (`/goals feed #3 https://...`): one row per goal, with the
server's validators (ETag, Last-Modified), when it is next fetched, and a claim (a
lease) so only one replica fetches it at a time.

Revision ID: 0017
Revises: 0011
Create Date: 2026-12-07 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0017"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goalfeed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("next_fetch_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_until", UTCDateTime(), nullable=True),
        sa.Column("last_problem", sa.String(length=500), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goalfeed_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goalfeed")),
        sa.UniqueConstraint("goal_id", name=op.f("uq_goalfeed_goal_id")),
    )
    op.create_index(op.f("ix_goalfeed_next_fetch_at"), "goalfeed", ["next_fetch_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_goalfeed_next_fetch_at"), table_name="goalfeed")
    op.drop_table("goalfeed")
