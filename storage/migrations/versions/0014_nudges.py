"""nudges: follow-ups, several reminder times, escalation to a manager, quiet hours

A workspace says whether unanswered reminders are followed up and after how many missed
check-ins the owner's manager is told; a person has quiet hours and a manager; a
reminder schedule keeps more times than its cadence, and what its nudges are waiting for.

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-07 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0014"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCHEDULE_TIMES = ("reminded_at", "streak_since", "follow_up_at", "escalate_at")


def upgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("escalate_after", sa.Integer(), server_default="2", nullable=False)
        )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("quiet_hours", sqlmodel.sql.sqltypes.AutoString(length=11), nullable=True)
        )
        batch_op.add_column(
            sa.Column("manager_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
    with op.batch_alter_table("reminderschedule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("more_times", sa.JSON(), server_default="[]", nullable=False))
        for name in _SCHEDULE_TIMES:
            column = sa.Column(name, storage.types.UTCDateTime(timezone=True), nullable=True)
            batch_op.add_column(column)
        batch_op.add_column(sa.Column("missed", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index(
            batch_op.f("ix_reminderschedule_follow_up_at"), ["follow_up_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reminderschedule_escalate_at"), ["escalate_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reminderschedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminderschedule_escalate_at"))
        batch_op.drop_index(batch_op.f("ix_reminderschedule_follow_up_at"))
        for name in ("missed", *_SCHEDULE_TIMES, "more_times"):
            batch_op.drop_column(name)
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("manager_id")
        batch_op.drop_column("quiet_hours")
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.drop_column("escalate_after")
        batch_op.drop_column("follow_up_minutes")
