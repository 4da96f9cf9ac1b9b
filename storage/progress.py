"""Check-ins read in bulk as points, so a digest or App Home of many goals costs one query.

Only the two columns progress is worked out from are read (time and value): building
an ORM object for each of 100,000 check-ins was most of a 1,000-goal digest's time. They
are read as the driver hands them and converted a column at a time, as `storage.types`
would convert each value: its per-value processors were most of what was left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage.gc_pause import paused_collections
from storage.models import CHECKIN_ORDER, CheckIn
from storage.repo import scoped_team
from storage.summaries import GoalSummary
from storage.types import exact_decimals, utc_times

PointT = TypeVar("PointT")
_BATCH = 10_000  # rows converted at a time: a bounded peak whatever the number read


def points_by_goal(
    *,
    session: Session,
    team_id: str,
    goal_ids: Sequence[int],
    point: Callable[[datetime, Decimal], PointT],
) -> dict[int, list[PointT]]:
    """Each goal's check-ins as `point(at, value)`, oldest first; goals without any are
    missing from the dict. (The caller's point type is built once per check-in.)"""
    found: dict[int, list[PointT]] = defaultdict(list)
    if not goal_ids:
        return found
    query = (
        select(col(CheckIn.goal_id), col(CheckIn.at), col(CheckIn.value))
        .where(col(CheckIn.team_id) == scoped_team(team_id), col(CheckIn.goal_id).in_(goal_ids))
        .order_by(col(CheckIn.goal_id), *CHECKIN_ORDER)  # the index's order: no sort step
    )
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    result = connection.execute(query)
    try:  # the driver's own tuples, a batch at a time: no Row, no per-value type processors
        with paused_collections():
            while rows := result.cursor.fetchmany(_BATCH):
                add_points(found, rows, point=point, sqlite=sqlite)
    finally:
        result.close()
    return found


def add_points(
    found: dict[int, list[PointT]],
    rows: Sequence[Sequence[Any]],
    *,
    point: Callable[[datetime, Decimal], PointT],
    sqlite: bool,
) -> None:
    """Rows of (goal id, moment, value) as the driver gave them, each appended to its goal's
    list in `found` as `point(at, value)`: moments and values converted a column at a time
    (`storage.types.utc_times`, `exact_decimals`), as their column types would."""
    if not rows:
        return
    goal_ids, moments, values = zip(*rows, strict=True)
    points = map(point, utc_times(moments, sqlite=sqlite), exact_decimals(values))
    for goal_id, one in zip(goal_ids, points, strict=True):
        found[goal_id].append(one)


def last_checkins(
    *, session: Session, team_id: str, goal_ids: Sequence[int], up_to: datetime
) -> dict[int, datetime]:
    """When each goal was last checked in on, up to `up_to` (goals never are missing).

    Read from each goal's stored summary; only a goal checked in on after `up_to` too (a
    frozen clock, a value dated ahead) has its check-ins read."""
    if not goal_ids:
        return {}
    stored = select(col(GoalSummary.goal_id), col(GoalSummary.last_at)).where(
        col(GoalSummary.team_id) == scoped_team(team_id), col(GoalSummary.goal_id).in_(goal_ids)
    )
    found: dict[int, datetime] = {}
    later: list[int] = []
    for goal_id, at in session.execute(stored):
        if at <= up_to:
            found[int(goal_id)] = at
        else:
            later.append(int(goal_id))
    if later:
        query = (
            select(col(CheckIn.goal_id), func.max(col(CheckIn.at)))
            .where(
                col(CheckIn.team_id) == team_id,
                col(CheckIn.goal_id).in_(later),
                col(CheckIn.at) <= up_to,
            )
            .group_by(col(CheckIn.goal_id))
        )
        found.update((int(goal_id), at) for goal_id, at in session.execute(query))
    return found
