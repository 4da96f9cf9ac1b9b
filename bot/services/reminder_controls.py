"""What people do to their reminders: skip one, snooze, pause, go away until a date, come back.

This is the one place reminders are paused and resumed, whether from a reminder's
buttons, a `/goals` command or the App Home.

Each returns a `ReminderChange` that says when the next reminder comes, in the
schedule's own time zone, so nobody has to guess what "snoozed" means;
`bot.render.reminder_changes` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.dates import AmbiguousDate, parse_deadline
from bot.core.parse_error import ParseError
from bot.core.values import GoalState
from bot.services import Services
from bot.services.schedules import advance
from storage import repo
from storage.models import Delivery, ReminderSchedule
from storage.reminders import get_schedule, mark_answered, schedules_of_owner
from storage.schemas import MemberUpdate


class Did(StrEnum):
    """What happened to the reminders; `bot.render.reminder_changes` has the words."""

    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    SNOOZE_GONE = "snooze_gone"  # the reminder's schedule was deleted
    PAUSED = "paused"
    PAUSE_GONE = "pause_gone"  # the reminder's schedule was deleted
    PAUSED_ALL = "paused_all"  # `count` schedules; none to pause when 0
    AWAY = "away"
    AWAY_UNREADABLE = "away_unreadable"  # `problem` says why the date could not be read
    AWAY_NOT_LATER = "away_not_later"  # `until` is today or earlier
    BACK = "back"  # `count` schedules on again; none when 0
    GOAL_GONE = "goal_gone"  # the goal of a reminder's button


@dataclass(frozen=True, slots=True)
class ReminderChange:
    """What a person did to their reminders, and when the next one comes.

    `next_at` is the next reminder (None when none is scheduled), shown in `zone`.
    """

    did: Did
    count: int = 0
    next_at: datetime | None = None
    zone: str = "UTC"
    until: date | None = None
    problem: str = ""


def schedule_of(session: Session, delivery: Delivery) -> ReminderSchedule | None:
    """The schedule a reminder message was sent for."""
    if delivery.schedule_id is None:
        return None
    return get_schedule(session=session, team_id=delivery.team_id, schedule_id=delivery.schedule_id)


def next_reminder(did: Did, row: ReminderSchedule | None, *, count: int = 0) -> ReminderChange:
    """`did`, with the next reminder of `row` in the schedule's time zone."""
    if row is None or not row.active or row.next_run_at is None:
        return ReminderChange(did, count=count)
    return ReminderChange(did, count=count, next_at=row.next_run_at, zone=row.timezone)


def skip_once(session: Session, delivery: Delivery) -> ReminderChange:
    """Nothing this time; the schedule already points at the next occurrence."""
    row = schedule_of(session, delivery)
    if row is not None:
        mark_answered(row)
    return next_reminder(Did.SKIPPED, row)


def snooze(
    session: Session, services: Services, delivery: Delivery, *, days: int
) -> ReminderChange:
    """Ask again in `days` days, at this same time of day."""
    row = schedule_of(session, delivery)
    if row is None:
        return ReminderChange(Did.SNOOZE_GONE)
    now = services.now()
    mark_answered(row)
    row.snoozed_until = row.next_run_at = now + timedelta(days=days)
    row.active, row.updated_at = True, now
    return next_reminder(Did.SNOOZED, row)


def pause(
    session: Session, services: Services, delivery: Delivery, *, user_id: str
) -> ReminderChange:
    """Stop this goal's reminders until its owner comes back (`/goals back`)."""
    row = schedule_of(session, delivery)
    if row is None:
        return ReminderChange(Did.PAUSE_GONE)
    _pause_row(row, user_id=user_id, now=services.now())
    return ReminderChange(Did.PAUSED)


def pause_all(services: Services, *, team_id: str, user_id: str) -> ReminderChange:
    """Stop every reminder of this person's goals until they come back (`/goals back`).

    Example:
        >>> pause_all(services, team_id="T1", user_id="U1").count  # doctest: +SKIP
        2
    """
    now = services.now()
    with services.session() as session:
        running = [
            row
            for row in schedules_of_owner(session=session, team_id=team_id, owner_id=user_id)
            if row.active
        ]
        for row in running:
            _pause_row(row, user_id=user_id, now=now)
    return ReminderChange(Did.PAUSED_ALL, count=len(running))


def _pause_row(row: ReminderSchedule, *, user_id: str, now: datetime) -> None:
    # Who paused, as a plain code and id: the words (and the mention) are written when shown.
    row.active, row.paused_reason, row.updated_at = False, f"paused_by:{user_id}", now
    mark_answered(row)  # no nudges about a paused goal, now or once it runs again


def go_away(
    services: Services, *, team_id: str, user_id: str, text: str, tz: str
) -> ReminderChange:
    """`/goals away until Jan 5`: none of this person's reminders until that day.

    Reminders that fall due meanwhile are recorded as skipped, and the schedule
    moves to its first occurrence on or after the return day.
    """
    typed = text.strip()
    for word in ("until", "till", "til"):
        if typed.casefold().startswith(word + " "):
            typed = typed[len(word) :].strip()
    now = services.now()
    zone = ZoneInfo(tz)
    back = parse_deadline(typed, now=now, tz=zone)
    if isinstance(back, AmbiguousDate | ParseError):
        return ReminderChange(Did.AWAY_UNREADABLE, problem=back.message)
    if back <= now.astimezone(zone).date():
        return ReminderChange(Did.AWAY_NOT_LATER, until=back)
    until = datetime.combine(back, time(0, 0), tzinfo=zone)
    with services.session() as session:
        repo.upsert_member(
            session=session,
            team_id=team_id,
            user_id=user_id,
            now=now,
            changes=MemberUpdate(away_until=until),
        )
    return ReminderChange(Did.AWAY, until=back)


def come_back(services: Services, *, team_id: str, user_id: str) -> ReminderChange:
    """`/goals back`: end time away and turn this person's reminders on again.

    Schedules paused by a button or by a Slack error resume; every schedule of a
    goal still running points again at its next regular occurrence.
    """
    now = services.now()
    resumed: list[ReminderSchedule] = []
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if member is not None:
            member.away_until = None
        for row in schedules_of_owner(session=session, team_id=team_id, owner_id=user_id):
            goal = repo.get_goal(session=session, team_id=team_id, goal_id=row.goal_id)
            if (
                goal is None
                or goal.state != GoalState.ACTIVE
                or (goal.deadline and goal.deadline < now)
            ):
                continue
            row.active, row.paused_reason, row.updated_at = True, None, now
            advance(session, row, after=now)
            resumed.append(row)
        if not resumed:
            return ReminderChange(Did.BACK)
        first = min(resumed, key=lambda r: r.next_run_at or now)
        return next_reminder(Did.BACK, first, count=len(resumed))
