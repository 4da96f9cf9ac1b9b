"""Numbers, percentages and dates written the way each language writes them (Babel's CLDR).

Persian uses its own digits and separators (۱۲٬۴۰۰, ۳٫۲٪) and the Solar Hijri calendar;
Turkish puts the percent sign first (%3,2); Romanian and Vietnamese group with dots
(12.400). Every renderer that shows a number or a date to a person calls this module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_currency, format_decimal, format_percent
from babel.units import format_unit

from bot.core.number_words import DAY, HOUR, MINUTE
from bot.core.numbers.write import format_quantity
from bot.core.persian_calendar import solar_hijri_text
from bot.core.values import Quantity, Unit
from bot.i18n.catalogue import N_, translator

_PERSIAN_DIGITS = str.maketrans("0123456789%", "۰۱۲۳۴۵۶۷۸۹٪")
# CLDR's Persian digits are "arabext"; Babel gives its separators, we give the digits.
_NUMBERING = {"fa": "arabext"}


def persian_digits(text: str) -> str:
    """ASCII digits (and %) as Persian ones.

    Example:
        >>> persian_digits("12٬400")
        '۱۲٬۴۰۰'
    """
    return text.translate(_PERSIAN_DIGITS)


def _native(text: str, lang: str) -> str:
    return persian_digits(text) if lang == "fa" else text


def number(value: Decimal | int, lang: str, *, decimals: int = 2, grouped: bool = True) -> str:
    """A number grouped in thousands, to at most `decimals` decimals.

    Example:
        >>> [number(Decimal("12400"), lang) for lang in ("en", "fa", "ro", "tr", "vi")]
        ['12,400', '۱۲٬۴۰۰', '12.400', '12.400', '12.400']
    """
    pattern = ("#,##0" if grouped else "0") + ("." + "#" * decimals if decimals else "")
    text = format_decimal(
        value, format=pattern, locale=lang, numbering_system=_NUMBERING.get(lang, "latn")
    )
    return _native(text, lang)


def percent(points: Decimal, lang: str) -> str:
    """A percentage given in points (3.2 means 3.2 %), to at most two decimals.

    Example:
        >>> [percent(Decimal("3.2"), lang) for lang in ("en", "fa", "ro", "tr", "vi")]
        ['3.2%', '۳٫۲٪', '3,2\xa0%', '%3,2', '3,2%']
    """
    text = format_percent(
        points / 100,
        format=None,
        locale=lang,
        decimal_quantization=False,
        numbering_system=_NUMBERING.get(lang, "latn"),
    )
    return _native(text, lang)


def day(d: date, lang: str) -> str:
    """A date with its month's name; in Persian, on the Solar Hijri calendar.

    Example:
        >>> [day(date(2026, 12, 31), lang) for lang in ("en", "fa", "ro", "tr", "vi")]
        ['31 Dec 2026', '۱۰ دی ۱۴۰۵', '31 dec. 2026', '31 Ara 2026', '31 thg 12, 2026']
    """
    if lang == "fa":
        return persian_digits(solar_hijri_text(d))
    return babel_date(d, format="medium" if lang == "vi" else "d MMM y", locale=lang)


def day_month(d: date, lang: str) -> str:
    """A date without its year, for charts and histories ("31 Dec", "۱۰ دی", "31 Ara")."""
    if lang == "fa":
        return persian_digits(solar_hijri_text(d).rsplit(" ", 1)[0])
    if lang == "en":
        return f"{d.day} {d:%b}"
    return format_skeleton("dMMM", d, locale=lang)


_DURATION_UNITS = (
    (int(DAY), "duration-day"),
    (int(HOUR), "duration-hour"),
    (int(MINUTE), "duration-minute"),
    (1, "duration-second"),
)
_COMPACT_FROM = 1000  # below a thousand, a compact number is the number itself
_MILESTONE = {True: N_("done"), False: N_("not done")}


def quantity(q: Quantity, lang: str, *, compact: bool = False) -> str:
    """A quantity as `lang` writes it: "41.2k" / "41,2 B" / "۴۱٫۲ هزار", "2 sa. 30 dk.".

    English keeps the bot's own short forms (bot.core.numbers.write), which read back.

    Example:
        >>> [quantity(Quantity(Decimal("41200")), lang, compact=True) for lang in ("en", "tr")]
        ['41.2k', '41,2\xa0B']
    """
    if lang == "en" or not q.value.is_finite():
        return format_quantity(q, compact=compact)
    system = _NUMBERING.get(lang, "latn")
    if q.unit is Unit.MILESTONE:
        return translator(lang)._(_MILESTONE[q.value >= 1])
    if q.unit is Unit.DURATION:
        return _native(_duration(q.value, lang), lang)
    if q.unit is Unit.PERCENT:
        return percent(q.value, lang)
    if q.unit is Unit.CURRENCY and q.currency:
        # The locale's own pattern (symbol before or after), without forced cents.
        pattern = Locale.parse(lang).currency_formats["standard"].pattern.replace(".00", ".##")
        text = format_currency(
            q.value,
            q.currency,
            format=pattern,
            locale=lang,
            currency_digits=False,
            numbering_system=system,
        )
        return _native(text, lang)
    if compact and abs(q.value) >= _COMPACT_FROM:
        text = format_compact_decimal(
            q.value, format_type="short", locale=lang, fraction_digits=1, numbering_system=system
        )
        return _native(text, lang)
    return number(q.value, lang)


def _duration(seconds: Decimal, lang: str) -> str:
    left = int(abs(seconds).quantize(Decimal(1)))
    parts = []
    for size, unit in _DURATION_UNITS:
        amount, left = divmod(left, size)
        if amount:
            parts.append(format_unit(amount, unit, length="short", locale=lang))
    sign = "-" if seconds < 0 and parts else ""
    return sign + " ".join(
        parts or [format_unit(0, "duration-second", length="short", locale=lang)]
    )
