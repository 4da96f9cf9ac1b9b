"""What the bot says after someone skips, snoozes or pauses reminders, goes away or comes back."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.core.dates import format_date
from bot.render.common import counted
from bot.services.reminder_controls import Did, ReminderChange

AWAY_EXAMPLE = "/goals away until Jan 5"
UNTIL_WHEN = f"Until when? For example: `{AWAY_EXAMPLE}`."
"""`/goals away` typed without a day."""
BACK_AGAIN = "`/goals back` turns them on again."


def reminder_change_text(change: ReminderChange) -> str:
    """The answer to a change of reminders, with when the next one comes.

    Example:
        >>> reminder_change_text(ReminderChange(Did.PAUSED_ALL, count=2))
        'Paused reminders for 2 goals. `/goals back` turns them on again.'
    """
    match change.did:
        case Did.SKIPPED:
            return f"OK, nothing this time. Next reminder: {next_reminder_text(change)}."
        case Did.SNOOZED:
            return f"Snoozed. I'll ask again {next_reminder_text(change)}."
        case Did.PAUSED_ALL:
            if not change.count:
                return "You have no running reminders to pause."
            return f"Paused reminders for {counted(change.count, 'goal')}. {BACK_AGAIN}"
        case Did.AWAY:
            assert change.until is not None
            return (
                f"Enjoy your time away. No reminders until {format_date(change.until)}; "
                "`/goals back` turns them on sooner."
            )
        case Did.AWAY_UNREADABLE:
            return f"{change.problem} For example: `{AWAY_EXAMPLE}`."
        case Did.AWAY_NOT_LATER:
            assert change.until is not None
            return (
                f"{format_date(change.until)} is not in the future. For example: `{AWAY_EXAMPLE}`."
            )
        case Did.BACK:
            if not change.count:
                return "Welcome back. You have no running goals to remind you of."
            return (
                f"Welcome back. Reminders are on for {counted(change.count, 'goal')}; "
                f"the next one: {next_reminder_text(change)}."
            )
        case _:
            return _FIXED_TEXTS[change.did]


_FIXED_TEXTS = {
    Did.SNOOZE_GONE: "This reminder's schedule is gone, so there is nothing to snooze.",
    Did.PAUSED: f"Reminders for this goal are paused. {BACK_AGAIN}",
    Did.PAUSE_GONE: "This reminder's schedule is gone already.",
    Did.GOAL_GONE: "This reminder's goal is gone.",
}
"""Answers that say the same whatever else the change holds."""


def next_reminder_text(change: ReminderChange) -> str:
    """When the next reminder comes, in the schedule's time zone.

    Example:
        >>> next_reminder_text(ReminderChange(Did.SKIPPED))
        'not scheduled'
    """
    if change.next_at is None:
        return "not scheduled"
    local = change.next_at.astimezone(ZoneInfo(change.zone))
    return f"{local:%a} {format_date(local.date())} at {local:%H:%M} ({change.zone})"
