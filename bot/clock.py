"""The one place the bot reads the time, so tests and `--now` can freeze it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, available_timezones


class Clock(Protocol):
    """Something that says what time it is (always aware UTC)."""

    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None:
        """Wait: really, or (a frozen clock) by moving the time on."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class ShiftedClock:
    """The real time, moved on by however much the console has asked to skip ahead."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._offset += delta
        return self.now()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class FrozenClock:
    """A clock that only moves when told to; what tests and `--now` use.

    Example:
        >>> clock = FrozenClock(datetime(2026, 11, 22, 9, tzinfo=UTC))
        >>> clock.advance(timedelta(hours=1)).hour
        10
    """

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._at = at.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._at

    def set(self, at: datetime) -> datetime:
        with self._lock:
            self._at = at.astimezone(UTC)
            return self._at

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._at += delta
            return self._at

    def sleep(self, seconds: float) -> None:
        """Waiting on a frozen clock moves it on at once (so tests never really sleep)."""
        self.advance(timedelta(seconds=seconds))


def parse_now(text: str) -> datetime:
    """Read a `--now` value (ISO 8601); a time without zone is taken as UTC.

    Raises:
        ValueError: with a message fit for a person when the text is not a time.
    """
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"--now {text!r} is not an ISO time; use e.g. 2026-11-22T09:00:00+02:00"
        ) from None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def zone_of(text: str) -> str | None:
    """The time zone a `--now` value is written in: `Etc/GMT-2` for "+02:00", a zone
    with that offset at that moment for "+03:30" (no `Etc` zone has half hours), "UTC"
    for "Z", None when the value names no offset (or is no time).

    Example:
        >>> zone_of("2026-11-22T09:00:00+02:00"), zone_of("2026-11-22T09:00:00")
        ('Etc/GMT-2', None)
        >>> zone_of("2026-11-22T09:00:00+03:30")
        'Asia/Tehran'
    """
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    offset = at.utcoffset()
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0:
        return f"Etc/GMT{-minutes // 60:+d}"
    return next(
        (
            name
            for name in sorted(available_timezones())
            if "/" in name
            and not name.startswith(("Etc/", "SystemV/"))
            and at.astimezone(ZoneInfo(name)).utcoffset() == offset
        ),
        None,
    )
