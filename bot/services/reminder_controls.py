"""What people do to their reminders: skip one, snooze, pause, go away until a date, come back.

This is the one place reminders are paused and resumed, whether from a reminder's
buttons, a `/goals` command or the App Home.

Each answer says when the next reminder comes, in the schedule's own time zone,
so nobody has to guess what "snoozed" means.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.dates import AmbiguousDate, format_date, parse_deadline
from bot.core.numbers import ParseError
from bot.services import Services
from bot.services.schedules import advance
from storage import repo
from storage.models import Delivery, ReminderSchedule
from storage.reminders import get_schedule, schedules_of_owner

AWAY_EXAMPLE = "/goals away until Jan 5"


def schedule_of(session: Session, delivery: Delivery) -> ReminderSchedule | None:
    """The schedule a reminder message was sent for."""
    if not delivery.target.startswith("schedule:"):
        return None
    schedule_id = int(delivery.target.removeprefix("schedule:"))
    return get_schedule(session=session, team_id=delivery.team_id, schedule_id=schedule_id)


def next_reminder_text(row: ReminderSchedule) -> str:
    """When the next reminder comes, in the schedule's time zone.

    Example:
        >>> next_reminder_text(row)  # doctest: +SKIP
        'Mon 30 Nov 2026 at 09:00 (Europe/Bucharest)'
    """
    if not row.active or row.next_run_at is None:
        return "not scheduled"
    local = row.next_run_at.astimezone(ZoneInfo(row.timezone))
    return f"{local:%a} {format_date(local.date())} at {local:%H:%M} ({row.timezone})"


def skip_once(session: Session, delivery: Delivery) -> str:
    """Nothing this time; the schedule already points at the next occurrence."""
    row = schedule_of(session, delivery)
    when = next_reminder_text(row) if row is not None else "not scheduled"
    return f"OK, nothing this time. Next reminder: {when}."


def snooze(session: Session, services: Services, delivery: Delivery, *, days: int) -> str:
    """Ask again in `days` days, at this same time of day."""
    row = schedule_of(session, delivery)
    if row is None:
        return "This reminder's schedule is gone, so there is nothing to snooze."
    now = services.now()
    row.snoozed_until = row.next_run_at = now + timedelta(days=days)
    row.active, row.updated_at = True, now
    return f"Snoozed. I'll ask again {next_reminder_text(row)}."


def pause(session: Session, services: Services, delivery: Delivery, *, user_id: str) -> str:
    """Stop this goal's reminders until its owner comes back (`/goals back`)."""
    row = schedule_of(session, delivery)
    if row is None:
        return "This reminder's schedule is gone already."
    _pause_row(row, user_id=user_id, now=services.now())
    return "Reminders for this goal are paused. `/goals back` turns them on again."


def pause_all(services: Services, *, team_id: str, user_id: str) -> str:
    """Stop every reminder of this person's goals until they come back (`/goals back`).

    Example:
        >>> pause_all(services, team_id="T1", user_id="U1")  # doctest: +SKIP
        'Paused reminders for 2 goals. `/goals back` turns them on again.'
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
    if not running:
        return "You have no running reminders to pause."
    count = "1 goal" if len(running) == 1 else f"{len(running)} goals"
    return f"Paused reminders for {count}. `/goals back` turns them on again."


def _pause_row(row: ReminderSchedule, *, user_id: str, now: datetime) -> None:
    # Who paused, as a plain code and id: the words (and the mention) are written when shown.
    row.active, row.paused_reason, row.updated_at = False, f"paused_by:{user_id}", now


def go_away(services: Services, *, team_id: str, user_id: str, text: str, tz: str) -> str:
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
    if isinstance(back, AmbiguousDate):
        return f"{back.message} For example: `{AWAY_EXAMPLE}`."
    if isinstance(back, ParseError):
        return f"{back.message} For example: `{AWAY_EXAMPLE}`."
    if back <= now.astimezone(zone).date():
        return f"{format_date(back)} is not in the future. For example: `{AWAY_EXAMPLE}`."
    until = datetime.combine(back, time(0, 0), tzinfo=zone)
    with services.session() as session:
        repo.upsert_member(session=session, team_id=team_id, user_id=user_id, now=now)
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        assert member is not None
        member.away_until = until
    return (
        f"Enjoy your time away. No reminders until {format_date(back)}; "
        "`/goals back` turns them on sooner."
    )


def come_back(services: Services, *, team_id: str, user_id: str) -> str:
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
            if goal is None or goal.state != "active" or (goal.deadline and goal.deadline < now):
                continue
            row.active, row.paused_reason, row.updated_at = True, None, now
            advance(row, after=now)
            resumed.append(row)
        if not resumed:
            return "Welcome back. You have no running goals to remind you of."
        first = min(resumed, key=lambda r: r.next_run_at or now)
        count = "1 goal" if len(resumed) == 1 else f"{len(resumed)} goals"
        return (
            f"Welcome back. Reminders are on for {count}; "
            f"the next one: {next_reminder_text(first)}."
        )
