"""The team digest, composed: the report step of the method in DOMAIN.md.

A digest answers, for one period (a week or a month) and a set of goals: how
many are on track, at risk, off track and achieved; where each goal stands and
how it moved since the last period; the wins, losses and opportunities; and who
has not checked in. It takes plain values (goals' figures and check-ins, `now`)
and returns plain values; Block Kit and text are made from them elsewhere.

How the sections are chosen:

| section       | goals in it |
| ------------- | ----------- |
| wins          | achieved goals, then the biggest gains of the period (up to 3) |
| losses        | off-track and missed goals, then goals that moved away from their target |
| opportunities | goals within 20% of the target; at-risk goals, with the pace that recovers them |

Example:
    >>> from datetime import UTC
    >>> from bot.core.values import Direction
    >>> start, deadline = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
    >>> checked_in = (Point(datetime(2026, 1, 15, tzinfo=UTC), Decimal(440)),)
    >>> reach = GoalFigures(Decimal(400), Decimal(480), Direction.INCREASE, start, deadline)
    >>> sales = GoalFigures(Decimal(10), Decimal(400), Direction.INCREASE, start, deadline)
    >>> goals = [TrackedGoal(1, "Reach", "U1", reach, checked_in),
    ...          TrackedGoal(2, "Sales", "U2", sales, checked_in)]
    >>> digest = compose_digest(goals, period=Period.WEEKLY, now=datetime(2026, 1, 16, tzinfo=UTC))
    >>> [(status.value, count) for status, count in digest.headline_counts]
    [('on_track', 1), ('at_risk', 0), ('off_track', 0), ('achieved', 1)]
    >>> [(win.title, win.reason) for win in digest.wins]
    [('Sales', <Reason.TARGET_REACHED: 'target_reached'>), ('Reach', <Reason.GAINING: 'gaining'>)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_UP, Decimal
from enum import StrEnum

from bot.core.numbers.write import format_quantity
from bot.core.period import Period, per_period
from bot.core.progress import GoalFigures, GoalProgress, Status, assess_series, progress
from bot.core.trend import Change, Point, change_in, last_change
from bot.core.values import Quantity, Unit

CLOSE_TO_TARGET = Decimal("0.80")
"""Progress from which a goal that is not yet achieved counts as an opportunity."""

TOP_GAINS = 3
"""How many of the period's biggest gains the wins section names."""


# The order statuses are counted in the headline and goals are listed in:
# what needs attention first, so a 20-second read ends on the right goals.
LISTING_ORDER: tuple[Status, ...] = (
    Status.OFF_TRACK,
    Status.AT_RISK,
    Status.MISSED,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.ACHIEVED,
)


@dataclass(frozen=True, slots=True)
class TrackedGoal:
    """One goal as the digest needs it: who owns it, its figures and its check-ins."""

    goal_id: int
    title: str
    owner_id: str | None
    figures: GoalFigures
    points: tuple[Point, ...]
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One goal's line: value vs target, change since last period, status.

    `change` is the move since the value known a period ago, in the goal's `unit`
    (None without two values to compare). `gain` is the share of the whole way
    (baseline to target) covered during the period, negative when the metric moved
    away from the target; None without two check-ins to compare.
    """

    goal_id: int
    title: str
    owner_id: str | None
    status: Status
    value: str
    change: Change | None
    unit: Unit
    currency: str | None
    gain: Decimal | None
    progress: GoalProgress
    target: Decimal  # `value` is written in English; these let another language write it
    per: Period | None


class Reason(StrEnum):
    """Why a goal is named in wins, losses or opportunities; bot/render/digest words it."""

    TARGET_REACHED = "target_reached"
    GAINING = "gaining"  # the line's change and gain say by how much
    OFF_TRACK = "off_track"  # the line's progress and expected share say how far behind
    MISSED = "missed"
    FALLING = "falling"  # the line's change says by how much
    CLOSE = "close"  # `amount` is what is still to go
    RECOVERY_PACE = "recovery_pace"  # `amount` a period gets the goal back on course


@dataclass(frozen=True, slots=True)
class Highlight:
    """A goal named in wins, losses or opportunities, and why: a reason and its amount."""

    line: DigestLine
    reason: Reason
    amount: Decimal | None = None

    @property
    def goal_id(self) -> int:
        return self.line.goal_id

    @property
    def title(self) -> str:
        return self.line.title


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a digest says, in the order it says it."""

    period: Period
    since: datetime
    now: datetime
    counts: tuple[tuple[Status, int], ...]
    lines: tuple[DigestLine, ...]
    wins: tuple[Highlight, ...]
    losses: tuple[Highlight, ...]
    opportunities: tuple[Highlight, ...]
    not_checked_in: tuple[str, ...]

    def count(self, status: Status) -> int:
        return dict(self.counts).get(status, 0)

    @property
    def headline_counts(self) -> tuple[tuple[Status, int], ...]:
        """The counts the headline names: on track, at risk, off track, achieved, and
        any other status some goal is in."""
        main = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.ACHIEVED)
        others = [s for s in LISTING_ORDER if s not in main and self.count(s)]
        return tuple((s, self.count(s)) for s in (*main, *others))


def compose_digest(goals: Sequence[TrackedGoal], *, period: Period, now: datetime) -> Digest:
    """The digest of `goals` for the period ending at `now`.

    Example:
        >>> from datetime import UTC
        >>> now = datetime(2026, 11, 22, 9, tzinfo=UTC)
        >>> compose_digest([], period=Period.WEEKLY, now=now).count(Status.ON_TRACK)
        0
    """
    since = now - timedelta(days=period.days)
    lines = sorted(
        (digest_line(goal, period, now) for goal in goals),
        key=lambda line: (LISTING_ORDER.index(line.status), line.title.casefold(), line.goal_id),
    )
    counts = tuple(
        (status, sum(1 for line in lines if line.status is status)) for status in LISTING_ORDER
    )
    by_id = {goal.goal_id: goal for goal in goals}
    return Digest(
        period=period,
        since=since,
        now=now,
        counts=counts,
        lines=tuple(lines),
        wins=_wins(lines),
        losses=_losses(lines),
        opportunities=_opportunities(lines, by_id, period),
        not_checked_in=_not_checked_in(goals, lines, since),
    )


def digest_line(goal: TrackedGoal, period: Period, now: datetime) -> DigestLine:
    """One goal's line, as the digest writes it and lists (the App Home, `/goals list`) show it."""
    figures = goal.figures
    state, seen = assess_series(figures, goal.points, now)
    change = _period_change(figures, seen, period, now)
    return DigestLine(
        goal_id=goal.goal_id,
        title=goal.title,
        owner_id=goal.owner_id,
        status=state.status,
        value=_value_vs_target(goal, state),
        change=change,
        unit=figures.unit,
        currency=goal.currency,
        gain=_gain(change, state, figures),
        progress=state,
        target=figures.target,
        per=figures.period,
    )


def _period_change(
    figures: GoalFigures, points: list[Point], period: Period, now: datetime
) -> Change | None:
    """The change since the value known a period ago, in the goal's `series` (`points`);
    the baseline counts as known.

    A goal younger than the period is compared with its baseline at the start.
    """
    change = change_in(points, now=now, days=period.days)
    starts_at_baseline = (
        figures.baseline is not None and bool(points) and points[0].at == figures.start
    )
    if change is None and starts_at_baseline and figures.start > now - timedelta(days=period.days):
        return last_change([points[0], points[-1]]) if len(points) > 1 else None
    return change


def _quantity(goal: TrackedGoal, value: Decimal) -> str:
    return format_quantity(Quantity(value, goal.figures.unit, goal.currency), compact=True)


def _value_vs_target(goal: TrackedGoal, state: GoalProgress) -> str:
    target = _quantity(goal, goal.figures.target) + per_period(goal.figures.period)
    if state.current is None:
        return f"– / {target}"
    return f"{_quantity(goal, state.current)} / {target}"


def _gain(change: Change | None, state: GoalProgress, figures: GoalFigures) -> Decimal | None:
    if change is None:
        return None
    before = progress(state.baseline, figures.target, change.then_value, figures.direction)
    after = progress(state.baseline, figures.target, change.now_value, figures.direction)
    if before is None or after is None:
        return None
    return after - before


def _wins(lines: Sequence[DigestLine]) -> tuple[Highlight, ...]:
    achieved = [
        Highlight(line, Reason.TARGET_REACHED) for line in lines if line.status is Status.ACHIEVED
    ]
    gainers = sorted(
        (
            line
            for line in lines
            if line.status is not Status.ACHIEVED and line.gain is not None and line.gain > 0
        ),
        key=lambda line: (-(line.gain or Decimal(0)), line.goal_id),
    )[:TOP_GAINS]
    return tuple(achieved + [Highlight(line, Reason.GAINING) for line in gainers])


def _losses(lines: Sequence[DigestLine]) -> tuple[Highlight, ...]:
    found: list[Highlight] = []
    for line in lines:
        if line.status is Status.OFF_TRACK:
            found.append(Highlight(line, Reason.OFF_TRACK))
        elif line.status is Status.MISSED:
            found.append(Highlight(line, Reason.MISSED))
    named = {h.goal_id for h in found}
    found += [
        Highlight(line, Reason.FALLING)
        for line in lines
        if line.goal_id not in named and line.gain is not None and line.gain < 0
    ]
    return tuple(found)


def _opportunities(
    lines: Sequence[DigestLine], goals: dict[int, TrackedGoal], period: Period
) -> tuple[Highlight, ...]:
    found: list[Highlight] = []
    for line in lines:
        state = line.progress
        goal = goals[line.goal_id]
        if (
            line.status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
            and state.progress is not None
            and CLOSE_TO_TARGET <= state.progress < 1
        ):
            still = goal.figures.target - (state.current or Decimal(0))
            found.append(Highlight(line, Reason.CLOSE, still))
        elif line.status is Status.AT_RISK:
            needed = (
                state.required_per_week if period is Period.WEEKLY else state.required_per_month
            )
            if needed is not None:
                if goal.figures.unit is Unit.COUNT:  # nobody gains 0.23 of a follower
                    needed = needed.quantize(Decimal(1), ROUND_UP)
                found.append(Highlight(line, Reason.RECOVERY_PACE, needed))
    return tuple(found)


def _not_checked_in(
    goals: Sequence[TrackedGoal], lines: Sequence[DigestLine], since: datetime
) -> tuple[str, ...]:
    # Done goals need no more check-ins, so their owners are not chased. A goal's latest
    # check-in up to `now` says whether it had one since: no walk through its points.
    chased = {
        line.goal_id: line.progress.last_at
        for line in lines
        if line.status not in (Status.ACHIEVED, Status.MISSED)
    }
    owners = {
        goal.owner_id
        for goal in goals
        if goal.owner_id and goal.goal_id in chased and not _after(chased[goal.goal_id], since)
    }
    return tuple(sorted(owners))


def _after(moment: datetime | None, since: datetime) -> bool:
    return moment is not None and moment > since
