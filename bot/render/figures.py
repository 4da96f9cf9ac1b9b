"""How figures read: quantities, signed changes, shares of the way and statuses, written once.

The services hand over values (Decimal, `Quantity`, `Change`, `Status`); every surface
writes them through these functions, so a change or a status reads the same wherever
it appears, and a later translation has one place to look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_UP, Decimal

from bot.core.checkin_reply import CONFIDENCE_LABELS, Confidence
from bot.core.dates import format_date
from bot.core.numbers.write import format_quantity
from bot.core.okr_scores import score_verdict
from bot.core.period import Period
from bot.core.progress import Status
from bot.core.trend import Change
from bot.core.values import Quantity, Unit

NO_TARGET = "no target set"

# A shape as well as a colour, so status reads without colour vision; every surface
# (digests, lists, check-in answers) shows a status with the same mark and words.
STATUS_MARKS: dict[Status, str] = {
    Status.ACHIEVED: "🏁",
    Status.ON_TRACK: "✅",
    Status.AT_RISK: "⚠️",
    Status.OFF_TRACK: "🔻",
    Status.MISSED: "⛔",
    Status.NO_DATA: "❔",
}

STATUS_LABELS: dict[Status, str] = {
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.OFF_TRACK: "off track",
    Status.ACHIEVED: "achieved",
    Status.MISSED: "missed",
    Status.NO_DATA: "no check-in yet",
}


@dataclass(frozen=True, slots=True)
class ChangeWords:
    """How one surface writes a change: its signs, how a rate moves, and what it adds.

    The surfaces' habits are kept side by side here (see `AFTER_CHECKIN`, `IN_ANSWER`
    and `IN_DIGEST`) so that the one `change_since` writes them all, word for word.
    """

    minus: str  # the sign of a fall: "−" or "-"
    zero: str  # the sign of no change: "+" or "±"
    milestone_words: bool  # a milestone's change reads "done" or "undone"
    rate_points: str | None  # a change of a percentage reads in points: " points", " pts"
    pct_places: int | None  # decimals of the relative change; None: no trailing zeros
    pct_of_nothing: bool  # a change of zero still says "(+0.0%)"
    compact: bool  # large amounts shortened: "+3.1k"
    was: bool  # ends with the earlier value: "(was 44,000)"


AFTER_CHECKIN = ChangeWords(
    minus="−",
    zero="+",
    milestone_words=True,
    rate_points=None,
    pct_places=1,
    pct_of_nothing=True,
    compact=False,
    was=False,
)
"""The reply to a check-in: "+1,000 (+2.4%) since 23 Nov 2026"."""

IN_ANSWER = ChangeWords(
    minus="-",
    zero="±",
    milestone_words=False,
    rate_points=" points",
    pct_places=2,
    pct_of_nothing=True,
    compact=False,
    was=True,
)
"""An answer to a question: "+2,000 (+4.55%) since 15 Nov 2026 (was 44,000)"."""

IN_DIGEST = ChangeWords(
    minus="-",
    zero="±",
    milestone_words=True,
    rate_points=" pts",
    pct_places=None,
    pct_of_nothing=False,
    compact=True,
    was=False,
)
"""A digest's goal line, short enough for a 20-second read: "+3k (+6.82%) since last week"."""


def signed(delta: Decimal, unit: Unit, currency: str | None, words: ChangeWords) -> str:
    """An amount with its sign, as `words` write it: "+3.1k", "−500", "±0", "+0.5 pts".

    Example:
        >>> signed(Decimal("3100"), Unit.COUNT, None, IN_DIGEST)
        '+3.1k'
    """
    if unit is Unit.MILESTONE and words.milestone_words:
        return "done" if delta > 0 else "undone"
    sign = "+" if delta > 0 else words.minus if delta < 0 else words.zero
    amount = format_quantity(Quantity(abs(delta), unit, currency), compact=words.compact)
    if unit is Unit.PERCENT and words.rate_points:
        amount = amount.removesuffix("%") + words.rate_points
    return sign + amount


def change_since(
    change: Change, unit: Unit, currency: str | None, since: date | Period, words: ChangeWords
) -> str:
    """A change with its sign, its relative size and the day (or period) it is measured from.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2026, 11, 23, tzinfo=timezone.utc)
        >>> moved = Change(at, Decimal(41000), at, Decimal(42000), Decimal(1000), Decimal("2.44"))
        >>> change_since(moved, Unit.COUNT, None, at.date(), AFTER_CHECKIN)
        '+1,000 (+2.4%) since 23 Nov 2026'
        >>> change_since(moved, Unit.COUNT, None, Period.WEEKLY, IN_DIGEST)
        '+1k (+2.44%) since last week'
    """
    written = signed(change.delta, unit, currency, words)
    relative = ""
    if (
        change.pct is not None
        and not (unit is Unit.PERCENT and words.rate_points)
        and (change.delta or words.pct_of_nothing)
    ):
        pct = change.pct if words.pct_places is not None else change.pct.normalize()
        places = f"+.{words.pct_places}f" if words.pct_places is not None else "+f"
        relative = f" ({pct:{places}}%)"
    when = f"last {since.noun}" if isinstance(since, Period) else format_date(since)
    text = f"{written}{relative} since {when}"
    if words.was:
        text += f" (was {format_quantity(Quantity(change.then_value, unit, currency))})"
    return text


def share(fraction: Decimal) -> str:
    """A share of the way as a whole percentage: "68%"."""
    return f"{(fraction * 100):.0f}%"


def status_label(status: Status) -> str:
    """A status in words: "on track"."""
    return STATUS_LABELS[status]


def status_with_mark(status: Status) -> str:
    """A status with its mark: "✅ on track"."""
    return f"{STATUS_MARKS[status]} {STATUS_LABELS[status]}"


def confidence_label(confidence: Confidence) -> str:
    """How sure the person said they are: "at risk"."""
    return CONFIDENCE_LABELS[confidence]


def okr_score_text(score: Decimal | None) -> str:
    """`OKR score 0.45 (progressing)`, or that no key result can be scored yet.

    Example:
        >>> okr_score_text(Decimal("0.65"))
        'OKR score 0.65 (success)'
    """
    if score is None:
        return "_no key results to score yet_"
    return f"OKR score {score:.2f} ({score_verdict(score)})"


def weekly_pace(per_week: Decimal, unit: Unit, currency: str | None) -> str:
    """What must happen each week, in the goal's unit; counts are whole things, rounded up,
    since 236.62 followers a week means 237.

    Example:
        >>> weekly_pace(Decimal("236.62"), Unit.COUNT, None)
        '237'
        >>> weekly_pace(Decimal("0.125"), Unit.PERCENT, None)
        '0.13%'
    """
    if unit is Unit.COUNT:
        per_week = per_week.to_integral_value(rounding=ROUND_UP)
    return format_quantity(Quantity(per_week, unit, currency))
