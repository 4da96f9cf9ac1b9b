"""Who may check in on or change a goal: its owner, its contributors, or a workspace admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from storage.models import Goal


class Refusal(StrEnum):
    """Why something was refused; `bot.render.refusals` has the words for each."""

    NOT_ALLOWED = "not_allowed"  # someone else's goal
    GOAL_GONE = "goal_gone"  # deleted (or in another workspace)
    REMINDER_GOAL_GONE = "reminder_goal_gone"  # the goal of a reminder's button
    GOAL_NOT_ACTIVE = "goal_not_active"  # achieved or archived: nothing to check in on


@dataclass(frozen=True, slots=True)
class Refused:
    """The person may not do this (check in, change a goal); shown to them alone.

    For `Refusal.NOT_ALLOWED`, `title` and `owner_id` name the goal and who can.
    """

    why: Refusal
    title: str = ""
    owner_id: str | None = None


@dataclass(frozen=True, slots=True)
class Requester:
    """Who asks to check in on or change a goal, and whether Slack says they are an admin.

    `ask_is_admin` may call Slack (once per request), so it is asked only when the goal's
    owners and contributors do not already include the person.
    """

    team_id: str
    user_id: str
    ask_is_admin: Callable[[], bool] = field(repr=False, compare=False)

    @property
    def is_admin(self) -> bool:
        return self.ask_is_admin()


def can_change(goal: Goal, who: Requester) -> bool:
    """True when `who` may check in on, edit or archive `goal`.

    Slack is asked whether they are an admin only when the goal itself does not let them in.

    Example:
        >>> can_change(Goal(title="g", team_id="T", owner_id="U1"), Requester("T", "U1", bool))
        True
    """
    if who.user_id == goal.owner_id or who.user_id in (goal.contributors or []):
        return True
    # A goal without an owner belongs to whoever created it.
    return (goal.owner_id is None and who.user_id == goal.created_by) or who.is_admin


def refusal(goal: Goal) -> Refused:
    """The refusal of someone who may not change `goal`: it names who can."""
    return Refused(Refusal.NOT_ALLOWED, goal.title, goal.owner_id)
