"""Read the deadlines people type ("by Dec 31", "end of Q1", "in 6 weeks", "31/12").

Dates are resolved in the user's own time zone: at 00:15 in Tehran it is already
tomorrow there, whatever the server clock says. A date typed without a year means
the next such date that is not in the past. Parsers never raise on user text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from bot.core import date_patterns as patterns
from bot.core.calendar_math import (
    MONTHS_IN_A_YEAR,
    add_months,
    month_end,
    next_weekday,
    quarter_end,
    quarter_of,
    this_friday,
)
from bot.core.date_words import (
    ANCHOR_PHRASES,
    EVERYDAY_MONTH_WORDS,
    MONTH_NAMES,
    SPAN_DAYS,
    SPAN_MONTHS,
    SPAN_WEEKS,
    WEEKDAY_NAMES,
    Anchor,
)
from bot.core.digits import to_ascii_digits
from bot.core.parse_error import Month, ParseError
from bot.core.persian_calendar import read_solar_hijri
from bot.i18n.catalogue import N_

_CENTURY = 2000  # "26" in "31.12.26" is 2026: deadlines lie ahead, never in the 1900s
_SHORT_YEAR_DIGITS = 2
_PADDED_DIGITS = 2  # a day or month written "01" or "12", the way dates are and amounts are not


@dataclass(frozen=True, slots=True)
class AmbiguousDate:
    """Text that reads as more than one date ("05/06"); ask which one was meant."""

    options: tuple[date, ...]
    message: str


DEADLINE_EXAMPLE = N_("31 Dec, 2026-12-31, end of Q1 or in 6 weeks")
MAX_YEARS_AHEAD = 5
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip

_Found = date | AmbiguousDate | ParseError


class _Hit(NamedTuple):
    """What a reader found, and where it stands in the text (start, end)."""

    found: _Found
    span: tuple[int, int]


def parse_deadline(text: str, *, now: datetime, tz: ZoneInfo) -> date | AmbiguousDate | ParseError:
    """Read a deadline, resolved against `now` as seen in the user's time zone `tz`.

    Example:
        >>> now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
        >>> parse_deadline("end of Q1", now=now, tz=ZoneInfo("Europe/Bucharest"))
        datetime.date(2027, 3, 31)
    """
    if not text.strip():
        return ParseError(N_("I didn't get a date there."), DEADLINE_EXAMPLE)
    found = find_deadline(text, now=now, tz=tz)
    if found is not None:
        return found[0]
    if patterns.AMOUNT.search(to_ascii_digits(text).lower()):
        return ParseError(N_("That looks like an amount, not a date."), DEADLINE_EXAMPLE)
    return ParseError(N_("I couldn't find a date in that."), DEADLINE_EXAMPLE)


def find_deadline(
    text: str, *, now: datetime, tz: ZoneInfo
) -> tuple[date | AmbiguousDate | ParseError, tuple[int, int]] | None:
    """The first deadline a sentence names and where it stands, or None without one.

    The span indexes `text` itself, so a reader of whole sentences can take the
    date out before it looks for amounts ("31" in "by 31 Dec" is no target).

    Example:
        >>> now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
        >>> text = "grow followers to 480 by 31 Dec"
        >>> found, (start, end) = find_deadline(text, now=now, tz=ZoneInfo("UTC"))
        >>> found, text[start:end]
        (datetime.date(2026, 12, 31), '31 Dec')
    """
    normal = to_ascii_digits(text).lower()
    if len(normal) != len(text):  # a letter whose lower case is longer: indexes shift
        normal = "".join(c if len(c.lower()) != 1 else c.lower() for c in to_ascii_digits(text))
    today = now.astimezone(tz).date()
    for reader in _READERS:
        hit = reader(normal, today)
        if hit is not None:
            return _within_reach(hit.found, today), hit.span
    return None


def end_of_day(d: date, tz: ZoneInfo) -> datetime:
    """The last second of `d` in the user's zone, as an aware UTC datetime.

    Example:
        >>> end_of_day(date(2026, 12, 31), ZoneInfo("Europe/Bucharest"))
        datetime.datetime(2026, 12, 31, 21, 59, 59, tzinfo=datetime.timezone.utc)
    """
    return datetime.combine(d, time(23, 59, 59), tzinfo=tz).astimezone(UTC)


def format_date(d: date) -> str:
    """A date the same way in every language's reading: day, short month, year.

    Example:
        >>> format_date(date(2026, 12, 31))
        '31 Dec 2026'
    """
    return f"{d.day} {_MONTH_ABBREVIATIONS[d.month - 1]} {d.year}"


def _within_reach(found: _Found, today: date) -> _Found:
    if isinstance(found, ParseError):
        return found
    latest = add_months(today, MONTHS_IN_A_YEAR * MAX_YEARS_AHEAD)
    dates = found.options if isinstance(found, AmbiguousDate) else (found,)
    if all(d < today for d in dates):
        return ParseError.quoting(N_("{day} has already passed."), DEADLINE_EXAMPLE, day=dates[0])
    if all(d > latest for d in dates):
        return ParseError.quoting(
            N_("{day} is more than {years} years away; please pick a nearer deadline."),
            DEADLINE_EXAMPLE,
            day=dates[0],
            years=MAX_YEARS_AHEAD,
        )
    return found


def _next_such_date(today: date, month: int, day: int) -> date | ParseError:
    """The first `day month` on or after today (looking ahead for 29 February)."""
    for year in range(today.year, today.year + MAX_YEARS_AHEAD):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    return _no_such_date(day, month)


def _dated(today: date, day: int, month: int, year: int | None) -> date | ParseError:
    if not 1 <= month <= MONTHS_IN_A_YEAR or day < 1:
        return _no_such_date(day, month)
    if year is None:
        return _next_such_date(today, month, day)
    if day > calendar.monthrange(year, month)[1]:
        return _no_such_date(day, month)
    return date(year, month, day)


def _no_such_date(day: int, month: int) -> ParseError:
    return ParseError.quoting(
        N_("There is no {day} {month}."), DEADLINE_EXAMPLE, day=day, month=Month(month)
    )


def _full_year(typed: str | None) -> int | None:
    if typed is None:
        return None
    return _CENTURY + int(typed) if len(typed) == _SHORT_YEAR_DIGITS else int(typed)


# --- readers: each returns what it found, or None to let the next one try --------------


def _read_solar_hijri(text: str, today: date) -> _Hit | None:
    """ "۲۹ اسفند", "پایان سال شمسی", "نوروز", "۱۴۰۵/۰۹/۰۱": see bot.core.persian_calendar."""
    found = read_solar_hijri(text, today)
    return None if found is None else _Hit(*found)


def _read_iso(text: str, today: date) -> _Hit | None:
    match = patterns.ISO.search(text)
    if match is None:
        return None
    return _Hit(_dated(today, int(match["day"]), int(match["month"]), int(match["year"])),
                match.span())  # fmt: skip


def _read_numeric(text: str, today: date) -> _Hit | None:
    """ "31.12.2026", "31/12", "12/31"; "05/06" could be either way round, so ask."""
    match = patterns.NUMERIC.search(text)
    if match is None or not _looks_like_a_date(text, match):
        return None
    first, second, year = int(match["first"]), int(match["second"]), _full_year(match["year"])
    return _Hit(_numeric_date(first, second, year, match["sep"], today), match.span())


def _numeric_date(first: int, second: int, year: int | None, sep: str, today: date) -> _Found:
    # Dots are only ever day-first; slashes and dashes are used both ways.
    if sep == "." or first > MONTHS_IN_A_YEAR or first == second:
        return _dated(today, first, second, year)
    if second > MONTHS_IN_A_YEAR:
        return _dated(today, second, first, year)
    day_first = _dated(today, first, second, year)
    month_first = _dated(today, second, first, year)
    if isinstance(day_first, ParseError) or isinstance(month_first, ParseError):
        return day_first if isinstance(day_first, ParseError) else month_first
    return AmbiguousDate(
        options=(day_first, month_first),
        message=f"Did you mean {format_date(day_first)} or {format_date(month_first)}?",
    )


def _looks_like_a_date(text: str, match: re.Match[str]) -> bool:
    """A dotted pair without a year is also how amounts are written ("1.5k", "$2.5").

    It is a date only away from money and scale words, and only in a date's shape:
    a two-digit day or month ("01.05", "31.12"), or nothing else typed ("1.5").
    """
    if match["sep"] != "." or match["year"]:
        return True
    if patterns.AMOUNT_BEFORE.search(text, 0, match.start()) or patterns.AMOUNT_AFTER.match(
        text, match.end()
    ):
        return False
    padded = _PADDED_DIGITS in (len(match["first"]), len(match["second"]))
    return padded or text.strip() == match.group()


def _read_day_and_month(text: str, today: date) -> _Hit | None:
    for pattern in (patterns.VIETNAMESE, patterns.DAY_MONTH, patterns.MONTH_DAY):
        match = pattern.search(text)
        if match is not None:
            month = match["month"]
            number = int(month) if month.isdigit() else MONTH_NAMES[month]
            found = _dated(today, int(match["day"]), number, _full_year(match["year"]))
            return _Hit(found, match.span())
    return None


def _read_quarter(text: str, today: date) -> _Hit | None:
    """ "Q3", "end of Q1 2027", "H2", "quý 1": the end of the next such quarter or half."""
    match = patterns.QUARTER.search(text)
    if match is None:
        return None
    months_per_part = 6 if match["half"] == "h" else 3
    last_month = int(match["number"]) * months_per_part
    if last_month > MONTHS_IN_A_YEAR:
        return None
    year = _full_year(match["year"])
    if year is not None:
        return _Hit(month_end(year, last_month), match.span())
    this_year = month_end(today.year, last_month)
    later = month_end(today.year + 1, last_month)
    return _Hit(this_year if this_year >= today else later, match.span())


def _read_span(text: str, today: date) -> _Hit | None:
    match = next((m for pattern in patterns.SPANS if (m := pattern.search(text))), None)
    if match is None:
        return None
    count = int(match["count"]) if match["count"].isdigit() else 1
    unit = match["unit"]
    if unit in SPAN_DAYS:
        if count > 366 * MAX_YEARS_AHEAD + 1:
            return None
        return _Hit(today + timedelta(days=count), match.span())
    if unit in SPAN_WEEKS:
        if count > 53 * MAX_YEARS_AHEAD:
            return None
        return _Hit(today + timedelta(weeks=count), match.span())
    months = count if unit in SPAN_MONTHS else 12 * count
    return _Hit(add_months(today, min(months, 12 * MAX_YEARS_AHEAD + 1)), match.span())


def _end_of_next_month(today: date) -> date:
    next_month = add_months(today, 1)
    return month_end(next_month.year, next_month.month)


def _end_of_next_quarter(today: date) -> date:
    next_quarter = add_months(today.replace(day=1), 3)
    return quarter_end(next_quarter.year, quarter_of(next_quarter))


_ANCHORS: dict[Anchor, Callable[[date], date]] = {
    Anchor.TODAY: lambda today: today,
    Anchor.TOMORROW: lambda today: today + timedelta(days=1),
    Anchor.END_OF_WEEK: this_friday,
    Anchor.END_OF_NEXT_WEEK: lambda today: this_friday(today) + timedelta(weeks=1),
    Anchor.END_OF_MONTH: lambda today: month_end(today.year, today.month),
    Anchor.END_OF_NEXT_MONTH: _end_of_next_month,
    Anchor.END_OF_QUARTER: lambda today: quarter_end(today.year, quarter_of(today)),
    Anchor.END_OF_NEXT_QUARTER: _end_of_next_quarter,
    Anchor.END_OF_YEAR: lambda today: date(today.year, 12, 31),
    Anchor.END_OF_NEXT_YEAR: lambda today: date(today.year + 1, 12, 31),
}


def _read_anchor(text: str, today: date) -> _Hit | None:
    match = patterns.ANCHOR.search(text)
    if match is not None:
        anchor = ANCHOR_PHRASES[" ".join(match.group().split())]
        return _Hit(_ANCHORS[anchor](today), match.span())
    iranian = patterns.IRANIAN_YEAR_END.search(text)
    if iranian is not None:
        return _Hit(
            ParseError(
                N_(
                    "“End of the year” could mean the end of the Iranian year (around 20 March) "
                    "or 31 December. Which date do you mean?"
                ),
                N_("2027-03-20 or 31 Dec"),
            ),
            iranian.span(),
        )
    return None


def _read_weekday(text: str, today: date) -> _Hit | None:
    match = patterns.WEEKDAY.search(text)
    if match is None:
        return None
    weekday = WEEKDAY_NAMES[" ".join(match.group().split())]
    return _Hit(next_weekday(today, weekday), match.span())


def _read_month_alone(text: str, today: date) -> _Hit | None:
    """ "by December", "end of March 2027", "Aralık sonu", "tháng 12": that month's last day."""
    vietnamese = patterns.VIETNAMESE_MONTH.search(text)
    match = vietnamese or patterns.MONTH_ALONE.search(text)
    if match is None:
        return None
    everyday_word = vietnamese is None and match["month"] in EVERYDAY_MONTH_WORDS
    if everyday_word and not (match["lead"] or match["year"] or match["trail"]):
        return None
    month = int(match["month"]) if match["month"].isdigit() else MONTH_NAMES[match["month"]]
    if not 1 <= month <= MONTHS_IN_A_YEAR:
        return None
    year = _full_year(match["year"])
    if year is not None:
        return _Hit(month_end(year, month), match.span())
    this_year = month_end(today.year, month)
    later = month_end(today.year + 1, month)
    return _Hit(this_year if this_year >= today else later, match.span())


# Order matters: full dates before partial ones, and phrases ("ngày mai" = tomorrow)
# before a lone month name ("mai" = May in Romanian).
_READERS: tuple[Callable[[str, date], _Hit | None], ...] = (
    _read_solar_hijri,  # first: "1405/09/01" is no Gregorian year 1405
    _read_iso,
    _read_day_and_month,
    _read_numeric,
    _read_quarter,
    _read_span,
    _read_anchor,
    _read_weekday,
    _read_month_alone,
)
