"""work calendars and out of office

A work week, a country's public holidays and what a reminder due on a day off does,
for a workspace and for a person (the person's own override the workspace's); a
person's out-of-office Slack status as last read; a goal whose plan counts working
days only. Every new column is nullable or has a default: existing rows keep
reminding every day, as before.

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-07 13:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CALENDAR = (("workweek", 40), ("holiday_country", 8), ("day_off_rule", 8))


def upgrade() -> None:
    for table in ("workspace", "member"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, length in _CALENDAR:
                batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status_away", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        for name in ("status_until", "status_checked_at"):
            column = sa.Column(name, storage.types.UTCDateTime(timezone=True), nullable=True)
            batch_op.add_column(column)
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_workdays", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_column("plan_workdays")
    with op.batch_alter_table("member", schema=None) as batch_op:
        for name in ("status_checked_at", "status_until", "status_away"):
            batch_op.drop_column(name)
    for table in ("member", "workspace"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _length in reversed(_CALENDAR):
                batch_op.drop_column(name)
