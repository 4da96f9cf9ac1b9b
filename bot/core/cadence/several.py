"""Several reminder times in one schedule ("mon 10:00 and thu 16:00", "daily 9am and 4pm").

One cadence holds one time of day; a schedule with several times is several cadences,
and falls at the earliest of their next occurrences. Reading splits the text into
parts that each end with a time of day; a part with only a time ("and 4pm") keeps the
days of the part before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.cadence import Cadence
from bot.core.cadence.occurrences import next_occurrence, occurrences_between
from bot.core.cadence.parse import has_time_of_day, parse_cadence
from bot.core.cadence.words import in_english_words
from bot.core.dates import end_of_day
from bot.core.parse_error import ParseError
from bot.i18n.catalogue import N_

MAX_TIMES = 6
"""The most reminder times one schedule holds; more is not a check-in rhythm."""

_SEPARATOR = re.compile(r"\s*(?:,|;|&|\+|\band\b|\bplus\b)\s*", re.IGNORECASE)
_EXAMPLE = "mon 10:00 and thu 16:00"
_LOOK_BACK = timedelta(days=2)  # a reminder moved by quiet hours is at most a night late


def parse_times(text: str, *, tz: str) -> tuple[Cadence, ...] | ParseError:
    """The cadences a person typed: one per time of day, or the one `parse_cadence` reads.

    Example:
        >>> [c.at.hour for c in parse_times("mon 10:00 and thu 16:00", tz="UTC")]
        [10, 16]
        >>> [c.weekdays for c in parse_times("mon 10:00 and thu 16:00", tz="UTC")]
        [(0,), (3,)]
        >>> [c.kind.value for c in parse_times("daily 9am and 4pm", tz="UTC")]
        ['daily', 'daily']
        >>> len(parse_times("mon and thu at 9:30", tz="UTC"))
        1
    """
    text = in_english_words(text)  # "ve", "și", "và", "و" join times as "and" does
    parts = _parts(text)
    if len(parts) <= 1:
        single = parse_cadence(text, tz=tz)
        return single if isinstance(single, ParseError) else (single,)
    if len(parts) > MAX_TIMES:
        return ParseError.quoting(
            N_("At most {count} reminder times, please."), _EXAMPLE, count=MAX_TIMES
        )
    cadences: list[Cadence] = []
    for part in parts:
        cadence = _part_cadence(part, tz=tz, before=cadences[-1] if cadences else None)
        if isinstance(cadence, ParseError):
            return cadence
        if cadence not in cadences:
            cadences.append(cadence)
    return tuple(cadences)


def _parts(text: str) -> list[str]:
    """The text cut after each time of day; words after the last time join the last part."""
    parts: list[str] = []
    pending: list[str] = []
    for chunk in (c for c in _SEPARATOR.split(text) if c.strip()):
        pending.append(chunk)
        if has_time_of_day(chunk):
            parts.append(" and ".join(pending))
            pending = []
    if pending and parts:
        parts[-1] = " and ".join([parts[-1], *pending])
    elif pending:
        parts.append(" and ".join(pending))
    return parts


def _part_cadence(part: str, *, tz: str, before: Cadence | None) -> Cadence | ParseError:
    parsed = parse_cadence(part, tz=tz)
    if not isinstance(parsed, ParseError) or before is None:
        return parsed
    only_time = parse_cadence(f"daily {part}", tz=tz)  # "and 4pm": the days of the part before
    return parsed if isinstance(only_time, ParseError) else replace(before, at=only_time.at)


def next_of_any(
    cadences: Sequence[Cadence],
    after: datetime,
    *,
    skip_day_of: datetime | None = None,
    occurrence: Callable[[Cadence, datetime], datetime] = next_occurrence,
) -> datetime:
    """The earliest occurrence of any cadence strictly after `after`, each found by
    `occurrence` (e.g. one that keeps off days off).

    With `skip_day_of` (a reminder just sent), a cadence whose time of day is not later
    than that reminder's local time has had its turn that local day, so it waits for the next.

    Example:
        >>> from datetime import UTC, time
        >>> from bot.core.cadence import CadenceKind
        >>> morning = Cadence(CadenceKind.DAILY, at=time(9), tz="UTC")
        >>> evening = replace(morning, at=time(16))
        >>> sent = datetime(2026, 12, 7, 9, tzinfo=UTC)
        >>> next_of_any([morning, evening], sent, skip_day_of=sent).hour
        16
    """
    found: list[datetime] = []
    for cadence in cadences:
        start = after
        if skip_day_of is not None:
            zone = ZoneInfo(cadence.tz)
            local = skip_day_of.astimezone(zone)
            if cadence.at <= local.time():
                start = max(after, end_of_day(local.date(), zone))
        found.append(occurrence(cadence, start))
    return min(found)


def last_at_or_before(cadences: Sequence[Cadence], moment: datetime) -> datetime:
    """The latest occurrence of any cadence at or before `moment` (looking back two days),
    or `moment` itself: which occurrence a reminder moved out of quiet hours answers."""
    earlier = [
        found
        for cadence in cadences
        for found in occurrences_between(cadence, moment - _LOOK_BACK, moment)
    ]
    return max(earlier, default=moment)
