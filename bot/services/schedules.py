"""Reminder schedules as rows: a goal's cadence stored, read back, and its next due time.

The row is the source of truth; `next_run_at` (aware UTC) is what the delivery
runner looks at, so it is always recomputed here from the cadence in the owner's
local time, never by adding fixed hours (that would drift across DST).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.cadence import Cadence
from bot.core.cadence.several import last_at_or_before
from bot.core.dates import end_of_day
from bot.core.quiet_hours import SendingHours
from bot.services.work_calendars import next_run
from storage.cadences import cadence_of, more_cadences_of, store_cadence, store_more_cadences
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
    store_more_cadences(row, ())
    row.owner_id = owner_id
    row.active = True
    row.paused_reason = None
    row.next_run_at = next_run(session, row, now)
    row.updated_at = now
    session.flush()
    return row


def set_goal_times(
    *,
    session: Session,
    goal: Goal,
    owner_id: str | None,
    cadences: Sequence[Cadence],
    now: datetime,
) -> ReminderSchedule:
    """`set_goal_schedule` with several times ("mon 10:00 and thu 16:00"): the first cadence
    in the row's columns, the others beside it; the next reminder is the earliest of them."""
    row = set_goal_schedule(
        session=session, goal=goal, owner_id=owner_id, cadence=cadences[0], now=now
    )
    store_more_cadences(row, cadences[1:])
    row.next_run_at = next_run(session, row, now)
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
    several = bool(more_cadences_of(row))
    if sent is not None and not several:
        zone = ZoneInfo(row.timezone)
        after = max(after, end_of_day(sent.astimezone(zone).date(), zone))
    # Several times: each waits for its own next turn (see `next_of_any`).
    row.next_run_at = next_run(session, row, after, skip_day_of=sent if several else None)
    return row.next_run_at


def occurrence_answered(
    row: ReminderSchedule, sent: datetime, hours: Callable[[], SendingHours]
) -> datetime:
    """The occurrence a reminder sent at `sent` answers: itself, or, when quiet hours moved
    it to the morning, the occurrence of the night before (so that day's later times stay).
    `hours` (the owner's sending hours) is asked only for a reminder that was moved.
    """
    cadences = [cadence_of(row), *more_cadences_of(row)]
    earlier = last_at_or_before(cadences, sent)
    if earlier == sent:
        return sent
    window = hours()
    moved = not window.allows(earlier, row.timezone)
    return earlier if moved and window.next_allowed(earlier, row.timezone) == sent else sent
