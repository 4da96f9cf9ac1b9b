"""languages: a person's chosen language, Slack's locale for them, a digest's language

`member.language` is what the person chose (`/goals language fa`); `member.slack_locale`
is what `users.info` (with `include_locale`) last said; `digestsubscription.language`
is the language a channel's digest is written in (`/goals digest here language tr`).
None everywhere means "not chosen": bot.i18n.choice decides then.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", _text(8), nullable=True))
        batch_op.add_column(sa.Column("slack_locale", _text(16), nullable=True))
    with op.batch_alter_table("digestsubscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", _text(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("digestsubscription", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("slack_locale")
        batch_op.drop_column("language")
