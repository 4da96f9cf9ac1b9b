"""Say a cadence back in plain words ("every Monday at 10:00 (Europe/Bucharest)")."""

from __future__ import annotations

from bot.core.cadence import WORKDAYS, Cadence, CadenceKind, DayOfMonth

_SHORTEST_MONTH = 28  # days; a later day of the month falls on the last day in some months

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def describe_cadence(cadence: Cadence) -> str:
    """The cadence in plain words, with its time zone.

    Example:
        >>> describe_cadence(Cadence(CadenceKind.WEEKLY, weekdays=(0,), tz="Europe/Bucharest"))
        'every Monday at 10:00 (Europe/Bucharest)'
    """
    when = f"at {cadence.at.strftime('%H:%M')} ({cadence.tz})"
    if cadence.kind is CadenceKind.DAILY:
        return f"every day {when}"
    if cadence.kind is CadenceKind.MONTHLY:
        return f"monthly on {_describe_day_of_month(cadence.day_of_month)} {when}"
    days = _describe_weekdays(cadence.weekdays)
    if cadence.kind is CadenceKind.WEEKLY:
        return f"every {days} {when}"
    return (
        f"every {cadence.interval_weeks} weeks on {days} {when}, "
        f"counting from the week of {cadence.anchor}"
    )


def _describe_weekdays(weekdays: tuple[int, ...]) -> str:
    if tuple(weekdays) == WORKDAYS:
        return "weekday"
    names = [_WEEKDAY_NAMES[day] for day in weekdays]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _describe_day_of_month(day: DayOfMonth | None) -> str:
    if day == "last" or day is None:
        return "the last day"
    suffix = "th" if day % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    short_months = " (or the month's last day)" if day > _SHORTEST_MONTH else ""
    return f"the {day}{suffix}{short_months}"
