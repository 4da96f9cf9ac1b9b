"""goal summaries: each goal's check-ins summed up in one row (storage.summaries)

A status list ("which goals are at risk?") reads one row per goal instead of ranking
every check-in. Existing check-ins are summed here, a workspace at a time, with the
same statement every write uses afterwards.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 16:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types
from storage.summaries import refresh_summaries

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goalsummary",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("first_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_value", storage.types.ExactDecimal(precision=28, scale=8), nullable=False),
        sa.Column("last_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_value", storage.types.ExactDecimal(precision=28, scale=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("sum_x", sa.Float(), nullable=False),
        sa.Column("sum_y", sa.Float(), nullable=False),
        sa.Column("sum_xx", sa.Float(), nullable=False),
        sa.Column("sum_xy", sa.Float(), nullable=False),
        sa.Column("one_moment", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goalsummary_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("goal_id", name=op.f("pk_goalsummary")),
    )
    op.create_index(op.f("ix_goalsummary_team_id"), "goalsummary", ["team_id"])
    connection = op.get_bind()
    checkin = sa.table("checkin", sa.column("team_id"), sa.column("goal_id"))
    goals: dict[str, list[int]] = {}
    for team_id, goal_id in connection.execute(
        sa.select(checkin.c.team_id, checkin.c.goal_id).distinct()
    ):
        goals.setdefault(team_id, []).append(goal_id)
    for team_id, ids in goals.items():
        refresh_summaries(connection, team_id, ids)


def downgrade() -> None:
    op.drop_index(op.f("ix_goalsummary_team_id"), table_name="goalsummary")
    op.drop_table("goalsummary")
