"""Goal management: list, show, edit and archive goals, with the check-in permissions.

Every goal is seen through the same digest line (bar, value vs target, change,
status) that the digest and App Home show, so the numbers agree everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from bot.core.digest import DigestLine, digest_line
from bot.core.goal_lookup import find_goals
from bot.core.okr_scores import objective_score
from bot.core.period import Period, PeriodSaid, counted_per
from bot.core.values import GoalKind, GoalState
from bot.services import Services
from bot.services.checkin_goals import goal_ref
from bot.services.permissions import Refusal, Refused, Requester, can_change, refusal
from bot.services.tracking import KeyResultScore, key_result_scores, track_goals
from storage import repo
from storage.checkins import recent_checkins
from storage.models import CheckIn, Goal
from storage.schemas import GoalUpdate

CHOICES = 10  # an ambiguous name lists at most this many goals to pick from


@dataclass(frozen=True)
class GoalRow:
    """A goal as lists show it: its stored fields and, when it has a plan, its digest line.

    `number` is what people see and type ("#3"); `goal_id` stays in buttons.
    """

    goal_id: int
    number: int
    title: str
    owner_id: str | None
    state: GoalState
    line: DigestLine | None
    objective: ObjectiveRow | None = None  # set for an OKR objective

    @classmethod
    def of(
        cls,
        goal: Goal,
        line: DigestLine | None = None,
        scores: dict[int, list[KeyResultScore]] | None = None,
    ) -> GoalRow:
        key_results = tuple((scores or {}).get(goal.id or 0, ()))
        objective = (
            ObjectiveRow(
                objective_score([kr.score for kr in key_results]), goal.deadline, key_results
            )
            if goal.kind == GoalKind.OBJECTIVE
            else None
        )
        return cls(
            goal.id or 0, goal.number, goal.title, goal.owner_id, goal.state, line, objective
        )


@dataclass(frozen=True)
class ObjectiveRow:
    """What a list shows of an objective: its OKR score (None: no key result), deadline,
    and the key results it is scored by."""

    score: Decimal | None
    deadline: datetime | None
    key_results: tuple[KeyResultScore, ...] = ()


@dataclass(frozen=True)
class Found:
    """The one goal a query named."""

    goal: GoalRow


@dataclass(frozen=True)
class Ambiguous:
    """Several goals fit the query: the person picks one."""

    candidates: tuple[GoalRow, ...]


@dataclass(frozen=True)
class NotFound:
    """No goal fits `query` (empty when none was named)."""

    query: str


Lookup = Found | Ambiguous | NotFound


@dataclass(frozen=True)
class GoalEdit:
    """The fields the edit modal changes; None leaves a field as it is ("total" for `period`
    makes the target a total again)."""

    title: str | None = None
    target: Decimal | None = None
    period: PeriodSaid | None = None
    deadline: datetime | None = None
    owner_id: str | None = None
    channel_id: str | None = None


def goal_rows(
    session: Session,
    team_id: str,
    now: datetime,
    *,
    states: tuple[GoalState, ...] = (GoalState.ACTIVE, GoalState.ACHIEVED),
) -> list[GoalRow]:
    """Every goal of the workspace in `states`, oldest first, each with its digest line."""
    return rows_of(
        session, team_id, repo.list_goals(session=session, team_id=team_id, states=states), now
    )


def rows_of(session: Session, team_id: str, goals: Sequence[Goal], now: datetime) -> list[GoalRow]:
    """These goals as lists show them, each with its digest line."""
    lines = lines_of(session, team_id, goals, now)
    scores = key_result_scores(session=session, team_id=team_id, goals=goals, now=now)
    return [GoalRow.of(g, lines.get(g.id or 0), scores) for g in goals]


def lines_of(
    session: Session, team_id: str, goals: Sequence[Goal], now: datetime
) -> dict[int, DigestLine]:
    """Each goal's line (for goals with a plan), from the check-ins of these goals alone.

    Each line is written alone: a list needs no digest composed around it.
    """
    tracked = track_goals(session=session, team_id=team_id, goals=goals)
    return {t.goal_id: digest_line(t, Period.WEEKLY, now) for t in tracked}


def list_goals(services: Services, *, team_id: str) -> list[GoalRow]:
    with services.session() as session:
        return goal_rows(session, team_id, services.now())


def lookup(services: Services, *, team_id: str, query: str) -> Lookup:
    """The goal `query` names among the active and achieved ones, as check-ins find goals.

    By number ("#3"), title, words of the title, metric or platform (see
    `bot.core.goal_lookup`); several matches come back for the person to pick.

    Example:
        >>> lookup(services, team_id="T1", query="#2")  # doctest: +SKIP
        Found(goal=GoalRow(goal_id=..., number=2, ...))
    """
    if not query.strip():
        return NotFound("")
    with services.session() as session:
        goals = repo.list_goals(
            session=session, team_id=team_id, states=(GoalState.ACTIVE, GoalState.ACHIEVED)
        )
        found = find_goals(query, [goal_ref(g) for g in goals])
        named = {ref.id for ref in found.matches[:CHOICES]}
        rows = rows_of(session, team_id, [g for g in goals if g.id in named], services.now())
    if len(rows) == 1:
        return Found(rows[0])
    if rows:
        return Ambiguous(tuple(rows))
    return NotFound(query)


def may_change(services: Services, by: Requester, *, goal_id: int) -> Refused | None:
    """None when the requester may edit or archive the goal; else who can."""
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=by.team_id, goal_id=goal_id)
        if goal is None:
            return Refused(Refusal.GOAL_GONE)
        return None if can_change(goal, by) else refusal(goal)


SHOWN_CHECKINS = 5
"""How many of a goal's latest check-ins `/goals show` lists."""


def latest_checkins(services: Services, *, team_id: str, goal_id: int) -> list[CheckIn]:
    """A goal's newest check-ins (value, when, where from), newest first, for `/goals show`."""
    with services.session() as session:
        rows = recent_checkins(
            session=session, team_id=team_id, goal_id=goal_id, limit=SHOWN_CHECKINS
        )
        session.expunge_all()
        return rows


def get_goal(services: Services, *, team_id: str, goal_id: int) -> Goal | None:
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        if goal is not None:
            session.expunge(goal)
        return goal


def archive_goal(services: Services, by: Requester, *, goal_id: int) -> GoalRow | Refused:
    """Archive a goal: it leaves digests, lists and App Home; its check-ins are kept."""
    refused = may_change(services, by, goal_id=goal_id)
    if refused:
        return refused
    with services.session() as session:
        goal = repo.update_goal(
            session=session,
            team_id=by.team_id,
            goal_id=goal_id,
            changes=GoalUpdate(state=GoalState.ARCHIVED),
            now=services.now(),
        )
        return GoalRow.of(goal)


def edit_goal(
    services: Services, by: Requester, *, goal_id: int, edit: GoalEdit
) -> GoalRow | Refused:
    """Change a goal's title, target, deadline, owner or channel (permissions as for check-ins)."""
    refused = may_change(services, by, goal_id=goal_id)
    if refused:
        return refused
    fields = {name: value for name, value in vars(edit).items() if value is not None}
    if edit.period is not None:
        fields["period"] = counted_per(edit.period)
    with services.session() as session:
        goal = repo.update_goal(
            session=session,
            team_id=by.team_id,
            goal_id=goal_id,
            changes=GoalUpdate.model_validate(fields),
            now=services.now(),
        )
        return GoalRow.of(goal)
