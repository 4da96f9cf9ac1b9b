"""Undo: a person takes back their own last check-in of the past day, after confirming.

"undo" in the DM or a thread, or `/goals undo`, offers the check-in; its button
removes it. Only the person's own check-ins, and only those stored within
`UNDO_HOURS`, can go this way: older ones are history others have already read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.progress import meets_target
from bot.core.values import GoalState, Quantity
from bot.services import Services
from bot.services.checkins import Removed
from bot.services.permissions import Requester
from storage import checkins as checkin_store
from storage import repo

UNDO_HOURS = 24


@dataclass(frozen=True, slots=True)
class UndoOffer:
    """The check-in "undo" would remove; the confirmation button carries its id."""

    checkin_id: int
    title: str
    value: Quantity
    at: datetime


def undo_offer(services: Services, author: Requester) -> UndoOffer | None:
    """The author's last check-in of the past `UNDO_HOURS`; None when there is none."""
    with services.session() as session:
        checkin = checkin_store.last_checkin_by(
            session=session,
            team_id=author.team_id,
            author_id=author.user_id,
            since=services.now() - timedelta(hours=UNDO_HOURS),
        )
        if checkin is None:
            return None
        goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=checkin.goal_id)
        if goal is None:
            return None
        value = Quantity(checkin.value, goal.unit, goal.currency)
        return UndoOffer(checkin.id or 0, goal.title, value, checkin.at)


def undo_checkin(services: Services, author: Requester, checkin_id: int) -> Removed | None:
    """Remove the offered check-in if it is still the author's last of the past day.

    A goal the check-in had marked achieved is active again when no value left reaches
    the target. None when there is nothing (any more) to undo.
    """
    offer = undo_offer(services, author)
    if offer is None or offer.checkin_id != checkin_id:
        return None
    with services.session() as session:
        checkin = checkin_store.get_checkin(
            session=session, team_id=author.team_id, checkin_id=checkin_id
        )
        if checkin is None:
            return None
        goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=checkin.goal_id)
        session.delete(checkin)
        session.flush()
        if goal is not None and goal.state == GoalState.ACHIEVED and goal.target is not None:
            latest = checkin_store.latest_checkin(
                session=session, team_id=author.team_id, goal_id=checkin.goal_id
            )
            value = latest.value if latest is not None else goal.baseline
            if value is None or not meets_target(value, goal.target, goal.direction):
                goal.state, goal.updated_at = GoalState.ACTIVE, services.now()
        return Removed((offer.title,), (checkin.goal_id,))
