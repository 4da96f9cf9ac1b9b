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
from bot.core.dates import end_of_day
from bot.core.interview.words import metric_name, per_in, place_name, shown_day
from bot.core.kpis import MetricKey
from bot.core.period import counted_per
from bot.core.values import Direction, GoalKind, Unit
from bot.services.schedules import set_goal_schedule
from storage import repo
from storage.models import Goal
from storage.reminders import first_reminder_at
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


@dataclass(frozen=True, slots=True)
class Saving:
    """What saving an interview needs beside it: the open session, the workspace, the
    moment, the zone its dates were read in, and how to find the owner's time zone."""

    session: Session
    team_id: str
    now: datetime
    zone: ZoneInfo
    timezone_of: TimezoneOf


def origin_key(token: str) -> str:
    """The origin key of an interview's goal: a second save finds it instead of a copy."""
    return f"interview:{token}"


def save_interview(saving: Saving, interview: core.Interview, token: str) -> SavedGoal:
    """Create the interview's goal (or objective and key results) once, and its schedules."""
    session, team_id = saving.session, saving.team_id
    origin = origin_key(token)
    existing = repo.find_goal_by_origin(session=session, team_id=team_id, origin_key=origin)
    if existing is None:
        try:
            with session.begin_nested():
                existing = _create(saving, interview, origin)
        except IntegrityError:  # a second click won the race; show its goal
            existing = repo.find_goal_by_origin(session=session, team_id=team_id, origin_key=origin)
    assert existing is not None and existing.id is not None
    cadence = core.cadence_of(interview, saving.timezone_of(interview.owner or interview.user_id))
    # The saved schedule's own time, which already keeps off the owner's days off.
    first = first_reminder_at(session=session, team_id=team_id, goal_id=existing.id)
    return SavedGoal(
        goal_id=existing.id,
        title=existing.title,
        lines=core.summarise(interview, tz=saving.zone),
        first_checkin=first.astimezone(ZoneInfo(cadence.tz)) if first and cadence else None,
    )


def _create(saving: Saving, interview: core.Interview, origin: str) -> Goal:
    owner = interview.owner or interview.user_id
    # Looked up before writing: finding it may cache it through a session of its own.
    cadence = core.cadence_of(interview, saving.timezone_of(owner))
    deadline = interview.deadline
    common: dict[str, object] = {
        "why": interview.why or "",
        "category": interview.category,
        "platform": interview.platform,
        "deadline": end_of_day(deadline, saving.zone) if deadline else None,
        "owner_id": owner,
        "channel_id": interview.channel,
        "team": interview.team,
        "created_by": interview.user_id,
        "start_at": saving.now,
    }
    measured: list[Goal] = []
    if interview.mode is core.Mode.OKR:
        head = _create_goal(
            saving,
            {
                "title": interview.objective or interview.tr._("Objective"),
                "kind": GoalKind.OBJECTIVE,
                "origin_key": origin,
                **common,
            },
        )
        for index, measure in enumerate(interview.measures):
            key_result = {
                **common,
                "platform": core.where_of(interview, index)[0],
                "kind": GoalKind.KEY_RESULT,
                "objective_id": head.id,
                "origin_key": f"{origin}:kr{index + 1}",
            }
            measured.append(_create_measured(saving, interview, measure, key_result))
    else:
        goal = {**common, "kind": GoalKind.GOAL, "origin_key": origin}
        head = _create_measured(saving, interview, interview.measure, goal)
        measured.append(head)
    if cadence is not None:
        for each in measured:
            set_goal_schedule(
                session=saving.session, goal=each, owner_id=owner, cadence=cadence, now=saving.now
            )
    return head


def _create_measured(
    saving: Saving,
    interview: core.Interview,
    measure: core.Measure,
    fields: Mapping[str, object],
) -> Goal:
    """A goal or key result measuring `measure`, with `fields` (kind, origin...) besides."""
    return _create_goal(
        saving,
        {
            "title": _title(measure, interview),
            "metric": measure.metric_key or MetricKey.CUSTOM,
            "metric_name": measure.metric_name or "",
            "unit": measure.unit or Unit.COUNT,
            "currency": measure.currency,
            "direction": measure.direction or Direction.INCREASE,
            "baseline": measure.baseline if measure.baseline_known else None,
            "target": measure.target,
            "period": counted_per(measure.period),
            **fields,
        },
    )


def _create_goal(saving: Saving, fields: Mapping[str, object]) -> Goal:
    return repo.create_goal(
        session=saving.session,
        team_id=saving.team_id,
        goal=GoalCreate.model_validate(fields),
        now=saving.now,
    )


def _title(measure: core.Measure, interview: core.Interview) -> str:
    """ "Followers to 480 on Instagram by 22 Dec 2026" (plain text, as people typed it), in
    the language the goal was set in, as if its maker had typed it."""
    tr, lang = interview.tr, interview.lang
    name = metric_name(measure, lang) or tr._("Goal")
    if measure.unit is Unit.MILESTONE:
        title = tr._("{metric} done").format(metric=name)
    else:
        target = core.amount(measure, measure.target, lang) + per_in(measure, tr)
        title = tr._("{metric} to {target}").format(metric=name, target=target)
    scope = measure.scope if measure.own_where else interview.scope
    if scope:
        title += tr._(" on {where}").format(where=place_name(scope, tr))
    if interview.deadline:
        title += tr._(" by {deadline}").format(deadline=shown_day(interview.deadline, lang))
    return title
