"""Read the numbers people type ("41.2k", "۱۲ هزار", "2h 30m", "₺500") and write them back.

Used by the goal interview (baseline, target) and by check-in replies, where the
number usually comes first and the rest of the message is a note ("41.2k, the reel
did well"). Parsers never raise on user text: they return a result or a
`ParseError` that carries a short message and an example of what works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from bot.core.digits import to_ascii_digits
from bot.core.number_words import (
    AIM_TO_WORDS,
    APPROXIMATE_AFTER,
    APPROXIMATE_BEFORE,
    CHANGE_DOWN_STEMS,
    CHANGE_DOWN_WORDS,
    CHANGE_UP_STEMS,
    CHANGE_UP_WORDS,
    CURRENCY_BEFORE,
    CURRENCY_WORDS,
    DAY,
    DURATION_WORDS,
    HOUR,
    MILESTONE_WORDS,
    MINUTE,
    MINUTE_LETTER,
    MULTIPLIER_AFTER_NUMBER,
    MULTIPLIER_WORDS,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    OVER_AFTER_WORDS,
    OVER_WORDS,
    PERCENT_PREFIXES,
    PERCENT_SUFFIXES,
    PERCENTAGE_POINT_WORDS,
    SCALE_WORDS,
    UNDER_AFTER_WORDS,
    UNDER_WORDS,
    alternation,
    lookup,
)
from bot.core.values import Direction, Quantity, Unit


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


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why some text could not be read, with an example the user can copy."""

    message: str
    example: str


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    """A target resolved to an absolute quantity, and how it was derived.

    `relative` describes a change from the baseline for echoing back ("+20%",
    "×2", "+5,000"); it is None when the user typed the target itself.
    """

    quantity: Quantity
    relative: str | None
    direction: Direction | None


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
_LOOKBACK = 40  # characters before a number searched for "about", "$", "%"

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
class _Reading:
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
    reading = _read(text, unit_hint)
    return reading.parsed if isinstance(reading, _Reading) else reading


def _read(text: str, unit_hint: Unit | None) -> _Reading | ParseError:
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
    sign = Decimal(-1) if (match["sign"] or "").startswith("-") else Decimal(1)
    window_start = max(0, match.start() - _LOOKBACK)
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
    currency = _currency_code(before["currency"])
    currency_after = _CURRENCY_AFTER.match(normal, end) if unit is Unit.COUNT else None
    if currency_after is not None:
        currency, end = lookup(CURRENCY_WORDS, currency_after["word"]), currency_after.end()
    if currency is not None and unit is Unit.COUNT:
        unit = Unit.CURRENCY
    if before["percent"]:
        unit = Unit.PERCENT
    has_cue = unit is not Unit.COUNT or currency is not None
    approximate = before["approx"] is not None
    approx_after = _APPROX_AFTER.match(normal, end)
    if approx_after is not None:
        approximate, end = True, approx_after.end()

    if not has_cue:
        unit = unit_hint or Unit.COUNT
        if unit is Unit.DURATION:
            return ParseError("Please add a unit to the time.", EXAMPLES[Unit.DURATION])
        if unit is Unit.MILESTONE and sign * value not in (0, 1):
            return ParseError("A milestone is either done or not done.", example)
    quantity = Quantity(sign * value, unit, currency if unit is Unit.CURRENCY else None)
    parsed = ParsedQuantity(
        quantity=quantity,
        approximate=approximate,
        consumed=text[start:end],
        rest=text[end:].lstrip(_NOTE_PUNCTUATION).rstrip(),
    )
    return _Reading(parsed, match["sign"] is not None, start, end)


def _read_milestone(text: str, normal: str) -> _Reading | None:
    match = _MILESTONE.match(normal)
    if match is None:
        return None
    quantity = Quantity(lookup(MILESTONE_WORDS, match["word"]), Unit.MILESTONE)
    end = match.end()
    rest = text[end:].lstrip(_NOTE_PUNCTUATION).rstrip()
    parsed = ParsedQuantity(quantity, False, text[match.start("word") : end], rest)
    return _Reading(parsed, False, match.start("word"), end)


def _read_after_number(
    normal: str, number: re.Match[str], unit_hint: Unit | None, percent_before: bool
) -> tuple[Decimal, Unit, int] | ParseError:
    """Read the digits and what follows them: a duration unit, a scale, a percent sign."""
    digits = number["digits"]
    end = number.end()
    minutes_allowed = unit_hint is Unit.DURATION
    duration_unit = (_DURATION_UNIT_OR_M if minutes_allowed else _DURATION_UNIT).match(normal, end)
    if duration_unit is not None and not percent_before:
        first = _decimal_from_digits(digits, single_separator_is_decimal=True)
        if first is None:
            return _unreadable(digits, Unit.DURATION)
        seconds, end = _read_duration(normal, first, duration_unit)
        return seconds, Unit.DURATION, end

    scale = _SCALE.match(normal, end)
    percent = _PERCENT_AFTER.match(normal, scale.end() if scale else end)
    # "41.2k", "3,2%": one separator before a scale word or in a percentage is
    # a decimal point; "12.400" alone is twelve thousand four hundred.
    decimal_first = scale is not None or percent is not None or percent_before
    value = _decimal_from_digits(digits, single_separator_is_decimal=decimal_first)
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
        value = _decimal_from_digits(part["num"], single_separator_is_decimal=True)
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
    return ParseError(f"I couldn't read “{digits}” as a number.", EXAMPLES[unit])


def _decimal_from_digits(digits: str, *, single_separator_is_decimal: bool) -> Decimal | None:
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
    return 1 <= len(parts[0]) <= 3 and parts[0] != "0" and all(len(p) == 3 for p in parts[1:])


# --- writing numbers back -------------------------------------------------------------

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "TRY": "₺"}
_COMPACT_STEPS = ((Decimal(1_000), "k"), (Decimal(1_000_000), "M"), (Decimal(1_000_000_000), "B"))


def round_estimate(value: Decimal, unit: Unit) -> Decimal:
    """An estimate (the plan for today, a forecast) to the precision its unit is counted in.

    Nobody has 402.93 followers: counts of a hundred or more and durations are whole;
    small counts (3.25 requests per agent) and rates keep two decimals.

    Example:
        >>> round_estimate(Decimal("402.93"), Unit.COUNT)
        Decimal('403')
    """
    whole = unit is Unit.DURATION or (unit is Unit.COUNT and abs(value) >= 100)
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        return value.quantize(Decimal(1) if whole else Decimal("0.01"))


def format_quantity(q: Quantity, *, compact: bool = False) -> str:
    """Write a quantity the way a person would, rounded to at most two decimals.

    Example:
        >>> format_quantity(Quantity(Decimal("41200")), compact=True)
        '41.2k'
        >>> format_quantity(Quantity(Decimal("9000"), Unit.DURATION))
        '2h 30m'
    """
    if not q.value.is_finite():
        return str(q.value)
    if q.unit is Unit.MILESTONE:
        return "done" if q.value >= 1 else "not done"
    if q.unit is Unit.DURATION:
        return _format_duration(q.value)
    if q.unit is Unit.PERCENT:
        # No thousands grouping: "1,310%" would read back as 1.31 %.
        return _format_plain(q.value, grouped=False) + "%"
    number = _format_compact(q.value) if compact else _format_plain(q.value)
    if q.unit is Unit.CURRENCY and q.currency:
        symbol = _CURRENCY_SYMBOLS.get(q.currency)
        if symbol is None:
            return f"{number} {q.currency}"
        return f"-{symbol}{number[1:]}" if number.startswith("-") else symbol + number
    return number


def _format_plain(value: Decimal, *, grouped: bool = True) -> str:
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = f"{value:{',' if grouped else ''}.2f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _format_compact(value: Decimal) -> str:
    if abs(value) < _COMPACT_STEPS[0][0]:
        return _format_plain(value)
    for step, suffix in _COMPACT_STEPS[:-1]:
        scaled = _format_plain(value / step, grouped=False)
        # 999,999 rounds to "1000k"; the next step up says it better as "1M".
        if abs(Decimal(scaled)) < 1000:
            return scaled + suffix
    step, suffix = _COMPACT_STEPS[-1]
    return _format_plain(value / step, grouped=False) + suffix


def _format_duration(seconds: Decimal) -> str:
    total = int(abs(seconds).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    days, rest = divmod(total, int(DAY))
    hours, rest = divmod(rest, int(HOUR))
    minutes, secs = divmod(rest, int(MINUTE))
    parts = [f"{days}d"] if days else []
    parts += [f"{hours}h"] if hours else []
    if minutes:
        # A lone "5m" would read back as five million, so it is spelled "5 min".
        parts.append(f"{minutes}m" if parts else f"{minutes} min")
    parts += [f"{secs}s"] if secs or not parts else []
    sign = "-" if seconds < 0 and total else ""
    return sign + " ".join(parts)


# --- targets ---------------------------------------------------------------------------


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
        return _changed(baseline, multiplier, "×" + _format_plain(multiplier))
    reading = _read(text, unit)
    if isinstance(reading, ParseError):
        return reading
    typed = reading.parsed.quantity
    before = normal[max(0, reading.start - _LOOKBACK) : reading.start]
    after = normal[reading.end : reading.end + _LOOKBACK]

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
        return _changed(baseline, 1 + change / 100, f"{sign}{_format_plain(magnitude)}%")
    step = Quantity(magnitude, typed.unit, typed.currency or baseline.currency)
    label = sign + (f"{_format_plain(magnitude)}pp" if points else format_quantity(step))
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
    return _decimal_from_digits(typed, single_separator_is_decimal=True)


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
