"""What the bot says after someone skips, snoozes or pauses reminders, goes away or comes back."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date

from bot.core.dates import format_date
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import day, persian_digits
from bot.render.checkins import ENGLISH
from bot.services.reminder_controls import Did, ReminderChange

AWAY_EXAMPLE = "/goals away until Jan 5"
UNTIL_WHEN = N_("Until when? For example: `{example}`.")
"""`/goals away` typed without a day (formatted with AWAY_EXAMPLE)."""


def until_when_text(tr: Translator) -> str:
    return rtl(tr._(UNTIL_WHEN).format(example=AWAY_EXAMPLE), tr.lang)


def reminder_change_text(change: ReminderChange, tr: Translator = ENGLISH) -> str:
    """The answer to a change of reminders, with when the next one comes.

    Example:
        >>> reminder_change_text(ReminderChange(Did.PAUSED_ALL, count=2))
        'Paused reminders for 2 goals. `/goals back` turns them on again.'
    """
    return rtl(_change_text(change, tr), tr.lang)


def _change_text(change: ReminderChange, tr: Translator) -> str:
    back_again = tr._("`/goals back` turns them on again.")
    match change.did:
        case Did.SKIPPED:
            text = tr._("OK, nothing this time. Next reminder: {when}.")
            return text.format(when=next_reminder_text(change, tr))
        case Did.SNOOZED:
            return tr._("Snoozed. I'll ask again {when}.").format(
                when=next_reminder_text(change, tr)
            )
        case Did.PAUSED_ALL:
            return (
                _paused_all(change.count, tr) + " " + back_again
                if change.count
                else tr._("You have no running reminders to pause.")
            )
        case Did.AWAY:
            assert change.until is not None
            text = tr._(
                "Enjoy your time away. No reminders until {day}; "
                "`/goals back` turns them on sooner."
            )
            return text.format(day=day(change.until, tr.lang))
        case Did.AWAY_UNREADABLE:
            return f"{change.problem} " + tr._("For example: `{example}`.").format(
                example=AWAY_EXAMPLE
            )
        case Did.AWAY_NOT_LATER:
            assert change.until is not None
            text = tr._("{day} is not in the future. For example: `{example}`.")
            return text.format(day=day(change.until, tr.lang), example=AWAY_EXAMPLE)
        case Did.BACK:
            if not change.count:
                return tr._("Welcome back. You have no running goals to remind you of.")
            return _back(change.count, tr).format(
                count=change.count, when=next_reminder_text(change, tr)
            )
        case Did.PAUSED:
            return tr._("Reminders for this goal are paused.") + " " + back_again
        case _:
            return tr._(_FIXED_TEXTS[change.did])


# Two ids, not ngettext: the catalogue test's placeholder check takes exactly two forms, and
# Romanian has three; each language words the count so that it reads right for any number.
def _paused_all(count: int, tr: Translator) -> str:
    if count == 1:
        return tr._("Paused reminders for {count} goal.").format(count=count)
    return tr._("Paused reminders for {count} goals.").format(count=count)


def _back(count: int, tr: Translator) -> str:
    if count == 1:
        return tr._("Welcome back. Reminders are on for {count} goal; the next one: {when}.")
    return tr._("Welcome back. Reminders are on for {count} goals; the next one: {when}.")


_FIXED_TEXTS = {
    Did.SNOOZE_GONE: N_("This reminder's schedule is gone, so there is nothing to snooze."),
    Did.PAUSE_GONE: N_("This reminder's schedule is gone already."),
    Did.GOAL_GONE: N_("This reminder's goal is gone."),
}
"""Answers that say the same whatever else the change holds."""


def next_reminder_text(change: ReminderChange, tr: Translator = ENGLISH) -> str:
    """When the next reminder comes, in the schedule's time zone.

    Example:
        >>> next_reminder_text(ReminderChange(Did.SKIPPED))
        'not scheduled'
    """
    if change.next_at is None:
        return tr._("not scheduled")
    local = change.next_at.astimezone(ZoneInfo(change.zone))
    if tr.lang == "en":
        return f"{local:%a} {format_date(local.date())} at {local:%H:%M} ({change.zone})"
    text = tr._("{weekday} {day} at {time} ({zone})")
    return text.format(
        weekday=babel_date(local, "EEEE", locale=tr.lang),
        day=day(local.date(), tr.lang),
        time=clock(local, tr.lang),
        zone=change.zone,
    )


def clock(moment: datetime | time, lang: str) -> str:
    """The time of day, "16:30", with the language's digits ("۱۶:۳۰")."""
    text = f"{moment:%H:%M}"
    return persian_digits(text) if lang == "fa" else text
