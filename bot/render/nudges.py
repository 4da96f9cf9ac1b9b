"""What a follow-up and a note to a manager say, and the answers to the nudge settings."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.render.common import Block, actions, button, context, section
from bot.render.goals import goal_summary
from bot.render.reminder_changes import next_reminder_text
from bot.services.nudge_settings import NudgeAnswer, Said
from bot.services.nudges import Escalation
from bot.services.reminder_controls import Did, ReminderChange

REMIND_USAGE = (
    "For example: `/goals remind #3 mon 10:00 and thu 16:00` (one goal), "
    "`/goals remind weekdays 9:30` (all your goals), `/goals remind follow-up 4h` or "
    "`/goals remind escalate 2` (admins, for the workspace)."
)


def follow_up_message(
    *, schedule_id: int, title: str, owner_id: str | None, in_channel: bool
) -> tuple[str, list[Block]]:
    """The one short follow-up to a reminder nobody answered yet.

    Example:
        >>> follow_up_message(schedule_id=3, title="Reach 60k", owner_id="U1", in_channel=False)[0]
        'Still waiting for your check-in on “Reach 60k”: reply in this thread with the new value.'
    """
    who = f"<@{owner_id}> " if in_channel and owner_id else ""
    value = str(schedule_id)
    blocks: list[Block] = [
        section(f"{who}A gentle nudge: your check-in on *{escape(title)}* is still open."),
        context("Reply in this thread with the new value, or `skip`. No more nudges this time."),
        actions(
            button("Update", "reminder.update", value, style="primary"),
            button("Skip this time", "reminder.skip", value),
            block_id=f"follow-up:{schedule_id}",
        ),
    ]
    text = (
        f"Still waiting for your check-in on “{escape(title)}”: "
        "reply in this thread with the new value."
    )
    return text, blocks


def escalation_message(note: Escalation) -> tuple[str, list[Block]]:
    """What the owner's manager reads: who stopped checking in, and where the goal stands."""
    heading = (
        f"<@{note.owner_id}> has missed {note.missed} check-ins in a row on "
        f"*{escape(note.goal.title)}*. Where it stands:"
    )
    blocks: list[Block] = [
        section(heading),
        section(goal_summary(note.goal)),
        context("I tell you once per run of missed check-ins. `/goals manager` changes who hears."),
    ]
    text = f"{note.missed} missed check-ins in a row on “{escape(note.goal.title)}”."
    return text, blocks


def nudge_answer_text(answer: NudgeAnswer) -> str:
    """The answer to `/goals remind`, `/goals manager` or `/goals quiet`.

    Example:
        >>> nudge_answer_text(NudgeAnswer(Said.FOLLOW_UP, minutes=240))
        'Unanswered reminders get one follow-up 4h after them.'
    """
    match answer.said:
        case Said.FOLLOW_UP:
            if answer.minutes is None:
                return "No follow-ups: a reminder is sent once."
            return f"Unanswered reminders get one follow-up {_span(answer.minutes)} after them."
        case Said.ESCALATE:
            if not answer.count:
                return "Nobody's manager is told about missed check-ins."
            return (
                f"After {answer.count} missed check-ins in a row, the owner's manager "
                "(`/goals manager @name`, else a workspace admin) gets one message."
            )
        case Said.TIMES:
            times = " and ".join(answer.times)
            if not answer.count:
                return f"You have no running goals to remind you of at {times}."
            goals = "this goal" if answer.count == 1 else f"your {answer.count} goals"
            upcoming = ReminderChange(Did.BACK, next_at=answer.next_at, zone=answer.zone)
            nxt = f" Next: {next_reminder_text(upcoming)}." if answer.next_at else ""
            return f"Reminders for {goals}: {times}.{nxt}"
        case Said.MANAGER:
            if answer.user is None:
                return (
                    "You have no manager set here, so a workspace admin hears about missed "
                    "check-ins. `/goals manager @name` sets one."
                )
            return f"<@{answer.user}> hears when your check-ins stop."
        case Said.QUIET:
            return (
                f"I send you messages only between {answer.hours.replace('-', ' and ')} "
                f"({answer.zone}); what falls due outside waits for the morning."
            )
        case Said.UNREADABLE:
            return f"{answer.problem} For example: `{answer.example}`."
        case _:
            return _FIXED[answer.said]


_FIXED = {
    Said.ADMINS_ONLY: "Only a workspace admin can change that for the workspace.",
    Said.NO_GOAL: "There is no goal with that number. `/goals list` shows them with numbers.",
    Said.MANAGER_SELF: "You can't be your own manager here: name someone else.",
}


def _span(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return " ".join(
        part for part in (f"{hours}h" if hours else "", f"{rest}m" if rest else "") if part
    )
