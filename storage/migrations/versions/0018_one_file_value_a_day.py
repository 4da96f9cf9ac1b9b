"""one file or feed value per goal and day

A file or feed stores a day's value at that day's noon; a partial unique index on
(team, goal, at) for those sources makes two saves racing store it once. Values a race
stored twice before are folded first: the first stored stays.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_checkin_team_id_goal_id_at_from_files"
FROM_FILES = "source IN ('file', 'feed')"


def upgrade() -> None:
    op.execute(
        "DELETE FROM checkin WHERE " + FROM_FILES + " AND EXISTS (SELECT 1 FROM checkin AS earlier"
        " WHERE earlier.team_id = checkin.team_id AND earlier.goal_id = checkin.goal_id"
        " AND earlier.at = checkin.at AND earlier." + FROM_FILES + " AND earlier.id < checkin.id)"
    )
    op.create_index(
        INDEX,
        "checkin",
        ["team_id", "goal_id", "at"],
        unique=True,
        sqlite_where=sa.text(FROM_FILES),
        postgresql_where=sa.text(FROM_FILES),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="checkin")
