"""The plan: the straight line from a goal's baseline at its start to its target at its
deadline (counting only working days when the goal says so), and the pace still needed."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from bot.core.trend import VALUE_PLACES, exact_seconds
from bot.core.workdays import WorkCalendar, working_fraction

PROGRESS_PLACES = Decimal("0.0001")
"""Progress and expected progress are fractions rounded to 4 places (0.01 %)."""

_ZERO = Decimal(0)
_ONE = Decimal(1)


def expected_progress(
    start: datetime, deadline: datetime, at: datetime, calendar: WorkCalendar | None = None
) -> Decimal:
    """The fraction of the way the plan says a goal should have covered at `at`.

    Linear in time from 0 at `start` to 1 at `deadline`, clamped to 0..1.

    Example:
        >>> from datetime import UTC
        >>> expected_progress(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 11, tzinfo=UTC),
        ...                   datetime(2026, 1, 5, tzinfo=UTC))
        Decimal('0.4000')
    """
    return _plan_fraction(start, deadline, at, calendar).quantize(PROGRESS_PLACES)


def expected_value(  # noqa: PLR0913 (the plan's figures, and the days it counts)
    baseline: Decimal,
    target: Decimal,
    start: datetime,
    deadline: datetime,
    at: datetime,
    *,
    calendar: WorkCalendar | None = None,
) -> Decimal:
    """The value the plan says the metric should have at `at`.

    Example:
        >>> from datetime import UTC
        >>> expected_value(Decimal("400"), Decimal("480"), datetime(2026, 1, 1, tzinfo=UTC),
        ...                datetime(2026, 1, 11, tzinfo=UTC), datetime(2026, 1, 6, tzinfo=UTC))
        Decimal('440.00')
    """
    fraction = _plan_fraction(start, deadline, at, calendar)
    return (baseline + (target - baseline) * fraction).quantize(VALUE_PLACES)


def required_per(
    current: Decimal, target: Decimal, *, now: datetime, deadline: datetime, days: int
) -> Decimal | None:
    """The signed change still needed every `days` days to reach `target` by `deadline`.

    None once the deadline has passed.

    Example:
        >>> from datetime import UTC
        >>> required_per(Decimal("440"), Decimal("480"), now=datetime(2026, 1, 1, tzinfo=UTC),
        ...              deadline=datetime(2026, 1, 29, tzinfo=UTC), days=7)
        Decimal('10.00')
    """
    if now >= deadline:
        return None
    per = exact_seconds(timedelta(days=days)) / exact_seconds(deadline - now)
    return ((target - current) * per).quantize(VALUE_PLACES)


def _plan_fraction(
    start: datetime, deadline: datetime, at: datetime, calendar: WorkCalendar | None
) -> Decimal:
    if at >= deadline:
        return _ONE
    if at <= start:
        return _ZERO
    if calendar is not None:
        return working_fraction(calendar, start, deadline, at)
    return exact_seconds(at - start) / exact_seconds(deadline - start)
