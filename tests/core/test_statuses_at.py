"""A list of many goals by status works each one's status out from its first and latest
check-ins (`StatusesAt`), sharing expected progress between goals of one plan and rounding
progress only near a slack: the statuses must be exactly those `assess` gives from the
goal's points, on the slacks, a rounding away from them and anywhere else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.core.plan import expected_progress
from bot.core.progress import (
    GoalFigures,
    Status,
    assess,
    meets_target,
    start_point,
)
from bot.core.statuses import BEHIND_PLAN, StatusesAt
from bot.core.trend import Point
from bot.core.values import Direction, Unit

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)

# How far progress lies from a slack: on it, a rounding (half a place) either side, a
# place and more either side, and less than a rounding.
OFFSETS = ["0", "0.00005", "-0.00005", "0.0001", "-0.0001", "0.00015", "-0.00015", "1E-8",
           "-1E-8", "0.00004999", "-0.00005001"]  # fmt: skip

goal = st.fixed_dictionaries({
    "baseline": st.one_of(st.none(), st.integers(min_value=0, max_value=10_000)),
    "target": st.integers(min_value=0, max_value=10_000),
    "direction": st.sampled_from(Direction),
    "unit": st.sampled_from([Unit.COUNT, Unit.COUNT, Unit.MILESTONE]),
    "start": st.integers(min_value=-10, max_value=220),  # days before now
    "deadline": st.integers(min_value=-30, max_value=200),  # days after now
    "hours": st.integers(min_value=0, max_value=23),  # so plans are not all whole days
    # Behind the plan by a slack and an offset (None: the latest value as drawn).
    "behind": st.one_of(st.none(), st.sampled_from(["0.1", "0.25"])),
    "off": st.sampled_from(OFFSETS),
    "checkins": st.lists(
        st.tuples(st.integers(min_value=0, max_value=200), st.integers(0, 10_000)),
        min_size=0,
        max_size=5,
    ),
})  # fmt: skip


def figures_and_points(g: dict[str, Any]) -> tuple[GoalFigures, list[Point]]:
    """A goal as drawn, its latest check-in placed `behind` its plan when one is drawn."""
    start = NOW - timedelta(days=g["start"], hours=g["hours"])
    deadline = NOW + timedelta(days=g["deadline"])
    baseline = None if g["baseline"] is None else Decimal(g["baseline"])
    target = Decimal(g["target"])
    figures = GoalFigures(baseline, target, g["direction"], start, deadline, unit=g["unit"])
    points = sorted(
        (Point(NOW - timedelta(days=ago, minutes=7 * i), Decimal(value))
         for i, (ago, value) in enumerate(g["checkins"])),
        key=lambda p: p.at,
    )  # fmt: skip
    plan_base = baseline if baseline is not None else (points[0].value if points else None)
    plan_start = start if baseline is not None or not points else points[0].at
    if g["behind"] is not None and points and plan_base is not None and plan_base != target:
        share = (
            expected_progress(plan_start, deadline, NOW) - Decimal(g["behind"]) + Decimal(g["off"])
        )
        latest = (plan_base + share * (target - plan_base)).quantize(Decimal("1E-8"))
        points[-1] = Point(points[-1].at, latest)
    return figures, points


def fast(at: StatusesAt, figures: GoalFigures, points: list[Point]) -> Status:
    """The status from the ends alone, told whether the trend reaches the target."""
    first, latest = (points[0], points[-1]) if points else (None, None)
    full = assess(figures, points, NOW)
    reaches = full.forecast is not None and meets_target(
        full.forecast, figures.target, figures.direction
    )
    by_plan = at.status(figures, start=start_point(figures, first, NOW), first=first, latest=latest)
    return Status.ON_TRACK if by_plan in BEHIND_PLAN and reaches else by_plan


@given(st.lists(goal, min_size=1, max_size=8))
def test_statuses_from_the_ends_are_those_of_the_full_assessment(goals: Any) -> None:
    drawn = [figures_and_points(g) for g in goals]
    at = StatusesAt(NOW)  # one for every goal: what one plan works out serves the next
    assert [fast(at, f, p) for f, p in drawn] == [assess(f, p, NOW).status for f, p in drawn]


def test_goals_exactly_on_and_beside_the_slacks() -> None:
    start, deadline = NOW - timedelta(days=100), NOW + timedelta(days=100)
    expected = expected_progress(start, deadline, NOW)
    behind = ["0.0999", "0.09995", "0.1", "0.10005", "0.1001", "0.2499", "0.24995", "0.25",
              "0.25005", "0.2501"]  # fmt: skip
    figures = GoalFigures(Decimal(0), Decimal(1_000_000), Direction.INCREASE, start, deadline)
    at = StatusesAt(NOW)
    latest = [
        [Point(NOW - timedelta(hours=1), (expected - Decimal(b)) * 1_000_000)] for b in behind
    ]
    found = [fast(at, figures, points) for points in latest]
    assert found == [assess(figures, points, NOW).status for points in latest]
    # Half-way values are rounded to the even hundredth of a point, either side of a slack.
    on, risk, off = Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK
    assert [found[i] for i in (0, 1, 2, 4, 5, 7, 9)] == [on, on, on, risk, risk, risk, off]


def test_one_plan_in_two_zones_is_worked_out_for_each() -> None:
    # The same instants: in one zone the plan's span is counted on the wall clock (a
    # daylight-saving hour longer), so expected progress differs by about 0.0006.
    york = ZoneInfo("America/New_York")
    start, deadline = datetime(2026, 3, 1, tzinfo=york), datetime(2026, 4, 1, tzinfo=york)
    now = datetime(2026, 3, 16, tzinfo=UTC)
    in_york = GoalFigures(Decimal(0), Decimal(10_000), Direction.INCREASE, start, deadline)
    in_utc = GoalFigures(
        Decimal(0), Decimal(10_000), Direction.INCREASE,
        start.astimezone(UTC), deadline.astimezone(UTC),
    )  # fmt: skip
    share = expected_progress(start, deadline, now) - Decimal("0.1")
    latest = Point(now - timedelta(hours=1), share * 10_000)
    plain = [assess(f, [latest], now).status for f in (in_york, in_utc)]
    assert plain == [Status.ON_TRACK, Status.AT_RISK]
    for order in ((in_york, in_utc), (in_utc, in_york)):
        at = StatusesAt(now)
        found = {
            f.start.tzinfo: at.status(
                f, start=start_point(f, latest, now), first=latest, latest=latest
            )
            for f in order
        }  # fmt: skip
        assert [found[york], found[UTC]] == plain
