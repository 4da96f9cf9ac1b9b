"""Who may check in on or change a goal: its owner, its contributors, or a workspace admin."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.mrkdwn import escape
from storage.models import Goal


@dataclass(frozen=True, slots=True)
class Refused:
    """The person may not do this (check in, change a goal); shown to them alone.

    `message` says why, and who can.
    """

    message: str


def can_change(goal: Goal, user_id: str, *, is_admin: bool) -> bool:
    """True when `user_id` may check in on, edit or archive `goal`.

    Example:
        >>> can_change(Goal(title="g", team_id="T", owner_id="U1"), "U1", is_admin=False)
        True
    """
    if is_admin or user_id == goal.owner_id or user_id in (goal.contributors or []):
        return True
    # A goal without an owner belongs to whoever created it.
    return goal.owner_id is None and user_id == goal.created_by


def refusal(goal: Goal) -> str:
    """The explanation shown (ephemerally) to someone who may not change the goal."""
    owner = f"<@{goal.owner_id}>" if goal.owner_id else "its creator"
    return (
        f"Only {owner}, the goal's contributors or a workspace admin can check in on "
        f"or change “{escape(goal.title)}”."
    )
