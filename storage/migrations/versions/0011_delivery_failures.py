"""delivery failures

`attempts` counts every claim of a scheduled message, crashed senders included, and
was also the count that gave the message up after three tries: the chaos bench lost
reminders whose senders were killed and then met a stretch of Slack 5xx. A message is
now tried until it is too late to send, whatever happened before; `failures` counts the
tries that ended in a recorded failure, for the operator reading the table (attempts
minus failures is how often a sender vanished). Rows already failed take their attempts.

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
