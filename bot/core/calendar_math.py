"""Steps on the Gregorian calendar that deadlines are made of: month and quarter ends,
months added without running past a short month, the coming weekday."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS_IN_A_YEAR = 12


def month_end(year: int, month: int) -> date:
    """The last day of a month.

    Example:
        >>> month_end(2028, 2)
        datetime.date(2028, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, pulled back to the last day of a shorter month.

    Example:
        >>> add_months(date(2026, 1, 31), 1)
        datetime.date(2026, 2, 28)
    """
    year, month_index = divmod(d.year * MONTHS_IN_A_YEAR + d.month - 1 + months, MONTHS_IN_A_YEAR)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(d.day, last_day))


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter (1 to 4).

    Example:
        >>> quarter_end(2027, 1)
        datetime.date(2027, 3, 31)
    """
    return month_end(year, quarter * 3)


def quarter_of(d: date) -> int:
    """The quarter (1 to 4) `d` falls in.

    Example:
        >>> quarter_of(date(2026, 11, 22))
        4
    """
    return (d.month + 2) // 3


def next_weekday(today: date, weekday: int) -> date:
    """The coming `weekday` (0 = Monday), never today: "Friday" said on a Friday means next week.

    Example:
        >>> next_weekday(date(2026, 11, 27), 4)
        datetime.date(2026, 12, 4)
    """
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def this_friday(today: date) -> date:
    """The Friday of this working week: today when today is a Friday.

    Example:
        >>> this_friday(date(2026, 11, 27))
        datetime.date(2026, 11, 27)
    """
    return today + timedelta(days=(4 - today.weekday()) % 7)
