"""Reads behind answers to questions: a few statements whatever the size of the workspace.

Every function issues one statement. Goals are filtered in SQL (metric, platform,
owner, deadline window); check-ins are read only for the goals an answer is
about, and of those only the first one and the latest `latest` ones are kept; a
status list reads each goal's stored summary instead (`storage.summaries`), and only
for the goals that may have the statuses asked about (`storage.status_bounds`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, func, or_, select
from sqlmodel import Session, col

from bot.core.period import Period
from bot.core.progress import Status
from bot.core.trend import LineSums, Point
from bot.core.values import Direction, Unit
from storage.gc_pause import paused_collections
from storage.models import CHECKIN_ORDER, CheckIn, Goal
from storage.progress import add_points
from storage.repo import scoped_team
from storage.status_bounds import of_statuses
from storage.summaries import GoalSummary
from storage.types import column_values

OPEN_STATES = ("active", "achieved")
"""Goal states questions look at; archived goals are history, not answers."""

TRACKED_KINDS = ("goal", "key_result")
"""Goal kinds that carry a metric (an objective is scored through its key results)."""


@dataclass(frozen=True, slots=True)
class GoalFilter:
    """Which open goals to read: every filter given must match; an empty one matches all."""

    metrics: Sequence[str] = ()
    platform: str | None = None
    owner_ids: Sequence[str] = ()
    goal_ids: Sequence[int] = ()
    objective_ids: Sequence[int] = ()
    deadline_from: datetime | None = None
    deadline_to: datetime | None = None
    kinds: Sequence[str] = TRACKED_KINDS
    limit: int | None = None


def find_goals(*, session: Session, team_id: str, where: GoalFilter) -> list[Goal]:
    """Open goals of the workspace matching `where`, soonest deadline first."""
    return list(session.scalars(_matching(select(Goal), team_id, where)))


class GoalKey(NamedTuple):
    """What names a goal in an answer (`goal_ref`), without the rest of it."""

    id: int
    number: int
    external_id: str | None


def find_keys(*, session: Session, team_id: str, where: GoalFilter) -> list[GoalKey]:
    """The keys of the goals `find_goals` would give, in its order: an answer names and
    counts 500 goals and shows 10, and 500 ORM goals cost more than the rest of it."""
    goal = Goal.__table__  # type: ignore[attr-defined]
    query = _matching(select(goal.c.id, goal.c.number, goal.c.external_id), team_id, where)
    return list(map(GoalKey._make, session.connection().execute(query).all()))


class GoalPlan(NamedTuple):
    """What a goal's status and reference are read from, without the rest of the goal:
    10,000 of these cost a fraction of 10,000 ORM goals."""

    id: int
    number: int
    external_id: str | None
    baseline: Decimal | None
    target: Decimal | None
    direction: Direction
    start_at: datetime
    deadline: datetime | None
    unit: Unit
    period: Period | None
    plan_workdays: str | None


def goal_plans(
    *,
    session: Session,
    team_id: str,
    where: GoalFilter,
    up_to: datetime,
    statuses: Collection[Status] | None = None,
) -> tuple[list[GoalPlan], dict[int, PointsSummary | None]]:
    """The plans of the goals `find_goals` would give, in its order, and their
    `points_summaries`, from one statement: the plan columns joined to the stored sums.
    With `statuses`, less the goals that surely have none of them at `up_to`
    (`storage.status_bounds`): a list of one status reads its candidates only."""
    goal = Goal.__table__  # type: ignore[attr-defined]
    summary = GoalSummary.__table__  # type: ignore[attr-defined]
    planned = [goal.c[name] for name in GoalPlan._fields]
    summed = [summary.c[name] for name in _SUMMARY_COLUMNS]
    joined = select(*planned, *summed).outerjoin(summary, summary.c.goal_id == goal.c.id)
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    if statuses is None:
        query = _matching(joined, team_id, where)
    else:  # sorted once, after leaving goals out (unless a limit needs the order first)
        query = _matching(joined, team_id, where, ordered=where.limit is not None)
        query = of_statuses(query, statuses, now=up_to, dialect=connection.dialect.name)
    result = connection.execute(query)
    # The driver's own tuples, each column converted at once (`column_values`): at 10,000
    # goals a Row, or a type processor called per value, costs more than SQLite's query.
    with paused_collections():
        try:
            rows = result.cursor.fetchall()
        finally:
            result.close()
        if not rows:
            return [], {}
        raw = zip(*rows, strict=True)
        converted = [
            column_values(column.type, values, sqlite=sqlite)
            for column, values in zip(query.selected_columns, raw, strict=True)
        ]
        width = len(planned)
        plans = list(map(GoalPlan._make, zip(*converted[:width], strict=True)))
        stored = zip(*converted[width:], strict=True)
        summaries = {row[0]: _summary(row, up_to) for row in stored if row[0] is not None}
    return plans, summaries


def _matching(
    query: Select[Any], team_id: str, where: GoalFilter, *, ordered: bool = True
) -> Select[Any]:
    """`query` narrowed to the open goals matching `where`, soonest deadline first (in no
    given order when not `ordered`)."""
    query = query.where(
        col(Goal.team_id) == scoped_team(team_id),
        col(Goal.state).in_(OPEN_STATES),
        col(Goal.kind).in_(where.kinds),
    )
    if where.metrics:
        query = query.where(col(Goal.metric).in_(where.metrics))
    if where.platform is not None:
        query = query.where(col(Goal.platform) == where.platform)
    if where.owner_ids:
        query = query.where(col(Goal.owner_id).in_(where.owner_ids))
    if where.goal_ids:
        query = query.where(col(Goal.id).in_(where.goal_ids))
    if where.objective_ids:
        query = query.where(col(Goal.objective_id).in_(where.objective_ids))
    if where.deadline_from is not None:
        query = query.where(col(Goal.deadline) >= where.deadline_from)
    if where.deadline_to is not None:
        query = query.where(col(Goal.deadline) <= where.deadline_to)
    if ordered:
        query = query.order_by(col(Goal.deadline), col(Goal.id))
    if where.limit is not None:
        query = query.limit(where.limit)
    return query


class GoalName(NamedTuple):
    """The words a goal answers to: what a question may name it by."""

    id: int
    title: str
    metric: str
    metric_name: str
    platform: str | None
    why: str


def goal_names(*, session: Session, team_id: str) -> list[GoalName]:
    """The names of every open goal, for looking up words and for saying what is tracked."""
    query = (
        select(
            col(Goal.id),
            col(Goal.title),
            col(Goal.metric),
            col(Goal.metric_name),
            col(Goal.platform),
            col(Goal.why),
        )
        .where(
            col(Goal.team_id) == scoped_team(team_id),
            col(Goal.state).in_(OPEN_STATES),
            col(Goal.kind).in_(TRACKED_KINDS),
        )
        .order_by(col(Goal.id))
    )
    return [
        GoalName(int(i), str(t), str(k), str(m), p, str(w))
        for i, t, k, m, p, w in session.execute(query)
    ]


def recent_points(
    *, session: Session, team_id: str, goal_ids: Sequence[int], up_to: datetime, latest: int
) -> dict[int, list[Point]]:
    """For each goal, its first check-in and its latest `latest` ones up to `up_to`,
    oldest first. The first one stands in for a missing baseline.

    PostgreSQL ranks the check-ins and sends only those; SQLite reads every one of the
    goals' check-ins up to `up_to` in its index's order and the first and latest are kept
    here: its window functions cost four times that read.
    """
    if not goal_ids:
        return {}
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    bound = {"team_id": scoped_team(team_id), "goal_ids": list(goal_ids), "up_to": up_to}
    result = (
        connection.execute(_EVERY, bound)
        if sqlite
        else connection.execute(_RECENT, {**bound, "latest": latest})
    )
    try:  # the driver's own tuples, converted a column at a time
        rows = list(_first_and_latest(result.cursor.fetchall(), latest))
    finally:
        result.close()
    points: dict[int, list[Point]] = defaultdict(list)
    add_points(points, rows, point=Point, sqlite=sqlite)
    return dict(points)


def _first_and_latest(rows: Iterable[Sequence[Any]], latest: int) -> Iterator[Sequence[Any]]:
    """Of rows ordered by goal and then as `CHECKIN_ORDER`, each goal's first and its
    latest `latest`."""
    for _, group in groupby(rows, itemgetter(0)):
        ordered = list(group)
        yield ordered[0]
        yield from ordered[max(1, len(ordered) - latest) :]


class PointsSummary(NamedTuple):
    """The points `recent_points` would give one goal (with `TREND_POINTS` latest), summed
    up instead of read. (Named tuples, it and its parts, which the status check reads as
    they are: a status list makes one for each of thousands of goals.)

    `first` and `last` are exact; `sums` are floats, with x the seconds before the moment
    asked about and y the value: enough for a least-squares line that tells most goals'
    trend apart from their target without reading a point. `one_moment` is True when
    every point shares one time (no line goes through them).
    """

    first: Point
    last: Point
    sums: LineSums
    one_moment: bool


_SUMMARY_COLUMNS = (
    "goal_id", "first_at", "first_value", "last_at", "last_value", "count",
    "sum_x", "sum_y", "sum_xx", "sum_xy", "one_moment",
)  # fmt: skip


def points_summaries(
    *, session: Session, team_id: str, goal_ids: Sequence[int], up_to: datetime
) -> dict[int, PointsSummary | None]:
    """Each goal's `PointsSummary` at `up_to`, read from its stored summary: one row per
    goal. Goals without check-ins are missing; a goal with check-ins after `up_to` (a
    frozen clock, a value dated ahead) maps to None, as its stored sums cover those too."""
    if not goal_ids:
        return {}
    summary = GoalSummary.__table__  # type: ignore[attr-defined]
    # Columns, not ORM objects: 10,000 of those cost more than the query.
    query = select(*(summary.c[name] for name in _SUMMARY_COLUMNS)).where(
        summary.c.team_id == scoped_team(team_id), summary.c.goal_id.in_(goal_ids)
    )
    return {row[0]: _summary(row, up_to) for row in session.execute(query)}


def _summary(row: Sequence[Any], up_to: datetime) -> PointsSummary | None:
    """A row of `_SUMMARY_COLUMNS` as a `PointsSummary` at `up_to`; None when its sums
    cover check-ins after `up_to`."""
    _goal_id, first_at, first_value, last_at, last_value, n, sx, sy, sxx, sxy, one = row
    if last_at > up_to:
        return None
    d = (last_at - up_to).total_seconds()  # stored x count from the latest check-in
    return PointsSummary(
        Point(first_at, first_value),
        Point(last_at, last_value),
        LineSums(n, sx + n * d, sy, sxx + 2 * d * sx + n * d * d, sxy + d * sy),
        bool(one),
    )


_CHECKINS_UP_TO = (
    col(CheckIn.team_id) == bindparam("team_id"),
    col(CheckIn.goal_id).in_(bindparam("goal_ids", expanding=True)),
    col(CheckIn.at) <= bindparam("up_to"),
)

_EVERY = (
    select(col(CheckIn.goal_id), col(CheckIn.at), col(CheckIn.value))
    .where(*_CHECKINS_UP_TO)
    .order_by(col(CheckIn.goal_id), *CHECKIN_ORDER)  # the index's order: no sort step
)
"""The goals' check-ins up to `up_to`, each goal's oldest first (built once, bound per call)."""


def _recent() -> Select[Any]:
    """`_EVERY` less the check-ins neither first nor among the latest `latest`, ranked from
    the newest and from the oldest."""
    newest = (
        func.row_number()
        .over(
            partition_by=col(CheckIn.goal_id),
            order_by=tuple(c.desc() for c in CHECKIN_ORDER),
        )
        .label("newest")
    )
    oldest = (
        func.row_number()
        .over(partition_by=col(CheckIn.goal_id), order_by=CHECKIN_ORDER)
        .label("oldest")
    )
    ranked = (
        select(col(CheckIn.goal_id), col(CheckIn.at), col(CheckIn.value), newest, oldest)
        .where(*_CHECKINS_UP_TO)
        .subquery()
    )
    return (
        select(ranked.c.goal_id, ranked.c.at, ranked.c.value)
        .where(or_(ranked.c.newest <= bindparam("latest"), ranked.c.oldest == 1))
        .order_by(ranked.c.goal_id, ranked.c.oldest)
    )


_RECENT = _recent()
