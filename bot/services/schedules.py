"""Reminder schedules as rows: a goal's cadence stored, read back, and its next due time.

The row is the source of truth; `next_run_at` (aware UTC) is what the delivery
runner looks at, so it is always recomputed here from the cadence in the owner's
local time, never by adding fixed hours (that would drift across DST).
"""

from __future__ import annotations

from datetime import datetime, time

from sqlmodel import Session, select

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.occurrences import next_occurrence
from storage.models import ReminderSchedule
from storage.repo import scoped_team

LAST_DAY = -1  # how "the last day of the month" is stored in day_of_month


def cadence_of(row: ReminderSchedule) -> Cadence:
    """The cadence a schedule row describes."""
    hour, minute = (int(part) for part in row.local_time.split(":"))
    weekdays = tuple(int(d) for d in row.weekdays.split(",") if d.strip())
    kind = CadenceKind(row.frequency)
    day = row.day_of_month
    return Cadence(
        kind=kind,
        weekdays=weekdays if kind in (CadenceKind.WEEKLY, CadenceKind.EVERY_N_WEEKS) else (),
        interval_weeks=row.interval_weeks,
        anchor=row.anchor_date,
        day_of_month=("last" if day == LAST_DAY else day) if kind == CadenceKind.MONTHLY else None,
        at=time(hour, minute),
        tz=row.timezone,
    )


def _store_cadence(row: ReminderSchedule, cadence: Cadence) -> None:
    row.frequency = cadence.kind.value
    row.weekdays = ",".join(str(d) for d in cadence.weekdays)
    row.interval_weeks = cadence.interval_weeks
    row.anchor_date = cadence.anchor
    row.day_of_month = LAST_DAY if cadence.day_of_month == "last" else cadence.day_of_month
    row.local_time = cadence.at.strftime("%H:%M")
    row.timezone = cadence.tz


def get_goal_schedule(*, session: Session, team_id: str, goal_id: int) -> ReminderSchedule | None:
    query = select(ReminderSchedule).where(
        ReminderSchedule.team_id == scoped_team(team_id), ReminderSchedule.goal_id == goal_id
    )
    return session.exec(query).first()


def set_goal_schedule(
    *,
    session: Session,
    team_id: str,
    goal_id: int,
    owner_id: str | None,
    cadence: Cadence,
    now: datetime,
) -> ReminderSchedule:
    """Create or replace a goal's reminder schedule; the first reminder is the next occurrence.

    Example:
        >>> set_goal_schedule(session=s, team_id="T1", goal_id=7, owner_id="U1",
        ...                   cadence=Cadence(CadenceKind.WEEKLY, weekdays=(0,)), now=now)
    """
    row = get_goal_schedule(session=session, team_id=team_id, goal_id=goal_id)
    if row is None:
        row = ReminderSchedule(team_id=team_id, goal_id=goal_id, created_at=now, updated_at=now)
        session.add(row)
    _store_cadence(row, cadence)
    row.owner_id = owner_id
    row.active = True
    row.paused_reason = None
    row.next_run_at = next_occurrence(cadence, now)
    row.updated_at = now
    session.flush()
    return row


def advance(row: ReminderSchedule, *, after: datetime) -> datetime:
    """Move a schedule to its first occurrence after `after` and return it."""
    row.next_run_at = next_occurrence(cadence_of(row), after)
    return row.next_run_at
