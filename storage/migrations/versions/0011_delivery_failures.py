"""delivery failures

`attempts` counts every claim of a scheduled message, crashed senders included, and
was also the count that gave the message up after three tries: a reminder whose
senders were killed twice and then met one Slack 5xx was never sent. `failures` now
counts only the tries that ended in a recorded failure; the cap applies to it alone.
Rows already failed take their attempts as their failures (the old rule's view).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failures", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE delivery SET failures = attempts WHERE status = 'failed'")


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("failures")
