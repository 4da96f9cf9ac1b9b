"""How the bot answers a check-in in Slack: in the reminder's thread, or privately when refused.

Shared by the thread-reply, command, button and form listeners, so every path
answers the same way.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n.catalogue import Translator
from bot.listeners.home import refresh_homes
from bot.render.checkins import (
    ENGLISH,
    doubt_blocks,
    recorded_blocks,
    removed_text,
    unclear_text,
)
from bot.render.refusals import refused_text
from bot.render.reminder_changes import reminder_change_text
from bot.services.checkins import (
    Implausible,
    Outcome,
    Postponed,
    Question,
    Recorded,
    Removed,
    changed_goals,
)
from bot.services.permissions import Refused
from bot.slack.actor import Actor
from bot.slack.errors import CHANNEL_ERRORS

# Slack's answers to an ephemeral for someone who cannot see that channel.
NOT_SHOWN_THERE = CHANNEL_ERRORS | {"user_not_in_channel"}


def outcome_text(
    outcome: Outcome, tr: Translator = ENGLISH
) -> tuple[str, list[dict[str, object]] | None]:
    """The words (and blocks) for any outcome, in the language `tr` speaks."""
    if isinstance(outcome, Recorded):
        text, blocks = recorded_blocks(outcome, tr)
        return text, blocks
    if isinstance(outcome, Question):
        return unclear_text(outcome, tr), None
    if isinstance(outcome, Removed):
        return removed_text(outcome.titles, tr), None
    if isinstance(outcome, Refused):
        return refused_text(outcome, tr), None
    if isinstance(outcome, Postponed):
        return reminder_change_text(outcome.change, tr), None
    if isinstance(outcome, Implausible):
        return doubt_blocks(outcome, tr)
    raise TypeError(f"unknown outcome {outcome!r}")


def refresh_after(actor: Actor, outcome: Outcome) -> None:
    """Show the change on the App Home of the actor and the changed goals' owners."""
    changed = changed_goals(outcome)
    if changed:
        refresh_homes(actor, goal_ids=changed)


def answer_in_thread(
    client: WebClient,
    outcome: Outcome,
    *,
    channel_id: str,
    thread_ts: str,
    user_id: str,
    tr: Translator,
) -> None:
    """Post the answer in the thread, in the language of the person who answered; a refusal
    or a doubt goes to them alone."""
    text, blocks = outcome_text(outcome, tr)
    if isinstance(outcome, Refused | Implausible):
        try:
            client.chat_postEphemeral(
                channel=channel_id, user=user_id, text=text, blocks=blocks, thread_ts=thread_ts
            )
        except SlackApiError as exc:
            if exc.response.get("error") not in NOT_SHOWN_THERE:
                raise
            # They are not in that channel (a stale or forwarded button): tell them by DM.
            client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
        return
    client.chat_postMessage(channel=channel_id, thread_ts=thread_ts, text=text, blocks=blocks)
