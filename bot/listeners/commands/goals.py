"""`/goals <subcommand>`: one table maps each subcommand to the function behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.core.mrkdwn import typed
from bot.listeners.commands import (
    checkins,
    digests,
    feeds,
    goal_admin,
    languages,
    nudges,
    work_calendars,
)
from bot.listeners.commands.interview import new_goal
from bot.listeners.commands.questions import ask
from bot.listeners.commands.tokens import token_command
from bot.listeners.context import CommandContext
from bot.render.help import help_blocks, help_text, help_view, unknown_command_text
from bot.services import Services
from bot.slack.actor import Actor
from bot.slack.once import once

COMMAND = "/goals"

Subcommand = Callable[[CommandContext], None]


def show_help(ctx: CommandContext) -> None:
    view, tr = help_view(), ctx.actor.tr
    ctx.reply(help_text(view, tr), help_blocks(view, tr))


SUBCOMMANDS: dict[str, Subcommand] = {
    "help": show_help,
    "new": new_goal,
    "ask": ask,
    "digest": digests.digest_command,
    "chart": digests.chart_command,
    "list": goal_admin.list_command,
    "show": goal_admin.show_command,
    "edit": goal_admin.edit_command,
    "archive": goal_admin.archive_command,
    "export": goal_admin.export_command,
    "feed": feeds.feed,
    "checkin": checkins.checkin,
    "undo": checkins.undo,
    "away": checkins.away,
    "back": checkins.back,
    "workweek": work_calendars.workweek,
    "holidays": work_calendars.holidays,
    "dayoff": work_calendars.day_off,
    "workdays": work_calendars.workdays,
    "remind": nudges.remind_command,
    "manager": nudges.manager_command,
    "quiet": nudges.quiet_command,
    "token": token_command,
    "language": languages.language_command,
}


def split_subcommand(text: str) -> tuple[str, str]:
    """`"checkin reach 41k"` -> `("checkin", "reach 41k")`; empty text means help."""
    word, _, rest = text.strip().partition(" ")
    return (word.casefold() or "help"), rest.strip()


@once
def goals_command(
    ack: Ack,
    command: dict[str, Any],
    client: WebClient,
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    """`/goals <subcommand> <args>`: acknowledge, then run the subcommand's function."""
    ack()
    name, args = split_subcommand(typed(str(command.get("text", ""))))
    ctx = CommandContext(
        services=services,
        client=client,
        respond=respond,
        actor=actor,
        channel_id=str(command.get("channel_id", "")),
        args=args,
        trigger_id=str(command.get("trigger_id", "")),
    )
    handler = SUBCOMMANDS.get(name)
    if handler is None:
        ctx.reply(unknown_command_text(COMMAND, name, actor.tr))
        return
    handler(ctx)
