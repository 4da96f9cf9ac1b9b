"""Stored goals turned into the plain figures the progress analytics read.

Digests, charts, App Home and `/goals show` all see a goal the same way: its
figures (baseline, target, direction, start, deadline, unit) and its check-ins.
A goal without a target or a deadline has no plan to measure against, so it is
left out of anything that compares progress with the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from sqlmodel import Session

from bot.core.digest import TrackedGoal
from bot.core.okr_scores import kr_score, objective_score
from bot.core.period import Period
from bot.core.progress import GoalFigures, assess
from bot.core.trend import Point
from bot.core.values import Direction, GoalKind, Unit
from bot.core.workdays import WorkCalendar, calendar_from_spec
from storage.checkins import key_results_of
from storage.models import CheckIn, Goal
from storage.progress import points_by_goal


class Planned(Protocol):
    """What a goal's plan is read from: a stored `Goal`, or just its columns
    (`storage.questions.GoalPlan`) when thousands of statuses are worked out at once."""

    @property
    def baseline(self) -> Decimal | None: ...
    @property
    def target(self) -> Decimal | None: ...
    @property
    def direction(self) -> Direction: ...
    @property
    def start_at(self) -> datetime: ...
    @property
    def deadline(self) -> datetime | None: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def period(self) -> Period | None: ...
    @property
    def plan_workdays(self) -> str | None: ...


def goal_figures(goal: Planned, *, deadline: datetime | None = None) -> GoalFigures | None:
    """The plan progress is measured against; None without a target or a deadline.

    Every feature that says where a goal stands (check-in answers, questions,
    digests, charts, the App Home) reads a goal through this one function.
    `deadline` stands in when the goal has none (a key result's objective's).

    Example:
        >>> goal_figures(Goal(id=1, team_id="T", title="Reach 60k")) is None
        True
    """
    deadline = goal.deadline or deadline
    if goal.target is None or deadline is None:
        return None
    return GoalFigures(
        baseline=goal.baseline,
        target=goal.target,
        direction=goal.direction,
        start=goal.start_at,
        deadline=deadline,
        unit=goal.unit,
        calendar=plan_calendar(goal),
        period=goal.period,
    )


def plan_calendar(goal: Planned) -> WorkCalendar | None:
    """The working days a goal's plan counts (`/goals workdays #3 on`), None: every day."""
    return calendar_from_spec(goal.plan_workdays) if goal.plan_workdays else None


def goal_points(checkins: Sequence[CheckIn]) -> tuple[Point, ...]:
    """A goal's check-ins as the progress analytics read them, in the order given."""
    return tuple(Point(c.at, c.value) for c in checkins)


def tracked_goal(goal: Goal, points: Sequence[Point]) -> TrackedGoal | None:
    """The goal as progress analytics see it; None without a target or a deadline.

    Example:
        >>> tracked_goal(Goal(id=1, team_id="T", title="Reach 60k"), []) is None
        True
    """
    figures = goal_figures(goal)
    if figures is None or not has_plan(goal):
        return None
    return TrackedGoal(
        goal_id=goal.id or 0,
        title=goal.title,
        owner_id=goal.owner_id,
        figures=figures,
        points=tuple(points),
        currency=goal.currency,
    )


def has_plan(goal: Goal) -> bool:
    """Whether progress analytics track the goal (`tracked_goal` is not None): a target, a
    deadline, and a metric of its own (an objective is scored through its key results)."""
    return goal_figures(goal) is not None and goal.kind != GoalKind.OBJECTIVE


@dataclass(frozen=True, slots=True)
class KeyResultScore:
    """One key result as its objective's card shows it: progress (None before any
    value) and OKR score."""

    number: int
    title: str
    progress: Decimal | None
    score: Decimal


def key_result_scores(
    *, session: Session, team_id: str, goals: Sequence[Goal], now: datetime
) -> dict[int, list[KeyResultScore]]:
    """The scored key results of each objective among `goals`, oldest first.

    A key result without a deadline of its own is measured against its objective's;
    one without a target has no plan and is left out. Two queries however many
    objectives: their active key results, then those's check-ins.
    """
    objectives = {g.id: g for g in goals if g.kind == GoalKind.OBJECTIVE and g.id is not None}
    if not objectives:
        return {}
    results = key_results_of(session=session, team_id=team_id, objective_ids=list(objectives))
    points_of = points_by_goal(
        session=session,
        team_id=team_id,
        goal_ids=[g.id for g in results if g.id is not None],
        point=Point,
    )
    scored: dict[int, list[KeyResultScore]] = {i: [] for i in objectives}
    for result in results:
        objective = objectives[result.objective_id or 0]
        figures = goal_figures(result, deadline=objective.deadline)
        if figures is None:
            continue
        state = assess(figures, points_of.get(result.id or 0, []), now)
        scored[objective.id or 0].append(
            KeyResultScore(result.number, result.title, state.progress, kr_score(state.progress))
        )
    return scored


def objective_scores(
    *, session: Session, team_id: str, goals: Sequence[Goal], now: datetime
) -> dict[int, Decimal | None]:
    """The OKR score of each objective among `goals` (None without a key result to score)."""
    scored = key_result_scores(session=session, team_id=team_id, goals=goals, now=now)
    return {i: objective_score([kr.score for kr in krs]) for i, krs in scored.items()}


def track_goals(*, session: Session, team_id: str, goals: Sequence[Goal]) -> list[TrackedGoal]:
    """The goals that have a plan, with their check-ins loaded in one query."""
    points_of = points_by_goal(
        session=session,
        team_id=team_id,
        goal_ids=[g.id for g in goals if g.id is not None],
        point=Point,
    )
    found = (tracked_goal(goal, points_of.get(goal.id or 0, [])) for goal in goals)
    return [tracked for tracked in found if tracked is not None]
