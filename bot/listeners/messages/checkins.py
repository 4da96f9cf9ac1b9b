"""Replies in a reminder's thread are check-ins; editing or deleting one changes it too;
"undo" in the DM or a thread offers to take back the person's last check-in."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.core.checkin_reply import is_undo
from bot.core.mrkdwn import typed
from bot.core.values import CheckInSource
from bot.listeners.checkin_answers import answer_in_thread, refresh_after
from bot.listeners.context import MessageContext
from bot.listeners.messages.interview import interview_here
from bot.render.checkins import nothing_to_undo_text, undo_offer_blocks
from bot.services import Services
from bot.services.checkin_undo import undo_offer
from bot.services.checkins import Origin, Removed
from bot.services.thread_replies import ReplyText, Unchanged, apply_reply, remove_reply
from bot.slack.actor import Actor
from bot.slack.delivery_marks import bind_thread_parent
from bot.slack.once import once


def undo_request(ctx: MessageContext) -> bool:
    """ "undo" in the DM or in a thread: ask before removing the person's last check-in."""
    if not is_undo(ctx.text) or not (ctx.is_direct or ctx.thread_ts or ctx.is_mention):
        return False
    if interview_here(ctx):
        return False  # in an interview, "undo" goes back a step
    offer = undo_offer(ctx.services, ctx.actor.requester())
    tr = ctx.actor.tr
    text, blocks = undo_offer_blocks(offer, tr) if offer else (nothing_to_undo_text(tr), None)
    if ctx.is_direct:
        ctx.client.chat_postMessage(
            channel=ctx.channel_id, thread_ts=ctx.thread_ts, text=text, blocks=blocks
        )
    else:  # in a channel the offer is for the person alone
        ctx.client.chat_postEphemeral(
            channel=ctx.channel_id, user=ctx.user_id, thread_ts=ctx.thread_ts, text=text,
            blocks=blocks,
        )  # fmt: skip
    return True


def checkin_reply(ctx: MessageContext) -> bool:
    """A reply in a reminder's thread: record it (or skip / snooze) and answer in the thread."""
    if not ctx.thread_ts:
        return False
    said = ReplyText(
        ctx.actor.requester(), Origin(CheckInSource.REPLY, ctx.channel_id, ctx.ts), ctx.text, ctx.ts
    )
    outcome = apply_reply(ctx.services, said, thread_ts=ctx.thread_ts)
    if outcome is None and bind_thread_parent(
        ctx.services, ctx.client, team_id=ctx.team_id, channel_id=ctx.channel_id,
        thread_ts=ctx.thread_ts,
    ):  # fmt: skip
        # A reminder posted by a sender that died before recording it: found by its metadata.
        outcome = apply_reply(ctx.services, said, thread_ts=ctx.thread_ts)
    if outcome is None:
        return False
    if not isinstance(outcome, Unchanged):
        answer_in_thread(
            ctx.client,
            outcome,
            channel_id=ctx.channel_id,
            thread_ts=ctx.thread_ts,
            user_id=ctx.user_id,
            tr=ctx.actor.tr,
        )
        refresh_after(ctx.actor, outcome)
    return True


def edited_text(event: dict[str, Any]) -> tuple[str, str] | None:
    """The new text of a person's edit and its version (the edit's ts); None for any other
    `message_changed`.

    Slack also sends `message_changed` when it unfurls a link or detects a language: the
    message then carries no `edited` mark, or its text is the one before.

    Example:
        >>> unfurl = {"message": {"text": "41k", "ts": "1.0", "attachments": [{}]},
        ...           "previous_message": {"text": "41k", "ts": "1.0"}}
        >>> edited_text(unfurl) is None
        True
    """
    message, previous = event.get("message") or {}, event.get("previous_message") or {}
    edited = message.get("edited") or {}
    text = str(message.get("text") or "")
    if not edited.get("ts") or text == str(previous.get("text") or ""):
        return None
    return typed(text), str(edited["ts"])


@once
def checkin_edited(
    event: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    """`message_changed`: an edited check-in reply takes its new values."""
    message, edit = event.get("message") or {}, edited_text(event)
    thread_ts, user, channel = (
        message.get("thread_ts"),
        actor.user_id,
        str(event.get("channel") or ""),
    )
    if edit is None or message.get("bot_id") or not thread_ts or not user:
        return
    if message.get("ts") == thread_ts:
        return
    text, version = edit
    origin = Origin(CheckInSource.REPLY, channel, str(message.get("ts")))
    said = ReplyText(actor.requester(), origin, text, version)
    outcome = apply_reply(services, said, thread_ts=thread_ts)
    if outcome is None or isinstance(outcome, Unchanged):  # not a reminder's thread, or seen
        return
    answer_in_thread(
        client, outcome, channel_id=channel, thread_ts=thread_ts, user_id=user, tr=actor.tr
    )
    refresh_after(actor, outcome)


@once
def checkin_deleted(
    event: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    """`message_deleted`: a deleted check-in reply takes its check-ins with it."""
    previous = event.get("previous_message") or {}
    thread_ts, user, channel = (
        previous.get("thread_ts"),
        actor.user_id,
        str(event.get("channel") or ""),
    )
    deleted_ts = str(event.get("deleted_ts") or previous.get("ts") or "")
    if not thread_ts or not user or not deleted_ts or deleted_ts == thread_ts:
        return
    origin = Origin(CheckInSource.REPLY, channel, deleted_ts)
    removed = remove_reply(services, actor.requester(), origin, thread_ts=thread_ts)
    if isinstance(removed, Removed):
        answer_in_thread(
            client, removed, channel_id=channel, thread_ts=thread_ts, user_id=user, tr=actor.tr
        )
        refresh_after(actor, removed)
