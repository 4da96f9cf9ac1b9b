"""The one codec between a cadence and the columns that store it.

A reminder schedule and a digest subscription both keep "when" as local wall time
in a time zone; a reminder can fall on several weekdays or every N weeks, a digest
on one weekday or one day of the month. Both are read and written here, so "the
last day of the month", a time of day and a weekday are spelled once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

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


def more_cadences_of(row: ReminderSchedule) -> list[Cadence]:
    """A schedule's times besides its cadence ("mon 10:00 and thu 16:00": the Thursday one),
    in the schedule's time zone; an entry that no longer reads as a cadence is left out."""
    found: list[Cadence] = []
    for entry in row.more_times or []:
        try:
            hour, minute = (int(part) for part in str(entry["at"]).split(":"))
            anchor = entry.get("anchor")
            found.append(
                Cadence(
                    kind=CadenceKind(entry["kind"]),
                    weekdays=tuple(int(d) for d in entry.get("weekdays", ())),
                    interval_weeks=int(entry.get("interval_weeks", 1)),
                    anchor=date.fromisoformat(anchor) if anchor else None,
                    day_of_month=_day_read(entry.get("day_of_month")),
                    at=time(hour, minute),
                    tz=row.timezone,
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return found


def store_more_cadences(row: ReminderSchedule, cadences: Sequence[Cadence]) -> None:
    """Keep these cadences as the schedule's further times (their zone is the schedule's)."""
    row.more_times = [
        {
            "kind": c.kind.value,
            "weekdays": list(c.weekdays),
            "interval_weeks": c.interval_weeks,
            "anchor": c.anchor.isoformat() if c.anchor else None,
            "day_of_month": _day_written(c.day_of_month),
            "at": c.at.strftime("%H:%M"),
        }
        for c in cadences
    ]
