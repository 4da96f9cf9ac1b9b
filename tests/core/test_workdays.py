"""Work weeks, public holidays and plans in working time (bot.core.workdays)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.cadence import Cadence, CadenceKind
from bot.core.parse_error import ParseError
from bot.core.plan import expected_value
from bot.core.workdays import (
    DayOffRule,
    WorkCalendar,
    calendar_from_spec,
    calendar_spec,
    country_code,
    next_working_occurrence,
    parse_workweek,
    working_fraction,
    workweek_text,
)

IRAN = WorkCalendar(frozenset({6, 0, 1, 2, 3}), "IR", "Asia/Tehran")


@pytest.mark.parametrize(
    ("typed", "days", "shown"),
    [
        ("sun-thu", {6, 0, 1, 2, 3}, "sun-thu"),
        ("Mon-Fri", {0, 1, 2, 3, 4}, "mon-fri"),
        ("sat-wed", {5, 6, 0, 1, 2}, "sat-wed"),  # wraps past Sunday
        ("monday, tuesday,thu", {0, 1, 3}, "mon,tue,thu"),
        ("mon-sun", set(range(7)), "mon-sun"),
    ],
)
def test_work_weeks_are_read_and_written_back(typed: str, days: set[int], shown: str) -> None:
    read = parse_workweek(typed)
    assert read == frozenset(days)
    assert workweek_text(frozenset(days)) == shown


@given(st.text(max_size=40))
def test_any_text_is_a_work_week_or_a_clear_refusal(text: str) -> None:
    read = parse_workweek(text)
    assert isinstance(read, frozenset | ParseError)
    if isinstance(read, ParseError):
        assert read.example == "/goals workweek sun-thu"


@given(st.text(max_size=30))
def test_any_text_is_a_country_or_none(text: str) -> None:
    assert country_code(text) is None or len(country_code(text) or "") == 2


def test_countries_by_code_and_name() -> None:
    assert [country_code(t) for t in ("IR", "irn", "Iran", "ایران", "RO", "tr", "VN", "ae")] == [
        "IR", "IR", "IR", "IR", "RO", "TR", "VN", "AE",
    ]  # fmt: skip


def test_iran_has_nowruz_and_islamic_holidays() -> None:
    """The `holidays` package knows the Persian calendar (Nowruz, 1-4 Farvardin) and the
    Islamic lunar holidays (marked estimated there)."""
    assert [IRAN.holiday(date(2027, 3, d)) for d in (21, 22, 23, 24)] == [
        "Nowruz", "Nowruz Holiday", "Nowruz Holiday", "Nowruz Holiday",
    ]  # fmt: skip
    assert "Ashura" in (IRAN.holiday(date(2027, 6, 16)) or "")
    assert IRAN.is_day_off(date(2027, 3, 26))  # a Friday
    assert not IRAN.is_day_off(date(2027, 3, 28))  # a Sunday


def test_a_reminder_on_nowruz_moves_past_the_four_days() -> None:
    sunday_nine = Cadence(CadenceKind.WEEKLY, weekdays=(6,), at=time(9), tz="Asia/Tehran")
    after = datetime(2027, 3, 15, tzinfo=UTC)

    moved = next_working_occurrence(sunday_nine, after, IRAN, DayOffRule.MOVE)
    skipped = next_working_occurrence(sunday_nine, after, IRAN, DayOffRule.SKIP)

    assert moved == datetime(2027, 3, 25, 5, 30, tzinfo=UTC)  # Thursday 09:00 Tehran
    assert skipped == datetime(2027, 3, 28, 5, 30, tzinfo=UTC)  # the next Sunday


def test_a_calendar_with_no_working_day_leaves_the_reminder_where_it_was() -> None:
    never = WorkCalendar(frozenset({2}), None, "UTC")
    daily = Cadence(CadenceKind.DAILY, at=time(9), tz="UTC")
    only_on_monday = Cadence(CadenceKind.WEEKLY, weekdays=(0,), at=time(9), tz="UTC")
    after = datetime(2026, 12, 7, 10, tzinfo=UTC)

    assert next_working_occurrence(daily, after, never, DayOffRule.MOVE).weekday() == 2
    plain = next_working_occurrence(only_on_monday, after, never, DayOffRule.SKIP)
    assert plain == datetime(2026, 12, 14, 9, tzinfo=UTC)


def test_a_plan_in_working_days_expects_nothing_over_the_weekend() -> None:
    week = WorkCalendar(frozenset(range(5)), None, "UTC")
    monday, next_monday = datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 9, tzinfo=UTC)
    wednesday_noon = datetime(2026, 11, 4, 12, tzinfo=UTC)
    saturday = datetime(2026, 11, 7, 12, tzinfo=UTC)

    assert working_fraction(week, monday, next_monday, wednesday_noon) == Decimal("0.5")
    assert working_fraction(week, monday, next_monday, saturday) == 1
    calendar_days = expected_value(Decimal(0), Decimal(100), monday, next_monday, saturday)
    working_days = expected_value(
        Decimal(0), Decimal(100), monday, next_monday, saturday, calendar=week
    )
    assert (calendar_days, working_days) == (Decimal("78.57"), Decimal("100.00"))


def test_holidays_are_left_out_of_a_plan() -> None:
    # Three weeks from Sunday midnight in Tehran: 15 Sun-Thu days, of which Nowruz (21-24
    # Mar) and Islamic Republic Day (1 Apr) take 5; five were worked when Nowruz ends.
    start = datetime(2027, 3, 13, 20, 30, tzinfo=UTC)
    deadline = datetime(2027, 4, 3, 20, 30, tzinfo=UTC)
    at_nowruz_end = datetime(2027, 3, 24, 20, 30, tzinfo=UTC)  # midnight in Tehran
    assert working_fraction(IRAN, start, deadline, at_nowruz_end) == Decimal("0.5")


def test_a_calendar_survives_its_one_line_form() -> None:
    assert calendar_spec(IRAN) == "sun-thu IR Asia/Tehran"
    assert calendar_from_spec(calendar_spec(IRAN)) == IRAN
    assert calendar_from_spec("garbage").workweek == frozenset(range(7))
