"""Quiet hours: the part of a person's local day when the bot sends them nothing.

A window such as 08:00-20:00 is the time messages may go out; what falls due outside
it waits for the window's next start, worked out on the local calendar, so it stays
08:00 on the morning after a clock change. A window may run past midnight (22:00-06:00,
for night shifts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.occurrences import next_occurrence
from bot.core.parse_error import ParseError

_EXAMPLE = "08:00-20:00"
_WINDOW = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|to|until)\s*(\d{1,2})(?:[:.](\d{2}))?\s*$"
)
_HOURS, _MINUTES = 24, 60


@dataclass(frozen=True, slots=True)
class SendingHours:
    """When messages may reach a person, in their local time: from `start` until `end`."""

    start: time = time(8, 0)
    end: time = time(20, 0)

    @property
    def text(self) -> str:
        """The window as typed and stored.

        Example:
            >>> SendingHours().text
            '08:00-20:00'
        """
        return f"{self.start.strftime('%H:%M')}-{self.end.strftime('%H:%M')}"

    def allows(self, moment: datetime, tz: str) -> bool:
        """True when `moment` falls inside the window in zone `tz`.

        Example:
            >>> from datetime import UTC
            >>> SendingHours().allows(datetime(2026, 12, 7, 21, tzinfo=UTC), "Europe/Bucharest")
            False
        """
        local = moment.astimezone(ZoneInfo(tz)).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # runs past midnight

    def next_allowed(self, moment: datetime, tz: str) -> datetime:
        """`moment` if the window allows it, else the window's next start (aware UTC).

        Example:
            >>> from datetime import UTC
            >>> SendingHours().next_allowed(datetime(2026, 12, 7, 21, tzinfo=UTC), "UTC")
            datetime.datetime(2026, 12, 8, 8, 0, tzinfo=datetime.timezone.utc)
        """
        if self.allows(moment, tz):
            return moment
        return next_occurrence(Cadence(CadenceKind.DAILY, at=self.start, tz=tz), moment)


DEFAULT_HOURS = SendingHours()


def sending_hours(stored: str | None) -> SendingHours:
    """The window a person chose (as stored), or the default when none or unreadable."""
    read = parse_sending_hours(stored or "")
    return read if isinstance(read, SendingHours) else DEFAULT_HOURS


def parse_sending_hours(text: str) -> SendingHours | ParseError:
    """Read "08:00-20:00" (also "8-20", "7:30 to 19:00").

    Example:
        >>> parse_sending_hours("7:30 to 19").text
        '07:30-19:00'
        >>> parse_sending_hours("8-8").message
        'The quiet hours need a start and an end that differ.'
    """
    found = _WINDOW.match(text.lower())
    if found is None:
        return ParseError("Say when messages may come, as a start and an end.", _EXAMPLE)
    start_h, start_m, end_h, end_m = (int(part or 0) for part in found.groups())
    if max(start_h, end_h) >= _HOURS or max(start_m, end_m) >= _MINUTES:
        return ParseError("That is not a time of day.", _EXAMPLE)
    start, end = time(start_h, start_m), time(end_h, end_m)
    if start == end:
        return ParseError("The quiet hours need a start and an end that differ.", _EXAMPLE)
    return SendingHours(start, end)
