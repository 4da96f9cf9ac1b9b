"""Check-ins read in bulk, so a digest or App Home of many goals costs one query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.models import CHECKIN_ORDER, CheckIn
from storage.repo import scoped_team


def checkins_by_goal(
    *, session: Session, team_id: str, goal_ids: Sequence[int]
) -> dict[int, list[CheckIn]]:
    """Each goal's check-ins, oldest first; goals without any are missing from the dict."""
    found: dict[int, list[CheckIn]] = defaultdict(list)
    if not goal_ids:
        return found
    query = (
        select(CheckIn)
        .where(CheckIn.team_id == scoped_team(team_id), col(CheckIn.goal_id).in_(list(goal_ids)))
        .order_by(*CHECKIN_ORDER)
    )
    for checkin in session.exec(query):
        found[checkin.goal_id].append(checkin)
    return found
