"""Messages and mentions: each goes to the first handler that takes it.

The order matters: a reply in a reminder's thread is a check-in before it is
anything else; an interview in progress comes before a question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.core.mrkdwn import typed
from bot.i18n.bidi import rtl
from bot.listeners.context import MessageContext
from bot.listeners.messages import checkins
from bot.listeners.messages.analytics_files import analytics_file
from bot.listeners.messages.interview import interview_reply, wish_to_goal
from bot.listeners.messages.questions import answer_questions
from bot.render.help import DID_NOT_CATCH
from bot.services import Services
from bot.slack.actor import Actor
from bot.slack.once import once

MessageHandler = Callable[[MessageContext], bool]

_LEADING_MENTION = re.compile(r"^\s*<@[A-Z0-9]+>\s*")


def fallback(ctx: MessageContext) -> bool:
    """Nobody else took it: say what the bot understands (only where it was spoken to)."""
    if ctx.is_direct or ctx.is_mention:
        tr = ctx.actor.tr
        ctx.say(rtl(tr._(DID_NOT_CATCH), tr.lang), in_thread=ctx.is_mention)
        return True
    return False


HANDLERS: tuple[MessageHandler, ...] = (
    analytics_file,
    checkins.undo_request,
    checkins.checkin_reply,
    interview_reply,
    wish_to_goal,
    answer_questions,
    fallback,
)


def _context(
    services: Services, client: WebClient, actor: Actor, event: dict[str, Any], *, mention: bool
) -> MessageContext:
    text = typed(str(event.get("text") or ""))
    if mention:
        text = _LEADING_MENTION.sub("", text)
    return MessageContext(
        services=services,
        client=client,
        actor=actor,
        channel_id=str(event.get("channel") or ""),
        channel_type=str(event.get("channel_type") or ("channel" if mention else "")),
        text=text,
        ts=str(event.get("ts") or ""),
        thread_ts=event.get("thread_ts"),
        is_mention=mention,
        files=tuple(f for f in event.get("files") or () if isinstance(f, dict)),
    )


def dispatch(ctx: MessageContext) -> None:
    for handler in HANDLERS:
        if handler(ctx):
            return


@once
def on_mention(event: dict[str, Any], client: WebClient, services: Services, actor: Actor) -> None:
    dispatch(_context(services, client, actor, event, mention=True))


def written_to_the_bot(body: dict[str, Any], event: dict[str, Any]) -> bool:
    """A person's own message (not a bot's, not a join or topic change), not also a mention.

    A mention in a channel arrives as `app_mention` too, and is answered there once.
    """
    if event.get("bot_id") or event.get("subtype") not in (None, "file_share", "thread_broadcast"):
        return False
    authorizations = body.get("authorizations") or [{}]
    bot_user = str(authorizations[0].get("user_id", ""))
    return event.get("channel_type") == "im" or f"<@{bot_user}>" not in str(event.get("text"))


@once
def on_message(event: dict[str, Any], client: WebClient, services: Services, actor: Actor) -> None:
    dispatch(_context(services, client, actor, event, mention=False))


def ignore_message() -> None:
    """Other bots' messages, joins, topic changes: acknowledged, with nothing to do."""


def register(app: App) -> None:
    app.event("app_mention")(on_mention)
    app.event({"type": "message", "subtype": "message_changed"})(checkins.checkin_edited)
    app.event({"type": "message", "subtype": "message_deleted"})(checkins.checkin_deleted)
    app.event("message", matchers=[written_to_the_bot])(on_message)
    app.event("message")(ignore_message)
