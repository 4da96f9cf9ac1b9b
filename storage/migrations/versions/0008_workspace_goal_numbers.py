"""workspace goal numbers

People see and type goals as "#3". That was the goal's row id, shared by every
workspace, so a new workspace's first goal could be #21. Each goal now has a `number`
counted per workspace from 1 (unique with its team), and each workspace row keeps the
last number it handed out. Existing goals are numbered per workspace in id order, so
the oldest goal of each workspace becomes #1; a workspace that has goals but no row yet
gets one, so the counter has somewhere to live.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:00:00
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_goal = sa.table(
    "goal",
    sa.column("id", sa.Integer),
    sa.column("team_id", sa.String),
    sa.column("number", sa.Integer),
    sa.column("created_at", sa.DateTime),
)
_workspace = sa.table(
    "workspace",
    sa.column("team_id", sa.String),
    sa.column("default_timezone", sa.String),
    sa.column("name", sa.String),
    sa.column("created_at", sa.DateTime),
    sa.column("last_goal_number", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_goal_number", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))

    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_goal.c.id, _goal.c.team_id, _goal.c.created_at).order_by(_goal.c.id)
    ).all()
    counted: dict[str, int] = defaultdict(int)
    first_seen = {}
    for goal_id, team_id, created_at in rows:
        counted[team_id] += 1
        first_seen.setdefault(team_id, created_at)
        connection.execute(
            _goal.update().where(_goal.c.id == goal_id).values(number=counted[team_id])
        )
    known = set(connection.execute(sa.select(_workspace.c.team_id)).scalars())
    for team_id, last in counted.items():
        if team_id not in known:
            connection.execute(
                _workspace.insert().values(
                    team_id=team_id, name="", default_timezone="UTC",
                    created_at=first_seen[team_id], last_goal_number=last,
                )
            )  # fmt: skip
        else:
            connection.execute(
                _workspace.update()
                .where(_workspace.c.team_id == team_id)
                .values(last_goal_number=last)
            )

    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_goal_team_id_number"), ["team_id", "number"]
        )


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_goal_team_id_number"), type_="unique")
        batch_op.drop_column("number")
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.drop_column("last_goal_number")
