"""Numbers, percentages and dates written the way each language writes them (Babel's CLDR).

Persian uses its own digits and separators (۱۲٬۴۰۰, ۳٫۲٪) and the Solar Hijri calendar;
Turkish puts the percent sign first (%3,2); Romanian and Vietnamese group with dots
(12.400). Every renderer that shows a number or a date to a person calls this module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date as babel_date
from babel.numbers import format_decimal, format_percent

from bot.core.persian_calendar import solar_hijri_text

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


def number(value: Decimal | int, lang: str, *, decimals: int = 2) -> str:
    """A number grouped in thousands, to at most `decimals` decimals.

    Example:
        >>> [number(Decimal("12400"), lang) for lang in ("en", "fa", "ro", "tr", "vi")]
        ['12,400', '۱۲٬۴۰۰', '12.400', '12.400', '12.400']
    """
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
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
