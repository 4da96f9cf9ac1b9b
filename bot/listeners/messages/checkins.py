"""Replies in a reminder's thread are check-ins; editing or deleting one changes it too;
"undo" in the DM or a thread offers to take back the person's last check-in."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.listeners.checkin_answers import answer_in_thread, refresh_after
from bot.listeners.context import MessageContext
from bot.render.checkins import NOTHING_TO_UNDO, undo_offer_blocks
from bot.services import Services
from bot.services.checkin_undo import undo_offer
from bot.services.checkins import Origin
from bot.services.thread_replies import change_reply, remove_reply, reply_in_thread
from bot.slack.actor import Actor
from bot.slack.once import once

UNDO_WORDS = frozenset({"undo", "undo that", "undo it", "undo my check-in", "undo last"})


def undo_request(ctx: MessageContext) -> bool:
    """ "undo" in the DM or in a thread: ask before removing the person's last check-in."""
    said = ctx.text.strip().lower().rstrip(".!")
    if said not in UNDO_WORDS or not (ctx.is_direct or ctx.thread_ts or ctx.is_mention):
        return False
    offer = undo_offer(ctx.services, ctx.actor.requester())
    text, blocks = undo_offer_blocks(offer) if offer else (NOTHING_TO_UNDO, None)
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
    origin = Origin("reply", ctx.channel_id, ctx.ts)
    outcome = reply_in_thread(
        ctx.services, ctx.actor.requester(), origin, ctx.text, thread_ts=ctx.thread_ts
    )
    if outcome is None:
        return False
    answer_in_thread(
        ctx.client, outcome, channel_id=ctx.channel_id, thread_ts=ctx.thread_ts, user_id=ctx.user_id
    )
    refresh_after(ctx.actor, outcome)
    return True


@once
def checkin_edited(
    event: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    """`message_changed`: an edited check-in reply takes its new values."""
    message = event.get("message") or {}
    thread_ts, user, channel = (
        message.get("thread_ts"),
        actor.user_id,
        str(event.get("channel") or ""),
    )
    if message.get("bot_id") or not thread_ts or not user or message.get("ts") == thread_ts:
        return
    author = actor.requester()
    origin = Origin("reply", channel, str(message.get("ts")))
    text = str(message.get("text") or "")
    outcome = change_reply(services, author, origin, text, thread_ts=thread_ts)
    if outcome is None:  # the first version recorded nothing: read the edit as a new reply
        outcome = reply_in_thread(services, author, origin, text, thread_ts=thread_ts)
    if outcome is None:  # not a reminder's thread
        return
    answer_in_thread(client, outcome, channel_id=channel, thread_ts=thread_ts, user_id=user)
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
    if not thread_ts or not user or not deleted_ts:
        return
    removed = remove_reply(services, actor.requester(), Origin("reply", channel, deleted_ts))
    if removed is not None:
        answer_in_thread(client, removed, channel_id=channel, thread_ts=thread_ts, user_id=user)
        refresh_after(actor, removed)
