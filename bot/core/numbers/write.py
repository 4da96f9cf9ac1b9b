"""Write quantities back the way a person would ("41.2k", "2h 30m", "$1,500", "3.2%")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from bot.core.number_words import DAY, HOUR, MINUTE
from bot.core.values import Quantity, Unit

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "TRY": "₺"}
_THOUSAND = Decimal(1_000)
_COMPACT_STEPS = ((_THOUSAND, "k"), (_THOUSAND**2, "M"), (_THOUSAND**3, "B"))
_WHOLE_COUNTS_FROM = 100  # a count this large is never shown with decimals


def round_estimate(value: Decimal, unit: Unit) -> Decimal:
    """An estimate (the plan for today, a forecast) to the precision its unit is counted in.

    Nobody has 402.93 followers: counts of a hundred or more and durations are whole;
    small counts (3.25 requests per agent) and rates keep two decimals.

    Example:
        >>> round_estimate(Decimal("402.93"), Unit.COUNT)
        Decimal('403')
    """
    whole = unit is Unit.DURATION or (unit is Unit.COUNT and abs(value) >= _WHOLE_COUNTS_FROM)
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
        return format_plain(q.value, grouped=False) + "%"
    number = _format_compact(q.value) if compact else format_plain(q.value)
    if q.unit is Unit.CURRENCY and q.currency:
        symbol = _CURRENCY_SYMBOLS.get(q.currency)
        if symbol is None:
            return f"{number} {q.currency}"
        return f"-{symbol}{number[1:]}" if number.startswith("-") else symbol + number
    return number


def format_plain(value: Decimal, *, grouped: bool = True) -> str:
    """A bare number to at most two decimals, without trailing zeros ("1,234.5", "20")."""
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = f"{value:{',' if grouped else ''}.2f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _format_compact(value: Decimal) -> str:
    if abs(value) < _COMPACT_STEPS[0][0]:
        return format_plain(value)
    for step, suffix in _COMPACT_STEPS[:-1]:
        scaled = format_plain(value / step, grouped=False)
        # 999,999 rounds to "1000k"; the next step up says it better as "1M".
        if abs(Decimal(scaled)) < _THOUSAND:
            return scaled + suffix
    step, suffix = _COMPACT_STEPS[-1]
    return format_plain(value / step, grouped=False) + suffix


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
