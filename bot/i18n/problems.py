"""A reader's problem (bot.core.parse_error) in a person's language, its quoted values
written the way that language writes dates, months and numbers."""

from __future__ import annotations

from datetime import date

from babel.dates import get_month_names

from bot.core.parse_error import Month, ParseError, Year, in_english
from bot.i18n import formats
from bot.i18n.catalogue import SOURCE_LANGUAGE, Translator

_MONTHS_IN_A_YEAR = 12


def problem_text(problem: ParseError, tr: Translator) -> str:
    """`problem` in `tr`'s language: its fixed message or its template, filled in.

    Example:
        >>> from bot.i18n.catalogue import translator
        >>> no_day = ParseError.quoting("A month has no day {day}.", "", day=32)
        >>> problem_text(no_day, translator("tr"))
        'Bir ayın 32. günü yok.'
    """
    if not problem.template or tr.lang == SOURCE_LANGUAGE:
        return tr._(problem.message) if problem.message else ""
    values = {name: _written(value, tr) for name, value in problem.values}
    return tr._(problem.template).format(**values)


def _written(value: object, tr: Translator) -> str:
    lang = tr.lang
    if isinstance(value, ParseError):
        return problem_text(value, tr)
    if isinstance(value, Month):
        if not 1 <= value <= _MONTHS_IN_A_YEAR:
            return formats.number(int(value), lang)
        return str(get_month_names("abbreviated", locale=lang)[int(value)])
    if isinstance(value, Year):
        return formats.number(int(value), lang, grouped=False)
    if isinstance(value, date):
        return formats.day(value, lang)
    if isinstance(value, int):
        return formats.number(value, lang)
    return in_english(value)
