"""Read a target, as typed ("60k", "under 1h") or as a change from the baseline ("+20%")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bot.core.digits import to_ascii_digits
from bot.core.number_words import (
    AIM_TO_WORDS,
    CHANGE_DOWN_STEMS,
    CHANGE_DOWN_WORDS,
    CHANGE_UP_STEMS,
    CHANGE_UP_WORDS,
    MULTIPLIER_AFTER_NUMBER,
    MULTIPLIER_WORDS,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    OVER_AFTER_WORDS,
    OVER_WORDS,
    PERCENTAGE_POINT_WORDS,
    UNDER_AFTER_WORDS,
    UNDER_WORDS,
    alternation,
    lookup,
)
from bot.core.numbers.read import EXAMPLES, LOOKBACK, decimal_from_digits, read_first_number
from bot.core.numbers.write import format_plain, format_quantity
from bot.core.parse_error import ParseError
from bot.core.values import Direction, Quantity, Unit

_FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    """A target resolved to an absolute quantity, and how it was derived.

    `relative` describes a change from the baseline for echoing back ("+20%",
    "×2", "+5,000"); it is None when the user typed the target itself.
    """

    quantity: Quantity
    relative: str | None
    direction: Direction | None


def _word_regex(words: list[str], stems: tuple[str, ...] = ()) -> str:
    whole = NOT_LETTER_BEFORE + alternation(words) + NOT_LETTER_AFTER
    return f"(?:{whole}|{NOT_LETTER_BEFORE}{alternation(stems)})" if stems else whole


_CHANGE_UP = _word_regex(CHANGE_UP_WORDS, tuple(CHANGE_UP_STEMS))
_CHANGE_DOWN = _word_regex(CHANGE_DOWN_WORDS, tuple(CHANGE_DOWN_STEMS))
_CHANGE_UP_RE = re.compile(_CHANGE_UP, _FLAGS)
_CHANGE_DOWN_RE = re.compile(_CHANGE_DOWN, _FLAGS)
_AIM_TO = r"[^\W\d_]*(?:\s+(?:it|them|this|down|up))*\s+" + alternation(AIM_TO_WORDS) + r"\s*$"
_AIM_UP = re.compile(_CHANGE_UP + _AIM_TO, _FLAGS)
_AIM_DOWN = re.compile(_CHANGE_DOWN + _AIM_TO, _FLAGS)
_UNDER = re.compile(_word_regex(UNDER_WORDS) + r"\s*:?\s*$", _FLAGS)
_OVER = re.compile(_word_regex(OVER_WORDS) + r"\s*:?\s*$", _FLAGS)
_UNDER_AFTER = re.compile(r"\S*\s*" + alternation(UNDER_AFTER_WORDS) + NOT_LETTER_AFTER, _FLAGS)
_OVER_AFTER = re.compile(r"\S*\s*" + alternation(OVER_AFTER_WORDS) + NOT_LETTER_AFTER, _FLAGS)
_POINTS = re.compile(r"\s*" + alternation(PERCENTAGE_POINT_WORDS) + NOT_LETTER_AFTER, _FLAGS)
_MULTIPLIER_WORD = re.compile(_word_regex(list(MULTIPLIER_WORDS)), _FLAGS)
_MULTIPLIER_NUMBER = re.compile(
    NOT_LETTER_BEFORE
    + r"(?:(?P<after>\d+(?:[.,]\d+)?)\s*"
    + alternation(MULTIPLIER_AFTER_NUMBER)
    + r"|[x×]\s*(?P<before>\d+(?:[.,]\d+)?))"
    + NOT_LETTER_AFTER,
    _FLAGS,
)
_WHOLE_UNITS = (Unit.COUNT, Unit.DURATION)  # a derived target of 399.6 followers reads oddly


def parse_target(
    text: str, *, baseline: Quantity | None, unit_hint: Unit | None = None
) -> ParsedTarget | ParseError:
    """Read a target, either as typed ("60k", "under 1h") or as a change from the baseline.

    Changes: "+20%", "20% more", "grow by 20%", "increase by 5k", "+5000", "cut by 30%",
    "-15%", "double it", "2x", "halve it", "+2pp" (percentage points). "cut to 2h" and
    "under 1h" are absolute targets with a direction. A leading minus on a score
    ("-5" for NPS) is the score itself, not a change.

    Example:
        >>> baseline = Quantity(Decimal("400"))
        >>> target = parse_target("+20%", baseline=baseline)
        >>> (target.quantity.value, target.relative, target.direction)
        (Decimal('480'), '+20%', <Direction.INCREASE: 'increase'>)
    """
    unit = unit_hint or (baseline.unit if baseline else None)
    normal = to_ascii_digits(text)
    multiplier = _find_multiplier(normal)
    if multiplier is not None:
        if baseline is None:
            return _needs_baseline(text, unit)
        return _changed(baseline, multiplier, "×" + format_plain(multiplier))
    reading = read_first_number(text, unit)
    if isinstance(reading, ParseError):
        return reading
    typed = reading.parsed.quantity
    before = normal[max(0, reading.start - LOOKBACK) : reading.start]
    after = normal[reading.end : reading.end + LOOKBACK]

    bound = _bound_direction(before, after)
    if bound is not None:
        return ParsedTarget(_in_baseline_currency(typed, baseline), None, bound)
    points = _POINTS.match(normal, reading.end)
    down = _CHANGE_DOWN_RE.search(before) or _CHANGE_DOWN_RE.search(after)
    up = _CHANGE_UP_RE.search(before) or _CHANGE_UP_RE.search(after)
    negative_score = typed.unit is Unit.SCORE and typed.value < 0
    if not ((reading.signed and not negative_score) or up or down or points):
        return ParsedTarget(
            _in_baseline_currency(typed, baseline), None, _implied_direction(typed, baseline)
        )

    if baseline is None:
        return _needs_baseline(text, unit)
    sign = "-" if typed.value < 0 or (down and not up and not reading.signed) else "+"
    magnitude = abs(typed.value)
    change = magnitude if sign == "+" else -magnitude
    if typed.unit is Unit.PERCENT and points is None:
        return _changed(baseline, 1 + change / 100, f"{sign}{format_plain(magnitude)}%")
    step = Quantity(magnitude, typed.unit, typed.currency or baseline.currency)
    label = sign + (f"{format_plain(magnitude)}pp" if points else format_quantity(step))
    value = baseline.value + change
    target = Quantity(_tidy(value, baseline.unit), baseline.unit, baseline.currency)
    direction = Direction.INCREASE if sign == "+" else Direction.DECREASE
    return ParsedTarget(target, label, direction)


def _find_multiplier(normal: str) -> Decimal | None:
    word = _MULTIPLIER_WORD.search(normal)
    if word is not None:
        return lookup(MULTIPLIER_WORDS, word.group())
    number = _MULTIPLIER_NUMBER.search(normal)
    if number is None:
        return None
    typed = number["after"] or number["before"]
    return decimal_from_digits(typed, single_separator_is_decimal=True)


def _changed(baseline: Quantity, factor: Decimal, label: str) -> ParsedTarget:
    target = Quantity(_tidy(baseline.value * factor, baseline.unit), baseline.unit,
                      baseline.currency)  # fmt: skip
    if factor == 1:
        return ParsedTarget(target, label, None)
    direction = Direction.INCREASE if factor > 1 else Direction.DECREASE
    return ParsedTarget(target, label, direction)


def _needs_baseline(typed: str, unit: Unit | None) -> ParseError:
    return ParseError(
        f"“{typed.strip()[:40]}” is a change from the current value, which I don't have yet. "
        "Please give the target as a number.",
        EXAMPLES[unit or Unit.COUNT],
    )


def _bound_direction(before: str, after: str) -> Direction | None:
    if _UNDER.search(before) or _AIM_DOWN.search(before) or _UNDER_AFTER.match(after):
        return Direction.DECREASE
    if _OVER.search(before) or _AIM_UP.search(before) or _OVER_AFTER.match(after):
        return Direction.INCREASE
    return None


def _implied_direction(target: Quantity, baseline: Quantity | None) -> Direction | None:
    if baseline is None or target.value == baseline.value:
        return None
    return Direction.INCREASE if target.value > baseline.value else Direction.DECREASE


def _in_baseline_currency(typed: Quantity, baseline: Quantity | None) -> Quantity:
    if typed.unit is Unit.CURRENCY and typed.currency is None and baseline is not None:
        return Quantity(typed.value, typed.unit, baseline.currency)
    return typed


def _tidy(value: Decimal, unit: Unit) -> Decimal:
    if unit in _WHOLE_UNITS:
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value
