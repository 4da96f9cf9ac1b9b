"""A digest sorts each goal's points once and fits its trend once (issue 18): the shortcuts
give what the plain definitions give, whatever order the check-ins come in."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.digest import TrackedGoal, compose_digest
from bot.core.period import Period
from bot.core.progress import GoalFigures, assess, assess_series, series
from bot.core.trend import (
    Line,
    Point,
    change_in,
    change_since,
    eta,
    exact_seconds,
    fit,
    forecast,
    up_to,
)
from bot.core.values import Direction

START = datetime(2026, 6, 1, tzinfo=UTC)
DEADLINE = datetime(2027, 1, 31, tzinfo=UTC)
NOW = datetime(2026, 11, 22, 8, tzinfo=UTC)
FIGURES = GoalFigures(Decimal(1000), Decimal(5000), Direction.INCREASE, START, DEADLINE)


def scattered(seed: int, count: int) -> list[Point]:
    """`count` check-ins in no order, some at one instant, some after NOW, some exactly a
    week and a month before it."""
    rng = random.Random(seed)
    moments = [START + timedelta(seconds=rng.randrange(0, 200 * 86_400)) for _ in range(count)]
    moments += [NOW - timedelta(days=7), NOW - timedelta(days=30)]
    moments += moments[: count // 10] + moments[-2:]  # a few instants checked in on twice
    return [Point(at, Decimal(rng.randrange(900, 5200))) for at in moments]


def then_point(points: list[Point], now: datetime, days: int) -> Point | None:
    """The definition: the latest check-in at or before `now - days`, by a plain filter."""
    earlier = [p for p in sorted(points, key=lambda p: p.at) if p.at <= now - timedelta(days=days)]
    return earlier[-1] if earlier else None


@pytest.mark.parametrize("seed", range(8))
def test_the_period_change_is_the_one_the_filter_finds(seed: int) -> None:
    points = scattered(seed, 60)
    ordered = series(FIGURES, points, NOW)
    for days in (7, 30, 365):
        change = change_in(ordered, now=NOW, days=days)
        then = then_point(ordered, NOW, days)
        assert change == change_since(points, now=NOW, days=days)
        if change is not None:
            assert (change.then_at, change.then_value) == (then.at, then.value)  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", range(8))
def test_one_fit_gives_the_forecast_and_eta_of_the_points_in_any_order(seed: int) -> None:
    points = scattered(seed, 40)
    line = fit(up_to(points, DEADLINE))
    assert line is not None
    assert line.forecast(DEADLINE) == forecast(points, DEADLINE)
    assert line.eta(Decimal(5000), Direction.INCREASE) == eta(
        points, Decimal(5000), Direction.INCREASE
    )


def plain_fit(ordered: list[Point]) -> Line | None:
    """The definition: the least-squares line by deviations from the means, point by point."""
    if len(ordered) < 2:
        return None
    xs = [exact_seconds(p.at - ordered[0].at) for p in ordered]
    ys = [p.value for p in ordered]
    mean_x, mean_y = sum(xs, Decimal(0)) / len(xs), sum(ys, Decimal(0)) / len(ys)
    spread = sum(((x - mean_x) ** 2 for x in xs), Decimal(0))
    if spread == 0:
        return None
    slope = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Decimal(0))
    slope /= spread
    return Line(ordered[0].at, mean_y - slope * mean_x, slope)


moment = st.builds(
    lambda seconds, micros: START + timedelta(seconds=seconds, microseconds=micros),
    st.integers(min_value=0, max_value=3 * 365 * 86_400),
    st.integers(min_value=0, max_value=999_999),
)
amount = st.decimals(min_value=-(10**9), max_value=10**9, places=8, allow_nan=False)


@given(st.lists(st.tuples(moment, amount), max_size=30))
def test_the_fit_is_the_plain_least_squares_line_to_the_last_digit(
    pairs: list[tuple[datetime, Decimal]],
) -> None:
    ordered = sorted((Point(at, value) for at, value in pairs), key=lambda p: p.at)
    assert fit(ordered) == plain_fit(ordered)


@pytest.mark.parametrize("seed", range(8))
def test_assessing_shuffled_check_ins_gives_the_same_answer_and_series(seed: int) -> None:
    # One check-in an instant: two at one instant keep the order they were stored in.
    points = list({p.at: p for p in scattered(seed, 50)}.values())
    shuffled = random.Random(seed).sample(points, len(points))
    state, seen = assess_series(FIGURES, shuffled, NOW)
    assert state == assess(FIGURES, sorted(points, key=lambda p: p.at), NOW)
    assert seen == series(FIGURES, points, NOW)
    assert seen[0] == Point(START, Decimal(1000))  # the baseline leads the series


def test_owners_are_chased_unless_a_check_in_falls_inside_the_period() -> None:
    since, value = NOW - timedelta(days=7), Decimal(2000)
    goals = [
        TrackedGoal(1, "Inside", "U1", FIGURES, (Point(since + timedelta(seconds=1), value),)),
        TrackedGoal(2, "At the edge", "U2", FIGURES, (Point(since, value),)),
        TrackedGoal(3, "Dated ahead", "U3", FIGURES, (Point(NOW + timedelta(hours=1), value),)),
        TrackedGoal(4, "Never", "U4", FIGURES, ()),
        TrackedGoal(5, "Done", "U5", FIGURES, (Point(START, Decimal(6000)),)),
    ]
    digest = compose_digest(goals, period=Period.WEEKLY, now=NOW)
    assert digest.not_checked_in == ("U2", "U3", "U4")
