"""When check-ins and digests fall: schedules kept in local wall time.

A cadence says "Mondays at 09:00 in Europe/Bucharest", so the 09:00 stays 09:00
for the people reading it when the clocks change. Occurrences are worked out on
local calendar dates with `zoneinfo` and returned as aware UTC datetimes.

Two local times need a rule. A time that does not exist (skipped when clocks
spring forward) moves to the first instant after the gap, i.e. the moment the
clocks jump. A time that happens twice (when clocks fall back) means the first of
the two.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_OCCURRENCES = 1000
"""The most occurrences `occurrences_between` lists, so a long span cannot flood a caller."""

MAX_INTERVAL_WEEKS = 52
"""The longest gap "every N weeks" accepts; longer than a year is not a check-in rhythm."""

EPOCH_MONDAY = date(2024, 1, 1)
"""The week "every N weeks" counts from when nobody chose one (a Monday)."""

DayOfMonth = int | Literal["last"]

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WORKDAYS = (0, 1, 2, 3, 4)


class CadenceKind(StrEnum):
    """The shape of a schedule."""

    DAILY = "daily"
    WEEKLY = "weekly"
    EVERY_N_WEEKS = "every_n_weeks"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Cadence:
    """A repeating local time: daily, on weekdays, every N weeks, or monthly.

    `weekdays` (0 = Monday .. 6 = Sunday) applies to WEEKLY and EVERY_N_WEEKS.
    EVERY_N_WEEKS fires in the week of `anchor` and every `interval_weeks` after.
    MONTHLY fires on `day_of_month`, pulled back to the month's last day when the
    month is shorter, or on the last day when it is "last". `at` is a local wall
    time in `tz` (an IANA name).

    Example:
        >>> Cadence(CadenceKind.WEEKLY, weekdays=(0,), at=time(9), tz="Europe/Bucharest")
    """

    kind: CadenceKind
    weekdays: tuple[int, ...] = ()
    interval_weeks: int = 1
    anchor: date | None = None
    day_of_month: DayOfMonth | None = None
    at: time = time(10, 0)
    tz: str = "UTC"

    def __post_init__(self) -> None:
        problem = _cadence_problem(self)
        if problem:
            raise ValueError(problem)


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why a cadence could not be read, with an example of one that can."""

    message: str
    example: str


def next_occurrence(cadence: Cadence, after: datetime) -> datetime:
    """The first occurrence strictly after `after`, as an aware UTC datetime.

    Example:
        >>> weekly = Cadence(CadenceKind.WEEKLY, weekdays=(0,), at=time(9), tz="Europe/Bucharest")
        >>> next_occurrence(weekly, datetime(2026, 10, 24, tzinfo=UTC))
        datetime.datetime(2026, 10, 26, 7, 0, tzinfo=datetime.timezone.utc)
    """
    return next(_occurrences_after(cadence, after))


def occurrences_between(
    cadence: Cadence, start: datetime, end: datetime, *, limit: int = MAX_OCCURRENCES
) -> list[datetime]:
    """Occurrences after `start` and at or before `end`, oldest first, at most `limit`.

    Example:
        >>> daily = Cadence(CadenceKind.DAILY, at=time(9), tz="UTC")
        >>> len(occurrences_between(daily, datetime(2026, 1, 1, tzinfo=UTC),
        ...                         datetime(2026, 1, 8, tzinfo=UTC)))
        7
    """
    found: list[datetime] = []
    for moment in _occurrences_after(cadence, start):
        if moment > end or len(found) >= limit:
            break
        found.append(moment)
    return found


def count_occurrences(cadence: Cadence, start: datetime, end: datetime) -> int:
    """How many occurrences fall after `start` and at or before `end` (no limit).

    Example:
        >>> weekly = Cadence(CadenceKind.WEEKLY, weekdays=(0,), tz="UTC")
        >>> count_occurrences(weekly, datetime(2026, 1, 1, tzinfo=UTC),
        ...                   datetime(2026, 4, 1, tzinfo=UTC))
        13
    """
    count = 0
    for moment in _occurrences_after(cadence, start):
        if moment > end:
            break
        count += 1
    return count


def parse_cadence(
    text: str,
    *,
    tz: str,
    default_time: time = time(10, 0),
    anchor: date = EPOCH_MONDAY,
) -> Cadence | ParseError:
    """Read a schedule a person typed, such as "mon and thu 09:30" or "biweekly".

    Understands daily / weekly / every N weeks (biweekly, fortnightly, every other
    week) / monthly (on the 1st, on the 15th, on the last day), weekday names
    (mon, Mondays, weekdays, weekends) and one time of day (9, 9am, 4pm, 09:30,
    16:00, noon, midnight). "weekly" alone means Mondays; "monthly" alone means
    the 1st. `anchor` is a date in the week "every N weeks" starts from. Never
    raises: unreadable text gives a `ParseError`.

    Example:
        >>> parse_cadence("weekly on fridays at 4pm", tz="UTC").weekdays
        (4,)
        >>> parse_cadence("every 3 days", tz="UTC").message
        'I don\\'t know "3 days" in a schedule.'
    """
    if _zone(tz) is None:
        return ParseError(f'"{tz}" is not a time zone I know.', "Europe/Bucharest")
    normalised = " ".join(text.lower().split())
    if not normalised:
        return ParseError("Say how often to check in.", _EXAMPLE)
    if len(normalised) > _MAX_TEXT:
        return ParseError("That schedule is too long for me to read.", _EXAMPLE)
    at, rest = _take_time(normalised)
    if isinstance(at, ParseError):
        return at
    words = _read_words(rest)
    if isinstance(words, ParseError):
        return words
    return _build(words, tz=tz, at=at or default_time, anchor=anchor)


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


_EXAMPLE = "mon and thu at 09:30"
_MAX_TEXT = 200

# Phrases rewritten into single marker words before the rest is read word by word.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:bi-?weekly|fortnightly|every other week|every fortnight)\b"), " @weeks2 "),
    (re.compile(r"\b(?:every|each) (\d{1,3}) weeks?\b"), r" @weeks\1 "),
    (re.compile(r"\b(?:weekly|(?:every|each) week)\b"), " @weekly "),
    (re.compile(r"\b(?:daily|(?:every|each) day)\b"), " @daily "),
    (re.compile(r"\b(?:monthly|(?:every|each) month)\b"), " @monthly "),
    (
        re.compile(
            r"\b(?:(?:the )?last day(?: of (?:the|each|every) month)?|end of (?:the )?month)\b"
        ),
        " @last ",
    ),
    (re.compile(r"\b(?:the )?(\d{1,3})(?:st|nd|rd|th)\b(?: day)?"), r" @dom\1 "),
    (re.compile(r"\bday (\d{1,3})\b"), r" @dom\1 "),
)

_TIME_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:at )?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}) ?(?P<half>am|pm|a\.m\.|p\.m\.)?(?!\w)"
    ),
    re.compile(r"\b(?:at )?(?P<hour>\d{1,2}) ?(?P<half>am|pm|a\.m\.|p\.m\.)(?!\w)"),
    re.compile(r"\bat (?P<hour>\d{1,2})\b(?![:.]?\d)"),
    re.compile(r"\b(?:at )?(?P<named>noon|midday|midnight)\b"),
)

_WEEKDAY_WORDS: dict[str, tuple[int, ...]] = {
    **{
        name: (index,)
        for index, names in enumerate(
            (
                ("mon", "monday"),
                ("tue", "tues", "tuesday"),
                ("wed", "weds", "wednesday"),
                ("thu", "thur", "thurs", "thursday"),
                ("fri", "friday"),
                ("sat", "saturday"),
                ("sun", "sunday"),
            )
        )
        for stem in names
        for name in (stem, f"{stem}s")
    },
    "weekday": _WORKDAYS,
    "weekdays": _WORKDAYS,
    "workday": _WORKDAYS,
    "workdays": _WORKDAYS,
    "weekend": (5, 6),
    "weekends": (5, 6),
}

_FILLER = frozenset({"at", "on", "the", "and", "every", "each", "of", "in", "&", ",", "/", "+"})


@dataclass(frozen=True, slots=True)
class _Words:
    """What the words of a schedule said, before deciding which cadence it is."""

    kinds: frozenset[str]
    weeks: int | None
    weekdays: tuple[int, ...]
    day_of_month: DayOfMonth | None


def _take_time(text: str) -> tuple[time | ParseError | None, str]:
    found: list[tuple[re.Match[str], time | ParseError]] = []
    remaining = text
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(remaining):
            found.append((match, _time_of(match)))
        remaining = pattern.sub(" ", remaining)
    if len(found) > 1:
        return ParseError("One time of day per schedule, please.", _EXAMPLE), remaining
    if not found:
        return None, remaining
    return found[0][1], remaining


def _time_of(match: re.Match[str]) -> time | ParseError:
    groups = match.groupdict()
    named = groups.get("named")
    if named:
        return time(0) if named == "midnight" else time(12)
    hour = int(groups["hour"])
    minute = int(groups.get("minute") or 0)
    half = (groups.get("half") or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return ParseError(f'"{match.group(0).strip()}" is not a time of day.', "daily at 4pm")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return ParseError(f'"{match.group(0).strip()}" is not a time of day.', "daily at 16:30")
    return time(hour, minute)


def _read_words(text: str) -> _Words | ParseError:
    text = text.replace("@", " ")  # "@" starts our own markers, so typed ones cannot pose as them
    for pattern, marker in _PHRASES:
        text = pattern.sub(marker, text)
    kinds: set[str] = set()
    weeks: int | None = None
    weekdays: set[int] = set()
    day_of_month: DayOfMonth | None = None
    unknown: list[str] = []
    spaced = re.sub(r"([,&/+])", r" \1 ", re.sub(r"[.!?;:()]", " ", text))
    for word in spaced.split():
        if word in _FILLER:
            continue
        if word in _WEEKDAY_WORDS:
            weekdays.update(_WEEKDAY_WORDS[word])
        elif word in ("@daily", "@weekly", "@monthly"):
            kinds.add(word)
        elif word.startswith("@weeks"):
            kinds.add("@weeks")
            weeks = int(word.removeprefix("@weeks"))
        elif word == "@last":
            day_of_month = "last"
        elif word.startswith("@dom"):
            day_of_month = int(word.removeprefix("@dom"))
        else:
            unknown.append(word)
    if unknown:
        return ParseError(f'I don\'t know "{" ".join(unknown)}" in a schedule.', _EXAMPLE)
    return _Words(frozenset(kinds), weeks, tuple(sorted(weekdays)), day_of_month)


def _build(words: _Words, *, tz: str, at: time, anchor: date) -> Cadence | ParseError:
    kinds = set(words.kinds)
    if words.day_of_month is not None:
        kinds.add("@monthly")
    if words.weekdays and kinds <= {"@daily"}:
        kinds = {"@weekly"}
    if len(kinds) > 1:
        return ParseError("Pick one rhythm: daily, weekly, every N weeks or monthly.", _EXAMPLE)
    if not kinds:
        return ParseError("Say how often: daily, weekly, a weekday, or monthly.", _EXAMPLE)
    kind = kinds.pop()
    if kind == "@daily":
        return Cadence(CadenceKind.DAILY, at=at, tz=tz)
    if kind == "@monthly":
        return _monthly(words, tz=tz, at=at)
    weekdays = words.weekdays or (0,)
    weeks = 1 if words.weeks is None else words.weeks
    if not 1 <= weeks <= MAX_INTERVAL_WEEKS:
        return ParseError(
            f"Every 1 to {MAX_INTERVAL_WEEKS} weeks, please.", "every 2 weeks on monday"
        )
    if weeks == 1:
        return Cadence(CadenceKind.WEEKLY, weekdays=weekdays, at=at, tz=tz)
    return Cadence(
        CadenceKind.EVERY_N_WEEKS,
        weekdays=weekdays,
        interval_weeks=weeks,
        anchor=anchor,
        at=at,
        tz=tz,
    )


def _monthly(words: _Words, *, tz: str, at: time) -> Cadence | ParseError:
    example = "monthly on the 1st at 9am"
    if words.weekdays:
        return ParseError("Monthly schedules go by date, not weekday.", example)
    day = words.day_of_month or 1
    if day != "last" and not 1 <= day <= 31:
        return ParseError(f"A month has no day {day}.", example)
    return Cadence(CadenceKind.MONTHLY, day_of_month=day, at=at, tz=tz)


def _occurrences_after(cadence: Cadence, after: datetime) -> Iterator[datetime]:
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    zone = ZoneInfo(cadence.tz)
    # A day earlier, because a time pushed out of a spring-forward gap may land
    # on the next local day.
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        if _fires_on(cadence, day):
            moment = _resolve(day, cadence.at, zone)
            if moment > after:
                yield moment
        if day == date.max:
            return
        day += timedelta(days=1)


def _fires_on(cadence: Cadence, day: date) -> bool:
    if cadence.kind is CadenceKind.DAILY:
        return True
    if cadence.kind is CadenceKind.MONTHLY:
        return day.day == _monthly_day(cadence.day_of_month, day)
    if day.weekday() not in cadence.weekdays:
        return False
    if cadence.kind is CadenceKind.WEEKLY or cadence.anchor is None:
        return True
    weeks_apart = (_monday_of(day) - _monday_of(cadence.anchor)).days // 7
    return weeks_apart % cadence.interval_weeks == 0


def _monthly_day(day_of_month: DayOfMonth | None, day: date) -> int:
    last = calendar.monthrange(day.year, day.month)[1]
    if day_of_month == "last" or day_of_month is None:
        return last
    return min(day_of_month, last)


def _resolve(day: date, at: time, zone: ZoneInfo) -> datetime:
    wall = datetime.combine(day, at, tzinfo=zone)
    moment = wall.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return moment
    return _end_of_gap(wall.replace(fold=1).astimezone(UTC), moment, zone)


def _end_of_gap(before: datetime, after: datetime, zone: ZoneInfo) -> datetime:
    """The instant the clocks jump, found between a moment before it and one after."""
    target = after.astimezone(zone).utcoffset()
    # Whole seconds, as clock changes happen on whole seconds.
    low, high = math.floor(before.timestamp()), math.ceil(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == target:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _cadence_problem(cadence: Cadence) -> str | None:
    if _zone(cadence.tz) is None:
        return f"unknown time zone {cadence.tz!r}"
    if cadence.at.tzinfo is not None:
        return "at is a local wall time and must be naive"
    if any(not 0 <= day <= 6 for day in cadence.weekdays):
        return "weekdays run from 0 (Monday) to 6 (Sunday)"
    weekly = cadence.kind in (CadenceKind.WEEKLY, CadenceKind.EVERY_N_WEEKS)
    if weekly and not cadence.weekdays:
        return f"a {cadence.kind} cadence needs at least one weekday"
    if not 1 <= cadence.interval_weeks <= MAX_INTERVAL_WEEKS:
        return f"interval_weeks runs from 1 to {MAX_INTERVAL_WEEKS}"
    if cadence.kind is CadenceKind.EVERY_N_WEEKS and cadence.anchor is None:
        return "an every_n_weeks cadence needs an anchor date"
    day = cadence.day_of_month
    if cadence.kind is CadenceKind.MONTHLY and day != "last" and not (day and 1 <= day <= 31):
        return 'day_of_month runs from 1 to 31, or is "last"'
    return None


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _describe_weekdays(weekdays: tuple[int, ...]) -> str:
    if tuple(weekdays) == _WORKDAYS:
        return "weekday"
    names = [_WEEKDAY_NAMES[day] for day in weekdays]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _describe_day_of_month(day: DayOfMonth | None) -> str:
    if day == "last" or day is None:
        return "the last day"
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    short_months = " (or the month's last day)" if day > 28 else ""
    return f"the {day}{suffix}{short_months}"
