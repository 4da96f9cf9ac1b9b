"""The statuses of many goals at one moment, each exactly as `bot.core.progress.assess`
gives it, from a goal's first and latest check-ins: a list of thousands of goals by status
(`bot.services.questions.assess.statuses_from`) costs a few microseconds a goal."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.core.plan import expected_progress
from bot.core.progress import (
    AT_RISK_SLACK,
    ON_TRACK_SLACK,
    GoalFigures,
    Status,
    plan_origin,
    progress,
    settled_status,
    status_by_plan,
)
from bot.core.trend import Point

_ZERO = Decimal(0)

BEHIND_PLAN = frozenset((Status.AT_RISK, Status.OFF_TRACK))
"""The statuses by the plan that the trend turns to on track when it reaches the target."""


class StatusesAt:
    """The statuses `assess` gives many goals at one moment `now`, each from its first and
    latest check-ins up to `now`: a list of thousands of goals is sorted by status without
    reading every check-in. The trend is asked about only where it matters (`status`).

    Goals that share a plan (start, deadline, working days) share its expected progress,
    worked out once. Progress is rounded to `PROGRESS_PLACES` (as `progress` does) only
    when the unrounded figure lies within `_ROUNDED_BY` of a slack: rounding moves progress
    by half a place at most, so farther off it falls on the same side of both slacks.
    """

    __slots__ = ("_expected", "now")

    def __init__(self, now: datetime) -> None:
        self.now = now
        self._expected: dict[tuple[object, ...], Decimal] = {}

    def status(
        self,
        figures: GoalFigures,
        *,
        start: Point | None,
        first: Point | None,
        latest: Point | None,
    ) -> Status:
        """One goal's status by its plan alone, `start` its `start_point`: when that is one of
        `BEHIND_PLAN`, the goal is on track instead if its trend reaches the target."""
        first, latest = start or first, latest or start
        current = latest.value if latest else None
        settled = settled_status(figures, self.now, current)
        if settled is not None:
            return settled
        plan_start, baseline = plan_origin(figures, first)
        # The same instants in other zones may subtract otherwise (same zone: wall clock).
        shape = (plan_start, figures.deadline, figures.calendar, plan_start.tzinfo,
                 figures.deadline.tzinfo)  # fmt: skip
        expected = self._expected.get(shape)
        if expected is None:
            expected = expected_progress(plan_start, figures.deadline, self.now, figures.calendar)
            self._expected[shape] = expected
        return status_by_plan(
            _behind(expected, baseline, figures, current), trend_reaches_target=False
        )


_ROUNDED_BY = Decimal("0.0001")
"""More than rounding to `PROGRESS_PLACES` moves progress (half of 0.0001 at most)."""

_UNROUNDED_UP_TO = Decimal("1E20")
"""Unrounded progress is used only below this: beyond, rounding may overflow the context,
which `progress` alone must say."""


def _behind(
    expected: Decimal, baseline: Decimal | None, figures: GoalFigures, current: Decimal | None
) -> Decimal:
    """How far progress trails `expected` (`_Plan.status`'s figure), or a figure on the
    same side of both slacks."""
    if baseline is None or current is None:
        return _ZERO
    target = figures.target
    if baseline != target:
        rough = expected - (current - baseline) / (target - baseline)
        if (
            abs(rough - ON_TRACK_SLACK) > _ROUNDED_BY
            and abs(rough - AT_RISK_SLACK) > _ROUNDED_BY
            and abs(rough) < _UNROUNDED_UP_TO
        ):
            return rough
    so_far = progress(baseline, target, current, figures.direction)
    return expected - so_far if so_far is not None else _ZERO
