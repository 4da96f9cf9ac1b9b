"""Read the first number people type ("41.2k", "۱۲ هزار", "2h 30m", "₺500"), with its unit.

Used by the goal interview (baseline, target) and by check-in replies, where the
number usually comes first and the rest of the message is a note ("41.2k, the reel
did well"). Parsers never raise on user text: they return a result or a
`ParseError` that carries a short message and an example of what works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.core.digits import to_ascii_digits
from bot.core.number_words import (
    APPROXIMATE_AFTER,
    APPROXIMATE_BEFORE,
    CURRENCY_BEFORE,
    CURRENCY_WORDS,
    DURATION_WORDS,
    HOUR,
    MILESTONE_WORDS,
    MINUTE,
    MINUTE_LETTER,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    PERCENT_PREFIXES,
    PERCENT_SUFFIXES,
    SCALE_WORDS,
    alternation,
    lookup,
)
from bot.core.parse_error import ParseError
from bot.core.values import Quantity, Unit
from bot.i18n.catalogue import N_


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    """A number read from text, and what was left over.

    `consumed` is the exact span read (approximation words and units included);
    `rest` is what followed it, without leading punctuation, for use as a note.
    """

    quantity: Quantity
    approximate: bool
    consumed: str
    rest: str


EXAMPLES: dict[Unit, str] = {
    Unit.COUNT: "12,400 or 41.2k",
    Unit.PERCENT: "3.2%",
    Unit.CURRENCY: "$1,500 or 1,500 RON",
    Unit.DURATION: "2h 30m or 90 min",
    Unit.SCORE: "42 or -5",
    Unit.MILESTONE: "done or not done",
}
_FLAGS = re.IGNORECASE
# Digits with separators between them. Spaces group thousands only in a number
# that is wholly grouped that way ("12 400"), so "in 2025 500 followers" reads 2025.
_NUMBER = re.compile(
    NOT_LETTER_BEFORE
    + r"(?<!\d)(?P<sign>[-+] ?)?(?P<digits>"
    + r"\d{1,3}(?: \d{3}(?!\d))+(?:[.,]\d+)?(?! ?\d)"
    + r"|\d+(?:[.,']\d+)*)"
)
_LONGEST_NUMBER = 30  # digits; longer is pasted junk, not a metric
LOOKBACK = 40  # characters before a number searched for "about", "$", "%"
_GROUP_DIGITS = 3  # thousands separators split digits in threes: "1,234,567"

_SCALE = re.compile(r"\s*(?P<word>" + alternation(SCALE_WORDS) + ")" + NOT_LETTER_AFTER, _FLAGS)
_PERCENT_AFTER = re.compile(r"\s*" + alternation(PERCENT_SUFFIXES) + NOT_LETTER_AFTER, _FLAGS)
_CURRENCY_AFTER = re.compile(
    r"\s*(?P<word>" + alternation(CURRENCY_WORDS) + ")" + NOT_LETTER_AFTER, _FLAGS
)
_APPROX_AFTER = re.compile(r"\s*" + alternation(APPROXIMATE_AFTER) + NOT_LETTER_AFTER, _FLAGS)
_BEFORE = re.compile(
    r"(?P<approx>"
    + NOT_LETTER_BEFORE
    + alternation(APPROXIMATE_BEFORE)
    + r"\s*)?(?P<currency>"
    + NOT_LETTER_BEFORE
    + alternation(CURRENCY_BEFORE)
    + r"\s*)?(?P<percent>"
    + NOT_LETTER_BEFORE
    + alternation(PERCENT_PREFIXES)
    + r"\s*)?$",
    _FLAGS,
)
_DURATION_UNIT = re.compile(
    r"\s*(?P<word>" + alternation(DURATION_WORDS) + ")" + NOT_LETTER_AFTER, _FLAGS
)
_DURATION_UNIT_OR_M = re.compile(
    r"\s*(?P<word>" + alternation([*DURATION_WORDS, MINUTE_LETTER]) + ")" + NOT_LETTER_AFTER,
    _FLAGS,
)
# A further part of a compound duration: "2h 30m", "1 hour and 15 minutes", "2h30".
_DURATION_PART = re.compile(
    r"\s*(?:(?:and|și|si|ve|và|و)\s+|,\s*)?(?P<num>\d+(?:[.,]\d+)?)" + _DURATION_UNIT_OR_M.pattern,
    _FLAGS,
)
_TRAILING_MINUTES = re.compile(r"(?P<num>[0-5]\d)(?![\w.,])")
_MILESTONE = re.compile(
    r"^\s*(?P<word>" + alternation(MILESTONE_WORDS) + ")" + NOT_LETTER_AFTER, _FLAGS
)
_NOTE_PUNCTUATION = " \t\r\n,;:.!-–—|/()"


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything `parse_target` needs to know about the first number in a text."""

    parsed: ParsedQuantity
    signed: bool  # typed with "+" or "-": a change, when it is a target
    start: int  # where `consumed` starts in the text
    end: int


def parse_quantity(text: str, *, unit_hint: Unit | None = None) -> ParsedQuantity | ParseError:
    """Read the first number in `text`, with its unit, and keep the rest as a note.

    A unit typed in the text ("%", "h", "RON") wins over `unit_hint`; without one
    the hint (or COUNT) is used. Durations come back in seconds, percentages as
    read (3.2 for "3.2%"), money in the currency's main unit.

    Example:
        >>> parse_quantity("41.2k, the reel did well").quantity.value
        Decimal('41200.0')
        >>> parse_quantity("41.2k, the reel did well").rest
        'the reel did well'
    """
    reading = read_first_number(text, unit_hint)
    return reading.parsed if isinstance(reading, Reading) else reading


def read_first_number(text: str, unit_hint: Unit | None) -> Reading | ParseError:
    """Read the first number in `text` and where it sits, for `parse_quantity` and targets."""
    example = EXAMPLES[unit_hint or Unit.COUNT]
    if not text.strip():
        return ParseError("I didn't get a number there.", example)
    normal = to_ascii_digits(text)
    if unit_hint is Unit.MILESTONE:
        milestone = _read_milestone(text, normal)
        if milestone is not None:
            return milestone
    match = _NUMBER.search(normal)
    if match is None:
        return ParseError("I couldn't find a number in that.", example)
    if sum(c.isdigit() for c in match["digits"]) > _LONGEST_NUMBER:
        return ParseError("That number is too long for me to read.", example)
    return _read_number_at(text, normal, match, unit_hint)


def _read_number_at(
    text: str, normal: str, match: re.Match[str], unit_hint: Unit | None
) -> Reading | ParseError:
    """Read the number `match` found, with the signs around it that say its unit."""
    sign = Decimal(-1) if (match["sign"] or "").startswith("-") else Decimal(1)
    window_start = max(0, match.start() - LOOKBACK)
    before = _BEFORE.search(normal, window_start, match.start())
    assert before is not None  # every part of _BEFORE is optional
    start = match.start()
    for group in ("approx", "currency", "percent"):
        if before[group]:
            start = min(start, before.start(group))

    reading = _read_after_number(normal, match, unit_hint, before["percent"] is not None)
    if isinstance(reading, ParseError):
        return reading
    value, unit, end = reading
    currency, unit, end = _read_money_and_percent(normal, before, unit, end)
    approximate = before["approx"] is not None
    approx_after = _APPROX_AFTER.match(normal, end)
    if approx_after is not None:
        approximate, end = True, approx_after.end()

    if unit is Unit.COUNT and currency is None:
        hinted = _unit_without_cue(sign * value, unit_hint)
        if isinstance(hinted, ParseError):
            return hinted
        unit = hinted
    quantity = Quantity(sign * value, unit, currency if unit is Unit.CURRENCY else None)
    parsed = ParsedQuantity(
        quantity=quantity,
        approximate=approximate,
        consumed=text[start:end],
        rest=text[end:].lstrip(_NOTE_PUNCTUATION).rstrip(),
    )
    return Reading(parsed, match["sign"] is not None, start, end)


def _read_money_and_percent(
    normal: str, before: re.Match[str], unit: Unit, end: int
) -> tuple[str | None, Unit, int]:
    """A currency typed before or after a count makes it money; a "%" before makes a percent."""
    currency = _currency_code(before["currency"])
    currency_after = _CURRENCY_AFTER.match(normal, end) if unit is Unit.COUNT else None
    if currency_after is not None:
        currency, end = lookup(CURRENCY_WORDS, currency_after["word"]), currency_after.end()
    if currency is not None and unit is Unit.COUNT:
        unit = Unit.CURRENCY
    if before["percent"]:
        unit = Unit.PERCENT
    return currency, unit, end


def _unit_without_cue(value: Decimal, unit_hint: Unit | None) -> Unit | ParseError:
    """The unit of a bare number: the hint's, when a bare number can mean it."""
    unit = unit_hint or Unit.COUNT
    if unit is Unit.DURATION:
        return ParseError("Please add a unit to the time.", EXAMPLES[Unit.DURATION])
    if unit is Unit.MILESTONE and value not in (0, 1):
        return ParseError("A milestone is either done or not done.", EXAMPLES[unit])
    return unit


def _read_milestone(text: str, normal: str) -> Reading | None:
    match = _MILESTONE.match(normal)
    if match is None:
        return None
    quantity = Quantity(lookup(MILESTONE_WORDS, match["word"]), Unit.MILESTONE)
    end = match.end()
    rest = text[end:].lstrip(_NOTE_PUNCTUATION).rstrip()
    parsed = ParsedQuantity(quantity, False, text[match.start("word") : end], rest)
    return Reading(parsed, False, match.start("word"), end)


def _read_after_number(
    normal: str, number: re.Match[str], unit_hint: Unit | None, percent_before: bool
) -> tuple[Decimal, Unit, int] | ParseError:
    """Read the digits and what follows them: a duration unit, a scale, a percent sign."""
    digits = number["digits"]
    end = number.end()
    minutes_allowed = unit_hint is Unit.DURATION
    duration_unit = (_DURATION_UNIT_OR_M if minutes_allowed else _DURATION_UNIT).match(normal, end)
    if duration_unit is not None and not percent_before:
        first = decimal_from_digits(digits, single_separator_is_decimal=True)
        if first is None:
            return _unreadable(digits, Unit.DURATION)
        seconds, end = _read_duration(normal, first, duration_unit)
        return seconds, Unit.DURATION, end

    scale = _SCALE.match(normal, end)
    percent = _PERCENT_AFTER.match(normal, scale.end() if scale else end)
    # "41.2k", "3,2%": one separator before a scale word or in a percentage is
    # a decimal point; "12.400" alone is twelve thousand four hundred.
    decimal_first = scale is not None or percent is not None or percent_before
    value = decimal_from_digits(digits, single_separator_is_decimal=decimal_first)
    if value is None:
        return _unreadable(digits, unit_hint or Unit.COUNT)
    if scale is not None:
        value *= lookup(SCALE_WORDS, scale["word"])
        end = scale.end()
    if percent is not None:
        return value, Unit.PERCENT, percent.end()
    return value, Unit.COUNT, end


def _read_duration(normal: str, first: Decimal, unit: re.Match[str]) -> tuple[Decimal, int]:
    """Add up "2h 30m", "1 hour and 15 minutes" and "2h30" into seconds."""
    seconds = first * _unit_seconds(unit["word"])
    end = unit.end()
    last_unit = _unit_seconds(unit["word"])
    while (part := _DURATION_PART.match(normal, end)) is not None:
        value = decimal_from_digits(part["num"], single_separator_is_decimal=True)
        assert value is not None  # _DURATION_PART only matches plain decimals
        last_unit = _unit_seconds(part["word"])
        seconds += value * last_unit
        end = part.end()
    if last_unit == HOUR and (minutes := _TRAILING_MINUTES.match(normal, end)) is not None:
        seconds += Decimal(minutes["num"]) * MINUTE
        end = minutes.end()
    return seconds, end


def _unit_seconds(word: str) -> Decimal:
    return MINUTE if word.lower() == MINUTE_LETTER else lookup(DURATION_WORDS, word)


def _currency_code(typed: str | None) -> str | None:
    return lookup(CURRENCY_WORDS, typed.strip()) if typed else None


def _unreadable(digits: str, unit: Unit) -> ParseError:
    return ParseError.quoting(
        N_("I couldn't read “{typed}” as a number."), EXAMPLES[unit], typed=digits
    )


def decimal_from_digits(digits: str, *, single_separator_is_decimal: bool) -> Decimal | None:
    """Interpret thousands groups and the decimal mark the way the typist meant them.

    Both "." and "," present: the last one is the decimal mark ("1.234,5").
    A mark repeated ("1,234,567") or next to spaces ("1 234,5") is grouping.
    One lone mark followed by exactly three digits is grouping ("12.400"), unless
    the caller knows a decimal is likely (a scale word or a percent follows).
    """
    marks = [c for c in digits if not c.isdigit()]
    parts = re.split(r"[.,'\s]", digits)
    if not marks:
        return Decimal(digits)
    decimal_mark: str | None = None
    if "." in marks and "," in marks:
        decimal_mark = marks[-1]
        if marks.count(decimal_mark) > 1:
            return None
    else:
        point = "." if "." in marks else "," if "," in marks else None
        lone = point is not None and marks.count(point) == 1
        if lone and (len(marks) > 1 or single_separator_is_decimal or not _looks_grouped(parts)):
            decimal_mark = point
    if decimal_mark is not None:
        parts, fraction = parts[:-1], parts[-1]
    else:
        fraction = ""
    if len(parts) > 1 and not _looks_grouped(parts):
        return None
    return Decimal("".join(parts) + ("." + fraction if fraction else ""))


def _looks_grouped(parts: list[str]) -> bool:
    return (
        1 <= len(parts[0]) <= _GROUP_DIGITS
        and parts[0] != "0"
        and all(len(p) == _GROUP_DIGITS for p in parts[1:])
    )
