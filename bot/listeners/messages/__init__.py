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

from bot.listeners.context import MessageContext
from bot.listeners.messages import checkins
from bot.listeners.messages.interview import interview_reply
from bot.listeners.messages.questions import answer_questions
from bot.listeners.once import first_delivery
from bot.services import Services

MessageHandler = Callable[[MessageContext], bool]

_LEADING_MENTION = re.compile(r"^\s*<@[A-Z0-9]+>\s*")


def fallback(ctx: MessageContext) -> bool:
    """Nobody else took it: say what the bot understands (only where it was spoken to)."""
    if ctx.is_direct or ctx.is_mention:
        ctx.say(
            "I didn't catch that. Type `/goals help` to see what I can do.",
            in_thread=ctx.is_mention,
        )
        return True
    return False


HANDLERS: tuple[MessageHandler, ...] = (
    checkins.checkin_reply,
    interview_reply,
    answer_questions,
    fallback,
)


def _context(
    services: Services, client: WebClient, body: dict[str, Any], *, mention: bool
) -> MessageContext:
    event = body.get("event", {})
    text = str(event.get("text") or "")
    if mention:
        text = _LEADING_MENTION.sub("", text)
    return MessageContext(
        services=services,
        client=client,
        team_id=str(body.get("team_id") or event.get("team") or ""),
        user_id=str(event.get("user") or ""),
        channel_id=str(event.get("channel") or ""),
        channel_type=str(event.get("channel_type") or ("channel" if mention else "")),
        text=text,
        ts=str(event.get("ts") or ""),
        thread_ts=event.get("thread_ts"),
        is_mention=mention,
        event=event,
    )


def dispatch(ctx: MessageContext) -> None:
    for handler in HANDLERS:
        if handler(ctx):
            return


def register(app: App, services: Services) -> None:
    @app.event("app_mention")
    def on_mention(body: dict[str, Any], client: WebClient) -> None:
        if not first_delivery(services, body):
            return
        dispatch(_context(services, client, body, mention=True))

    @app.event("message")
    def on_message(body: dict[str, Any], client: WebClient) -> None:
        event = body.get("event", {})
        subtype = event.get("subtype")
        if subtype == "message_changed":
            checkins.on_edit(services, client, body)
            return
        if subtype == "message_deleted":
            checkins.on_delete(services, client, body)
            return
        if event.get("bot_id") or subtype not in (None, "file_share", "thread_broadcast"):
            return
        if event.get("channel_type") != "im" and f"<@{_bot_user(body)}>" in str(event.get("text")):
            return  # a mention in a channel arrives as app_mention too; answer it once
        if not first_delivery(services, body):
            return
        dispatch(_context(services, client, body, mention=False))


def _bot_user(body: dict[str, Any]) -> str:
    authorizations = body.get("authorizations") or [{}]
    return str(authorizations[0].get("user_id", ""))
