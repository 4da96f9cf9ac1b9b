"""Solar Hijri dates in and out, against known conversions."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import parse_deadline
from bot.core.parse_error import ParseError
from bot.core.persian_calendar import solar_hijri_text, to_solar_hijri
from bot.i18n.formats import day

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=TEHRAN)  # 1 Azar 1405


@pytest.mark.parametrize(
    ("gregorian", "solar_hijri"),
    [
        (date(2026, 12, 31), (1405, 10, 10)),
        (date(2026, 11, 22), (1405, 9, 1)),
        (date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year
        (date(2025, 3, 21), (1404, 1, 1)),  # Nowruz 1404
        (date(2024, 3, 20), (1403, 1, 1)),  # Nowruz 1403
        (date(2026, 3, 21), (1405, 1, 1)),
        (date(1979, 2, 11), (1357, 11, 22)),
        (date(2000, 1, 1), (1378, 10, 11)),
    ],
)
def test_known_conversions(gregorian: date, solar_hijri: tuple[int, int, int]) -> None:
    assert to_solar_hijri(gregorian) == solar_hijri


def test_a_date_is_written_in_persian_on_the_persian_calendar() -> None:
    assert solar_hijri_text(date(2026, 12, 31)) == "10 دی 1405"
    assert day(date(2026, 12, 31), "fa") == "۱۰ دی ۱۴۰۵"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("۲۹ اسفند", date(2027, 3, 20)),
        ("تا ۲۹ اسفند", date(2027, 3, 20)),
        ("۱۰ دی ۱۴۰۵", date(2026, 12, 31)),
        ("تا ۱۰ دی", date(2026, 12, 31)),
        ("۱ فروردين", date(2027, 3, 21)),  # typed with an Arabic keyboard's ي
        ("پایان سال شمسی", date(2027, 3, 20)),  # 29 Esfand: 1405 is no leap year
        ("آخر سال شمسی ۱۴۰۸", date(2030, 3, 20)),  # 30 Esfand in the leap year 1408
        ("۳۰ اسفند ۱۴۰۸", date(2030, 3, 20)),
        ("نوروز", date(2027, 3, 21)),
        ("تا عید نوروز ۱۴۰۶", date(2027, 3, 21)),
        ("۱۴۰۵/۰۹/۰۱", date(2026, 11, 22)),
        ("1405-12-29", date(2027, 3, 20)),
        ("۳۰ آذر", date(2026, 12, 21)),
    ],
)
def test_persian_calendar_deadlines_are_read(typed: str, meant: date) -> None:
    assert parse_deadline(typed, now=NOW, tz=TEHRAN) == meant


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("۳۰ اسفند ۱۴۰۵", "no day 30"),
        ("۳۲ دی", "no day 32"),
        ("1405/13/01", "no month 13"),
        ("پایان سال", "Iranian"),  # which year-end is meant is still asked
    ],
)
def test_impossible_persian_dates_are_explained(typed: str, message_part: str) -> None:
    found = parse_deadline(typed, now=NOW, tz=TEHRAN)
    assert isinstance(found, ParseError), found
    assert message_part in found.message


def test_gregorian_dates_in_persian_text_are_still_gregorian() -> None:
    assert parse_deadline("پایان سال میلادی", now=NOW, tz=TEHRAN) == date(2026, 12, 31)
