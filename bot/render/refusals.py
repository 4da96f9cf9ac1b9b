"""What a person is told when they may not do something (shown to them alone)."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.services.permissions import Refusal, Refused

GOAL_GONE = "That goal no longer exists."
"""A button, form or command named a goal that was deleted meanwhile."""


def refused_text(refused: Refused) -> str:
    """Why the person may not do it, and who can.

    Example:
        >>> refused_text(Refused(Refusal.GOAL_GONE))
        'That goal no longer exists.'
    """
    match refused.why:
        case Refusal.NOT_ALLOWED:
            owner = f"<@{refused.owner_id}>" if refused.owner_id else "its creator"
            return (
                f"Only {owner}, the goal's contributors or a workspace admin can check in on "
                f"or change “{escape(refused.title)}”."
            )
        case Refusal.GOAL_GONE:
            return GOAL_GONE
        case Refusal.REMINDER_GOAL_GONE:
            return "This reminder's goal is gone."
        case Refusal.GOAL_NOT_ACTIVE:
            return "That goal is no longer active, so there is nothing to check in on."
