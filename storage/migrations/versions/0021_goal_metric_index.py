"""goal metric index: a question names goals by metric and platform

"How are we doing on reach on Instagram?" read every open goal of the workspace through
the (team, state) index to keep the few that track that metric: 2-3 ms of a 10,000-goal
workspace's answer. An index on (team, metric, platform) finds them directly.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 22:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


INDEX = "ix_goal_team_id_metric_platform"


def upgrade() -> None:
    op.create_index(op.f(INDEX), "goal", ["team_id", "metric", "platform"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f(INDEX), table_name="goal")
