"""The one codec between a cadence and the columns that store it.

A reminder schedule and a digest subscription both keep "when" as local wall time
in a time zone; a reminder can fall on several weekdays or every N weeks, a digest
on one weekday or one day of the month. Both are read and written here, so "the
last day of the month", a time of day and a weekday are spelled once.
"""

from __future__ import annotations

from datetime import time

from bot.core.cadence import Cadence, CadenceKind, DayOfMonth
from storage.models import DigestSubscription, ReminderSchedule

LAST_DAY = -1  # how "the last day of the month" is stored in day_of_month

ScheduledRow = ReminderSchedule | DigestSubscription


def cadence_of(row: ScheduledRow) -> Cadence:
    """The cadence a schedule or subscription row describes."""
    hour, minute = (int(part) for part in row.local_time.split(":"))
    kind = row.frequency
    if isinstance(row, DigestSubscription):
        weekdays: tuple[int, ...] = (row.weekday,)
        interval, anchor = 1, None
    else:
        weekdays = tuple(int(d) for d in row.weekdays.split(",") if d.strip())
        interval, anchor = row.interval_weeks, row.anchor_date
    return Cadence(
        kind=kind,
        weekdays=weekdays if kind in (CadenceKind.WEEKLY, CadenceKind.EVERY_N_WEEKS) else (),
        interval_weeks=interval,
        anchor=anchor,
        day_of_month=_day_read(row.day_of_month) if kind is CadenceKind.MONTHLY else None,
        at=time(hour, minute),
        tz=row.timezone,
    )


def store_cadence(row: ScheduledRow, cadence: Cadence) -> None:
    """Write `cadence` into the row's columns (a digest keeps the first weekday only)."""
    row.frequency = cadence.kind
    row.local_time = cadence.at.strftime("%H:%M")
    row.timezone = cadence.tz
    if isinstance(row, DigestSubscription):
        row.weekday = cadence.weekdays[0] if cadence.weekdays else row.weekday
        row.day_of_month = _day_written(cadence.day_of_month) or row.day_of_month
        return
    row.weekdays = ",".join(str(d) for d in cadence.weekdays)
    row.interval_weeks = cadence.interval_weeks
    row.anchor_date = cadence.anchor
    row.day_of_month = _day_written(cadence.day_of_month)


def _day_read(stored: int | None) -> DayOfMonth | None:
    return "last" if stored == LAST_DAY else stored


def _day_written(day: DayOfMonth | None) -> int | None:
    return LAST_DAY if day == "last" else day
