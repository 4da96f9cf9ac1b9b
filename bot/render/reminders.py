"""Block Kit for reminders and the Update form that answers one."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.core.checkin_reply import HOW_TO_SAY
from bot.core.goal_lookup import GoalRef
from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import day, quantity
from bot.render.checkins import ENGLISH
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
from bot.render.reminder_changes import clock
from bot.services.reminders import ReminderItem, ReminderView

UPDATE_CALLBACK = "checkin.update"
PICK_CALLBACK = "checkin.pick"
CONFIDENCE_OPTIONS = (
    ("on_track", N_("🟢 On track")),
    ("at_risk", N_("🟡 At risk")),
    ("off_track", N_("🔴 Off track")),
)
HOW_TO_ANSWER = N_(
    "Reply in this thread with the new value, e.g. `{example}` "
    "(a note after the number; add on track, at risk or off track if you like). "
    "`{skip}` or `{snooze}` work too."
)


WHY_SLACK_REFUSED: dict[str, str] = {
    "channel_not_found": N_("the goal's channel no longer exists, or I can't see it"),
    "not_in_channel": N_("I am not a member of the goal's channel"),
    "is_archived": N_("the goal's channel is archived"),
    "account_inactive": N_("the owner's Slack account is deactivated"),
    "user_not_found": N_("the owner is no longer in this workspace"),
    "user_disabled": N_("the owner's Slack account is disabled"),
    "cannot_dm_bot": N_("Slack does not let me message the owner"),
    "messages_tab_disabled": N_("the owner turned off messages from apps"),
}
"""What each permanent Slack error means for a reminder, in the words its owner reads."""


def reminder_paused_text(title: str | None, error: str, tr: Translator = ENGLISH) -> str:
    """Why a goal's reminders were paused after Slack refused one (`error` is Slack's code).

    Example:
        >>> reminder_paused_text("Reach", "is_archived").split(": ")[1].split(".")[0]
        "the goal's channel is archived"
    """
    known = WHY_SLACK_REFUSED.get(error)
    why = tr._(known) if known else tr._("Slack answered {error}").format(error=error)
    text = tr._(
        "I couldn't send the check-in reminder for “{title}”: {why}. "
        "I paused its reminders instead of trying again and again. "
        "Fix that, then type `/goals back` to turn them on again."
    )
    return rtl(text.format(title=escape(title or tr._("a goal")), why=why), tr.lang)


def reminder_message(view: ReminderView, tr: Translator = ENGLISH) -> tuple[str, list[Block]]:
    """The reminder's notification text and blocks, in the owner's language."""
    lang = tr.lang
    who = f"<@{view.owner_id}> " if view.in_channel and view.owner_id else ""
    heading = who + tr._("Time to check in on {title}.").format(title=f"*{escape(view.title)}*")
    if view.late_from:
        late = tr._("This was due at {time}, while I was offline: sorry it's late.")
        heading += "\n_" + late.format(time=clock(view.late_from, lang)) + "_"
    blocks: list[Block] = [section(rtl(heading, lang))]
    for item in view.items[:20]:
        if item.last:
            last = tr._("Last: {value}").format(value=_last(item, tr))
        elif item.baseline:
            last = tr._("No check-in yet (started from {value})").format(
                value=quantity(item.baseline, lang)
            )
        else:
            last = tr._("No value yet: the first one becomes the baseline")
        expected = ""
        if item.expected:
            by_now = tr._("Expected by now: {value}").format(value=quantity(item.expected, lang))
            expected = f"  ·  {by_now}"
        title = f"*{escape(item.goal.title)}*\n" if len(view.items) > 1 else ""
        blocks.append(section(rtl(f"{title}{last}{expected}", lang)))
    say = HOW_TO_SAY.get(lang, HOW_TO_SAY["en"])
    how = tr._(HOW_TO_ANSWER).format(example=say.value, skip=say.skip, snooze=say.snooze)
    blocks.append(context(rtl(how, lang)))
    value = str(view.schedule_id)
    blocks.append(
        actions(
            button(tr._("Update"), "reminder.update", value, style="primary"),
            button(tr._("Skip this time"), "reminder.skip", value),
            button(tr._("Snooze 1 day"), "reminder.snooze", value),
            button(tr._("Pause reminders"), "reminder.pause", value),
            block_id=f"reminder:{view.schedule_id}",
        )
    )
    text = tr._("Time to check in on “{title}”: reply in this thread with the new value.")
    return rtl(text.format(title=escape(view.title)), lang), blocks


def update_form(
    items: Sequence[ReminderItem], *, answer_to: dict[str, object], tr: Translator = ENGLISH
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
            tr._("{title}: new value").format(title=item.goal.title),
            {
                "type": "plain_text_input",
                "action_id": "value",
                "placeholder": plain(tr._("e.g. {example}").format(example="41.2k")),
            },
            hint=(
                tr._("Last: {value}").format(value=_last(item, tr))
                if item.last
                else tr._("The first value becomes the baseline")
            ),
        )
        for item in items[:20]
    ]
    note = {"type": "plain_text_input", "action_id": "note", "multiline": True}
    confidence = {
        "type": "static_select",
        "action_id": "confidence",
        "options": [
            {"text": plain(tr._(label)), "value": key} for key, label in CONFIDENCE_OPTIONS
        ],
    }
    blocks += [
        input_block("note", tr._("Note"), note, optional=True),
        input_block("confidence", tr._("How confident are you?"), confidence, optional=True),
    ]
    return modal(
        UPDATE_CALLBACK,
        tr._("Check in"),
        tr._("Save"),
        blocks,
        private_metadata=json.dumps(answer_to),
    )


def goal_picker(choices: Sequence[GoalRef], tr: Translator = ENGLISH) -> dict[str, object]:
    """Which goal to check in on, for someone with several; Next opens the Update form."""
    options = [
        {"text": plain(f"#{g.number} {g.title}", 75), "value": str(g.id)} for g in choices[:100]
    ]
    picker = {"type": "static_select", "action_id": "goal", "options": options}
    blocks: list[Block] = [input_block("goal", tr._("Which goal?"), picker)]
    if len(choices) > len(options):
        blocks.append(context(tr._("Not listed? Type `/goals checkin #<number> <value>` instead.")))
    return modal(PICK_CALLBACK, tr._("Check in"), tr._("Next"), blocks)


def _last(item: ReminderItem, tr: Translator) -> str:
    """The latest check-in and its day: "41,200 on 16 Nov 2026"."""
    assert item.last is not None and item.last_on is not None
    return tr._("{value} on {day}").format(
        value=quantity(item.last, tr.lang), day=day(item.last_on, tr.lang)
    )
