"""Read a schedule a person typed ("mon and thu 09:30", "biweekly", "monthly on the 15th")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from bot.core.cadence import (
    EPOCH_MONDAY,
    LAST_DAY_OF_MONTH,
    MAX_INTERVAL_WEEKS,
    WORKDAYS,
    Cadence,
    CadenceKind,
    DayOfMonth,
    known_zone,
)
from bot.core.cadence.words import in_english_words
from bot.core.parse_error import ParseError
from bot.i18n.catalogue import N_


def parse_cadence(
    text: str,
    *,
    tz: str,
    default_time: time = time(10, 0),
    anchor: date = EPOCH_MONDAY,
) -> Cadence | ParseError:
    """Read a schedule a person typed, such as "mon and thu 09:30" or "biweekly", in any of
    the five languages ("her cuma saat 10'da": `bot.core.cadence.words`).

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
    if known_zone(tz) is None:
        return ParseError(f'"{tz}" is not a time zone I know.', "Europe/Bucharest")
    normalised = " ".join(in_english_words(text).split())
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


_EXAMPLE = "mon and thu at 09:30"
_MAX_TEXT = 200
_CLOCK_FACE_HOURS = 12  # "4pm", "12am": a time with am/pm counts hours on a twelve-hour clock
_HOURS_IN_A_DAY, _MINUTES_IN_AN_HOUR = 24, 60

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
    "weekday": WORKDAYS,
    "weekdays": WORKDAYS,
    "workday": WORKDAYS,
    "workdays": WORKDAYS,
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


def has_time_of_day(text: str) -> bool:
    """True when `text` names a time of day ("16:00", "4pm", "noon").

    Example:
        >>> has_time_of_day("thu 16:00"), has_time_of_day("mon and thu")
        (True, False)
    """
    lowered = text.lower()
    return any(pattern.search(lowered) for pattern in _TIME_PATTERNS)


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
        if not 1 <= hour <= _CLOCK_FACE_HOURS:
            return ParseError(f'"{match.group(0).strip()}" is not a time of day.', "daily at 4pm")
        hour = hour % _CLOCK_FACE_HOURS + (_CLOCK_FACE_HOURS if half == "pm" else 0)
    if hour >= _HOURS_IN_A_DAY or minute >= _MINUTES_IN_AN_HOUR:
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
    if day != "last" and not 1 <= day <= LAST_DAY_OF_MONTH:
        return ParseError.quoting(N_("A month has no day {day}."), example, day=day)
    return Cadence(CadenceKind.MONTHLY, day_of_month=day, at=at, tz=tz)
