"""Where a goal stands: progress, pace, trend, status and OKR scores.

Everything here takes plain values (a goal's figures, its check-ins, and `now`) and
returns plain values; check-in replies, reminders, questions, digests and App Home
all read the same `GoalProgress`.

Progress is `(current - baseline) / (target - baseline)`, so 0 is where the team
started and 1 is the target, for "lower is better" metrics too. A baseline is the
first point of a goal's series (`series`): right after a goal is set, its value is
the baseline and its progress 0, not "no data". When a goal has no baseline, its
first check-in is the baseline and the plan starts from it.

Status rules, checked top to bottom; the first that applies wins:

| status    | rule |
| --------- | ---- |
| no_data   | no baseline and no check-in yet |
| achieved  | the latest check-in meets or passes the target in the goal's direction |
| missed    | the deadline has passed and the latest check-in falls short of the target |
| on_track  | progress is at most 10 points behind the plan, or the trend hits the target in time |
| at_risk   | progress is 10 to 25 points behind the plan |
| off_track | progress is more than 25 points behind the plan |

"The plan" is the straight line from the baseline at the start to the target at
the deadline; "points" are percentage points of the whole way. The trend is a
least-squares line through the baseline and the check-ins.

The trend itself (changes, forecasts, ETAs) is worked out in `bot.core.trend`; OKR
scores in `bot.core.okr_scores`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from bot.core.period import MONTH_DAYS, WEEK_DAYS, Period
from bot.core.plan import PROGRESS_PLACES, expected_progress, expected_value, required_per
from bot.core.trend import VALUE_PLACES, Change, Point, change_in, fit, last_change, up_to
from bot.core.values import Direction, Unit
from bot.core.workdays import WorkCalendar

ON_TRACK_SLACK = Decimal("0.10")
"""How far progress may trail the plan (as a fraction of the whole way) and still be on track."""

AT_RISK_SLACK = Decimal("0.25")
"""How far progress may trail the plan and be at risk rather than off track."""

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)


class Status(StrEnum):
    """Where a goal stands at a moment; see the module docstring for the rules."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NO_DATA = "no_data"


STATUS_RULES: tuple[tuple[Status, str], ...] = (
    (Status.NO_DATA, "No baseline and no check-in yet."),
    (Status.ACHIEVED, "The latest check-in meets or passes the target."),
    (Status.MISSED, "The deadline has passed and the latest check-in falls short of the target."),
    (
        Status.ON_TRACK,
        "Progress is at most 10 points behind the plan, "
        "or the trend reaches the target by the deadline.",
    ),
    (Status.AT_RISK, "Progress is 10 to 25 points behind the plan."),
    (Status.OFF_TRACK, "Progress is more than 25 points behind the plan."),
)
"""The status rules in plain words, in the order they are checked (for README and help)."""


@dataclass(frozen=True, slots=True)
class GoalFigures:
    """The numbers of one goal that progress depends on.

    `start` and `deadline` are aware datetimes; `baseline` is None when the team
    never recorded one (the first check-in then stands in). `period` is the span a
    flow metric's target is counted over (a month for "50k a month"), None for a total or
    a level: each check-in of such a goal is the figure for its latest span, judged
    against the target as it is, never added up.
    """

    baseline: Decimal | None
    target: Decimal
    direction: Direction
    start: datetime
    deadline: datetime
    unit: Unit = Unit.COUNT
    # The plan counts only this calendar's working days (None: every day); see bot.core.workdays.
    calendar: WorkCalendar | None = None
    period: Period | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.deadline.tzinfo is None:
            raise ValueError("start and deadline must be aware datetimes")


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """Everything known about one goal at one moment.

    `baseline` is the baseline actually used (the first check-in's value when the
    goal had none). `required_per_week` / `required_per_month` are the signed change
    still needed per 7 / 30 days to reach the target by the deadline (negative for
    "lower is better" metrics, 0 once achieved, None after the deadline); for a target
    counted per week or per month they are the amount a week / a month that target
    means (50,000 a month is about 11,667 a week), for as long as the goal runs. `last_at` is
    when the latest check-in was made, None before the first (a baseline is none).
    """

    current: Decimal | None
    last_at: datetime | None
    baseline: Decimal | None
    progress: Decimal | None
    expected: Decimal
    expected_value: Decimal | None
    status: Status
    forecast: Decimal | None
    eta: datetime | None
    change_last: Change | None
    change_week: Change | None
    change_month: Change | None
    required_per_week: Decimal | None
    required_per_month: Decimal | None


def meets_target(value: Decimal, target: Decimal, direction: Direction) -> bool:
    """Whether `value` has reached `target`, going up or down.

    Example:
        >>> meets_target(Decimal("45"), Decimal("60"), Direction.DECREASE)
        True
    """
    return value >= target if direction is Direction.INCREASE else value <= target


def progress(
    baseline: Decimal | None,
    target: Decimal,
    current: Decimal | None,
    direction: Direction,
) -> Decimal | None:
    """The fraction of the way from baseline to target covered by `current`.

    Past the target gives more than 1, worse than the baseline less than 0. When
    baseline equals target the answer is 1 if `current` meets the target, else 0.
    None when there is no current value or no baseline.

    Example:
        >>> progress(Decimal("400"), Decimal("480"), Decimal("440"), Direction.INCREASE)
        Decimal('0.5000')
        >>> progress(Decimal("120"), Decimal("60"), Decimal("90"), Direction.DECREASE)
        Decimal('0.5000')
    """
    if current is None or baseline is None:
        return None
    if baseline == target:
        return _ONE if meets_target(current, target, direction) else _ZERO
    return ((current - baseline) / (target - baseline)).quantize(PROGRESS_PLACES)


def series(figures: GoalFigures, points: Sequence[Point], now: datetime) -> list[Point]:
    """A goal's points up to `now`, oldest first, its baseline (at the start) the first of them.

    Every view of a goal (status, forecast, change, chart) reads this one series, so
    a goal saved with a baseline shows that value from the start.

    Example:
        >>> from datetime import UTC
        >>> start, deadline = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
        >>> figures = GoalFigures(Decimal("12000"), Decimal("15000"), Direction.INCREASE,
        ...                       start, deadline)
        >>> [p.value for p in series(figures, [], datetime(2026, 1, 2, tzinfo=UTC))]
        [Decimal('12000')]
    """
    return _from_start(figures, up_to(points, now), now)


def _from_start(figures: GoalFigures, checked: list[Point], now: datetime) -> list[Point]:
    """`series` of check-ins already oldest first and none after `now`."""
    start = start_point(figures, checked[0] if checked else None, now)
    return [start, *checked] if start else checked


def assess(figures: GoalFigures, points: Sequence[Point], now: datetime) -> GoalProgress:
    """Everything about one goal at `now`, from its figures and check-ins.

    Check-ins after `now` are ignored, so a frozen clock sees the past as it was.

    Example:
        >>> from datetime import UTC
        >>> start, deadline = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
        >>> up = Direction.INCREASE
        >>> figures = GoalFigures(Decimal("400"), Decimal("480"), up, start, deadline)
        >>> assess(figures, [Point(datetime(2026, 1, 16, tzinfo=UTC), Decimal("440"))],
        ...        datetime(2026, 1, 16, 12, tzinfo=UTC)).status
        <Status.ON_TRACK: 'on_track'>
    """
    return assess_series(figures, points, now)[0]


def assess_series(
    figures: GoalFigures, points: Sequence[Point], now: datetime
) -> tuple[GoalProgress, list[Point]]:
    """`assess`, and the `series` it read, for a caller that reads the series too.

    The points are sorted once; the trend line is fitted once for the forecast and the
    ETA; the changes are searched in the sorted series (a digest assesses 1,000 goals).
    """
    checked = up_to(points, now)  # the check-ins alone: a baseline is no check-in
    seen = _from_start(figures, checked, now)
    plan = _plan(figures, seen[0] if seen else None, seen[-1] if seen else None, now)
    baseline, plan_start, current, achieved = plan.baseline, plan.start, plan.current, plan.achieved
    line = fit(seen) if figures.unit is not Unit.MILESTONE else None
    predicted = line.forecast(figures.deadline) if line is not None else None

    state = GoalProgress(
        current=current,
        last_at=checked[-1].at if checked else None,
        baseline=baseline,
        progress=plan.so_far,
        expected=plan.expected,
        expected_value=(
            expected_value(
                baseline,
                figures.target,
                plan_start,
                figures.deadline,
                now,
                calendar=figures.calendar,
            )
            if baseline is not None
            else None
        ),
        status=plan.status(
            predicted is not None and meets_target(predicted, figures.target, figures.direction)
        ),
        forecast=predicted,
        eta=(
            line.eta(figures.target, figures.direction)
            if line is not None and not achieved
            else None
        ),
        change_last=last_change(seen),
        change_week=change_in(seen, now=now, days=WEEK_DAYS),
        change_month=change_in(seen, now=now, days=MONTH_DAYS),
        required_per_week=_still_needed(figures, current, achieved, now, WEEK_DAYS),
        required_per_month=_still_needed(figures, current, achieved, now, MONTH_DAYS),
    )
    return state, seen


def start_point(figures: GoalFigures, first: Point | None, now: datetime) -> Point | None:
    """The baseline as the series' first point, before the first check-in (see `series`)."""
    if figures.baseline is None or figures.start > now or (first and first.at <= figures.start):
        return None
    return Point(figures.start, figures.baseline)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Where a goal stands against its plan (from its series' first and latest points)."""

    figures: GoalFigures
    now: datetime
    start: datetime
    baseline: Decimal | None
    current: Decimal | None
    so_far: Decimal | None
    expected: Decimal

    @property
    def achieved(self) -> bool:
        figures = self.figures
        return self.current is not None and meets_target(
            self.current, figures.target, figures.direction
        )

    def status(self, trend_reaches_target: bool) -> Status:
        """The first status rule (module docstring) that applies."""
        behind_plan = (self.expected - self.so_far) if self.so_far is not None else _ZERO
        settled = settled_status(self.figures, self.now, self.current)
        return settled or status_by_plan(behind_plan, trend_reaches_target=trend_reaches_target)


def settled_status(figures: GoalFigures, now: datetime, current: Decimal | None) -> Status | None:
    """The status of the rules before the plan's (no data, achieved, missed), if one applies."""
    if current is None:
        return Status.NO_DATA
    if meets_target(current, figures.target, figures.direction):
        return Status.ACHIEVED
    if now >= figures.deadline:
        return Status.MISSED
    return None


def status_by_plan(behind_plan: Decimal, *, trend_reaches_target: bool) -> Status:
    """The status of the plan's rules (on track, at risk, off track)."""
    if behind_plan <= ON_TRACK_SLACK or trend_reaches_target:
        return Status.ON_TRACK
    return Status.AT_RISK if behind_plan <= AT_RISK_SLACK else Status.OFF_TRACK


def plan_origin(figures: GoalFigures, first: Point | None) -> tuple[datetime, Decimal | None]:
    """Where the plan starts, and from what value: the baseline at the start, else the first
    check-in."""
    if figures.baseline is None and first:
        return first.at, first.value
    return figures.start, figures.baseline


def _plan(figures: GoalFigures, first: Point | None, latest: Point | None, now: datetime) -> _Plan:
    start, baseline = plan_origin(figures, first)
    current = latest.value if latest else None
    so_far = progress(baseline, figures.target, current, figures.direction)
    expected = expected_progress(start, figures.deadline, now, figures.calendar)
    return _Plan(figures, now, start, baseline, current, so_far, expected)


def progress_bar(fraction: Decimal | None, width: int = 10) -> str:
    """A text bar with the percentage, e.g. "▓▓▓▓░░░░░░ 40%".

    The bar is clamped to empty..full; the percentage shows the true figure
    (120 %, -15 %), cut toward zero so that a bar reads 100 % only once done.

    Example:
        >>> progress_bar(Decimal("0.4"))
        '▓▓▓▓░░░░░░ 40%'
        >>> progress_bar(None)
        'no data'
    """
    if fraction is None:
        return "no data"
    shown = min(max(fraction, _ZERO), _ONE)
    filled = int(shown * width)
    return f"{'▓' * filled}{'░' * (width - filled)} {int(fraction * _HUNDRED)}%"


def _still_needed(
    figures: GoalFigures, current: Decimal | None, achieved: bool, now: datetime, days: int
) -> Decimal | None:
    if current is None or figures.unit is Unit.MILESTONE:
        return None
    if figures.period is not None:
        if now >= figures.deadline:
            return None
        return (figures.target * days / figures.period.days).quantize(VALUE_PLACES)
    if achieved:
        return _ZERO.quantize(VALUE_PLACES)
    return required_per(current, figures.target, now=now, deadline=figures.deadline, days=days)
