"""paused reason codes

A reminder schedule's `paused_reason` used to be written in words, with Slack markup
("paused by <@U123>", "channel_not_found: the goal's channel no longer exists, or I
can't see it", "the goal is achieved"). It now holds a code ("paused_by:U123",
"channel_not_found", "goal_achieved"): plain values, free of Slack markup, for whatever
shows them to be worded in bot/render. The rows written before are turned into the
same codes here. A reason this migration
does not recognise is left as it is.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:30:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_schedule = sa.table(
    "reminderschedule",
    sa.column("id", sa.Integer),
    sa.column("paused_reason", sa.String),
)

# The old sentences, each with the code it becomes; `\1` keeps what the sentence named.
_OLD_SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"paused by <@([A-Z0-9]+)(?:\|[^>]*)?>"), r"paused_by:\1"),
    (re.compile(r"the goal was deleted"), "goal_deleted"),
    (re.compile(r"the goal is ([a-z]+)"), r"goal_\1"),
    (re.compile(r"the goal.s deadline has passed"), "deadline_passed"),
    # A refused reminder stored Slack's error code, a colon and what it meant.
    (re.compile(r"([a-z_]+): .*", re.DOTALL), r"\1"),
)


def paused_code(stored: str) -> str:
    """The code of a paused reason written in words; a code, or anything unknown, as it is.

    Example:
        >>> paused_code("paused by <@U123>"), paused_code("goal_achieved")
        ('paused_by:U123', 'goal_achieved')
    """
    for sentence, code in _OLD_SENTENCES:
        found = sentence.fullmatch(stored.strip())
        if found:
            return found.expand(code)
    return stored


def upgrade() -> None:
    connection = op.get_bind()
    paused = connection.execute(
        sa.select(_schedule).where(_schedule.c.paused_reason.is_not(None))
    ).mappings()
    for row in paused.all():
        code = paused_code(row["paused_reason"])
        if code != row["paused_reason"]:
            connection.execute(
                sa.update(_schedule).where(_schedule.c.id == row["id"]).values(paused_reason=code)
            )


def downgrade() -> None:
    # Nothing to undo: the code before this revision stored the reason as free text
    # and never read it back, so a code is as good a text for it as the old words.
    pass
