"""Whether a reported value is believable for its goal, before anything is stored.

Two rules, in order:

- impossible: a negative count, amount, duration or rate (a score such as NPS may be
  negative), a rate above 100 %, a milestone other than 0 or 1. The bot refuses and
  says why.
- far off: more than `FAR_OFF` times the goal's last value (its baseline before any
  check-in), or less than a `FAR_OFF`th of it. The bot asks "did you mean …?".

A far-off value comes with a likely correction: the typed digits scaled by a power of
ten to land nearest the last value ("14" when the last was 13,705 suggests 14,000),
offered only when it is itself within the `FAR_OFF` band.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bot.core.values import Unit

FAR_OFF = Decimal(10)
"""A value more than this many times the last one (or less than its inverse) is asked about."""

_SCALES = tuple(Decimal(10) ** power for power in range(-6, 7))
_HUNDRED = Decimal(100)


class Impossible(StrEnum):
    """Why a value cannot be right for its unit; `bot.render.checkins` has the words."""

    NEGATIVE = "negative"  # counts, amounts, durations and rates are never below zero
    OVER_100_PERCENT = "over_100_percent"  # a rate is a share of a whole
    NOT_A_MILESTONE = "not_a_milestone"  # a milestone is done (1) or not (0)


@dataclass(frozen=True, slots=True)
class FarOff:
    """A value far from the goal's last one, and the likely correction (None when none fits)."""

    last: Decimal
    suggestion: Decimal | None


def impossible(value: Decimal, unit: Unit) -> Impossible | None:
    """Why `value` cannot be a `unit`, or None when it can.

    Example:
        >>> impossible(Decimal(-5), Unit.COUNT)
        <Impossible.NEGATIVE: 'negative'>
        >>> impossible(Decimal(140), Unit.PERCENT)
        <Impossible.OVER_100_PERCENT: 'over_100_percent'>
        >>> impossible(Decimal("4.5"), Unit.PERCENT) is None
        True
    """
    if value < 0 and unit is not Unit.SCORE:
        return Impossible.NEGATIVE
    if unit is Unit.PERCENT and value > _HUNDRED:
        return Impossible.OVER_100_PERCENT
    if unit is Unit.MILESTONE and value not in (0, 1):
        return Impossible.NOT_A_MILESTONE
    return None


def far_off(value: Decimal, last: Decimal | None) -> FarOff | None:
    """`FarOff` when `value` is over `FAR_OFF` times `last` or under a `FAR_OFF`th of it.

    Zero on either side has no ratio, so it is never far off.

    Example:
        >>> far_off(Decimal(14), Decimal(13705))
        FarOff(last=Decimal('13705'), suggestion=Decimal('14000'))
        >>> far_off(Decimal(14100), Decimal(13705)) is None
        True
    """
    if last is None or last <= 0 or value <= 0:
        return None
    if last / FAR_OFF <= value <= last * FAR_OFF:
        return None
    return FarOff(last, _likely(value, last))


def _likely(value: Decimal, last: Decimal) -> Decimal | None:
    """The typed digits scaled by a power of ten to land nearest `last`, when near enough."""
    nearest = min((value * scale for scale in _SCALES), key=lambda c: abs(c - last))
    if nearest == value or not last / FAR_OFF <= nearest <= last * FAR_OFF:
        return None
    return nearest.quantize(Decimal(1)) if nearest == nearest.to_integral() else nearest.normalize()


def plausible(value: Decimal, unit: Unit, last: Decimal | None) -> Impossible | FarOff | None:
    """The first rule `value` breaks (see the module docstring), or None when it is believable."""
    return impossible(value, unit) or far_off(value, last)
