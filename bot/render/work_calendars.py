"""What the bot says about work weeks, public holidays, days off and plans by working days."""

from __future__ import annotations

from bot.core.workdays import WORKWEEK_EXAMPLE, DayOffRule, calendar_from_spec, workweek_text
from bot.services.work_calendars import CalendarChange, Outcome, Setting

WORKDAYS_EXAMPLE = "/goals workdays #3 on"
_EXAMPLES = {
    Setting.WORKWEEK: WORKWEEK_EXAMPLE,
    Setting.HOLIDAYS: "/goals holidays IR",
    Setting.DAY_OFF_RULE: "/goals dayoff skip",
}
_RULES = {
    DayOffRule.MOVE: "a reminder due on a day off moves to the next working day",
    DayOffRule.SKIP: "a reminder due on a day off is skipped",
}


def calendar_change_text(change: CalendarChange) -> str:
    """The answer to `/goals workweek`, `/goals holidays` or `/goals dayoff`.

    Example:
        >>> calendar_change_text(CalendarChange(Outcome.UNREADABLE, Setting.HOLIDAYS, problem="?"))
        '? For example: `/goals holidays IR`.'
    """
    whose = "the workspace's" if change.for_workspace else "your"
    match change.outcome:
        case Outcome.NOT_ADMIN:
            return (
                "Only a workspace admin can set everyone's days. "
                f"Your own: `{_EXAMPLES[change.setting]}`."
            )
        case Outcome.UNREADABLE:
            return f"{change.problem} For example: `{_EXAMPLES[change.setting]}`."
        case Outcome.SHOWN:
            return f"Your days: {_summary(change)}. For example: `{_EXAMPLES[change.setting]}`."
        case _:
            did = "Set" if change.outcome is Outcome.SET else "Cleared"
            moved = f" {_moved(change.moved)}" if change.moved else ""
            return f"{did} {whose} {_NAMES[change.setting]}. Your days: {_summary(change)}.{moved}"


def plan_workdays_text(spec: str | None, number: int) -> str:
    """The answer to `/goals workdays #3 on|off`.

    Example:
        >>> plan_workdays_text(None, 3)
        "Goal #3's plan counts every day again."
    """
    if spec is None:
        return f"Goal #{number}'s plan counts every day again."
    calendar = calendar_from_spec(spec)
    holidays = f" and {calendar.country}'s public holidays" if calendar.country else ""
    return (
        f"Goal #{number}'s plan now counts working days only ({workweek_text(calendar.workweek)}"
        f"{holidays} are what counts): what is expected by today leaves days off out."
    )


WORKDAYS_USAGE = f"Which goal, and on or off? For example: `{WORKDAYS_EXAMPLE}`."

_NAMES = {
    Setting.WORKWEEK: "work week",
    Setting.HOLIDAYS: "public holidays",
    Setting.DAY_OFF_RULE: "day-off rule",
}


def _summary(change: CalendarChange) -> str:
    week = f"work week {change.workweek}" if change.workweek else "every day is a working day"
    holidays = f"{change.country}'s public holidays" if change.country else "no public holidays"
    return f"{week}; {holidays}; {_RULES[change.rule]}"


def _moved(count: int) -> str:
    return "1 reminder moved." if count == 1 else f"{count} reminders moved."
