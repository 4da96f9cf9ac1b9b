"""check-in reply keys, reply versions and team goals

A reply in a reminder's thread holds at most one check-in per goal: the index on
(team, channel, message ts) becomes a unique key with the goal. Duplicates stored
before (a retried edit could store a reply twice) are folded into the newest row.
`replymessage` keeps, per reply, the version of its text read and whether it was
deleted, so its events apply in one order whatever order Slack sends them.

`goal.team` tells a team goal (reminded in its channel) from a personal goal whose
channel only gets the digest. Nothing stored told them apart before, and every goal
with a channel was reminded there; existing goals with a channel are marked team
goals, so their reminders keep going where they went, rather than a team's
reminders moving into one person's DM unannounced.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 12:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY = ("team_id", "channel_id", "message_ts", "goal_id")


def upgrade() -> None:
    checkin = sa.table("checkin", sa.column("id", sa.Integer), *(sa.column(c) for c in _KEY))
    newest = (
        sa.select(sa.func.max(checkin.c.id))
        .where(checkin.c.message_ts.is_not(None), checkin.c.channel_id.is_not(None))
        .group_by(*(checkin.c[c] for c in _KEY))
    )
    op.execute(
        sa.delete(checkin).where(
            checkin.c.message_ts.is_not(None),
            checkin.c.channel_id.is_not(None),
            checkin.c.id.not_in(newest),
        )
    )
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_team_id_channel_id_message_ts"))
        batch_op.create_unique_constraint(
            batch_op.f("uq_checkin_team_id_channel_id_message_ts_goal_id"), list(_KEY)
        )

    op.create_table(
        "replymessage",
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "team_id", "channel_id", "message_ts", name=op.f("pk_replymessage")
        ),
    )

    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("team", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    goal = sa.table("goal", sa.column("channel_id", sa.String), sa.column("team", sa.Boolean))
    op.execute(sa.update(goal).where(goal.c.channel_id.is_not(None)).values(team=True))


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_column("team")
    op.drop_table("replymessage")
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_checkin_team_id_channel_id_message_ts_goal_id"), type_="unique"
        )
        batch_op.create_index(
            batch_op.f("ix_checkin_team_id_channel_id_message_ts"),
            ["team_id", "channel_id", "message_ts"],
            unique=False,
        )
