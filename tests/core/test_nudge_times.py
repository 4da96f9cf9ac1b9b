"""Several reminder times and quiet hours, read from what people type and worked out on
the local calendar (clock changes included)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.several import MAX_TIMES, last_at_or_before, next_of_any, parse_times
from bot.core.parse_error import ParseError
from bot.core.quiet_hours import DEFAULT_HOURS, SendingHours, parse_sending_hours, sending_hours

TIMES = [
    ("mon 10:00 and thu 16:00", [((0,), time(10)), ((3,), time(16))]),
    ("mon and thu 9:30", [((0, 3), time(9, 30))]),
    ("mon, wed 9am; fri 4pm", [((0, 2), time(9)), ((4,), time(16))]),
    ("weekdays 9:00 and 17:00", [((0, 1, 2, 3, 4), time(9)), ((0, 1, 2, 3, 4), time(17))]),
    ("tue 10:00 & tue 10:00", [((1,), time(10))]),
]


@pytest.mark.parametrize(("typed", "expected"), TIMES)
def test_several_times_are_read_one_cadence_per_time(typed: str, expected: list[object]) -> None:
    cadences = parse_times(typed, tz="Europe/Bucharest")

    assert not isinstance(cadences, ParseError)
    assert [(c.weekdays, c.at) for c in cadences] == expected


def test_too_many_times_or_unreadable_parts_are_refused_in_words() -> None:
    many = " and ".join(f"daily {hour}:00" for hour in range(MAX_TIMES + 1))

    assert isinstance(parse_times(many, tz="UTC"), ParseError)
    unreadable = parse_times("mon 10:00 and blursday 16:00", tz="UTC")
    assert isinstance(unreadable, ParseError) and "I don't know" in unreadable.message


@given(st.text(max_size=120))
def test_reading_times_never_raises(typed: str) -> None:
    assert isinstance(parse_times(typed, tz="UTC"), tuple | ParseError)


@given(st.text(max_size=40))
def test_reading_quiet_hours_never_raises(typed: str) -> None:
    read = parse_sending_hours(typed)
    assert isinstance(read, SendingHours | ParseError)
    assert sending_hours(typed) in (read, DEFAULT_HOURS)


def test_the_earliest_time_wins_and_a_sent_time_waits_for_its_next_day() -> None:
    morning = Cadence(CadenceKind.DAILY, at=time(9), tz="Europe/Bucharest")
    evening = Cadence(CadenceKind.DAILY, at=time(16), tz="Europe/Bucharest")
    sent = datetime(2026, 11, 23, 14, tzinfo=UTC)  # 16:00 local

    assert next_of_any([morning, evening], sent, skip_day_of=sent) == datetime(
        2026, 11, 24, 7, tzinfo=UTC
    )
    assert last_at_or_before([morning, evening], datetime(2026, 11, 24, 6, tzinfo=UTC)) == sent


# (window, zone, a moment outside it, when it may be sent): the night the clocks change.
NIGHTS = [
    ("08:00-20:00", "Europe/Bucharest", "2026-10-24T18:00:00+00:00", "2026-10-25T06:00:00+00:00"),
    ("08:00-20:00", "Europe/Bucharest", "2026-03-28T18:30:00+00:00", "2026-03-29T05:00:00+00:00"),
    ("08:00-20:00", "America/New_York", "2026-11-01T02:00:00+00:00", "2026-11-01T13:00:00+00:00"),
    ("22:00-06:00", "UTC", "2026-11-23T12:00:00+00:00", "2026-11-23T22:00:00+00:00"),
    ("03:30-20:00", "Europe/Bucharest", "2026-03-29T00:00:00+00:00", "2026-03-29T01:00:00+00:00"),
]


@pytest.mark.parametrize(("window", "zone", "outside", "allowed"), NIGHTS)
def test_what_falls_due_outside_waits_for_the_local_start(
    window: str, zone: str, outside: str, allowed: str
) -> None:
    hours = parse_sending_hours(window)
    assert isinstance(hours, SendingHours)
    moment = datetime.fromisoformat(outside)

    assert not hours.allows(moment, zone)
    assert hours.next_allowed(moment, zone) == datetime.fromisoformat(allowed)
    assert hours.allows(datetime.fromisoformat(allowed), zone)
