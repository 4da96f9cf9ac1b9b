"""What the bot says about work weeks, public holidays, days off and plans by working days."""

from __future__ import annotations

from bot.core.workdays import WORKWEEK_EXAMPLE, DayOffRule, calendar_from_spec, workweek_text
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.render.checkins import ENGLISH
from bot.services.work_calendars import CalendarChange, Outcome, Setting

WORKDAYS_EXAMPLE = "/goals workdays #3 on"
_EXAMPLES = {
    Setting.WORKWEEK: WORKWEEK_EXAMPLE,
    Setting.HOLIDAYS: "/goals holidays IR",
    Setting.DAY_OFF_RULE: "/goals dayoff skip",
}
_RULES = {
    DayOffRule.MOVE: N_("a reminder due on a day off moves to the next working day"),
    DayOffRule.SKIP: N_("a reminder due on a day off is skipped"),
}
# (set or cleared, for the workspace): the sentence that names the setting.
_DID = {
    (True, False): N_("Set your {setting}."),
    (True, True): N_("Set the workspace's {setting}."),
    (False, False): N_("Cleared your {setting}."),
    (False, True): N_("Cleared the workspace's {setting}."),
}


def calendar_change_text(change: CalendarChange, tr: Translator = ENGLISH) -> str:
    """The answer to `/goals workweek`, `/goals holidays` or `/goals dayoff`.

    Example:
        >>> calendar_change_text(CalendarChange(Outcome.UNREADABLE, Setting.HOLIDAYS, problem="?"))
        '? For example: `/goals holidays IR`.'
    """
    return rtl(_change_text(change, tr), tr.lang)


def _change_text(change: CalendarChange, tr: Translator) -> str:
    example = _EXAMPLES[change.setting]
    match change.outcome:
        case Outcome.NOT_ADMIN:
            text = tr._("Only a workspace admin can set everyone's days. Your own: `{example}`.")
            return text.format(example=example)
        case Outcome.UNREADABLE:
            return f"{change.problem} " + tr._("For example: `{example}`.").format(example=example)
        case Outcome.SHOWN:
            text = tr._("Your days: {summary}. For example: `{example}`.")
            return text.format(summary=_summary(change, tr), example=example)
        case _:
            did = _DID[(change.outcome is Outcome.SET, change.for_workspace)]
            parts = [
                tr._(did).format(setting=tr._(_NAMES[change.setting])),
                tr._("Your days: {summary}.").format(summary=_summary(change, tr)),
            ]
            if change.moved:
                parts.append(_moved(change.moved, tr))
            return " ".join(parts)


def plan_workdays_text(spec: str | None, number: int, tr: Translator = ENGLISH) -> str:
    """The answer to `/goals workdays #3 on|off`.

    Example:
        >>> plan_workdays_text(None, 3)
        "Goal #3's plan counts every day again."
    """
    if spec is None:
        return rtl(
            tr._("Goal #{number}'s plan counts every day again.").format(number=number), tr.lang
        )
    calendar = calendar_from_spec(spec)
    week = workweek_text(calendar.workweek)
    if calendar.country:
        text = tr._(
            "Goal #{number}'s plan now counts working days only ({week} and {country}'s public "
            "holidays are what counts): what is expected by today leaves days off out."
        )
    else:
        text = tr._(
            "Goal #{number}'s plan now counts working days only ({week} are what counts): "
            "what is expected by today leaves days off out."
        )
    return rtl(text.format(number=number, week=week, country=calendar.country), tr.lang)


WORKDAYS_USAGE = N_("Which goal, and on or off? For example: `{example}`.")


def workdays_usage_text(tr: Translator) -> str:
    return rtl(tr._(WORKDAYS_USAGE).format(example=WORKDAYS_EXAMPLE), tr.lang)


_NAMES = {
    Setting.WORKWEEK: N_("work week"),
    Setting.HOLIDAYS: N_("public holidays"),
    Setting.DAY_OFF_RULE: N_("day-off rule"),
}


def _summary(change: CalendarChange, tr: Translator) -> str:
    if change.workweek:
        week = tr._("work week {days}").format(days=change.workweek)
    else:
        week = tr._("every day is a working day")
    if change.country:
        holidays = tr._("{country}'s public holidays").format(country=change.country)
    else:
        holidays = tr._("no public holidays")
    return f"{week}; {holidays}; {tr._(_RULES[change.rule])}"


def _moved(count: int, tr: Translator) -> str:
    if count == 1:
        return tr._("1 reminder moved.")
    return tr._("{count} reminders moved.").format(count=count)
