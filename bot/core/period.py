"""A week or a month: the span a digest covers, and the span a change question looks back over."""

from __future__ import annotations

from enum import StrEnum

from bot.core.progress import MONTH_DAYS, WEEK_DAYS


class Period(StrEnum):
    """A week or a month, counted as `WEEK_DAYS` or `MONTH_DAYS` days.

    The values are what a digest subscription stores as its frequency.

    Example:
        >>> Period("monthly").days
        30
    """

    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def days(self) -> int:
        return WEEK_DAYS if self is Period.WEEKLY else MONTH_DAYS

    @property
    def noun(self) -> str:
        return "week" if self is Period.WEEKLY else "month"
