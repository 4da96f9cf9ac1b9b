"""Saving a confirmed goal interview: the goal (or objective and key results) and schedules.

Saved under the origin key "interview:<token>", so a double click or a retried
event finds the goal already there instead of saving a second one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.core import interview as core
from bot.core.cadence import Cadence
from bot.core.cadence.occurrences import next_occurrence
from bot.core.dates import end_of_day, format_date
from bot.core.kpis import MetricKey
from bot.core.values import Direction, GoalKind, Unit
from bot.services.schedules import set_goal_schedule
from storage import repo
from storage.models import Goal
from storage.schemas import GoalCreate

TimezoneOf = Callable[[str], str]
"""Looks up a person's IANA time zone by user id (the owner's, for reminders)."""


@dataclass(frozen=True, slots=True)
class SavedGoal:
    """The card shown once a goal is saved; lines are mrkdwn-safe."""

    goal_id: int
    title: str
    lines: tuple[str, ...]
    first_checkin: datetime | None  # the first reminder, in its schedule's time zone


def origin_key(token: str) -> str:
    """The origin key of an interview's goal: a second save finds it instead of a copy."""
    return f"interview:{token}"


def save_interview(
    session: Session,
    team_id: str,
    interview: core.Interview,
    token: str,
    zone: ZoneInfo,
    timezone_of: TimezoneOf,
    now: datetime,
) -> SavedGoal:
    """Create the interview's goal (or objective and key results) once, and its schedules."""
    origin = origin_key(token)
    existing = repo.find_goal_by_origin(session=session, team_id=team_id, origin_key=origin)
    if existing is None:
        try:
            with session.begin_nested():
                existing = _create(session, team_id, interview, origin, zone, timezone_of, now)
        except IntegrityError:  # a second click won the race; show its goal
            existing = repo.find_goal_by_origin(session=session, team_id=team_id, origin_key=origin)
    assert existing is not None and existing.id is not None
    cadence = core.cadence_of(interview, timezone_of(interview.owner or interview.user_id))
    first = next_occurrence(cadence, now) if cadence else None
    return SavedGoal(
        goal_id=existing.id,
        title=existing.title,
        lines=core.summarise(interview, tz=zone),
        first_checkin=first.astimezone(ZoneInfo(cadence.tz)) if first and cadence else None,
    )


def _create(
    session: Session,
    team_id: str,
    interview: core.Interview,
    origin: str,
    zone: ZoneInfo,
    timezone_of: TimezoneOf,
    now: datetime,
) -> Goal:
    owner = interview.owner or interview.user_id
    owner_tz = timezone_of(owner)
    common: dict[str, object] = {
        "why": interview.why or "",
        "category": interview.category,
        "platform": interview.platform,
        "deadline": end_of_day(interview.deadline, zone) if interview.deadline else None,
        "owner_id": owner,
        "channel_id": interview.channel,
        "created_by": interview.user_id,
        "start_at": now,
    }
    measured: list[Goal] = []
    if interview.mode is core.Mode.OKR:
        head = repo.create_goal(
            session=session,
            team_id=team_id,
            goal=GoalCreate.model_validate(
                {
                    "title": interview.objective or "Objective",
                    "kind": GoalKind.OBJECTIVE,
                    "origin_key": origin,
                    **common,
                }
            ),
            now=now,
        )
        for index, measure in enumerate(interview.measures):
            measured.append(
                _create_measured(
                    session,
                    team_id,
                    measure,
                    now,
                    common,
                    kind=GoalKind.KEY_RESULT,
                    origin=f"{origin}:kr{index + 1}",
                    objective_id=head.id,
                    interview=interview,
                )
            )
    else:
        head = _create_measured(
            session,
            team_id,
            interview.measure,
            now,
            common,
            kind=GoalKind.GOAL,
            origin=origin,
            objective_id=None,
            interview=interview,
        )
        measured.append(head)
    cadence = core.cadence_of(interview, owner_tz)
    if cadence is not None:
        for goal in measured:
            _schedule(session, team_id, goal, owner, cadence, now)
    return head


def _create_measured(
    session: Session,
    team_id: str,
    measure: core.Measure,
    now: datetime,
    common: Mapping[str, object],
    *,
    interview: core.Interview,
    kind: GoalKind,
    origin: str,
    objective_id: int | None,
) -> Goal:
    fields = {
        "title": _title(measure, interview),
        "kind": kind,
        "origin_key": origin,
        "objective_id": objective_id,
        "metric": measure.metric_key or MetricKey.CUSTOM,
        "metric_name": measure.metric_name or "",
        "unit": measure.unit or Unit.COUNT,
        "currency": measure.currency,
        "direction": measure.direction or Direction.INCREASE,
        "baseline": measure.baseline if measure.baseline_known else None,
        "target": measure.target,
        **common,
    }
    return repo.create_goal(
        session=session, team_id=team_id, goal=GoalCreate.model_validate(fields), now=now
    )


def _title(measure: core.Measure, interview: core.Interview) -> str:
    """ "Followers to 480 on Instagram by 22 Dec 2026" (plain text, as people typed it)."""
    name = measure.metric_name or "Goal"
    if measure.unit is Unit.MILESTONE:
        title = f"{name} done"
    else:
        title = f"{name} to {core.amount(measure, measure.target)}"
    if interview.scope:
        title += f" on {interview.scope}"
    if interview.deadline:
        title += f" by {format_date(interview.deadline)}"
    return title


def _schedule(
    session: Session, team_id: str, goal: Goal, owner: str, cadence: Cadence, now: datetime
) -> None:
    assert goal.id is not None
    set_goal_schedule(
        session=session, team_id=team_id, goal_id=goal.id, owner_id=owner, cadence=cadence, now=now
    )
