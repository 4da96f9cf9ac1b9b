"""When a cadence falls: its occurrences as aware UTC datetimes, across clock changes."""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.cadence import MAX_OCCURRENCES, Cadence, CadenceKind, DayOfMonth


def next_occurrence(cadence: Cadence, after: datetime) -> datetime:
    """The first occurrence strictly after `after`, as an aware UTC datetime.

    Example:
        >>> weekly = Cadence(CadenceKind.WEEKLY, weekdays=(0,), at=time(9), tz="Europe/Bucharest")
        >>> next_occurrence(weekly, datetime(2026, 10, 24, tzinfo=UTC))
        datetime.datetime(2026, 10, 26, 7, 0, tzinfo=datetime.timezone.utc)
    """
    return next(_occurrences_after(cadence, after))


def occurrences_between(
    cadence: Cadence, start: datetime, end: datetime, *, limit: int = MAX_OCCURRENCES
) -> list[datetime]:
    """Occurrences after `start` and at or before `end`, oldest first, at most `limit`.

    Example:
        >>> daily = Cadence(CadenceKind.DAILY, at=time(9), tz="UTC")
        >>> len(occurrences_between(daily, datetime(2026, 1, 1, tzinfo=UTC),
        ...                         datetime(2026, 1, 8, tzinfo=UTC)))
        7
    """
    found: list[datetime] = []
    for moment in _occurrences_after(cadence, start):
        if moment > end or len(found) >= limit:
            break
        found.append(moment)
    return found


def count_occurrences(cadence: Cadence, start: datetime, end: datetime) -> int:
    """How many occurrences fall after `start` and at or before `end` (no limit).

    Example:
        >>> weekly = Cadence(CadenceKind.WEEKLY, weekdays=(0,), tz="UTC")
        >>> count_occurrences(weekly, datetime(2026, 1, 1, tzinfo=UTC),
        ...                   datetime(2026, 4, 1, tzinfo=UTC))
        13
    """
    count = 0
    for moment in _occurrences_after(cadence, start):
        if moment > end:
            break
        count += 1
    return count


def _occurrences_after(cadence: Cadence, after: datetime) -> Iterator[datetime]:
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    zone = ZoneInfo(cadence.tz)
    # A day earlier, because a time pushed out of a spring-forward gap may land
    # on the next local day.
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        if _fires_on(cadence, day):
            moment = _resolve(day, cadence.at, zone)
            if moment > after:
                yield moment
        if day == date.max:
            return
        day += timedelta(days=1)


def _fires_on(cadence: Cadence, day: date) -> bool:
    if cadence.kind is CadenceKind.DAILY:
        return True
    if cadence.kind is CadenceKind.MONTHLY:
        return day.day == _monthly_day(cadence.day_of_month, day)
    if day.weekday() not in cadence.weekdays:
        return False
    if cadence.kind is CadenceKind.WEEKLY or cadence.anchor is None:
        return True
    weeks_apart = (_monday_of(day) - _monday_of(cadence.anchor)).days // 7
    return weeks_apart % cadence.interval_weeks == 0


def _monthly_day(day_of_month: DayOfMonth | None, day: date) -> int:
    last = calendar.monthrange(day.year, day.month)[1]
    if day_of_month == "last" or day_of_month is None:
        return last
    return min(day_of_month, last)


def _resolve(day: date, at: time, zone: ZoneInfo) -> datetime:
    # A wall time is read as its first occurrence whatever fold it carries: with fold=1,
    # a time inside a spring-forward gap would resolve to before the gap, on the day before.
    wall = datetime.combine(day, at.replace(fold=0), tzinfo=zone)
    moment = wall.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return moment
    return _end_of_gap(wall.replace(fold=1).astimezone(UTC), moment, zone)


def _end_of_gap(before: datetime, after: datetime, zone: ZoneInfo) -> datetime:
    """The instant the clocks jump, found between a moment before it and one after."""
    target = after.astimezone(zone).utcoffset()
    # Whole seconds, as clock changes happen on whole seconds.
    low, high = math.floor(before.timestamp()), math.ceil(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == target:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
