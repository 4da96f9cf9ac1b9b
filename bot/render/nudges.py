"""What a follow-up and a note to a manager say, and the answers to the nudge settings."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.render.common import Block, actions, button, context, section
from bot.render.goals import goal_summary
from bot.services.nudges import Escalation


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
