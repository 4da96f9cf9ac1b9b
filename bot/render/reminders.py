"""Block Kit for reminders and the Update form that answers one."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.core.dates import format_date
from bot.core.goal_lookup import GoalRef
from bot.core.mrkdwn import escape
from bot.core.numbers.write import format_quantity
from bot.render.common import (
    Block,
    actions,
    button,
    context,
    input_block,
    modal,
    plain,
    section,
)
from bot.services.reminders import ReminderItem, ReminderView

UPDATE_CALLBACK = "checkin.update"
PICK_CALLBACK = "checkin.pick"
CONFIDENCE_OPTIONS = (
    ("on_track", "🟢 On track"),
    ("at_risk", "🟡 At risk"),
    ("off_track", "🔴 Off track"),
)
HOW_TO_ANSWER = (
    "Reply in this thread with the new value, e.g. `41.2k, the reel did well` "
    "(a note after the number; add on track, at risk or off track if you like). "
    "`skip` or `snooze 2d` work too."
)


WHY_SLACK_REFUSED: dict[str, str] = {
    "channel_not_found": "the goal's channel no longer exists, or I can't see it",
    "not_in_channel": "I am not a member of the goal's channel",
    "is_archived": "the goal's channel is archived",
    "account_inactive": "the owner's Slack account is deactivated",
    "user_not_found": "the owner is no longer in this workspace",
    "user_disabled": "the owner's Slack account is disabled",
    "cannot_dm_bot": "Slack does not let me message the owner",
    "messages_tab_disabled": "the owner turned off messages from apps",
}
"""What each permanent Slack error means for a reminder, in the words its owner reads."""


def reminder_paused_text(title: str | None, error: str) -> str:
    """Why a goal's reminders were paused after Slack refused one (`error` is Slack's code).

    Example:
        >>> reminder_paused_text("Reach", "is_archived").split(": ")[1].split(".")[0]
        "the goal's channel is archived"
    """
    why = WHY_SLACK_REFUSED.get(error, f"Slack answered {error}")
    return (
        f"I couldn't send the check-in reminder for “{escape(title or 'a goal')}”: {why}. "
        "I paused its reminders instead of trying again and again. "
        "Fix that, then type `/goals back` to turn them on again."
    )


def reminder_message(view: ReminderView) -> tuple[str, list[Block]]:
    """The reminder's notification text and blocks."""
    who = f"<@{view.owner_id}> " if view.in_channel and view.owner_id else ""
    heading = f"{who}Time to check in on *{escape(view.title)}*."
    if view.late_from:
        heading += (
            f"\n_This was due at {view.late_from:%H:%M}, while I was offline: sorry it's late._"
        )
    blocks: list[Block] = [section(heading)]
    for item in view.items[:20]:
        if item.last:
            last = f"Last: {_last(item)}"
        elif item.baseline:
            last = f"No check-in yet (started from {format_quantity(item.baseline)})"
        else:
            last = "No value yet: the first one becomes the baseline"
        expected = (
            f"  ·  Expected by now: {format_quantity(item.expected)}" if item.expected else ""
        )
        title = f"*{escape(item.goal.title)}*\n" if len(view.items) > 1 else ""
        blocks.append(section(f"{title}{last}{expected}"))
    blocks.append(context(HOW_TO_ANSWER))
    value = str(view.schedule_id)
    blocks.append(
        actions(
            button("Update", "reminder.update", value, style="primary"),
            button("Skip this time", "reminder.skip", value),
            button("Snooze 1 day", "reminder.snooze", value),
            button("Pause reminders", "reminder.pause", value),
            block_id=f"reminder:{view.schedule_id}",
        )
    )
    text = f"Time to check in on “{escape(view.title)}”: reply in this thread with the new value."
    return text, blocks


def update_form(
    items: Sequence[ReminderItem], *, answer_to: dict[str, object]
) -> dict[str, object]:
    """The Update modal: one value per goal asked about, a note and a confidence.

    `answer_to` says where the answer goes: a reminder's thread
    (`{"channel": ..., "thread": ...}`) or, from the App Home, one goal (`{"goal": 7}`).

    Example:
        >>> update_form(view.items, answer_to={"goal": 7})["callback_id"]
        'checkin.update'
    """
    blocks: list[Block] = [
        input_block(
            f"value:{item.goal.id}",
            f"{item.goal.title}: new value",
            {"type": "plain_text_input", "action_id": "value", "placeholder": plain("e.g. 41.2k")},
            hint=f"Last: {_last(item)}" if item.last else "The first value becomes the baseline",
        )
        for item in items[:20]
    ]
    note = {"type": "plain_text_input", "action_id": "note", "multiline": True}
    confidence = {
        "type": "static_select",
        "action_id": "confidence",
        "options": [{"text": plain(label), "value": key} for key, label in CONFIDENCE_OPTIONS],
    }
    blocks += [
        input_block("note", "Note", note, optional=True),
        input_block("confidence", "How confident are you?", confidence, optional=True),
    ]
    return modal(
        UPDATE_CALLBACK, "Check in", "Save", blocks, private_metadata=json.dumps(answer_to)
    )


def goal_picker(choices: Sequence[GoalRef]) -> dict[str, object]:
    """Which goal to check in on, for someone with several; Next opens the Update form."""
    options = [
        {"text": plain(f"#{g.number} {g.title}", 75), "value": str(g.id)} for g in choices[:100]
    ]
    picker = {"type": "static_select", "action_id": "goal", "options": options}
    blocks: list[Block] = [input_block("goal", "Which goal?", picker)]
    if len(choices) > len(options):
        blocks.append(context("Not listed? Type `/goals checkin #<number> <value>` instead."))
    return modal(PICK_CALLBACK, "Check in", "Next", blocks)


def _last(item: ReminderItem) -> str:
    """The latest check-in and its day: "41,200 on 16 Nov 2026"."""
    assert item.last is not None and item.last_on is not None
    return f"{format_quantity(item.last)} on {format_date(item.last_on)}"
