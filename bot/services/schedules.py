"""Reminder schedules as rows: a goal's cadence stored, read back, and its next due time.

The row is the source of truth; `next_run_at` (aware UTC) is what the delivery
runner looks at, so it is always recomputed here from the cadence in the owner's
local time, never by adding fixed hours (that would drift across DST).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.cadence import Cadence
from bot.core.dates import end_of_day
from bot.services.work_calendars import next_run
from storage.cadences import store_cadence
from storage.models import Goal, ReminderSchedule
from storage.reminders import get_goal_schedule


def set_goal_schedule(
    *, session: Session, goal: Goal, owner_id: str | None, cadence: Cadence, now: datetime
) -> ReminderSchedule:
    """Create or replace a (saved) goal's reminder schedule, reminding `owner_id`; the first
    reminder is the next occurrence.

    Example:
        >>> set_goal_schedule(session=s, goal=goal, owner_id="U1",
        ...                   cadence=Cadence(CadenceKind.WEEKLY, weekdays=(0,)), now=now)
    """
    assert goal.id is not None, "a goal gets its schedule once it is saved"
    team_id, goal_id = goal.team_id, goal.id
    row = get_goal_schedule(session=session, team_id=team_id, goal_id=goal_id)
    if row is None:
        row = ReminderSchedule(team_id=team_id, goal_id=goal_id, created_at=now, updated_at=now)
        session.add(row)
    store_cadence(row, cadence)
    row.owner_id = owner_id
    row.active = True
    row.paused_reason = None
    row.next_run_at = next_run(session, row, now)
    row.updated_at = now
    session.flush()
    return row


def advance(
    session: Session, row: ReminderSchedule, *, after: datetime, sent: datetime | None = None
) -> datetime:
    """Move a schedule to its first occurrence after `after` (off its owner's days off,
    see `bot.services.work_calendars`) and return it; with `sent` (the occurrence just
    answered), never on that occurrence's local day.

    The day is read in the schedule's zone as it is now: an owner who moved west (from
    Bucharest to Los Angeles) has their morning reminder fall on the day the one sent
    from the old zone was, and would get a second one that day.
    """
    if sent is not None:
        zone = ZoneInfo(row.timezone)
        after = max(after, end_of_day(sent.astimezone(zone).date(), zone))
    row.next_run_at = next_run(session, row, after)
    return row.next_run_at
