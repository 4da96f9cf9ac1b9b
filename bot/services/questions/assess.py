"""Assessing the goals an answer shows: progress, plan, forecast and change, as values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from bot.core.numbers.write import round_estimate
from bot.core.period import Period
from bot.core.progress import (
    GoalFigures,
    GoalProgress,
    Status,
    assess,
    start_point,
)
from bot.core.statuses import BEHIND_PLAN, StatusesAt
from bot.core.trend import Change, LineSums, Point, rough_forecast
from bot.core.values import Direction, Quantity, Unit
from bot.services.questions.find import Asking
from bot.services.tracking import Planned, goal_figures
from storage.models import Goal
from storage.questions import PointsSummary, points_summaries, recent_points
from storage.summaries import TREND_POINTS


@dataclass(frozen=True, slots=True)
class GoalChange:
    """How one goal moved over the span a question asks about; None without two values."""

    title: str
    change: Change | None
    unit: Unit
    currency: str | None
    since: date | None  # the earlier value's day, in the asker's time zone


@dataclass(frozen=True, slots=True)
class GoalFacts:
    """One goal as an answer shows it; `bot.render.answers` writes the figures.

    `planned` is False for a goal without a target or deadline (nothing to assess);
    quantities carry the goal's unit; `deadline` and `eta` are the asker's days.
    """

    goal_id: int
    ref: str
    title: str
    metric_name: str
    platform: str | None
    owner_id: str | None
    deadline: date | None
    status: Status
    planned: bool
    current: Quantity | None
    target: Quantity | None
    period: Period | None  # what `target` is counted over ("a month"); None: in total
    progress: Decimal | None
    expected_share: Decimal | None
    expected: Quantity | None
    forecast: Quantity | None
    eta: date | None
    change: GoalChange | None  # since the previous check-in
    last_checkin_age: timedelta | None


@dataclass(frozen=True, slots=True)
class Assessed:
    """A goal with its progress, None when it has no plan to measure against."""

    goal: Goal
    progress: GoalProgress | None


class Named(Protocol):
    """What names a goal: a `Goal`, or its key alone (`storage.questions.GoalKey`)."""

    @property
    def number(self) -> int: ...
    @property
    def external_id(self) -> str | None: ...


class Listed(Planned, Named, Protocol):
    """A goal as a status list reads it: its plan, id and reference; a `Goal` or, for
    thousands at once, its columns alone (`storage.questions.GoalPlan`)."""

    @property
    def id(self) -> int | None: ...


def goal_ref(goal: Named) -> str:
    """How answers and exports name a goal: its external id, else its number in the workspace.

    Example:
        >>> goal_ref(Goal(id=7, team_id="T1", title="Reach", external_id="reach-ig"))
        'reach-ig'
    """
    return goal.external_id or str(goal.number)


def assess_all(ctx: Asking, goals: Sequence[Goal]) -> list[Assessed]:
    """Every goal assessed at the time of asking, from one query for their check-ins."""
    return [Assessed(g, found) for g, found in zip(goals, _progress(ctx, goals), strict=True)]


def _progress(ctx: Asking, goals: Sequence[Listed]) -> list[GoalProgress | None]:
    """Each goal's progress from its check-ins (one query), None without a plan."""
    ids = [goal.id for goal in goals if goal.id is not None]
    points = recent_points(
        session=ctx.session, team_id=ctx.team_id, goal_ids=ids, up_to=ctx.now, latest=TREND_POINTS
    )
    found = []
    for goal in goals:
        figures = goal_figures(goal)
        found.append(assess(figures, points.get(goal.id or 0, []), ctx.now) if figures else None)
    return found


def statuses(ctx: Asking, goals: Sequence[Listed]) -> list[Status]:
    """Each goal's status (as `assess_all` would say), from one row of sums per goal.

    A goal whose trend lands too near its target for float sums to tell is assessed
    from its points, so the statuses are exactly `assess_all`'s.
    """
    ids = [goal.id for goal in goals if goal.id is not None]
    summaries = points_summaries(
        session=ctx.session, team_id=ctx.team_id, goal_ids=ids, up_to=ctx.now
    )
    return statuses_from(ctx, goals, summaries)


def statuses_from(
    ctx: Asking, goals: Sequence[Listed], summaries: Mapping[int, PointsSummary | None]
) -> list[Status]:
    """`statuses` from summaries already read (`storage.questions.goal_plans`)."""
    found: dict[int | None, Status] = {}
    unsure = []
    at = StatusesAt(ctx.now)
    for goal in goals:
        figures = goal_figures(goal)
        if figures is None:
            found[goal.id] = Status.NO_DATA
            continue
        summary = summaries.get(goal.id or 0)
        if summary is None and goal.id in summaries:
            unsure.append(goal)  # its stored sums cover check-ins after now: its points say
            continue
        first, latest = (summary.first, summary.last) if summary else (None, None)
        start = start_point(figures, first, ctx.now)
        status = at.status(figures, start=start, first=first, latest=latest)
        if status in BEHIND_PLAN:  # the trend is read only where it may say on track
            reaches = _trend_reaches(figures, summary, start, ctx.now)
            if reaches is None:
                unsure.append(goal)
                continue
            status = Status.ON_TRACK if reaches else status
        found[goal.id] = status
    found.update(
        (goal.id, _status(progress))
        for goal, progress in zip(unsure, _progress(ctx, unsure), strict=True)
    )
    return [found[goal.id] for goal in goals]


_NO_SUMS = LineSums(0, 0.0, 0.0, 0.0, 0.0)
"""The sums of a goal without check-ins."""

_UNSURE_BY = 0.01
"""How near its target (plus a millionth of it) a float trend counts as too near to tell."""


def _trend_reaches(
    figures: GoalFigures, summary: PointsSummary | None, start: Point | None, now: datetime
) -> bool | None:
    """Whether the trend reaches the target by the deadline; None when too near to tell.
    `start` is the goal's `start_point`."""
    if figures.unit is Unit.MILESTONE:
        return False
    sums = summary.sums if summary else _NO_SUMS
    if start is not None:  # the baseline counts as a point, before every check-in
        # total_seconds() is the float of the exact seconds (one correctly rounded
        # division), without building a Decimal for each of 10,000 goals.
        sums = sums.plus(-(now - start.at).total_seconds(), float(start.value))
    elif summary is not None and summary.one_moment:
        return False
    predicted = rough_forecast(sums, (figures.deadline - now).total_seconds())
    if predicted is None:
        return False
    target = float(figures.target)
    if abs(predicted - target) <= _UNSURE_BY + (abs(predicted) + abs(target)) / 1_000_000:
        return None
    return predicted >= target if figures.direction is Direction.INCREASE else predicted <= target


def status_of(item: Assessed) -> Status:
    return _status(item.progress)


def _status(progress: GoalProgress | None) -> Status:
    return progress.status if progress else Status.NO_DATA


def facts(ctx: Asking, item: Assessed) -> GoalFacts:
    """What an answer shows of one assessed goal."""
    goal, found = item.goal, item.progress
    unit = goal.unit

    def quantity(value: Decimal | None, *, estimate: bool = False) -> Quantity | None:
        if value is None:
            return None
        return Quantity(round_estimate(value, unit) if estimate else value, unit, goal.currency)

    return GoalFacts(
        goal_id=goal.id or 0,
        ref=goal_ref(goal),
        title=goal.title,
        metric_name=goal.metric_name,
        platform=goal.platform,
        owner_id=goal.owner_id,
        deadline=goal.deadline.astimezone(ctx.tz).date() if goal.deadline else None,
        status=status_of(item),
        planned=found is not None,
        current=quantity(found.current) if found else None,
        target=quantity(goal.target),
        period=goal.period,
        progress=found.progress if found else None,
        expected_share=found.expected if found else None,
        expected=quantity(found.expected_value, estimate=True) if found else None,
        forecast=quantity(found.forecast, estimate=True) if found else None,
        eta=found.eta.astimezone(ctx.tz).date() if found and found.eta else None,
        change=change_over(ctx, item, None) if found else None,
        last_checkin_age=ctx.now - found.last_at if found and found.last_at else None,
    )


def change_over(ctx: Asking, item: Assessed, period: Period | None) -> GoalChange:
    """How the goal moved over `period`, or since the previous check-in when None."""
    found = item.progress
    change = (
        {
            None: found.change_last,
            Period.WEEKLY: found.change_week,
            Period.MONTHLY: found.change_month,
        }[period]
        if found
        else None
    )
    return GoalChange(
        title=item.goal.title,
        change=change,
        unit=Unit(item.goal.unit),
        currency=item.goal.currency,
        since=change.then_at.astimezone(ctx.tz).date() if change else None,
    )
