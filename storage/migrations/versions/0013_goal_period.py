"""goal period

A flow metric's target ("50k reach a month") is counted over a span: `period` is
"weekly" or "monthly", NULL for a target in total and for a level such as followers.
Goals saved before it were all read as totals, so NULL is what they already meant.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-07 13:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_column("period")
