"""Which statuses a goal can have, worked out roughly in SQL: a list by status leaves out
the goals that surely have another, and works out the rest's statuses exactly in Python.

The rules are `bot.core.progress`'s (its module docstring), in floats, from a goal's plan
columns and its stored summary: whether the latest value meets the target, whether the
deadline has passed, and how far progress trails the plan. The trend is left out: it
can only move a goal behind the plan to on track, so a goal behind it may be at risk or
off track, or on track. Wherever floats could decide otherwise than the exact figures (a
value within a millionth of its target, progress within 3 hundredths of a point of a
threshold, a plan shorter than a day) or the figures are not in the row (a plan counting
working days, stored sums covering check-ins after the moment asked about), the goal is
kept: the filter may keep too many, never too few (tested against reading every goal).

How sure "3 hundredths of a point" is: the exact figures are progress and expected
progress each rounded to hundredths of a point (0.0001 of the way), 0.0001 off at most
together. With the baseline and target at least a millionth apart, the float progress
is off by less than a billionth of itself; near a threshold progress is at most 1.25
(expected progress is 0..1), and far from one a billionth of it cannot cross it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlmodel import SQLModel

from bot.core.progress import AT_RISK_SLACK, ON_TRACK_SLACK, Status
from bot.core.values import Direction
from storage.types import UTCDateTime, seconds_between

_BEHIND: dict[Status, tuple[float, float]] = {
    Status.ON_TRACK: (float("-inf"), float("inf")),  # the trend may say on track
    Status.AT_RISK: (float(ON_TRACK_SLACK), float(AT_RISK_SLACK)),
    Status.OFF_TRACK: (float(AT_RISK_SLACK), float("inf")),
}
"""How far behind the plan (a share of the way) a goal of each status can be; a goal
behind the plan is on track only by its trend."""

_NEAR = 1e-9
"""Values this near (relative) may compare otherwise as decimals than as floats."""

_NEAR_TARGET = 1e-6
"""A baseline this near its target makes progress too steep to work out in floats."""

_MARGIN = 0.0003
"""How far from a threshold rough progress behind the plan is sure (module docstring)."""

_SHORTEST_PLAN = 86_400.0
"""Plans shorter than this many seconds are left to the exact figures."""


def of_statuses(
    query: Select[Any], statuses: Collection[Status], *, now: datetime, dialect: str
) -> Select[Any]:
    """`query` (of goal and outer-joined summary columns) less the goals that surely have
    none of `statuses` at `now`, soonest deadline first.

    The rough figures are worked out once a row in a subquery neither database may fold
    into the outer one (OFFSET 0): inlined, each would be worked out again wherever the
    condition reads it (on PostgreSQL a NUMERIC cast each time)."""
    g, s = SQLModel.metadata.tables["goal"].c, SQLModel.metadata.tables["goalsummary"].c
    at = literal(now, UTCDateTime())
    based = g.baseline.is_not(None)
    starts = and_(based, g.start_at <= at, or_(s.goal_id.is_(None), s.first_at > g.start_at))
    plan_start = case((based, g.start_at), else_=s.first_at)
    rough = (
        query.add_columns(
            func.coalesce(_float(s.last_value), case((starts, _float(g.baseline)))).label("r_now"),
            func.coalesce(_float(g.baseline), _float(s.first_value)).label("r_base"),
            _float(g.target).label("r_target"),
            # Each time read once (SQLite parses the text each time): the span and the
            # plan's share of it are worked out from these two.
            seconds_between(at, plan_start, dialect).label("r_since_start"),
            seconds_between(at, g.deadline, dialect).label("r_since_deadline"),
            (or_(g.plan_workdays.is_not(None), s.last_at > at)).label("r_unknown"),
        )
        .offset(0)
        .subquery()
    )
    r = rough.c
    kept = select(*(r[c.name] for c in query.selected_columns)).where(
        _may_have(statuses, r, literal(now, UTCDateTime()))
    )
    return kept.order_by(r.deadline, r.id)


def _may_have(statuses: Collection[Status], r: Any, at: Any) -> ColumnElement[bool]:
    """True for every goal (a row of `of_statuses`' subquery) that may have one of
    `statuses`, false for most that surely don't."""
    current, target, base = r.r_now, r.r_target, r.r_base
    meets = case((r.direction == Direction.INCREASE, current >= target), else_=current <= target)
    keep: list[tuple[Any, bool]] = [
        (r.r_unknown, True),
        (
            or_(r.target.is_(None), r.deadline.is_(None), current.is_(None)),
            Status.NO_DATA in statuses,
        ),
        (_near(current, target, _NEAR), True),
        (meets, Status.ACHIEVED in statuses),
        (r.deadline <= at, Status.MISSED in statuses),
    ]
    behind = [_BEHIND[status] for status in statuses if status in _BEHIND]
    low, high = min((b[0] for b in behind), default=0.0), max((b[1] for b in behind), default=0.0)
    if behind and (low, high) != (float("-inf"), float("inf")):
        low, high = low - _MARGIN, high + _MARGIN
        since, span = r.r_since_start, r.r_since_start - r.r_since_deadline
        expected = case((since <= 0.0, 0.0), else_=since / func.nullif(span, 0.0, type_=Float))
        trails = expected - (current - base) / func.nullif(target - base, 0.0, type_=Float)
        keep += [
            (or_(_near(base, target, _NEAR_TARGET), span < _SHORTEST_PLAN), True),
            (_within(trails, low, high), True),
            (or_(trails <= low, trails >= high), False),
        ]
    # Left over: a goal behind the plan when none is wanted, or a figure SQL could not
    # work out (NULL): kept whenever a goal behind the plan is wanted.
    return case(*((when, _bool(then)) for when, then in keep), else_=_bool(bool(behind)))


def _bool(value: bool) -> Any:
    return true() if value else false()


def _within(value: Any, low: float, high: float) -> Any:
    return and_(value > low, value < high) if high < float("inf") else value > low


def _float(column: Any) -> Any:
    """A decimal column as a float (text on SQLite, NUMERIC on PostgreSQL)."""
    return cast(column, Float)


def _near(a: Any, b: Any, share: float) -> Any:
    return func.abs(a - b) <= share * (func.abs(a) + func.abs(b))
