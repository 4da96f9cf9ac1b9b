"""Say a cadence back in plain words ("every Monday at 10:00 (Europe/Bucharest)"), in the
language of the person reading it."""

from __future__ import annotations

from datetime import timedelta

from babel.dates import format_date

from bot.core.cadence import EPOCH_MONDAY, WORKDAYS, Cadence, CadenceKind, DayOfMonth
from bot.i18n.catalogue import N_, Translator, translator
from bot.i18n.formats import day, number, persian_digits

_SHORTEST_MONTH = 28  # days; a later day of the month falls on the last day in some months

ENGLISH = translator("en")


def describe_cadence(cadence: Cadence, tr: Translator = ENGLISH) -> str:
    """The cadence in plain words, with its time zone.

    Example:
        >>> describe_cadence(Cadence(CadenceKind.WEEKLY, weekdays=(0,), tz="Europe/Bucharest"))
        'every Monday at 10:00 (Europe/Bucharest)'
        >>> describe_cadence(Cadence(CadenceKind.WEEKLY, weekdays=(4,), tz="UTC"), translator("tr"))
        'her cuma saat 10:00 (UTC)'
    """
    at = cadence.at.strftime("%H:%M")
    when = {"time": persian_digits(at) if tr.lang == "fa" else at, "zone": cadence.tz}
    if cadence.kind is CadenceKind.DAILY:
        return tr._("every day at {time} ({zone})").format(**when)
    if cadence.kind is CadenceKind.MONTHLY:
        on = _describe_day_of_month(cadence.day_of_month, tr)
        return tr._("monthly on {day} at {time} ({zone})").format(day=on, **when)
    days = _describe_weekdays(cadence.weekdays, tr)
    if cadence.kind is CadenceKind.WEEKLY:
        return tr._("every {weekdays} at {time} ({zone})").format(weekdays=days, **when)
    anchor = (
        day(cadence.anchor, tr.lang) if tr.lang != "en" and cadence.anchor else str(cadence.anchor)
    )
    text = tr._(
        "every {weeks} weeks on {weekdays} at {time} ({zone}), counting from the week of {anchor}"
    )
    weeks = number(cadence.interval_weeks, tr.lang)
    return text.format(weeks=weeks, weekdays=days, anchor=anchor, **when)


def _describe_weekdays(weekdays: tuple[int, ...], tr: Translator) -> str:
    if tuple(weekdays) == WORKDAYS:
        return tr._("weekday")
    names = [_weekday_name(day, tr.lang) for day in weekdays]
    if len(names) == 1:
        return names[0]
    return tr._("{days} and {last}").format(days=", ".join(names[:-1]), last=names[-1])


def _weekday_name(weekday: int, lang: str) -> str:
    """ "Monday", "Pazartesi", "luni", "Thứ Hai", "دوشنبه" (CLDR's names, through Babel)."""
    name = format_date(EPOCH_MONDAY + timedelta(days=weekday), "EEEE", locale=lang)
    return name.lower() if lang in ("ro", "tr") else name  # "her cuma", "în fiecare luni"


def _describe_day_of_month(day: DayOfMonth | None, tr: Translator) -> str:
    if day == "last" or day is None:
        return tr._("the last day")
    suffix = "th" if day % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    on = tr._(_ORDINALS[suffix]).format(day=number(day, tr.lang))
    if day > _SHORTEST_MONTH:
        return tr._("{day} (or the month's last day)").format(day=on)
    return on


# English ordinals; other languages say "day 15" ("ayın 15. günü", "ziua 15") for all four.
_ORDINALS = {
    "st": N_("the {day}st"),
    "nd": N_("the {day}nd"),
    "rd": N_("the {day}rd"),
    "th": N_("the {day}th"),
}
