"""Deadlines as users type them, resolved in their own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.dates import AmbiguousDate, end_of_day, format_date, parse_deadline
from bot.core.parse_error import ParseError

BUCHAREST = ZoneInfo("Europe/Bucharest")
TEHRAN = ZoneInfo("Asia/Tehran")
# Sunday 22 November 2026, mid-morning in Bucharest.
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=BUCHAREST)

DEADLINE_CASES = [
    # written dates
    ("by Dec 31", date(2026, 12, 31)),
    ("31 December", date(2026, 12, 31)),
    ("December 31, 2026", date(2026, 12, 31)),
    ("Dec 31st 2027", date(2027, 12, 31)),
    ("2026-12-31", date(2026, 12, 31)),
    ("2027/01/15", date(2027, 1, 15)),
    ("31/12", date(2026, 12, 31)),
    ("12/31", date(2026, 12, 31)),
    ("31.12.2026", date(2026, 12, 31)),
    ("05.06", date(2027, 6, 5)),
    ("31/12/26", date(2026, 12, 31)),
    ("05/05", date(2027, 5, 5)),
    ("2026-11-22", date(2026, 11, 22)),
    # a dotted day.month needs a date's shape: two digits, or nothing else typed
    ("01.05", date(2027, 5, 1)),
    ("by 31.12", date(2026, 12, 31)),
    ("1.5", date(2027, 5, 1)),
    ("1.5.2027", date(2027, 5, 1)),
    # no year: the next such date not in the past
    ("31 Oct", date(2027, 10, 31)),
    ("1 January", date(2027, 1, 1)),
    ("Feb 29", date(2028, 2, 29)),
    # other languages and digits
    ("31 decembrie", date(2026, 12, 31)),
    ("până pe 15 ianuarie 2027", date(2027, 1, 15)),
    ("31 Aralık", date(2026, 12, 31)),
    ("31 Aralık'a kadar", date(2026, 12, 31)),
    ("ngày 31 tháng 12", date(2026, 12, 31)),
    ("31 tháng 12 năm 2027", date(2027, 12, 31)),
    ("۳۱ دسامبر", date(2026, 12, 31)),
    ("۲۰۲۷-۰۳-۲۰", date(2027, 3, 20)),
    # quarters, halves and period ends
    ("end of Q1", date(2027, 3, 31)),
    ("Q3", date(2027, 9, 30)),
    ("Q4", date(2026, 12, 31)),
    ("end of Q2 2027", date(2027, 6, 30)),
    ("quý 1", date(2027, 3, 31)),
    ("H1", date(2027, 6, 30)),
    ("end of quarter", date(2026, 12, 31)),
    ("next quarter", date(2027, 3, 31)),
    ("end of the year", date(2026, 12, 31)),
    ("EOY", date(2026, 12, 31)),
    ("sfârșitul anului", date(2026, 12, 31)),
    ("yıl sonu", date(2026, 12, 31)),
    ("cuối năm", date(2026, 12, 31)),
    ("پایان سال میلادی", date(2026, 12, 31)),
    ("next year", date(2027, 12, 31)),
    ("end of month", date(2026, 11, 30)),
    ("next month", date(2026, 12, 31)),
    ("luna viitoare", date(2026, 12, 31)),
    ("by December", date(2026, 12, 31)),
    ("end of March 2027", date(2027, 3, 31)),
    ("end of May", date(2027, 5, 31)),
    ("Aralık sonu", date(2026, 12, 31)),
    ("cuối tháng 12", date(2026, 12, 31)),
    # spans from today
    ("in 6 weeks", date(2027, 1, 3)),
    ("in 10 days", date(2026, 12, 2)),
    ("in 3 months", date(2027, 2, 22)),
    ("in a week", date(2026, 11, 29)),
    ("peste 3 luni", date(2027, 2, 22)),
    ("6 hafta sonra", date(2027, 1, 3)),
    ("trong 10 ngày", date(2026, 12, 2)),
    ("۶ هفته دیگر", date(2027, 1, 3)),
    # days of the week and tomorrow (today is a Sunday)
    ("next Friday", date(2026, 11, 27)),
    ("Friday", date(2026, 11, 27)),
    ("by Sunday", date(2026, 11, 29)),
    ("vineri", date(2026, 11, 27)),
    ("cuma", date(2026, 11, 27)),
    ("thứ sáu", date(2026, 11, 27)),
    ("جمعه", date(2026, 11, 27)),
    ("end of week", date(2026, 11, 27)),
    ("next week", date(2026, 12, 4)),
    ("tomorrow", date(2026, 11, 23)),
    ("mâine", date(2026, 11, 23)),
    ("yarın", date(2026, 11, 23)),
    ("ngày mai", date(2026, 11, 23)),
    ("فردا", date(2026, 11, 23)),
]


@pytest.mark.parametrize(("typed", "expected"), DEADLINE_CASES)
def test_parse_deadline_reads_what_people_type(typed: str, expected: date) -> None:
    assert parse_deadline(typed, now=NOW, tz=BUCHAREST) == expected


def test_a_date_that_reads_both_ways_is_asked_back() -> None:
    found = parse_deadline("05/06", now=NOW, tz=BUCHAREST)
    assert isinstance(found, AmbiguousDate)
    assert found.options == (date(2027, 6, 5), date(2027, 5, 6))
    assert "5 Jun 2027" in found.message and "6 May 2027" in found.message


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("", "didn't get"),
        ("whenever", "couldn't find"),
        ("I may", "couldn't find"),
        ("2025-01-01", "passed"),
        ("Q1 2026", "passed"),
        ("31.12.2020", "passed"),
        ("2035-01-01", "5 years"),
        ("in 400 months", "5 years"),
        ("30 Feb 2027", "no 30 Feb"),
        ("31/04", "no 31 Apr"),
        # amounts typed at the deadline question are not read as day.month
        ("$1.5k", "amount"),
        ("1.5k", "amount"),
        ("€2.5", "amount"),
        ("2.5 mln", "amount"),
        ("1,2 mln", "amount"),
        ("3.2%", "amount"),
        ("1.5 lei", "amount"),
        ("by 1.5", "couldn't find"),
        ("پایان سال", "Iranian"),
    ],
)
def test_parse_deadline_explains_what_it_cannot_use(typed: str, message_part: str) -> None:
    error = parse_deadline(typed, now=NOW, tz=BUCHAREST)
    assert isinstance(error, ParseError), error
    assert message_part in error.message
    assert error.example


# 20:45 UTC: still Sunday evening in Bucharest, already Monday 00:15 in Tehran.
NEAR_MIDNIGHT = datetime(2026, 11, 22, 20, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "in_bucharest", "in_tehran"),
    [
        ("tomorrow", date(2026, 11, 23), date(2026, 11, 24)),
        ("in 10 days", date(2026, 12, 2), date(2026, 12, 3)),
        ("next Monday", date(2026, 11, 23), date(2026, 11, 30)),
        ("2026-11-22", date(2026, 11, 22), None),
    ],
)
def test_deadlines_resolve_in_the_users_time_zone(
    typed: str, in_bucharest: date, in_tehran: date | None
) -> None:
    assert parse_deadline(typed, now=NEAR_MIDNIGHT, tz=BUCHAREST) == in_bucharest
    found_in_tehran = parse_deadline(typed, now=NEAR_MIDNIGHT, tz=TEHRAN)
    if in_tehran is None:
        assert isinstance(found_in_tehran, ParseError)  # already yesterday in Tehran
    else:
        assert found_in_tehran == in_tehran


@pytest.mark.parametrize(
    ("day", "tz", "expected"),
    [
        (date(2026, 12, 31), BUCHAREST, datetime(2026, 12, 31, 21, 59, 59, tzinfo=UTC)),
        (date(2026, 7, 31), BUCHAREST, datetime(2026, 7, 31, 20, 59, 59, tzinfo=UTC)),
        (date(2026, 12, 31), TEHRAN, datetime(2026, 12, 31, 20, 29, 59, tzinfo=UTC)),
        (
            date(2026, 12, 31),
            ZoneInfo("Asia/Ho_Chi_Minh"),
            datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC),
        ),
    ],
)
def test_end_of_day_is_the_last_second_of_the_local_day(
    day: date, tz: ZoneInfo, expected: datetime
) -> None:
    result = end_of_day(day, tz)
    assert result == expected and result.tzinfo is UTC


@pytest.mark.parametrize(
    ("day", "written"),
    [(date(2026, 12, 31), "31 Dec 2026"), (date(2027, 3, 1), "1 Mar 2027")],
)
def test_format_date_writes_day_month_year(day: date, written: str) -> None:
    assert format_date(day) == written


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from([BUCHAREST, TEHRAN]))
def test_parse_deadline_never_raises(text: str, tz: ZoneInfo) -> None:
    found = parse_deadline(text, now=NOW, tz=tz)
    assert isinstance(found, date | AmbiguousDate | ParseError)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2026, 11, 22), max_value=date(2031, 11, 22)))
def test_formatted_dates_read_back_the_same(day: date) -> None:
    assert parse_deadline(format_date(day), now=NOW, tz=BUCHAREST) == day


@pytest.mark.parametrize("typed", ["x" * 10_000, "1/" * 5_000, "in " * 3_000, "۱" * 10_000])
def test_parse_deadline_answers_long_input(typed: str) -> None:
    assert isinstance(parse_deadline(typed, now=NOW, tz=BUCHAREST), date | ParseError)
