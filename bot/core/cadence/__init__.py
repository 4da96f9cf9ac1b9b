"""When check-ins and digests fall: schedules kept in local wall time.

A cadence says "Mondays at 09:00 in Europe/Bucharest", so the 09:00 stays 09:00
for the people reading it when the clocks change. Occurrences are worked out on
local calendar dates with `zoneinfo` and returned as aware UTC datetimes.

Two local times need a rule. A time that does not exist (skipped when clocks
spring forward) moves to the first instant after the gap, i.e. the moment the
clocks jump. A time that happens twice (when clocks fall back) means the first of
the two.

The package holds the cadence itself; `parse` reads one a person typed, `occurrences`
works out when it falls, `describe` says it back in words.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_OCCURRENCES = 1000
"""The most occurrences `occurrences_between` lists, so a long span cannot flood a caller."""

MAX_INTERVAL_WEEKS = 52
"""The longest gap "every N weeks" accepts; longer than a year is not a check-in rhythm."""

LAST_DAY_OF_MONTH = 31
"""The highest day of the month a monthly cadence may name; shorter months use their last day."""

EPOCH_MONDAY = date(2024, 1, 1)
"""The week "every N weeks" counts from when nobody chose one (a Monday)."""

DayOfMonth = int | Literal["last"]

WORKDAYS = (0, 1, 2, 3, 4)
"""Monday to Friday, which "weekdays" means in a schedule."""


class CadenceKind(StrEnum):
    """The shape of a schedule."""

    DAILY = "daily"
    WEEKLY = "weekly"
    EVERY_N_WEEKS = "every_n_weeks"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Cadence:
    """A repeating local time: daily, on weekdays, every N weeks, or monthly.

    `weekdays` (0 = Monday .. 6 = Sunday) applies to WEEKLY and EVERY_N_WEEKS.
    EVERY_N_WEEKS fires in the week of `anchor` and every `interval_weeks` after.
    MONTHLY fires on `day_of_month`, pulled back to the month's last day when the
    month is shorter, or on the last day when it is "last". `at` is a local wall
    time in `tz` (an IANA name).

    Example:
        >>> Cadence(CadenceKind.WEEKLY, weekdays=(0,), at=time(9), tz="Europe/Bucharest").at
        datetime.time(9, 0)
        >>> Cadence(CadenceKind.WEEKLY, tz="Europe/Bucharest")
        Traceback (most recent call last):
        ValueError: a weekly cadence needs at least one weekday
    """

    kind: CadenceKind
    weekdays: tuple[int, ...] = ()
    interval_weeks: int = 1
    anchor: date | None = None
    day_of_month: DayOfMonth | None = None
    at: time = time(10, 0)
    tz: str = "UTC"

    def __post_init__(self) -> None:
        problem = _cadence_problem(self)
        if problem:
            raise ValueError(problem)


def _cadence_problem(cadence: Cadence) -> str | None:
    if known_zone(cadence.tz) is None:
        return f"unknown time zone {cadence.tz!r}"
    if cadence.at.tzinfo is not None:
        return "at is a local wall time and must be naive"
    if any(not calendar.MONDAY <= day <= calendar.SUNDAY for day in cadence.weekdays):
        return "weekdays run from 0 (Monday) to 6 (Sunday)"
    weekly = cadence.kind in (CadenceKind.WEEKLY, CadenceKind.EVERY_N_WEEKS)
    if weekly and not cadence.weekdays:
        return f"a {cadence.kind} cadence needs at least one weekday"
    if not 1 <= cadence.interval_weeks <= MAX_INTERVAL_WEEKS:
        return f"interval_weeks runs from 1 to {MAX_INTERVAL_WEEKS}"
    if cadence.kind is CadenceKind.EVERY_N_WEEKS and cadence.anchor is None:
        return "an every_n_weeks cadence needs an anchor date"
    day = cadence.day_of_month
    if (
        cadence.kind is CadenceKind.MONTHLY
        and day != "last"
        and not (day and 1 <= day <= LAST_DAY_OF_MONTH)
    ):
        return f'day_of_month runs from 1 to {LAST_DAY_OF_MONTH}, or is "last"'
    return None


def known_zone(name: str) -> ZoneInfo | None:
    """The time zone called `name`, or None when there is no such IANA zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
