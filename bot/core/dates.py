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
from zoneinfo import ZoneInfo

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
    IRANIAN_YEAR_END_PHRASES,
    MONTH_NAMES,
    SPAN_AFTER,
    SPAN_BEFORE,
    SPAN_DAYS,
    SPAN_MONTHS,
    SPAN_ONE,
    SPAN_WEEKS,
    SPAN_YEARS,
    WEEKDAY_NAMES,
    Anchor,
)
from bot.core.digits import to_ascii_digits
from bot.core.number_words import (
    CURRENCY_BEFORE,
    CURRENCY_WORDS,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    PERCENT_SUFFIXES,
    SCALE_WORDS,
    alternation,
)
from bot.core.parse_error import ParseError

_CENTURY = 2000  # "26" in "31.12.26" is 2026: deadlines lie ahead, never in the 1900s
_SHORT_YEAR_DIGITS = 2
_PADDED_DIGITS = 2  # a day or month written "01" or "12", the way dates are and amounts are not


@dataclass(frozen=True, slots=True)
class AmbiguousDate:
    """Text that reads as more than one date ("05/06"); ask which one was meant."""

    options: tuple[date, ...]
    message: str


DEADLINE_EXAMPLE = "31 Dec, 2026-12-31, end of Q1 or in 6 weeks"
MAX_YEARS_AHEAD = 5
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip

_Found = date | AmbiguousDate | ParseError


def parse_deadline(text: str, *, now: datetime, tz: ZoneInfo) -> date | AmbiguousDate | ParseError:
    """Read a deadline, resolved against `now` as seen in the user's time zone `tz`.

    Example:
        >>> now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
        >>> parse_deadline("end of Q1", now=now, tz=ZoneInfo("Europe/Bucharest"))
        datetime.date(2027, 3, 31)
    """
    if not text.strip():
        return ParseError("I didn't get a date there.", DEADLINE_EXAMPLE)
    normal = to_ascii_digits(text).lower()
    today = now.astimezone(tz).date()
    for reader in _READERS:
        found = reader(normal, today)
        if found is not None:
            return _within_reach(found, today)
    if _AMOUNT.search(normal):
        return ParseError("That looks like an amount, not a date.", DEADLINE_EXAMPLE)
    return ParseError("I couldn't find a date in that.", DEADLINE_EXAMPLE)


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
        return ParseError(f"{format_date(dates[0])} has already passed.", DEADLINE_EXAMPLE)
    if all(d > latest for d in dates):
        return ParseError(
            f"{format_date(dates[0])} is more than {MAX_YEARS_AHEAD} years away; "
            "please pick a nearer deadline.",
            DEADLINE_EXAMPLE,
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
    name = _MONTH_ABBREVIATIONS[month - 1] if 1 <= month <= MONTHS_IN_A_YEAR else f"month {month}"
    return ParseError(f"There is no {day} {name}.", DEADLINE_EXAMPLE)


def _full_year(typed: str | None) -> int | None:
    if typed is None:
        return None
    return _CENTURY + int(typed) if len(typed) == _SHORT_YEAR_DIGITS else int(typed)


# --- readers: each returns what it found, or None to let the next one try --------------

_DIGITS_ALONE_BEFORE = r"(?<![\d.,/-])"
_DIGITS_ALONE_AFTER = r"(?![\d.,/-]?\d)"
_MONTH = "(?P<month>" + NOT_LETTER_BEFORE + alternation(MONTH_NAMES) + r")\.?" + NOT_LETTER_AFTER
_YEAR_AFTER = r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"

_ISO = re.compile(
    _DIGITS_ALONE_BEFORE + r"(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"
)
_SOLAR_HIJRI_YEARS = range(1300, 1500)  # "۱۴۰۵/۰۹/۰۱" is an Iranian-calendar date
_NUMERIC = re.compile(
    _DIGITS_ALONE_BEFORE
    + r"(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})"
    + r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?"
    + _DIGITS_ALONE_AFTER
)
# "$1.5k", "2.5 mln", "3.2%": amounts, which a dotted day.month must not swallow.
_AMOUNT_BEFORE = re.compile(NOT_LETTER_BEFORE + alternation(CURRENCY_BEFORE) + r"\s*$")
_AMOUNT_AFTER = re.compile(
    r"\s*" + alternation([*SCALE_WORDS, *PERCENT_SUFFIXES, *CURRENCY_WORDS]) + NOT_LETTER_AFTER
)
_AMOUNT = re.compile(
    r"(?:"
    + NOT_LETTER_BEFORE
    + alternation(CURRENCY_BEFORE)
    + r"\s*\d|\d"
    + _AMOUNT_AFTER.pattern
    + ")"
)
_VIETNAMESE = re.compile(
    r"(?:ngày\s*)?(?<!\d)(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})(?!\d)"
    + r"(?:\s*(?:năm\s*)?(?P<year>\d{4}))?"
)
_DAY_MONTH = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s*(?:of\s+|de\s+)?" + _MONTH + _YEAR_AFTER
)
_MONTH_DAY = re.compile(_MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)" + _YEAR_AFTER)
_QUARTER = re.compile(
    NOT_LETTER_BEFORE + r"(?P<half>[qh]|quý\s*)(?P<number>[1-4])(?!\d)(?:\s*(?P<year>\d{4}))?"
)
_SPAN_COUNT = r"(?P<count>\d{1,4}|" + NOT_LETTER_BEFORE + alternation(SPAN_ONE) + ")"
_SPAN_UNIT = (
    r"\s*(?P<unit>"
    + NOT_LETTER_BEFORE
    + alternation([*SPAN_DAYS, *SPAN_WEEKS, *SPAN_MONTHS, *SPAN_YEARS])
    + ")"
    + NOT_LETTER_AFTER
)
_SPANS = (
    re.compile(NOT_LETTER_BEFORE + alternation(SPAN_BEFORE) + r"\s+" + _SPAN_COUNT + _SPAN_UNIT),
    re.compile(_SPAN_COUNT + _SPAN_UNIT + r"\s*" + alternation(SPAN_AFTER) + NOT_LETTER_AFTER),
)
# "cuối tháng 12" is the end of December, not the end of this month.
_ANCHOR = re.compile(
    NOT_LETTER_BEFORE + alternation(ANCHOR_PHRASES) + NOT_LETTER_AFTER + r"(?!\s*\d)"
)
_IRANIAN_YEAR_END = re.compile(alternation(IRANIAN_YEAR_END_PHRASES))
_WEEKDAY = re.compile(NOT_LETTER_BEFORE + alternation(WEEKDAY_NAMES) + NOT_LETTER_AFTER)
_VIETNAMESE_MONTH = re.compile(
    r"tháng\s*(?P<month>\d{1,2})(?!\d)(?:\s*(?:năm\s*)?(?P<year>\d{4}))?"
)
_MONTH_ALONE = re.compile(
    r"(?P<lead>end\s+of\s+|by\s+|until\s+|sfârșitul\s+lui\s+|până\s+în\s+|cuối\s+)?"
    + _MONTH
    + _YEAR_AFTER
    + r"(?P<trail>\s+sonu)?"
)


def _read_iso(text: str, today: date) -> _Found | None:
    match = _ISO.search(text)
    if match is None:
        return None
    if int(match["year"]) in _SOLAR_HIJRI_YEARS:
        return ParseError(
            "That looks like an Iranian-calendar date; please type the Gregorian date.",
            DEADLINE_EXAMPLE,
        )
    return _dated(today, int(match["day"]), int(match["month"]), int(match["year"]))


def _read_numeric(text: str, today: date) -> _Found | None:
    """ "31.12.2026", "31/12", "12/31"; "05/06" could be either way round, so ask."""
    match = _NUMERIC.search(text)
    if match is None or not _looks_like_a_date(text, match):
        return None
    first, second, year = int(match["first"]), int(match["second"]), _full_year(match["year"])
    # Dots are only ever day-first; slashes and dashes are used both ways.
    if match["sep"] == "." or first > MONTHS_IN_A_YEAR or first == second:
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
    if _AMOUNT_BEFORE.search(text, 0, match.start()) or _AMOUNT_AFTER.match(text, match.end()):
        return False
    padded = _PADDED_DIGITS in (len(match["first"]), len(match["second"]))
    return padded or text.strip() == match.group()


def _read_day_and_month(text: str, today: date) -> _Found | None:
    for pattern in (_VIETNAMESE, _DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match is not None:
            month = match["month"]
            number = int(month) if month.isdigit() else MONTH_NAMES[month]
            return _dated(today, int(match["day"]), number, _full_year(match["year"]))
    return None


def _read_quarter(text: str, today: date) -> _Found | None:
    """ "Q3", "end of Q1 2027", "H2", "quý 1": the end of the next such quarter or half."""
    match = _QUARTER.search(text)
    if match is None:
        return None
    months_per_part = 6 if match["half"] == "h" else 3
    last_month = int(match["number"]) * months_per_part
    if last_month > MONTHS_IN_A_YEAR:
        return None
    year = _full_year(match["year"])
    if year is not None:
        return month_end(year, last_month)
    this_year = month_end(today.year, last_month)
    return this_year if this_year >= today else month_end(today.year + 1, last_month)


def _read_span(text: str, today: date) -> _Found | None:
    match = next((m for pattern in _SPANS if (m := pattern.search(text))), None)
    if match is None:
        return None
    count = int(match["count"]) if match["count"].isdigit() else 1
    unit = match["unit"]
    if unit in SPAN_DAYS:
        return today + timedelta(days=count) if count <= 366 * MAX_YEARS_AHEAD + 1 else None
    if unit in SPAN_WEEKS:
        return today + timedelta(weeks=count) if count <= 53 * MAX_YEARS_AHEAD else None
    months = count if unit in SPAN_MONTHS else 12 * count
    return add_months(today, min(months, 12 * MAX_YEARS_AHEAD + 1))


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


def _read_anchor(text: str, today: date) -> _Found | None:
    match = _ANCHOR.search(text)
    if match is not None:
        return _ANCHORS[ANCHOR_PHRASES[" ".join(match.group().split())]](today)
    if _IRANIAN_YEAR_END.search(text):
        return ParseError(
            "“End of the year” could mean the end of the Iranian year (around 20 March) "
            "or 31 December. Which date do you mean?",
            "2027-03-20 or 31 Dec",
        )
    return None


def _read_weekday(text: str, today: date) -> _Found | None:
    match = _WEEKDAY.search(text)
    if match is None:
        return None
    return next_weekday(today, WEEKDAY_NAMES[" ".join(match.group().split())])


def _read_month_alone(text: str, today: date) -> _Found | None:
    """ "by December", "end of March 2027", "Aralık sonu", "tháng 12": that month's last day."""
    vietnamese = _VIETNAMESE_MONTH.search(text)
    match = vietnamese or _MONTH_ALONE.search(text)
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
        return month_end(year, month)
    this_year = month_end(today.year, month)
    return this_year if this_year >= today else month_end(today.year + 1, month)


# Order matters: full dates before partial ones, and phrases ("ngày mai" = tomorrow)
# before a lone month name ("mai" = May in Romanian).
_READERS: tuple[Callable[[str, date], _Found | None], ...] = (
    _read_iso,
    _read_day_and_month,
    _read_numeric,
    _read_quarter,
    _read_span,
    _read_anchor,
    _read_weekday,
    _read_month_alone,
)
