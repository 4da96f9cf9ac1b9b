"""The Solar Hijri (Persian) calendar, in and out: "۱۰ دی ۱۴۰۵" is 31 Dec 2026.

The conversion is persiantools' (`JalaliDate`): it is typed (ships `py.typed`, so mypy
checks our calls), has no dependencies, and follows the arithmetic Iran's calendar uses
(1403 is a leap year: 30 Esfand 1403 is 20 March 2025). jdatetime does the same sums but
is untyped and patches `locale`; we need only dates.

Reading works on text the deadline reader has already lower-cased with ASCII digits
("۲۹ اسفند" arrives as "29 اسفند"): a day and a month name, with or without a year;
"پایان سال شمسی" (the last day of Esfand, the 29th or the 30th in a leap year);
"نوروز" (1 Farvardin, the next one); "1405/09/01", a Solar Hijri date in numbers; and
the quarters of the Persian year ("پایان فصل اول", "سه‌ماهه دوم": Q1 is Farvardin to
Khordad, so its end is 31 Khordad), or "پایان فصل" for the end of the current one.
"""

from __future__ import annotations

import re
from datetime import date

from persiantools.jdatetime import JalaliDate

from bot.core.number_words import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, alternation
from bot.core.parse_error import ParseError, Year
from bot.i18n.catalogue import N_

MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
          "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")  # fmt: skip
EXAMPLE = "۲۹ اسفند, ۱۰ دی ۱۴۰۵, پایان سال شمسی, پایان فصل اول, نوروز"
_YEAR_END_PHRASES = ["پایان سال شمسی", "آخر سال شمسی", "پایان سال ایرانی", "آخر سال ایرانی"]
_NOWRUZ_PHRASES = ["عید نوروز", "نوروز"]
_QUARTER_ORDINALS = {"اول": 1, "یکم": 1, "1": 1, "دوم": 2, "2": 2, "سوم": 3, "3": 3,
                     "چهارم": 4, "4": 4}  # fmt: skip
_QUARTER_WORD = r"(?:فصل|سه[\u200c ]?ماهه)"
_MONTHS_IN_QUARTER = 3


def _letters(pattern: str) -> str:
    """Arabic keyboards type ي and ك for Persian ی and ک: accept both."""
    return pattern.replace("ی", "[یي]").replace("ک", "[کك]")


_YEAR = r"(?:\s*(?P<year>1[34]\d\d)(?!\d))?"
_DAY_MONTH = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s*(?:ام\s*)?(?P<month>"
    + NOT_LETTER_BEFORE
    + _letters(alternation(MONTHS))
    + ")"
    + NOT_LETTER_AFTER
    + _YEAR
)
_NUMERIC = re.compile(
    r"(?<![\d.,/-])(?P<year>1[34]\d\d)([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"
)
_YEAR_END = re.compile(_letters(alternation(_YEAR_END_PHRASES)) + NOT_LETTER_AFTER + _YEAR)
_NOWRUZ = re.compile(_letters(alternation(_NOWRUZ_PHRASES)) + NOT_LETTER_AFTER + _YEAR)
_QUARTER = re.compile(
    r"(?:(?:پایان|آخر)\s*)?" + _QUARTER_WORD + r"\s*(?P<quarter>"
    + alternation(list(_QUARTER_ORDINALS)) + ")" + NOT_LETTER_AFTER + _YEAR
)  # fmt: skip
_THIS_QUARTER_END = re.compile(r"(?:پایان|آخر)\s*(?:این\s*)?" + _QUARTER_WORD + NOT_LETTER_AFTER)


def to_solar_hijri(d: date) -> tuple[int, int, int]:
    """A Gregorian date as (year, month, day) of the Solar Hijri calendar.

    Example:
        >>> to_solar_hijri(date(2026, 12, 31))
        (1405, 10, 10)
    """
    jalali = JalaliDate(d)
    return jalali.year, jalali.month, jalali.day


def solar_hijri_text(d: date) -> str:
    """Day, month name and year, with ASCII digits (the formatter makes them Persian).

    Example:
        >>> solar_hijri_text(date(2026, 12, 31))
        '10 دی 1405'
    """
    year, month, day = to_solar_hijri(d)
    return f"{day} {MONTHS[month - 1]} {year}"


def read_solar_hijri(text: str, today: date) -> tuple[date | ParseError, tuple[int, int]] | None:
    """A Solar Hijri deadline in `text` (lower case, ASCII digits) and where it stands.

    Example:
        >>> read_solar_hijri("تا 29 اسفند", date(2026, 11, 22))
        (datetime.date(2027, 3, 20), (3, 11))
        >>> read_solar_hijri("پایان سال شمسی", date(2024, 11, 22))[0]
        datetime.date(2025, 3, 20)
    """
    this_year = JalaliDate(today).year
    if match := _DAY_MONTH.search(text):
        month = _month_number(match["month"])
        year = int(match["year"]) if match["year"] else None
        return _dated(this_year, year, month, int(match["day"]), today), match.span()
    if match := _NUMERIC.search(text):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        return _dated(this_year, year, month, day, today), match.span()
    if match := _YEAR_END.search(text):
        year = int(match["year"]) if match["year"] else this_year
        return _year_end(year), match.span()
    if match := _QUARTER.search(text):
        quarter = _QUARTER_ORDINALS[match["quarter"]]
        year = int(match["year"]) if match["year"] else None
        return _quarter_end(quarter, year, this_year, today), match.span()
    if match := _THIS_QUARTER_END.search(text):
        _, month, _ = to_solar_hijri(today)
        quarter = (month - 1) // _MONTHS_IN_QUARTER + 1
        return _quarter_end(quarter, this_year, this_year, today), match.span()
    if match := _NOWRUZ.search(text):
        if match["year"]:
            return JalaliDate(int(match["year"]), 1, 1).to_gregorian(), match.span()
        nowruz = JalaliDate(this_year, 1, 1).to_gregorian()
        return (nowruz if nowruz >= today else JalaliDate(this_year + 1, 1, 1).to_gregorian()), (
            match.span()
        )
    return None


def _month_number(typed: str) -> int:
    plain = typed.replace("ي", "ی").replace("ك", "ک")
    return MONTHS.index(plain) + 1


def _quarter_end(quarter: int, year: int | None, this_year: int, today: date) -> date:
    """The last day of a quarter of the Persian year; without a year, the next one ahead.

    Example:
        >>> _quarter_end(1, None, 1405, date(2026, 11, 22))  # 31 Khordad 1406
        datetime.date(2027, 6, 21)
    """
    month = quarter * _MONTHS_IN_QUARTER
    for candidate in (year,) if year is not None else (this_year, this_year + 1):
        end = JalaliDate(candidate, month, JalaliDate.days_in_month(month, candidate))
        if year is not None or end.to_gregorian() >= today:
            return end.to_gregorian()
    return JalaliDate(
        this_year + 1, month, JalaliDate.days_in_month(month, this_year + 1)
    ).to_gregorian()


def _year_end(year: int) -> date:
    return JalaliDate(year, 12, JalaliDate.days_in_month(12, year)).to_gregorian()


def _dated(
    this_year: int, year: int | None, month: int, day: int, today: date
) -> date | ParseError:
    """The date; without a year, the next one that is not past."""
    if not 1 <= month <= len(MONTHS):
        return ParseError.quoting(
            N_("There is no month {month} in the Persian calendar."), EXAMPLE, month=month
        )
    for candidate in (year,) if year is not None else (this_year, this_year + 1):
        if not 1 <= day <= JalaliDate.days_in_month(month, candidate):
            if year is None and candidate == this_year:
                continue  # 30 Esfand this year is missing; next year's may be there
            return ParseError.quoting(
                N_("{year} has no day {day} of {month}."),
                EXAMPLE, year=Year(candidate), day=day, month=MONTHS[month - 1],
            )  # fmt: skip
        found = JalaliDate(candidate, month, day).to_gregorian()
        if year is not None or found >= today:
            return found
    return ParseError.quoting(
        N_("There is no day {day} of {month} ahead."), EXAMPLE, day=day, month=MONTHS[month - 1]
    )
