"""Cadence math: check-ins land at the local time people chose, whatever the clocks do."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.cadence import EPOCH_MONDAY, MAX_OCCURRENCES, Cadence, CadenceKind
from bot.core.cadence.describe import describe_cadence
from bot.core.cadence.occurrences import count_occurrences, next_occurrence, occurrences_between
from bot.core.cadence.parse import parse_cadence
from bot.core.parse_error import ParseError

DAILY = CadenceKind.DAILY
WEEKLY = CadenceKind.WEEKLY
EVERY_N_WEEKS = CadenceKind.EVERY_N_WEEKS
MONTHLY = CadenceKind.MONTHLY


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def monday_at_9(tz: str) -> Cadence:
    return Cadence(WEEKLY, weekdays=(0,), at=time(9), tz=tz)


@pytest.mark.parametrize(
    ("case", "cadence", "start", "end", "expected"),
    [
        (
            "Bucharest autumn: 09:00 local is 06:00 UTC before 25 Oct, 07:00 after",
            monday_at_9("Europe/Bucharest"),
            utc(2026, 10, 15),
            utc(2026, 11, 3),
            [utc(2026, 10, 19, 6), utc(2026, 10, 26, 7), utc(2026, 11, 2, 7)],
        ),
        (
            "Bucharest spring: 29 Mar moves 09:00 from 07:00 to 06:00 UTC",
            monday_at_9("Europe/Bucharest"),
            utc(2026, 3, 20),
            utc(2026, 4, 7),
            [utc(2026, 3, 23, 7), utc(2026, 3, 30, 6), utc(2026, 4, 6, 6)],
        ),
        (
            "Los Angeles spring forward on 8 Mar",
            monday_at_9("America/Los_Angeles"),
            utc(2026, 3, 1),
            utc(2026, 3, 10),
            [utc(2026, 3, 2, 17), utc(2026, 3, 9, 16)],
        ),
        (
            "Los Angeles fall back on 1 Nov",
            monday_at_9("America/Los_Angeles"),
            utc(2026, 10, 25),
            utc(2026, 11, 3),
            [utc(2026, 10, 26, 16), utc(2026, 11, 2, 17)],
        ),
        (
            "Tehran today: no DST, 09:00 is 05:30 UTC all year",
            monday_at_9("Asia/Tehran"),
            utc(2026, 3, 15),
            utc(2026, 3, 31),
            [utc(2026, 3, 16, 5, 30), utc(2026, 3, 23, 5, 30), utc(2026, 3, 30, 5, 30)],
        ),
        (
            "Tehran under its old rules: summer time from 22 Mar 2021",
            monday_at_9("Asia/Tehran"),
            utc(2021, 3, 15),
            utc(2021, 3, 30),
            [utc(2021, 3, 15, 5, 30), utc(2021, 3, 22, 4, 30), utc(2021, 3, 29, 4, 30)],
        ),
        (
            "a time skipped by spring forward moves to the jump (02:30 -> 03:00 PDT)",
            Cadence(DAILY, at=time(2, 30), tz="America/Los_Angeles"),
            utc(2026, 3, 7, 12),
            utc(2026, 3, 9, 12),
            [utc(2026, 3, 8, 10), utc(2026, 3, 9, 9, 30)],
        ),
        (
            "a time repeated by fall back is the first of the two (01:30 PDT)",
            Cadence(DAILY, at=time(1, 30), tz="America/Los_Angeles"),
            utc(2026, 10, 31, 12),
            utc(2026, 11, 2, 12),
            [utc(2026, 11, 1, 8, 30), utc(2026, 11, 2, 9, 30)],
        ),
        (
            "monthly on the 31st falls on the last day of shorter months",
            Cadence(MONTHLY, day_of_month=31, at=time(9), tz="UTC"),
            utc(2026, 1, 1),
            utc(2026, 5, 1),
            [utc(2026, 1, 31, 9), utc(2026, 2, 28, 9), utc(2026, 3, 31, 9), utc(2026, 4, 30, 9)],
        ),
        (
            "a leap February has a 29th",
            Cadence(MONTHLY, day_of_month=30, at=time(9), tz="UTC"),
            utc(2028, 2, 1),
            utc(2028, 3, 31),
            [utc(2028, 2, 29, 9), utc(2028, 3, 30, 9)],
        ),
        (
            "monthly on the last day",
            Cadence(MONTHLY, day_of_month="last", at=time(18), tz="UTC"),
            utc(2026, 4, 1),
            utc(2026, 7, 1),
            [utc(2026, 4, 30, 18), utc(2026, 5, 31, 18), utc(2026, 6, 30, 18)],
        ),
        (
            "every 2 weeks counts from the anchor's week (anchor on a Wednesday)",
            Cadence(
                EVERY_N_WEEKS,
                weekdays=(0,),
                interval_weeks=2,
                anchor=date(2026, 1, 7),
                at=time(10),
                tz="UTC",
            ),
            utc(2026, 1, 1),
            utc(2026, 2, 10),
            [utc(2026, 1, 5, 10), utc(2026, 1, 19, 10), utc(2026, 2, 2, 10)],
        ),
        (
            "every 3 weeks works before the anchor too",
            Cadence(
                EVERY_N_WEEKS,
                weekdays=(4,),
                interval_weeks=3,
                anchor=date(2026, 3, 2),
                at=time(10),
                tz="UTC",
            ),
            utc(2026, 1, 31),
            utc(2026, 3, 31),
            [utc(2026, 2, 13, 10), utc(2026, 3, 6, 10), utc(2026, 3, 27, 10)],
        ),
        (
            "two weekdays",
            Cadence(WEEKLY, weekdays=(0, 3), at=time(9, 30), tz="UTC"),
            utc(2026, 1, 2),
            utc(2026, 1, 13),
            [utc(2026, 1, 5, 9, 30), utc(2026, 1, 8, 9, 30), utc(2026, 1, 12, 9, 30)],
        ),
    ],
)
def test_occurrences_land_on_local_wall_time(
    case: str, cadence: Cadence, start: datetime, end: datetime, expected: list[datetime]
) -> None:
    assert occurrences_between(cadence, start, end) == expected, case
    assert count_occurrences(cadence, start, end) == len(expected), case


def test_next_occurrence_is_strictly_after() -> None:
    cadence = monday_at_9("Europe/Bucharest")
    assert next_occurrence(cadence, utc(2026, 10, 19, 6)) == utc(2026, 10, 26, 7)
    assert next_occurrence(cadence, utc(2026, 10, 19, 5, 59)) == utc(2026, 10, 19, 6)


def test_next_occurrence_is_utc_even_for_other_zones() -> None:
    bucharest_evening = datetime(2026, 10, 25, 20, tzinfo=ZoneInfo("Europe/Bucharest"))
    found = next_occurrence(monday_at_9("Europe/Bucharest"), bucharest_evening)
    assert found == utc(2026, 10, 26, 7) and found.tzinfo is UTC


def test_next_occurrence_needs_an_aware_moment() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_occurrence(monday_at_9("UTC"), datetime(2026, 1, 1))


def test_count_tells_how_many_check_ins_fit_before_a_deadline() -> None:
    weekly = Cadence(WEEKLY, weekdays=(0,), at=time(10), tz="UTC")
    assert count_occurrences(weekly, utc(2026, 1, 1), utc(2026, 4, 1)) == 13
    assert count_occurrences(weekly, utc(2026, 1, 1), utc(2026, 1, 5, 10)) == 1  # end included
    assert count_occurrences(weekly, utc(2026, 1, 5, 10), utc(2026, 1, 6)) == 0  # start excluded


def test_occurrences_between_is_bounded() -> None:
    daily = Cadence(DAILY, tz="UTC")
    span = (utc(2026, 1, 1), utc(2036, 1, 1))
    assert len(occurrences_between(daily, *span)) == MAX_OCCURRENCES
    assert len(occurrences_between(daily, *span, limit=5)) == 5
    assert count_occurrences(daily, *span) == 3652


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"kind": WEEKLY}, "weekday"),
        ({"kind": WEEKLY, "weekdays": (7,)}, "weekdays"),
        ({"kind": EVERY_N_WEEKS, "weekdays": (0,), "interval_weeks": 2}, "anchor"),
        ({"kind": WEEKLY, "weekdays": (0,), "interval_weeks": 0}, "interval_weeks"),
        ({"kind": MONTHLY}, "day_of_month"),
        ({"kind": MONTHLY, "day_of_month": 32}, "day_of_month"),
        ({"kind": DAILY, "tz": "Mars/Olympus"}, "time zone"),
        ({"kind": DAILY, "at": time(9, tzinfo=UTC)}, "naive"),
    ],
)
def test_a_cadence_that_cannot_fire_is_refused(fields: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        Cadence(**fields)  # type: ignore[arg-type]


TZ = "Europe/Bucharest"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weekly", Cadence(WEEKLY, weekdays=(0,), at=time(10), tz=TZ)),
        ("Weekly", Cadence(WEEKLY, weekdays=(0,), at=time(10), tz=TZ)),
        ("daily", Cadence(DAILY, at=time(10), tz=TZ)),
        ("every day", Cadence(DAILY, at=time(10), tz=TZ)),
        ("daily at 9", Cadence(DAILY, at=time(9), tz=TZ)),
        ("every monday", Cadence(WEEKLY, weekdays=(0,), at=time(10), tz=TZ)),
        ("mon and thu 09:30", Cadence(WEEKLY, weekdays=(0, 3), at=time(9, 30), tz=TZ)),
        ("Mon, Wed & Fri at 8:15 a.m.", Cadence(WEEKLY, weekdays=(0, 2, 4), at=time(8, 15), tz=TZ)),
        ("weekly on fridays at 4pm", Cadence(WEEKLY, weekdays=(4,), at=time(16), tz=TZ)),
        ("tuesdays 5.30pm", Cadence(WEEKLY, weekdays=(1,), at=time(17, 30), tz=TZ)),
        ("every weekday", Cadence(WEEKLY, weekdays=(0, 1, 2, 3, 4), at=time(10), tz=TZ)),
        ("weekends at noon", Cadence(WEEKLY, weekdays=(5, 6), at=time(12), tz=TZ)),
        ("every 1 week", Cadence(WEEKLY, weekdays=(0,), at=time(10), tz=TZ)),
        (
            "every 2 weeks",
            Cadence(EVERY_N_WEEKS, weekdays=(0,), interval_weeks=2, anchor=EPOCH_MONDAY, tz=TZ),
        ),
        (
            "biweekly",
            Cadence(EVERY_N_WEEKS, weekdays=(0,), interval_weeks=2, anchor=EPOCH_MONDAY, tz=TZ),
        ),
        (
            "every other week on thursday at 12am",
            Cadence(
                EVERY_N_WEEKS,
                weekdays=(3,),
                interval_weeks=2,
                anchor=EPOCH_MONDAY,
                at=time(0),
                tz=TZ,
            ),
        ),
        ("monthly", Cadence(MONTHLY, day_of_month=1, at=time(10), tz=TZ)),
        ("monthly on the 1st", Cadence(MONTHLY, day_of_month=1, at=time(10), tz=TZ)),
        ("on the 15th at 9am", Cadence(MONTHLY, day_of_month=15, at=time(9), tz=TZ)),
        ("every month on day 31", Cadence(MONTHLY, day_of_month=31, at=time(10), tz=TZ)),
        ("monthly on the last day", Cadence(MONTHLY, day_of_month="last", at=time(10), tz=TZ)),
        ("end of month at 17:00", Cadence(MONTHLY, day_of_month="last", at=time(17), tz=TZ)),
    ],
)
def test_parse_cadence_reads_what_people_type(text: str, expected: Cadence) -> None:
    assert parse_cadence(text, tz=TZ) == expected


def test_parse_cadence_uses_the_callers_default_time_and_anchor() -> None:
    parsed = parse_cadence("fortnightly", tz=TZ, default_time=time(9), anchor=date(2026, 3, 4))
    assert parsed == Cadence(
        EVERY_N_WEEKS, weekdays=(0,), interval_weeks=2, anchor=date(2026, 3, 4), at=time(9), tz=TZ
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "how often"),
        ("   ", "how often"),
        ("sometimes", '"sometimes"'),
        ("every 3 days", '"3 days"'),
        ("daily except sunday", '"except"'),
        ("at 9", "how often"),
        ("at 25:00 daily", "not a time of day"),
        ("daily at 13pm", "not a time of day"),
        ("9am and 4pm daily", "One time of day"),
        ("monthly on monday", "by date"),
        ("daily and monthly", "one rhythm"),
        ("on the 32nd", "no day 32"),
        ("every 0 weeks", "1 to 52 weeks"),
        ("every 60 weeks", "1 to 52 weeks"),
        ("@weeks @dom daily", '"weeks dom"'),
        ("weekly " * 40, "too long"),
    ],
)
def test_parse_cadence_explains_what_it_could_not_read(text: str, message: str) -> None:
    parsed = parse_cadence(text, tz=TZ)
    assert isinstance(parsed, ParseError)
    assert message in parsed.message
    assert isinstance(parse_cadence(parsed.example, tz=TZ), Cadence)


def test_parse_cadence_refuses_an_unknown_time_zone() -> None:
    parsed = parse_cadence("daily", tz="Mars/Olympus")
    assert isinstance(parsed, ParseError) and "Mars/Olympus" in parsed.message


@pytest.mark.parametrize(
    ("cadence", "words"),
    [
        (monday_at_9(TZ), "every Monday at 09:00 (Europe/Bucharest)"),
        (Cadence(DAILY, tz="UTC"), "every day at 10:00 (UTC)"),
        (
            Cadence(WEEKLY, weekdays=(0, 1, 2, 3, 4), tz=TZ),
            "every weekday at 10:00 (Europe/Bucharest)",
        ),
        (
            Cadence(WEEKLY, weekdays=(0, 2, 4), at=time(8, 15), tz="UTC"),
            "every Monday, Wednesday and Friday at 08:15 (UTC)",
        ),
        (
            Cadence(
                EVERY_N_WEEKS, weekdays=(3,), interval_weeks=2, anchor=date(2026, 1, 5), tz="UTC"
            ),
            "every 2 weeks on Thursday at 10:00 (UTC), counting from the week of 2026-01-05",
        ),
        (Cadence(MONTHLY, day_of_month=1, tz="UTC"), "monthly on the 1st at 10:00 (UTC)"),
        (Cadence(MONTHLY, day_of_month=22, tz="UTC"), "monthly on the 22nd at 10:00 (UTC)"),
        (Cadence(MONTHLY, day_of_month=13, tz="UTC"), "monthly on the 13th at 10:00 (UTC)"),
        (
            Cadence(MONTHLY, day_of_month=31, tz="UTC"),
            "monthly on the 31st (or the month's last day) at 10:00 (UTC)",
        ),
        (Cadence(MONTHLY, day_of_month="last", tz="UTC"), "monthly on the last day at 10:00 (UTC)"),
    ],
)
def test_describe_cadence_says_it_in_plain_words(cadence: Cadence, words: str) -> None:
    assert describe_cadence(cadence) == words


ZONES = (
    "UTC",
    "Europe/Bucharest",
    "America/Los_Angeles",
    "Asia/Tehran",
    "Europe/Istanbul",
    "Asia/Ho_Chi_Minh",
    "Australia/Lord_Howe",  # half-hour DST
    "America/St_Johns",
)

weekday_sets = st.sets(st.integers(0, 6), min_size=1).map(lambda days: tuple(sorted(days)))

cadences = st.one_of(
    st.builds(Cadence, kind=st.just(DAILY)),
    st.builds(Cadence, kind=st.just(WEEKLY), weekdays=weekday_sets),
    st.builds(
        Cadence,
        kind=st.just(EVERY_N_WEEKS),
        weekdays=weekday_sets,
        interval_weeks=st.integers(2, 8),
        anchor=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    ),
    st.builds(
        Cadence,
        kind=st.just(MONTHLY),
        day_of_month=st.one_of(st.integers(1, 31), st.just("last")),
    ),
).flatmap(
    lambda cadence: st.builds(
        Cadence,
        kind=st.just(cadence.kind),
        weekdays=st.just(cadence.weekdays),
        interval_weeks=st.just(cadence.interval_weeks),
        anchor=st.just(cadence.anchor),
        day_of_month=st.just(cadence.day_of_month),
        at=st.times(),
        tz=st.sampled_from(ZONES),
    )
)

moments = st.datetimes(datetime(1990, 1, 1), datetime(2060, 1, 1), timezones=st.just(UTC))


def _fires_on(cadence: Cadence, day: date) -> bool:
    """An independent reading of the cadence rules, for the property test."""
    if cadence.kind is DAILY:
        return True
    if cadence.kind is MONTHLY:
        last = calendar.monthrange(day.year, day.month)[1]
        wanted = last if cadence.day_of_month == "last" else cadence.day_of_month
        return day.day == min(int(wanted or 1), last)
    if day.weekday() not in cadence.weekdays:
        return False
    if cadence.kind is WEEKLY:
        return True
    assert cadence.anchor is not None
    monday = day - timedelta(days=day.weekday())
    anchor_monday = cadence.anchor - timedelta(days=cadence.anchor.weekday())
    return ((monday - anchor_monday).days // 7) % cadence.interval_weeks == 0


def _existing_wall_time(day: date, at: time, zone: ZoneInfo) -> datetime | None:
    wall = datetime.combine(day, at, tzinfo=zone)
    instant = wall.astimezone(UTC)
    exists = instant.astimezone(zone).replace(tzinfo=None) == wall.replace(tzinfo=None)
    return instant if exists else None


@settings(max_examples=200, deadline=None)
@given(cadence=cadences, after=moments)
# Found by Hypothesis: a stored time with fold=1 inside Bucharest's 1996 spring-forward gap
# resolved to 23:00 the evening before.
@example(
    cadence=Cadence(
        CadenceKind.MONTHLY, day_of_month="last", at=time(0, 0, fold=1), tz="Europe/Bucharest"
    ),
    after=datetime(1996, 3, 15, tzinfo=UTC),
)
def test_next_occurrence_is_the_first_matching_wall_time_after(
    cadence: Cadence, after: datetime
) -> None:
    found = next_occurrence(cadence, after)
    zone = ZoneInfo(cadence.tz)
    assert found > after and found.tzinfo is UTC
    local = found.astimezone(zone)
    if _existing_wall_time(local.date(), cadence.at, zone) is not None:
        assert local.time() == cadence.at
        assert _fires_on(cadence, local.date())
    # No matching existing wall time was skipped between `after` and `found`.
    day = after.astimezone(zone).date()
    while day < local.date():
        if _fires_on(cadence, day):
            instant = _existing_wall_time(day, cadence.at, zone)
            assert instant is None or not after < instant < found
        day += timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80))
def test_parse_cadence_never_raises_on_any_text(text: str) -> None:
    assert isinstance(parse_cadence(text, tz=TZ), Cadence | ParseError)


VOCABULARY = (
    "daily",
    "weekly",
    "monthly",
    "biweekly",
    "every",
    "each",
    "other",
    "week",
    "weeks",
    "day",
    "month",
    "on",
    "at",
    "the",
    "and",
    "last",
    "mon",
    "fridays",
    "weekday",
    "weekend",
    "1st",
    "22nd",
    "31st",
    "32nd",
    "0",
    "2",
    "9",
    "13",
    "99",
    "9am",
    "12pm",
    "13pm",
    "4:30",
    "25:61",
    "noon",
    "midnight",
    "a.m.",
    ",",
    "&",
    "day 15",
    "end of month",
)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(VOCABULARY), max_size=8))
def test_parse_cadence_answers_every_mix_of_schedule_words(words: list[str]) -> None:
    parsed = parse_cadence(" ".join(words), tz=TZ)
    if isinstance(parsed, ParseError):
        assert parsed.message and isinstance(parse_cadence(parsed.example, tz=TZ), Cadence)
    else:
        assert f"({TZ})" in describe_cadence(parsed)
