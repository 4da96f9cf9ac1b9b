"""Working days: a work week and a country's public holidays, and what falls on them.

A `WorkCalendar` says which local days are days off: the weekdays outside its work
week and its country's public holidays (from the `holidays` package, which knows
Iran's Persian-calendar holidays such as Nowruz and its Islamic ones, estimated).
It moves a reminder due on a day off (`next_working_occurrence`) and measures a
plan in working time (`working_fraction`). Pure: the time is always passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.occurrences import next_occurrence
from bot.core.mrkdwn import quoted
from bot.core.parse_error import ParseError

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
WORKWEEK_EXAMPLE = "/goals workweek sun-thu"
LOOK_AHEAD_DAYS = 366  # a reminder is moved at most this far; a calendar with no working day
_DAY_WORDS = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{full: i for i, full in enumerate(("monday", "tuesday", "wednesday", "thursday"))},
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


class DayOffRule(StrEnum):
    """What happens to a reminder due on a day off."""

    MOVE = "move"  # to the next working day, at the same local time
    SKIP = "skip"  # to the schedule's next occurrence that falls on a working day


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Which local days are working days, in a time zone.

    Example:
        >>> cal = WorkCalendar(parse_workweek("sun-thu"), "IR", "Asia/Tehran")
        >>> cal.holiday(date(2027, 3, 21))
        'Nowruz'
    """

    workweek: frozenset[int] = EVERY_DAY  # 0 = Monday
    country: str | None = None
    tz: str = "UTC"

    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on `day`, or None."""
        if self.country is None:
            return None
        return _holidays(self.country, day.year).get(day)

    def is_day_off(self, day: date) -> bool:
        return day.weekday() not in self.workweek or self.holiday(day) is not None

    def why_off(self, day: date) -> str | None:
        """Why `day` is a day off ("Nowruz", "Friday"), or None on a working day."""
        if (name := self.holiday(day)) is not None:
            return name
        return None if day.weekday() in self.workweek else day.strftime("%A")

    def next_working_day(self, day: date) -> date | None:
        """`day` itself when it is a working day, else the first one after it (None when
        there is none within a year)."""
        for offset in range(LOOK_AHEAD_DAYS):
            candidate = day + timedelta(days=offset)
            if not self.is_day_off(candidate):
                return candidate
        return None

    def working_days_before(self, start: date, end: date) -> int:
        """How many working days lie in [start, end); 0 when end is not after start."""
        if end <= start:
            return 0
        weeks, rest = divmod((end - start).days, 7)
        count = weeks * len(self.workweek)
        count += sum((start + timedelta(days=i)).weekday() in self.workweek for i in range(rest))
        if self.country is not None:
            for year in range(start.year, end.year + 1):
                count -= sum(
                    1
                    for d in _holidays(self.country, year)
                    if start <= d < end and d.weekday() in self.workweek
                )
        return count


def parse_workweek(text: str) -> frozenset[int] | ParseError:
    """A work week from "sun-thu", "mon-fri", "mon,tue,thu" or "sat-wed" (ranges wrap).

    Example:
        >>> sorted(parse_workweek("sun-thu"))
        [0, 1, 2, 3, 6]
        >>> parse_workweek("weekdays").message
        "I couldn't read “weekdays” as a work week."
    """
    days: set[int] = set()
    parts = [p for p in text.replace(" ", ",").casefold().split(",") if p]
    for part in parts:
        first, _, last = part.partition("-")
        if first not in _DAY_WORDS or (last and last not in _DAY_WORDS):
            return ParseError(
                f"I couldn't read {quoted(text, 40)} as a work week.", WORKWEEK_EXAMPLE
            )
        start = _DAY_WORDS[first]
        span = (_DAY_WORDS[last] - start) % 7 if last else 0
        days.update((start + i) % 7 for i in range(span + 1))
    if not days:
        return ParseError("Which days are working days?", WORKWEEK_EXAMPLE)
    return frozenset(days)


def workweek_text(days: frozenset[int]) -> str:
    """The short form of a work week: one range when the days run on ("sun-thu").

    Example:
        >>> workweek_text(frozenset({6, 0, 1, 2, 3}))
        'sun-thu'
        >>> workweek_text(frozenset({0, 2}))
        'mon,wed'
    """
    if days == EVERY_DAY:
        return "mon-sun"
    for start in days:
        if (start - 1) % 7 not in days:
            run = [(start + i) % 7 for i in range(len(days))]
            if set(run) == days:
                return (
                    f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}"
                    if len(run) > 1
                    else DAY_NAMES[start]
                )
    return ",".join(DAY_NAMES[d] for d in sorted(days))


def calendar_spec(calendar: WorkCalendar) -> str:
    """A calendar as one line of text, as a goal keeps the one its plan counts by.

    Example:
        >>> calendar_spec(WorkCalendar(parse_workweek("sun-thu"), "IR", "Asia/Tehran"))
        'sun-thu IR Asia/Tehran'
    """
    return " ".join((workweek_text(calendar.workweek), calendar.country or "-", calendar.tz))


def calendar_from_spec(spec: str) -> WorkCalendar:
    """The calendar `calendar_spec` wrote; what cannot be read counts every day.

    Example:
        >>> calendar_from_spec("mon-fri - Europe/Dublin").country is None
        True
    """
    week, country, tz = [*spec.split(), "", "", ""][:3]
    days = parse_workweek(week) if week else EVERY_DAY
    return WorkCalendar(
        days if isinstance(days, frozenset) else EVERY_DAY,
        country if country not in {"", "-"} else None,
        tz or "UTC",
    )


def country_code(text: str) -> str | None:
    """The `holidays` code for a typed country ("ir", "IRN", "Iran"), or None if unknown.

    Example:
        >>> country_code("iran"), country_code("ro"), country_code("Atlantis")
        ('IR', 'RO', None)
    """
    typed = text.strip()
    supported = holidays.list_supported_countries()
    if typed.upper() in supported:
        return _alpha2(typed.upper())
    return _COUNTRY_NAMES.get(typed.casefold())


def next_working_occurrence(
    cadence: Cadence, after: datetime, calendar: WorkCalendar, rule: DayOffRule
) -> datetime:
    """The cadence's first occurrence after `after`, kept off days off.

    MOVE puts one due on a day off on the next working day at the same local time
    (DST-correct); SKIP takes the cadence's next occurrence on a working day. When no
    working day comes within a year the plain occurrence stands.

    Example:
        >>> monday = Cadence(CadenceKind.WEEKLY, weekdays=(0,), tz="Europe/Dublin")
        >>> ie = WorkCalendar(parse_workweek("mon-fri"), "IE", "Europe/Dublin")
        >>> next_working_occurrence(monday, datetime(2026, 10, 20, tzinfo=UTC), ie, DayOffRule.MOVE)
        datetime.datetime(2026, 10, 27, 10, 0, tzinfo=datetime.timezone.utc)
    """
    plain = next_occurrence(cadence, after)
    if calendar.workweek == EVERY_DAY and calendar.country is None:
        return plain
    zone = ZoneInfo(cadence.tz)
    moment = plain
    horizon = plain + timedelta(days=LOOK_AHEAD_DAYS)
    while moment < horizon:
        day = moment.astimezone(zone).date()
        if not calendar.is_day_off(day):
            return moment
        if rule is DayOffRule.MOVE:
            working = calendar.next_working_day(day)
            if working is None:
                return plain
            daily = Cadence(CadenceKind.DAILY, at=cadence.at, tz=cadence.tz)
            eve = datetime.combine(working - timedelta(days=1), cadence.at, tzinfo=zone)
            return next_occurrence(daily, eve.astimezone(UTC))
        moment = next_occurrence(cadence, moment)
    return plain


def working_fraction(
    calendar: WorkCalendar, start: datetime, deadline: datetime, at: datetime
) -> Decimal:
    """How much of the working time between `start` and `deadline` has passed at `at`, 0..1.

    Example:
        >>> cal = WorkCalendar(parse_workweek("mon-fri"))
        >>> working_fraction(cal, datetime(2026, 11, 2, tzinfo=UTC),  # Monday to Monday
        ...                  datetime(2026, 11, 9, tzinfo=UTC), datetime(2026, 11, 7, tzinfo=UTC))
        Decimal('1')
    """
    total = _worked(calendar, start, deadline)
    if total <= 0:
        return Decimal(1) if at >= deadline else Decimal(0)
    done = _worked(calendar, start, min(max(at, start), deadline))
    return min(max(done / total, Decimal(0)), Decimal(1))


def _worked(calendar: WorkCalendar, start: datetime, end: datetime) -> Decimal:
    """Working days (with the part of a day) from `start` to `end`, in the calendar's zone."""
    zone = ZoneInfo(calendar.tz)
    first, last = start.astimezone(zone), end.astimezone(zone)
    whole = calendar.working_days_before(first.date(), last.date())
    return Decimal(whole) + _part(calendar, last) - _part(calendar, first)


def _part(calendar: WorkCalendar, moment: datetime) -> Decimal:
    """The share of its local day `moment` has passed, when that day is a working day."""
    if calendar.is_day_off(moment.date()):
        return Decimal(0)
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    seconds = Decimal((moment - midnight).total_seconds())
    return min(seconds / Decimal(86400), Decimal(1))


@lru_cache(maxsize=256)
def _holidays(country: str, year: int) -> dict[date, str]:
    return dict(holidays.country_holidays(country, years=year).items())


def _alpha2(code: str) -> str:
    """The two-letter code for any code `holidays` knows ("IRN" -> "IR"): what is stored."""
    return str(holidays.country_holidays(code).country)


_COUNTRY_NAMES = {
    "iran": "IR",
    "romania": "RO",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "vietnam": "VN",
    "viet nam": "VN",
    "united arab emirates": "AE",
    "uae": "AE",
    "dubai": "AE",
    "united states": "US",
    "usa": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "ireland": "IE",
    "germany": "DE",
    "france": "FR",
    "ایران": "IR",
    "românia": "RO",
    "việt nam": "VN",
}
