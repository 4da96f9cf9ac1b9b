"""The trend of a metric's check-ins: changes over a span, least-squares forecasts and ETAs.

Plain values in, plain values out: a series of `Point`s (aware datetimes and
Decimals) gives a `Change`, a forecast at a deadline, or the moment a target is
reached on the current trend.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import repeat
from operator import attrgetter, floordiv, mul, sub
from typing import NamedTuple

from bot.core.values import Direction

VALUE_PLACES = Decimal("0.01")
"""Forecasts, expected values, rates and percentages are rounded to 2 places;
displays round further by unit."""

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_FEWEST_POINTS = 2  # a change, and a line through the points, each need two of them
_MICROSECOND = timedelta(microseconds=1)
_AT = attrgetter("at")  # a C key: a digest sorts and searches 100,000 points by time


class Point(NamedTuple):
    """One check-in: the metric's value at a moment. (A named tuple: a digest makes 100,000
    of them, at half a frozen dataclass's cost each.)"""

    at: datetime
    value: Decimal


@dataclass(frozen=True, slots=True)
class Change:
    """How a metric moved between two check-ins.

    `pct` is the change as a percentage of the earlier value (3.2 means 3.2 %),
    None when the earlier value is zero.
    """

    then_at: datetime
    then_value: Decimal
    now_at: datetime
    now_value: Decimal
    delta: Decimal
    pct: Decimal | None


def forecast(points: Sequence[Point], deadline: datetime) -> Decimal | None:
    """The value the trend of `points` reaches at `deadline`.

    The trend is a least-squares straight line; it needs two points at distinct
    times, otherwise the answer is None.

    Example:
        >>> from datetime import UTC
        >>> forecast([Point(datetime(2026, 1, 1, tzinfo=UTC), Decimal("400")),
        ...           Point(datetime(2026, 1, 8, tzinfo=UTC), Decimal("420"))],
        ...          datetime(2026, 1, 29, tzinfo=UTC))
        Decimal('480.00')
    """
    line = fit(_chronological(points))
    return None if line is None else line.forecast(deadline)


def eta(points: Sequence[Point], target: Decimal, direction: Direction) -> datetime | None:
    """When the trend of `points` reaches `target`, to the second.

    None when there is no trend (fewer than two distinct times), when the trend is
    flat or moving away from the target, or when the moment lies beyond the
    calendar. The moment may be in the past if the trend crossed the target already.

    Example:
        >>> from datetime import UTC
        >>> eta([Point(datetime(2026, 1, 1, tzinfo=UTC), Decimal("400")),
        ...      Point(datetime(2026, 1, 8, tzinfo=UTC), Decimal("420"))],
        ...     Decimal("480"), Direction.INCREASE)
        datetime.datetime(2026, 1, 29, 0, 0, tzinfo=datetime.timezone.utc)
    """
    line = fit(_chronological(points))
    return None if line is None else line.eta(target, direction)


def change_since(points: Sequence[Point], *, now: datetime, days: int) -> Change | None:
    """How the metric moved over the last `days` days (7 for week-over-week, 30 for month).

    "Now" is the latest check-in at or before `now`; "then" is the latest check-in
    at or before `now - days`. None when either is missing or they are the same
    check-in (nothing new was reported in the window).

    Example:
        >>> from datetime import UTC
        >>> change_since([Point(datetime(2026, 1, 1, tzinfo=UTC), Decimal("400")),
        ...               Point(datetime(2026, 1, 8, tzinfo=UTC), Decimal("420"))],
        ...              now=datetime(2026, 1, 8, tzinfo=UTC), days=7).delta
        Decimal('20')
    """
    return change_in(up_to(points, now), now=now, days=days)


def change_in(ordered: Sequence[Point], *, now: datetime, days: int) -> Change | None:
    """`change_since` of points already oldest first and none after `now` (a `series`):
    "then" is found by bisection, not by filtering and sorting again."""
    then = bisect_right(ordered, now - timedelta(days=days), key=_AT)
    if not ordered or not then or ordered[then - 1] == ordered[-1]:
        return None
    return _change(ordered[then - 1], ordered[-1])


def change_since_last(points: Sequence[Point]) -> Change | None:
    """How the metric moved from the previous check-in to the latest one.

    Example:
        >>> from datetime import UTC
        >>> change_since_last([Point(datetime(2026, 1, 8, tzinfo=UTC), Decimal("420")),
        ...                    Point(datetime(2026, 1, 1, tzinfo=UTC), Decimal("400"))]).pct
        Decimal('5.00')
    """
    return last_change(_chronological(points))


def last_change(ordered: Sequence[Point]) -> Change | None:
    """`change_since_last` of points already oldest first."""
    if len(ordered) < _FEWEST_POINTS:
        return None
    return _change(ordered[-2], ordered[-1])


def trend_per_week(series: Sequence[Sequence[Point]]) -> Decimal | None:
    """The recent change per week of a metric, from the check-ins of the goals measuring it.

    Each goal's check-ins get their own least-squares line, since two goals on the
    same metric may start from different levels; the answer is the mean of their
    slopes over 7 days. None when no goal has check-ins at two distinct times.

    Example:
        >>> from datetime import UTC
        >>> trend_per_week([[Point(datetime(2026, 1, 1, tzinfo=UTC), Decimal("400")),
        ...                  Point(datetime(2026, 1, 15, tzinfo=UTC), Decimal("440"))]])
        Decimal('20.00')
    """
    slopes = [line.slope for line in (fit(_chronological(s)) for s in series) if line is not None]
    if not slopes:
        return None
    week = exact_seconds(timedelta(weeks=1))
    return (sum(slopes, _ZERO) / len(slopes) * week).quantize(VALUE_PLACES, ROUND_HALF_UP)


class LineSums(NamedTuple):
    """Sums over float points (x, y) that give their least-squares line."""

    n: int
    x: float
    y: float
    xx: float
    xy: float

    def plus(self, x: float, y: float) -> LineSums:
        return LineSums(self.n + 1, self.x + x, self.y + y, self.xx + x * x, self.xy + x * y)


def rough_forecast(sums: LineSums, at_x: float) -> float | None:
    """`forecast`'s least-squares line from sums of float points, at `at_x`: close to the
    exact figure, for telling many goals' trends apart from their targets without reading
    their points. None without a line (fewer than two points, or all at one moment).

    Example:
        >>> rough_forecast(LineSums(2, 7.0, 820.0, 49.0, 2940.0), 28.0)
        480.0
    """
    if sums.n < _FEWEST_POINTS:
        return None
    spread = sums.xx - sums.x * sums.x / sums.n
    if spread <= 0:
        return None
    slope = (sums.xy - sums.x * sums.y / sums.n) / spread
    return sums.y / sums.n + slope * (at_x - sums.x / sums.n)


@dataclass(frozen=True, slots=True)
class Line:
    """A fitted straight line: `intercept` at `origin`, changing by `slope` per second."""

    origin: datetime
    intercept: Decimal
    slope: Decimal

    def value_at(self, at: datetime) -> Decimal:
        return self.intercept + self.slope * exact_seconds(at - self.origin)

    def forecast(self, deadline: datetime) -> Decimal:
        """`forecast`: the line's value at `deadline`."""
        return self.value_at(deadline).quantize(VALUE_PLACES)

    def eta(self, target: Decimal, direction: Direction) -> datetime | None:
        """`eta`: when the line reaches `target`, None if flat, moving away or off the calendar."""
        if self.slope == 0 or (self.slope > 0) != (direction is Direction.INCREASE):
            return None
        seconds = ((target - self.intercept) / self.slope).quantize(_ONE, ROUND_HALF_UP)
        try:
            return self.origin + timedelta(seconds=int(seconds))
        except OverflowError:
            return None


def fit(ordered: Sequence[Point]) -> Line | None:
    """The least-squares line through points already oldest first (None without two points
    at distinct times): `forecast` and `eta` of one series share one fit."""
    if len(ordered) < _FEWEST_POINTS:
        return None
    origin = ordered[0].at
    # The same Decimal operations as `exact_seconds` and the textbook sums, each point's
    # through C (`map`) rather than a Python frame: a digest fits 1,000 goals' points.
    micros = map(floordiv, map(sub, map(_AT, ordered), repeat(origin)), repeat(_MICROSECOND))
    xs = list(map(Decimal.scaleb, map(Decimal, micros), repeat(-6)))
    ys = [point.value for point in ordered]
    mean_x = sum(xs, _ZERO) / len(xs)
    mean_y = sum(ys, _ZERO) / len(ys)
    apart = list(map(sub, xs, repeat(mean_x)))  # the spread and the covariance both read them
    spread = sum(map(pow, apart, repeat(2)), _ZERO)
    if spread == 0:
        return None
    covariance = sum(map(mul, apart, map(sub, ys, repeat(mean_y))), _ZERO)
    slope = covariance / spread
    return Line(origin=origin, intercept=mean_y - slope * mean_x, slope=slope)


def _change(then: Point, latest: Point) -> Change:
    delta = latest.value - then.value
    pct = (
        None
        if then.value == 0
        else (delta / abs(then.value) * _HUNDRED).quantize(VALUE_PLACES, ROUND_HALF_UP)
    )
    return Change(then.at, then.value, latest.at, latest.value, delta, pct)


def _chronological(points: Sequence[Point]) -> list[Point]:
    return sorted(points, key=_AT)


def up_to(points: Sequence[Point], moment: datetime) -> list[Point]:
    """The points at or before `moment`, oldest first."""
    ordered = _chronological(points)
    return ordered[: bisect_right(ordered, moment, key=_AT)]


def exact_seconds(delta: timedelta) -> Decimal:
    """The length of `delta` in seconds, exactly (`total_seconds()` goes through a float)."""
    return Decimal(delta.days * 86_400 + delta.seconds) + Decimal(delta.microseconds) / 1_000_000
