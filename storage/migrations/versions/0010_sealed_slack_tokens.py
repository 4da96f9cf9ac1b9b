"""sealed slack tokens

Bot, refresh and user tokens are now stored Fernet-encrypted (`storage.tokens`). A
sealed token is about twice the length of the token, more than slack_sdk's
VARCHAR(200) holds for a rotating token, so the token columns become TEXT.

Tokens already stored stay plain here: sealing needs TOKEN_ENCRYPTION_KEY, which a
migration (`checkin-bot migrate`, run with only DATABASE_URL) should neither need
nor see. The bot seals them at its next start with a key (`storage.tokens.seal_tokens`).

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = {
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
    "slack_bots": ("bot_token", "bot_refresh_token"),
}


def upgrade() -> None:
    for table, columns in _COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, existing_type=sa.String(length=200), type_=sa.Text())


def downgrade() -> None:
    # Sealed tokens longer than 200 characters do not fit back: run this only after
    # the installations are gone, or expect PostgreSQL to refuse.
    for table, columns in _COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=200))
