"""What a follow-up and a note to a manager say, and the answers to the nudge settings."""

from __future__ import annotations

from bot.core.cadence.describe import describe_cadence
from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import number
from bot.render.checkins import ENGLISH
from bot.render.common import Block, actions, button, context, section
from bot.render.goals import goal_summary
from bot.render.reminder_changes import next_reminder_text
from bot.services.nudge_settings import NudgeAnswer, Said
from bot.services.nudges import Escalation
from bot.services.reminder_controls import Did, ReminderChange

REMIND_USAGE = N_(
    "For example: `/goals remind #3 mon 10:00 and thu 16:00` (one goal), "
    "`/goals remind weekdays 9:30` (all your goals), `/goals remind follow-up 4h` or "
    "`/goals remind escalate 2` (admins, for the workspace)."
)


def follow_up_message(
    *, schedule_id: int, title: str, owner_id: str | None, in_channel: bool,
    tr: Translator = ENGLISH,
) -> tuple[str, list[Block]]:  # fmt: skip
    """The one short follow-up to a reminder nobody answered yet, in the owner's language.

    Example:
        >>> follow_up_message(schedule_id=3, title="Reach 60k", owner_id="U1", in_channel=False)[0]
        'Still waiting for your check-in on “Reach 60k”: reply in this thread with the new value.'
    """
    who = f"<@{owner_id}> " if in_channel and owner_id else ""
    value = str(schedule_id)
    nudge = tr._("A gentle nudge: your check-in on {title} is still open.")
    how = tr._("Reply in this thread with the new value, or `skip`. No more nudges this time.")
    blocks: list[Block] = [
        section(rtl(who + nudge.format(title=f"*{escape(title)}*"), tr.lang)),
        context(rtl(how, tr.lang)),
        actions(
            button(tr._("Update"), "reminder.update", value, style="primary"),
            button(tr._("Skip this time"), "reminder.skip", value),
            block_id=f"follow-up:{schedule_id}",
        ),
    ]
    text = tr._(
        "Still waiting for your check-in on “{title}”: reply in this thread with the new value."
    )
    return rtl(text.format(title=escape(title)), tr.lang), blocks


def escalation_message(note: Escalation, tr: Translator = ENGLISH) -> tuple[str, list[Block]]:
    """What the owner's manager reads: who stopped checking in, and where the goal stands."""
    heading = tr._("<@{owner}> has missed {missed} check-ins in a row on {title}. Where it stands:")
    once = tr._("I tell you once per run of missed check-ins. `/goals manager` changes who hears.")
    missed = number(note.missed, tr.lang)
    blocks: list[Block] = [
        section(
            rtl(
                heading.format(
                    owner=note.owner_id, missed=missed, title=f"*{escape(note.goal.title)}*"
                ),
                tr.lang,
            )
        ),
        section(rtl(goal_summary(note.goal, tr), tr.lang)),
        context(rtl(once, tr.lang)),
    ]
    text = tr._("{missed} missed check-ins in a row on “{title}”.")
    return rtl(text.format(missed=missed, title=escape(note.goal.title)), tr.lang), blocks


def nudge_answer_text(answer: NudgeAnswer, tr: Translator = ENGLISH) -> str:
    """The answer to `/goals remind`, `/goals manager` or `/goals quiet`.

    Example:
        >>> nudge_answer_text(NudgeAnswer(Said.FOLLOW_UP, minutes=240))
        'Unanswered reminders get one follow-up 4h after them.'
    """
    return rtl(_answer(answer, tr), tr.lang)


def remind_usage_text(tr: Translator) -> str:
    return rtl(tr._(REMIND_USAGE), tr.lang)


def _answer(answer: NudgeAnswer, tr: Translator) -> str:
    match answer.said:
        case Said.FOLLOW_UP:
            if answer.minutes is None:
                return tr._("No follow-ups: a reminder is sent once.")
            text = tr._("Unanswered reminders get one follow-up {span} after them.")
            return text.format(span=_span(answer.minutes, tr))
        case Said.ESCALATE:
            if not answer.count:
                return tr._("Nobody's manager is told about missed check-ins.")
            text = tr._(
                "After {count} missed check-ins in a row, the owner's manager "
                "(`/goals manager @name`, else a workspace admin) gets one message."
            )
            return text.format(count=number(answer.count, tr.lang))
        case Said.TIMES:
            return _times(answer, tr)
        case Said.MANAGER:
            if answer.user is None:
                return tr._(
                    "You have no manager set here, so a workspace admin hears about missed "
                    "check-ins. `/goals manager @name` sets one."
                )
            return tr._("<@{user}> hears when your check-ins stop.").format(user=answer.user)
        case Said.QUIET:
            start, _, end = answer.hours.partition("-")
            text = tr._(
                "I send you messages only between {start} and {end} ({zone}); "
                "what falls due outside waits for the morning."
            )
            return text.format(start=start, end=end, zone=answer.zone)
        case Said.UNREADABLE:
            return f"{answer.problem} " + tr._("For example: `{example}`.").format(
                example=answer.example
            )
        case _:
            return tr._(_FIXED[answer.said])


def _times(answer: NudgeAnswer, tr: Translator) -> str:
    first, *others = [describe_cadence(cadence, tr) for cadence in answer.times]
    joined = first
    for other in others:
        joined = tr._("{days} and {last}").format(days=joined, last=other)
    if not answer.count:
        return tr._("You have no running goals to remind you of at {times}.").format(times=joined)
    if answer.count == 1:
        text = tr._("Reminders for this goal: {times}.")
    else:
        text = tr._("Reminders for your {count} goals: {times}.")
    text = text.format(count=answer.count, times=joined)
    if answer.next_at:
        upcoming = ReminderChange(Did.BACK, next_at=answer.next_at, zone=answer.zone)
        text += " " + tr._("Next: {when}.").format(when=next_reminder_text(upcoming, tr))
    return text


_FIXED = {
    Said.ADMINS_ONLY: N_("Only a workspace admin can change that for the workspace."),
    Said.NO_GOAL: N_("There is no goal with that number. `/goals list` shows them with numbers."),
    Said.MANAGER_SELF: N_("You can't be your own manager here: name someone else."),
}


def _span(minutes: int, tr: Translator) -> str:
    """ "4h 30m", as the language shortens hours and minutes."""
    hours, rest = divmod(minutes, 60)
    parts = (
        tr._("{hours}h").format(hours=hours) if hours else "",
        tr._("{minutes}m").format(minutes=rest) if rest else "",
    )
    return " ".join(part for part in parts if part)
