"""Nudges after a reminder: one follow-up while it is unanswered, and a word to the owner's
manager after several missed check-ins in a row; both only inside the recipient's hours.

The bookkeeping lives on the reminder's schedule row. Sending a reminder notes it
(`note_reminder_sent`): a previous one still unanswered counts as missed, a follow-up
falls due when the workspace asks for one, and reaching the workspace's count of misses
makes the escalation due, once per streak. A check-in (any, after the reminder), a skip
or a snooze answers it (`storage.reminders.mark_answered`); follow-ups and escalations
look again when they fall due, so nothing goes out after an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.core.quiet_hours import sending_hours
from bot.services.checkin_goals import asked_goals
from bot.services.goal_admin import GoalRow, rows_of
from storage import repo
from storage.checkins import checked_in_since
from storage.models import Goal, ReminderSchedule
from storage.reminders import admin_ids, nudge_settings


def answered(session: Session, row: ReminderSchedule, goal: Goal | None) -> bool:
    """True when the last reminder of `row` has had its answer (or there is none pending)."""
    if row.reminded_at is None:
        return True
    goal_ids = [g.id or 0 for g in asked_goals(session, goal)]
    return bool(goal_ids) and checked_in_since(
        session=session, team_id=row.team_id, goal_ids=goal_ids, since=row.reminded_at
    )


def note_reminder_sent(
    session: Session, row: ReminderSchedule, goal: Goal | None, *, due_at: datetime
) -> None:
    """Count a reminder sent for the occurrence `due_at` (once, however often it is told)."""
    if row.reminded_at is not None and row.reminded_at >= due_at:
        return  # noted already (a replica, or a retried outcome)
    if answered(session, row, goal):
        row.missed, row.streak_since = 0, None
    else:
        row.streak_since = row.streak_since or row.reminded_at
        row.missed += 1
    row.reminded_at = due_at
    minutes, escalate_after = nudge_settings(session=session, team_id=row.team_id)
    row.follow_up_at = due_at + timedelta(minutes=minutes) if minutes else None
    row.escalate_at = due_at if escalate_after and row.missed == escalate_after else None


def recipient_hours_start(
    session: Session, *, team_id: str, user_id: str, zone: str, moment: datetime
) -> datetime:
    """`moment`, or the start of `user_id`'s next sending hours when it falls outside them."""
    member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
    hours = sending_hours(member.quiet_hours if member else None)
    return hours.next_allowed(moment, (member.timezone if member else None) or zone)


def manager_of(session: Session, *, team_id: str, owner_id: str) -> str | None:
    """Who hears about `owner_id`'s missed check-ins: their manager, else a workspace admin
    (never the owner themself)."""
    member = repo.get_member(session=session, team_id=team_id, user_id=owner_id)
    if member is not None and member.manager_id and member.manager_id != owner_id:
        return member.manager_id
    return next((a for a in admin_ids(session=session, team_id=team_id) if a != owner_id), None)


@dataclass(frozen=True, slots=True)
class Escalation:
    """What a manager is told: whose check-ins stopped, how many, and the goal's status."""

    owner_id: str
    missed: int
    goal: GoalRow


def escalation(session: Session, row: ReminderSchedule, goal: Goal, now: datetime) -> Escalation:
    """The escalation for a schedule whose owner missed `row.missed` check-ins in a row."""
    status = rows_of(session, row.team_id, [goal], now)[0]
    return Escalation(goal.owner_id or row.owner_id or "", row.missed, status)
